"""Review means review (issue 15, acceptance 3): the version sent for review is the one that
is published; the workflow buttons, shown only to those who may press them, keep a note."""

import pytest
from django.urls import reverse

from core.models import Status
from curation import services
from curation.models import PublicationEvent
from tests.admin_forms import change_url, changelist_url, form_data
from tests.factories import CaseStudyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return CaseStudyFactory(
        status=Status.DRAFT, title="Growth in Gateshead", themes=[ThemeFactory()]
    )


def step_url(obj, step):
    return reverse("admin:casestudies_casestudy_step", args=[obj.pk, step])


def test_sending_for_review_records_the_version_and_the_note(editor_client, editor, draft):
    response = editor_client.post(step_url(draft, "review"), {"confirm": "yes", "note": "Ready"})
    assert response.status_code == 302
    draft.refresh_from_db()
    event = PublicationEvent.objects.get(action="submitted")
    assert draft.status == Status.REVIEW
    assert (event.version, event.note, event.user) == (draft.version, "Ready", editor)
    assert event.sentence() == "edna sent ‘Growth in Gateshead’ for review"


def test_publishing_the_reviewed_version(publisher_client, editor, publisher, draft):
    services.send_for_review([draft], user=editor)
    response = publisher_client.post(step_url(draft, "publish"), {"confirm": "yes", "note": "OK"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert PublicationEvent.objects.get(action="published").note == "OK"


def test_publishing_a_version_other_than_the_reviewed_one_is_refused(
    client, editor, publisher, draft
):
    services.send_for_review([draft], user=editor)
    client.force_login(editor)  # the Editor keeps changing it after a Publisher read it
    data = form_data(client.get(change_url(draft))) | {"strapline": "Changed after review"}
    assert client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    with pytest.raises(services.WorkflowError, match="changed after it was sent for review"):
        services.set_status([draft], user=publisher, status=Status.PUBLISHED)

    client.force_login(publisher)
    page = client.get(step_url(draft, "publish")).content.decode()
    assert "changed after it was sent for review" in page and "Changed after review" in page
    refused = client.post(step_url(draft, "publish"), {"confirm": "yes"})
    assert refused.status_code == 200
    listed = client.post(
        changelist_url(type(draft)),
        {"action": "publish_selected", "_selected_action": [draft.pk], "confirm": "yes"},
    )
    assert listed.status_code in (200, 302)
    data = form_data(client.get(change_url(draft))) | {"status": Status.PUBLISHED}
    by_form = client.post(change_url(draft), data)
    assert "changed after it was sent for review" in by_form.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert not PublicationEvent.objects.filter(action="published").exists()


def test_sending_again_makes_the_new_version_the_reviewed_one(editor, publisher, draft):
    services.send_for_review([draft], user=editor)
    services.bump_version(draft, draft.version)  # an Editor's save after review
    services.send_for_review([draft], user=editor)
    assert services.set_status([draft], user=publisher, status=Status.PUBLISHED) == [draft]


def test_only_a_publisher_returns_an_item_in_review_to_draft(editor_client, editor, draft):
    services.send_for_review([draft], user=editor)
    assert editor_client.get(step_url(draft, "draft")).status_code == 403
    data = form_data(editor_client.get(change_url(draft))) | {"status": Status.DRAFT}
    page = editor_client.post(change_url(draft), data).content.decode()
    assert "Only a Publisher can return an item in review to draft" in page
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


@pytest.mark.parametrize(
    "status,editor_sees,publisher_sees",
    [
        (Status.DRAFT, ["Send for review"], ["Send for review"]),
        (Status.REVIEW, [], ["Publish", "Return to draft"]),
        (Status.PUBLISHED, [], ["Return to draft", "Unpublish"]),
        (Status.ARCHIVED, [], ["Publish", "Return to draft"]),
    ],
)
def test_each_button_is_shown_only_to_those_who_may_press_it(
    client, editor, publisher, status, editor_sees, publisher_sees
):
    case = CaseStudyFactory(status=status, themes=[ThemeFactory()])
    if status == Status.REVIEW:
        services.record_event(case, user=editor, old=Status.DRAFT, new=Status.REVIEW)
    for user, expected in ((editor, editor_sees), (publisher, publisher_sees)):
        client.force_login(user)
        steps = client.get(change_url(case)).context["workflow_steps"]
        assert [s["label"] for s in steps] == expected, user


def test_list_actions_for_each_step_and_role(client, editor, publisher):
    def actions(user):
        client.force_login(user)
        response = client.get(changelist_url(CaseStudyFactory._meta.model))
        return [label for name, label in response.context["action_form"].fields["action"].choices]

    assert "Send for review" in actions(editor)
    assert "Publish" not in actions(editor)
    assert {"Publish", "Return to draft", "Unpublish"} <= set(actions(publisher))


def test_the_list_action_asks_for_a_note_first(editor_client, draft):
    data = {"action": "send_for_review", "_selected_action": [draft.pk]}
    page = editor_client.post(changelist_url(type(draft)), data)
    assert page.status_code == 200 and "Note (optional)" in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    done = editor_client.post(changelist_url(type(draft)), data | {"confirm": "yes", "note": "n"})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
