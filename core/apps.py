from django.apps import AppConfig
from django.db.models.signals import m2m_changed


def _links_changed(sender, instance, action, **kwargs):
    """Adding or removing a theme, role, tag … changes public pages without a save()."""
    from core.cache import content_changed
    from core.models import TimeStampedModel

    if action.startswith("post_") and isinstance(instance, TimeStampedModel):
        content_changed()


class CoreConfig(AppConfig):
    name = "core"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Library vocabularies and sources"

    def ready(self):
        m2m_changed.connect(_links_changed, dispatch_uid="core-links-changed")
