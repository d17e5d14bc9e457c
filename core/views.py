"""Home, site-wide search, themes, glossary, sources and the error pages."""

from dataclasses import dataclass

from django.db.models import Count, Q, Window
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy, Kind
from core.finder import encode
from core.models import GlossaryTerm, Source, Status, Theme
from core.search import highlight, icontains_q, mark_tokens, parse_query
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
    return render(request, "core/home.html", context)


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


def _search_group(title, queryset, search, to_result, *, more_url="", anchor=""):
    """Up to SEARCH_GROUP_SIZE results and the total, in one query (a window count)."""
    rows = list(queryset.annotate(group_total=Window(Count("pk")))[:SEARCH_GROUP_SIZE])
    total = rows[0].group_total if rows else 0
    return ResultGroup(title, [to_result(row) for row in rows], total, more_url, anchor)


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
        groups.append(
            _search_group(
                "Vanguard sites",
                VanguardSite.objects.published()
                .filter(icontains_q(("name", "area", "summary", "model_elements"), query.tokens))
                .order_by("number"),
                query,
                lambda obj: Result(
                    obj.name,
                    obj.get_absolute_url(),
                    "Vanguard site",
                    snippet=_marked(obj.summary, query),
                    meta=obj.area,
                ),
                more_url=f"{reverse('vanguards:list')}?{encoded}",
                anchor="vanguards",
            )
        )
        groups.append(
            _search_group(
                "Checklists",
                Checklist.objects.published()
                .standalone()
                .filter(icontains_q(("title", "printed_title", "introduction"), query.tokens))
                .order_by("list_id"),
                query,
                lambda obj: Result(
                    obj.title,
                    obj.get_absolute_url(),
                    obj.get_kind_display(),
                    snippet=_marked(obj.introduction, query),
                ),
                more_url=f"{reverse('guidance:checklist-list')}?{encoded}",
                anchor="checklists",
            )
        )
        groups.append(
            _search_group(
                "High Impact Actions",
                HighImpactAction.objects.published()
                .filter(
                    icontains_q(("name", "name_variants", "summary", "definition"), query.tokens)
                )
                .order_by("number"),
                query,
                lambda obj: Result(
                    f"{obj.number}. {obj.name}",
                    obj.get_absolute_url(),
                    "High Impact Action",
                    snippet=_marked(obj.summary, query),
                ),
                anchor="high-impact-actions",
            )
        )
        groups.append(
            _search_group(
                "Consultation question areas",
                ConsultationArea.objects.published()
                .filter(icontains_q(("number", "title", "summary"), query.tokens))
                .order_by("number"),
                query,
                lambda obj: Result(
                    f"{obj.number} {obj.title}",
                    obj.get_absolute_url(),
                    "Question area",
                    snippet=_marked(obj.summary, query),
                ),
                anchor="consultation",
            )
        )
        groups.append(
            _search_group(
                "Glossary",
                GlossaryTerm.objects.filter(
                    icontains_q(("term", "expansion", "definition"), query.tokens)
                ).order_by("term"),
                query,
                lambda obj: Result(
                    f"{obj.term}" + (f" ({obj.expansion})" if obj.expansion else ""),
                    obj.get_absolute_url(),
                    "Glossary term",
                    snippet=_marked(obj.definition, query),
                ),
                anchor="glossary",
            )
        )
    context = {
        "query": query,
        "notes": notes,
        "groups": groups,
        "found": [group for group in groups if group.total],
        "total": sum(group.total for group in groups),
    }
    return render(request, "core/search.html", context)


def theme_list(request):
    themes = Theme.objects.annotate(
        case_count=Count("case_studies", filter=PUBLISHED_CASES, distinct=True)
    )
    return render(request, "core/theme_list.html", {"themes": themes})


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
    return render(request, "core/theme_detail.html", context)


def glossary(request):
    terms = GlossaryTerm.objects.prefetch_related("sources")
    return render(request, "core/glossary.html", {"terms": terms})


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
    return render(request, "core/source_detail.html", context)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
