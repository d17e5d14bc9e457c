"""python manage.py sync_search: finish rewriting the search pages a change left behind."""

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Rewrite the search pages still older than a row they are made from (a theme renamed "
        "on thousands of pages is rewritten a few hundred pages per save; this does the rest). "
        "Run every minute by deploy/systemd/gplibrary-sync-search.timer."
    )

    def handle(self, *args, **options):
        written = indexing.catch_up()
        self.stdout.write(f"Search index: {written} page(s) rewritten.")
