"""Editors write drafts and send them for review; only Publishers publish, in the UI or not."""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from core.models import Status
from curation.models import PublicationEvent
from tests.admin_forms import change_url, changelist_url, form_data
from tests.factories import CaseStudyFactory, ChecklistFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return CaseStudyFactory(status=Status.DRAFT, themes=[ThemeFactory()])


def test_editor_is_not_offered_published_in_the_status_menu(editor_client, draft):
    response = editor_client.get(change_url(draft))
    choices = [
        value for value, _ in response.context["adminform"].form.fields["status"].widget.choices
    ]  # noqa: E501
    assert choices == [Status.DRAFT, Status.REVIEW]
    assert b'value="published"' not in response.content


def test_editor_can_send_a_draft_for_review(editor_client, editor, draft):
    data = form_data(editor_client.get(change_url(draft))) | {"status": Status.REVIEW}
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW and draft.updated_by == editor
    event = PublicationEvent.objects.get()
    assert event.action == PublicationEvent.Action.SUBMITTED and event.user == editor


def test_forged_post_from_editor_setting_published_is_refused(editor_client, draft):
    data = form_data(editor_client.get(change_url(draft))) | {"status": Status.PUBLISHED}
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "Only a Publisher can publish" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.published_at is None
    assert not PublicationEvent.objects.exists()


def test_forged_post_creating_a_published_item_is_refused(editor_client, draft):
    response = editor_client.get(reverse("admin:casestudies_casestudy_add"))
    assert response.status_code == 200
    data = form_data(editor_client.get(change_url(draft)))
    data |= {"slug": "forged", "number": "99", "title": "Forged", "status": Status.PUBLISHED}
    response = editor_client.post(reverse("admin:casestudies_casestudy_add"), data)
    assert "Only a Publisher can publish" in response.content.decode()
    assert not CaseStudy.objects.filter(slug="forged").exists()


def test_editor_cannot_change_a_published_item(editor_client):
    published = CaseStudyFactory(status=Status.PUBLISHED, title="Live text")
    page = editor_client.get(change_url(published))
    assert page.status_code == 200
    assert "only a Publisher" in page.content.decode()
    response = editor_client.post(change_url(published), {"title": "Vandalised", "status": "draft"})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == "Live text" and published.status == Status.PUBLISHED


def test_publish_action_is_not_offered_to_editors(editor_client, draft):
    response = editor_client.get(changelist_url(CaseStudy))
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "publish_selected" not in actions and "unpublish_selected" not in actions
    assert "export_csv" in actions


def test_forged_publish_action_from_editor_is_refused(editor_client, draft):
    response = editor_client.post(
        changelist_url(CaseStudy),
        {
            "action": "publish_selected",
            "_selected_action": [draft.pk],
            "index": 0,
            "confirm": "yes",
        },
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not PublicationEvent.objects.exists()


def test_publisher_publishes_through_the_form(publisher_client, publisher, draft):
    data = form_data(publisher_client.get(change_url(draft))) | {"status": Status.PUBLISHED}
    response = publisher_client.post(change_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    event = PublicationEvent.objects.get()
    assert (event.action, event.user, event.to_status) == ("published", publisher, "published")
    assert publisher_client.get(draft.get_absolute_url()).status_code == 200


def test_publisher_bulk_publishes_and_unpublishes(publisher_client):
    theme = ThemeFactory()
    drafts = [CaseStudyFactory(status=Status.REVIEW, themes=[theme]) for _ in range(3)]
    pks = [d.pk for d in drafts]
    publisher_client.post(
        changelist_url(CaseStudy),
        {"action": "publish_selected", "_selected_action": pks, "confirm": "yes"},
    )
    assert set(CaseStudy.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert PublicationEvent.objects.filter(action="published").count() == 3
    publisher_client.post(
        changelist_url(CaseStudy),
        {"action": "unpublish_selected", "_selected_action": pks, "confirm": "yes"},
    )
    assert set(CaseStudy.objects.values_list("status", flat=True)) == {Status.ARCHIVED}
    assert PublicationEvent.objects.filter(action="unpublished").count() == 3


def test_bulk_publish_is_all_or_nothing(publisher_client):
    ready = CaseStudyFactory(status=Status.REVIEW, themes=[ThemeFactory()])
    no_theme = CaseStudyFactory(status=Status.REVIEW, title="Unthemed story")
    response = publisher_client.post(
        changelist_url(CaseStudy),
        {
            "action": "publish_selected",
            "_selected_action": [ready.pk, no_theme.pk],
            "confirm": "yes",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Nothing was published" in text and "Unthemed story" in text and "theme" in text
    ready.refresh_from_db()
    assert ready.status == Status.REVIEW
    assert not PublicationEvent.objects.exists()


def test_case_study_needs_a_theme_before_publishing(publisher_client):
    draft = CaseStudyFactory(status=Status.DRAFT)
    data = form_data(publisher_client.get(change_url(draft))) | {"status": Status.PUBLISHED}
    response = publisher_client.post(change_url(draft), data)
    assert "needs at least one theme before it can be published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_publish_permission_covers_every_publishable_model(publisher_client):
    checklist = ChecklistFactory(status=Status.REVIEW)
    publisher_client.post(
        changelist_url(type(checklist)),
        {"action": "publish_selected", "_selected_action": [checklist.pk], "confirm": "yes"},
    )
    checklist.refresh_from_db()
    assert checklist.status == Status.PUBLISHED


def test_audit_list_is_read_only(publisher_client, draft):
    response = publisher_client.get(reverse("admin:curation_publicationevent_changelist"))
    assert response.status_code == 200
    assert publisher_client.get(reverse("admin:curation_publicationevent_add")).status_code == 403
