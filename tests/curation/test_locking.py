"""No lost edits: the second of two overlapping saves is refused, and its input is kept."""

import pytest
from django.db import connection

from casestudies.models import CaseStudy
from core.models import Status
from curation import services
from tests.admin_forms import change_url, form_data
from tests.factories import CaseStudyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return CaseStudyFactory(status=Status.DRAFT, title="Original", themes=[ThemeFactory()])


def test_second_of_two_saves_changing_the_same_field_asks_and_keeps_input(
    client, editor, publisher, draft
):
    client.force_login(editor)
    editors_form = form_data(client.get(change_url(draft)))
    client.force_login(publisher)
    publishers_form = form_data(client.get(change_url(draft)))

    first = client.post(change_url(draft), publishers_form | {"title": "Publisher's title"})
    assert first.status_code == 302

    client.force_login(editor)
    second = client.post(
        change_url(draft),
        editors_form | {"title": "Editor's title", "strapline": "Editor's strapline"},
    )
    text = second.content.decode()
    assert second.status_code == 200
    assert "Not saved yet" in text and "percy" in text
    assert "Publisher&#x27;s title" in text  # their version, side by side with theirs
    assert 'value="Editor&#x27;s title"' in text  # their input is still in the form
    assert 'value="Editor&#x27;s strapline"' in text
    draft.refresh_from_db()
    assert draft.title == "Publisher's title" and draft.strapline == ""
    conflict = second.context["adminform"].form.conflict
    assert [unit.label for unit in conflict.conflicts] == ["Title"]
    assert [unit.label for unit in conflict.mine] == ["Strapline"]


def test_version_claim_is_atomic(draft):
    """UPDATE … WHERE version = n: only one of two savers holding version n can win."""
    one, two = CaseStudy.objects.get(pk=draft.pk), CaseStudy.objects.get(pk=draft.pk)
    services.bump_version(one, one.version)
    with pytest.raises(services.ConcurrentEditError):
        services.bump_version(two, two.version)
    assert CaseStudy.objects.get(pk=draft.pk).version == draft.version + 1


def test_version_is_a_hidden_field_on_the_form(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert (
        f'type="hidden" name="opened_version" value="{draft.version}"' in response.content.decode()
    )  # noqa: E501
    assert connection.vendor in ("sqlite", "postgresql")


def test_save_that_loses_the_race_after_its_check_is_checked_again(
    editor_client, draft, monkeypatch
):
    """Two saves can pass the form's check at once; the loser's claim fails and the whole
    request is re-run, so it meets the normal conflict check (never a server error)."""
    real_bump = services.bump_version
    calls = []

    def losing_bump(obj, expected):
        calls.append(expected)
        if len(calls) == 1:
            raise services.ConcurrentEditError(obj, expected)
        return real_bump(obj, expected)

    monkeypatch.setattr(services, "bump_version", losing_bump)
    versions = draft.history.count()
    data = form_data(editor_client.get(change_url(draft)))
    response = editor_client.post(change_url(draft), data | {"title": "Mine"})
    assert len(calls) == 2  # refused once, then checked and saved again
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Mine" and draft.history.count() == versions + 1
