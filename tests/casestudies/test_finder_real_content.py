"""Acceptance 1 on the real content: every book section's case studies appear under its theme."""

import pytest
from django.urls import reverse

from tests.real_content import real_content  # noqa: F401 - the module-scoped fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

# The book's four sections: the theme each introduces and its case study numbers.
SECTIONS = {
    "new-roles": range(1, 6),
    "operating-at-scale": range(6, 9),
    "new-models-of-care": range(9, 14),
    "ccg-support": range(14, 17),
}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def numbers(client, theme):
    response = client.get(
        reverse("casestudies:list"), {"theme": theme, "kind": "case-study", "format": "json"}
    )
    return {row["number"] for row in response.json()["results"]}


def test_new_roles_case_studies_include_all_five_of_section_one(client):
    assert set(range(1, 6)) <= numbers(client, "new-roles")


@pytest.mark.parametrize("theme", SECTIONS)
def test_each_sections_case_studies_appear_under_its_theme(client, theme):
    assert set(SECTIONS[theme]) <= numbers(client, theme)


def test_finder_on_real_content_stays_within_the_query_budget(
    client, django_assert_max_num_queries
):
    query = {
        "theme": "new-roles",
        "q": "paramedic",
        "items": "solutions-from-sussex,developments-in-devon",
    }
    # The first request after a content change builds the facet index and reads the search's
    # synonyms and vocabulary (once per generation, tests/core/test_facet_index.py).
    client.get(reverse("casestudies:list"), {"q": "paramedic"})
    with django_assert_max_num_queries(8):
        response = client.get(reverse("casestudies:list"), query)
    assert response.status_code == 200
