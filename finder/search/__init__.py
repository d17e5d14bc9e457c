"""Search: one small interface (base.SearchBackend), one backend per database vendor.

``get_backend(text, using)`` picks PostgreSQL (tsvector, websearch queries, ts_rank) or SQLite
(FTS5, bm25, snippet) from the connection's vendor for a content app's ``FullText``
declaration; any other database falls back to a plain substring match so the site still works.
"""

from django.db import connections

from finder.search.base import (
    MAX_QUERY_LENGTH,
    FullText,
    Ranks,
    Scope,
    SearchBackend,
    SearchText,
    highlight,
    icontains_q,
    mark_tokens,
    parse_query,
)
from finder.search.postgres import PostgresBackend
from finder.search.sqlite import SQLiteBackend

__all__ = [
    "MAX_QUERY_LENGTH",
    "FullText",
    "Ranks",
    "Scope",
    "SearchBackend",
    "SearchText",
    "get_backend",
    "highlight",
    "icontains_q",
    "mark_tokens",
    "parse_query",
]

BACKENDS = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}


def get_backend(text, using="default"):
    """The search backend for ``text`` (a FullText) on the database behind ``using``."""
    return BACKENDS.get(connections[using].vendor, SearchBackend)(text)
