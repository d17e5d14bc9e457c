"""Case study pages."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from casestudies.filters import CaseStudyFilter
from casestudies.models import CaseStudy

LIST_TEMPLATE = "casestudies/casestudy_list.html"


def case_study_list(request):
    queryset = CaseStudy.objects.published().for_cards()
    filterset = CaseStudyFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return render(request, LIST_TEMPLATE, {"filter": filterset}, status=400)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(request, LIST_TEMPLATE, {"filter": filterset, "page": page})


def case_study_detail(request, slug):
    case_study = get_object_or_404(CaseStudy.objects.published().for_detail(), slug=slug)
    lists = case_study.lists.published().prefetch_related("items")
    context = {"case_study": case_study, "lists": lists}
    return render(request, "casestudies/casestudy_detail.html", context)
