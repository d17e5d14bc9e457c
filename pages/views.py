"""Home, site-wide search, themes, glossary, sources and the error pages."""

from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy, Kind
from core.models import GlossaryTerm, Source, SourceKind, Theme
from finder.counts import counts_by
from finder.views import finder_page
from guidance.models import Checklist, ConsultationArea, HighImpactAction
from search import thesaurus
from search.finders import SiteSearchFinder
from vanguards.models import VanguardSite


def _themes_with_counts():
    """Every theme with its published case studies and consultation examples, counted from
    the case-study finder's facet index (one query: the themes)."""
    counts = counts_by(CaseStudyFinder(), "themes", "kind")
    themes = list(Theme.objects.all())
    for theme in themes:
        by_kind = counts.get(theme.slug, {})
        theme.case_count = by_kind.get(Kind.CASE_STUDY, 0)
        theme.example_count = by_kind.get(Kind.CONSULTATION_EXAMPLE, 0)
    return themes, counts[None]


def _case_counts():
    """Book case studies (from the source documents), consultation examples and local stories
    (a CCG's own, and practices' submissions), counted from the facet index by source."""
    by_source = counts_by(CaseStudyFinder(), "source", "kind")
    documents = set(Source.objects.filter(kind=SourceKind.DOCUMENT).values_list("slug", flat=True))
    counts = {"case_studies": 0, "examples": 0, "local": 0}
    for slug, by_kind in by_source.items():
        if slug is None:
            continue
        if slug in documents:
            counts["case_studies"] += by_kind.get(Kind.CASE_STUDY, 0)
            counts["examples"] += by_kind.get(Kind.CONSULTATION_EXAMPLE, 0)
        else:
            counts["local"] += sum(by_kind.values())
    return counts


def home(request):
    themes, _totals = _themes_with_counts()
    case_counts = _case_counts()
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


def search(request):
    """Every kind at once, in one list ranked by relevance, with a kind facet; above it, the
    glossary's meaning when the words are a term or what one stands for ("MDT")."""
    return finder_page(
        request,
        SiteSearchFinder(),
        "pages/search.html",
        context=lambda found: {"definition": thesaurus.defining(found.state.search.text)},
    )


def theme_list(request):
    themes, _totals = _themes_with_counts()
    for theme in themes:
        theme.case_count += theme.example_count
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


def bad_request(request, exception=None):
    """The friendly 400 page; it reads nothing of the request's data (that may be what is bad)."""
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
