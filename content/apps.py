from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The content files in fixtures/: their specs, the loader, the writer and the commands."""

    name = "content"
    verbose_name = "Content files"
