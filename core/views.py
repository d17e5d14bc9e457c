"""Home, themes, glossary, sources and the error pages."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from casestudies.models import CaseStudy, Kind
from core.models import GlossaryTerm, Source, Status, Theme
from guidance.models import Checklist, ConsultationArea, HighImpactAction
from vanguards.models import VanguardSite

PUBLISHED_CASES = Q(case_studies__status=Status.PUBLISHED)


def home(request):
    themes = Theme.objects.annotate(
        case_count=Count("case_studies", filter=PUBLISHED_CASES, distinct=True)
    )
    recent = CaseStudy.objects.published().for_cards().order_by("-updated_at")[:6]
    context = {
        "themes": themes,
        "hias": HighImpactAction.objects.published(),
        "recent": recent,
        "counts": {
            "case_studies": CaseStudy.objects.published().filter(kind=Kind.CASE_STUDY).count(),
            "examples": CaseStudy.objects.published().filter(kind=Kind.CONSULTATION_EXAMPLE).count(),
            "vanguards": VanguardSite.objects.published().count(),
            "checklists": Checklist.objects.published().standalone().count(),
        },
    }
    return render(request, "core/home.html", context)


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
        "case_studies": CaseStudy.objects.published().filter(source=source).only(
            "slug", "title", "kind", "number"
        ),
        "vanguards": VanguardSite.objects.published().filter(source=source).only("slug", "name"),
        "checklists": Checklist.objects.published().standalone().filter(source=source).only(
            "slug", "title", "list_id"
        ),
        "areas": ConsultationArea.objects.published().filter(source=source),
        "hias": HighImpactAction.objects.published().filter(source=source),
    }
    return render(request, "core/source_detail.html", context)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
