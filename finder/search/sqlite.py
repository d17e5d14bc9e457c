"""SQLite full-text search: an FTS5 table per searched table, kept in sync by triggers.

The FTS table stores its own copy of three weighted columns (title; summary; body) keyed by
the row's id as rowid, using the ``porter`` stemming tokenizer, so "prescribing" finds
"prescriber". Ranking is ``bm25()`` with per-column weights and the snippet comes from
``snippet()``. Every user token is quoted before it reaches MATCH, so FTS5 operators (AND,
OR, NEAR, ``*``, ``^``, column filters) and unbalanced quotes in user input are treated as
words and never raise.

Django remakes a SQLite table (create, copy, drop, rename) for some schema changes, which
drops its triggers. After such a migration, run ``schema.create_sql + schema.rebuild_sql``
(idempotent) to put the triggers back and rebuild the index.
"""

from django.db import connections


def fts_table(text):
    return f"{text.table}_fts"


class Schema:
    """The SQL that creates, fills and drops one table's FTS5 index (used by its migrations)."""

    def __init__(self, text):
        table, fts = text.table, fts_table(text)

        groups = [text.title, text.summary, text.body] + ([text.terms] if text.terms else [])
        names = ", ".join(["title", "summary", "body", "terms"][: len(groups)])

        def insert(row, rowid):
            columns = [
                " || ' ' || ".join(f"coalesce({row}.{field}, '')" for field in fields)
                for fields in groups
            ]
            return f"INSERT INTO {fts}(rowid, {names}) SELECT {rowid}, {', '.join(columns)}"

        self.create_sql = [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
            f"{names}, tokenize = 'porter unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"{insert('new', 'new.id')}; END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.id; END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.id; {insert('new', 'new.id')}; END",
        ]
        self.rebuild_sql = [f"DELETE FROM {fts}", insert(table, f"{table}.id") + f" FROM {table}"]
        self.drop_sql = [
            f"DROP TRIGGER IF EXISTS {fts}_ai",
            f"DROP TRIGGER IF EXISTS {fts}_ad",
            f"DROP TRIGGER IF EXISTS {fts}_au",
            f"DROP TABLE IF EXISTS {fts}",
        ]


TERM_WEIGHTS = "10.0, 4.0, 1.0, 6.0"  # title, summary, body, terms


def term_expression(alternatives):
    """Any of the phrases, each an FTS5 string (so nothing typed is an operator)."""
    phrases = ['"' + " ".join(words).replace('"', '""') + '"' for words in alternatives]
    return "(" + " OR ".join(phrases) + ")"


class SQLiteTerms:
    """Which rows of a scope match each term of a query, and how well (bm25): a query each."""

    def __init__(self, text, scope):
        self.text = text
        self.scope = scope

    def ranks(self, terms, using, exact=()):
        """{key: rank} per term. Every phrase must stand together (FTS5 checks positions as
        it reads the index, at no extra cost), so ``exact`` changes nothing here."""
        fts, table = fts_table(self.text), self.text.table
        sql = (
            f"SELECT d.{self.scope.key}, -bm25({fts}, {TERM_WEIGHTS}) FROM {fts} "
            f"JOIN {table} d ON d.id = {fts}.rowid WHERE {fts} MATCH %s AND {self.scope.where}"
        )
        found = []
        with connections[using].cursor() as cursor:
            for alternatives in terms:
                cursor.execute(sql, [term_expression(alternatives), *self.scope.params])
                found.append(dict(cursor.fetchall()))
        stems = [w for alternatives in terms for words in alternatives for w in words]
        return found, stems

    def having(self, phrase, keys, using):
        """Which of ``keys`` hold ``phrase`` with its words side by side, anywhere."""
        if not keys:
            return set()
        fts, table, key = fts_table(self.text), self.text.table, self.scope.key
        marks = ", ".join(["%s"] * len(keys))
        sql = (
            f"SELECT d.{key} FROM {fts} JOIN {table} d ON d.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND d.{key} IN ({marks}) AND {self.scope.where}"
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [term_expression([phrase]), *keys, *self.scope.params])
            return {row[0] for row in cursor.fetchall()}
