"""Steps 2 and 3: the search's matches, then every facet option's count, from the index.

Each option shows how many results it would give with every *other* facet (and the search)
applied, so options are never a dead end; options that would give none are shown disabled.
Counting costs no query: ANDs, ORs and ``bit_count()`` over the index's bitsets.
"""

from dataclasses import dataclass

from finder.facets import ChoiceFacet
from finder.index import get_index
from finder.params import unknown_messages
from finder.search import Ranks, icontains_q


@dataclass(frozen=True)
class Matches:
    """What the search matched: {pk: rank} (ranks 0 when unranked), the query's stems and
    the row fields a snippet is marked in."""

    ranks: Ranks | None  # None when there is no search
    ranked: bool  # ranks by relevance (best match is meaningful)
    snippet_fields: tuple = ()

    @property
    def stems(self):
        return getattr(self.ranks, "stems", None)

    @property
    def notes(self):
        return tuple(getattr(self.ranks, "notes", ()) or ())

    @property
    def recommended(self):
        return getattr(self.ranks, "recommended", frozenset())


def match(finder, state):
    """One query (or one per term) for the ids the search matches (none without a search)."""
    search_filter = finder.search_filter()
    if not state.search or search_filter is None:
        return Matches(ranks=None, ranked=False)
    base = finder.get_queryset().order_by()
    fields = search_filter.snippet_fields
    if search_filter.searcher is not None:
        return Matches(search_filter.searcher.ranks(state.search, base), True, fields)
    found = base.filter(icontains_q(search_filter.fields, state.search.tokens))
    ranks = Ranks.fromkeys(found.values_list("pk", flat=True), 0.0)
    ranks.stems = [t.strip(".,;:!?()\"'") for t in state.search.tokens]
    return Matches(ranks, False, fields)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False

    @property
    def disabled(self):
        return self.count == 0 and not self.selected


@dataclass(frozen=True)
class FacetCounts:
    name: str
    label: str
    options: tuple
    collapsed: bool = False
    help_text: str = ""

    @property
    def selected(self):
        return [option for option in self.options if option.selected]

    @property
    def open(self):
        return bool(self.selected) or not self.collapsed

    @property
    def field_id(self):
        return f"facet-{self.name}"


@dataclass(frozen=True)
class Counts:
    """The result set as a bitset of index positions, and each facet with its options."""

    index: object
    mask: int
    facets: tuple
    messages: tuple
    # Each search match's index position, in the matches' order (the index's size for one it
    # does not hold): worked out once here, read again to order the matches.
    search_positions: list | None = None

    @property
    def total(self):
        return self.mask.bit_count()

    def selected(self, name):
        """The values of facet ``name`` that were used (those the index knows)."""
        facet = next(f for f in self.facets if f.name == name)
        return [option.value for option in facet.options if option.selected]


def _masks(finder, state, index):
    masks = {}
    for name, facet in finder.facets().items():
        values = state.values_of(name)
        if not values:
            masks[name] = None
        elif isinstance(facet, ChoiceFacet):
            masks[name] = index.choice_mask(name, values)
        else:
            masks[name] = index.related_mask(facet.path, values)
    return masks


def _others(index, search_mask, masks, name=None):
    """Every filter except facet ``name`` (all of them for None), as a bitset."""
    result = index.everything if search_mask is None else search_mask
    for other, mask in masks.items():
        if other != name and mask is not None:
            result &= mask
    return result


def count(finder, state, matches):
    """The result set and every facet's options with their counts (no query once indexed)."""
    index = get_index(finder, finder.get_queryset().db)
    positions = None if matches.ranks is None else index.positions_for(matches.ranks)
    search_mask = None if positions is None else index.mask_at(positions)
    masks = _masks(finder, state, index)
    facets, messages = [], []
    for name, facet in finder.facets().items():
        selected = state.values_of(name)
        others = _others(index, search_mask, masks, name)
        if isinstance(facet, ChoiceFacet):
            found = index.choices[name]
            pairs = [(value, label, found[value]) for value, label in facet.choices]
        else:
            pairs = [(o.value, o.label, o.mask) for o in index.related[facet.path]]
            known = {value for value, _label, _mask in pairs}
            messages += unknown_messages(finder, facet, [v for v in selected if v not in known])
        options = tuple(
            Option(value, label, (others & mask).bit_count(), value in selected)
            for value, label, mask in pairs
        )
        facets.append(
            FacetCounts(name, str(facet.label), options, facet.collapsed, facet.help_text)
        )
    mask = _others(index, search_mask, masks)
    return Counts(index, mask, tuple(facets), tuple(messages), positions)


def counts_by(finder, path, choice):
    """{related value: {option of fixed-choice facet ``choice``: published items}} for every
    value of relation ``path`` in use, and the totals per option under None: counted from the
    index (no query once it is held), e.g. case studies per theme and kind on the home page."""
    index = get_index(finder, finder.get_queryset().db)
    options = index.choices[choice]
    table = {None: {value: mask.bit_count() for value, mask in options.items()}}
    for related in index.related[path]:
        table[related.value] = {
            value: (related.mask & mask).bit_count() for value, mask in options.items()
        }
    return table
