"""The checklist index uses the shared finder: audience, kind and theme facets."""

import pytest
from django.urls import reverse

from tests.factories import AudienceFactory, ChecklistFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = reverse("guidance:checklist-list")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def checklists():
    ccgs = AudienceFactory(slug="ccgs", name="CCGs")
    practices = AudienceFactory(slug="gp-practices", name="GP practices")
    theme = ThemeFactory(slug="new-roles", name="New roles")
    one = ChecklistFactory(title="Tips for CCGs", kind="tips")
    one.audiences.add(ccgs)
    two = ChecklistFactory(title="Steps for practices", kind="practical-steps")
    two.audiences.add(practices)
    two.themes.add(theme)
    three = ChecklistFactory(title="Questions for both", kind="questions")
    three.audiences.add(ccgs, practices)
    ChecklistFactory(title="Embedded list", standalone=False)
    return [one, two, three]


def test_facets_filter_the_index(client, checklists):
    response = client.get(URL, {"audience": "ccgs", "kind": ["tips", "questions"]})
    assert response.status_code == 200
    titles = [c.title for c in response.context["checklists"]]
    assert sorted(titles) == ["Questions for both", "Tips for CCGs"]
    finder = response.context["finder"]
    audience = next(s for s in finder.facets if s.name == "audience")
    assert {o.value: o.count for o in audience.options} == {"ccgs": 2, "gp-practices": 1}
    html = response.content.decode()
    assert "2 checklists, filtered by Audience: CCGs; Kind of list: Tips or Questions." in html


def test_theme_facet_and_unknown_values(client, checklists):
    response = client.get(URL, {"theme": ["new-roles", "nope"]})
    assert [c.title for c in response.context["checklists"]] == ["Steps for practices"]
    assert "We ignored “nope” for Theme" in response.content.decode()


def test_exports(client, checklists):
    data = client.get(URL, {"format": "json", "audience": "gp-practices"}).json()
    assert sorted(row["title"] for row in data["results"]) == [
        "Questions for both",
        "Steps for practices",
    ]


def test_checklist_index_queries_are_constant(client, checklists, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"audience": "ccgs", "q": "tips"}).status_code == 200
