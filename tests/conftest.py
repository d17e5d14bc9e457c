"""Shared test set-up."""

import pytest


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
    from django.core.cache import caches

    from finder import index as facet_index

    for cache in caches.all():
        cache.clear()
    facet_index.clear()
    yield
    for cache in caches.all():
        cache.clear()
    facet_index.clear()
