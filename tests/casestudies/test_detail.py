"""The case study page: facts link to the finder, add to comparison, related case studies."""

import pytest
from django.urls import reverse

from tests.factories import CaseStudyFactory, OrganisationTypeFactory, RoleFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("casestudies:list")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_every_theme_role_region_and_tag_links_to_the_filtered_finder(client):
    theme = ThemeFactory(slug="new-roles", name="New roles")
    role = RoleFactory(slug="paramedic", name="Paramedic")
    case = CaseStudyFactory(themes=[theme], roles=[role], tags=["triage"])
    case.organisation_types.add(OrganisationTypeFactory(slug="federation"))
    html = client.get(case.get_absolute_url()).content.decode()
    for query in (
        "theme=new-roles",
        "role=paramedic",
        f"region={case.region.slug}",
        "tag=triage",
        "organisation=federation",
    ):
        assert f'href="{LIST}?{query}"' in html, query


def test_detail_page_offers_add_to_comparison(client):
    case = CaseStudyFactory(slug="solutions-from-sussex")
    html = client.get(case.get_absolute_url()).content.decode()
    assert f'href="{LIST}?items=solutions-from-sussex"' in html


def test_related_shows_up_to_four_sharing_the_most(client):
    theme, other_theme = ThemeFactory(slug="t1"), ThemeFactory(slug="t2")
    role = RoleFactory(slug="paramedic")
    case = CaseStudyFactory(
        title="Main", themes=[theme, other_theme], roles=[role], tags=["triage"]
    )
    best = CaseStudyFactory(
        title="Shares four", themes=[theme, other_theme], roles=[role], tags=["triage"]
    )
    good = CaseStudyFactory(title="Shares two", themes=[theme], tags=["triage"])
    for i in range(4):
        CaseStudyFactory(title=f"Shares one {i}", themes=[theme])
    CaseStudyFactory(title="Shares nothing")
    CaseStudyFactory(
        title="Draft shares all",
        themes=[theme, other_theme],
        roles=[role],
        tags=["triage"],
        status="draft",
    )
    response = client.get(case.get_absolute_url())
    related = response.context["related"]
    assert len(related) == 4
    assert related[:2] == [best, good]
    assert case not in related
    assert "Shares nothing" not in [r.title for r in related]
    assert "Related case studies" in response.content.decode()


def test_detail_queries_are_constant(client, django_assert_max_num_queries):
    theme = ThemeFactory()
    case = CaseStudyFactory(themes=[theme], tags=["a", "b"])
    for _ in range(20):
        CaseStudyFactory(themes=[theme], tags=["a"])
    # The first request after a content change also builds the finder's facet index
    # (1 + one query per related facet, tests/core/test_facet_index.py); the page's own queries
    # are what is measured here.
    client.get(reverse("casestudies:list"))
    with django_assert_max_num_queries(12):
        assert client.get(case.get_absolute_url()).status_code == 200
