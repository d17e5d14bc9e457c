"""One finder for every list page: facets with live counts, search, sorting, paging and exports.

A page declares a ``FinderFilterSet`` (a django-filter FilterSet) whose filters are facets,
and a ``Finder`` subclass naming that filterset, its sorts and its export columns. The
filterset alone is an ordinary FilterSet (``CaseStudyFilter(request.GET, queryset=…).qs``);
the finder adds what a browsing page needs:

* Options within a facet are OR'd, facets are AND'd. Each option shows how many results it
  would give with every *other* facet (and the search) applied, so options are never a dead
  end; options that would give none are shown disabled.
* Counting and paging cost no query per facet: the published set is read once per content
  generation into bitsets, one per facet option (``core/facet_index.py``); a request adds the
  search's matching ids and the page's rows. The same facets are also ``pk IN (subquery)``
  filters on the queryset, which exports and one-page lists use, so no join multiplies rows.
* Bad input is never an error. Values a facet does not know are ignored (SQL-side: a related
  facet whose values match no published item does not filter at all, so no validation query is
  needed) and reported in a message; so are bad page numbers, sorts, formats and parameters.
* Every state is a URL of GET parameters; page, sort, removal and export links keep all of it.
"""

import csv
import re
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import and_, or_
from urllib.parse import quote_plus
from urllib.parse import urlencode as _urlencode

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager

from finder.index import get_index, has_bit, mask_of, positions_of
from finder.search import SearchText, clean_text, get_backend, highlight, icontains_q, parse_query

MAX_VALUES = 20
MAX_VALUE_LENGTH = 120
MAX_BASKET = 10
FORMATS = ("json", "csv")
IGNORED_PARAMS = ("utm_", "fbclid", "gclid")


def clean_values(raw_values, *, limit=MAX_VALUES):
    """Short, clean, distinct strings from repeated and/or comma-separated GET values."""
    values = []
    for raw in raw_values:
        for part in clean_text(raw).split(","):
            part = part.strip()[:MAX_VALUE_LENGTH]
            if part and part not in values:
                values.append(part)
    return values[:limit]


def encode(pairs):
    """A query string; commas stay readable (items=a,b)."""
    return _urlencode(list(pairs), safe=",", quote_via=quote_plus)


def combine(qs, op=and_):
    """AND (or OR) the Q objects that are not None; None when there are none."""
    qs = [q for q in qs if q is not None]
    return reduce(op, qs) if qs else None


# -- django-filter pieces ------------------------------------------------------------------


class ValuesField(forms.Field):
    """Any number of short strings. Never invalid: the finder reports what it could not use."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if not value:
            return []
        return clean_values([value] if isinstance(value, str) else value)


class SearchField(forms.Field):
    """Free text, cleaned and cut to a safe length; never invalid."""

    def to_python(self, value):
        return parse_query(value)

    def validate(self, value):
        pass


class Facet(django_filters.Filter):
    """A filter with options shown as checkboxes; the options it is given are OR'd together."""

    field_class = ValuesField
    collapsed = False

    def __init__(self, *, label, collapsed=False, help_text="", **kwargs):
        super().__init__(label=label, **kwargs)
        self.collapsed = collapsed
        self.help_text = help_text

    def base(self):
        """The set the finder filters and counts within (the filterset's queryset)."""
        return self.parent.queryset

    def q(self, values):
        """Q for items matching any of ``values``, or None to leave the results unfiltered."""
        raise NotImplementedError

    def filter(self, qs, value):
        q = self.q(value) if value else None
        return qs if q is None else qs.filter(q)


class RelatedFacet(Facet):
    """Options are the related objects (by slug) that at least one item in the base set has."""

    def __init__(
        self,
        path,
        *,
        label,
        value_field="slug",
        label_fields=("name",),
        order_by=None,
        label_format=None,
        **kwargs,
    ):
        super().__init__(label=label, field_name=path, **kwargs)
        self.path = path
        self.value_field = value_field
        self.label_fields = label_fields
        self.order_by = order_by or label_fields[0]
        self.label_format = label_format

    @property
    def key(self):
        return f"{self.path}__{self.value_field}"

    def q(self, values):
        having = self.base().filter(**{f"{self.key}__in": values})
        # Values no published item has are ignored (and reported): if none is known the facet
        # does not filter at all; unknown values among known ones add nothing to the OR.
        return Q(pk__in=having.values("pk")) | ~Exists(having)


