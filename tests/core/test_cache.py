"""The anonymous full-page cache: what it stores, what it never stores, and invalidation."""

import gzip
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.test import Client, override_settings
from django.urls import path

from config.settings import cache_from_url
from content.loader import load_content
from core.cache import (
    GENERATION_KEY,
    content_changed,
    content_generation,
    store_as,
)
from tests.factories import CaseStudyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _plain(request):
    return HttpResponse("<p>" + "plain page " * 200 + "</p>")


def _sets_cookie(request):
    response = HttpResponse("personal")
    response.set_cookie("seen", "1")
    return response


def _csrf_form(request):
    return HttpResponse(f'<form method="post"><input value="{get_token(request)}"></form>')


def _not_found(request):
    return HttpResponse("gone", status=404)


def _private(request):
    response = HttpResponse("private")
    response["Cache-Control"] = "private"
    return response


counter = {"n": 0}


def _counting(request):
    counter["n"] += 1
    return HttpResponse(f"render {counter['n']}")


def _declares(request):
    """A page that knows one parameter, ``a``, and says so (as the finder's pages do)."""
    counter["n"] += 1
    known = [("a", request.GET["a"])] if request.GET.get("a") else []
    return store_as(HttpResponse(f"render {counter['n']}"), "&".join(f"{k}={v}" for k, v in known))


def _slow(request):
    counter["n"] += 1
    body = f"render {counter['n']}"
    time.sleep(0.3)
    return HttpResponse(body)


urlpatterns = [
    path("plain/", _plain),
    path("cookie/", _sets_cookie),
    path("form/", _csrf_form),
    path("missing/", _not_found),
    path("private/", _private),
    path("counting/", _counting),
    path("declares/", _declares),
    path("slow/", _slow),
]
TEST_URLS = override_settings(ROOT_URLCONF=__name__)


@pytest.fixture
def case_study():
    return CaseStudyFactory(slug="solutions-from-sussex", title="Solutions from Sussex")


def test_second_anonymous_get_is_served_from_the_cache(client, case_study):
    first = client.get(case_study.get_absolute_url())
    second = client.get(case_study.get_absolute_url())
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert first.content == second.content
    assert b"Solutions from Sussex" in second.content


