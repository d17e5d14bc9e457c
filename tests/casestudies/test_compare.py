"""Comparing 2 to 4 case studies: aligned rows, differences, CSV, and clear messages otherwise."""

import csv
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from tests.factories import CaseStudyFactory, KeyFigureFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = reverse("casestudies:compare")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def cases():
    theme = ThemeFactory(slug="new-roles", name="New roles")
    london = RegionFactory(slug="london", name="London")
    items = [
        CaseStudyFactory(
            slug=f"cs-{i}",
            title=f"Case {i}",
            region=london,
            themes=[theme],
            population=[33_000, None, 33_000, 120_000][i],
            place=f"Town {i}",
        )
        for i in range(4)
    ]
    KeyFigureFactory(
        case_study=items[0], label="GP sessions saved", value="12 a week", outcome="gp-time"
    )
    KeyFigureFactory(
        case_study=items[1], label="Same-day calls handled", value="70-80 a day", outcome="access"
    )
    KeyFigureFactory(case_study=items[2], label="Saving", value="£230,000", outcome="finance")
    return items


def rows_of(response):
    return {row.label: row for group, rows in response.context["comparison"].groups for row in rows}


@pytest.mark.parametrize("n", [2, 3, 4])
def test_compares_two_three_or_four_with_aligned_rows(client, cases, n):
    slugs = [case.slug for case in cases[:n]]
    response = client.get(URL, {"items": ",".join(slugs), "only": "all"})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [item.slug for item in comparison.items] == slugs
    for row in comparison.all_rows:
        assert len(row.cells) == n, row.label
    html = response.content.decode()
    assert html.count('<th scope="col">') == n
    rows = rows_of(response)
    assert rows["Region"].texts == ["London"] * n and not rows["Region"].differs
    assert rows["Place"].differs
    assert rows["GP time and workload"].texts[0] == "12 a week – GP sessions saved"
    assert rows["GP time and workload"].texts[1] == ""
    assert "differs" in html


def test_population_difference_is_flagged(client, cases):
    response = client.get(URL, {"items": "cs-0,cs-2"})
    assert not rows_of(response)["Population"].differs
    response = client.get(URL, {"items": "cs-0,cs-1"})
    assert rows_of(response)["Population"].texts == ["33,000", "Not stated"]


def test_only_differences(client, cases):
    response = client.get(URL, {"items": "cs-0,cs-1", "only": "differences"})
    assert all(row.differs for row in response.context["comparison"].rows)
    assert "Region" not in rows_of(response)


def test_csv_has_one_column_per_item(client, cases):
    response = client.get(URL, {"items": "cs-0,cs-1,cs-2", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Field", "Case 0", "Case 1", "Case 2"]
    assert all(len(row) == 4 for row in rows)
    assert ["Region", "London", "London", "London"] in rows
    assert ["Finance", "", "", "£230,000 – Saving"] in rows


@pytest.mark.parametrize(
    ("items", "status", "text"),
    [
        ("", 400, "Choose at least 2 case studies"),
        ("cs-0", 400, "Choose at least 2 case studies"),
        ("cs-0,cs-0", 400, "each one counts once"),
        ("cs-0,cs-1,cs-2,cs-3,cs-4", 400, "Compare at most 4"),
        (",".join(f"x{i}" for i in range(9)), 400, "You chose 9"),
        ("cs-0,nope", 404, "We could not find “nope”"),
        ("cs-0,<script>", 404, "&lt;script&gt;"),
    ],
)
def test_bad_selections_get_a_clear_message(client, cases, items, status, text):
    response = client.get(URL, {"items": items})
    assert response.status_code == status
    html = response.content.decode()
    assert text in html
    assert reverse("casestudies:list") in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_no_items_parameter_at_all(client):
    response = client.get(URL)
    assert response.status_code == 400


def test_repeated_params_from_the_finder_form_redirect_to_a_tidy_address(client, cases):
    response = client.get(f"{URL}?theme=new-roles&items=cs-0&items=cs-1&q=x&page=2")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?items=cs-0,cs-1"


def test_draft_items_cannot_be_compared(client, cases):
    cases[1].status = "draft"
    cases[1].save()
    assert client.get(URL, {"items": "cs-0,cs-1"}).status_code == 404


def test_compare_queries_are_constant(client, cases, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(URL, {"items": "cs-0,cs-1,cs-2,cs-3"})


def test_compare_page_is_printable(client, cases):
    html = client.get(URL, {"items": "cs-0,cs-1"}).content.decode()
    assert 'media="print"' in html
    assert "library-no-print" in html


def test_compare_downloads_as_pdf_and_word_linked_from_the_page(client, cases):
    query = "?items=cs-0,cs-1,cs-2,cs-3"
    html = client.get(URL + query).content.decode()
    assert f'href="{URL}{query}&amp;format=pdf"' in html
    assert f'href="{URL}{query}&amp;format=docx"' in html
    pdf = client.get(URL + query + "&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert 'filename="case-study-comparison.pdf"' in pdf["Content-Disposition"]
    word = client.get(URL + query + "&format=docx")
    assert word.status_code == 200
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    table = WordDocument(io.BytesIO(word.content)).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "",
        "Case 0",
        "Case 1",
        "Case 2",
        "Case 3",
    ]


def test_a_refused_comparison_file_is_a_try_again_page_back_to_the_comparison(
    client, cases, settings
):
    settings.EXPORT_RATE_LIMIT = 1
    url = URL + "?items=cs-0,cs-1&format=docx"
    assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    html = refused.content.decode()
    assert "try again" in html and f'href="{URL}?items=cs-0,cs-1"' in html
    assert client.get(URL + "?items=cs-0,cs-1&format=csv").status_code == 200
