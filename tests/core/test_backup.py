"""Backups: `make backup` then `make restore` into an empty database gives back every item."""

import datetime
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings

from core import registry
from tests.factories import CaseStudyFactory, ChecklistItemFactory, ThemeFactory

ROOT = Path(settings.BASE_DIR)
BACKUP_APPS = registry.backup_apps()  # what make backup dumps (Makefile PRINT_BACKUP_APPS)


def backed_up_models():
    labels = {a for a in BACKUP_APPS if "." not in a}
    models = {m for m in apps.get_models() if m._meta.app_label in labels}
    models |= {apps.get_model(a) for a in BACKUP_APPS if "." in a}
    return models


def dump(path):
    call_command(
        "dumpdata", *BACKUP_APPS, natural_foreign=True, indent=1, output=str(path), verbosity=0
    )
    return json.loads(Path(path).read_text())


def empty_backed_up_tables():
    tables = set()
    for model in backed_up_models():
        tables.add(model._meta.db_table)
        tables |= {f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending checks
        for sql in connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=True):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as in a fresh transaction


@pytest.fixture
def library(db, admin_user):
    call_command("load_content", verbosity=0)
    theme = ThemeFactory(slug="backup-theme")
    case = CaseStudyFactory(slug="backup-case", number=999, themes=[theme], tags=["backups"])
    case.title = "Edited, so it has history"
    case.updated_by = admin_user
    case.save()
    ChecklistItemFactory(checklist__slug="backup-steps")
    return case


def test_every_content_model_is_backed_up():
    names = {m._meta.label for m in backed_up_models()}
    for label in (
        "casestudies.CaseStudy",
        "casestudies.HistoricalCaseStudy",
        "core.Source",
        "guidance.Checklist",
        "guidance.ChecklistItem",
        "vanguards.VanguardSite",
        "taggit.TaggedItem",
        "auth.User",
    ):
        assert label in names


def test_a_restore_into_an_empty_database_reproduces_every_item(library, tmp_path):
    before = dump(tmp_path / "backup.json")
    history = library.history.count()
    assert len(before) > 400
    empty_backed_up_tables()
    assert all(not m._default_manager.exists() for m in backed_up_models())
    with override_settings(SIMPLE_HISTORY_ENABLED=False):  # as make restore does
        call_command("loaddata", str(tmp_path / "backup.json"), verbosity=0)
    dump(tmp_path / "again.json")
    assert by_key(tmp_path / "again.json") == by_key(tmp_path / "backup.json")
    restored = apps.get_model("casestudies.CaseStudy").objects.get(slug="backup-case")
    assert list(restored.tags.names()) == ["backups"]
    assert restored.history.count() == history


TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+Z$")


def _same_instant(value):
    """JSON backups keep milliseconds: '…:14Z' and '…:14.000Z' are the same time."""
    if isinstance(value, str) and TIMESTAMP.match(value):
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.isoformat(timespec="milliseconds")
    return value


def by_key(path):
    """A dump as {(model, pk): fields}: the same rows, whatever order they were written in."""
    rows = json.loads(Path(path).read_text())
    return {
        (row["model"], row["pk"]): {k: _same_instant(v) for k, v in row["fields"].items()}
        for row in rows
    }


def make(target, env, **extra):
    """Run a make target as a curator would, but never reinstall the virtualenv mid-test.

    `-o install`: a pyproject.toml newer than .venv/.installed (someone edited it) would make
    `install` run pip inside the test, slowly and sometimes failing, and repoint the shared venv.
    """
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "install", target]
        + [f"{k}={v}" for k, v in extra.items()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def command_env(database_url, backup_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(DATABASE_URL=database_url, BACKUP_DIR=str(backup_dir), DJANGO_DEBUG="1")
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path of make backup")
def test_make_backup_and_restore_on_sqlite_files(tmp_path):
    source = command_env(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "backups")
    manage(source, "migrate", "--noinput")
    manage(source, "load_content")
    result = make("backup", source)
    assert result.returncode == 0, result.stderr
    (backup,) = (tmp_path / "backups").glob("library-*.json")
    target = command_env(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "backups")
    result = make("restore", target, FILE=backup)
    assert result.returncode == 0, result.stderr
    make("backup", target)
    first, second = sorted((tmp_path / "backups").glob("library-*.json"))
    assert by_key(first) == by_key(second)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pg_dump path of make backup")
def test_make_backup_and_restore_on_postgresql(tmp_path):
    call_command("load_content", verbosity=0)
    CaseStudyFactory(slug="pg-backup-case", number=999, tags=["backups"])
    params = connection.settings_dict
    base = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    live = command_env(f"{base}/{params['NAME']}", tmp_path / "backups")
    result = make("backup", live)
    assert result.returncode == 0, result.stderr
    (backup,) = (tmp_path / "backups").glob("library-*.pgdump")
    empty = f"gplib_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{empty}"')
    try:
        target = command_env(f"{base}/{empty}", tmp_path / "backups")
        result = make("restore", target, FILE=backup)
        assert result.returncode == 0, result.stderr
        for table in (
            "casestudies_casestudy",
            "taggit_taggeditem",
            "guidance_checklistitem",
            "vanguards_vanguardsite",
            "core_glossaryterm",
        ):
            counts = [
                subprocess.run(
                    ["psql", url, "-Atc", f"SELECT count(*) FROM {table}"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
                for url in (f"{base}/{params['NAME']}", f"{base}/{empty}")
            ]
            assert counts[0] == counts[1] != "0", table
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')
