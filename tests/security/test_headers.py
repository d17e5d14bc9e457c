"""Issue 16 item 9: response headers that tell an attacker nothing and protect the pages."""

import pytest
from django.conf import settings
from django.test import Client
from gunicorn.http import wsgi

from pages.views import server_error
from tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db


def test_every_page_says_cross_origin_resource_policy_same_origin(client):
    case = CaseStudyFactory()
    for url in ("/", case.get_absolute_url(), "/no-such-page/"):
        assert client.get(url)["Cross-Origin-Resource-Policy"] == "same-origin", url
    client.get(case.get_absolute_url())
    hit = client.get(case.get_absolute_url())
    assert hit["X-Cache"] == "HIT" and hit["Cross-Origin-Resource-Policy"] == "same-origin"


def test_production_sends_no_x_cache_or_server_header(client, settings):
    settings.PAGE_CACHE_STATUS_HEADER = False
    case = CaseStudyFactory()
    for _ in range(2):
        response = client.get(case.get_absolute_url())
        assert "X-Cache" not in response and "Server" not in response


def test_x_cache_is_off_unless_asked_for_or_debugging():
    assert settings.PAGE_CACHE_STATUS_HEADER  # tests/settings_env.py turns it on
    assert "default=DEBUG" in (settings.BASE_DIR / "config" / "settings.py").read_text()


def test_gunicorn_sends_no_server_header():
    namespace = {}
    exec((settings.BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    response = wsgi.Response.__new__(wsgi.Response)
    response.req = type("Req", (), {"version": (1, 1)})()
    response.status, response.chunked, response.upgrade = "200 OK", False, False
    response.version = "gunicorn"
    response.should_close = lambda: False
    headers = response.default_headers()
    assert not any(line.lower().startswith("server:") for line in headers)
    assert any(line.startswith("Date:") for line in headers)


def test_the_500_page_is_styled_from_a_static_file_not_inline():
    html = (settings.BASE_DIR / "templates" / "500.html").read_text()
    assert "<style" not in html and "style=" not in html
    assert "css/error.css" in html
    assert (settings.BASE_DIR / "static" / "css" / "error.css").is_file()


def test_the_500_page_renders_under_the_csp(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500 and b"/static/css/error.css" in response.content


def test_a_curators_session_lasts_a_working_day_renewed_while_active():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_a_signed_in_curator_gets_a_renewed_session_cookie(admin_user):
    curator = Client()
    curator.force_login(admin_user)
    response = curator.get("/admin/")
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
