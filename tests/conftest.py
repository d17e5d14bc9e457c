"""Shared test set-up, and the fixtures every test may ask for (``real_content``, ``seeds_dir``)."""

import os
import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection

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


@pytest.fixture
def fresh_database_url(tmp_path):
    """A new, empty database of the kind this suite runs on (a SQLite file, or a new PostgreSQL
    database on the suite's server), for tests whose work runs in another process; dropped after."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    db = settings.DATABASES["default"]
    server = {k: db[k.upper()] for k in ("host", "port", "user", "password") if db.get(k.upper())}
    name = f"fresh_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    yield f"postgres://{auth}@{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def production_env(fresh_database_url):
    """The environment of a production-like process (DEBUG off) on ``fresh_database_url``."""
    return os.environ | {
        "DATABASE_URL": fresh_database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "separate-process-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
