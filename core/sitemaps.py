"""sitemap.xml: every public page, with when it last changed."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from casestudies.models import CaseStudy
from core.models import Source, Theme
from guidance.models import Checklist, ConsultationArea, HighImpactAction
from vanguards.models import VanguardSite


class PagesSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return [
            "core:home",
            "core:themes",
            "core:glossary",
            "casestudies:list",
            "vanguards:list",
            "guidance:hia-list",
            "guidance:checklist-list",
            "guidance:consultation",
        ]

    def location(self, item):
        return reverse(item)


class ContentSitemap(Sitemap):
    """Published items of one model."""

    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class CaseStudySitemap(ContentSitemap):
    model = CaseStudy
    priority = 0.8


class VanguardSitemap(ContentSitemap):
    model = VanguardSite


class HighImpactActionSitemap(ContentSitemap):
    model = HighImpactAction


class ConsultationAreaSitemap(ContentSitemap):
    model = ConsultationArea


class ChecklistSitemap(ContentSitemap):
    model = Checklist

    def items(self):
        return super().items().filter(standalone=True)


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
    "case-studies": CaseStudySitemap,
    "vanguards": VanguardSitemap,
    "high-impact-actions": HighImpactActionSitemap,
    "checklists": ChecklistSitemap,
    "consultation": ConsultationAreaSitemap,
    "themes": ThemeSitemap,
    "sources": SourceSitemap,
}
