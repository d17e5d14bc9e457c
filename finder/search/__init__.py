"""Full-text search parts every finder shares: the user's text, snippets, and per vendor
(PostgreSQL tsvectors, SQLite FTS5) the SQL of a ``FullText`` table and its term matching.
The library's one index over every public kind is the ``search`` app, built on these.
"""

from finder.search.base import (
    MAX_QUERY_LENGTH,
    FullText,
    Ranks,
    Scope,
    SearchText,
    highlight,
    icontains_q,
    mark_tokens,
    parse_query,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "FullText",
    "Ranks",
    "Scope",
    "SearchText",
    "highlight",
    "icontains_q",
    "mark_tokens",
    "parse_query",
]
