"""Curators and their signed-in clients (the shared helpers: tests/factories.py and
tests/admin_forms.py)."""

import pytest
from django.core.cache import cache

from tests.factories import make_curator


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Curators' passwords are hashed once per test; the slow production hasher is not needed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return make_curator("edna", "Editor")


@pytest.fixture
def publisher(db):
    return make_curator("percy", "Publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client
