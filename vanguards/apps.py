from django.apps import AppConfig


class VanguardsConfig(AppConfig):
    name = "vanguards"
    default_auto_field = "django.db.models.BigAutoField"
