"""The finder's in-memory facet index: bitset helpers, build cost and the related-items count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.filters import CaseStudyFinder
from finder import index as facet_index
from finder.facets import RelatedFacet
from finder.index import FacetIndex, mask_of, positions_of
from tests.core.test_finder import _AREA, _bulk_library


def test_masks_and_positions_round_trip():
    positions = [0, 3, 7, 8, 64, 1000]
    mask = mask_of(positions)
    assert mask == sum(1 << p for p in positions)
    assert positions_of(mask) == positions
    assert mask_of([]) == 0 and positions_of(0) == []


def _index(n):
    return FacetIndex(pks=list(range(n)), position={i: i for i in range(n)}, sort_ranks={})


def test_most_shared_counts_every_mask_and_breaks_ties_in_order():
    index = _index(10)
    masks = [mask_of([1, 2, 3]), mask_of([2, 3, 9]), mask_of([3, 9]), mask_of([5])]
    # counts: 3 -> 3, 2 -> 2, 9 -> 2, 1 -> 1, 5 -> 1; 0 shares nothing
    assert index.most_shared(masks, limit=4) == [3, 2, 9, 1]
    assert index.most_shared(masks, exclude=3, limit=10) == [2, 9, 1, 5]
    assert index.most_shared([], limit=4) == []


def test_most_shared_matches_a_plain_count_on_many_masks():
    index = _index(300)
    masks = [mask_of(range(start, 300, step)) for start, step in [(0, 2), (1, 3), (0, 5)] * 7]
    counts = {p: sum(1 for m in masks if m >> p & 1) for p in range(300)}
    expected = sorted((p for p in counts if counts[p] and p != 30), key=lambda p: -counts[p])
    assert index.most_shared(masks, exclude=30, limit=12) == expected[:12]


@pytest.mark.django_db
@pytest.mark.parametrize("n", [10, 300])
def test_building_the_index_costs_the_same_queries_at_any_size(n):
    _AREA.clear()
    _bulk_library(n)
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


@pytest.mark.django_db
def test_with_a_shared_cache_one_process_builds_and_the_others_load(settings):
    settings.CACHE_IS_SHARED = True  # the test's cache stands in for Redis
    _AREA.clear()
    _bulk_library(20)
    facet_index.clear()
    finder = CaseStudyFinder()
    built = facet_index.get_index(finder)
    facet_index.clear()  # another process: nothing held in its memory
    with CaptureQueriesContext(connection) as queries:
        loaded = facet_index.get_index(finder)
    assert len(queries) == 0
    assert loaded is not built and loaded == built
