"""Every save is a version with its author; versions can be compared and restored."""

import pytest
from django.urls import reverse

from core.models import Status
from curation.models import PublicationEvent
from tests.admin_forms import change_url, form_data
from tests.factories import CaseStudyFactory, KeyFigureFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def save_in_admin(client, obj, **changes):
    data = form_data(client.get(change_url(obj))) | changes
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


@pytest.fixture
def draft():
    case = CaseStudyFactory(status=Status.DRAFT, title="First title", themes=[ThemeFactory()])
    KeyFigureFactory(case_study=case, label="Patients", value="1,000 patients")
    return case


def test_every_save_creates_one_version_with_author_and_number(editor_client, editor, draft):
    before = draft.history.count()
    save_in_admin(editor_client, draft, title="Second title")
    save_in_admin(editor_client, draft, title="Third title")
    records = list(draft.history.order_by("history_id"))
    assert len(records) == before + 2
    assert [r.title for r in records[-2:]] == ["Second title", "Third title"]
    assert {r.history_user for r in records[-2:]} == {editor}
    assert [r.version for r in records[-2:]] == [2, 3]
    assert draft.version == 3


def test_saving_without_changes_still_keeps_a_version(editor_client, draft):
    before = draft.history.count()
    save_in_admin(editor_client, draft)
    assert draft.history.count() == before + 1


def test_history_page_lists_versions_and_compare_and_restore(publisher_client, draft):
    save_in_admin(publisher_client, draft, title="Second title")
    response = publisher_client.get(reverse("admin:casestudies_casestudy_history", args=[draft.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Compare selected versions" in text and "Restore this version" in text


def test_diff_view_shows_changed_fields_with_old_and_new_values(editor_client, draft):
    save_in_admin(editor_client, draft)  # versions saved in the admin keep their key figures
    save_in_admin(
        editor_client,
        draft,
        title="Second title",
        approach="Line one.\n\nLine two changed.",
        **{"key_figures-0-value": "2,000 patients"},
    )
    url = reverse("admin:casestudies_casestudy_compare", args=[draft.pk])
    response = editor_client.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert "First title" in text and "Second title" in text
    assert "Line two changed." in text
    assert "1,000 patients" in text and "2,000 patients" in text  # key figures are versioned
    assert "Restore version" not in text  # Editors cannot restore


def test_restore_brings_back_old_content_as_a_new_version(publisher_client, publisher, draft):
    first = draft.history.order_by("history_id").last()
    save_in_admin(
        publisher_client, draft, title="Changed title", **{"key_figures-0-value": "2,000 patients"}
    )
    versions = draft.history.count()
    url = reverse("admin:casestudies_casestudy_restore", args=[draft.pk, first.history_id])
    response = publisher_client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "First title"
    assert draft.history.count() == versions + 1
    latest = draft.history.order_by("-history_id").first()
    assert latest.title == "First title" and latest.history_user == publisher
    assert draft.status == Status.DRAFT  # restoring never publishes
    assert PublicationEvent.objects.filter(action="restored").exists()


def test_restore_brings_back_key_figures_saved_through_the_admin(publisher_client, draft):
    save_in_admin(publisher_client, draft)  # a version with a snapshot of its key figures
    snapshot_version = draft.history.order_by("-history_id").first()
    save_in_admin(publisher_client, draft, **{"key_figures-0-value": "2,000 patients"})
    url = reverse(
        "admin:casestudies_casestudy_restore", args=[draft.pk, snapshot_version.history_id]
    )
    publisher_client.post(url, {"confirm": "yes"})
    assert draft.key_figures.get().value == "1,000 patients"


def test_editor_cannot_restore(editor_client, draft):
    first = draft.history.order_by("history_id").last()
    save_in_admin(editor_client, draft, title="Changed title")
    url = reverse("admin:casestudies_casestudy_restore", args=[draft.pk, first.history_id])
    assert editor_client.post(url, {"confirm": "yes"}).status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Changed title"


def test_simple_history_revert_form_cannot_be_posted(publisher_client, draft):
    first = draft.history.order_by("history_id").last()
    url = reverse("admin:casestudies_casestudy_simple_history", args=[draft.pk, first.history_id])
    assert publisher_client.get(url).status_code == 200
    assert publisher_client.post(url, {"title": "x"}).status_code == 403
