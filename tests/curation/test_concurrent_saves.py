"""Acceptance 1 of issue 15: two sessions save one item at the same instant, 20 times; never a
server error, one winner each time, and the other curator sees the conflict page.

The saves run in a separate process against a real database of the suite's own kind (a SQLite
file, or a new PostgreSQL database), because SQLite's locking cannot be seen in the suite's
in-memory database; run the suite on both databases to cover both.
"""

import json
import subprocess
import sys

from django.conf import settings
from django.db import connection

ROUNDS = 20


def test_simultaneous_saves_never_fail_and_one_curator_sees_the_conflict(production_env):
    run = subprocess.run(
        [sys.executable, "-m", "tests.curation.concurrent_saves", str(ROUNDS)],
        cwd=settings.BASE_DIR,
        env=production_env,
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
