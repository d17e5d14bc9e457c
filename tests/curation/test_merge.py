"""Acceptance 2 of issue 15: a conflicting save is merged field by field. What only one curator
changed is kept without asking; what both changed waits for the second curator's choice."""

import pytest

from casestudies.models import KeyFigure
from core.models import Status
from curation.models import PublicationEvent
from curation.services import commit_version
from tests.admin_forms import change_url, form_data
from tests.factories import CaseStudyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    case = CaseStudyFactory(status=Status.DRAFT, title="Original", themes=[ThemeFactory()])
    KeyFigure.objects.create(case_study=case, order=1, label="Patients", value="1,000")
    commit_version(case, user=None)  # as every admin save does: the version's rows and tags
    return case


def opened(client, user, case):
    """The change form as `user` opened it now (the data their browser would send back)."""
    client.force_login(user)
    return form_data(client.get(change_url(case)))


def save(client, user, case, data):
    client.force_login(user)
    return client.post(change_url(case), data)


def test_fields_only_one_side_changed_are_merged_without_asking(client, editor, publisher, draft):
    a_form, b_form = opened(client, publisher, draft), opened(client, editor, draft)
    a = save(client, publisher, draft, a_form | {"strapline": "A's strapline"})
    assert a.status_code == 302
    b = save(client, editor, draft, b_form | {"place": "B's place"})
    assert b.status_code == 302, b.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.place == "B's place"  # B's change saved
    assert draft.strapline == "A's strapline"  # A's change kept, B never asked
    reason = draft.history.order_by("-history_id").first().history_change_reason
    assert reason.startswith("Merged with version") and "Strapline" in reason


def test_inline_rows_and_tags_one_side_changed_are_kept(client, editor, publisher, draft):
    a_form, b_form = opened(client, publisher, draft), opened(client, editor, draft)
    a_changes = {"key_figures-0-value": "2,000", "tags": "access, workforce"}
    assert save(client, publisher, draft, a_form | a_changes).status_code == 302
    b = save(client, editor, draft, b_form | {"title": "B's title"})
    assert b.status_code == 302, b.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.title == "B's title"
    assert draft.key_figures.get().value == "2,000"  # A's figure is not reverted
    assert sorted(draft.tags.names()) == ["access", "workforce"]


def test_both_changing_a_field_must_choose_then_the_choice_is_saved(
    client, editor, publisher, draft
):
    a_form, b_form = opened(client, publisher, draft), opened(client, editor, draft)
    assert save(client, publisher, draft, a_form | {"title": "A's title"}).status_code == 302
    mine = b_form | {"title": "B's title", "place": "B's place"}
    asked = save(client, editor, draft, mine)
    assert asked.status_code == 200  # B must choose
    conflict = asked.context["adminform"].form.conflict
    assert [unit.name for unit in conflict.conflicts] == ["title"]
    draft.refresh_from_db()
    assert draft.title == "A's title" and draft.place != "B's place"

    choose = form_data(asked) | {
        "merge_against": str(conflict.version),
        "merge-title": "edit",
        "merge-edit-title": "A and B's title",
    }
    chosen = save(client, editor, draft, choose)
    assert chosen.status_code == 302, chosen.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.title == "A and B's title" and draft.place == "B's place"


@pytest.mark.parametrize("choice,title", [("theirs", "A's title"), ("mine", "B's title")])
def test_choosing_theirs_or_mine(client, editor, publisher, draft, choice, title):
    a_form, b_form = opened(client, publisher, draft), opened(client, editor, draft)
    save(client, publisher, draft, a_form | {"title": "A's title"})
    asked = save(client, editor, draft, b_form | {"title": "B's title"})
    version = asked.context["adminform"].form.conflict.version
    data = form_data(asked) | {"merge_against": str(version), "merge-title": choice}
    assert save(client, editor, draft, data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == title


def test_rows_both_changed_are_chosen_as_a_whole(client, editor, publisher, draft):
    a_form, b_form = opened(client, publisher, draft), opened(client, editor, draft)
    save(client, publisher, draft, a_form | {"key_figures-0-value": "2,000"})
    asked = save(client, editor, draft, b_form | {"key_figures-0-value": "3,000"})
    conflict = asked.context["adminform"].form.conflict
    assert [unit.name for unit in conflict.conflicts] == ["key_figures"]
    data = form_data(asked) | {
        "merge_against": str(conflict.version),
        "merge-key_figures": "theirs",
    }
    assert save(client, editor, draft, data).status_code == 302
    assert draft.key_figures.get().value == "2,000"


def test_without_a_record_of_the_rows_opened_the_curator_is_asked(client, editor, publisher):
    """Versions loaded from content files keep no snapshot of their rows: a merge cannot
    know who changed them, so it asks rather than overwrite."""
    case = CaseStudyFactory(status=Status.DRAFT, themes=[ThemeFactory()])
    KeyFigure.objects.create(case_study=case, order=1, label="Patients", value="1,000")
    a_form, b_form = opened(client, publisher, case), opened(client, editor, case)
    save(client, publisher, case, a_form | {"key_figures-0-value": "2,000"})
    asked = save(client, editor, case, b_form | {"title": "B's title"})
    assert asked.status_code == 200
    assert [u.name for u in asked.context["adminform"].form.conflict.conflicts] == ["key_figures"]


def test_a_choice_made_against_an_older_version_is_asked_again(client, editor, publisher, draft):
    a_form, b_form = opened(client, publisher, draft), opened(client, editor, draft)
    save(client, publisher, draft, a_form | {"title": "A's title"})
    asked = save(client, editor, draft, b_form | {"title": "B's title"})
    stale = form_data(asked) | {"merge_against": "1", "merge-title": "mine"}
    assert save(client, editor, draft, stale).status_code == 200
    draft.refresh_from_db()
    assert draft.title == "A's title"
    assert not PublicationEvent.objects.exists()
