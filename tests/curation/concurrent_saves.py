"""Two curators press Save on one case study at the same instant, many times over.

Run as a separate process (``python -m tests.curation.concurrent_saves ROUNDS``) against the
database in DATABASE_URL, which it migrates first: SQLite's locking needs a real database
file, which the test suite's in-memory database is not. Prints one JSON line per round.
"""

import json
import sys
import threading

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.admin_forms import change_url, form_data  # noqa: E402
from tests.factories import CaseStudyFactory, ThemeFactory, make_curator  # noqa: E402

CONFLICT = "Someone else changed this item while you were editing"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"  # as a password sign-in ends


def save(client, url, data, barrier, results, name):
    """One curator's Save, released at the same instant as the other's."""
    try:
        barrier.wait()
        response = client.post(url, data)
        text = response.content.decode() if response.status_code == 200 else ""
        results[name] = {"status": response.status_code, "conflict": CONFLICT in text}
    finally:
        connection.close()


def one_round(number, case, clients):
    url = change_url(case)
    forms = {name: form_data(client.get(url)) for name, client in clients.items()}
    barrier = threading.Barrier(len(clients))
    results = {}
    threads = [
        threading.Thread(
            target=save,
            args=(client, url, forms[name] | {"title": f"{name} {number}"}, barrier, results, name),
        )
        for name, client in clients.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main(rounds):
    setup_test_environment()
    # As the suite's own set-up does: pages render without collectstatic's manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    case = CaseStudyFactory(status="draft", themes=[ThemeFactory()])
    clients = {}
    for name, group in (("edna", "Editor"), ("percy", "Publisher")):
        client = Client(raise_request_exception=False)
        client.force_login(make_curator(name, group), backend=MODEL_BACKEND)
        clients[name] = client
    for number in range(rounds):
        print(json.dumps(one_round(number, case, clients)), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
