"""Shared test set-up, and the fixtures every test may ask for (``real_content``, ``seeds_dir``)."""

import pytest
from django.core.cache import caches

from finder import index as facet_index
from tests.real_content import real_content, seeds_dir  # noqa: F401 - fixtures for every test


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, so no cached page leaks from one test to another."""
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches():
    for cache in caches.all():
        cache.clear()
    facet_index.clear()
