"""Journey 2, CCG curators: an Editor revises a case study and submits it for review, a Publisher
publishes it, the public sees the change, and the history can bring the old text back."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from tests.e2e.support import PASSWORD, sign_in

SLUG = "growth-in-gateshead"
TITLE = "Growth in Gateshead"
ADDED = " Now with a weekly walking group for patients."


@pytest.fixture
def curators(settings):
    """An Editor and a Publisher, in the groups the curation migration creates."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    roles = importlib.import_module("curation.migrations.0002_editor_and_publisher_groups")
    users = {}
    for name, table in (("Editor", roles.EDITOR), ("Publisher", roles.PUBLISHER)):
        group, _ = Group.objects.get_or_create(name=name)  # an earlier flush may have removed it
        group.permissions.set(roles.permissions(apps, table))
        user = User.objects.create_user(
            f"{name.lower()}@ccg.example", password=PASSWORD, is_staff=True, first_name=name
        )
        user.groups.add(group)
        users[name] = user
    return users


@pytest.fixture
def case_study_in_draft(curators):
    """Published items are locked for Editors: a Publisher has returned this one to draft."""
    from casestudies.models import CaseStudy
    from core.models import Status
    from curation.services import set_status

    case_study = CaseStudy.objects.get(slug=SLUG)
    set_status(
        [case_study],
        user=curators["Publisher"],
        status=Status.DRAFT,
        note="Returned to draft for a revision",
    )
    return case_study


def sign_out(page):
    page.get_by_role("button", name=re.compile("log out", re.I)).click()


def open_case_study(page):
    page.get_by_role("link", name="Case studies").first.click()
    page.get_by_role("textbox", name=re.compile("search", re.I)).first.fill("Gateshead")
    page.get_by_role("textbox", name=re.compile("search", re.I)).first.press("Enter")
    page.get_by_role("link", name=TITLE, exact=True).click()


def edit_row(rows):
    """The history row of the Editor's revision (the newest version that changed the strapline)."""
    return next(i for i, text in enumerate(rows.all_inner_texts()) if "Strapline" in text)


def test_editor_revises_publisher_publishes_and_history_restores(
    site, page, browser, journey, curators, case_study_in_draft
):
    trip = journey("ccg-editor")
    original = case_study_in_draft.strapline
    revised = original + ADDED
    public_url = f"{site}/case-studies/{SLUG}/"

    with trip.step("the Editor signs in to the admin"):
        sign_in(page, site, curators["Editor"])
        trip.screenshot(page, "editor-admin-home")

    with trip.step("the Editor edits the case study and submits it for review"):
        open_case_study(page)
        page.get_by_label("Strapline").fill(revised)
        page.get_by_label(re.compile(r"^Status:?$")).select_option(label="In review")
        trip.screenshot(page, "editor-edits", full_page=False)
        page.get_by_role("button", name="Save", exact=True).first.click()
        page.locator(".messagelist .success").first.wait_for()
        sign_out(page)

    with trip.step("the Publisher sees it waiting for review and publishes it"):
        sign_in(page, site, curators["Publisher"])
        page.get_by_role("link", name=TITLE).first.wait_for()
        trip.screenshot(page, "publisher-admin-home")
        page.get_by_role("link", name=TITLE).first.click()
        assert page.get_by_label("Strapline").input_value() == revised
        page.get_by_label(re.compile(r"^Status:?$")).select_option(label="Published")
        page.get_by_role("button", name="Save and continue editing").first.click()
        page.locator(".messagelist .success").first.wait_for()

    with trip.step("the change appears on the public page"):
        visitor = browser.new_context()
        try:
            public = visitor.new_page()
            response = public.goto(public_url)
            assert response.status == 200
            assert public.get_by_text(ADDED.strip()).count() > 0, "the revised text is not public"
            trip.screenshot(public, "public-revised")
        finally:
            visitor.close()

    with trip.step("the history shows both versions and their difference"):
        page.get_by_role("link", name="History").first.click()
        rows = page.locator("#change-history tbody tr")
        edit = edit_row(rows)
        assert "In review" in rows.nth(edit).inner_text()
        rows.nth(edit + 1).get_by_role("radio", name=re.compile("^Compare from")).check()
        rows.nth(0).get_by_role("radio", name=re.compile("^Compare to")).check()
        trip.screenshot(page, "history")
        page.get_by_role("button", name="Compare selected versions").click()
        diff = page.locator("#content").inner_text()
        assert "Strapline" in diff and "walking group" in diff, diff[:500]
        trip.screenshot(page, "diff", full_page=True)
        page.go_back()

    with trip.step("the Publisher restores the old version"):
        rows = page.locator("#change-history tbody tr")
        rows.nth(edit_row(rows) + 1).get_by_role("button", name="Restore this version").click()
        confirm = page.get_by_role("button", name=re.compile("restore", re.I))
        if confirm.count():  # a confirmation page, when there is one
            confirm.first.click()
        page.locator(".messagelist .success").first.wait_for()
        page.goto(site + f"/admin/casestudies/casestudy/{case_study_in_draft.pk}/change/")
        assert page.get_by_label("Strapline").input_value() == original
        visitor = browser.new_context()
        try:
            public = visitor.new_page()
            public.goto(public_url)
            assert public.get_by_text(ADDED.strip()).count() == 0, (
                "the public page kept the revision"
            )
            trip.last_screenshot(public, "public-restored")
        finally:
            visitor.close()
