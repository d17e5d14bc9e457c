"""The finder's facet counts and result pages from bitsets kept in memory.

Why: a finder page shows, for every option of every facet, how many results it would give
with every *other* facet and the search applied. Asked of SQL on each request that is a
``COUNT … FILTER`` per fixed option and a grouped join per related facet over every published
item: a few milliseconds at a hundred items, seconds at 65,000 (bench/results.md). But the
published set only changes when content is saved, so once per content generation
(``core.cache.content_generation``) a finder reads it whole — one query for the sort orders
and the fixed-choice options, one per related facet — and keeps, for each facet option, a
Python ``int`` whose bit *i* is set when the *i*-th item in the default sort order has that
option. A request then costs one query for the search's matching ids (when searching), some
ANDs, ORs and ``bit_count()`` calls on those ints (microseconds each, even at 65,000 items) and
one query for the page of rows it shows. It is the one engine for everything a finder
lists (docs/adr/0002-facet-engine.md); ``tests/core/test_finder.py`` checks its counts and
results against a brute-force count over the same data.

The index lives in each process's memory, keyed by finder and database, and is rebuilt by the
first request after the generation changes; every write path bumps the generation through
``core.cache.content_changed()``. With a shared cache the processes share each generation's
build (``get_index``).
"""

import itertools
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db.models import Aggregate, BooleanField, Case, F, TextField, Value, When, Window
from django.db.models.functions import RowNumber

from core.cache import content_generation
from finder import declaration
from finder.facets import ChoiceFacet, RelatedFacet

_ONES = re.compile("1")


def mask_of(positions):
    """An int with the bit of each position set (``mask_at``: linear time)."""
    positions = list(positions)
    return mask_at(positions, max(positions) + 1) if positions else 0


def positions_of(mask):
    """The set bits of ``mask``, lowest first."""
    if not mask:
        return []
    reversed_bits = bin(mask)[:1:-1]  # bit 0 first
    return [match.start() for match in _ONES.finditer(reversed_bits)]


def position_chunks(mask, size=500):
    """The set bits of ``mask``, lowest first, ``size`` at a time: a page of results reads
    one chunk, not all of them (at 66,000 case studies the whole list cost 1.2 ms a page)."""
    found = (match.start() for match in _ONES.finditer(bin(mask)[:1:-1] if mask else ""))
    while chunk := list(itertools.islice(found, size)):
        yield chunk


_BYTE_TO_DIGIT = bytes.maketrans(b"\x00\x01", b"01")
_DIGIT_TO_BYTE = bytes.maketrans(b"01", b"\x00\x01")


def positions_for(position, keys, missing):
    """The position of each key (``missing`` for a key not in ``position``), looked up in C
    (``map``): at 66,000 case studies a search's 15,000 matches are looked up in a few ms."""
    return list(map(position.get, keys, itertools.repeat(missing)))


def mask_at(positions, size):
    """The mask of ``positions`` below ``size`` (``size`` itself is skipped: it marks a key
    with no position). The bits are set one byte per position by ``map`` in C, then read as
    one binary number: with the look-ups, 14 against 5 ms for 15,000 search matches."""
    flags = bytearray(size + 1)
    deque(map(flags.__setitem__, positions, itertools.repeat(1)), maxlen=0)
    del flags[size]
    return int(flags.translate(_BYTE_TO_DIGIT)[::-1], 2) if size else 0


def flags_of(mask, size):
    """``mask`` as ``size + 1`` bytes, 1 where a bit is set: ``flags[position]`` is a cheap
    test, and ``flags[size]`` (a key with no position) is 0."""
    digits = bin(mask)[:1:-1].encode() if mask else b""
    return digits.translate(_DIGIT_TO_BYTE).ljust(size + 1, b"\x00")


@dataclass
class RelatedOption:
    value: str
    label: str
    mask: int


