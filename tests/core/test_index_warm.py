"""After a publish commits, the writer builds the finders' facet indexes, not the next reader."""

import pytest
from django.urls import reverse

from core.cache import content_changed
from tests.factories import CaseStudyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_first_finder_request_after_a_publish_builds_nothing(
    client, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    theme = ThemeFactory(slug="new-roles")
    for i in range(5):
        CaseStudyFactory(title=f"Case {i}", themes=[theme])
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()  # what a publish does; its commit runs the warm-up
    # The page's own queries only (the index build alone is eight).
    with django_assert_max_num_queries(3):
        finder = client.get(reverse("casestudies:list"), {"theme": "new-roles"}).context["finder"]
    assert finder.total == 5
