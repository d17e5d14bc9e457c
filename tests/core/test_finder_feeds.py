"""Atom feeds of the finder's result sets, and sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    HighImpactActionFactory,
    RegionFactory,
    ThemeFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db

FEED = reverse("feeds:case-studies")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def cases():
    new_roles = ThemeFactory(slug="new-roles", name="New roles")
    north_west = RegionFactory(slug="north-west", name="North West")
    return {
        "match": CaseStudyFactory(title="NW new roles", themes=[new_roles], region=north_west),
        "other_region": CaseStudyFactory(title="Elsewhere new roles", themes=[new_roles]),
        "other_theme": CaseStudyFactory(title="NW other", region=north_west),
        "draft": CaseStudyFactory(
            title="Draft NW", themes=[new_roles], region=north_west, status="draft"
        ),
    }


def entries(response):
    root = ET.fromstring(response.content)
    return root, [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_feed_of_all_published_case_studies(client, cases):
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    _root, titles = entries(response)
    assert sorted(titles) == ["Elsewhere new roles", "NW new roles", "NW other"]


def test_feed_of_exactly_a_finder_state(client, cases):
    response = client.get(FEED, {"theme": "new-roles", "region": "north-west"})
    root, titles = entries(response)
    assert titles == ["NW new roles"]
    assert "New roles" in root.find(f"{ATOM}title").text
    assert "North West" in root.find(f"{ATOM}title").text
    link = root.find(f"{ATOM}link").get("href")
    assert link.endswith(f"{reverse('casestudies:list')}?theme=new-roles&region=north-west")


def test_feed_ignores_bad_input(client, cases):
    response = client.get(
        FEED, {"theme": "\x00", "q": "x" * 600, "page": "abc", "region": "<nope>"}
    )
    assert response.status_code == 200
    ET.fromstring(response.content)


def test_sitemap_lists_public_pages(client, cases):
    VanguardSiteFactory(slug="encompass")
    HighImpactActionFactory(slug="active-signposting")
    ChecklistFactory(slug="ten-steps")
    ChecklistFactory(slug="embedded", standalone=False)
    response = client.get(reverse("pages:sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    paths = {loc.split("testserver", 1)[1] for loc in locs}
    assert cases["match"].get_absolute_url() in paths
    assert cases["draft"].get_absolute_url() not in paths
    assert "/vanguards/encompass/" in paths
    assert "/guidance/checklists/ten-steps/" in paths
    assert "/guidance/checklists/embedded/" not in paths
    assert reverse("casestudies:list") in paths


def test_home_links_to_the_feed(client, cases):
    html = client.get(reverse("pages:home")).content.decode()
    assert 'type="application/atom+xml"' in html
