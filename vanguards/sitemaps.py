from core.sitemaps import PublishedSitemap
from vanguards.models import VanguardSite


class VanguardSitemap(PublishedSitemap):
    model = VanguardSite
