"""The evidence map (/evidence/) and the page that explains the evidence levels.

Rows are things a practice can do (the ten High Impact Actions, new roles, ways of working at
scale, the new care models); columns are the measured outcome kinds. A cell counts the
published items that report a measured outcome of that kind and links to the finder filtered
to exactly those items: the finders' own facets (row facet + ``outcome``) select the same set.
"""

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import render

from casestudies.models import CaseStudy
from core.models import MEASURED_KINDS, EvidenceLevel, OrganisationType, Role
from finder.declaration import finder_for_url
from guidance.models import HighImpactAction
from vanguards.models import CareModel, VanguardSite

# The new roles and ways of working at scale the map shows, in the order a practice meets them.
NEW_ROLES = (
    "pharmacist",
    "paramedic",
    "paramedic-practitioner",
    "advanced-nurse-practitioner",
    "physiotherapist",
    "mental-health-worker",
    "care-navigator",
    "social-prescriber",
    "health-coach",
)
AT_SCALE = (
    "merged-practice",
    "super-partnership",
    "federation",
    "network",
    "primary-care-home",
    "locum-chambers",
)
CASES, SITES = "casestudies:list", "vanguards:list"


@dataclass
class MapRow:
    """One thing a practice can do: which items show it, and how to ask each finder for them."""

    group: str
    label: str
    cases: list = field(default_factory=list)
    sites: list = field(default_factory=list)
    case_param: tuple = ()  # (finder parameter, value) for the case-study finder
    site_param: tuple = ()  # the same for the vanguard finder, when sites can show it


@dataclass
class Cell:
    count: int
    best: int | None
    links: list  # (label, url)

    @property
    def shade(self):
        return min(self.count, 3)


def published_items():
    cases = CaseStudy.objects.published().prefetch_related(
        "key_figures", "high_impact_actions", "roles", "organisation_types"
    )
    sites = VanguardSite.objects.published().prefetch_related("key_figures", "high_impact_actions")
    return list(cases), list(sites)


def slugs(manager):
    return {obj.slug for obj in manager.all()}


def build_rows(cases, sites):
    """Every row of the map with the items that show it (no query per row)."""
    rows = []
    for hia in HighImpactAction.objects.published():
        rows.append(
            MapRow(
                "High Impact Actions",
                f"{hia.number}. {hia.name}",
                [c for c in cases if hia.slug in slugs(c.high_impact_actions)],
                [s for s in sites if hia.slug in slugs(s.high_impact_actions)],
                ("hia", hia.slug),
                ("hia", hia.slug),
            )
        )
    for role in Role.objects.filter(slug__in=NEW_ROLES).order_by("name"):
        matching = [c for c in cases if role.slug in slugs(c.roles)]
        rows.append(MapRow("New roles", role.name, matching, [], ("role", role.slug)))
    for org in OrganisationType.objects.filter(slug__in=AT_SCALE).order_by("name"):
        matching = [c for c in cases if org.slug in slugs(c.organisation_types)]
        rows.append(MapRow("Working at scale", org.name, matching, [], ("organisation", org.slug)))
    for value, label in CareModel.choices:
        matching = [s for s in sites if s.care_model == value]
        rows.append(MapRow("New care models", label, [], matching, (), ("care_model", value)))
    return rows


def measured(items, kind):
    return [item for item in items if any(f.outcome == kind for f in item.outcome_figures)]


def cell_for(row, kind):
    cases, sites = measured(row.cases, kind), measured(row.sites, kind)
    links = []
    if cases:
        params = dict([row.case_param, ("outcome", kind.value)])
        links.append(
            (
                f"{len(cases)} case stud{'y' if len(cases) == 1 else 'ies'}",
                finder_for_url(CASES).link(params),
            )
        )
    if sites:
        params = dict([row.site_param, ("outcome", kind.value)])
        links.append(
            (
                f"{len(sites)} vanguard site{'s' if len(sites) != 1 else ''}",
                finder_for_url(SITES).link(params),
            )
        )
    items = cases + sites
    best = max((item.evidence_level for item in items), default=None)
    return Cell(len(items), best, links)


def evidence_map():
    """The map as plain values: the columns, then groups of (row, cells)."""
    cases, sites = published_items()
    groups = []
    for row in build_rows(cases, sites):
        cells = [cell_for(row, kind) for kind in MEASURED_KINDS]
        if not groups or groups[-1][0] != row.group:
            groups.append((row.group, []))
        groups[-1][1].append((row, cells))
    return {"kinds": MEASURED_KINDS, "groups": groups}


def evidence(request):
    data = evidence_map()
    if request.GET.get("format") == "csv":
        return evidence_csv(request, data)
    return render(request, "pages/evidence.html", data)


def evidence_csv(request, data):
    """One line per row and kind: the count, the best level and the finder addresses."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gp-innovation-library-evidence.csv"'
    writer = csv.writer(response)
    writer.writerow(["Group", "What a practice can do", "Outcome", "Items", "Best level", "Find"])
    for group, rows in data["groups"]:
        for row, cells in rows:
            for kind, cell in zip(data["kinds"], cells, strict=True):
                addresses = " ".join(request.build_absolute_uri(url) for _, url in cell.links)
                best = "" if cell.best is None else cell.best
                writer.writerow([group, row.label, kind.label, cell.count, best, addresses])
    return response


def evidence_about(request):
    return render(request, "pages/evidence_about.html", {"levels": EvidenceLevel.choices})
