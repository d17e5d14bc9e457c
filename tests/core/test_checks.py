"""The production check: no DEBUG-off start on a per-process cache (issue 17, item 3)."""

from django.test import override_settings

from core.checks import check_shared_content_generation
from tests.core.test_settings import PROD_ENV, run_manage

LOCMEM = {"default": {"BACKEND": "core.memory_cache.BoundedMemoryCache", "LOCATION": "t"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
}


@override_settings(DEBUG=False, CACHES=LOCMEM)
def test_per_process_cache_with_debug_off_is_an_error():
    errors = check_shared_content_generation()
    assert [error.id for error in errors] == ["library.E001"]
    assert "per-process" in errors[0].msg
    assert "CACHE_URL=redis://" in errors[0].hint


@override_settings(DEBUG=False, CACHES=REDIS)
def test_shared_cache_with_debug_off_passes():
    assert check_shared_content_generation() == []


@override_settings(DEBUG=True, CACHES=LOCMEM)
def test_development_may_use_the_memory_cache():
    assert check_shared_content_generation() == []


def test_check_deploy_reports_it():
    result = run_manage("check", "--deploy", env=PROD_ENV | {"CACHE_URL": "locmem://"})
    assert result.returncode != 0
    assert "library.E001" in result.stderr + result.stdout
    assert "per-process" in result.stderr + result.stdout
