"""Steps 4 and 5: the results in order, the page asked for, and the rows it shows.

Everything that lists results — pages, one-page lists, exports, feeds, the site search —
takes its primary keys from here, in the index's order, and fetches only the rows it shows.
"""

import heapq
from dataclasses import dataclass
from itertools import compress

from django.core.paginator import Paginator

from finder.index import flags_of, position_chunks, positions_of
from finder.search import highlight, mark_tokens

FETCH_CHUNK = 500  # primary keys per query when fetching many rows (SQLite's variable limit)
# The best ranked matches are picked first and the rest sorted only when a page reaches them
# (the first pages of 10,000 matches: 1.5 against 6 ms).
RANKED_FIRST = 200


class LazyOrder:
    """A sequence of ``total`` items produced in ordered chunks, each made only when read."""

    def __init__(self, total, chunks):
        self.total = total
        self._items = []
        self._chunks = iter(chunks)

    def _fill(self, stop):
        while len(self._items) < stop:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.total = len(self._items)
                return
            self._items.extend(chunk)

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if isinstance(key, slice):
            stop = key.stop if key.stop is not None and key.stop >= 0 else self.total
            self._fill(stop)
        else:
            self._fill(key + 1 if key >= 0 else self.total)
        return self._items[key]

    def __iter__(self):
        index = 0
        while True:
            self._fill(index + 1)
            if index >= len(self._items):
                return
            yield self._items[index]
            index += 1


def is_ranked(finder, state, matches):
    return bool(finder.sorts[state.sort].needs_search and matches.ranked)


def order(finder, state, matches, counts, *, sort=None):
    """Every result's primary key in the chosen order (or ``sort``), worked out as it is read."""
    index, sort = counts.index, sort or state.sort
    if sort == state.sort and is_ranked(finder, state, matches):
        chunks = _ranked_chunks(index, counts.mask, matches.ranks, counts.search_positions)
        return LazyOrder(counts.total, chunks)
    if sort == finder.default_sort or sort not in index.sort_ranks:
        pks = index.pks
        chunks = ([pks[p] for p in chunk] for chunk in position_chunks(counts.mask))
        return LazyOrder(counts.total, chunks)
    return [index.pks[p] for p in index.ordered(counts.mask, sort)]


def _ranked_chunks(index, mask, ranks, at):
    """Ranked matches first (best first, ties in the default order), then the matches with no
    rank (PostgreSQL: found only in the body) in the default order: the second part is only
    worked out when a page reaches it. ``at``: each match's position (``Counts``)."""
    size = len(index.pks)
    in_mask = compress(
        zip(ranks.values(), at, strict=True), map(flags_of(mask, size).__getitem__, at)
    )
    hits = [(-rank, p) for rank, p in in_mask if rank]
    best = heapq.nsmallest(RANKED_FIRST, hits)
    yield [index.pks[p] for _rank, p in best]
    if len(hits) > len(best):
        hits.sort()
        yield [index.pks[p] for _rank, p in hits[len(best) :]]
    if len(hits) < mask.bit_count():  # some matches have no rank
        rest = mask & ~index.mask_at(p for _rank, p in hits)
        yield [index.pks[p] for p in positions_of(rest)]


@dataclass(frozen=True)
class Page:
    """One page of results: its number, how many pages there are, and its primary keys."""

    number: int
    num_pages: int
    pks: tuple
    paginator: Paginator
    messages: tuple

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.num_pages


def paginate(finder, state, ordered):
    """The page ``state`` asks for (or the nearest one, with a message); None when the finder
    shows every result at once."""
    if not finder.per_page:
        return None
    paginator = Paginator(ordered, finder.per_page)
    number, messages = _page_number(state.page, paginator.num_pages)
    page = paginator.page(number)
    return Page(number, paginator.num_pages, tuple(page.object_list), paginator, messages)


def _page_number(raw, pages):
    if not raw:
        return 1, ()
    if raw == "last":
        return pages, ()
    try:
        number = int(raw)
    except ValueError:
        return 1, (f"“{raw}” is not a page number, so this is page 1.",)
    if number < 1:
        return 1, ("Pages start at 1, so this is page 1.",)
    if number > pages:
        there = "is only 1 page" if pages == 1 else f"are only {pages} pages"
        return pages, (f"There {there}, so this is the last one.",)
    return number, ()


def fetch(finder, pks, matches, *, queryset_for=None):
    """The rows for ``pks``, in that order, ready to show (a query, and its prefetches, per
    chunk of FETCH_CHUNK); with a search, each carries its marked ``search_highlight``."""
    prepare = queryset_for or finder.get_results_queryset
    base = finder.get_queryset()
    rows = {}
    for start in range(0, len(pks), FETCH_CHUNK):
        queryset = base.filter(pk__in=pks[start : start + FETCH_CHUNK])
        rows.update((obj.pk, obj) for obj in prepare(queryset))
    objects = [rows[pk] for pk in pks if pk in rows]
    recommended = matches.recommended
    for obj in objects:
        obj.search_recommended = obj.pk in recommended
        obj.search_snippet = _snippet(obj, matches)
        obj.search_highlight = highlight(obj.search_snippet) if obj.search_snippet else ""
    return objects


def _snippet(obj, matches):
    """Where ``obj`` matches, its words marked: found in Python from the query's stems
    (ts_headline or FTS5's snippet() re-read each whole document in the database)."""
    if not matches.snippet_fields or matches.stems is None:
        return ""
    text = " ".join(getattr(obj, field) or "" for field in matches.snippet_fields)
    return mark_tokens(text, matches.stems, width=240, stems=True)


def first_with(counts, ordered, name, value, limit):
    """The first ``limit`` results (in order) with option ``value`` of fixed-choice facet
    ``name``, and how many results have it."""
    index = counts.index
    option = index.choices[name].get(value, 0)
    flags, position = flags_of(option, len(index.pks)), index.position
    found = []
    for pk in ordered:
        if flags[position[pk]]:
            found.append(pk)
            if len(found) == limit:
                break
    return found, (counts.mask & option).bit_count()
