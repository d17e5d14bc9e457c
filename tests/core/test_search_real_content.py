"""The acceptance search examples on the real content (which must load: the test fails if not)."""

import pytest
from django.urls import reverse

from tests.finding import ranked

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_social_prescribing_ranks_gateshead_first():
    assert ranked("social prescribing")[0] == "growth-in-gateshead"


def test_social_prescribing_ranks_gateshead_first_in_the_finder_and_site_search(client):
    finder = client.get(reverse("casestudies:list"), {"q": "social prescribing"}).context["finder"]
    assert finder.object_list[0].slug == "growth-in-gateshead"
    response = client.get(reverse("pages:search"), {"q": "social prescribing"})
    first = response.context["found"][0]
    assert first.title == "Case studies"
    assert first.results[0].url == reverse("casestudies:detail", args=["growth-in-gateshead"])


def test_paramedic_finds_sussex_and_devon():
    assert {"solutions-from-sussex", "developments-in-devon"} <= set(ranked("paramedic"))
