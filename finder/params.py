"""Step 1: GET parameters -> ``State``, an immutable reading of them with what was ignored.

Bad input is never an error: values a facet does not know, bad sorts, formats and page
numbers, unknown parameters are dropped and each is reported in a message.
"""

from dataclasses import dataclass, replace

from django.utils.text import slugify

from core.text import clean_text
from finder.facets import MAX_VALUES, ChoiceFacet, clean_values
from finder.search import SearchText

MAX_BASKET = 10
FORMATS = ("json", "csv")
IGNORED_PARAMS = ("utm_", "fbclid", "gclid")


@dataclass(frozen=True)
class State:
    """What the address asks for, cleaned. ``values`` are the facets' values as given (related
    values are checked against the index by ``counts``)."""

    values: tuple  # ((facet name, (value, …)), …) in facet order
    search: SearchText
    sort: str
    sort_chosen: bool  # the address names a valid sort (links then keep it)
    page: str  # the page asked for, cleaned ("" for the first)
    format: str | None
    basket: tuple
    messages: tuple

    def values_of(self, name):
        return dict(self.values)[name]


def read(finder, data):
    """The State of ``data`` (a QueryDict) for ``finder``."""
    filterset = finder.filterset_class(data, queryset=None)
    filterset.form.is_valid()
    cleaned = filterset.form.cleaned_data
    messages = []
    search = cleaned.get(finder.search_param) or SearchText()
    if search and data.get("exact") == "1":
        search = replace(search, exact=True)  # the reader's own words, uncorrected
    if search.truncated:
        messages.append(
            f"Your search was too long, so we used only its first {len(search.text)} characters."
        )
    values = []
    for name, facet in finder.facets().items():
        given = tuple(cleaned.get(name) or ())
        if isinstance(facet, ChoiceFacet):
            messages += unknown_messages(finder, facet, facet.unknown(given))
        values.append((name, given))
    sort, sort_chosen = _sort(finder, data, search, messages)
    return State(
        values=tuple(values),
        search=search,
        sort=sort,
        sort_chosen=sort_chosen,
        page=(clean_values(data.getlist("page"), limit=1) or [""])[0],
        format=_format(data, messages),
        basket=_basket(finder, data, messages),
        messages=tuple(messages + _unknown_params(finder, data)),
    )


def unknown_messages(finder, facet, unknown):
    return [
        f"We ignored “{value}” for {facet.label}: no published {finder.noun[0]} in the library "
        "has it."
        for value in unknown
    ]


def _sort(finder, data, search, messages):
    values = clean_values(data.getlist("sort"), limit=1)
    default = "relevance" if search and "relevance" in finder.sorts else finder.default_sort
    if not values:
        return default, False
    key = values[0]
    if key not in finder.sorts:
        messages.append(
            f"“{key}” is not a way to sort this list, so it is sorted by "
            f"{finder.sorts[default].label.lower()}."
        )
        return default, False
    if finder.sorts[key].needs_search and not search:
        messages.append(
            "Sorting by best match needs a search, so the list is sorted by "
            f"{finder.sorts[default].label.lower()}."
        )
        return default, False
    return key, True


def _format(data, messages):
    values = clean_values(data.getlist("format"))
    known = [value for value in values if value in FORMATS]
    for value in values:
        if value not in FORMATS:
            messages.append(
                f"We ignored the format “{value}”: this list can be downloaded as "
                "format=csv or format=json."
            )
    if len(known) > 1:
        messages.append("Choose one download format at a time; showing the web page.")
        return None
    return known[0] if known else None


def _basket(finder, data, messages):
    if not finder.basket_param:
        return ()
    values = clean_values(data.getlist(finder.basket_param), limit=MAX_BASKET * 2)
    slugs = [value for value in values if value == slugify(value)][:MAX_BASKET]
    if len(slugs) < len(values):
        messages.append(f"We kept only the first {MAX_BASKET} valid items in your comparison.")
    return tuple(slugs)


def _unknown_params(finder, data):
    known = set(finder.facets()) | {finder.search_param, "exact", "sort", "page", "format"}
    if finder.basket_param:
        known.add(finder.basket_param)
    messages = []
    for name in list(data.keys())[:MAX_VALUES]:
        clean_name = clean_text(name)[:40]
        if name in known or name.startswith(IGNORED_PARAMS) or not clean_name.strip():
            continue
        messages.append(f"We ignored “{clean_name}”: it is not a filter on this page.")
    return messages
