"""The database's own full-text index over documents, and trigram look-ups for typos.

PostgreSQL: stored generated tsvectors (whole document and title/summary/terms) with GIN
indexes, and pg_trgm with a GIN trigram index on the vocabulary. SQLite: an FTS5 table kept in
step by triggers. The SQL comes from search/text.py; never edit it in place there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from core.operations import RunSQLForVendor
from search.text import POSTGRES, SQLITE


class VendorTrigramExtension(TrigramExtension):
    """CREATE EXTENSION pg_trgm on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


TRIGRAM_INDEX = [
    "CREATE INDEX search_word_trigram ON search_word USING gin (word gin_trgm_ops)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorTrigramExtension(),
        RunSQLForVendor(
            "postgresql",
            POSTGRES.create_sql + POSTGRES.head_create_sql,
            POSTGRES.head_drop_sql + POSTGRES.drop_sql,
        ),
        RunSQLForVendor(
            "postgresql", TRIGRAM_INDEX, ["DROP INDEX IF EXISTS search_word_trigram"]
        ),
        RunSQLForVendor("sqlite", SQLITE.create_sql, SQLITE.drop_sql),
    ]
