"""Step 6: what a finder page shows, one presenter per concern, from the pipeline's values.

Each function takes plain values (the state, counts, page, basket and a ``UrlBuilder``) and
returns plain values; ``present()`` gathers them into one ``FinderPage`` for the templates.
"""

from dataclasses import dataclass

from django.urls import reverse

from finder.urls import encode


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False
    detail: str = ""


def active_filters(urls, state, counts):
    """Each applied filter with a link that removes just it."""
    links = []
    if state.search:
        links.append(Link("Search", urls.url(urls.pairs(search=False)), detail=state.search.text))
    for facet in counts.facets:
        for option in facet.selected:
            without = urls.pairs(without=(facet.name, option.value))
            links.append(Link(facet.label, urls.url(without), detail=option.label))
    return links


def clear_url(finder, urls):
    """Every facet cleared; the search and the comparison are kept."""
    facets = set(finder.facets())
    return urls.url([(name, value) for name, value in urls.pairs() if name not in facets])


def sort_links(finder, urls, state):
    links = []
    for key, sort in finder.sorts.items():
        if not sort.listed or (sort.needs_search and not state.search):
            continue
        pairs = urls.pairs(sort=False) + [("sort", key)]
        links.append(Link(sort.label, urls.url(pairs), current=key == state.sort))
    return links


@dataclass(frozen=True)
class Pagination:
    links: list  # numbered Links, None for a gap
    previous_url: str = ""
    next_url: str = ""


def pagination(urls, page):
    """Numbered page links (with None for a gap), each keeping the whole state."""
    if not page or page.num_pages < 2:
        return Pagination([])
    paginator = page.paginator
    links = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append(None)
        else:
            url = urls.url(urls.pairs(page=number))
            links.append(Link(str(number), url, current=number == page.number))
    previous = urls.url(urls.pairs(page=page.number - 1)) if page.has_previous() else ""
    following = urls.url(urls.pairs(page=page.number + 1)) if page.has_next() else ""
    return Pagination(links, previous, following)


def status_text(finder, state, counts, page):
    """One sentence for the live region: how many results, for what."""
    total = counts.total
    text = f"{total:,} {finder.noun[0] if total == 1 else finder.noun[1]}"
    if state.search:
        text += f" matching “{state.search.text}”"
    parts = [
        f"{facet.label}: " + " or ".join(option.label for option in facet.selected)
        for facet in counts.facets
        if facet.selected
    ]
    if parts:
        text += ", filtered by " + "; ".join(parts)
    if page and page.num_pages > 1:
        text += f". Page {page.number} of {page.num_pages}"
    return text + "."


@dataclass(frozen=True)
class Downloads:
    json_url: str
    csv_url: str
    feed_url: str


def downloads(finder, urls):
    def with_format(fmt):
        return urls.url(urls.pairs(basket=False), extra=[("format", fmt)])

    feed = ""
    if finder.feed_url_name:
        feed = urls.url(urls.pairs(sort=False, basket=False), url_name=finder.feed_url_name)
    return Downloads(with_format("json"), with_format("csv"), feed)


def basket_items(finder, urls, basket):
    """Each chosen item with a link that removes it from the comparison."""
    items = []
    for slug in basket.slugs:
        rest = [s for s in basket.slugs if s != slug]
        pairs = urls.pairs(basket=False)
        if rest:
            pairs.append((finder.basket_param, ",".join(rest)))
        items.append(Link(basket.labels[slug], urls.url(pairs), detail=slug))
    return items


def compare_url(finder, basket):
    if not finder.compare_url_name or not 2 <= len(basket.slugs) <= 4:
        return ""
    return (
        reverse(finder.compare_url_name)
        + "?"
        + encode([(finder.basket_param, ",".join(basket.slugs))])
    )


@dataclass(frozen=True)
class SearchNote:
    """What the search did to the reader's words, with a link to undo it when it can."""

    text: str
    link_text: str = ""
    url: str = ""


def search_notes(finder, urls, matches):
    """Corrections ("Showing results for …" with "Search instead for …") and other notes."""
    notes = []
    for note in matches.notes:
        typed = getattr(note, "typed", None)
        if typed is None:
            notes.append(SearchNote(str(note)))
            continue
        pairs = urls.pairs(search=False) + [(finder.search_param, typed), ("exact", "1")]
        notes.append(
            SearchNote(
                f"Showing results for “{note.searched}”.",
                f"Search instead for “{typed}”",
                urls.url(pairs),
            )
        )
    return notes
