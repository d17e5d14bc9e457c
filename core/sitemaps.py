"""The sitemap base every content app's sitemap uses."""

from django.contrib.sitemaps import Sitemap

from core.text import xml_safe


class PublishedSitemap(Sitemap):
    """The published items of ``model`` (a PublishableModel), with when each last changed."""

    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def location(self, obj):
        return xml_safe(obj.get_absolute_url())  # the guard at the way out, as for feeds
