"""Property: no query string makes a finder, search, feed or compare page fail (never a 500)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    AudienceFactory,
    CaseStudyFactory,
    ChecklistFactory,
    KeyFigureFactory,
    RoleFactory,
    ThemeFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db

URLS = [
    reverse("casestudies:list"),
    reverse("vanguards:list"),
    reverse("guidance:checklist-list"),
    reverse("pages:search"),
    reverse("casestudies:compare"),
    reverse("vanguards:compare"),
    reverse("feeds:case-studies"),
]
NAMES = [
    "q",
    "page",
    "sort",
    "format",
    "items",
    "only",
    "theme",
    "role",
    "region",
    "hia",
    "organisation",
    "population",
    "source",
    "kind",
    "outcome",
    "tag",
    "care_model",
    "contract",
    "practices",
    "audience",
]
REAL_VALUES = [
    "new-roles",
    "paramedic",
    "json",
    "csv",
    "last",
    "2",
    "0",
    "-1",
    "relevance",
    "population",
    "under-10000",
    "access",
    "cs-a,cs-b",
    "cs-a,cs-b,cs-a,x,y",
    "differences",
    "v-a,v-b",
    "",
]
# Any text a browser could send (no lone surrogates: they cannot be encoded as UTF-8).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=600)
NAME = st.one_of(st.sampled_from(NAMES), TEXT)
VALUE = st.one_of(st.sampled_from(REAL_VALUES), TEXT)
PAIRS = st.lists(st.tuples(NAME, VALUE), max_size=8)
RAW = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=300)
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture
def library(settings):
    settings.PAGE_CACHE_SECONDS = 0
    theme = ThemeFactory(slug="new-roles")
    role = RoleFactory(slug="paramedic")
    for slug in ("cs-a", "cs-b"):
        case = CaseStudyFactory(
            slug=slug,
            themes=[theme],
            roles=[role],
            tags=["triage"],
            summary="A paramedic team and social prescribing.",
        )
        KeyFigureFactory(case_study=case)
    for slug in ("v-a", "v-b"):
        VanguardSiteFactory(slug=slug)
    checklist = ChecklistFactory()
    checklist.audiences.add(AudienceFactory(slug="ccgs"))


@pytest.mark.parametrize("url", URLS)
@settings(max_examples=60, deadline=None, suppress_health_check=HEALTH, database=None)
@given(pairs=PAIRS)
def test_arbitrary_parameters_never_cause_a_server_error(client, library, url, pairs):
    response = client.get(url, pairs)
    assert response.status_code in (200, 302, 400, 404)


@pytest.mark.parametrize("url", URLS)
@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH, database=None)
@given(raw=RAW)
def test_arbitrary_raw_query_strings_never_cause_a_server_error(client, library, url, raw):
    response = client.get(url, QUERY_STRING=raw)
    assert response.status_code in (200, 302, 400, 404)
