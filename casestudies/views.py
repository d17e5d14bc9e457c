"""Case study pages: the finder, a case study, and a side-by-side comparison."""

from django.shortcuts import get_object_or_404, render

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy
from finder import compare as cmp
from finder.related import related
from finder.views import finder_page

LIST_TEMPLATE = "casestudies/casestudy_list.html"


def case_study_list(request):
    return finder_page(request, CaseStudyFinder(), LIST_TEMPLATE)


DETAIL_TEMPLATE = "casestudies/casestudy_detail.html"


def detail_queryset():
    """Every status: the public page adds published(), the curators' preview does not."""
    return CaseStudy.objects.for_detail()


def detail_context(case_study):
    """The page's context, built once for the public page and the curators' preview."""
    return {
        "case_study": case_study,
        "lists": case_study.lists.published().prefetch_related("items"),
        "related": related(CaseStudyFinder(), case_study, ["themes", "roles", "tags"]),
    }


def case_study_detail(request, slug):
    case_study = get_object_or_404(detail_queryset().published(), slug=slug)
    return render(request, DETAIL_TEMPLATE, detail_context(case_study))


COMPARE_FIELDS = [
    cmp.Field("Kind", lambda cs: f"{cs.get_kind_display()} {cs.number}"),
    cmp.Field("Organisations", lambda cs: cs.organisations),
    cmp.Field("Place", lambda cs: cs.place),
    cmp.Field("Region", lambda cs: cs.region.name if cs.region else "Not stated"),
    cmp.Field("Organisation types", lambda cs: cmp.names(cs.organisation_types)),
    cmp.Field("Population", cmp.population),
    cmp.Field("Practices", lambda cs: cs.practices if cs.practices is not None else "Not stated"),
    cmp.Field("Themes", lambda cs: cmp.names(cs.themes)),
    cmp.Field("Roles", lambda cs: cmp.names(cs.roles)),
    cmp.Field(
        "High Impact Actions",
        lambda cs: [f"{h.number}. {h.name}" for h in cs.high_impact_actions.all()],
    ),
    cmp.Field("Topics", lambda cs: cmp.names(cs.tags)),
    cmp.Field("Vanguard site", lambda cs: cs.public_vanguard.name if cs.public_vanguard else ""),
    cmp.Field("Source", cmp.source),
    cmp.Field("Summary", lambda cs: cs.summary, "In brief"),
    cmp.Field("Main points", lambda cs: cs.points, "In brief"),
]


def compare(request):
    return cmp.compare_page(
        request,
        queryset=CaseStudy.objects.published().for_detail(),
        fields=COMPARE_FIELDS,
        namespace="casestudies",
        words=cmp.Words("case study", "case studies", "Case studies", "each source"),
        csv_name="case-study-comparison.csv",
    )
