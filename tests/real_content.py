"""The real library content from fixtures/, loaded once per test module and rolled back after.

fixtures/ is part of the project, so a test that needs it fails when it does not load, naming
the file and field the loader refused (a skip would hide a broken library). tests/conftest.py
makes the fixture available to every test as ``real_content``.
"""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction


@pytest.fixture(scope="module")
def real_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        problem = _load_problem()
        if problem:
            pytest.fail(f"the real content in {settings.CONTENT_DIR} does not load: {problem}")
        yield
        transaction.set_rollback(True)


def _load_problem():
    """The loader's message when fixtures/ does not load (outside the except: a short report)."""
    try:
        call_command("load_content", verbosity=0)
    except CommandError as error:
        return str(error)
    return None


@pytest.fixture(scope="session")
def seeds_dir():
    """The source documents (../shared/seeds, or LIBRARY_SEEDS_DIR): part of the workplace."""
    seeds = settings.SEEDS_DIR
    if not seeds.is_dir() or not any(seeds.iterdir()):
        pytest.fail(
            f"the source documents are missing: no files in {seeds} "
            "(the workplace's shared/seeds folder, or set LIBRARY_SEEDS_DIR)",
            pytrace=False,
        )
    return seeds
