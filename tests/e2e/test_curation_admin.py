"""The curators' admin in Chromium (issue 15, acceptance 4): the workflow buttons, the restore
confirmation and plain names are there; the admin index, a list, a change form, the history
and a comparison have no serious or critical axe-core violations and fit 1280 and 1024 px."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from tests.e2e.support import DOCS_SCREENSHOTS, PASSWORD, REPORT, sign_in
from tests.e2e.test_accessibility import BLOCKING, describe, horizontal_overflow, run_axe, too_wide

SLUG = "growth-in-gateshead"
LAPTOP = {"width": 1024, "height": 768}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def publisher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    roles = importlib.import_module("curation.migrations.0002_editor_and_publisher_groups")
    group, _ = Group.objects.get_or_create(name="Publisher")
    group.permissions.set(roles.permissions(apps, roles.PUBLISHER))
    user = User.objects.create_user(
        "pat@ccg.example", password=PASSWORD, is_staff=True, first_name="Pat", last_name="Publisher"
    )
    user.groups.add(group)
    return user


def shoot(page, name, *, full_page=False):
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=DOCS_SCREENSHOTS / f"curation-{name}.png", full_page=full_page)


def check(page, name):
    """axe on the page as it is, then how it fits at 1280 and 1024 px."""
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    overflow = {}
    for label, size in (("1280", DESKTOP), ("1024", LAPTOP)):
        page.set_viewport_size(size)
        overflow[label] = (horizontal_overflow(page), too_wide(page))
    page.set_viewport_size(DESKTOP)
    REPORT.append(
        f"axe  admin {name:<14} serious/critical: {len(blocking)}"
        + (f" ({describe(blocking)})" if blocking else "")
        + f" | overflow 1280: {overflow['1280'][0]}px, 1024: {overflow['1024'][0]}px"
    )
    assert not blocking, f"{name}: {describe(blocking)}"
    for label, (pixels, offenders) in overflow.items():
        assert pixels <= 0, f"{name} scrolls sideways by {pixels}px at {label} px: {offenders}"


def test_curators_admin_is_accessible_fits_and_speaks_plainly(site, page, publisher):
    from casestudies.models import CaseStudy

    case = CaseStudy.objects.get(slug=SLUG)
    base = f"{site}/admin/casestudies/casestudy/"
    sign_in(page, site, publisher)
    body = page.locator("#content").inner_text()
    for name in ("Case studies", "Vanguard sites", "Checklists", "Glossary", "Old addresses"):
        assert name in body, name
    assert "TAGGIT" not in body.upper().replace("TAGS", "")
    check(page, "index")
    shoot(page, "admin-home")

    page.goto(base)
    status_header = page.get_by_role("columnheader", name=re.compile("Status"))
    assert status_header.is_visible()
    assert page.get_by_label(re.compile("Tag contains", re.I)).count() == 1  # a search box
    check(page, "list")
    shoot(page, "list")

    page.goto(f"{base}{case.pk}/change/")
    for label in ("Return to draft", "Unpublish"):
        assert page.get_by_role("link", name=label, exact=True).count() == 1, label
    check(page, "change form")
    shoot(page, "change-form")

    page.get_by_role("link", name="Unpublish", exact=True).click()
    assert page.get_by_label("Note (optional)").count() == 1
    shoot(page, "unpublish-asks-for-a-note")

    page.goto(f"{base}{case.pk}/history/")
    check(page, "history")
    page.goto(f"{base}{case.pk}/history/compare/")
    check(page, "compare")


def test_restore_asks_first_naming_version_and_author(site, page, publisher):
    from casestudies.models import CaseStudy

    case = CaseStudy.objects.get(slug=SLUG)
    sign_in(page, site, publisher)
    change = f"{site}/admin/casestudies/casestudy/{case.pk}/change/"
    page.goto(change)
    page.get_by_label("Strapline").fill("A new strapline for the restore test.")
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.locator(".messagelist .success").first.wait_for()
    assert page.url.endswith(f"/{case.pk}/change/")  # back to the item, not a list page
    page.goto(f"{site}/admin/casestudies/casestudy/{case.pk}/history/")
    page.get_by_role("button", name="Restore this version").first.click()
    text = page.locator("#content").inner_text()
    assert re.search(r"Restore version \d+ \(saved by ", text), text[:300]
    shoot(page, "restore-asks-first")
    page.get_by_role("button", name=re.compile(r"^Restore version \d+$")).click()
    page.locator(".messagelist .success").first.wait_for()
    assert "Restored version" in page.locator(".messagelist").inner_text()
