"""Browser tests: Debian's Chromium drives a live server holding the library's real content.

The content is loaded once per run and kept as an in-memory SQLite copy; each test starts from
that copy (restoring it takes milliseconds, loading takes seconds). These tests run on SQLite
only; they skip, naming the Debian package, where Chromium is not installed.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    E2E_DIR,
    REPORT,
    BrowserErrors,
    Journey,
    copy_database,
    restore_database,
    skip_reason,
)


def pytest_collection_modifyitems(config, items):
    reason = skip_reason()
    if reason is None:
        return
    REPORT.append(f"browser tests skipped: {reason}")
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("browser checks (tests/e2e)")
        for line in REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def content_copy(django_db_setup, django_db_blocker):
    """The test database with `load_content` run on it, as an in-memory copy."""
    with django_db_blocker.unblock():
        before = copy_database()
        call_command("load_content", verbosity=0, stdout=io.StringIO())
        loaded = copy_database()
        restore_database(before)
    yield loaded
    loaded.close()


@pytest.fixture
def site(live_server, content_copy):
    """The live server's address, serving the real content; the test database is flushed after."""
    restore_database(content_copy)
    return live_server.url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, once per module; every test gets a fresh profile (a new context)."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in this thread, and Django's ORM
        # refuses to run beside one; the tests' own queries are plain synchronous code.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def browser_errors():
    return BrowserErrors(messages=[])


@pytest.fixture
def page(context, browser_errors):
    return browser_errors.watch(context.new_page())


@pytest.fixture
def journey():
    """Start a named journey: steps reported by name, screenshots kept."""
    return Journey
