"""Staff preview: any item, whatever its status, rendered with its public detail template.

Each builder uses the public detail view's own ``for_detail()`` queryset and the same
context, minus the "published only" filter on the item itself, so the preview is the page the
public will see once the item is published. (Keep the contexts in step when a detail view's
context changes.)
"""

import re

from django.template.response import TemplateResponse

from casestudies.models import CaseStudy
from guidance.models import Checklist, ConsultationArea, HighImpactAction
from vanguards.models import VanguardSite

PREVIEW_BANNER = (
    '<div class="nhsuk-warning-callout curation-preview" role="status"><h2 '
    'class="nhsuk-warning-callout__label">Preview for curators</h2><p>Status: '
    "<strong>{status}</strong>. {note}</p></div>"
)


def case_study(pk):
    item = CaseStudy.objects.for_detail().get(pk=pk)
    lists = item.lists.published().prefetch_related("items")
    return "casestudies/casestudy_detail.html", {"case_study": item, "lists": lists}


def vanguard_site(pk):
    site = VanguardSite.objects.for_detail().get(pk=pk)
    return "vanguards/vanguardsite_detail.html", {"site": site}


def high_impact_action(pk):
    hia = HighImpactAction.objects.for_detail().get(pk=pk)
    return "guidance/highimpactaction_detail.html", {"hia": hia}


def checklist(pk):
    item = Checklist.objects.for_detail().get(pk=pk)
    return "guidance/checklist_detail.html", {"checklist": item}


def consultation_area(pk):
    area = ConsultationArea.objects.select_related("source").get(pk=pk)
    context = {
        "area": area,
        "examples": area.examples.published().for_cards(),
        "lists": area.lists.published().prefetch_related("items"),
    }
    return "guidance/consultationarea_detail.html", context


BUILDERS = {
    "casestudies.casestudy": case_study,
    "vanguards.vanguardsite": vanguard_site,
    "guidance.highimpactaction": high_impact_action,
    "guidance.checklist": checklist,
    "guidance.consultationarea": consultation_area,
}


def render_preview(request, obj):
    """The public detail page for obj, with a preview banner; never cached or indexed."""
    template, context = BUILDERS[obj._meta.label_lower](obj.pk)
    response = TemplateResponse(request, template, context)
    response.render()
    note = (
        "It is published: its public page looks like this."
        if obj.status == "published"
        else "The public cannot see this page until a Publisher publishes it."
    )
    banner = PREVIEW_BANNER.format(status=obj.get_status_display(), note=note)
    html = response.content.decode("utf-8")
    html = re.sub(r"(<main\b[^>]*>)", lambda m: m.group(1) + banner, html, count=1)
    response.content = html.encode("utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
