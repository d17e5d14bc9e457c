"""The action plan builder: a plan held in the URL, printed and exported in the chosen order."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from core.models import Status
from guidance import plan as plans
from tests.factories import (
    ChecklistFactory,
    ChecklistItemFactory,
    HighImpactActionFactory,
    PlannedActionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists():
    """Three checklists of three items each (from two sources) and one HIA with two actions."""
    book = SourceFactory(code="D0", title="The Book")
    consultation = SourceFactory(code="D2", title="The Consultation")
    result = {}
    for key, source in (("a", book), ("b", book), ("c", consultation)):
        checklist = ChecklistFactory(
            list_id=f"D0-L1{key}".upper(), source=source, title=f"List {key.upper()}"
        )
        for order in (1, 2, 3):
            ChecklistItemFactory(
                checklist=checklist, order=order, title=f"Item {key.upper()}{order}"
            )
        result[key] = checklist
    hia = HighImpactActionFactory(number=4, name="Develop the team")
    PlannedActionFactory(action=hia, order=1, title="Planned action one")
    PlannedActionFactory(action=hia, order=2, title="Planned action two")
    result["hia"] = hia
    return result


CHOSEN = "cl:D0-L1C:2,cl:D0-L1A:3,hia:4:2,cl:D0-L1B:1,cl:D0-L1A:1"
CHOSEN_TITLES = ["Item C2", "Item A3", "Planned action two", "Item B1", "Item A1"]
QUERY = {"title": "Spring plan", "practice": "Riverside Surgery", "items": CHOSEN}


def in_order(text, titles):
    positions = [text.index(title) for title in titles]
    return positions == sorted(positions)


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_plan_from_three_checklists_renders_in_the_chosen_order(client, lists):
    response = client.get(reverse("guidance:plan"), QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    plan_table = html[html.index("2. Put the steps in order") : html.index("3. Print or download")]
    assert in_order(plan_table, CHOSEN_TITLES)
    assert "Item A2" not in plan_table
    assert 'value="Spring plan"' in html and 'value="Riverside Surgery"' in html
    assert f'name="items" value="{CHOSEN}"' in html


def test_plan_prints_in_the_chosen_order(client, lists):
    response = client.get(reverse("guidance:plan-print"), QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert in_order(html, CHOSEN_TITLES)
    assert html.count('class="doc-tick"') == 5
    assert "Spring plan" in html
    assert '<span class="doc-field__line">Riverside Surgery</span>' in html
    sources = html[html.index('<p class="doc-footer__source">') :].split("</p>")[0]
    assert "The Book." in sources and "The Consultation." in sources and "D0" not in sources
    assert "From “List C” (item 2)" in html


def test_plan_exports_in_the_chosen_order(client, lists):
    pdf = client.get(reverse("guidance:plan-pdf"), QUERY)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        'filename="gp-innovation-library-spring-plan-riverside-surgery.pdf"'
        in (pdf["Content-Disposition"])
    )
    assert in_order(pdf_text(pdf.content), CHOSEN_TITLES)

    docx = client.get(reverse("guidance:plan-docx"), QUERY)
    word = WordDocument(io.BytesIO(docx.content))
    assert in_order("\n".join(p.text for p in word.paragraphs), CHOSEN_TITLES)

    markdown = client.get(reverse("guidance:plan-md"), QUERY)
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    text = markdown.content.decode()
    assert in_order(text, [f"## {n}. {t}" for n, t in enumerate(CHOSEN_TITLES, start=1)])
    assert "**Practice:** Riverside Surgery" in text


def test_print_page_links_to_the_downloads_of_the_same_plan(client, lists):
    html = client.get(reverse("guidance:plan-print"), QUERY).content.decode()
    query = "title=Spring+plan&amp;practice=Riverside+Surgery&amp;items="
    assert f"{reverse('guidance:plan-pdf')}?{query}" in html


def test_unknown_and_unpublished_items_are_noted_not_fatal(client, lists):
    lists["b"].status = Status.DRAFT
    lists["b"].save()
    items = "cl:D0-L1A:1,cl:NOPE-L99:1,cl:D0-L1B:2,cl:D0-L1A:9,hia:9:1"
    for name in ("guidance:plan", "guidance:plan-print"):
        response = client.get(reverse(name), {"items": items})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "Item A1" in html
        assert "Item B2" not in html
        for token in ("cl:NOPE-L99:1", "cl:D0-L1B:2", "cl:D0-L1A:9", "hia:9:1"):
            assert token in html, (name, token)
        assert "could not be found" in html


def test_builder_drops_missing_items_from_its_form(client, lists):
    html = client.get(reverse("guidance:plan"), {"items": "cl:NOPE-L99:1,cl:D0-L1A:2"}).content
    assert b'name="items" value="cl:D0-L1A:2"' in html


@pytest.mark.parametrize(
    "items",
    [
        "garbage",
        "cl:D0-L1A",
        "cl:D0-L1A:x",
        "cl:<script>:1",
        "hia:11:1",
        "hia:0:1",
        "cl:D0-L1A:1;DROP TABLE",
        "xx:D0-L1A:1",
        "cl:D0-L1A:12345",
    ],
)
@pytest.mark.parametrize("name", ["plan", "plan-print", "plan-pdf", "plan-docx", "plan-md"])
def test_garbled_plan_is_a_400_with_a_clear_message(client, lists, items, name):
    response = client.get(reverse(f"guidance:{name}"), {"items": items})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The plan address is not valid" in html
    assert "<script>" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"items": ",".join(f"cl:D0-L1A:{n}" for n in range(1, 62))}, "at most 60 steps"),
        ({"items": "cl:D0-L1A:1," + "," * 2000}, "too long"),
        ({"items": "cl:D0-L1A:1", "title": "x" * 201}, "title is too long"),
        ({"items": "cl:D0-L1A:1", "practice": "x" * 201}, "practice is too long"),
    ],
)
def test_over_long_plan_is_a_400_with_a_clear_message(client, lists, query, message):
    for name in ("guidance:plan", "guidance:plan-print", "guidance:plan-pdf"):
        response = client.get(reverse(name), query)
        assert response.status_code == 400, name
        assert message in response.content.decode(), name


def test_builder_form_applies_positions_additions_and_removals(client, lists):
    query = QueryDict(mutable=True)
    query.update({"title": "Plan", "items": "cl:D0-L1A:1,cl:D0-L1A:2,cl:D0-L1A:3"})
    query.setlist("pos", ["3", "1", "2"])
    query.setlist("add", ["hia:4:1", "cl:D0-L1A:2"])
    query.setlist("remove", ["cl:D0-L1A:3"])
    response = client.get(f"{reverse('guidance:plan')}?{query.urlencode()}")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("guidance:plan")
    assert parse_qs(location.query) == {
        "title": ["Plan"],
        "items": ["cl:D0-L1A:2,cl:D0-L1A:1,hia:4:1"],
    }


def test_builder_offers_up_down_and_remove_links(client, lists):
    html = client.get(reverse("guidance:plan"), {"items": "cl:D0-L1A:1,cl:D0-L1B:1"}).content
    html = html.decode()
    assert "?items=cl:D0-L1B:1,cl:D0-L1A:1" in html  # move either one
    assert 'href="/guidance/plan/?items=cl:D0-L1B:1"' in html  # remove the first


def test_builder_lists_checklists_and_hias_to_pick_from(client, lists):
    html = client.get(reverse("guidance:plan"), {"items": "cl:D0-L1A:1"}).content.decode()
    assert 'name="add" type="checkbox" value="cl:D0-L1B:2"' in html
    assert 'name="add" type="checkbox" value="hia:4:2"' in html
    assert 'value="cl:D0-L1A:1"' in html and "(in your plan)" in html


def test_empty_builder_renders(client, lists):
    response = client.get(reverse("guidance:plan"))
    assert response.status_code == 200
    assert "Your plan has no steps yet" in response.content.decode()


def test_builder_and_print_queries_do_not_grow(client, lists, django_assert_max_num_queries):
    for key in ("a", "b", "c"):
        for order in range(4, 24):
            ChecklistItemFactory(checklist=lists[key], order=order)
    tokens = [f"cl:D0-L1{k}:{n}" for k in "ABC" for n in range(1, 20)] + ["hia:4:1"]
    query = {"items": ",".join(tokens)}
    for name in ("guidance:plan", "guidance:plan-print"):
        with django_assert_max_num_queries(8):
            response = client.get(reverse(name), query)
        assert response.status_code == 200


def test_parse_refs_keeps_order_and_drops_duplicates():
    refs = plans.parse_refs("cl:D0-L09:3, hia:4:2,,cl:D0-L09:3")
    assert [ref.token for ref in refs] == ["cl:D0-L09:3", "hia:4:2"]


def test_plan_url_round_trips():
    plan = plans.parse_plan(QueryDict("title=A+%26+B&practice=X&items=cl:D0-L09:3,hia:4:2"))
    again = plans.parse_plan(QueryDict(urlsplit(plan.url()).query))
    assert again == plan
