from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Library vocabularies and sources"

    def ready(self):
        # Registers the production checks (check --deploy, and the gunicorn config's start).
        from core import checks  # noqa: F401
