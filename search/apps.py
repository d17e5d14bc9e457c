from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The one search index over every public kind (models), kept current by the write path."""

    name = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import cache
        from search import indexing, registry

        cache.when_content_changes(indexing.sync)
        registry.when_registered(indexing.watch)
        indexing.register_base_kinds()
