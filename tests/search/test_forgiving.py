"""Forgiving queries, in a small library written like the real one."""

import pytest
from django.urls import reverse

from finder.search import highlight, parse_query
from finder.search.base import MARK_END, MARK_START, plain_snippet
from finder.search.query import read
from tests.factories import (
    CaseStudyFactory,
    GlossaryTermFactory,
    SynonymFactory,
    ThemeFactory,
    publish_changes,
)
from tests.finding import ranked

pytestmark = pytest.mark.django_db

URL = reverse("casestudies:list")
SEARCH = reverse("pages:search")


@pytest.fixture
def library():
    theme = ThemeFactory(slug="new-roles")
    made = {
        "gateshead": CaseStudyFactory(
            slug="growth-in-gateshead",
            title="Growth in Gateshead",
            strapline="Working with patients to introduce social prescribing",
            summary="How a Gateshead practice introduced social prescribing with its patients.",
            approach="The practice's patient group ran the social prescribing scheme.",
            themes=[theme],
        ),
        "nottinghamshire": CaseStudyFactory(
            slug="novel-in-nottinghamshire",
            title="Novel in Nottinghamshire",
            summary="A primary care home that cut prescribing spend.",
            approach="They invited voluntary sector and social care partners in.",
        ),
        "sussex": CaseStudyFactory(
            slug="solutions-from-sussex",
            title="Solutions from Sussex",
            strapline="Creating a GP practice team of paramedics",
            summary="A Paramedic Practitioner grew a small paramedic team.",
        ),
        "devon": CaseStudyFactory(
            slug="developments-in-devon",
            title="Developments in Devon",
            strapline="Creating a duty team of a pharmacist, a paramedic and an ANP",
            summary="A duty team in one surgery, with a physiotherapy clinic.",
        ),
        "birmingham": CaseStudyFactory(
            slug="big-in-birmingham",
            title="Big in Birmingham",
            summary="A super-partnership of practices sharing a back office.",
        ),
        "online": CaseStudyFactory(
            slug="online-first",
            title="Online first",
            summary="Patients book an online consultation before they phone.",
        ),
    }
    GlossaryTermFactory(term="ANP", expansion="Advanced nurse practitioner")
    publish_changes()
    return made


def test_social_prescribing_ranks_gateshead_first(library):
    assert ranked("social prescribing")[0] == "growth-in-gateshead"


def test_a_typo_is_corrected_and_the_page_says_so(client, library):
    assert ranked("phsyiotherapy") == ["developments-in-devon"]
    html = client.get(SEARCH, {"q": "phsyiotherapy"}).content.decode()
    assert "Showing results for “physiotherapy”." in html
    assert "Search instead for “phsyiotherapy”" in html and "exact=1" in html
    exact = client.get(SEARCH, {"q": "phsyiotherapy", "exact": "1"}).context["finder"]
    assert exact.total == 0


def test_plurals_and_hyphens_are_one_word(library):
    assert "solutions-from-sussex" in ranked("paramedics")
    assert "growth-in-gateshead" in ranked("prescribed")
    for text in ("super-partnerships", "super partnership", "super-partnership"):
        assert ranked(text) == ["big-in-birmingham"], text


def test_glossary_acronyms_expand_both_ways(library):
    assert "developments-in-devon" in ranked("advanced nurse practitioner")
    assert ranked("ANP") == ["developments-in-devon"]


def test_a_short_acronyms_plural_finds_what_it_stands_for(library):
    """ "GPs" is too short for the thesaurus's plural rule, and PostgreSQL's stemmer keeps
    "gps" apart from "gp"; the singular is tried. A short plural that is a term of its own
    ("PMS") keeps its own meaning."""
    GlossaryTermFactory(term="GP", expansion="General practitioner")
    GlossaryTermFactory(term="PMS", expansion="Personal Medical Services")
    GlossaryTermFactory(term="PM", expansion="Practice manager")
    CaseStudyFactory(slug="two-doctors", title="Two doctors", summary="Two general practitioners.")
    CaseStudyFactory(slug="a-manager", title="A manager", summary="A new practice manager.")
    publish_changes()
    assert "two-doctors" in ranked("GPs")
    assert "a-manager" not in ranked("PMS")


def test_a_curators_synonym_is_used_by_the_next_search(library):
    assert ranked("e-consultation") == []
    SynonymFactory(words="e-consultation = online consultation")
    publish_changes()
    assert ranked("e-consultation") == ["online-first"]
    assert ranked("online consultation") == ["online-first"]


def test_most_of_the_words_when_no_page_has_every_word(client, library):
    results = ranked("social prescribing link worker")
    assert results[0] == "growth-in-gateshead"
    finder = client.get(SEARCH, {"q": "social prescribing link worker"}).context["finder"]
    assert [note.text for note in finder.search_notes] == [
        "No page has every word; these match most of them."
    ]


def test_pages_with_every_word_come_before_those_with_some(library):
    results = ranked("paramedic pharmacist")
    assert results[0] == "developments-in-devon" and "solutions-from-sussex" in results[1:]


