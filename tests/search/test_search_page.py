"""/search/: every kind at once in one ranked list, a kind facet; bad input never fails."""

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
    publish_changes,
)

pytestmark = pytest.mark.django_db

URL = reverse("pages:search")


def test_every_kind_in_one_ranked_list_with_a_kind_facet(client):
    CaseStudyFactory(title="Social prescribing in Gateshead", summary="Social prescribing.")
    ConsultationExampleFactory(title="A link worker", summary="Social prescribing, link worker.")
    VanguardSiteFactory(name="Wellbeing site", summary="Social prescribing at scale.")
    ChecklistFactory(title="Social prescribing checklist")
    HighImpactActionFactory(number=8, name="Social prescribing", summary="Refer to community.")
    ConsultationAreaFactory(title="Social prescribing and prevention")
    GlossaryTermFactory(term="SP", expansion="Social prescribing")
    CaseStudyFactory(title="Unrelated", summary="Payroll.")
    publish_changes()
    response = client.get(URL, {"q": "social prescribing"})
    finder = response.context["finder"]
    html = response.content.decode()
    labels = [result.kind_label for result in finder.object_list]
    assert sorted(labels) == [
        "Case study",
        "Checklist",
        "Consultation example",
        "Consultation question area",
        "Glossary term",
        "High Impact Action",
        "Vanguard site",
    ]
    kind = next(facet for facet in finder.facets if facet.name == "kind")
    assert {o.label: o.count for o in kind.options if o.count} == dict.fromkeys(labels, 1)
    assert "Unrelated" not in html and "<mark>" in html
    assert '<p class="nhsuk-heading-s nhsuk-u-margin-bottom-2" role="status"' in html
    narrowed = client.get(URL, {"q": "social prescribing", "kind": "checklist"}).context
    assert [r.kind_label for r in narrowed["finder"].object_list] == ["Checklist"]


def test_twenty_results_a_page(client):
    for i in range(25):
        CaseStudyFactory(title=f"Paramedic {i}", summary="paramedic")
    publish_changes()
    finder = client.get(URL, {"q": "paramedic"}).context["finder"]
    assert len(finder.object_list) == 20 and finder.total == 25 and finder.next_url


@pytest.mark.parametrize("q", ["", "   ", "!!!", "x" * 500, "a\x00b", '"', "%"])
def test_empty_long_and_odd_queries_are_fine(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200


def test_a_long_query_is_cut_with_a_message(client):
    html = client.get(URL, {"q": "paramedic " * 60}).content.decode()
    assert "Your search was too long" in html


@pytest.mark.parametrize("n", [10, 60])
def test_search_page_queries_are_constant(client, django_assert_max_num_queries, n):
    for i in range(n):
        CaseStudyFactory(title=f"Paramedic {i}", summary="paramedic")
        VanguardSiteFactory(summary="paramedic")
    publish_changes()
    # The first search after a content change also builds the index's facet bitsets and reads
    # the synonyms and vocabulary (constant); the page's own queries are measured here.
    client.get(URL, {"q": "paramedic"})
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "paramedic team"})
    assert response.context["finder"].total == 2 * n


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


def test_a_search_for_an_abbreviation_says_what_it_stands_for_above_the_results(client):
    GlossaryTermFactory(term="MDT", slug="mdt", expansion="Multidisciplinary team")
    GlossaryTermFactory(term="A&E", slug="a-and-e", expansion="Accident & <emergency>")
    GlossaryTermFactory(term="Social prescribing", expansion="", definition="Referring.")
    CaseStudyFactory(title="Team work", summary="A weekly MDT meeting.")
    publish_changes()
    for text in ("MDT", "mdts", "multidisciplinary team", "Multi-disciplinary teams"):
        html = client.get(URL, {"q": text}).content.decode()
        box = html.split('class="nhsuk-inset-text library-definition">')[1].split("</div>")[0]
        assert "<strong>MDT</strong> stands for Multidisciplinary team." in box, text
        assert 'href="/glossary/#mdt"' in box
        assert html.index("library-definition") < html.index("library-cards")
    html = client.get(URL, {"q": "A&E"}).content.decode()
    assert "<strong>A&amp;E</strong> stands for Accident &amp; &lt;emergency&gt;." in html
    for text in ("MDT meeting", "team", "weekly", "social prescribing"):
        assert "library-definition" not in client.get(URL, {"q": text}).content.decode(), text