class ChoiceFacet(Facet):
    """A fixed list of options, each with its own condition; counted in the shared aggregate."""

    def __init__(self, *, label, choices, option_q=None, field_name=None, **kwargs):
        super().__init__(label=label, field_name=field_name, **kwargs)
        self.choices = [(str(value), str(text)) for value, text in choices]
        self.choice_map = dict(self.choices)
        self._option_q = option_q

    def option_q(self, value):
        if self._option_q is not None:
            return self._option_q(value)
        return Q(**{self.field_name: value})

    def known(self, values):
        return [value for value in values if value in self.choice_map]

    def q(self, values):
        return combine((self.option_q(value) for value in self.known(values)), or_)


@dataclass(frozen=True)
class Band:
    """A numeric range (as field lookups, e.g. {"gte": 10000, "lte": 30000}) with a label."""

    value: str
    label: str
    lookups: dict


class BandFacet(ChoiceFacet):
    """Ranges of a number field, plus 'not stated' for empty values."""

    def __init__(self, field_name, *, label, bands, not_stated="Not stated", **kwargs):
        self.bands = {band.value: band for band in bands}
        choices = [(band.value, band.label) for band in bands]
        if not_stated:
            choices.append(("not-stated", not_stated))
        super().__init__(label=label, choices=choices, field_name=field_name, **kwargs)

    def option_q(self, value):
        if value == "not-stated":
            return Q(**{f"{self.field_name}__isnull": True})
        lookups = self.bands[value].lookups
        return Q(**{f"{self.field_name}__{lookup}": bound for lookup, bound in lookups.items()})


class SearchFilter(django_filters.Filter):
    """The search box: the full-text backend, or a substring match over ``fields``."""

    field_class = SearchField

    def __init__(self, *, fields=None, label="Search", **kwargs):
        super().__init__(label=label, **kwargs)
        self.fields = fields

    def q(self, search):
        if not search:
            return None
        if self.fields:
            return icontains_q(self.fields, search.tokens)
        return get_backend(self.parent.queryset.db).matches(search)

    def filter(self, qs, value):
        q = self.q(value)
        return qs if q is None else qs.filter(q)


class FinderFilterSet(django_filters.FilterSet):
    """A FilterSet whose facets and search the Finder knows how to count and describe."""

    @classmethod
    def facet_names(cls):
        return [name for name, f in cls.base_filters.items() if isinstance(f, Facet)]


# -- what templates get ---------------------------------------------------------------------


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False

    @property
    def disabled(self):
        return self.count == 0 and not self.selected


@dataclass
class FacetState:
    name: str
    label: str
    options: list
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


@dataclass
class Link:
    label: str
    url: str
    current: bool = False
    detail: str = ""


@dataclass
class Sort:
    label: str
    ordering: tuple = ()
    needs_search: bool = False


@dataclass
class Column:
    """One field in the JSON and CSV exports: ``value(obj)`` gives text, a number or a list."""

    name: str
    label: str
    value: object = None

    def get(self, obj):
        return self.value(obj) if self.value else getattr(obj, self.name)


