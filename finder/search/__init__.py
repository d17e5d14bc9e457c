"""Full-text search: one small interface (base.SearchBackend), one backend per database vendor.

``get_backend()`` picks PostgreSQL (tsvector, websearch queries, ts_rank, ts_headline) or
SQLite (FTS5, bm25, snippet) from ``connection.vendor``; any other database falls back to a
plain substring match so the site still works.
"""

from django.db import connections

from finder.search.base import (
    MAX_QUERY_LENGTH,
    SearchBackend,
    SearchText,
    clean_text,
    highlight,
    icontains_q,
    mark_tokens,
    parse_query,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "SearchBackend",
    "SearchText",
    "clean_text",
    "get_backend",
    "highlight",
    "icontains_q",
    "mark_tokens",
    "parse_query",
]


def get_backend(using="default"):
    """The search backend for the database behind ``using``."""
    vendor = connections[using].vendor
    if vendor == "postgresql":
        from finder.search.postgres import PostgresBackend

        return PostgresBackend()
    if vendor == "sqlite":
        from finder.search.sqlite import SQLiteBackend

        return SQLiteBackend()
    return SearchBackend()
