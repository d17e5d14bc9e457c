"""Issue 16 item 7: page-cache keys from the canonical state; junk adds no entries; bounded."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.cache import canonical_query
from core.memory_cache import BoundedMemoryCache
from tests.factories import CaseStudyFactory, ThemeFactory, publish_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def finder_url():
    theme = ThemeFactory(slug="new-roles")
    CaseStudyFactory(themes=[theme])
    publish_changes()
    return reverse("casestudies:list")


def test_the_canonical_query_sorts_trims_and_drops_tracking_and_empty_values():
    assert canonical_query("b=2&a=1&utm_source=x&fbclid=y&c=") == "a=1&b=2"
    assert canonical_query("q=%20Cafe%CC%81%20") == canonical_query("q=Caf%C3%A9")
    assert canonical_query("&".join(f"p{i}=1" for i in range(41))) is None


def test_spellings_of_one_finder_state_share_one_entry(client, finder_url):
    assert client.get(f"{finder_url}?theme=new-roles")["X-Cache"] == "MISS"
    for spelling in (
        "?theme=new-roles&utm_source=mail",
        "?theme=new-roles&q=",
        "?theme=new-roles&",
    ):
        assert client.get(finder_url + spelling)["X-Cache"] == "HIT", spelling


def test_finder_pages_that_report_ignored_parameters_are_not_stored(client, finder_url):
    for url in (f"{finder_url}?junk=1", f"{finder_url}?theme=knitting"):
        first = client.get(url)
        assert "We ignored" in first.content.decode()
        assert client.get(url).get("X-Cache") != "HIT", url


def test_junk_parameters_on_other_pages_are_served_but_not_stored(client):
    case = CaseStudyFactory(slug="solutions-from-sussex")
    url = case.get_absolute_url()
    for n in range(3):
        assert client.get(f"{url}?junk={n}").get("X-Cache") != "HIT"
        assert client.get(f"{url}?junk={n}").get("X-Cache") != "HIT"
    assert client.get(url)["X-Cache"] == "MISS" and client.get(url)["X-Cache"] == "HIT"


def test_the_memory_cache_is_bounded_in_bytes():
    small = BoundedMemoryCache(
        "bounded-test", {"OPTIONS": {"MAX_ENTRIES": 1000, "MAX_BYTES": 200_000}}
    )
    small.set("generation", 1)
    for n in range(50):
        small.set(f"page{n}", b"x" * 20_000)
    assert small.stored_bytes() <= 200_000
    assert small.get("page49") is not None and small.get("page0") is None
    assert small.get("generation") == 1  # small keys are never pushed out by pages


def test_the_default_cache_is_the_bounded_one():
    assert isinstance(cache, BoundedMemoryCache) or not cache.__class__.__name__.startswith("Loc")
