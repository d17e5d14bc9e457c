"""Helpers for the browser tests: where things are, the database copy, screenshots, the report."""

import re
import shutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VNU_JAR = Path(settings.BASE_DIR) / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"

PASSWORD = "e2e-Curator-password-41"  # every curator the browser tests make

# One line per checked page or journey step, printed after the run (pytest -q hides stdout).
REPORT: list[str] = []


def skip_reason():
    """Why the browser tests do not run here, or None.

    Only a missing system package skips them, named as Debian names it; Playwright and axe are
    the project's own dev dependencies, so without them the tests fail with the import error.
    """
    if connection.vendor != "sqlite":
        return (
            "browser tests run on SQLite only: they check templates, markup and the browser, "
            "not the database, and a second pass on PostgreSQL would double their time for no "
            "new coverage (search ranking on PostgreSQL is covered by the unit tests)"
        )
    if not CHROMIUM.exists():
        return f"needs Debian's chromium package ({CHROMIUM} is missing: apt-get install chromium)"
    return None


# The database -----------------------------------------------------------------------------------


def copy_database():
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    return copy


def restore_database(copy):
    """Replace the whole test database with a copy, and forget everything cached from before."""
    from django.contrib.contenttypes.models import ContentType

    connection.ensure_connection()
    copy.backup(connection.connection)
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()


@dataclass
class BrowserErrors:
    """Script errors and console errors (a blocked resource, a CSP violation) seen by a page."""

    messages: list

    def watch(self, page):
        page.on("pageerror", lambda error: self.messages.append(f"script error: {error}"))
        page.on("console", lambda msg: self._console(page, msg))
        return page

    def _console(self, page, msg):
        if msg.type != "error":
            return
        # Chromium logs an error status of the page itself (our 404 page); that is no fault.
        if msg.text.startswith("Failed to load resource") and msg.location.get("url") == page.url:
            return
        self.messages.append(f"console: {msg.text} ({msg.location.get('url')})")


@contextmanager
def real_content(content_copy, django_db_blocker):
    """Outside a test's own database access: the real content, then the database as it was."""
    with django_db_blocker.unblock():
        before = copy_database()
        restore_database(content_copy)
        try:
            yield
        finally:
            restore_database(before)


class Journey:
    """A user's journey: named steps, each with a screenshot under test-artifacts/screenshots/."""

    def __init__(self, name):
        self.name = name
        self.folder = ARTIFACTS / "screenshots" / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    @contextmanager
    def step(self, description):
        """Run one step; a failure is reported with the step's name."""
        try:
            yield
        except BaseException as exc:
            REPORT.append(
                f"journey {self.name}: FAILED at step “{description}”: {_first_line(exc)}"
            )
            raise
        REPORT.append(f"journey {self.name}: ok   {description}")

    def screenshot(self, page, label, *, full_page=False):
        self.count += 1
        path = self.folder / f"{self.count:02d}-{label}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    def last_screenshot(self, page, label):
        """The journey's last step; also kept once under docs/screenshots/ for the README."""
        path = self.screenshot(page, label)
        committed = DOCS_SCREENSHOTS / f"{self.name}.png"
        if not committed.exists():
            committed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, committed)
        return path


def _first_line(exc):
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def sign_in(page, site, user, password=PASSWORD):
    """Sign ``user`` in to the curators' admin (two-factor is off in the test settings)."""
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=re.compile("log out", re.I)).wait_for()
