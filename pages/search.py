"""The site-wide search's groups: each content type's matches, in its own finder's order.

Case studies, consultation examples, vanguard sites and checklists go through their finders
(the same facet index, search and order as their finder pages); High Impact Actions,
consultation areas and glossary terms, which have no finder, are matched by substring.
"""

from dataclasses import dataclass

from django.db.models import Count, Window
from django.http import QueryDict
from django.urls import reverse

from casestudies.filters import CaseStudyFinder
from casestudies.models import Kind
from core.models import GlossaryTerm
from finder.page import find
from finder.results import first_with, order
from finder.search import highlight, icontains_q, mark_tokens
from finder.urls import encode
from guidance.filters import ChecklistFinder
from guidance.models import ConsultationArea, HighImpactAction
from vanguards.filters import VanguardFinder

SEARCH_GROUP_SIZE = 10


@dataclass
class Result:
    """One item in a list that mixes content types."""

    title: str
    url: str
    kind: str
    updated_at: object = None
    snippet: str = ""
    meta: str = ""


@dataclass
class ResultGroup:
    title: str
    results: list
    total: int
    more_url: str = ""
    anchor: str = ""


def _marked(text, search):
    return highlight(mark_tokens(text, search.tokens))


def _plain(queryset):
    return queryset


def _with_region(queryset):
    return queryset.select_related("region")


@dataclass(frozen=True)
class FinderGroup:
    """A group read through a content app's finder: its matches, total and order."""

    title: str
    anchor: str
    finder: object
    heading: object  # obj -> the result's title
    kind: object  # obj -> its kind, or a fixed label
    snippet_field: str
    meta: object = None  # obj -> a line under the title
    sort: str = ""  # one of the finder's sorts; its default when empty

    def group(self, search, encoded):
        found = find(self.finder, QueryDict(encoded))
        ordered = order(
            self.finder, found.state, found.matches, found.counts, sort=self.sort or None
        )
        rows = found.rows(ordered[:SEARCH_GROUP_SIZE], queryset_for=_plain)
        results = [_result(self, obj, search) for obj in rows]
        more_url = f"{reverse(self.finder.url_name)}?{encoded}"
        return ResultGroup(self.title, results, found.total, more_url, self.anchor)


@dataclass(frozen=True)
class TextGroup:
    """A group found by a substring match of every word over ``fields`` (types no finder
    lists)."""

    title: str
    anchor: str
    queryset: object  # () -> the published objects, ordered
    fields: tuple
    heading: object
    kind: object
    snippet_field: str
    meta: object = None

    def group(self, search, encoded):
        """Up to SEARCH_GROUP_SIZE results and the total, in one query (a window count)."""
        found = self.queryset().filter(icontains_q(self.fields, search.tokens))
        rows = list(found.annotate(group_total=Window(Count("pk")))[:SEARCH_GROUP_SIZE])
        results = [_result(self, obj, search) for obj in rows]
        total = rows[0].group_total if rows else 0
        return ResultGroup(self.title, results, total, "", self.anchor)


def _result(group, obj, search):
    return Result(
        group.heading(obj),
        obj.get_absolute_url(),
        group.kind(obj) if callable(group.kind) else group.kind,
        snippet=_marked(getattr(obj, group.snippet_field), search),
        meta=group.meta(obj) if group.meta else "",
    )


GROUPS = [
    FinderGroup(
        "Vanguard sites",
        "vanguards",
        VanguardFinder(),
        heading=lambda obj: obj.name,
        kind="Vanguard site",
        snippet_field="summary",
        meta=lambda obj: obj.area,
    ),
    FinderGroup(
        "Checklists",
        "checklists",
        ChecklistFinder(),
        heading=lambda obj: obj.title,
        kind=lambda obj: obj.get_kind_display(),
        snippet_field="introduction",
        sort="list",
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

CASE_GROUPS = (
    (Kind.CASE_STUDY, "Case studies", "case-studies"),
    (Kind.CONSULTATION_EXAMPLE, "Consultation examples", "examples"),
)


def _case_result(obj):
    meta = " · ".join(filter(None, [obj.place, obj.region.name if obj.region else ""]))
    snippet = highlight(obj.search_snippet) if obj.search_snippet else ""
    return Result(
        obj.title, obj.get_absolute_url(), obj.get_kind_display(), snippet=snippet, meta=meta
    )


def case_study_groups(encoded):
    """Case studies and examples through the case-study finder: ranked by the search
    backend, counted from its facet index, one query for both groups' rows."""
    found = find(CaseStudyFinder(), QueryDict(encoded))
    firsts = {
        kind: first_with(found.counts, found.ordered, "kind", kind, SEARCH_GROUP_SIZE)
        for kind, _title, _anchor in CASE_GROUPS
    }
    shown = [pk for pks, _n in firsts.values() for pk in pks]
    rows = {obj.pk: obj for obj in found.rows(shown, queryset_for=_with_region)}
    url = reverse("casestudies:list")
    groups = []
    for kind, title, anchor in CASE_GROUPS:
        pks, total = firsts[kind]
        results = [_case_result(rows[pk]) for pk in pks if pk in rows]
        groups.append(ResultGroup(title, results, total, f"{url}?{encoded}&kind={kind}", anchor))
    return groups


def search_groups(query):
    """Every group for ``query`` (a SearchText), case studies first."""
    encoded = encode([("q", query.text)])
    return case_study_groups(encoded) + [group.group(query, encoded) for group in GROUPS]
