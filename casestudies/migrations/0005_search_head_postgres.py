"""PostgreSQL only: a small stored tsvector of title and summary, with a GIN index, for ranking.

A no-op on every other database. Why: finder.search.postgres (HEAD_COLUMN).
"""

from django.db import migrations

from core.operations import RunSQLForVendor
from finder.search.postgres import HEAD_CREATE_SQL, HEAD_DROP_SQL


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0004_search_fts_sqlite")]

    operations = [RunSQLForVendor("postgresql", HEAD_CREATE_SQL, HEAD_DROP_SQL)]