def test_quoted_phrases_and_exclusions(library):
    assert ranked('"paramedic team"') == ["solutions-from-sussex"]
    assert ranked("paramedic -pharmacist") == ["solutions-from-sussex"]
    assert ranked("-paramedic") == []


def test_a_question_in_full_finds_its_subject(library):
    assert ranked("how do I start social prescribing")[0] == "growth-in-gateshead"


def test_reading_a_query():
    query = read('how to start "online consultation" -pilot super-practices')
    assert [term.typed for term in query.terms] == [
        "start",
        '"online consultation"',
        "super-practices",
    ]
    assert [term.typed for term in query.exclusions] == ["pilot"]


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "social OR",
        "AND",
        "NEAR(paramedic",
        "title:paramedic",
        "paramedic*",
        "-paramedic",
        "^",
        '""',
        "a\x00b",
        "(((",
        "'; DROP TABLE x; --",
        "🙂 paramedic",
        "x" * 500,
        "NOT",
        "paramedic AND NOT",
        "{title body}: x",
        "*",
        ".",
        " ".join(["word"] * 1000),
        "- - -",
        '"a" -"b"',
    ],
)
def test_operators_and_odd_input_never_raise(client, library, text):
    ranked(text)
    assert client.get(URL, {"q": text}).status_code == 200
    assert client.get(SEARCH, {"q": text}).status_code == 200


def test_parse_query_cleans_and_cuts():
    assert not parse_query("")
    assert not parse_query("   ")
    assert not parse_query("-- ! ?")
    assert parse_query("a\x00b").text == "ab"
    long = parse_query("word " * 100)
    assert long.truncated and len(long.text) <= 200


def test_highlight_escapes_before_marking():
    marked = f"<script>x</script> & {MARK_START}<b>paramedic</b>{MARK_END} **team**"
    html = str(highlight(marked))
    assert html == (
        "&lt;script&gt;x&lt;/script&gt; &amp; <mark>&lt;b&gt;paramedic&lt;/b&gt;</mark> team"
    )


def test_plain_snippet_drops_markdown():
    assert plain_snippet("**Bold** [link](http://x) and\n- item") == "Bold link and item"


def test_snippets_on_the_page_are_escaped_and_highlighted(client):
    CaseStudyFactory(slug="x", title="Risky", summary='<script>alert("x")</script> paramedic crew')
    publish_changes()
    for url in (URL, SEARCH):
        html = client.get(url, {"q": "paramedic"}).content.decode()
        assert "<script>alert" not in html
        assert "<mark>" in html and "paramedic</mark>" in html.lower()


def test_relevance_is_the_default_sort_when_searching(client, library):
    finder = client.get(URL, {"q": "social prescribing"}).context["finder"]
    assert finder.sort == "relevance"
    assert finder.object_list[0].slug == "growth-in-gateshead"


def test_search_combines_with_facets(client, library):
    finder = client.get(URL, {"q": "prescribing", "theme": "new-roles"}).context["finder"]
    assert [obj.slug for obj in finder.object_list] == ["growth-in-gateshead"]
    theme = next(s for s in finder.facets if s.name == "theme")
    assert theme.options[0].count == 1


def test_a_publisher_adds_a_synonym_in_the_admin_and_the_next_search_uses_it(client, library):
    from tests.factories import make_curator

    client.force_login(make_curator("pat", "Publisher"))
    assert ranked("e-consultation") == []
    response = client.post(
        reverse("admin:search_synonym_add"),
        {"words": "e-consultation = online consultation", "note": "Readers' word"},
    )
    assert response.status_code == 302
    assert ranked("e-consultation") == ["online-first"]


def test_the_words_side_by_side_rank_first(library):
    CaseStudyFactory(
        slug="apart", title="Out and about", summary="Care at home: home visits and care plans."
    )
    CaseStudyFactory(slug="together", title="Visiting", summary="Weekly rounds in care homes.")
    publish_changes()
    found = ranked("care homes")
    assert found.index("together") < found.index("apart")


def test_a_hyphenated_word_also_finds_it_closed_up(library):
    CaseStudyFactory(slug="e-first", title="E first", summary="Patients use eConsult first.")
    publish_changes()
    assert "e-first" in ranked("e-consult")


def test_a_title_that_is_all_the_subject_ranks_first(library):
    CaseStudyFactory(
        slug="long",
        title="Merger process and project management",
        summary="Mergers, step by step, for the practices that join.",
    )
    CaseStudyFactory(slug="short", title="Merger checklist", summary="Two practices join.")
    publish_changes()
    assert ranked("mergers")[:2] == ["short", "long"]


def test_a_quoted_phrase_must_stand_together_in_the_body_too(library):
    CaseStudyFactory(
        slug="apart-in-the-body",
        title="Weekend cover",
        approach="The team hired a paramedic for Saturdays.",
    )
    publish_changes()
    assert "apart-in-the-body" in ranked("paramedic team")
    assert "apart-in-the-body" not in ranked('"paramedic team"')
