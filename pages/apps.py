from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Home, site-wide search, themes, glossary, sources and the error pages: the one app
    that reads every content app."""

    name = "pages"
    verbose_name = "Public pages"
