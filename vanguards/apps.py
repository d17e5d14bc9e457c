from django.apps import AppConfig


class VanguardsConfig(AppConfig):
    name = "vanguards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Register this app's content types (core/registry.py) once every model is loaded."""
        from search import registry as search_registry
        from vanguards import documents, registry  # noqa: F401

        for kind in documents.KINDS:
            search_registry.register(kind)
