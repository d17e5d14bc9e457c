"""Acceptance 1 of issue 15: two sessions save one item at the same instant, 20 times; never a
server error, one winner each time, and the other curator sees the conflict page.

The saves run in a separate process against a real database of the suite's own kind (a SQLite
file, or a new PostgreSQL database), because SQLite's locking cannot be seen in the suite's
in-memory database; run the suite on both databases to cover both.
"""

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROUNDS = 20


@pytest.fixture
def database_url(tmp_path):
    """A new, empty database of the kind this suite runs on, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'concurrent.sqlite3'}"
        return
    db = settings.DATABASES["default"]
    server = {k: db[k.upper()] for k in ("host", "port", "user", "password") if db.get(k.upper())}
    name = f"concurrent_saves_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    yield f"postgres://{auth}@{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_simultaneous_saves_never_fail_and_one_curator_sees_the_conflict(database_url):
    env = os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "concurrent-saves-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.curation.concurrent_saves", str(ROUNDS)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    rounds = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(rounds) == ROUNDS, run.stdout[-2000:]
    for number, results in enumerate(rounds):
        statuses = sorted(r["status"] for r in results.values())
        assert statuses == [200, 302], f"round {number} ({connection.vendor}): {results}"
        loser = next(r for r in results.values() if r["status"] == 200)
        assert loser["conflict"], f"round {number}: the other save did not see the conflict"
