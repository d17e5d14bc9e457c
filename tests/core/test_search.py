"""Full-text search: the backend for this database, ranking, quoting, snippets, escaping."""

import pytest
from django.db import connection
from django.urls import reverse

from casestudies.search import CASE_STUDY_TEXT
from finder.search import get_backend, highlight, parse_query
from finder.search.base import MARK_END, MARK_START, plain_snippet
from tests.factories import CaseStudyFactory, ThemeFactory
from tests.finding import ranked

pytestmark = pytest.mark.django_db

URL = reverse("casestudies:list")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def library():
    """Case studies written like the real ones the acceptance examples are about."""
    theme = ThemeFactory(slug="new-roles")
    return {
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
        "pharmacy": CaseStudyFactory(
            slug="pharmacy-to-the-fore",
            title="Pharmacy to the fore",
            summary="A practice pharmacist took on prescribing reviews.",
            approach="Social media was used to tell patients.",
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
            summary="A duty team in one surgery.",
        ),
        "other": CaseStudyFactory(
            slug="other", title="Back office at scale", summary="Sharing payroll across practices."
        ),
    }


def test_the_backend_matches_the_database():
    assert get_backend(CASE_STUDY_TEXT).vendor == connection.vendor


def test_social_prescribing_ranks_gateshead_first(library):
    results = ranked("social prescribing")
    assert results[0] == "growth-in-gateshead"
    assert "other" not in results


def test_paramedic_finds_sussex_and_devon(library):
    results = ranked("paramedic")
    assert {"solutions-from-sussex", "developments-in-devon"} <= set(results)
    assert "other" not in results


def test_words_are_stemmed(library):
    assert "solutions-from-sussex" in ranked("paramedics")
    assert "growth-in-gateshead" in ranked("prescribed")


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
    ],
)
def test_operators_and_odd_input_never_raise(client, library, text):
    ranked(text)
    assert client.get(URL, {"q": text}).status_code == 200
    assert client.get(reverse("pages:search"), {"q": text}).status_code == 200


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
    html = client.get(URL, {"q": "paramedic"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html or "alert" not in html
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


def test_index_follows_edits_and_deletes(library):
    case = library["other"]
    assert "other" not in ranked("ambulance")
    case.summary = "Now with an ambulance service partnership."
    case.save()
    assert ranked("ambulance") == ["other"]
    case.delete()
    assert ranked("ambulance") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_has_a_generated_tsvector_with_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT is_generated FROM information_schema.columns "
            "WHERE table_name = 'casestudies_casestudy' AND column_name = 'search_vector'"
        )
        assert cursor.fetchone() == ("ALWAYS",)
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'casestudies_casestudy' "
            "AND indexdef ILIKE '%%gin%%search_vector%%'"
        )
        assert cursor.fetchone()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_has_an_fts5_table_with_triggers_and_quotes_tokens():
    from finder.search.sqlite import match_expression

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'casestudies_casestudy_fts%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "casestudies_casestudy_fts",
        "casestudies_casestudy_fts_ai",
        "casestudies_casestudy_fts_au",
        "casestudies_casestudy_fts_ad",
    } <= names
    assert (
        match_expression(parse_query('social "prescribing OR')) == '"social" """prescribing" "OR"'
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_index_can_be_rebuilt_after_a_table_remake(library):
    from casestudies.search import SQLITE

    with connection.cursor() as cursor:
        for statement in SQLITE.drop_sql + SQLITE.create_sql + SQLITE.rebuild_sql:
            cursor.execute(statement)
    assert ranked("paramedic")
