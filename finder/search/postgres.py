"""PostgreSQL full-text search over stored, generated tsvector columns with GIN indexes.

Why the columns live outside the model: a ``FullText`` names the table and fields, and
``Schema(text)`` below gives the SQL its PostgreSQL-only migrations run: ``search_vector`` is
``tsvector GENERATED ALWAYS AS (...) STORED`` — exactly what ``GeneratedField(db_persist=True)``
would emit — weighted title A, summary B, body C, terms D. Declaring it as a
``GeneratedField`` on the model would make Django create it on SQLite as well, where
``to_tsvector`` does not exist. The database keeps the columns in step with every insert and
update; there is nothing to reindex.

Ranking every match by ``ts_rank`` over the whole document costs ~16 µs a row: 170 ms for a
word found in 11,000 documents (bench/README.md). So a term's matches are ranked by a second,
small vector, ``search_head``, of the title (A), summary (B) and terms (D), found through its
own GIN index; the whole document adds to the rank only when a term has few matches.

Maintenance: PostgreSQL refuses to change the type of a column a generated column reads (for
example a longer ``title``). A migration that alters a searched field must first run
``RunSQLForVendor("postgresql", schema.drop_sql)`` (and ``schema.head_drop_sql``) and
afterwards ``schema.create_sql`` (and ``schema.head_create_sql``).
"""

import re

from django.db import connections

CONFIG = "english"
COLUMN = "search_vector"
HEAD_COLUMN = "search_head"
QUERY = f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)"


def _weighted(fields, weight):
    text = " || ' ' || ".join(f"coalesce({field}, '')" for field in fields)
    return f"setweight(to_tsvector('{CONFIG}'::regconfig, {text}), '{weight}')"


class Schema:
    """The SQL that creates and drops one table's search columns (used by its migrations)."""

    def __init__(self, text):
        table = text.table
        parts = [_weighted(text.title, "A"), _weighted(text.summary, "B")]
        terms = [_weighted(text.terms, "D")] if text.terms else []
        whole = " || ".join([*parts, _weighted(text.body, "C"), *terms])
        head = " || ".join([*parts, *terms])
        self.create_sql = [
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({whole}) STORED",
            f"CREATE INDEX {table}_search_vector_gin ON {table} USING gin ({COLUMN})",
        ]
        self.drop_sql = [
            f"DROP INDEX IF EXISTS {table}_search_vector_gin",
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}",
        ]
        # STORAGE MAIN keeps the small vector in the row (compressed if need be) instead of
        # letting PostgreSQL move it out to TOAST to make room for the long text columns:
        # ranking reads it for every title/summary match, and fetching it from TOAST was half
        # the ranking's time. Set in the same statement, so the rewrite already uses it.
        self.head_create_sql = [
            f"ALTER TABLE {table} ADD COLUMN {HEAD_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({head}) STORED, "
            f"ALTER COLUMN {HEAD_COLUMN} SET STORAGE MAIN",
            f"CREATE INDEX {table}_search_head_gin ON {table} USING gin ({HEAD_COLUMN})",
        ]
        self.head_drop_sql = [
            f"DROP INDEX IF EXISTS {table}_search_head_gin",
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS {HEAD_COLUMN}",
        ]


# ts_rank weights for {D, C, B, A}: terms, body, summary, title.
WEIGHTS = "'{0.5, 0.1, 0.4, 1.0}'::float4[]"
NO_SEQSCAN = "SET LOCAL enable_seqscan = off"
SEQSCAN_BACK = "SET LOCAL enable_seqscan TO DEFAULT"
FULL_RANK_LIMIT = 3000  # rank a term's matches over the whole document when there are few


def _tsquery(alternatives, exact=True):
    """Any of the phrases, as one tsquery expression (its parameters alongside). Not
    ``exact``, a phrase of several words is all of its words, anywhere: checking positions
    makes PostgreSQL read each candidate's whole vector (from TOAST), which at 66,000 case
    studies took 68 ms for "multidisciplinary team" in the body against 10 ms for a word."""
    function = "phraseto_tsquery" if exact else "plainto_tsquery"
    parts = [f"{function}('{CONFIG}'::regconfig, %s)" for _ in alternatives]
    return "(" + " || ".join(parts) + ")", [" ".join(words) for words in alternatives]


