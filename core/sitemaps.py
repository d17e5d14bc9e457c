"""The sitemap base every content app's sitemap uses."""

from django.contrib.sitemaps import Sitemap


class PublishedSitemap(Sitemap):
    """The published items of ``model`` (a PublishableModel), with when each last changed."""

    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
