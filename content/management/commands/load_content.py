"""python manage.py load_content: load fixtures/ into the database, all or nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.loader import ContentError, Loader
from search import indexing


class Command(BaseCommand):
    help = "Load every content file under fixtures/ (upsert by slug, one transaction)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.CONTENT_DIR), help="Content folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and load, then roll everything back."
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            with transaction.atomic():
                report = Loader(path).load()
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        prefix = "Dry run (rolled back): " if dry_run else "Loaded: "
        self.stdout.write(self.style.SUCCESS(prefix + str(report)))
        if not dry_run:
            # what the load's own transaction left of a renamed theme's pages (search.indexing)
            indexing.catch_up()
