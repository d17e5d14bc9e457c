"""Home, site-wide search, themes, glossary, sources and the error pages."""

from dataclasses import dataclass

from django.db.models import Count, Q, Window
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy, Kind
from core.models import GlossaryTerm, Source, Status, Theme
from finder.finder import encode
from finder.search import highlight, icontains_q, mark_tokens, parse_query
from guidance.models import Checklist, ConsultationArea, HighImpactAction
from vanguards.models import VanguardSite

PUBLISHED_CASES = Q(case_studies__status=Status.PUBLISHED)


def home(request):
    themes = Theme.objects.annotate(
        case_count=Count(
            "case_studies",
            filter=PUBLISHED_CASES & Q(case_studies__kind=Kind.CASE_STUDY),
            distinct=True,
        ),
        example_count=Count(
            "case_studies",
            filter=PUBLISHED_CASES & Q(case_studies__kind=Kind.CONSULTATION_EXAMPLE),
            distinct=True,
        ),
    )
    case_counts = CaseStudy.objects.published().aggregate(
        case_studies=Count("pk", filter=Q(kind=Kind.CASE_STUDY)),
        examples=Count("pk", filter=Q(kind=Kind.CONSULTATION_EXAMPLE)),
    )
    context = {
        "themes": themes,
        "hias": HighImpactAction.objects.published().only("slug", "number", "name", "summary"),
        "recent": recently_updated(),
        "counts": {
            **case_counts,
            "vanguards": VanguardSite.objects.published().count(),
            "checklists": Checklist.objects.published().standalone().count(),
        },
    }
    return render(request, "pages/home.html", context)


@dataclass
class Result:
    """One item in a list that mixes content types."""

    title: str
    url: str
    kind: str
    updated_at: object = None
    snippet: str = ""
    meta: str = ""


def recently_updated(limit=8):
    """The most recently updated case studies, vanguard sites and checklists, mixed."""
    items = []
    for obj in (
        CaseStudy.objects.published()
        .only("slug", "title", "kind", "number", "updated_at")
        .order_by("-updated_at")[:limit]
    ):
        items.append(
            Result(obj.title, obj.get_absolute_url(), obj.get_kind_display(), obj.updated_at)
        )
    for obj in (
        VanguardSite.objects.published()
        .only("slug", "name", "updated_at")
        .order_by("-updated_at")[:limit]
    ):
        items.append(Result(obj.name, obj.get_absolute_url(), "Vanguard site", obj.updated_at))
    for obj in (
        Checklist.objects.published()
        .standalone()
        .only("slug", "title", "updated_at")
        .order_by("-updated_at")[:limit]
    ):
        items.append(Result(obj.title, obj.get_absolute_url(), "Checklist", obj.updated_at))
    items.sort(key=lambda item: item.updated_at, reverse=True)
    return items[:limit]


SEARCH_GROUP_SIZE = 10


@dataclass
class ResultGroup:
    title: str
    results: list
    total: int
    more_url: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class TextGroup:
    """A search result group found by a substring match of every word over ``fields``."""

    title: str
    anchor: str
    queryset: object  # () -> the published objects, ordered
    fields: tuple
    heading: object  # obj -> the result's title
    kind: object  # obj -> its kind, or a fixed label
    snippet_field: str
    meta: object = None  # obj -> a line under the title
    more_url_name: str = ""  # a finder that searches the same words

    def group(self, search, encoded):
        """Up to SEARCH_GROUP_SIZE results and the total, in one query (a window count)."""
        found = self.queryset().filter(icontains_q(self.fields, search.tokens))
        rows = list(found.annotate(group_total=Window(Count("pk")))[:SEARCH_GROUP_SIZE])
        results = [
            Result(
                self.heading(obj),
                obj.get_absolute_url(),
                self.kind(obj) if callable(self.kind) else self.kind,
                snippet=_marked(getattr(obj, self.snippet_field), search),
                meta=self.meta(obj) if self.meta else "",
            )
            for obj in rows
        ]
        more_url = f"{reverse(self.more_url_name)}?{encoded}" if self.more_url_name else ""
        total = rows[0].group_total if rows else 0
        return ResultGroup(self.title, results, total, more_url, self.anchor)


