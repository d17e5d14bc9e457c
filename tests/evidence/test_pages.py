"""Acceptance 3 and 4 on the real content: the evidence map, practices like mine, HIA pages."""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from guidance.models import HighImpactAction
from tests.real_content import real_content  # noqa: F401 - the module-scoped fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_the_evidence_map_is_a_table_of_actions_by_outcome_kind(client):
    html = client.get(reverse("pages:evidence")).content.decode()
    assert "<table" in html and 'scope="col">Hospital use<' in html
    assert "3. Reduce Did Not Attend (DNAs)" in html and "no measured outcome yet" in html
    assert "Practice pharmacist" in html and "Primary Care Home (PCH)" in html


def test_an_evidence_map_cell_links_the_finder_to_exactly_its_items(client):
    html = client.get(reverse("pages:evidence")).content.decode()
    assert "/vanguards/?hia=reduce-dnas&amp;outcome=access" in html
    results = client.get(
        "/vanguards/", {"hia": "reduce-dnas", "outcome": "access", "format": "json"}
    )
    slugs = [row["slug"] for row in results.json()["results"]]
    assert slugs == ["connected-care-partnership"]


def test_the_evidence_map_downloads_as_csv(client):
    response = client.get(reverse("pages:evidence"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Group,What a practice can do,Outcome")
    assert any("Reduce Did Not Attend" in line and ",Access,1," in line for line in lines)


def test_about_the_evidence_explains_every_level(client):
    html = client.get(reverse("pages:evidence-about")).content.decode()
    for level in range(5):
        assert f'id="level-{level}"' in html


def test_a_south_west_practice_that_cannot_recruit_sees_new_roles_case_studies_first(client):
    response = client.get(
        reverse("pages:like-mine"),
        {"region": "south-west", "population": "12000", "problem": "recruitment"},
    )
    assert response.status_code == 200
    matches = response.context["matches"]
    first = matches[:3]
    for match in first:
        themes = {t.slug for t in match.item.themes.all()}
        assert isinstance(match.item, CaseStudy) and "new-roles" in themes, match.item
        assert "same problem: recruitment" in match.reasons
    assert "same region" in first[0].reasons
    html = response.content.decode()
    assert "Why: same region" in html and "Did not match:" in html


def test_like_mine_works_without_a_query_and_rejects_nonsense(client):
    assert client.get(reverse("pages:like-mine")).status_code == 200
    assert client.get(reverse("pages:like-mine"), {"population": "lots"}).status_code == 400


def test_every_high_impact_action_page_lists_its_evidence(client):
    for hia in HighImpactAction.objects.published():
        html = client.get(hia.get_absolute_url()).content.decode()
        assert 'id="evidence"' in html
        linked = [*hia.case_studies.published(), *hia.vanguards.published()]
        for item in linked:
            assert item.get_absolute_url() in html, (hia.slug, item.slug)
        assert html.index('id="evidence"') < html.index("What Somerset planned")


def test_reduce_dnas_links_the_connected_care_partnership(client):
    html = client.get("/guidance/high-impact-actions/reduce-dnas/").content.decode()
    assert "/vanguards/connected-care-partnership/" in html and "72%" in html
    assert "Transformation of General Practice in Somerset" in html


def test_weak_links_from_the_content_review_are_gone():
    assert not CaseStudy.objects.filter(
        number=4, kind="case-study", high_impact_actions__slug="personal-productivity"
    ).exists()
    assert not CaseStudy.objects.filter(
        number=12, kind="case-study", high_impact_actions__slug="develop-qi-expertise"
    ).exists()
    assert not CaseStudy.objects.filter(
        number=9, kind="case-study", high_impact_actions__slug="new-consultation-types"
    ).exists()


def test_finders_filter_by_evidence_level(client):
    response = client.get("/case-studies/", {"evidence": "3", "format": "json"})
    slugs = {row["slug"] for row in response.json()["results"]}
    assert "growth-in-gateshead" in slugs and "pharmacy-to-the-fore" not in slugs
