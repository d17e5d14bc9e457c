from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Register this app's content types (core/registry.py) once every model is loaded."""
        from casestudies import registry  # noqa: F401
