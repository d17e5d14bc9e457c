"""PostgreSQL only: a small stored tsvector of title and summary, with a GIN index, for ranking.

A no-op on every other database. Why: casestudies.search (HEAD_COLUMN).
"""

from django.db import migrations

from core.operations import RunSQLForVendor
from casestudies.search import POSTGRES


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0004_search_fts_sqlite")]

    operations = [RunSQLForVendor("postgresql", POSTGRES.head_create_sql, POSTGRES.head_drop_sql)]
