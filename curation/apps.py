from django.apps import AppConfig, apps

# What a CCG officer calls each part of the admin (headings, breadcrumbs, the home page).
PLAIN_APP_NAMES = {
    "casestudies": "Case studies",
    "vanguards": "Vanguard sites",
    "guidance": "Checklists and High Impact Actions",
    "core": "Themes, sources and glossary",
    "curation": "Curation records",
    "axes": "Sign-in protection",
    "taggit": "Tags",
    "auth": "Accounts and roles",
}


class CurationConfig(AppConfig):
    name = "curation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Curation records"

    def ready(self):
        """Give every app the name curators use for it (third-party apps' own names are
        technical: "AXES", "TAGGIT")."""
        for label, name in PLAIN_APP_NAMES.items():
            if apps.is_installed(label) or label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name
