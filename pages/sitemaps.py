"""sitemap.xml: every public page, with when it last changed (each content app lists its own)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from casestudies.sitemaps import SITEMAPS as CASE_STUDY_SITEMAPS
from core.models import Source, Theme
from guidance.sitemaps import SITEMAPS as GUIDANCE_SITEMAPS
from vanguards.sitemaps import SITEMAPS as VANGUARD_SITEMAPS


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
    **CASE_STUDY_SITEMAPS,
    **VANGUARD_SITEMAPS,
    **GUIDANCE_SITEMAPS,
    "themes": ThemeSitemap,
    "sources": SourceSitemap,
}
