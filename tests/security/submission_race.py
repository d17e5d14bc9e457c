"""30 anonymous posts of the story form from one address at the same instant.

Run as a separate process (``python -m tests.security.submission_race POSTS``) against the
database in DATABASE_URL, which it migrates first: SQLite's locking needs a real database
file. Prints one JSON line: the status of every post and the drafts saved.
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

from casestudies.models import CaseStudy  # noqa: E402

STORY = {
    "organisation": "Riverside Surgery",
    "place": "Exeter",
    "contact_email": "pm@example.org",
    "what_they_did": "We trained two receptionists as care navigators for the practice.",
    "impact": "Fewer routine GP appointments each week.",
    "figures": "",
}


def post(barrier, statuses, index):
    client = Client(raise_request_exception=False)
    try:
        barrier.wait()
        statuses[index] = client.post("/case-studies/submit/", STORY).status_code
    finally:
        connection.close()


def main(posts):
    setup_test_environment()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0, interactive=False)
    barrier = threading.Barrier(posts)
    statuses = [None] * posts
    threads = [threading.Thread(target=post, args=(barrier, statuses, i)) for i in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = sorted(CaseStudy.objects.values_list("number", flat=True))
    print(json.dumps({"statuses": statuses, "numbers": numbers}), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
