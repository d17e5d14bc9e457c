"""Acceptance 5: a comparison of 4 downloads as PDF and Word and prints on at most 3 landscape A4
pages; the evidence map prints on one. Measured with WeasyPrint on the real content."""

import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from casestudies.models import CaseStudy
from core.pdf import to_pdf
from tests.evidence.crawl import Links
from tests.real_content import real_content  # noqa: F401 - the module-scoped fixture
from vanguards.models import VanguardSite

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

A4_LANDSCAPE = (841.89, 595.28)  # points
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@pytest.fixture(autouse=True)
def _plain(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PLAIN_STATIC}


def longest(model, count=4):
    """The items with the most text to line up: the worst case for the page count."""

    def size(item):
        figures = sum(len(f.label) + len(f.value) + 3 for f in item.key_figures.all())
        return len(item.summary) + len(getattr(item, "points", "") or "") + figures

    items = model.objects.published().prefetch_related("key_figures")
    return sorted(items, key=size, reverse=True)[:count]


def url_for(namespace, items, **extra):
    query = "items=" + ",".join(item.slug for item in items)
    query += "".join(f"&{key}={value}" for key, value in extra.items())
    return f"{reverse(f'{namespace}:compare')}?{query}"


def pages_of(content):
    reader = PdfReader(io.BytesIO(content))
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    return len(reader.pages), sizes, " ".join(p.extract_text() or "" for p in reader.pages)


@pytest.mark.parametrize(
    ("namespace", "model"), [("casestudies", CaseStudy), ("vanguards", VanguardSite)]
)
@pytest.mark.parametrize("only", ["all", "differences"])
def test_a_comparison_of_four_is_a_pdf_of_at_most_three_landscape_a4_pages(
    client, namespace, model, only
):
    items = longest(model)
    response = client.get(url_for(namespace, items, only=only, format="pdf"))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]
    count, sizes, text = pages_of(response.content)
    print(f"{namespace} only={only}: {count} pages for {[i.slug for i in items]}")
    assert count <= 3
    assert sizes == {tuple(round(v) for v in A4_LANDSCAPE)}
    for item in items:
        assert " ".join(str(item).split()[:2]) in " ".join(text.split())
    assert f"http://testserver{reverse(f'{namespace}:compare')}" in "".join(text.split())


def test_a_comparison_downloads_as_a_landscape_word_table_with_full_addresses(client):
    items = longest(CaseStudy)
    response = client.get(url_for("casestudies", items, only="all", format="docx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    word = WordDocument(io.BytesIO(response.content))
    section = word.sections[0]
    assert section.page_width > section.page_height
    (table,) = word.tables
    assert [cell.text for cell in table.rows[0].cells][1:] == [str(item) for item in items]
    labels = [row.cells[0].text for row in table.rows]
    assert labels[1].startswith("Results") and "Summary" in labels
    assert table.rows[-1].cells[1].text == f"http://testserver{items[0].get_absolute_url()}"


def test_the_comparison_page_links_to_its_pdf_and_word_files(client):
    items = longest(VanguardSite, 3)
    html = client.get(url_for("vanguards", items)).content.decode()
    parser = Links()
    parser.feed(html)
    hrefs = [href.replace("&amp;", "&") for href in parser.hrefs]
    for fmt in ("pdf", "docx", "csv"):
        assert url_for("vanguards", items, format=fmt) in hrefs, fmt


def test_the_evidence_map_prints_on_one_landscape_a4_page(client):
    html = client.get(reverse("pages:evidence")).content.decode()
    count, sizes, text = pages_of(to_pdf(html))
    assert count == 1, f"{count} pages"
    assert sizes == {tuple(round(v) for v in A4_LANDSCAPE)}
    assert "no measured outcome yet" in text