def csv_cell(value):
    """Text for a CSV cell; lists joined; formula-looking text defused for spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    value = str(value)
    if value[:1] in ("=", "@", "\t", "\r") or (
        value[:1] in ("+", "-") and not re.fullmatch(r"[+-][\d.,% ]*", value)
    ):
        value = "'" + value
    return value


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


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


# -- the finder -----------------------------------------------------------------------------


class Finder:
    """A list page's state from its GET parameters: results, facets, messages and links."""

    filterset_class = FinderFilterSet
    url_name = ""
    noun = ("item", "items")
    sorts = {}
    default_sort = ""
    per_page = 20
    export_columns = []
    export_name = "results"
    basket_param = None  # "items" on pages that can add to a comparison
    compare_url_name = ""
    feed_url_name = ""
    search_param = "q"
    search_label = "Search"
    sort_chosen = False  # True when the address names a valid sort (links then keep it)

    def __init__(self, data):
        self.data = data
        self.messages = []
        self.filterset = self.filterset_class(data, queryset=self.get_queryset())
        self.filterset.form.is_valid()
        cleaned = self.filterset.form.cleaned_data
        self.facet_filters = {
            name: self.filterset.filters[name] for name in self.filterset_class.facet_names()
        }
        self.values = {name: cleaned.get(name) or [] for name in self.facet_filters}
        self.search = cleaned.get(self.search_param) or SearchText()
        if self.search.truncated:
            self.messages.append(
                f"Your search was too long, so we used only its first {len(self.search.text)} "
                "characters."
            )
        for name, facet in self.facet_filters.items():
            if isinstance(facet, ChoiceFacet):
                unknown = [v for v in self.values[name] if v not in facet.choice_map]
                self._report_unknown(facet, unknown)
        self.sort = self._read_sort()
        self.format = self._read_format()
        self.basket = self._read_basket()
        self._report_unknown_params()

    # hooks for subclasses

    def get_queryset(self):
        raise NotImplementedError

    def get_results_queryset(self, queryset):
        """Add what the result list shows (select_related, prefetch_related)."""
        return queryset

    def get_export_queryset(self, queryset):
        return self.get_results_queryset(queryset)

    def basket_labels(self, slugs):
        """{slug: title} for basket slugs that exist (one query)."""
        return {}

    # reading input

    def _read_sort(self):
        values = clean_values(self.data.getlist("sort"), limit=1)
        default = "relevance" if self.search and "relevance" in self.sorts else self.default_sort
        if not values:
            return default
        key = values[0]
        if key not in self.sorts:
            self.messages.append(
                f"“{key}” is not a way to sort this list, so it is sorted by "
                f"{self.sorts[default].label.lower()}."
            )
            return default
        if self.sorts[key].needs_search and not self.search:
            self.messages.append(
                "Sorting by best match needs a search, so the list is sorted by "
                f"{self.sorts[default].label.lower()}."
            )
            return default
        self.sort_chosen = True
        return key

    def _read_format(self):
        values = clean_values(self.data.getlist("format"))
        known = [value for value in values if value in FORMATS]
        for value in values:
            if value not in FORMATS:
                self.messages.append(
                    f"We ignored the format “{value}”: this list can be downloaded as "
                    "format=csv or format=json."
                )
        if len(known) > 1:
            self.messages.append("Choose one download format at a time; showing the web page.")
            return None
        return known[0] if known else None

    def _read_basket(self):
        if not self.basket_param:
            return []
        values = clean_values(self.data.getlist(self.basket_param), limit=MAX_BASKET * 2)
        slugs = [value for value in values if value == slugify(value)][:MAX_BASKET]
        if len(slugs) < len(values):
            self.messages.append(
                f"We kept only the first {MAX_BASKET} valid items in your comparison."
            )
        return slugs

    def _known_params(self):
        names = set(self.facet_filters) | {self.search_param, "sort", "page", "format"}
        if self.basket_param:
            names.add(self.basket_param)
        return names

    def _report_unknown_params(self):
        known = self._known_params()
        for name in list(self.data.keys())[:MAX_VALUES]:
            clean_name = clean_text(name)[:40]
            if name in known or name.startswith(IGNORED_PARAMS) or not clean_name.strip():
                continue
            self.messages.append(f"We ignored “{clean_name}”: it is not a filter on this page.")

    def _report_unknown(self, facet, unknown):
        for value in unknown:
            self.messages.append(
                f"We ignored “{value}” for {facet.label}: no published "
                f"{self.noun[0]} in the library has it."
            )

    # filtering and counting

    @cached_property
    def search_q(self):
        search_filter = self.filterset.filters.get(self.search_param)
        return search_filter.q(self.search) if search_filter and self.search else None

    # Counting and paging read the in-memory facet index (core/facet_index.py); the SQL
    # filters above still build the full result set for exports and one-page lists.

    @cached_property
    def index(self):
        return get_index(self, self.get_queryset().db)

    @property
    def _ranked(self):
        return bool(self.sorts[self.sort].needs_search and not self._substring_search)

    @cached_property
    def _search_hits(self):
        """Matching primary keys (one query): {pk: rank} from full-text search, else a list."""
        base = self.get_queryset().order_by()
        if self._substring_search:
            return list(base.filter(self.search_q).values_list("pk", flat=True))
        return get_backend(base.db).ranks(self.search, base.db)

    @cached_property
    def search_mask(self):
        if not self.search or self.search_q is None:
            return None
        return self.index.mask_for_pks(self._search_hits)

    @cached_property
    def facet_masks(self):
        masks = {}
        for name, facet in self.facet_filters.items():
            values = self.values[name]
            if not values:
                masks[name] = None
            elif isinstance(facet, ChoiceFacet):
                masks[name] = self.index.choice_mask(name, values)
            else:
                masks[name] = self.index.related_mask(name, values)
        return masks

    def others_mask(self, name=None):
        """Every filter except facet ``name`` (all of them for None), as a bitset."""
        result = self.index.everything if self.search_mask is None else self.search_mask
        for other, mask in self.facet_masks.items():
            if other != name and mask is not None:
                result &= mask
        return result

    @cached_property
    def result_mask(self):
        return self.others_mask()

    @property
    def total(self):
        return self.result_mask.bit_count()

    @cached_property
    def facets(self):
        """Every facet with its options, counts and what is selected (no query once indexed)."""
        states = []
        for name, facet in self.facet_filters.items():
            selected = self.values[name]
            others = self.others_mask(name)
            if isinstance(facet, ChoiceFacet):
                masks = self.index.choices[name]
                options = [
                    Option(value=value, label=label, count=(others & masks[value]).bit_count())
                    for value, label in facet.choices
                ]
            else:
                options = [
                    Option(value=o.value, label=o.label, count=(others & o.mask).bit_count())
                    for o in self.index.related[name]
                ]
                known = {option.value for option in options}
                self._report_unknown(facet, [v for v in selected if v not in known])
            for option in options:
                option.selected = option.value in selected
            states.append(
                FacetState(name, str(facet.label), options, facet.collapsed, facet.help_text)
            )
        return states

    def selected_values(self, name):
        """The values of facet ``name`` that were used (known ones, once facets are counted)."""
        if "facets" not in self.__dict__:
            return list(self.values[name])
        state = next(s for s in self.facets if s.name == name)
        return [option.value for option in state.options if option.selected]

    # results

    def ordering(self):
        """SQL ordering for the chosen sort; best match is ordered in Python (``in_order``)."""
        sort = self.default_sort if self.sorts[self.sort].needs_search else self.sort
        return (*self.sorts[sort].ordering, "pk")

    def queryset(self, *, ordering=None):
        """Every result, straight from the FilterSet's SQL (exports, feeds, one-page lists)."""
        return self.filterset.qs.order_by(*(ordering or self.ordering()))

    def in_order(self, objects):
        """``objects`` in the page's order: by best match, from the index, when ranking."""
        objects = list(objects)
        if self._ranked:
            rank = {pk: i for i, pk in enumerate(self.ordered_pks)}
            objects.sort(key=lambda obj: rank.get(obj.pk, len(rank)))
        return objects

    @property
    def _substring_search(self):
        search_filter = self.filterset.filters.get(self.search_param)
        return bool(search_filter is not None and search_filter.fields)

    @cached_property
    def ordered_pks(self):
        """Every result's primary key, in the chosen order (worked out as far as it is read)."""
        index = self.index
        if self._ranked:
            return LazyOrder(self.total, self._ranked_chunks())
        sort_key = None if self.sort == self.default_sort else self.sort
        return [index.pks[p] for p in index.ordered(self.result_mask, sort_key)]

    def _ranked_chunks(self):
        """Ranked matches first (best first, ties in the default order), then the matches with
        no rank (PostgreSQL: found only in the body) in the default order: the second part is
        only worked out when a page reaches it."""
        index, position = self.index, self.index.position
        bits = bin(self.result_mask)[:1:-1]
        ranked = [
            (-rank, position[pk])
            for pk, rank in self._search_hits.items()
            if rank and pk in position
        ]
        first = sorted(hit for hit in ranked if has_bit(bits, hit[1]))
        yield [index.pks[p] for _rank, p in first]
        rest = self.result_mask & ~mask_of(p for _rank, p in ranked)
        yield [index.pks[p] for p in positions_of(rest)]

    def fetch(self, pks):
        """The objects for ``pks``, in that order, ready for the result list (one query each)."""
        queryset = self.get_queryset().filter(pk__in=pks)
        backend = get_backend(queryset.db)
        full_text = bool(self.search) and self.search_q is not None and not self._substring_search
        stems = getattr(self._search_hits, "stems", None) if full_text else None
        if full_text and stems is None:
            queryset = backend.annotate(queryset, self.search)  # the database marks snippets
        by_pk = {obj.pk: obj for obj in self.get_results_queryset(queryset)}
        objects = [by_pk[pk] for pk in pks if pk in by_pk]
        if stems is not None:
            for obj in objects:
                obj.search_snippet = backend.snippet(obj, self._search_hits)
        return objects

    def first_with(self, name, value, limit):
        """The first ``limit`` results (in order) having option ``value`` of fixed-choice facet
        ``name``, and how many results have it."""
        option = self.index.choices[name].get(value, 0)
        bits = bin(option)[:1:-1]
        position = self.index.position
        found = []
        for pk in self.ordered_pks:
            if has_bit(bits, position[pk]):
                found.append(pk)
                if len(found) == limit:
                    break
        return found, (self.result_mask & option).bit_count()

    def related(self, obj, relations, *, limit=4):
        """Up to ``limit`` published items sharing the most of ``obj``'s ``relations`` (the paths
        of related facets, e.g. "themes"), ties in the default order: one query once indexed."""
        index = self.index
        facets = {
            facet.path: (name, facet)
            for name, facet in self.facet_filters.items()
            if isinstance(facet, RelatedFacet)
        }
        masks = []
        for relation in relations:
            name, facet = facets[relation]
            mine = {getattr(related, facet.value_field) for related in getattr(obj, relation).all()}
            masks += [option.mask for option in index.related[name] if option.value in mine]
        positions = index.most_shared(masks, exclude=index.position.get(obj.pk), limit=limit)
        pks = [index.pks[p] for p in positions]
        by_pk = self.get_queryset().in_bulk(pks)
        return [by_pk[pk] for pk in pks if pk in by_pk]

    @cached_property
    def page(self):
        """The current page of results, or None when the page shows everything at once."""
        if not self.per_page:
            return None
        paginator = Paginator(self.ordered_pks, self.per_page)
        raw = clean_values(self.data.getlist("page"), limit=1)
        number = 1
        if raw and raw[0] == "last":
            number = paginator.num_pages
        elif raw:
            try:
                number = int(raw[0])
            except ValueError:
                self.messages.append(f"“{raw[0]}” is not a page number, so this is page 1.")
            else:
                if number < 1:
                    self.messages.append("Pages start at 1, so this is page 1.")
                    number = 1
                elif number > paginator.num_pages:
                    pages = paginator.num_pages
                    self.messages.append(
                        f"There {'is only 1 page' if pages == 1 else f'are only {pages} pages'}"
                        ", so this is the last one."
                    )
                    number = pages
        page = paginator.page(number)
        page.object_list = self.fetch(list(page.object_list))
        for obj in page.object_list:
            snippet = getattr(obj, "search_snippet", None)
            obj.search_highlight = highlight(snippet) if snippet else ""
        return page

    @cached_property
    def object_list(self):
        """Every result (pages that show all of them at once, and exports)."""
        if self.page is not None:
            return list(self.page.object_list)
        return self.in_order(self.get_results_queryset(self.queryset()))

    # links

    def state_pairs(self, *, without=None, search=True, sort=True, basket=True, page=None):
        """The current state as (name, value) pairs; ``without`` drops a (name, value)."""
        pairs = []
        for name in self.facet_filters:
            for value in self.selected_values(name):
                if without != (name, value) and without != (name, None):
                    pairs.append((name, value))
        if search and self.search:
            pairs.append((self.search_param, self.search.text))
        if sort and self.sort_chosen:
            pairs.append(("sort", self.sort))
        if basket and self.basket:
            pairs.append((self.basket_param, ",".join(self.basket)))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def url(self, pairs=(), *, url_name=None, extra=()):
        query = encode(list(pairs) + list(extra))
        return reverse(url_name or self.url_name) + (f"?{query}" if query else "")

    @property
    def base_url(self):
        return reverse(self.url_name)

    @cached_property
    def active_filters(self):
        """Each applied filter with a link that removes just it."""
        links = []
        if self.search:
            links.append(
                Link("Search", self.url(self.state_pairs(search=False)), detail=self.search.text)
            )
        for state in self.facets:
            for option in state.selected:
                links.append(
                    Link(
                        state.label,
                        self.url(self.state_pairs(without=(state.name, option.value))),
                        detail=option.label,
                    )
                )
        return links

    @property
    def has_filters(self):
        return any(self.selected_values(name) for name in self.facet_filters)

    @property
    def clear_url(self):
        """Every facet cleared; the search and the comparison are kept."""
        pairs = [
            (name, value) for name, value in self.state_pairs() if name not in self.facet_filters
        ]
        return self.url(pairs)

    @cached_property
    def sort_links(self):
        links = []
        for key, sort in self.sorts.items():
            if sort.needs_search and not self.search:
                continue
            pairs = [p for p in self.state_pairs(sort=False)] + [("sort", key)]
            links.append(Link(sort.label, self.url(pairs), current=key == self.sort))
        return links

    @cached_property
    def page_links(self):
        """Numbered page links (with None for a gap), each keeping the whole state."""
        if not self.page or self.page.paginator.num_pages < 2:
            return []
        links = []
        paginator = self.page.paginator
        for number in paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1):
            if number == paginator.ELLIPSIS:
                links.append(None)
            else:
                links.append(
                    Link(
                        str(number),
                        self.url(self.state_pairs(page=number)),
                        current=number == self.page.number,
                    )
                )
        return links

    @property
    def previous_url(self):
        if self.page and self.page.has_previous():
            return self.url(self.state_pairs(page=self.page.previous_page_number()))
        return ""

    @property
    def next_url(self):
        if self.page and self.page.has_next():
            return self.url(self.state_pairs(page=self.page.next_page_number()))
        return ""

    def format_url(self, fmt):
        return self.url(self.state_pairs(basket=False), extra=[("format", fmt)])

    @property
    def json_url(self):
        return self.format_url("json")

    @property
    def csv_url(self):
        return self.format_url("csv")

    @property
    def feed_url(self):
        if not self.feed_url_name:
            return ""
        return self.url(
            self.state_pairs(search=True, sort=False, basket=False), url_name=self.feed_url_name
        )

    def hidden_fields(self, *, facets=True, search=True, sort=True, basket=True, page=False):
        """(name, value) pairs a form must carry so submitting it keeps the rest of the state."""
        pairs = []
        if facets:
            pairs += [(n, v) for n in self.facet_filters for v in self.selected_values(n)]
        if search and self.search:
            pairs.append((self.search_param, self.search.text))
        if sort and self.sort_chosen:
            pairs.append(("sort", self.sort))
        if basket and self.basket:
            pairs += [(self.basket_param, slug) for slug in self.basket]
        if page and self.page and self.page.number > 1:
            pairs.append(("page", str(self.page.number)))
        return pairs

    @property
    def hidden_for_filters(self):
        return self.hidden_fields(facets=False)

    @property
    def hidden_for_search(self):
        return self.hidden_fields(search=False)

    @property
    def hidden_for_basket(self):
        """Basket items not shown on this page, so ticking boxes here does not drop them."""
        shown = {getattr(obj, "slug", None) for obj in self.object_list}
        return [slug for slug in self.basket if slug not in shown]

    @property
    def hidden_for_compare(self):
        return self.hidden_fields(basket=False, page=True)

    # the comparison basket

    @cached_property
    def basket_items(self):
        if not self.basket:
            return []
        labels = self.basket_labels(self.basket)
        unknown = [slug for slug in self.basket if slug not in labels]
        for slug in unknown:
            self.messages.append(
                f"We removed “{slug}” from your comparison: there is no such "
                f"published {self.noun[0]}."
            )
        self.basket = [slug for slug in self.basket if slug in labels]
        items = []
        for slug in self.basket:
            rest = [s for s in self.basket if s != slug]
            pairs = [(n, v) for n, v in self.state_pairs(basket=False)]
            if rest:
                pairs.append((self.basket_param, ",".join(rest)))
            items.append(Link(labels[slug], self.url(pairs), detail=slug))
        return items

    @property
    def compare_url(self):
        if not self.compare_url_name or not 2 <= len(self.basket) <= 4:
            return ""
        return (
            reverse(self.compare_url_name)
            + "?"
            + encode([(self.basket_param, ",".join(self.basket))])
        )

    # what is announced

    @cached_property
    def status_text(self):
        """One sentence for the live region: how many results, for what."""
        count = self.total
        text = f"{count:,} {self.noun[0] if count == 1 else self.noun[1]}"
        if self.search:
            text += f" matching “{self.search.text}”"
        parts = []
        for state in self.facets:
            if state.selected:
                parts.append(f"{state.label}: " + " or ".join(o.label for o in state.selected))
        if parts:
            text += ", filtered by " + "; ".join(parts)
        if self.page and self.page.paginator.num_pages > 1:
            text += f". Page {self.page.number} of {self.page.paginator.num_pages}"
        return text + "."

    def prepare(self):
        """Run every query a page needs now, so messages are complete before rendering."""
        self.facets  # noqa: B018
        self.object_list  # noqa: B018
        self.basket_items  # noqa: B018
        return self

    # exports

    def export_rows(self):
        objects = self.in_order(self.get_export_queryset(self.queryset()))
        return [[column.get(obj) for column in self.export_columns] for obj in objects]

    def export_response(self):
        rows = self.export_rows()
        if self.format == "csv":
            header = [column.label for column in self.export_columns]
            return csv_response(f"{self.export_name}.csv", header, rows)
        names = [column.name for column in self.export_columns]
        facets = {
            state.name: {
                "label": state.label,
                "options": [
                    {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                    for o in state.options
                ],
            }
            for state in self.facets
        }
        payload = {
            "count": len(rows),
            "search": self.search.text or None,
            "sort": self.sort,
            "filters": {name: self.selected_values(name) for name in self.facet_filters},
            "messages": self.messages,
            "facets": facets,
            "results": [dict(zip(names, row, strict=True)) for row in rows],
        }
        return JsonResponse(payload, json_dumps_params={"indent": 2, "ensure_ascii": False})


# -- related items --------------------------------------------------------------------------


def _shared(model, relation, ids):
    """SQL for how many of ``ids`` an item shares through ``relation`` (one subquery)."""
    model_field = model._meta.get_field(relation)
    if not ids:
        return Value(0, output_field=IntegerField())
    if not model_field.many_to_many:
        return Case(
            When(**{f"{relation}__in": ids}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    if isinstance(model_field, TaggableManager):
        through = model_field.through
        key = "object_id"
        rows = through.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id=OuterRef("pk"),
            tag__in=ids,
        )
    else:
        through = model_field.remote_field.through
        key = model_field.m2m_field_name()
        rows = through.objects.filter(
            **{key: OuterRef("pk"), f"{model_field.m2m_reverse_field_name()}__in": ids}
        )
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def related_items(obj, queryset, relations, *, limit=4):
    """Up to ``limit`` items from ``queryset`` sharing the most of ``obj``'s related objects.

    One query, whatever the size of the library. ``relations`` are field names (many-to-many,
    tags or foreign keys); ``obj``'s own related objects should be prefetched.
    """
    model = queryset.model
    score = None
    for relation in relations:
        model_field = model._meta.get_field(relation)
        if model_field.many_to_many:
            ids = [related.pk for related in getattr(obj, relation).all()]
        else:
            value = getattr(obj, model_field.attname)
            ids = [value] if value is not None else []
        term = _shared(model, relation, ids)
        score = term if score is None else score + term
    return list(
        queryset.exclude(pk=obj.pk)
        .annotate(shared=score)
        .filter(shared__gt=0)
        .order_by("-shared", *model._meta.ordering)[:limit]
    )
