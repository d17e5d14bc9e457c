from django.apps import AppConfig


class VanguardsConfig(AppConfig):
    name = "vanguards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Register this app's content types (core/registry.py) once every model is loaded."""
        from vanguards import registry  # noqa: F401
