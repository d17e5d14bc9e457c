"""The generic finder: facets with live counts, search, sorting, paging, links and exports.

A content app declares a ``FinderFilterSet`` (its facets and search box) and a ``Finder``
(its sorts, columns and URL names); it names no table here. A request flows one way:

    params.read      GET data        -> State (immutable, with what was ignored)
    counts.match     State           -> Matches (the search's ids and ranks: one query)
    counts.count     State, Matches  -> Counts (the result bitset, every option's count)
    results.order    Counts          -> primary keys in the chosen order
    results.paginate / fetch         -> the page and its rows (one query)
    presenters / page.present        -> FinderPage, the value a template reads
    exports                          -> the same result set as CSV or JSON

Every list of results — pages, one-page lists, exports, feeds, related items and the site
search — reads the one facet index (``finder.index``); docs/adr/0002-facet-engine.md says why.
"""
