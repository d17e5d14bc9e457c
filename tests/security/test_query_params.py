"""Property-based: no query string, however odd, makes a public page fail or leak a traceback."""

from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ConsultationAreaFactory,
    HighImpactActionFactory,
    PlannedActionFactory,
    RegionFactory,
    RoleFactory,
    SourceFactory,
    ThemeFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db

KEYS = [
    "q",
    "theme",
    "role",
    "region",
    "hia",
    "kind",
    "tag",
    "outcome",
    "population",
    "organisation",
    "source",
    "page",
    "sort",
    "format",
    "items",
    "only",
    "title",
    "practice",
    "add",
    "remove",
    "pos",
    "sent",
    "old",
    "new",
    "utm_source",
    "basket",
]
SLUGS = [
    "new-roles",
    "paramedic",
    "south-west",
    "solutions-from-sussex",
    "big-in-birmingham",
    "ten-steps",
    "hia-1",
    "vanguard-a",
    "vanguard-b",
    "case-study",
    "csv",
    "pdf",
    "differences",
    "relevance",
    "title",
    "newest",
    "cl:DX-L01:1",
    "hia:1:1",
]
ODD = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "inf",
    "9" * 30,
    "\x00",
    "a\x00b",
    "%00",
    "a" * 3000,
    ",".join(["x"] * 400),
    ",,,",
    "../../etc/passwd",
    "' OR 1=1 --",
    "\\",
    "[]",
    "{}",
    "null",
    "🙂",
    "\u202e\u0000",
    "<script>alert(1)</script>",
    "\ue000mark\ue001",
    "\r\n",
    "\ufeff",
    "cl:",
    "cl:DX-L01:99999999999999999999",
    "hia::",
    "AND OR NOT",
    '"unbalanced',
    "a*",
    "NEAR(a b)",
    "title:x",
    "^x",
    "-x",
    "- -",
    "ø" * 300,
]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
VALUES = st.one_of(
    TEXT,
    st.sampled_from(ODD),
    st.sampled_from(SLUGS),
    st.integers(-(2**70), 2**70).map(str),
    st.lists(st.sampled_from(SLUGS), max_size=8).map(",".join),
)
CONTROL = ["\x01", "\x0b", "\x0c", "\x1f", "\x7f", "a\x0bb", "\x0c\x0b\x1e", "x\x00\x0b"]
VALUES = st.one_of(VALUES, st.sampled_from(CONTROL), TEXT.map(lambda t: t + "\x0b"))
FEW = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), TEXT.filter(bool)), VALUES), max_size=6)
# Parameter counts around Django's limit (1,000 fields) and the page cache's (40).
MANY = st.sampled_from([39, 40, 41, 999, 1000, 1001, 1500]).map(
    lambda n: [(f"p{i}", "1") for i in range(n)]
)
PARAMS = st.one_of(FEW, FEW, MANY, st.tuples(FEW, MANY).map(lambda pair: pair[0] + pair[1]))
TRACEBACK_MARKERS = (
    b"Traceback (most recent call last)",
    b"Exception Value",
    b"django.db.",
    b"psycopg",
    b"sqlite3.",
    b'File "/',
)


@pytest.fixture
def library():
    source = SourceFactory(slug="d0")
    theme = ThemeFactory(slug="new-roles", source=source)
    role = RoleFactory(slug="paramedic")
    region = RegionFactory(slug="south-west")
    hia = HighImpactActionFactory(slug="hia-1", number=1, source=source)
    PlannedActionFactory(action=hia)
    site = VanguardSiteFactory(slug="vanguard-a", region=region, source=source)
    VanguardSiteFactory(slug="vanguard-b", region=region, source=source)
    for slug in ("solutions-from-sussex", "big-in-birmingham"):
        case = CaseStudyFactory(
            slug=slug,
            themes=[theme],
            roles=[role],
            region=region,
            tags=["triage"],
            vanguard=site,
            source=source,
        )
        case.high_impact_actions.add(hia)
    area = ConsultationAreaFactory(slug="workforce", source=source)
    checklist = ChecklistFactory(slug="ten-steps", list_id="DX-L01", source=source)
    ChecklistItemFactory(checklist=checklist, order=1)
    return {
        "theme": theme,
        "site": site,
        "hia": hia,
        "area": area,
        "checklist": checklist,
        "source": source,
    }