def test_a_cache_hit_makes_no_sql_queries(client, case_study, django_assert_num_queries):
    client.get(case_study.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(case_study.get_absolute_url())["X-Cache"] == "HIT"


def test_head_is_answered_from_the_cached_get(client, case_study):
    client.get(case_study.get_absolute_url())
    assert client.head(case_study.get_absolute_url())["X-Cache"] == "HIT"


def test_content_changed_bumps_now_and_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        content_changed()
        during = content_generation()
    assert during > before
    assert callbacks and content_generation() > during


def test_a_plain_save_leaves_the_cache_to_the_write_paths(client, case_study):
    """Models do not invalidate (STYLE.md: save() touches only its own row): the admin, the
    services and the loader call content_changed() (tests/curation/test_page_cache.py)."""
    before = content_generation()
    case_study.title = "Renamed in Sussex"
    case_study.save()
    case_study.themes.add(ThemeFactory())
    assert content_generation() == before


def test_a_load_that_changes_public_rows_shows_on_cached_pages(
    client, django_capture_on_commit_callbacks, tmp_path: Path
):
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "regions.yaml").write_text("regions:\n  - {slug: north, name: North}\n")
    client.get("/glossary/")
    assert client.get("/glossary/")["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        load_content(tmp_path)
    assert client.get("/glossary/")["X-Cache"] == "MISS"


def test_a_load_that_changes_nothing_keeps_the_cached_pages(
    client, django_capture_on_commit_callbacks, tmp_path: Path
):
    with django_capture_on_commit_callbacks(execute=True):
        load_content(tmp_path)
    client.get("/glossary/")
    with django_capture_on_commit_callbacks(execute=True):
        load_content(tmp_path)
    assert client.get("/glossary/")["X-Cache"] == "HIT"


def test_a_rolled_back_dry_run_does_not_need_to_invalidate(
    django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_content", path=str(tmp_path), dry_run=True, verbosity=0)
    assert callbacks == []


def test_staff_pages_are_neither_served_from_nor_stored_in_the_cache(
    client, admin_user, case_study
):
    url = case_study.get_absolute_url()
    client.get(url)  # anonymous copy stored
    client.force_login(admin_user)
    response = client.get(url)
    assert "X-Cache" not in response
    client.logout()
    assert client.get(url)["X-Cache"] == "HIT"


def test_an_anonymous_post_cannot_flush_the_cache(client, case_study):
    before = content_generation()
    client.post("/admin/login/", {"username": "x", "password": "y"})
    assert content_generation() == before


def test_admin_pages_are_never_cached(client):
    client.get("/admin/login/")
    assert "X-Cache" not in client.get("/admin/login/")


@TEST_URLS
@pytest.mark.parametrize("url", ["/cookie/", "/form/", "/missing/", "/private/"])
def test_personal_or_failed_responses_are_not_stored(client, url):
    client.get(url)
    response = client.get(url)
    assert response.get("X-Cache") in (None, "MISS")
    assert "X-Cache" not in response or response["X-Cache"] != "HIT"


@TEST_URLS
def test_a_csrf_form_page_is_rendered_afresh_with_its_cookie(client):
    client.get("/form/")
    response = client.get("/form/")
    assert "csrftoken" in response.cookies


@TEST_URLS
def test_query_strings_a_page_knows_are_cached_separately(client):
    counter["n"] = 0
    client.get("/declares/?a=1")
    assert client.get("/declares/?a=2").content == b"render 2"
    assert client.get("/declares/?a=1").content == b"render 1"


@TEST_URLS
def test_a_page_that_declares_nothing_is_stored_only_without_parameters(client):
    counter["n"] = 0
    client.get("/counting/")
    assert client.get("/counting/").content == b"render 1"
    assert client.get("/counting/?junk=1").content == b"render 2"
    assert client.get("/counting/?junk=1").content == b"render 3"
    assert client.get("/counting/?utm_source=mail").content == b"render 1"


@TEST_URLS
def test_gzip_is_served_to_clients_that_accept_it(client):
    plain = client.get("/plain/")
    zipped = client.get("/plain/", headers={"accept-encoding": "gzip, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)


@TEST_URLS
def test_a_current_browser_copy_gets_304_not_modified(client):
    etag = client.get("/plain/")["ETag"]
    response = client.get("/plain/", headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and "X-Frame-Options" in response
    assert response["X-Cache"] == "HIT" and "Accept-Encoding" in response["Vary"]
    content_changed()  # new content: the stored page, and so the ETag, is stale
    assert client.get("/plain/", headers={"if-none-match": etag}).status_code == 200


@TEST_URLS
def test_if_none_match_follows_rfc_9110(client):
    """Django's precondition rules on the stored ETag: lists, "*", and If-Match."""
    etag = client.get("/plain/")["ETag"]
    assert client.get("/plain/", headers={"if-none-match": f'"other", {etag}'}).status_code == 304
    assert client.get("/plain/", headers={"if-none-match": "*"}).status_code == 304
    assert client.get("/plain/", headers={"if-none-match": '"other"'}).status_code == 200
    assert client.get("/plain/", headers={"if-match": '"other"'}).status_code == 412


@TEST_URLS
def test_headers_set_by_inner_middleware_are_kept_on_hits(client):
    client.get("/plain/", secure=True)
    hit = client.get("/plain/", secure=True)
    assert hit["X-Cache"] == "HIT"
    assert "object-src 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert "camera=()" in hit["Permissions-Policy"]
    assert "max-age=" in hit["Strict-Transport-Security"]


def test_disallowed_hosts_are_refused_not_cached(client):
    client.raise_request_exception = False
    for _ in range(2):
        response = client.get("/glossary/", headers={"host": "evil.example"})
        assert response.status_code == 400 and "X-Cache" not in response


def _get_in_parallel(url, readers=2):
    """``readers`` anonymous readers asking for ``url`` at once; their responses."""
    responses = [None] * readers

    def read(i):
        responses[i] = Client().get(url)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    return responses


@TEST_URLS
def test_readers_arriving_together_get_one_render(settings):
    counter["n"] = 0
    first, second = _get_in_parallel("/slow/")
    assert counter["n"] == 1
    assert first.content == second.content == b"render 1"
    assert {first["X-Cache"], second["X-Cache"]} == {"MISS", "HIT"}


@TEST_URLS
def test_a_reader_renders_itself_if_the_other_render_takes_too_long(settings):
    settings.PAGE_CACHE_WAIT_SECONDS = 0.05
    counter["n"] = 0
    first, second = _get_in_parallel("/slow/")
    assert counter["n"] == 2
    assert {first.content, second.content} == {b"render 1", b"render 2"}


@TEST_URLS
@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_page_cache_can_be_switched_off(client):
    counter["n"] = 0
    client.get("/counting/")
    assert client.get("/counting/").content == b"render 2"


@TEST_URLS
def test_an_evicted_generation_never_revives_old_pages(client):
    """A shared cache may evict the generation (Redis allkeys-lru): the generation it starts
    again from is new, so a reader never gets a page stored under an older one."""
    counter["n"] = 0
    client.get("/counting/")
    assert client.get("/counting/")["X-Cache"] == "HIT"
    cache.delete(GENERATION_KEY)  # what an eviction does
    response = client.get("/counting/")
    assert response["X-Cache"] == "MISS" and response.content == b"render 2"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("db://library_cache", "django.core.cache.backends.db.DatabaseCache"),
        ("locmem://", "core.memory_cache.BoundedMemoryCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_url_selects_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcached://127.0.0.1")


def test_sessions_do_not_live_in_a_per_process_cache(settings):
    assert settings.CACHE_URL.startswith("locmem") or settings.CACHE_IS_SHARED
    if not settings.CACHE_IS_SHARED:
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_templates_are_compiled_once_by_the_cached_loader():
    loaders = engines["django"].engine.template_loaders
    assert loaders[0].__class__.__module__ == "django.template.loaders.cached"
