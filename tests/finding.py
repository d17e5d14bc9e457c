"""What the case-study finder finds, read the way its pages order it (shared by search tests)."""

from django.http import QueryDict

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy
from finder.page import find
from finder.urls import encode


def ranked(text):
    """The slugs a search finds, best first, as the finder orders them."""
    found = find(CaseStudyFinder(), QueryDict(encode([("q", text)])))
    if not found.state.search:
        return []
    slugs = dict(CaseStudy.objects.values_list("pk", "slug"))
    return [slugs[pk] for pk in found.ordered]
