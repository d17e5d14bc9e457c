"""SQLite only: an FTS5 index of case studies, filled now and kept in sync by triggers.

A no-op on every other database. The SQL comes from casestudies.search; never edit it in
place there - change it with a new migration.
"""

from django.db import migrations

from core.operations import RunSQLForVendor
from casestudies.search import SQLITE


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0003_search_vector_postgres")]

    operations = [RunSQLForVendor("sqlite", SQLITE.create_sql + SQLITE.rebuild_sql, SQLITE.drop_sql)]
