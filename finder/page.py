"""The pipeline, end to end: GET data -> state -> matches -> counts -> order -> page -> rows
-> ``FinderPage``, the plain value a finder template reads. Nothing here depends on the
order in which anything is read: every value is made once, from the values before it.
"""

from dataclasses import dataclass

from finder import basket as baskets
from finder import counts as counting
from finder import params, presenters
from finder import results as listing
from finder.urls import UrlBuilder


@dataclass(frozen=True)
class Found:
    """Everything the address selects, before presentation (pages, exports, feeds use it)."""

    finder: object
    state: params.State
    matches: counting.Matches
    counts: counting.Counts
    ordered: object  # primary keys in order (a list or a LazyOrder)

    @property
    def total(self):
        return self.counts.total

    def selected(self):
        return tuple((f.name, self.counts.selected(f.name)) for f in self.counts.facets)

    def urls(self, basket=()):
        return UrlBuilder(self.finder, self.state, self.selected(), basket)

    def rows(self, pks, **kwargs):
        return listing.fetch(self.finder, list(pks), self.matches, **kwargs)


def find(finder, data):
    """What ``data`` (a QueryDict) selects from ``finder``: one query with a search, none
    without, once the index for the current content generation is held."""
    state = params.read(finder, data)
    matches = counting.match(finder, state)
    counts = counting.count(finder, state, matches)
    ordered = listing.order(finder, state, matches, counts)
    return Found(finder, state, matches, counts, ordered)


@dataclass(frozen=True)
class FinderPage:
    """What a finder page shows (templates/finder/finder_page.html and its includes)."""

    finder: object
    found: Found
    page: listing.Page | None
    object_list: list
    basket: list
    basket_items: list
    compare_url: str
    messages: tuple
    facets: tuple
    active_filters: list
    clear_url: str
    sort_links: list
    pagination: presenters.Pagination
    downloads: presenters.Downloads
    status_text: str
    search_notes: list
    hidden_for_filters: list
    hidden_for_search: list
    hidden_for_compare: list

    # The declaration's words the page shows, read through by name (nothing else is).
    noun = property(lambda self: self.finder.noun)
    search_label = property(lambda self: self.finder.search_label)
    compare_url_name = property(lambda self: self.finder.compare_url_name)
    search = property(lambda self: self.found.state.search)
    sort = property(lambda self: self.found.state.sort)
    total = property(lambda self: self.found.total)
    has_filters = property(lambda self: any(values for _name, values in self.found.selected()))
    base_url = property(lambda self: self.found.urls().url())
    page_links = property(lambda self: self.pagination.links)
    previous_url = property(lambda self: self.pagination.previous_url)
    next_url = property(lambda self: self.pagination.next_url)
    json_url = property(lambda self: self.downloads.json_url)
    csv_url = property(lambda self: self.downloads.csv_url)
    feed_url = property(lambda self: self.downloads.feed_url)

    @property
    def hidden_for_basket(self):
        """Basket items not shown on this page, so ticking boxes here does not drop them."""
        shown = {getattr(obj, "slug", None) for obj in self.object_list}
        return [slug for slug in self.basket if slug not in shown]


def present(found):
    """The FinderPage for ``found``: its page of rows, basket, links and messages."""
    finder, state, counts = found.finder, found.state, found.counts
    page = listing.paginate(finder, state, found.ordered)
    pks = page.pks if page is not None else list(found.ordered)
    basket = baskets.check(finder, state)
    urls = found.urls(basket.slugs)
    page_number = page.number if page else 1
    return FinderPage(
        finder=finder,
        found=found,
        page=page,
        object_list=found.rows(pks),
        basket=list(basket.slugs),
        basket_items=presenters.basket_items(finder, urls, basket),
        compare_url=presenters.compare_url(finder, basket),
        messages=state.messages
        + counts.messages
        + (page.messages if page else ())
        + basket.messages,
        facets=counts.facets,
        active_filters=presenters.active_filters(urls, state, counts),
        clear_url=presenters.clear_url(finder, urls),
        sort_links=presenters.sort_links(finder, urls, state),
        pagination=presenters.pagination(urls, page),
        downloads=presenters.downloads(finder, urls),
        status_text=presenters.status_text(finder, state, counts, page),
        search_notes=presenters.search_notes(finder, urls, found.matches),
        hidden_for_filters=urls.hidden(facets=False),
        hidden_for_search=urls.hidden(search=False),
        hidden_for_compare=urls.hidden(basket=False, page=page_number),
    )