TEXT_GROUPS = [
    TextGroup(
        "Vanguard sites",
        "vanguards",
        lambda: VanguardSite.objects.published().order_by("number"),
        ("name", "area", "summary", "model_elements"),
        heading=lambda obj: obj.name,
        kind="Vanguard site",
        snippet_field="summary",
        meta=lambda obj: obj.area,
        more_url_name="vanguards:list",
    ),
    TextGroup(
        "Checklists",
        "checklists",
        lambda: Checklist.objects.published().standalone().order_by("list_id"),
        ("title", "printed_title", "introduction"),
        heading=lambda obj: obj.title,
        kind=lambda obj: obj.get_kind_display(),
        snippet_field="introduction",
        more_url_name="guidance:checklist-list",
    ),
    TextGroup(
        "High Impact Actions",
        "high-impact-actions",
        lambda: HighImpactAction.objects.published().order_by("number"),
        ("name", "name_variants", "summary", "definition"),
        heading=lambda obj: f"{obj.number}. {obj.name}",
        kind="High Impact Action",
        snippet_field="summary",
    ),
    TextGroup(
        "Consultation question areas",
        "consultation",
        lambda: ConsultationArea.objects.published().order_by("number"),
        ("number", "title", "summary"),
        heading=lambda obj: f"{obj.number} {obj.title}",
        kind="Question area",
        snippet_field="summary",
    ),
    TextGroup(
        "Glossary",
        "glossary",
        lambda: GlossaryTerm.objects.order_by("term"),
        ("term", "expansion", "definition"),
        heading=lambda obj: obj.term + (f" ({obj.expansion})" if obj.expansion else ""),
        kind="Glossary term",
        snippet_field="definition",
    ),
]


def _marked(text, search):
    return highlight(mark_tokens(text, search.tokens))


def search(request):
    """Every content type at once, grouped by type; case studies ranked by the search backend."""
    query = parse_query(request.GET.get("q", ""))
    notes = []
    if query.truncated:
        notes.append(
            f"Your search was too long, so we used only its first {len(query.text)} characters."
        )
    raw = request.GET.get("q", "")
    if raw.strip() and not query:
        notes.append("Type at least one word or number to search for.")
    groups = []
    if query:
        encoded = encode([("q", query.text)])

        def case_result(obj):
            meta = " · ".join(filter(None, [obj.place, obj.region.name if obj.region else ""]))
            snippet = highlight(obj.search_snippet) if obj.search_snippet else ""
            return Result(
                obj.title,
                obj.get_absolute_url(),
                obj.get_kind_display(),
                snippet=snippet,
                meta=meta,
            )

        # Case studies and examples through the case-study finder: ranked by the search
        # backend, counted from its facet index, one query for both groups' rows.
        finder = CaseStudyFinder(QueryDict(encoded))
        cs_url = reverse("casestudies:list")
        firsts = {
            kind: finder.first_with("kind", kind, SEARCH_GROUP_SIZE)
            for kind in (Kind.CASE_STUDY, Kind.CONSULTATION_EXAMPLE)
        }
        shown = [pk for pks, _total in firsts.values() for pk in pks]
        rows = {obj.pk: obj for obj in finder.fetch(shown)}
        for kind, title, anchor in (
            (Kind.CASE_STUDY, "Case studies", "case-studies"),
            (Kind.CONSULTATION_EXAMPLE, "Consultation examples", "examples"),
        ):
            pks, total = firsts[kind]
            groups.append(
                ResultGroup(
                    title,
                    [case_result(rows[pk]) for pk in pks if pk in rows],
                    total,
                    f"{cs_url}?{encoded}&kind={kind}",
                    anchor,
                )
            )
        for spec in TEXT_GROUPS:
            groups.append(spec.group(query, encoded))
    context = {
        "query": query,
        "notes": notes,
        "groups": groups,
        "found": [group for group in groups if group.total],
        "total": sum(group.total for group in groups),
    }
    return render(request, "pages/search.html", context)


def theme_list(request):
    themes = Theme.objects.annotate(
        case_count=Count("case_studies", filter=PUBLISHED_CASES, distinct=True)
    )
    return render(request, "pages/theme_list.html", {"themes": themes})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme.objects.select_related("source"), slug=slug)
    cases = theme.case_studies.published().for_cards()
    context = {
        "theme": theme,
        "case_studies": [c for c in cases if c.kind == Kind.CASE_STUDY],
        "examples": [c for c in cases if c.kind == Kind.CONSULTATION_EXAMPLE],
        "checklists": theme.checklists.published().standalone().annotate(item_count=Count("items")),
        "lists": theme.lists.published().prefetch_related("items"),
        "vanguards": theme.vanguards.published().select_related("region"),
    }
    return render(request, "pages/theme_detail.html", context)


def glossary(request):
    terms = GlossaryTerm.objects.prefetch_related("sources")
    return render(request, "pages/glossary.html", {"terms": terms})


def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    context = {
        "source": source,
        "case_studies": CaseStudy.objects.published()
        .filter(source=source)
        .only("slug", "title", "kind", "number"),
        "vanguards": VanguardSite.objects.published().filter(source=source).only("slug", "name"),
        "checklists": Checklist.objects.published()
        .standalone()
        .filter(source=source)
        .only("slug", "title", "list_id"),
        "areas": ConsultationArea.objects.published().filter(source=source),
        "hias": HighImpactAction.objects.published().filter(source=source),
    }
    return render(request, "pages/source_detail.html", context)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
