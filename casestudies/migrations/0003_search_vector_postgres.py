"""PostgreSQL only: a stored generated tsvector on case studies, with a GIN index.

A no-op on every other database. The SQL comes from casestudies.search; never edit it in
place there - change it with a new migration.
"""

from django.db import migrations

from core.operations import RunSQLForVendor
from casestudies.search import POSTGRES


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0002_initial")]

    operations = [RunSQLForVendor("postgresql", POSTGRES.create_sql, POSTGRES.drop_sql)]
