"""Issue 16 item 1: control characters from Word and PDF copy-paste, through every way in
(admin and inline forms, the public form, the loader, the plan builder) and out (the Atom feed,
the sitemap, Word files), so neither new input nor an old row can make a page a 500."""

import io
from xml.etree import ElementTree

import pytest
from django.forms import inlineformset_factory, modelform_factory
from django.urls import reverse
from docx import Document as WordDocument

from casestudies.models import CaseStudy, KeyFigure
from content.loader import ContentError, load_content
from core.models import Theme
from core.text import clean_input, unwanted_characters, xml_safe
from curation.forms import ChildForm, CuratorForm
from guidance import plan as plans
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    SourceFactory,
    ThemeFactory,
    publish_changes,
)
from tests.security.submission_race import STORY

pytestmark = pytest.mark.django_db

PASTED = "Care\x0bnavigation\x0c for\x01 all\x00\r\nteams\x1f\x7f"  # what Word and PDFs leave
CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "\ufffe"]


def test_the_input_rule_keeps_tab_and_newline_and_composes_unicode():
    assert clean_input(PASTED) == "Carenavigation for all\nteams"
    assert clean_input("a\tb\r\nc\rd") == "a\tb\nc\nd"
    assert clean_input("Cafe\u0301") == "Café"
    assert unwanted_characters("ab\x0bc") == [(3, "\x0b")]
    for ch in CONTROLS:
        assert clean_input(f"x{ch}y") == "xy"
        assert xml_safe(f"x{ch}y") == ("xy" if ch != "\x7f" else "x\x7fy")  # XML allows DEL


def test_admin_forms_store_text_without_control_characters():
    fields = ["slug", "name", "description", "overview", "source"]
    form_class = modelform_factory(Theme, form=CuratorForm, fields=fields)
    data = {"slug": "new-roles", "name": "New\x0b roles", "description": "One\x01 line"}
    form = form_class({**data, "overview": PASTED, "source": SourceFactory().pk})
    assert form.is_valid(), form.errors
    theme = form.save()
    assert (theme.name, theme.description) == ("New roles", "One line")
    assert theme.overview == "Carenavigation for all\nteams"


def test_inline_rows_store_text_without_control_characters():
    case = CaseStudyFactory()
    formset_class = inlineformset_factory(
        CaseStudy, KeyFigure, form=ChildForm, fields=["label", "value", "order"], extra=1
    )
    data = {
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-0-label": "GP\x0c time saved",
        "figures-0-value": "13\x01 hours",
        "figures-0-order": "1",
    }
    formset = formset_class(data, instance=case, prefix="figures")
    assert formset.is_valid(), formset.errors
    formset.save()
    figure = case.key_figures.get()
    assert (figure.label, figure.value) == ("GP time saved", "13 hours")


def test_the_public_form_stores_text_without_control_characters(client):
    story = {**STORY, "organisation": "River\x0bside", "what_they_did": STORY["what_they_did"]}
    story["impact"] = PASTED + " and fewer appointments"
    story["figures"] = "Hours\x0c saved: 13\x01"
    assert client.post(reverse("submit-story"), story).status_code == 302
    draft = CaseStudy.objects.get(status="draft")
    assert draft.organisations == "Riverside"
    assert draft.impact.startswith("Carenavigation for all\nteams")
    assert [(f.label, f.value) for f in draft.key_figures.all()] == [("Hours saved", "13")]


def test_the_loader_names_file_field_and_position(tmp_path):
    (tmp_path / "themes").mkdir()
    (tmp_path / "sources").mkdir()
    path = tmp_path / "themes" / "new-roles.yaml"
    path.write_text(
        'slug: new-roles\nname: "New \\vroles"\ndescription: x\noverview: x\nsource: d0\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path)
    message = str(caught.value)
    assert str(path) in message and "'name'" in message
    assert "U+000B" in message and "character 5" in message


def test_the_plan_builder_drops_control_characters_from_title_and_practice():
    plan = plans.parse_plan({"title": "Spring\x0b plan\x01", "practice": "River\x0cside"}.copy())
    assert (plan.title, plan.practice) == ("Spring plan", "Riverside")


@pytest.fixture
def old_rows():
    """Rows stored before the input rule existed: published, with control characters."""
    source = SourceFactory(code="D0", title="The\x0b Book")
    theme = ThemeFactory(name="New\x01 roles", source=source)
    case = CaseStudyFactory(
        title="Care\x0bnavigation", summary="Fewer\x0c visits\x01", themes=[theme], source=source
    )
    checklist = ChecklistFactory(slug="ten-steps", title="Ten\x0b steps", source=source)
    ChecklistItemFactory(checklist=checklist, order=1, title="Step\x01 one", explanation="A\x0cB")
    publish_changes()
    return {"case": case, "checklist": checklist}


def test_the_feed_of_an_old_row_with_control_characters_is_valid_xml(client, old_rows):
    for url in (reverse("feeds:case-studies"), reverse("feeds:case-studies") + "?q=care"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = ElementTree.fromstring(response.content)
        assert "Carenavigation" in ElementTree.tostring(feed, encoding="unicode")


def test_the_sitemap_with_old_rows_is_valid_xml(client, old_rows):
    response = client.get(reverse("pages:sitemap"))
    assert response.status_code == 200
    ElementTree.fromstring(response.content)


@pytest.mark.parametrize("name", ["checklist-docx", "checklist-md", "checklist-print"])
def test_downloads_of_an_old_row_with_control_characters_work(client, old_rows, name):
    response = client.get(reverse(f"guidance:{name}", args=["ten-steps"]))
    assert response.status_code == 200
    if name == "checklist-docx":
        text = "\n".join(p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs)
        assert "Ten steps" in text and "Step one" in text


def test_a_plan_word_file_with_old_rows_works(client, old_rows):
    url = reverse("guidance:plan-docx") + "?title=Plan&items=cl:" + old_rows["checklist"].list_id
    response = client.get(url + ":1", follow=True)
    assert response.status_code == 200
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs)
    assert "Step one" in text