@dataclass
class FacetIndex:
    """One finder's published set: its order, and a bitset per facet option."""

    pks: list  # position -> primary key, in the default sort order
    position: dict  # primary key -> position
    sort_ranks: dict  # sort key -> list: position -> rank in that sort
    related: dict = field(default_factory=dict)  # relation path -> [RelatedOption], in order
    choices: dict = field(default_factory=dict)  # facet name -> {option value: mask}

    @property
    def everything(self):
        return (1 << len(self.pks)) - 1

    def related_mask(self, path, values):
        """OR of the known values' masks; None when none is known (the facet does not filter)."""
        masks = [o.mask for o in self.related[path] if o.value in values]
        return _or(masks) if masks else None

    def choice_mask(self, name, values):
        masks = [self.choices[name][v] for v in values if v in self.choices[name]]
        return _or(masks) if masks else None

    def positions_for(self, pks):
        """The position of each of ``pks``; ``len(self.pks)`` for one not in this set (a draft)."""
        return positions_for(self.position, pks, len(self.pks))

    def mask_at(self, positions):
        """The bitset of ``positions`` (``positions_for``: those not in this set dropped)."""
        return mask_at(positions, len(self.pks))

    def ordered(self, mask, sort_key):
        """The positions in ``mask`` in the order of ``sort_key`` (one of ``sort_ranks``; the
        default order is ``position_chunks``)."""
        return sorted(positions_of(mask), key=self.sort_ranks[sort_key].__getitem__)

    def most_shared(self, masks, *, exclude=None, limit=4):
        """Positions set in the most of ``masks`` (at least one), most first, ties in order.

        The per-position count is kept as bit planes (plane i holds bit i of every count) and
        each mask is added with a ripple carry: a few big-int operations per mask, not a
        loop over items.
        """
        planes = []
        for mask in masks:
            carry = mask
            for i, plane in enumerate(planes):
                planes[i] = plane ^ carry
                carry &= plane
                if not carry:
                    break
            if carry:
                planes.append(carry)
        candidates = self.everything
        if exclude is not None:
            candidates &= ~(1 << exclude)
        found = []
        for count in range((1 << len(planes)) - 1, 0, -1):
            equal = candidates
            for i, plane in enumerate(planes):
                equal &= plane if count >> i & 1 else ~plane
            while equal and len(found) < limit:
                lowest = equal & -equal
                found.append(lowest.bit_length() - 1)
                equal ^= lowest
            if len(found) == limit:
                break
        return found


def _or(masks):
    result = 0
    for mask in masks:
        result |= mask
    return result


def build(finder, using):
    """Read one finder's published set from the database: 1 + (relations) queries."""
    base = finder.get_queryset().using(using).order_by()
    facets = finder.facets()
    default = finder.default_sort
    sorts = {key: (*sort.ordering, "pk") for key, sort in finder.sorts.items() if sort.ordering}
    annotations = {
        f"_rank_{i}": Window(RowNumber(), order_by=[_order(term) for term in ordering])
        for i, ordering in enumerate(sorts.values())
    }
    choice_columns = []
    for name, facet in facets.items():
        if isinstance(facet, ChoiceFacet):
            for value, _label in facet.choices:
                column = f"_choice_{len(choice_columns)}"
                choice_columns.append((name, value, column))
                annotations[column] = Case(
                    When(facet.option_q(value), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
    rows = list(base.annotate(**annotations).values_list("pk", *annotations))
    sort_keys = list(sorts)
    default_column = sort_keys.index(default) + 1
    rows.sort(key=lambda row: row[default_column])
    pks = [row[0] for row in rows]
    position = {pk: i for i, pk in enumerate(pks)}
    sort_ranks = {
        key: [row[i + 1] for row in rows] for i, key in enumerate(sort_keys) if key != default
    }
    index = FacetIndex(pks=pks, position=position, sort_ranks=sort_ranks)
    first_choice = 1 + len(sort_keys)
    for offset, (name, value, _column) in enumerate(choice_columns):
        column = first_choice + offset
        index.choices.setdefault(name, {})[value] = mask_of(
            i for i, row in enumerate(rows) if row[column]
        )
    for facet in relation_facets(finder):
        index.related[facet.path] = _related_options(base, facet, position)
    return index


def relation_facets(finder):
    """The finder's related facets, and a plain one for each other relation it relates items
    by (``finder.related_by``): each is indexed once, by its path."""
    by_path = {f.path: f for f in finder.facets().values() if isinstance(f, RelatedFacet)}
    for path in finder.related_by:
        by_path.setdefault(path, RelatedFacet(path, label=path))
    return list(by_path.values())


def _order(term):
    if isinstance(term, str):
        return F(term[1:]).desc() if term.startswith("-") else F(term).asc()
    return term


class MemberIds(Aggregate):
    """The grouped rows' ids as one comma-separated string (a few rows instead of millions)."""

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS text), ',')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="GROUP_CONCAT", template="%(function)s(%(expressions)s)"
        )


