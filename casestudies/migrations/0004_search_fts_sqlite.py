"""SQLite only: an FTS5 index of case studies, filled now and kept in sync by triggers.

A no-op on every other database. The SQL comes from finder.search.sqlite; never edit it in
place there - change it with a new migration.
"""

from django.db import migrations

from core.operations import RunSQLForVendor
from finder.search.sqlite import CREATE_SQL, DROP_SQL, REBUILD_SQL


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0003_search_vector_postgres")]

    operations = [RunSQLForVendor("sqlite", CREATE_SQL + REBUILD_SQL, DROP_SQL)]
