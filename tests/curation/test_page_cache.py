"""Every way a curator changes content shows at once on the pages anonymous readers get cached."""

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from casestudies.models import CaseStudy
from core.models import Status
from curation import services
from tests.admin_forms import change_url, changelist_url, form_data
from tests.factories import (
    CaseStudyFactory,
    ConsultationExampleFactory,
    KeyFigureFactory,
    RegionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """An anonymous reader, beside the signed-in curator's client."""
    return Client()


@pytest.fixture
def case(db):
    case = CaseStudyFactory(
        title="Solutions from Sussex",
        themes=[ThemeFactory(name="New roles")],
        region=RegionFactory(name="South East"),
        tags=["triage"],
    )
    KeyFigureFactory(case_study=case, label="Patients", value="1,000 patients")
    return case


def cached(reader, url):
    """The page as a reader sees it, once it is stored in the page cache."""
    reader.get(url)
    response = reader.get(url)
    assert response["X-Cache"] == "HIT"
    return response.content.decode()


def shown(reader, url):
    response = reader.get(url)
    assert response.status_code == 200
    return response.content.decode()


def save_in_admin(client, obj, **changes):
    data = form_data(client.get(change_url(obj))) | changes
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_an_admin_save_shows_on_the_cached_page(publisher_client, reader, case):
    url = case.get_absolute_url()
    assert "Renamed in Sussex" not in cached(reader, url)
    save_in_admin(publisher_client, case, title="Renamed in Sussex")
    assert "Renamed in Sussex" in shown(reader, url)


def test_a_theme_added_in_the_admin_shows(publisher_client, reader, case):
    digital = ThemeFactory(name="Digital first")
    url = case.get_absolute_url()
    assert "Digital first" not in cached(reader, url)
    themes = [str(t.pk) for t in case.themes.all()] + [str(digital.pk)]
    save_in_admin(publisher_client, case, themes=themes)
    assert "Digital first" in shown(reader, url)


def test_tags_changed_in_the_admin_show(publisher_client, reader, case):
    url = case.get_absolute_url()
    assert "online-consultation" not in cached(reader, url)
    save_in_admin(publisher_client, case, tags="triage, online-consultation")
    assert "online-consultation" in shown(reader, url)


def test_an_inline_row_changed_in_the_admin_shows(publisher_client, reader, case):
    url = case.get_absolute_url()
    assert "2,000 patients" not in cached(reader, url)
    save_in_admin(publisher_client, case, **{"key_figures-0-value": "2,000 patients"})
    assert "2,000 patients" in shown(reader, url)


def test_deleting_in_the_admin_removes_the_page(publisher_client, reader, case):
    url = case.get_absolute_url()
    cached(reader, url)
    delete = reverse("admin:casestudies_casestudy_delete", args=[case.pk])
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 302
    assert reader.get(url).status_code == 404


def test_deleting_selected_items_removes_their_pages(publisher_client, reader, case):
    url = case.get_absolute_url()
    cached(reader, url)
    publisher_client.post(
        changelist_url(CaseStudy),
        {"action": "delete_selected", "_selected_action": [case.pk], "post": "yes"},
    )
    assert not CaseStudy.objects.exists()
    assert reader.get(url).status_code == 404


def test_the_publish_action_shows_on_the_cached_list(publisher_client, reader, case):
    draft = CaseStudyFactory(status=Status.REVIEW, title="Brand new story", themes=[ThemeFactory()])
    url = reverse("casestudies:list")
    assert "Brand new story" not in cached(reader, url)
    publisher_client.post(
        changelist_url(CaseStudy),
        {"action": "publish_selected", "_selected_action": [draft.pk], "confirm": "yes"},
    )
    assert "Brand new story" in shown(reader, url)
    draft.refresh_from_db()
    assert draft.published_at is not None  # set once, by PublishableModel.save()


def test_the_unpublish_action_removes_the_page(publisher_client, reader, case):
    url = case.get_absolute_url()
    cached(reader, url)
    publisher_client.post(
        changelist_url(CaseStudy),
        {"action": "unpublish_selected", "_selected_action": [case.pk], "confirm": "yes"},
    )
    assert reader.get(url).status_code == 404


def test_restoring_a_version_shows_on_the_cached_page(publisher_client, reader, case):
    save_in_admin(publisher_client, case)
    first = case.history.order_by("-history_id").first()
    save_in_admin(publisher_client, case, title="Second title")
    url = case.get_absolute_url()
    assert "Second title" in cached(reader, url)
    restore = reverse("admin:casestudies_casestudy_restore", args=[case.pk, first.history_id])
    assert publisher_client.post(restore, {"confirm": "yes"}).status_code == 302
    page = shown(reader, url)
    assert "Solutions from Sussex" in page and "Second title" not in page


def test_a_theme_renamed_in_its_admin_shows(publisher_client, reader, case):
    theme = case.themes.get()
    url = case.get_absolute_url()
    assert "Newer roles" not in cached(reader, url)
    save_in_admin(publisher_client, theme, name="Newer roles")
    assert "Newer roles" in shown(reader, url)


def test_a_vocabulary_renamed_in_its_admin_shows(publisher_client, reader, case):
    url = case.get_absolute_url()
    assert "Kent and Sussex" not in cached(reader, url)
    save_in_admin(publisher_client, case.region, name="Kent and Sussex")
    assert "Kent and Sussex" in shown(reader, url)


def test_a_tag_renamed_in_the_tag_admin_shows(publisher_client, reader, case):
    tag = Tag.objects.get(name="triage")
    url = case.get_absolute_url()
    assert "care-navigation" not in cached(reader, url)
    save_in_admin(publisher_client, tag, name="care-navigation")
    assert "care-navigation" in shown(reader, url)


def test_a_submission_with_a_new_source_shows_in_the_sitemap(reader, case):
    url = reverse("pages:sitemap")
    assert "practice-submissions" not in cached(reader, url)
    services.create_submission(
        organisation="Newton's Practice",
        place="Leeds",
        contact_email="gp@example.org",
        themes=[],
        roles=[],
        what_they_did="We changed how patients book appointments, with a new phone system.",
        impact="Patients waited less for a call back.",
        figures=[],
    )
    assert "practice-submissions" in shown(reader, url)


def test_a_full_case_study_cannot_be_published_without_a_theme(publisher):
    """The rule lives on the model; the publish service reports it on the themes field."""
    draft = CaseStudyFactory(status=Status.REVIEW, title="Unthemed story")
    with pytest.raises(services.WorkflowError, match="themes: A case study needs"):
        services.set_status([draft], user=publisher, status=Status.PUBLISHED)
    assert services.publication_problems(ConsultationExampleFactory(status=Status.REVIEW)) == []
