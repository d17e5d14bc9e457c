"""Case-study search now reads the one index (the search app): drop the case-study table's
own tsvector columns (PostgreSQL) and FTS5 table and triggers (SQLite)."""

from django.db import migrations

from casestudies.search import POSTGRES, SQLITE
from core.operations import RunSQLForVendor


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0008_alter_casestudy_number_and_more")]

    operations = [
        RunSQLForVendor(
            "postgresql",
            POSTGRES.head_drop_sql + POSTGRES.drop_sql,
            POSTGRES.create_sql + POSTGRES.head_create_sql,
        ),
        RunSQLForVendor("sqlite", SQLITE.drop_sql, SQLITE.create_sql + SQLITE.rebuild_sql),
    ]
