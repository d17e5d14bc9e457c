"""/search/: every content type at once, grouped by type; bad input never fails."""

import pytest
from django.urls import reverse

from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ConsultationAreaFactory,
    ConsultationExampleFactory,
    GlossaryTermFactory,
    HighImpactActionFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("pages:search")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_every_content_type_is_searched_and_grouped(client):
    CaseStudyFactory(title="Social prescribing in Gateshead", summary="Social prescribing.")
    ConsultationExampleFactory(title="A link worker", summary="Social prescribing, link worker.")
    VanguardSiteFactory(name="Wellbeing site", summary="Social prescribing at scale.")
    ChecklistFactory(title="Social prescribing checklist")
    HighImpactActionFactory(number=8, name="Social prescribing", summary="Refer to community.")
    ConsultationAreaFactory(title="Social prescribing and prevention")
    GlossaryTermFactory(term="SP", expansion="Social prescribing")
    CaseStudyFactory(title="Unrelated", summary="Payroll.")
    response = client.get(URL, {"q": "social prescribing"})
    html = response.content.decode()
    titles = [group.title for group in response.context["found"]]
    assert titles == [
        "Case studies",
        "Consultation examples",
        "Vanguard sites",
        "Checklists",
        "High Impact Actions",
        "Consultation question areas",
        "Glossary",
    ]
    assert all(group.total == 1 for group in response.context["found"])
    assert "Unrelated" not in html
    assert "<mark>" in html
    assert 'role="status"' in html


@pytest.mark.parametrize("q", ["", "   ", "!!!", "x" * 500, "a\x00b", '"', "%"])
def test_empty_long_and_odd_queries_are_fine(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200


def test_a_long_query_is_cut_with_a_message(client):
    html = client.get(URL, {"q": "paramedic " * 60}).content.decode()
    assert "Your search was too long" in html


def test_search_page_queries_are_constant(client, django_assert_max_num_queries):
    for i in range(30):
        CaseStudyFactory(title=f"Paramedic {i}", summary="paramedic")
        VanguardSiteFactory(summary="paramedic")
    # The first request after a content change also builds each finder's facet index
    # (constant: tests/core/test_facet_index.py); the page's own queries are measured here.
    for name in ("casestudies:list", "vanguards:list", "guidance:checklist-list"):
        client.get(reverse(name))
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"q": "paramedic"})
    groups = {group.title: group for group in response.context["found"]}
    assert groups["Case studies"].total == 30
    assert len(groups["Case studies"].results) == 10
    assert "kind=case-study" in groups["Case studies"].more_url


def test_home_page_search_box_goes_to_site_search(client):
    html = client.get(reverse("pages:home")).content.decode()
    assert f'action="{URL}"' in html


def test_the_header_search_on_every_page_searches_the_whole_library(client):
    html = client.get(reverse("vanguards:list")).content.decode()
    assert f'<form class="library-search-form" action="{URL}"' in html


def test_home_shows_themes_with_counts_the_ten_hias_and_recent_items(client):
    from tests.factories import ThemeFactory

    theme = ThemeFactory(name="New roles", description="Widening the practice team.")
    CaseStudyFactory(title="Recent one", themes=[theme])
    ConsultationExampleFactory(themes=[theme])
    VanguardSiteFactory(name="Recent site")
    for number in range(1, 11):
        HighImpactActionFactory(number=number, name=f"Action {number}")
    html = client.get(reverse("pages:home")).content.decode()
    assert "Widening the practice team." in html
    assert "1 case study and 1 example" in html
    assert html.count('<li value="') == 10
    assert "Recent one" in html and "Recent site" in html