def _related_options(base, facet, position):
    """One grouped query: each option in use, its label and its members' ids."""
    key = f"{facet.path}__{facet.value_field}"
    label_keys = [f"{facet.path}__{name}" for name in facet.label_fields]
    related = base.model._meta.get_field(facet.path).related_model
    if any(field.name == "status" for field in related._meta.concrete_fields):
        base = base.filter(**{f"{facet.path}__status": "published"})  # no draft as an option
    rows = (
        base.filter(**{f"{key}__isnull": False})
        .values(key, *label_keys)
        .annotate(members=MemberIds("pk"))
        .order_by(f"{facet.path}__{facet.order_by}", key)
        .values_list(key, "members", *label_keys)
    )
    options = []
    for value, members, *parts in rows:
        label = facet.option_label(parts)
        found = (position[pk] for pk in map(int, members.split(",")) if pk in position)
        options.append(RelatedOption(value, label, mask_of(found)))
    return options


_indexes = {}
_lock = threading.Lock()


SHARED_WAIT_SECONDS = 10  # how long a process waits for another's build before building itself


def get_index(finder, using="default"):
    """The finder's index for the current content generation, built if it is not held yet.

    With a shared cache (Redis or the database: ``CACHE_IS_SHARED``) one process builds each
    generation's index and the others load it from the cache (2.5 MB and ~10 ms to load at
    65,534 case studies, against ~2 s to build)."""
    generation = content_generation()
    key = (finder.index_name, using)
    held = _indexes.get(key)
    if held is not None and held[0] == generation:
        return held[1]
    with _lock:  # one build per process; other threads wait for it rather than repeat it
        held = _indexes.get(key)
        if held is not None and held[0] == generation:
            return held[1]
        if settings.CACHE_IS_SHARED:
            index = _shared(finder, using, generation)
        else:
            index = build(finder, using)
        _indexes[key] = (generation, index)
        return index


def _shared(finder, using, generation):
    cache = caches[settings.PAGE_CACHE_ALIAS]
    name = f"facet-index:{finder.index_name}:{using}"
    key, lock = f"{name}:{generation}", f"{name}:{generation}:building"
    index = cache.get(key)
    if index is not None:
        return index
    if not cache.add(lock, 1, timeout=SHARED_WAIT_SECONDS * 3):
        deadline = time.monotonic() + SHARED_WAIT_SECONDS
        while time.monotonic() < deadline:  # another process is building this generation's
            time.sleep(0.05)
            index = cache.get(key)
            if index is not None:
                return index
    index = build(finder, using)
    cache.set(key, index, timeout=max(settings.PAGE_CACHE_SECONDS, 60))
    return index


def warm(using="default"):
    """Build every declared finder's index for the current content generation (called after a
    publish commits, so the first reader does not wait for it; with a shared cache the other
    processes load this build instead of making their own)."""
    for finder in declaration.declared():
        get_index(finder, using)


def clear():
    """Forget every held index (tests; the generation normally does this)."""
    _indexes.clear()
