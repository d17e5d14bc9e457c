"""The search on the real content (which must load: the test fails if not)."""

import pytest
from django.urls import reverse

from search.models import BestBet, Document
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


def test_the_libraries_own_synonyms_are_loaded_with_the_content(client):
    """fixtures/synonyms.yaml: e-consultation, online consultation and eConsult are one."""
    assert not any("e-consultation" in text for text in _page_texts())
    found = client.get(SEARCH, {"q": "e-consultations"}).context["finder"]
    urls = {result.url for result in found.object_list}
    assert {
        "/vanguards/better-local-care-hampshire/",  # says eConsult
        "/case-studies/consultation-example-13/",  # says online consultation
    } <= urls
    assert set(ranked("eConsult")) == set(ranked("online consultation"))


def test_spellings_with_and_without_a_hyphen_or_space_agree(client):
    assert set(ranked("superpartnership")) == set(ranked("super-partnership"))
    assert set(ranked("super practice")) == set(ranked("super-practice"))
    assert set(ranked("multi-disciplinary team")) >= set(ranked("multidisciplinary team"))


def _page_texts():
    rows = Document.objects.values_list("title", "summary", "body", "terms")
    return [" ".join(row).lower() for row in rows]


def test_every_recommended_page_in_the_content_is_published():
    published = set(Document.objects.values_list("url", flat=True))
    bets = list(BestBet.objects.values_list("searches", "url"))
    assert bets and [bet for bet in bets if bet[1] not in published] == []


def test_a_recommended_page_answers_a_question_the_words_do_not(client):
    first = client.get(SEARCH, {"q": "reduce GP workload"}).context["finder"].object_list[0]
    assert first.url == "/themes/new-roles/" and first.search_recommended
