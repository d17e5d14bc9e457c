"""The search on the real content (which must load: the test fails if not)."""

import pytest
from django.urls import reverse

from tests.finding import ranked

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_content")]

SEARCH = reverse("pages:search")


def first_result(client, text):
    return client.get(SEARCH, {"q": text}).context["finder"].object_list[0]


def test_social_prescribing_ranks_gateshead_first_in_the_finder_and_site_search(client):
    assert ranked("social prescribing")[0] == "growth-in-gateshead"
    finder = client.get(reverse("casestudies:list"), {"q": "social prescribing"}).context["finder"]
    assert finder.object_list[0].slug == "growth-in-gateshead"


def test_paramedic_finds_sussex_and_devon():
    assert {"solutions-from-sussex", "developments-in-devon"} <= set(ranked("paramedic"))


def test_a_typo_is_corrected(client):
    finder = client.get(SEARCH, {"q": "phsyiotherapy"}).context["finder"]
    assert finder.search_notes[0].text == "Showing results for “physiotherapy”."
    assert "hands-on-in-hampshire" in ranked("phsyiotherapy")[:3]


def test_an_acronym_finds_what_it_stands_for(client):
    assert first_result(client, "MDT").url.endswith("#mdt")
    assert set(ranked("multidisciplinary team")) <= set(ranked("MDT"))


def test_plurals_and_hyphenated_plurals(client):
    assert set(ranked("merger")) == set(ranked("mergers"))
    assert client.get(SEARCH, {"q": "super-practices"}).context["finder"].total > 0


def test_partial_matches_rather_than_nothing(client):
    finder = client.get(SEARCH, {"q": "cannot recruit GPs"}).context["finder"]
    assert finder.total > 0
