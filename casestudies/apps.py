from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    default_auto_field = "django.db.models.BigAutoField"
