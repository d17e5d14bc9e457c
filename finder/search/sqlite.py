"""SQLite full-text search: an FTS5 table kept in sync with case studies by triggers.

The table stores its own copy of three weighted columns (title; strapline and summary; the
body sections) keyed by the case study's id as rowid, using the ``porter`` stemming tokenizer,
so "prescribing" finds "prescriber". Ranking is ``bm25()`` with per-column weights and the
snippet comes from ``snippet()``. Every user token is quoted before it reaches MATCH, so FTS5
operators (AND, OR, NEAR, ``*``, ``^``, column filters) and unbalanced quotes in user input
are treated as words and never raise.

Django remakes a SQLite table (create, copy, drop, rename) for some schema changes, which
drops its triggers. After such a migration on casestudies_casestudy, call ``ensure_index()``
(idempotent) to put the triggers back and rebuild the index.
"""

from django.db import connection as default_connection
from django.db.models import CharField, FloatField, Q
from django.db.models.expressions import RawSQL

from finder.search.base import MARK_END, MARK_START, SearchBackend

TABLE = "casestudies_casestudy"
FTS_TABLE = "casestudies_casestudy_fts"
WEIGHTS = "10.0, 4.0, 1.0"  # title, summary, body


def _columns(row):
    """The three indexed columns, as SQL over ``row`` (new, old or the table itself)."""

    def join(*fields):
        return " || ' ' || ".join(f"coalesce({row}.{field}, '')" for field in fields)

    return (
        join("title"),
        join("strapline", "summary"),
        join(
            "organisations", "place", "summary_points", "problem", "approach", "impact", "lessons"
        ),
    )


def _insert(row, rowid):
    title, summary, body = _columns(row)
    return (
        f"INSERT INTO {FTS_TABLE}(rowid, title, summary, body) "
        f"SELECT {rowid}, {title}, {summary}, {body}"
    )


TRIGGERS_SQL = [
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"{_insert('new', 'new.id')}; END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; {_insert('new', 'new.id')}; END",
]

CREATE_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    *TRIGGERS_SQL,
]

REBUILD_SQL = [
    f"DELETE FROM {FTS_TABLE}",
    _insert(TABLE, f"{TABLE}.id") + f" FROM {TABLE}",
]

DROP_SQL = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def ensure_index(connection=default_connection):
    """Create the FTS table and triggers if missing, then rebuild its rows from the table."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in CREATE_SQL + REBUILD_SQL:
            cursor.execute(statement)


def match_expression(search):
    """Each user token as an FTS5 string literal: "a" "b" means a AND b, nothing is an operator."""
    return " ".join('"' + token.replace('"', '""') + '"' for token in search.tokens)


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def matches(self, search):
        if not search:
            return Q(pk__in=[])
        return Q(
            pk__in=RawSQL(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                [match_expression(search)],
            )
        )

    def annotate(self, queryset, search):
        if not search:
            return super().annotate(queryset, search)
        table = queryset.model._meta.db_table
        match = f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {table}.id"
        expression = match_expression(search)
        return queryset.annotate(
            # bm25() is lower-is-better; negate it so every backend ranks higher-is-better.
            search_rank=RawSQL(
                f"SELECT -bm25({FTS_TABLE}, {WEIGHTS}) {match}",
                [expression],
                output_field=FloatField(),
            ),
            search_snippet=RawSQL(
                f"SELECT snippet({FTS_TABLE}, -1, %s, %s, ' … ', 28) {match}",
                [MARK_START, MARK_END, expression],
                output_field=CharField(),
            ),
        )

    def ranks(self, search, using="default"):
        from django.db import connections

        if not search:
            return {}
        with connections[using].cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25({FTS_TABLE}, {WEIGHTS}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s",
                [match_expression(search)],
            )
            return dict(cursor.fetchall())

    def describe(self):
        return "SQLite FTS5 (porter stemming, bm25 ranking)"
