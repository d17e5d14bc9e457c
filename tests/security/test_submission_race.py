"""Issue 16 item 5: the submission limit cannot be raced, and numbering never gives a 500.

The posts run in a separate process against a real database of the suite's own kind (a
SQLite file, or a new PostgreSQL database): run the suite on both databases to cover both.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from casestudies.models import CaseStudy
from core.cache import content_generation
from curation import views
from curation.services import TryAgain
from tests.security.submission_race import STORY

POSTS = 30
LIMIT = 3


@pytest.mark.parametrize("cache_url", ["locmem://", "db://library_cache"])
def test_thirty_parallel_posts_save_exactly_the_limit_and_never_fail(production_env, cache_url):
    env = production_env | {
        "CACHE_URL": cache_url,
        "LIBRARY_SUBMISSION_RATE_LIMIT": str(LIMIT),
    }
    if cache_url.startswith("db:"):
        made = subprocess.run(
            [sys.executable, "manage.py", "createcachetable"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert made.returncode == 0, made.stderr[-2000:]
    run = subprocess.run(
        [sys.executable, "-m", "tests.security.submission_race", str(POSTS)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    statuses = result["statuses"]
    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(302) == LIMIT, statuses
    assert set(statuses) <= {302, 429}, statuses
    assert result["numbers"] == [1001, 1002, 1003]


@pytest.mark.django_db
def test_a_submission_leaves_every_cached_public_page_alone(client):
    before = content_generation()
    client.post(reverse("submit-story"), STORY)  # the first creates the submissions' source
    after_first = content_generation()
    response = client.post(reverse("submit-story"), STORY, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302
    assert content_generation() == after_first >= before
    assert CaseStudy.objects.filter(status="draft").count() == 2


@pytest.mark.django_db
def test_a_form_with_errors_gives_its_allowance_back(client, settings):
    settings.SUBMISSION_RATE_LIMIT = 1
    assert client.post(reverse("submit-story"), {**STORY, "impact": "short"}).status_code == 400
    assert client.post(reverse("submit-story"), STORY).status_code == 302
    assert client.post(reverse("submit-story"), STORY).status_code == 429


@pytest.mark.django_db
def test_a_busy_database_is_a_friendly_try_again_page(client, monkeypatch):
    def busy(**kwargs):
        raise TryAgain("busy")

    monkeypatch.setattr(views, "create_submission", busy)
    response = client.post(reverse("submit-story"), STORY)
    assert response.status_code == 503 and response["Retry-After"]
    html = response.content.decode()
    assert "please send it again" in html and "Riverside Surgery" in html
