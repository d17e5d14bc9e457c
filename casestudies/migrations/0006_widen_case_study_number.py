"""CaseStudy.number becomes a 32-bit integer: a smallint capped the library at 2 x 32,767.

On SQLite, changing a column's type remakes the table, which drops the FTS5 triggers that keep
search in step (casestudies.search); they are created again, and the index rebuilt, after the
change — in both directions.
"""

from django.db import migrations, models

from core.operations import RunSQLForVendor
from casestudies.search import SQLITE

HELP = "Case study number in the book, or example number (1-50) in the consultation."


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0005_search_head_postgres")]

    operations = [
        # Unapplying: put the triggers back after the table is remade the other way.
        RunSQLForVendor("sqlite", migrations.RunSQL.noop, SQLITE.create_sql + SQLITE.rebuild_sql),
        migrations.AlterField(
            model_name="casestudy",
            name="number",
            field=models.PositiveIntegerField(help_text=HELP),
        ),
        migrations.AlterField(
            model_name="historicalcasestudy",
            name="number",
            field=models.PositiveIntegerField(help_text=HELP),
        ),
        RunSQLForVendor("sqlite", SQLITE.create_sql + SQLITE.rebuild_sql, migrations.RunSQL.noop),
    ]
