from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Register this app's content types (core/registry.py) once every model is loaded."""
        from casestudies import documents, registry  # noqa: F401
        from search import registry as search_registry

        for kind in documents.KINDS:
            search_registry.register(kind)