def public_urls(lib):
    """One concrete URL for every public view (checked against the URLconf below)."""
    c, h = lib["checklist"].slug, lib["hia"].slug
    return {
        "pages:home": "/",
        "pages:search": reverse("pages:search"),
        "pages:themes": reverse("pages:themes"),
        "pages:theme": lib["theme"].get_absolute_url(),
        "pages:glossary": reverse("pages:glossary"),
        "pages:evidence": reverse("pages:evidence"),
        "pages:evidence-about": reverse("pages:evidence-about"),
        "pages:like-mine": reverse("pages:like-mine"),
        "pages:source": lib["source"].get_absolute_url(),
        "feeds:case-studies": reverse("feeds:case-studies"),
        "pages:sitemap": reverse("pages:sitemap"),
        "casestudies:list": reverse("casestudies:list"),
        "casestudies:compare": reverse("casestudies:compare"),
        "casestudies:detail": reverse("casestudies:detail", args=["solutions-from-sussex"]),
        "submit-story": reverse("submit-story"),
        "vanguards:list": reverse("vanguards:list"),
        "vanguards:compare": reverse("vanguards:compare"),
        "vanguards:detail": lib["site"].get_absolute_url(),
        "guidance:hia-list": reverse("guidance:hia-list"),
        "guidance:hia-detail": lib["hia"].get_absolute_url(),
        "guidance:hia-print": reverse("guidance:hia-print", args=[h]),
        "guidance:hia-md": reverse("guidance:hia-md", args=[h]),
        "guidance:hia-docx": reverse("guidance:hia-docx", args=[h]),
        "guidance:checklist-list": reverse("guidance:checklist-list"),
        "guidance:checklist-detail": lib["checklist"].get_absolute_url(),
        "guidance:checklist-print": reverse("guidance:checklist-print", args=[c]),
        "guidance:checklist-md": reverse("guidance:checklist-md", args=[c]),
        "guidance:checklist-docx": reverse("guidance:checklist-docx", args=[c]),
        "guidance:consultation": reverse("guidance:consultation"),
        "guidance:consultation-area": lib["area"].get_absolute_url(),
        "guidance:plan": reverse("guidance:plan"),
        "guidance:plan-print": reverse("guidance:plan-print"),
        "guidance:plan-md": reverse("guidance:plan-md"),
        "guidance:plan-docx": reverse("guidance:plan-docx"),
    }


SLOW_VIEWS = {"guidance:hia-pdf", "guidance:checklist-pdf", "guidance:plan-pdf"}


def url_names(patterns=None, namespace=""):
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_public_url_is_fuzzed(library):
    assert set(VIEWS) == set(public_urls(library))
    fuzzed = set(VIEWS) | SLOW_VIEWS
    missing = url_names() - fuzzed
    assert not missing, f"add these views to public_urls(): {sorted(missing)}"


def assert_handled(client, url, params):
    query = urlencode(params)
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code < 500, (url, params)
    if hasattr(response, "streaming_content"):
        return
    for marker in TRACEBACK_MARKERS:
        assert marker not in response.content, (url, params, marker)


FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


VIEWS = [
    "pages:home",
    "pages:search",
    "pages:themes",
    "pages:theme",
    "pages:glossary",
    "pages:evidence",
    "pages:evidence-about",
    "pages:like-mine",
    "pages:source",
    "feeds:case-studies",
    "pages:sitemap",
    "casestudies:list",
    "casestudies:compare",
    "casestudies:detail",
    "submit-story",
    "vanguards:list",
    "vanguards:compare",
    "vanguards:detail",
    "guidance:hia-list",
    "guidance:hia-detail",
    "guidance:hia-print",
    "guidance:hia-md",
    "guidance:hia-docx",
    "guidance:checklist-list",
    "guidance:checklist-detail",
    "guidance:checklist-print",
    "guidance:checklist-md",
    "guidance:checklist-docx",
    "guidance:consultation",
    "guidance:consultation-area",
    "guidance:plan",
    "guidance:plan-print",
    "guidance:plan-md",
    "guidance:plan-docx",
]


@pytest.mark.parametrize("view", VIEWS)
@FUZZ
@given(params=PARAMS)
def test_no_query_string_breaks_a_public_page(client, library, view, params):
    assert_handled(client, public_urls(library)[view], params)


@pytest.mark.parametrize("view", sorted(SLOW_VIEWS))
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=PARAMS)
def test_no_query_string_breaks_a_pdf(client, library, view, params):
    args = (
        []
        if view == "guidance:plan-pdf"
        else [library["checklist" if "checklist" in view else "hia"].slug]
    )
    assert_handled(client, reverse(view, args=args), params)
