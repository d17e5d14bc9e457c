"""Django's admin app, set up to use the curators' admin site (listed in INSTALLED_APPS)."""

from django.contrib.admin.apps import AdminConfig


class CurationAdminConfig(AdminConfig):
    """Django's admin with the curators' home page (what is due, in review, just published)."""

    default_site = "curation.sites.CurationAdminSite"
