"""Printable checklist and HIA pages, the links to them and the grouped checklist index."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.models import Status
from tests.factories import (
    AudienceFactory,
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    HighImpactActionFactory,
    PlannedActionFactory,
    SourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print-page.css"


def make_checklist(n=5, **kwargs):
    checklist = ChecklistFactory(
        source=SourceFactory(slug="d9", code="D9", title="The Test Book", publisher="Test Press"),
        source_section="Chapter 3",
        source_pages="12-14",
        **kwargs,
    )
    # Created out of order: the page must follow `order`, not the primary key.
    for order in reversed(range(1, n + 1)):
        ChecklistItemFactory(
            checklist=checklist,
            order=order,
            title=f"Item number {order:02d}",
            explanation=f"Why step {order} *matters*.",
        )
    return checklist


def titles_in_order(html, titles):
    positions = [html.index(title) for title in titles]
    return positions == sorted(positions)


def test_print_page_lists_every_item_in_order_with_tick_box_and_lines(client):
    checklist = make_checklist(6)
    response = client.get(reverse("guidance:checklist-print", args=[checklist.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    titles = [f"Item number {n:02d}" for n in range(1, 7)]
    assert titles_in_order(html, titles)
    assert html.count('class="doc-item"') == 6
    assert html.count('class="doc-tick"') == 6
    for label in ("Owner", "By when", "Notes"):
        assert html.count(f'<span class="doc-field__label">{label}</span>') == 6, label
    assert '<span class="doc-field__label">Practice</span>' in html
    assert '<span class="doc-field__label">Date</span>' in html
    assert "<em>matters</em>" in html


def test_print_page_has_no_site_chrome_and_cites_source_and_address(client):
    checklist = make_checklist(2)
    html = client.get(reverse("guidance:checklist-print", args=[checklist.slug])).content.decode()
    assert "nhsuk-header" not in html
    assert "nhsuk-footer" not in html
    assert "css/print-page.css" in html
    footer = html[html.index('<footer class="doc-footer">') :]
    assert "The Test Book (Test Press). Chapter 3, page 12-14." in footer
    assert "D9" not in footer
    assert settings.SITE_URL.rstrip("/") + checklist.get_absolute_url() in footer
    assert "Source: The Test Book, Chapter 3, page 12-14" in html


def test_print_stylesheet_sets_a4_page_numbers_and_unbroken_items():
    css = PRINT_CSS.read_text()
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "counter(page)" in css and "counter(pages)" in css
    assert re.search(r"\.doc-item\s*{[^}]*break-inside:\s*avoid", css)
    assert re.search(r"@media print\s*{[^}]*\.print-toolbar\s*{\s*display:\s*none", css)


def test_print_page_sanitises_markdown(client):
    checklist = make_checklist(1)
    item = checklist.items.get()
    item.explanation = '<script>alert("x")</script>[x](javascript:alert(1))'
    item.save()
    html = client.get(reverse("guidance:checklist-print", args=[checklist.slug])).content.decode()
    assert "<script>alert" not in html
    assert "javascript:alert" not in html


def test_print_page_links_case_studies_of_each_item(client):
    checklist = make_checklist(2)
    case = CaseStudyFactory(title="Solutions from Sussex")
    checklist.items.get(order=2).case_studies.add(case)
    CaseStudyFactory(title="Hidden draft", status=Status.DRAFT).checklist_items.add(
        checklist.items.get(order=1)
    )
    html = client.get(reverse("guidance:checklist-print", args=[checklist.slug])).content.decode()
    assert f'<a href="{case.get_absolute_url()}">Solutions from Sussex</a>' in html
    assert "Hidden draft" not in html


@pytest.mark.parametrize(
    "name", ["checklist-print", "checklist-pdf", "checklist-docx", "checklist-md"]
)
@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_checklist_cannot_be_printed_or_downloaded(client, name, status):
    checklist = make_checklist(1, status=status)
    assert client.get(reverse(f"guidance:{name}", args=[checklist.slug])).status_code == 404


@pytest.mark.parametrize("name", ["hia-print", "hia-pdf", "hia-docx", "hia-md"])
def test_unpublished_hia_cannot_be_printed_or_downloaded(client, name):
    hia = HighImpactActionFactory(status=Status.DRAFT)
    assert client.get(reverse(f"guidance:{name}", args=[hia.slug])).status_code == 404


def test_unknown_checklist_print_page_is_404(client):
    response = client.get(reverse("guidance:checklist-print", args=["no-such-list"]))
    assert response.status_code == 404


def test_print_page_queries_do_not_grow_with_items(client, django_assert_max_num_queries):
    checklist = make_checklist(60)
    checklist.audiences.add(AudienceFactory(), AudienceFactory())
    cases = [CaseStudyFactory() for _ in range(3)]
    for item in checklist.items.all():
        item.case_studies.add(*cases)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("guidance:checklist-print", args=[checklist.slug]))
    assert response.status_code == 200
    assert response.content.decode().count('class="doc-tick"') == 60


def test_hia_print_page_is_a_checklist_of_planned_actions_and_case_studies(client):
    hia = HighImpactActionFactory(number=3, name="Reduce DNAs")
    for order, title in [(2, "Text reminders"), (1, "Audit missed appointments")]:
        PlannedActionFactory(action=hia, order=order, title=title)
    case = CaseStudyFactory(title="Solutions from Sussex")
    case.high_impact_actions.add(hia)
    draft = CaseStudyFactory(title="Unpublished story", status=Status.DRAFT)
    draft.high_impact_actions.add(hia)
    response = client.get(reverse("guidance:hia-print", args=[hia.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "High Impact Action 3" in html
    assert titles_in_order(html, ["Audit missed appointments", "Text reminders"])
    assert html.count('class="doc-tick"') == 2
    assert "Case studies that show it" in html
    assert "Solutions from Sussex" in html
    assert "Unpublished story" not in html


def test_planned_actions_are_credited_to_their_own_document_by_title(client):
    """Somerset's planned actions come from the GP Board's proposal (document 004), not from
    the document that defines the High Impact Action; neither is named by its code."""
    hia = HighImpactActionFactory(
        number=6,
        source=SourceFactory(code="D1", title="Working at scale", publisher="not stated"),
        source_section="Appendix C",
        planned_actions_source=SourceFactory(code="D4", title="Somerset: A proposal"),
        planned_actions_section="Appendix 1",
    )
    PlannedActionFactory(action=hia, order=1, title="Hold a workshop")
    html = client.get(reverse("guidance:hia-print", args=[hia.slug])).content.decode()
    sources = html[html.index('<p class="doc-footer__source">') :].split("</p>")[0]
    assert sources.index("Somerset: A proposal. Appendix 1.") < sources.index("Working at scale")
    assert "Source: Somerset: A proposal, Appendix 1" in html
    plan = client.get(reverse("guidance:plan-print"), {"items": "hia:6:1"}).content.decode()
    plan_sources = plan[plan.index('<p class="doc-footer__source">') :].split("</p>")[0]
    assert "Somerset: A proposal. Appendix 1." in plan_sources
    assert "Working at scale" not in plan_sources
    for text in (html, plan):
        assert not re.search(r"\bD[0-4]\b", text.split("<main", 1)[1].split("doc-footer__url")[0])


def test_checklist_page_links_to_print_downloads_and_plan(client):
    checklist = make_checklist(3)
    html = client.get(checklist.get_absolute_url()).content.decode()
    for name in ("checklist-print", "checklist-pdf", "checklist-docx", "checklist-md"):
        assert reverse(f"guidance:{name}", args=[checklist.slug]) in html, name
    for label in (
        "Print",
        "Download PDF",
        "Download Word (.docx)",
        "Markdown",
        "Add to an action plan",
    ):
        assert f">{label}</a>" in html, label
    lid = checklist.list_id
    assert f"{reverse('guidance:plan')}?items=cl:{lid}:1,cl:{lid}:2,cl:{lid}:3" in html


def test_hia_page_links_to_print_downloads_and_plan(client):
    hia = HighImpactActionFactory(number=5)
    PlannedActionFactory(action=hia, order=1)
    html = client.get(hia.get_absolute_url()).content.decode()
    for name in ("hia-print", "hia-pdf", "hia-docx", "hia-md"):
        assert reverse(f"guidance:{name}", args=[hia.slug]) in html, name
    assert f"{reverse('guidance:plan')}?items=hia:5:1" in html
    assert ">Add to an action plan</a>" in html


def test_checklist_index_groups_lists_by_audience_and_theme_with_item_counts(client):
    practices = AudienceFactory(slug="gp-practices", name="GP practices")
    lmcs = AudienceFactory(slug="lmcs", name="LMCs")
    theme = ThemeFactory(slug="workforce", name="Workforce")
    first = make_checklist(3, title="Recruit a pharmacist")
    first.audiences.add(practices)
    first.themes.add(theme)
    second = make_checklist(4, title="Run a study day")
    second.audiences.add(practices, lmcs)
    make_checklist(2, title="Unsorted list")
    make_checklist(9, title="Secret draft", status=Status.DRAFT)
    make_checklist(9, title="Shown elsewhere only", standalone=False)
    html = client.get(reverse("guidance:checklist-list")).content.decode()
    assert "Secret draft" not in html and "Shown elsewhere only" not in html
    audiences = html[html.index('id="by-audience"') : html.index('id="by-theme"')]
    themes = html[html.index('id="by-theme"') : html.index('id="all"')]
    assert "For GP practices <span" in audiences
    assert "(2 lists, 7 items)" in audiences
    assert "(1 list, 4 items)" in audiences
    assert "For anyone" in audiences and "(1 list, 2 items)" in audiences
    assert ">Workforce</a>" in themes and "(1 list, 3 items)" in themes
    assert "Other topics" in themes and "(2 lists, 6 items)" in themes
    assert "3 checklists with 9 items in all" in html
