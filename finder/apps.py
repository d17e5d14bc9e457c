from django.apps import AppConfig


class FinderConfig(AppConfig):
    """The generic finder: facets, search, counting, paging, links and exports (no tables)."""

    name = "finder"
    verbose_name = "Finder"
