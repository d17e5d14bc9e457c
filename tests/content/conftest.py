"""Load the real library content once for the whole module, roll it back afterwards."""

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def real_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_content", verbosity=0)
            yield
            transaction.set_rollback(True)
