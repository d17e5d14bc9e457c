"""Vanguard site pages."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from casestudies.models import CaseStudy
from vanguards.models import VanguardSite


def vanguard_list(request):
    sites = VanguardSite.objects.published().for_cards()
    return render(request, "vanguards/vanguardsite_list.html", {"sites": sites})


def vanguard_detail(request, slug):
    queryset = (
        VanguardSite.objects.published()
        .select_related("region", "source")
        .prefetch_related(
            "themes",
            "references",
            "key_figures",
            Prefetch("case_studies", queryset=CaseStudy.objects.published().only("slug", "title", "vanguard")),  # noqa: E501
        )
    )
    site = get_object_or_404(queryset, slug=slug)
    return render(request, "vanguards/vanguardsite_detail.html", {"site": site})
