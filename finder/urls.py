"""Every finder link from one builder: the current state as GET pairs, minus or plus a part.

Templates never write a query string: a renamed facet or parameter changes here and every
link follows.
"""

from urllib.parse import quote_plus
from urllib.parse import urlencode as _urlencode

from django.urls import reverse


def encode(pairs):
    """A query string; commas stay readable (items=a,b)."""
    return _urlencode(list(pairs), safe=",", quote_via=quote_plus)


class UrlBuilder:
    """Links for one finder state: ``selected`` are the facets' known values, in facet order."""

    def __init__(self, finder, state, selected, basket):
        self.finder = finder
        self.state = state
        self.selected = selected  # ((facet name, [value, …]), …)
        self.basket = basket

    def facet_pairs(self, without=None):
        """(name, value) for every selected option; ``without`` drops a (name, value)."""
        return [
            (name, value)
            for name, values in self.selected
            for value in values
            if without != (name, value)
        ]

    def pairs(self, *, without=None, search=True, sort=True, basket=True, page=None):
        """The current state as (name, value) pairs, the comparison as one ``items=a,b``."""
        pairs = self._state(self.facet_pairs(without), search=search, sort=sort)
        if basket and self.basket:
            pairs.append((self.finder.basket_param, ",".join(self.basket)))
        return self._page(pairs, page)

    def url(self, pairs=(), *, url_name=None, extra=()):
        query = encode(list(pairs) + list(extra))
        return reverse(url_name or self.finder.url_name) + (f"?{query}" if query else "")

    def hidden(self, *, facets=True, search=True, sort=True, basket=True, page=None):
        """(name, value) pairs a form must carry so submitting it keeps the rest of the state:
        the comparison as one field per item, as its checkboxes send it."""
        pairs = self._state(self.facet_pairs() if facets else [], search=search, sort=sort)
        if basket and self.basket:
            pairs += [(self.finder.basket_param, slug) for slug in self.basket]
        return self._page(pairs, page)

    def _state(self, pairs, *, search, sort):
        """``pairs`` plus the search (and whether it is exact) and the chosen sort."""
        if search and self.state.search:
            pairs.append((self.finder.search_param, self.state.search.text))
            if self.state.search.exact:
                pairs.append(("exact", "1"))
        if sort and self.state.sort_chosen:
            pairs.append(("sort", self.state.sort))
        return pairs

    @staticmethod
    def _page(pairs, page):
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs
