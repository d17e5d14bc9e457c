"""Vanguard site pages: the finder, a site, and a side-by-side comparison."""

from django.shortcuts import get_object_or_404, render

from finder import compare as cmp
from finder.related import related
from finder.views import finder_page
from vanguards.filters import VanguardFinder
from vanguards.models import VanguardSite


def vanguard_list(request):
    return finder_page(request, VanguardFinder(), "vanguards/vanguardsite_list.html")


DETAIL_TEMPLATE = "vanguards/vanguardsite_detail.html"


def detail_queryset():
    """Every status: the public page adds published(), the curators' preview does not."""
    return VanguardSite.objects.for_detail()


def detail_context(site):
    """The page's context, built once for the public page and the curators' preview."""
    return {"site": site, "related": related(VanguardFinder(), site, ["themes", "region"])}


def vanguard_detail(request, slug):
    site = get_object_or_404(detail_queryset().published(), slug=slug)
    return render(request, DETAIL_TEMPLATE, detail_context(site))


def _text(value):
    return value or "Not stated"


COMPARE_FIELDS = [
    cmp.Field("Where", lambda site: site.area),
    cmp.Field("Region", lambda site: site.region.name if site.region else "Not stated"),
    cmp.Field("Practices", lambda site: _text(site.practices_text)),
    cmp.Field("Population", lambda site: _text(site.population_text)),
    cmp.Field("Care model", lambda site: site.get_care_model_display()),
    cmp.Field("Contract (as printed)", lambda site: site.contract_type),
    cmp.Field("Contract type", lambda site: site.get_contract_category_display()),
    cmp.Field("Themes", lambda site: cmp.names(site.themes)),
    cmp.Field("Source", cmp.source),
    cmp.Field("Summary", lambda site: site.summary, "In brief"),
]


def compare(request):
    return cmp.compare_page(
        request,
        queryset=VanguardSite.objects.published()
        .select_related("region", "source")
        .prefetch_related("themes", "key_figures"),
        fields=COMPARE_FIELDS,
        namespace="vanguards",
        words=cmp.Words("vanguard site", "vanguard sites", "Vanguard sites", "the blueprint"),
        csv_name="vanguard-comparison.csv",
    )
