"""The practice-submissions source holds practices' own stories, not a document."""

from django.db import migrations


def mark_submissions(apps, schema_editor):
    Source = apps.get_model("core", "Source")
    Source.objects.filter(slug="practice-submissions").update(kind="submission")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_source_kind")]

    operations = [migrations.RunPython(mark_submissions, migrations.RunPython.noop)]
