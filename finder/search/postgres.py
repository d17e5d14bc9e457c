"""PostgreSQL full-text search over a stored, generated tsvector column with a GIN index.

Why the column lives outside the model: ``casestudies_casestudy.search_vector`` is created by
a PostgreSQL-only migration (``casestudies/migrations/0003_search_vector_postgres``) as
``tsvector GENERATED ALWAYS AS (...) STORED`` - exactly what ``GeneratedField(db_persist=True)``
would emit - weighted title A, strapline and summary B, body sections C. Declaring it as a
``GeneratedField`` on ``CaseStudy`` would make Django create it on SQLite as well, where
``to_tsvector`` does not exist, and would load an unused tsvector into every model instance.
So the model stays portable and this backend refers to the column with ``RawSQL`` typed as a
``SearchVectorField``, which lets the ORM's own ``SearchQuery(search_type="websearch")`` filter
on it. Ranking and snippets: ``ranks()`` and ``snippet()`` below. The database keeps the
columns in step with every insert and update; there is nothing to reindex.

Maintenance: PostgreSQL refuses to change the type of a column a generated column reads (for
example a longer ``title``). A migration that alters title, strapline, summary or a body field
must first run ``RunSQLForVendor("postgresql", DROP_SQL)`` (and ``HEAD_DROP_SQL``) and
afterwards ``CREATE_SQL`` (and ``HEAD_CREATE_SQL``).
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVectorField,
)
from django.db.models import Q
from django.db.models.expressions import RawSQL

from finder.search.base import (
    BODY_FIELDS,
    SUMMARY_FIELDS,
    Ranks,
    SearchBackend,
    mark_tokens,
)

CONFIG = "english"
COLUMN = "search_vector"
TABLE = "casestudies_casestudy"


def _weighted(fields, weight):
    text = " || ' ' || ".join(f"coalesce({field}, '')" for field in fields)
    return f"setweight(to_tsvector('{CONFIG}'::regconfig, {text}), '{weight}')"


VECTOR_EXPRESSION = " || ".join(
    [
        _weighted(("title",), "A"),
        _weighted(SUMMARY_FIELDS, "B"),
        _weighted(BODY_FIELDS, "C"),
    ]
)

CREATE_SQL = [
    f"ALTER TABLE {TABLE} ADD COLUMN {COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({VECTOR_EXPRESSION}) STORED",
    f"CREATE INDEX {TABLE}_search_vector_gin ON {TABLE} USING gin ({COLUMN})",
]
# Ranking every match by ``ts_rank`` over the whole document costs ~16 µs a row: 170 ms for a
# word found in 11,000 case studies (bench/README.md). So "best match" ranks by a second, small
# vector of the title (A) and strapline + summary (B) only, for the rows whose title or summary
# match (found through its own GIN index); matches only in the body follow, in title order.
HEAD_COLUMN = "search_head"
HEAD_EXPRESSION = " || ".join([_weighted(("title",), "A"), _weighted(SUMMARY_FIELDS, "B")])
# STORAGE MAIN keeps the small vector in the row (compressed if need be) instead of letting
# PostgreSQL move it out to TOAST to make room for the long text columns: ranking reads it for
# every title/summary match, and fetching it from TOAST was half the ranking's time. Set in the
# same statement, so the rewrite that fills the column already uses it.
HEAD_CREATE_SQL = [
    f"ALTER TABLE {TABLE} ADD COLUMN {HEAD_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({HEAD_EXPRESSION}) STORED, "
    f"ALTER COLUMN {HEAD_COLUMN} SET STORAGE MAIN",
    f"CREATE INDEX {TABLE}_search_head_gin ON {TABLE} USING gin ({HEAD_COLUMN})",
]
HEAD_DROP_SQL = [
    f"DROP INDEX IF EXISTS {TABLE}_search_head_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {HEAD_COLUMN}",
]

DROP_SQL = [
    f"DROP INDEX IF EXISTS {TABLE}_search_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {COLUMN}",
]


def vector():
    """The stored tsvector column as an ORM expression (unqualified: only this table has it)."""
    return RawSQL(COLUMN, [], output_field=SearchVectorField())


def search_query(search):
    return SearchQuery(search.text, search_type="websearch", config=CONFIG)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def matches(self, search):
        from casestudies.models import CaseStudy

        if not search:
            return Q(pk__in=[])
        matching = (
            CaseStudy.objects.annotate(_vector=vector())
            .filter(_vector=search_query(search))
            .values("pk")
        )
        return Q(pk__in=matching)

    def ranks(self, search, using="default"):
        """Every match with rank 0, and title/summary matches with their rank: one query."""
        from django.db import connections

        if not search:
            return {}
        query = f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)"
        # Two arrays in one row (far cheaper to read than a row per match), and the query's
        # stemmed words, which let the result page mark snippets without ts_headline.
        sql = (
            f"SELECT (SELECT array_agg(id) FROM {TABLE} WHERE {COLUMN} @@ {query}), "
            f"array_agg(id), array_agg(ts_rank({HEAD_COLUMN}, {query})::float8), "
            f"querytree({query}) FROM {TABLE} WHERE {HEAD_COLUMN} @@ {query}"
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [search.text] * 4)
            found, head_ids, head_ranks, tree = cursor.fetchone()
        ranks = Ranks.fromkeys(found or (), 0.0)
        # A phrase can match the head alone, across title and summary: keep only real matches.
        ranks.update(
            (pk, rank)
            for pk, rank in zip(head_ids or (), head_ranks or (), strict=True)
            if pk in ranks
        )
        ranks.stems = [stem.replace("''", "'") for stem in re.findall(r"'((?:[^']|'')*)'", tree)]
        return ranks

    def snippet(self, obj, ranks):
        """Where ``obj`` matches, marked: the stems in the summary and body, found in Python.

        ts_headline re-parses each whole document (about 1.4 ms a case study, most of a result
        page's database time); the stems from ``ranks`` mark the same words for far less."""
        text = " ".join(getattr(obj, field) or "" for field in SUMMARY_FIELDS + BODY_FIELDS)
        return mark_tokens(text, ranks.stems or (), width=240, stems=True)

    def describe(self):
        return "PostgreSQL full-text search (websearch syntax, weighted ranking)"
