"""Acceptance 1: no public page or export shows an inventory code or a curator's note."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.evidence.crawl import crawl, sitemap_paths
from tests.real_content import real_content  # noqa: F401 - the module-scoped fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

INVENTORY_CODE = re.compile(r"\bD[0-4](?:-L\d+)?\b")
CURATOR_NOTES = (
    "no learnings row",
    "printed with a double space",
    "printed without a comma",
    "(editorial)",
    "Printed as shown",
    "the row is empty",
)


PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@pytest.fixture(scope="module")
def site_text(django_db_blocker):
    """Crawled once per module (a few hundred pages), without the page cache."""
    client = Client()
    storages = {**settings.STORAGES, "staticfiles": PLAIN_STATIC}
    with django_db_blocker.unblock(), override_settings(STORAGES=storages, PAGE_CACHE_SECONDS=0):
        start = ["/", reverse("pages:evidence"), reverse("pages:evidence-about")]
        start += sitemap_paths(client.get(reverse("pages:sitemap")).content.decode())
        return crawl(client, list(dict.fromkeys(start)))


def test_the_crawl_reaches_every_kind_of_public_page(site_text):
    paths = set(site_text)
    for prefix in ("/case-studies/", "/vanguards/", "/guidance/checklists/", "/sources/"):
        assert sum(p.startswith(prefix) for p in paths) >= 5, prefix
    assert any(p.endswith(".docx") for p in paths) and any(p.endswith(".md") for p in paths)
    assert len(paths) > 200


def is_export_or_print(path):
    bare = path.split("?")[0]
    return "/print/" in bare or "/plan" in bare or bare.endswith((".md", ".docx"))


def codes_on(site_text, wanted):
    found = {path: INVENTORY_CODE.findall(text)[:3] for path, text in site_text.items()}
    return {path: codes for path, codes in found.items() if codes and wanted(path)}


def test_no_public_web_page_shows_an_inventory_code(site_text):
    found = codes_on(site_text, lambda path: not is_export_or_print(path))
    assert not found, f"{len(found)} pages show codes, e.g. {list(found.items())[:5]}"


def test_no_print_page_or_export_shows_an_inventory_code(site_text):
    found = codes_on(site_text, is_export_or_print)
    assert not found, f"{len(found)} exports show codes, e.g. {list(found.items())[:5]}"


def test_no_public_page_or_export_shows_a_curators_note(site_text):
    found = [
        (path, note)
        for path, text in site_text.items()
        for note in CURATOR_NOTES
        if note.lower() in text.lower()
    ]
    assert not found, found[:10]
