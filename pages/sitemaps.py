"""sitemap.xml: every public page, with when it last changed (each content type's own sitemap
comes from the registry)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core import registry
from core.models import Source, Theme


class PagesSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return [
            "pages:home",
            "pages:themes",
            "pages:glossary",
            "casestudies:list",
            "vanguards:list",
            "guidance:hia-list",
            "guidance:checklist-list",
            "guidance:consultation",
        ]

    def location(self, item):
        return reverse(item)


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class SourceSitemap(ThemeSitemap):
    def items(self):
        return Source.objects.only("slug", "updated_at").order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    **registry.sitemaps(),
    "themes": ThemeSitemap,
    "sources": SourceSitemap,
}
