"""What an edge cache may keep (issue 17, item 1): anonymous pages are public for a few seconds
and revalidate by ETag; a curator's pages and pages with a CSRF form are never stored."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db


def _directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def _seconds(response, name):
    return int(re.search(rf"{name}=(\d+)", response["Cache-Control"]).group(1))


@pytest.fixture
def case_study():
    return CaseStudyFactory(slug="edge-case", title="Edge case")


@pytest.mark.parametrize("hit", [False, True], ids=["miss", "hit"])
def test_anonymous_pages_are_public_briefly(client, case_study, hit):
    for url in ("/", case_study.get_absolute_url()):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        if hit:
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert {"public", "max-age=0"} <= _directives(response)
        # A publish reaches every reader through the edge within 10 seconds.
        assert _seconds(response, "s-maxage") + _seconds(response, "stale-while-revalidate") <= 10
        assert response["Vary"] == "Accept-Encoding"  # never Cookie on a page for everyone
        assert response["ETag"].startswith('W/"')


def test_revalidation_is_a_304_that_keeps_the_policy(client, case_study):
    etag = client.get(case_study.get_absolute_url())["ETag"]
    response = client.get(case_study.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content
    assert "public" in _directives(response) and response["ETag"] == etag


def test_a_page_with_a_csrf_form_is_private(client):
    response = client.get("/case-studies/submit/")
    assert response.status_code == 200 and "csrftoken" in response.cookies
    assert _directives(response) == {"private", "no-store"}


def test_a_signed_in_curator_gets_nothing_an_edge_may_keep(client, case_study):
    user = get_user_model().objects.create_superuser("edge", "edge@example.org", "pw-edge-1234")
    client.force_login(user)
    for url in ("/", case_study.get_absolute_url(), "/admin/"):
        response = client.get(url)
        directives = _directives(response)
        assert {"private", "no-store"} <= directives and "public" not in directives, url


def test_the_edge_window_is_what_the_readme_says():
    assert settings.PAGE_EDGE_SECONDS + settings.PAGE_EDGE_STALE_SECONDS <= 10
