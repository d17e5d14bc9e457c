"""High Impact Actions, checklists and consultation areas in the content registry
(core/registry.py): imported by GuidanceConfig.ready()."""

from core.registry import ContentType, register
from guidance import views
from guidance.sitemaps import ChecklistSitemap, ConsultationAreaSitemap, HighImpactActionSitemap

register(
    ContentType(
        model_label="guidance.HighImpactAction",
        key="high-impact-actions",
        detail_template=views.HIA_TEMPLATE,
        detail_queryset=views.hia_queryset,
        detail_context=views.hia_context,
        url_prefix="guidance:hia-",  # with the printable page and downloads
        list_url_name="guidance:hia-list",
        sitemap=HighImpactActionSitemap,
    )
)
register(
    ContentType(
        model_label="guidance.Checklist",
        key="checklists",
        detail_template=views.CHECKLIST_TEMPLATE,
        detail_queryset=views.checklist_queryset,
        detail_context=views.checklist_context,
        url_prefix="guidance:checklist-",  # with the printable page and downloads
        list_url_name="guidance:checklist-list",
        sitemap=ChecklistSitemap,
    )
)
register(
    ContentType(
        model_label="guidance.ConsultationArea",
        key="consultation",
        detail_template=views.AREA_TEMPLATE,
        detail_queryset=views.consultation_area_queryset,
        detail_context=views.consultation_area_context,
        url_prefix="guidance:consultation-area",
        list_url_name="guidance:consultation",
        sitemap=ConsultationAreaSitemap,
    )
)
