"""Practices like mine (/like-mine/): case studies and vanguard sites ranked by how closely
their context matches a practice's own, each with the reasons it matched and what did not.

The form is a plain GET form, so it works without JavaScript and a result can be shared by its
address (/like-mine/?region=south-west&population=12000&problem=recruitment).
"""

from dataclasses import dataclass, field

from django import forms
from django.shortcuts import render

from casestudies.models import CaseStudy
from core.models import OutcomeKind, Region
from vanguards.models import VanguardSite

AT_SCALE_TYPES = {"merged-practice", "super-partnership", "federation", "network"}
AT_SCALE_TYPES |= {"primary-care-home", "vanguard-partnership", "locum-chambers"}


@dataclass(frozen=True)
class Problem:
    label: str
    themes: frozenset  # the library themes that are about this problem
    kinds: frozenset  # the outcome kinds that measure it


PROBLEMS = {
    "workload": Problem("workload", frozenset(), frozenset({OutcomeKind.GP_TIME})),
    "recruitment": Problem(
        "recruitment", frozenset({"new-roles"}), frozenset({OutcomeKind.WORKFORCE})
    ),
    "finances": Problem("finances", frozenset(), frozenset({OutcomeKind.FINANCE})),
    "access": Problem("access", frozenset(), frozenset({OutcomeKind.ACCESS})),
    "demand": Problem(
        "demand",
        frozenset(),
        frozenset({OutcomeKind.GP_TIME, OutcomeKind.ACCESS, OutcomeKind.HOSPITAL_USE}),
    ),
}
SCALES = [("", "Either"), ("single", "A single practice"), ("at-scale", "Working at scale")]
# How much each kind of match counts: the problem most, then place, then size and scale.
WEIGHTS = {"problem": 5, "measured": 2, "region": 3, "size": 2, "scale": 1}
SIMILAR_SIZE = 2  # a population within a factor of two counts as similar
LIMIT = 15


class LikeMineForm(forms.Form):
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="slug", required=False, empty_label="Any"
    )
    population = forms.IntegerField(
        label="List size (patients)", min_value=1, max_value=10_000_000, required=False
    )
    scale = forms.ChoiceField(label="Single practice or at scale", choices=SCALES, required=False)
    problem = forms.ChoiceField(
        label="The problem to solve",
        choices=[("", "Any")] + [(key, p.label.capitalize()) for key, p in PROBLEMS.items()],
        required=False,
    )


@dataclass
class Match:
    item: object
    score: int = 0
    reasons: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    primary: bool = False  # matched the problem itself, not only a measured outcome

    def add(self, weight, reason):
        self.score += WEIGHTS[weight]
        self.reasons.append(reason)


def similar_size(item, population):
    bounds = item.population_range
    if bounds is None:
        return None
    low, high = bounds
    return low / SIMILAR_SIZE <= population <= high * SIMILAR_SIZE


def at_scale(item):
    if isinstance(item, VanguardSite):
        return True
    types = {org.slug for org in item.organisation_types.all()}
    return bool(types & AT_SCALE_TYPES) and "single-practice" not in types


def match_problem(match, item, problem):
    themes = {theme.slug for theme in item.themes.all()}
    if themes & problem.themes:
        match.primary = True
        match.add("problem", f"same problem: {problem.label}")
    kinds = {figure.outcome for figure in item.outcome_figures}
    measured = sorted(OutcomeKind(kind).label.lower() for kind in kinds & problem.kinds)
    if measured:
        match.add("measured", f"measured results on {', '.join(measured)}")
    if not match.primary and not measured:
        match.misses.append(f"not about {problem.label}")


def match_item(item, *, region, population, scale, problem):
    """How ``item`` matches the practice's context: a score, the reasons and the misses."""
    match = Match(item)
    if region is not None:
        if item.region_id == region.pk:
            match.add("region", "same region")
        else:
            match.misses.append(f"in {item.region.name}" if item.region else "region not stated")
    if population:
        similar = similar_size(item, population)
        if similar:
            match.add("size", "similar size")
        else:
            match.misses.append("size not stated" if similar is None else "different size")
    if scale:
        if at_scale(item) == (scale == "at-scale"):
            match.add("scale", "single practice" if scale == "single" else "working at scale")
        else:
            match.misses.append("works at scale" if scale == "single" else "a single practice")
    if problem is not None:
        match_problem(match, item, problem)
    return match


def candidates():
    cases = CaseStudy.objects.published().select_related("region")
    cases = cases.prefetch_related("themes", "organisation_types", "key_figures")
    sites = VanguardSite.objects.published().select_related("region")
    return [*cases, *sites.prefetch_related("themes", "key_figures")]


def rank(*, region=None, population=None, scale="", problem=None):
    """Every published item that matches at least one thing, best match first."""
    matches = [
        match_item(item, region=region, population=population, scale=scale, problem=problem)
        for item in candidates()
    ]
    matches = [m for m in matches if m.score > 0]
    matches.sort(key=lambda m: (-m.score, not m.primary, -m.item.evidence_level, str(m.item)))
    return matches


def like_mine(request):
    form = LikeMineForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        matches = rank(
            region=data["region"],
            population=data["population"],
            scale=data["scale"],
            problem=PROBLEMS.get(data["problem"]),
        )[:LIMIT]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request, "pages/like_mine.html", {"form": form, "matches": matches}, status=status
    )
