from core.sitemaps import PublishedSitemap
from guidance.models import Checklist, ConsultationArea, HighImpactAction


class HighImpactActionSitemap(PublishedSitemap):
    model = HighImpactAction


class ChecklistSitemap(PublishedSitemap):
    model = Checklist

    def items(self):
        return super().items().filter(standalone=True)


class ConsultationAreaSitemap(PublishedSitemap):
    model = ConsultationArea