class PostgresTerms:
    """Which rows of a scope match each term of a query, and how well: one statement for the
    title/summary ranks of every term, and one for whole-document ranks when matches are few.
    A phrase must stand together in the title, summary and terms; in the body only the
    ``exact`` terms' phrases must (those the reader quoted), the others' words anywhere."""

    def __init__(self, text, scope):
        self.text = text
        self.scope = scope  # finder.search.Scope: key column, condition, its parameters

    def ranks(self, terms, using, exact=()):
        """Each term's matches in one pass over its rows, found through the whole vector's
        index (the head is part of it): a row ranks by its head when the head matches, else
        it is a body match (rank 0). Two passes, one per index, read the same rows twice:
        27 against 16 ms for a word in 10,600 of 66,000 case studies."""
        table, key, where = self.text.table, self.scope.key, self.scope.where
        parts, params = [], []
        for i, alternatives in enumerate(terms):
            query, words = _tsquery(alternatives)
            body, body_words = _tsquery(alternatives, exact=i in exact)
            parts.append(
                f"SELECT {i}, array_agg({key}), array_agg(CASE WHEN {HEAD_COLUMN} @@ {query} "
                f"THEN ts_rank({WEIGHTS}, {HEAD_COLUMN}, {query})::float8 END), "
                f"querytree({query}) FROM {table} WHERE {COLUMN} @@ {body} AND {where}"
            )
            params += [*words, *words, *words, *body_words, *self.scope.params]
        # The planner prices ``@@`` in a sequential scan as cheap, but it reads each row's whole
        # vector from TOAST: for a word most documents hold ("GP": 43,000 of 66,000) it chose
        # that scan, 243 ms, over the index's bitmap scan, 72 ms. So the statement is planned
        # without it, in one round trip: several statements sent at once are one transaction,
        # which SET LOCAL lasts for (inside the caller's, it is put back at the end).
        sql = " UNION ALL ".join(parts) + " ORDER BY 1"
        with connections[using].cursor() as cursor:
            cursor.execute(f"{NO_SEQSCAN}; {sql}; {SEQSCAN_BACK}", params)
            cursor.nextset()
            rows = cursor.fetchall()
        found, stems = [], []
        for (i, ids, head_ranks, tree), alternatives in zip(rows, terms, strict=True):
            ranks = {pk: rank or 0.0 for pk, rank in zip(ids or (), head_ranks or (), strict=True)}
            if len(ranks) <= FULL_RANK_LIMIT:
                self._add_whole(ranks, alternatives, using, exact=i in exact)
            found.append(ranks)
            stems += re.findall(r"'((?:[^']|'')*)'", tree or "")
        return found, [stem.replace("''", "'") for stem in stems]

    def having(self, phrase, keys, using):
        """Which of ``keys`` hold ``phrase`` with its words side by side, anywhere."""
        if not keys:
            return set()
        query, words = _tsquery([phrase])
        table, key, where = self.text.table, self.scope.key, self.scope.where
        sql = f"SELECT {key} FROM {table} WHERE {key} = ANY(%s) AND {where} AND {COLUMN} @@ {query}"
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [list(keys), *self.scope.params, *words])
            return {row[0] for row in cursor.fetchall()}

    def _add_whole(self, ranks, alternatives, using, exact):
        """Add a fifth of the whole-document rank (body matches count, a little)."""
        if not ranks:
            return
        query, words = _tsquery(alternatives, exact)
        table, key = self.text.table, self.scope.key
        sql = (
            f"SELECT {key}, ts_rank({WEIGHTS}, {COLUMN}, {query})::float8 FROM {table} "
            f"WHERE {key} = ANY(%s) AND {COLUMN} @@ {query}"
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [*words, list(ranks), *words])
            for pk, rank in cursor.fetchall():
                ranks[pk] = ranks.get(pk, 0.0) + 0.2 * rank
