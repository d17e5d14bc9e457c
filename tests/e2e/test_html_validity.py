"""Every public page type is valid HTML: the Nu HTML Checker (vnu-jar) finds no errors."""

import json
import shutil
import subprocess
from urllib.parse import unquote, urlparse

import pytest
from django.test import Client, override_settings

from tests.e2e.pages import BY_NAME, PAGE_NAMES
from tests.e2e.support import ARTIFACTS, REPORT, VNU_JAR, real_content

# The pages are fetched once, in the module's fixture; the mark makes sure a test database exists.
pytestmark = pytest.mark.django_db

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(scope="module")
def vnu_errors(content_copy, django_db_blocker):
    """Each page type's HTML as the server sends it, checked in one run of the Nu HTML Checker."""
    if shutil.which("java") is None or not VNU_JAR.exists():
        reason = (
            f"the Nu HTML Checker needs Java and {VNU_JAR.relative_to(ARTIFACTS.parent)}: "
            "npm install --prefix .cache/vnu vnu-jar (.ci/run does)"
        )
        REPORT.append(f"vnu  skipped: {reason}")
        pytest.skip(reason)
    folder = ARTIFACTS / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files, fetch_problems = {}, {}
    client = Client(raise_request_exception=False)
    with override_settings(STORAGES=PLAIN_STATIC), real_content(content_copy, django_db_blocker):
        for name in PAGE_NAMES:
            page_type = BY_NAME[name]
            try:
                path = page_type.path()
            except pytest.fail.Exception as missing:
                fetch_problems[name] = str(missing)
                continue
            response = client.get(path)
            if response.status_code != page_type.status:
                fetch_problems[name] = f"GET {path} returned {response.status_code}"
                continue
            files[name] = folder / f"{name}.html"
            files[name].write_bytes(response.content)
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = {name: [] for name in files}
    by_file = {str(path.resolve()): name for name, path in files.items()}
    for message in messages:
        name = by_file.get(unquote(urlparse(message.get("url", "")).path))
        if name is None:
            raise AssertionError(f"vnu: {message}")
        errors[name].append(message)
    return errors, fetch_problems


def describe(message):
    return f"line {message.get('lastLine', '?')}: {message['message']}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_type_is_valid_html(name, vnu_errors):
    errors, fetch_problems = vnu_errors
    if name in fetch_problems:
        REPORT.append(f"vnu  {name:<22} NOT CHECKED: {fetch_problems[name]}")
        pytest.fail(fetch_problems[name], pytrace=False)
    found = errors[name]
    REPORT.append(
        f"vnu  {name:<22} errors: {len(found)}"
        + (f" ({'; '.join(describe(m) for m in found[:5])})" if found else "")
    )
    assert not found, "\n".join(describe(m) for m in found)
