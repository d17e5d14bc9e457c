"""PostgreSQL only: a stored generated tsvector on case studies, with a GIN index.

A no-op on every other database. The SQL comes from finder.search.postgres; never edit it in
place there - change it with a new migration.
"""

from django.db import migrations

from core.operations import RunSQLForVendor
from finder.search.postgres import CREATE_SQL, DROP_SQL


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0002_initial")]

    operations = [RunSQLForVendor("postgresql", CREATE_SQL, DROP_SQL)]
