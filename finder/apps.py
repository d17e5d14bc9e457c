from django.apps import AppConfig


class FinderConfig(AppConfig):
    """The generic finder: facets, search, counting, paging, links and exports (no tables)."""

    name = "finder"
    verbose_name = "Finder"

    def ready(self):
        from core import cache
        from finder import index

        cache.when_content_changes(index.warm, after_commit=True)
