"""The vanguard finder: the shared finder with region, care model, contract and size facets."""

import pytest
from django.urls import reverse

from tests.factories import RegionFactory, VanguardSiteFactory

pytestmark = pytest.mark.django_db

URL = reverse("vanguards:list")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def sites():
    north_west = RegionFactory(slug="north-west", name="North West")
    london = RegionFactory(slug="london", name="London")
    return [
        VanguardSiteFactory(
            slug="a",
            name="Alpha",
            region=north_west,
            practices=6,
            population=97_000,
            contract_category="virtual",
        ),
        VanguardSiteFactory(
            slug="b",
            name="Bravo",
            region=north_west,
            practices=16,
            population=200_000,
            contract_category="fully-integrated",
            care_model="pacs",
        ),
        VanguardSiteFactory(
            slug="c",
            name="Charlie",
            region=london,
            practices=None,
            population=320_000,
            contract_category="virtual",
        ),
    ]


def counts(response, facet):
    state = next(s for s in response.context["finder"].facets if s.name == facet)
    return {option.value: option.count for option in state.options}


def test_facets_and_counts(client, sites):
    response = client.get(URL, {"region": "north-west"})
    assert [s.slug for s in response.context["finder"].object_list] == ["a", "b"]
    assert counts(response, "region") == {"london": 1, "north-west": 2}
    assert counts(response, "practices") == {
        "under-10": 1,
        "10-29": 1,
        "30-or-more": 0,
        "not-stated": 0,
    }
    assert counts(response, "population") == {
        "under-150000": 1,
        "150000-250000": 1,
        "over-250000": 0,
        "not-stated": 0,
    }
    assert counts(response, "contract") == {
        "virtual": 1,
        "partially-integrated": 0,
        "fully-integrated": 1,
        "federation-plus-network": 0,
    }
    assert counts(response, "care_model") == {"mcp": 1, "pacs": 1, "pch": 0}


def test_or_within_and_across(client, sites):
    finder = client.get(
        URL, {"contract": ["virtual", "fully-integrated"], "region": "london"}
    ).context["finder"]
    assert [s.slug for s in finder.object_list] == ["c"]


def test_unknown_values_are_reported(client, sites):
    html = client.get(URL, {"care_model": "xyz", "practices": "lots"}).content.decode()
    assert "We ignored “xyz” for Care model" in html
    assert "We ignored “lots” for Practices" in html


def test_sort_and_exports(client, sites):
    finder = client.get(URL, {"sort": "population"}).context["finder"]
    assert [s.slug for s in finder.object_list] == ["c", "b", "a"]
    data = client.get(URL, {"format": "json", "region": "north-west"}).json()
    assert [row["slug"] for row in data["results"]] == ["a", "b"]
    csv_text = client.get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Slug,Name,Profile number")


def test_vanguard_finder_offers_comparison(client, sites):
    html = client.get(URL, {"items": "a,b"}).content.decode()
    assert f'href="{reverse("vanguards:compare")}?items=a,b"' in html
    assert 'name="items" type="checkbox" value="c"' in html


def test_detail_links_to_finder_and_shows_similar_sites(client, sites):
    html = client.get(sites[0].get_absolute_url()).content.decode()
    assert f'href="{URL}?region=north-west"' in html
    assert f'href="{URL}?items=a"' in html
    assert "Similar vanguard sites" in html and "Bravo" in html


def test_vanguard_pages_queries_are_constant(client, django_assert_max_num_queries):
    for i in range(30):
        VanguardSiteFactory(practices=i, population=i * 10_000)
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"region": "x", "practices": "10-29", "q": "a"}).status_code == 200
