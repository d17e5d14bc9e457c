"""Case studies in the content registry (core/registry.py), imported by the app's ready()."""

from casestudies import views
from casestudies.sitemaps import CaseStudySitemap
from core.registry import ContentType, register

register(
    ContentType(
        model_label="casestudies.CaseStudy",
        key="case-studies",
        detail_template=views.DETAIL_TEMPLATE,
        detail_queryset=views.detail_queryset,
        detail_context=views.detail_context,
        url_prefix="casestudies:",
        list_url_name="casestudies:list",
        sitemap=CaseStudySitemap,
    )
)
