"""PDF, Word and Markdown downloads of checklists and High Impact Actions."""

import io
import pickle
import sys
import types

import pytest
import weasyprint.urls
from django.conf import settings
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from core import pdf, renders
from guidance import exports
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    HighImpactActionFactory,
    PlannedActionFactory,
)

pytestmark = pytest.mark.django_db

TITLES = [f"Checklist step {letter}" for letter in "ABCDEFGH"]


@pytest.fixture
def checklist():
    checklist = ChecklistFactory(slug="ten-steps", title="Ten practical steps")
    for order, title in reversed(list(enumerate(TITLES, start=1))):
        ChecklistItemFactory(
            checklist=checklist,
            order=order,
            title=title,
            explanation="See [the other list](/guidance/checklists/other/).",
        )
    checklist.items.get(order=1).case_studies.add(CaseStudyFactory(title="Solutions from Sussex"))
    return checklist


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def in_order(text, titles):
    positions = [text.index(title) for title in titles]
    return positions == sorted(positions)


def test_pdf_contains_every_item_title_in_order(client, checklist):
    response = client.get(reverse("guidance:checklist-pdf", args=[checklist.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert in_order(pdf_text(response.content), TITLES)


def test_pdf_is_an_attachment_with_a_meaningful_filename(client, checklist):
    response = client.get(reverse("guidance:checklist-pdf", args=[checklist.slug]))
    assert response["Content-Disposition"] == (
        'attachment; filename="gp-innovation-library-ten-steps.pdf"'
    )


def test_pdf_shows_owner_by_when_and_source(client, checklist):
    text = pdf_text(client.get(reverse("guidance:checklist-pdf", args=[checklist.slug])).content)
    assert text.count("Owner") == len(TITLES)
    assert text.count("By when") == len(TITLES)
    assert checklist.source.title in text
    assert "Page 1 of" in text


def test_a_missing_weasyprint_is_reported_as_pdf_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    with pytest.raises(pdf.PdfUnavailable):
        pdf.to_pdf("<p>A step</p>")


def test_missing_system_libraries_are_reported_as_pdf_unavailable(monkeypatch):
    broken = types.ModuleType("weasyprint")

    def html(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    broken.HTML = html
    monkeypatch.setitem(sys.modules, "weasyprint", broken)
    monkeypatch.setitem(sys.modules, "weasyprint.urls", weasyprint.urls)
    with pytest.raises(pdf.PdfUnavailable):
        pdf.to_pdf("<p>A step</p>")


def test_an_unavailable_pdf_gives_a_friendly_page(client, checklist, monkeypatch):
    """The render process reports PdfUnavailable; it crosses back to the view intact."""

    def unavailable(function, *args):
        error = pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")
        raise pickle.loads(pickle.dumps(error))

    monkeypatch.setattr(renders, "render", unavailable)
    response = client.get(reverse("guidance:checklist-pdf", args=[checklist.slug]))
    assert response.status_code == 503
    html = response.content.decode()
    assert "The PDF cannot be made right now" in html
    assert "Open the printable page" in html
    assert reverse("guidance:checklist-print", args=[checklist.slug]) in html


def test_pdf_fetcher_serves_only_local_static_files():
    weasyprint = pdf.load_weasyprint()
    fetcher = pdf.static_fetcher(weasyprint)
    site = settings.SITE_URL.rstrip("/")
    response = fetcher.fetch(f"{site}/{settings.STATIC_URL.strip('/')}/css/print-page.css")
    assert b"@page" in response.read()
    for url in (
        "https://example.org/tracker.css",
        f"{site}/guidance/checklists/",
        f"{site}/static/../config/settings.py",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_docx_contains_every_item_in_order(client, checklist):
    response = client.get(reverse("guidance:checklist-docx", args=[checklist.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "gp-innovation-library-ten-steps.docx" in response["Content-Disposition"]
    word = WordDocument(io.BytesIO(response.content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert in_order(text, TITLES)
    assert "Ten practical steps" in text
    assert "See: Solutions from Sussex" in text
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert sum("Owner" in c for c in cells) == len(TITLES)
    assert sum("By when" in c for c in cells) == len(TITLES)


def test_markdown_contains_every_item_with_absolute_links(client, checklist):
    response = client.get(reverse("guidance:checklist-md", args=[checklist.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("# Ten practical steps")
    assert in_order(text, [f"## {n}. {title}" for n, title in enumerate(TITLES, start=1)])
    assert text.count("- [ ] Done") == len(TITLES)
    site = settings.SITE_URL.rstrip("/")
    assert f"]({site}/guidance/checklists/other/)" in text
    assert f"<{site}{checklist.get_absolute_url()}>" in text


def test_hia_pdf_and_docx_list_planned_actions(client):
    hia = HighImpactActionFactory(number=7, slug="develop-the-team", name="Develop the team")
    PlannedActionFactory(action=hia, order=1, title="Study workforce preferences")
    PlannedActionFactory(action=hia, order=2, title="Train reception staff")
    pdf = client.get(reverse("guidance:hia-pdf", args=[hia.slug]))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="gp-innovation-library-develop-the-team.pdf"' in pdf["Content-Disposition"]
    assert in_order(pdf_text(pdf.content), ["Study workforce preferences", "Train reception staff"])
    docx = client.get(reverse("guidance:hia-docx", args=[hia.slug]))
    word = WordDocument(io.BytesIO(docx.content))
    assert in_order(
        "\n".join(p.text for p in word.paragraphs),
        ["Study workforce preferences", "Train reception staff"],
    )


def test_markdown_blocks_flatten_lists_and_paragraphs():
    blocks = exports.markdown_blocks("Intro *text*.\n\n- one\n- two\n\n1. first\n")
    assert blocks == [
        (None, "Intro text."),
        ("List Bullet", "one"),
        ("List Bullet", "two"),
        ("List Number", "first"),
    ]
