"""The real library content from fixtures/, loaded once per test module and rolled back after.

Content writers are still finishing fixtures/; while the real content does not load, tests that
use this fixture are skipped with the loader's message (equivalent factory-data tests still run).
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction


@pytest.fixture(scope="module")
def real_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            call_command("load_content", verbosity=0)
        except CommandError as error:
            pytest.skip(f"the real content in fixtures/ does not load yet: {error}")
        yield
        transaction.set_rollback(True)
