"""python manage.py export_content: write the database back out in the fixtures/ format."""

from django.conf import settings
from django.core.management.base import BaseCommand

from content.writer import export_content


class Command(BaseCommand):
    help = "Write every item in the database as content files (the format load_content reads)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.CONTENT_DIR), help="Content folder.")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Also delete content files for items that are no longer in the database.",
        )

    def handle(self, *args, path, prune, **options):
        report = export_content(path, prune=prune)
        for relative in report.stale:
            self.stdout.write(f"Not in the database: {relative}")
        self.stdout.write(self.style.SUCCESS(f"Exported to {path}: {report}"))
