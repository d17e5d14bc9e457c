"""No server error on odd admin addresses, and old addresses stay with their item."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import Status
from tests.admin_forms import change_url, form_data
from tests.factories import CaseStudyFactory, SlugRedirectFactory, ThemeFactory

pytestmark = pytest.mark.django_db
BASE = "/admin/casestudies/casestudy"


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", f"{BASE}/abc/preview/"),
        ("get", f"{BASE}/abc/history/"),
        ("get", f"{BASE}/abc/history/compare/"),
        ("post", f"{BASE}/abc/history/1/restore/"),
        ("get", f"{BASE}/abc/workflow/publish/"),
        ("get", f"{BASE}/999999/history/"),
        ("get", f"{BASE}/999999/preview/"),
    ],
)
def test_ids_that_are_not_ids_answer_404(publisher_client, method, path):
    assert getattr(publisher_client, method)(path).status_code == 404


def test_an_unknown_step_answers_404(publisher_client):
    case = CaseStudyFactory(status=Status.DRAFT)
    url = reverse("admin:casestudies_casestudy_step", args=[case.pk, "explode"])
    assert publisher_client.get(url).status_code == 404


def test_an_editor_cannot_take_another_items_old_address(editor_client):
    live = CaseStudyFactory(status=Status.PUBLISHED, themes=[ThemeFactory()])
    SlugRedirectFactory(item=live, old_slug="growth-in-gateshead")
    draft = CaseStudyFactory(status=Status.DRAFT)
    data = form_data(editor_client.get(change_url(draft))) | {"slug": "growth-in-gateshead"}
    page = editor_client.post(change_url(draft), data).content.decode()
    assert "old web address of" in page
    draft.refresh_from_db()
    assert draft.slug != "growth-in-gateshead"


def test_an_item_may_take_back_its_own_old_address(editor_client):
    draft = CaseStudyFactory(status=Status.DRAFT)
    SlugRedirectFactory(item=draft, old_slug="its-old-address")
    data = form_data(editor_client.get(change_url(draft))) | {"slug": "its-old-address"}
    assert editor_client.post(change_url(draft), data).status_code == 302


@pytest.mark.parametrize("role,group", [("editor", "Editor"), ("publisher", "Publisher")])
def test_add_curator_makes_a_staff_account_in_the_role(role, group):
    out = io.StringIO()
    call_command(
        "add_curator", "sam@ccg.example", role=role, password="A-long-pass-phrase-7", stdout=out
    )
    user = User.objects.get(username="sam@ccg.example")
    assert user.is_staff and not user.is_superuser and user.check_password("A-long-pass-phrase-7")
    assert [g.name for g in user.groups.all()] == [group]
    assert "sign in at /admin/" in out.getvalue()


def test_add_curator_refuses_a_weak_password_and_a_taken_name():
    with pytest.raises(CommandError, match="not accepted"):
        call_command("add_curator", "sam", role="editor", password="123")
    call_command("add_curator", "sam", role="editor", password="A-long-pass-phrase-7")
    with pytest.raises(CommandError, match="already"):
        call_command("add_curator", "sam", role="editor", password="A-long-pass-phrase-7")


def test_add_curator_prompts_for_the_password_twice(monkeypatch):
    answers = iter(["A-long-pass-phrase-7", "A-long-pass-phrase-7"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("add_curator", "kim", role="publisher", stdout=io.StringIO())
    assert User.objects.get(username="kim").check_password("A-long-pass-phrase-7")
