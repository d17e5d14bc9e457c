"""Links written inside the content's Markdown all lead to live pages."""

import re

import pytest
from django.apps import apps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

LINK = re.compile(r"\]\((/[^)\s]*)\)")
MARKDOWN_MODELS = (
    "core.Theme",
    "core.Source",
    "casestudies.CaseStudy",
    "vanguards.VanguardSite",
    "guidance.HighImpactAction",
    "guidance.Checklist",
    "guidance.ChecklistItem",
    "guidance.ConsultationArea",
    "guidance.PlannedAction",
)


def internal_links():
    links = set()
    for label in MARKDOWN_MODELS:
        model = apps.get_model(label)
        text_fields = [f.name for f in model._meta.fields if f.get_internal_type() == "TextField"]
        for row in model.objects.values_list(*text_fields):
            for text in row:
                links.update(LINK.findall(text or ""))
    return sorted(links)


def test_internal_markdown_links_resolve(client):
    links = internal_links()
    assert links, "expected the theme overviews to link to case studies and checklists"
    broken = [url for url in links if client.get(url.split("#")[0]).status_code != 200]
    assert not broken
