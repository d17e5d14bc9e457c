from casestudies.models import CaseStudy
from core.sitemaps import PublishedSitemap


class CaseStudySitemap(PublishedSitemap):
    model = CaseStudy
    priority = 0.8
