"""Staff preview: any item, whatever its status, rendered with its public detail template.

The content registry (core/registry.py) names each type's detail template and the two
functions its public detail view uses: its queryset and its context. The preview calls the
same two, minus the "published only" filter on the item itself, so it is the page the public
will see once the item is published and cannot drift from it.
"""

import re

from django.template.response import TemplateResponse

from core import registry

PREVIEW_BANNER = (
    '<div class="nhsuk-warning-callout curation-preview" role="status"><h2 '
    'class="nhsuk-warning-callout__label">Preview for curators</h2><p>Status: '
    "<strong>{status}</strong>. {note}</p></div>"
)


def detail_page(obj):
    """(template, context) of obj's public detail page, whatever obj's status."""
    content_type = registry.for_model(type(obj))
    item = content_type.detail_queryset().get(pk=obj.pk)
    return content_type.detail_template, content_type.detail_context(item)


def render_preview(request, obj):
    """The public detail page for obj, with a preview banner; never cached or indexed."""
    template, context = detail_page(obj)
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
