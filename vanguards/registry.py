"""Vanguard sites in the content registry (core/registry.py), imported by the app's ready()."""

from core.registry import ContentType, register
from vanguards import views
from vanguards.sitemaps import VanguardSitemap

register(
    ContentType(
        model_label="vanguards.VanguardSite",
        key="vanguards",
        detail_template=views.DETAIL_TEMPLATE,
        detail_queryset=views.detail_queryset,
        detail_context=views.detail_context,
        url_prefix="vanguards:",
        list_url_name="vanguards:list",
        sitemap=VanguardSitemap,
    )
)
