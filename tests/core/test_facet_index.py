"""The finder's in-memory facet index, through what it serves: results, counts, related items.

The index keeps a bitset per facet option; these tests check what a user sees from it (the
listed items and counts far into a large library, the related items on a case-study page, a
plain count standing in for the bit-plane counting) and what it costs to build.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy
from core.cache import content_changed
from core.models import Status
from finder import index as facet_index
from finder.facets import RelatedFacet
from finder.related import related
from tests.factories import CaseStudyFactory, RoleFactory, ThemeFactory, bulk_library

pytestmark = pytest.mark.django_db

URL = reverse("casestudies:list")
RELATIONS = ["themes", "roles", "tags"]  # what a case-study page's related items share


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_results_and_counts_are_right_far_into_a_large_library(client):
    """Items sit at positions 0-299 of the index: results and counts read every bit right."""
    bulk_library(300)  # item i: theme t{i % 4}, role r{i % 6}, tag topic-{i % 30}
    chosen = [i for i in range(300) if i % 30 == 7]
    finder = client.get(URL, {"tag": "topic-7"}).context["finder"]
    assert finder.total == len(chosen)
    assert [obj.slug for obj in finder.object_list] == [
        obj.slug
        for obj in CaseStudy.objects.filter(slug__in=[f"bulk-{i}" for i in chosen]).order_by(
            "title", "pk"
        )
    ]
    counts = {(f.name, o.value): o.count for f in finder.facets for o in f.options}
    for k in range(4):
        assert counts["theme", f"t{k}"] == sum(1 for i in chosen if i % 4 == k)
    for k in range(6):
        assert counts["role", f"r{k}"] == sum(1 for i in chosen if i % 6 == k)
    assert all(counts["tag", f"topic-{k}"] == 10 for k in range(30))  # its own facet: no filter


def test_a_case_study_sharing_nothing_has_no_related_list(client):
    lonely = CaseStudyFactory(themes=[ThemeFactory()], tags=["unique"])
    CaseStudyFactory(themes=[ThemeFactory()], tags=["other"])
    response = client.get(lonely.get_absolute_url())
    assert response.context["related"] == []
    assert "Related case studies" not in response.content.decode()


ITEM = st.fixed_dictionaries(
    {
        "themes": st.sets(st.integers(0, 3)),
        "roles": st.sets(st.integers(0, 2)),
        "tags": st.sets(st.integers(0, 4)),
        "published": st.booleans() | st.just(True),
    }
)
LIBRARY = st.lists(ITEM, min_size=2, max_size=12).flatmap(
    lambda items: st.tuples(
        st.just(items),
        st.permutations(range(len(items))),  # title order differs from creation order
        st.integers(0, len(items) - 1),  # the item whose page is shown
        st.integers(1, 6),  # how many related items it asks for
    )
)


def plain_related(items, titles, target, limit):
    """Published others sharing at least one theme/role/tag, most shared first, ties by title."""

    def shared(other):
        return sum(len(items[target][r] & items[other][r]) for r in RELATIONS)

    found = [i for i in range(len(items)) if i != target and items[i]["published"] and shared(i)]
    return sorted(found, key=lambda i: (-shared(i), titles[i]))[:limit]


def make_library(items, titles):
    themes = [ThemeFactory(slug=f"theme-{k}") for k in range(4)]
    roles = [RoleFactory(slug=f"role-{k}") for k in range(3)]
    made = [
        CaseStudyFactory(
            title=f"Item {titles[i]:02d}",
            status=Status.PUBLISHED if item["published"] else Status.DRAFT,
            themes=[themes[k] for k in item["themes"]],
            roles=[roles[k] for k in item["roles"]],
            tags=[f"tag-{k}" for k in item["tags"]],
        )
        for i, item in enumerate(items)
    ]
    content_changed()  # what every write path calls: the index is rebuilt for the new rows
    return made


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(library=LIBRARY)
def test_related_items_are_those_sharing_the_most_by_a_plain_count(library):
    items, titles, target, limit = library
    with transaction.atomic():
        made = make_library(items, titles)
        found = related(CaseStudyFinder(), made[target], RELATIONS, limit=limit)
        expected = [made[i].title for i in plain_related(items, titles, target, limit)]
        assert [obj.title for obj in found] == expected
        transaction.set_rollback(True)


@pytest.mark.parametrize("n", [10, 300])
def test_building_the_index_costs_the_same_queries_at_any_size(n):
    bulk_library(n)
    facet_index.clear()
    finder = CaseStudyFinder()
    related_facets = sum(isinstance(f, RelatedFacet) for f in finder.facets().values())
    with CaptureQueriesContext(connection) as queries:
        index = facet_index.get_index(finder)
    assert len(index.pks) == n
    # one query for the order and fixed options, one per related facet, and taggit's content
    # type look-up (cached after the first time in a process)
    assert len(queries) <= 1 + related_facets + 1
    with CaptureQueriesContext(connection) as queries:
        assert facet_index.get_index(finder) is index
    assert len(queries) == 0


def test_with_a_shared_cache_one_process_builds_and_the_others_load(settings):
    settings.CACHE_IS_SHARED = True  # the test's cache stands in for Redis
    bulk_library(20)
    facet_index.clear()
    finder = CaseStudyFinder()
    built = facet_index.get_index(finder)
    facet_index.clear()  # another process: nothing held in its memory
    with CaptureQueriesContext(connection) as queries:
        loaded = facet_index.get_index(finder)
    assert len(queries) == 0
    assert loaded is not built and loaded == built


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(min_value=0, max_value=700),
    picked=st.lists(st.integers(min_value=0, max_value=800), max_size=300),
)
def test_the_fast_bitset_helpers_agree_with_the_plain_ones(size, picked):
    """``mask_at``, ``mask_of`` and ``flags_of`` (loops in C, for thousands of search
    matches) give what plain bit arithmetic gives; a key with no position (``size``) is never
    set."""
    position = {f"pk{p}": p for p in range(size)}
    keys = [f"pk{p}" for p in picked] + ["draft"]
    at = facet_index.positions_for(position, keys, size)
    assert at == [position.get(key, size) for key in keys]
    inside = [p for p in at if p < size]
    mask = facet_index.mask_at(at, size)
    assert mask == facet_index.mask_of(inside) == sum(1 << p for p in set(inside))
    flags = facet_index.flags_of(mask, size)
    assert len(flags) == size + 1 and flags[size] == 0
    assert [p for p in range(size) if flags[p]] == sorted(set(inside))
