"""What a content app declares for its finder: facets, search, sorts, columns and names.

A declaration holds no request state: ``finder.pipeline.find(finder, data)`` turns GET data
into values, one step after another (parameters, matches, counts, order), and
``finder.presenters.present()`` turns those into what a page shows.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.urls import reverse

from finder.facets import Facet
from finder.search import parse_query
from finder.urls import encode

_BY_URL_NAME = {}


def declared():
    """One instance of every declared finder."""
    return [cls() for cls in _BY_URL_NAME.values()]


def finder_for_url(url_name):
    """The declared finder whose page is ``url_name`` (a finder module must be imported)."""
    try:
        return _BY_URL_NAME[url_name]()
    except KeyError:
        raise LookupError(f"No finder is declared for the URL name {url_name!r}.") from None


@dataclass(frozen=True)
class Sort:
    """A way to order results; ``listed`` ones are offered as links, others serve code (feeds)."""

    label: str
    ordering: tuple = ()
    needs_search: bool = False
    listed: bool = True


@dataclass(frozen=True)
class Column:
    """One field in the JSON and CSV exports: ``value(obj)`` gives text, a number or a list."""

    name: str
    label: str
    value: object = None

    def get(self, obj):
        return self.value(obj) if self.value else getattr(obj, self.name)


class SearchField(forms.Field):
    """Free text, cleaned and cut to a safe length; never invalid."""

    def to_python(self, value):
        return parse_query(value)

    def validate(self, value):
        pass


class SearchFilter(django_filters.Filter):
    """The search box: a ``searcher`` (``ranks(search, queryset) -> Ranks``, e.g. the
    library's one index) or substrings of ``fields``. ``snippet_fields`` are the row's
    fields a result's snippet is marked in."""

    field_class = SearchField

    def __init__(self, *, searcher=None, fields=(), snippet_fields=(), label="Search", **kw):
        super().__init__(label=label, **kw)
        self.searcher = searcher
        self.fields = fields
        self.snippet_fields = snippet_fields

    def filter(self, qs, value):
        return qs


class FinderFilterSet(django_filters.FilterSet):
    """A finder's facets and search box. Its form is the finder's parameter cleaner; the
    filtering is the facet index's (``finder.pipeline``), so ``qs`` is refused rather than
    silently unfiltered."""

    @classmethod
    def facets(cls):
        return {name: f for name, f in cls.base_filters.items() if isinstance(f, Facet)}

    @classmethod
    def search_filter(cls):
        return next((f for f in cls.base_filters.values() if isinstance(f, SearchFilter)), None)

    def filter_queryset(self, queryset):
        raise TypeError("A finder filters through its facet index: use finder.pipeline.find().")


class Finder:
    """A list page's declaration. Subclasses name their filterset, sorts, columns and URLs."""

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
    related_by = ()  # relations (besides facets) that related items are found by

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.url_name:
            _BY_URL_NAME[cls.url_name] = cls

    def get_queryset(self):
        """Every published item the finder shows."""
        raise NotImplementedError

    def get_results_queryset(self, queryset):
        """Add what the result list shows (select_related, prefetch_related)."""
        return queryset

    def get_export_queryset(self, queryset):
        return self.get_results_queryset(queryset)

    def get_related_queryset(self, queryset):
        """Add what a list of related items shows."""
        return queryset

    def basket_labels(self, slugs):
        """{slug: title} for basket slugs that exist (one query)."""
        return {}

    def facets(self):
        return self.filterset_class.facets()

    def search_filter(self):
        return self.filterset_class.search_filter()

    def parameters(self):
        """Every GET parameter the finder reads."""
        names = {*self.facets(), self.search_param, "exact", "sort", "page", "format"}
        return names | ({self.basket_param} if self.basket_param else set())

    def link(self, params):
        """The finder's address with ``params`` ({name: value}); unknown names are an error."""
        unknown = sorted(set(params) - self.parameters())
        if unknown:
            raise ValueError(f"{type(self).__name__} has no parameter {', '.join(unknown)}.")
        query = encode((name, str(value)) for name, value in params.items())
        return reverse(self.url_name) + (f"?{query}" if query else "")

    @property
    def index_name(self):
        cls = type(self)
        return f"{cls.__module__}.{cls.__qualname__}"
