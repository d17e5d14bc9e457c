"""The shared finder: facet counts, OR within and AND across facets, bad input, links, queries."""

import json
from itertools import product

import pytest
from django.urls import reverse

from casestudies.filters import CaseStudyFinder
from casestudies.models import CaseStudy
from core.cache import content_changed
from core.models import Status
from finder.facets import clean_values
from finder.page import find, present
from tests.factories import (
    CaseStudyFactory,
    ConsultationExampleFactory,
    KeyFigureFactory,
    OrganisationTypeFactory,
    RegionFactory,
    RoleFactory,
    SourceFactory,
    ThemeFactory,
    bulk_library,
    publish_changes,
)

pytestmark = pytest.mark.django_db

URL = reverse("casestudies:list")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def seeded():
    """Four published case studies and one draft, with known facet values (see ATTRS)."""
    new_roles = ThemeFactory(slug="new-roles", name="New roles", order=1)
    scale = ThemeFactory(slug="operating-at-scale", name="Operating at scale", order=2)
    paramedic = RoleFactory(slug="paramedic", name="Paramedic")
    pharmacist = RoleFactory(slug="pharmacist", name="Pharmacist")
    north_west = RegionFactory(slug="north-west", name="North West")
    london = RegionFactory(slug="london", name="London")
    d0 = SourceFactory(slug="d0", code="D0", title="The book")
    d2 = SourceFactory(slug="d2", code="D2", title="The consultation")
    federation = OrganisationTypeFactory(slug="federation", name="GP federation")
    a = CaseStudyFactory(
        slug="a",
        title="Alpha",
        themes=[new_roles],
        roles=[paramedic],
        region=north_west,
        population=5_000,
        source=d0,
        tags=["triage"],
    )
    b = CaseStudyFactory(
        slug="b",
        title="Bravo",
        themes=[new_roles, scale],
        roles=[pharmacist],
        region=london,
        population=20_000,
        source=d0,
        tags=["triage", "workforce"],
    )
    b.organisation_types.add(federation)
    c = ConsultationExampleFactory(
        slug="c", title="Charlie", themes=[scale], region=north_west, population=None, source=d2
    )
    d = CaseStudyFactory(
        slug="d",
        title="Delta",
        themes=[scale],
        roles=[paramedic, pharmacist],
        region=None,
        population=150_000,
        source=d2,
        tags=["workforce"],
    )
    d.organisation_types.add(federation)
    CaseStudyFactory(
        slug="draft",
        title="Draft",
        themes=[new_roles],
        region=north_west,
        status=Status.DRAFT,
        population=5_000,
        source=d0,
        tags=["triage"],
    )
    KeyFigureFactory(case_study=a, outcome="access")
    KeyFigureFactory(case_study=b, outcome="finance")
    KeyFigureFactory(case_study=c, outcome="gp-time")
    KeyFigureFactory(case_study=d, outcome="access")
    KeyFigureFactory(case_study=d, outcome="workforce")
    return {"a": a, "b": b, "c": c, "d": d}


# What each published item has, facet by facet: the brute-force model the counts must match.
ATTRS = {
    "a": {
        "theme": {"new-roles"},
        "kind": {"case-study"},
        "region": {"north-west"},
        "population": {"under-10000"},
        "outcome": {"access"},
        "role": {"paramedic"},
        "hia": set(),
        "organisation": set(),
        "source": {"d0"},
        "tag": {"triage"},
        "evidence": {"0"},
    },
    "b": {
        "theme": {"new-roles", "operating-at-scale"},
        "kind": {"case-study"},
        "region": {"london"},
        "population": {"10000-30000"},
        "outcome": {"finance"},
        "role": {"pharmacist"},
        "hia": set(),
        "organisation": {"federation"},
        "source": {"d0"},
        "tag": {"triage", "workforce"},
        "evidence": {"0"},
    },
    "c": {
        "theme": {"operating-at-scale"},
        "kind": {"consultation-example"},
        "region": {"north-west"},
        "population": {"not-stated"},
        "outcome": {"gp-time"},
        "role": set(),
        "hia": set(),
        "organisation": set(),
        "source": {"d2"},
        "tag": set(),
        "evidence": {"0"},
    },
    "d": {
        "theme": {"operating-at-scale"},
        "kind": {"case-study"},
        "region": set(),
        "population": {"over-100000"},
        "outcome": {"access", "workforce"},
        "role": {"paramedic", "pharmacist"},
        "hia": set(),
        "organisation": {"federation"},
        "source": {"d2"},
        "tag": {"workforce"},
        "evidence": {"0"},
    },
}


def expected_count(selection, facet, option):
    """Items with ``option`` in ``facet`` that also match every other facet's selection."""

    def matches(attrs, name):
        return not selection.get(name) or bool(attrs[name] & set(selection[name]))

    return sum(
        1
        for attrs in ATTRS.values()
        if option in attrs[facet] and all(matches(attrs, n) for n in attrs if n != facet)
    )


def finder_for(query):
    from django.http import QueryDict

    return present(find(CaseStudyFinder(), QueryDict(query)))


SELECTIONS = [
    {},
    {"theme": ["new-roles"]},
    {"theme": ["new-roles", "operating-at-scale"]},
    {"theme": ["operating-at-scale"], "region": ["north-west"]},
    {"role": ["paramedic"], "kind": ["case-study"]},
    {"population": ["under-10000", "over-100000"], "tag": ["workforce"]},
    {"outcome": ["access"], "source": ["d2"], "organisation": ["federation"]},
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: "&".join(s) or "none")
def test_every_option_count_is_what_that_option_would_give(seeded, selection):
    from django.utils.http import urlencode

    finder = finder_for(urlencode(selection, doseq=True))
    for state in finder.facets:
        for option in state.options:
            assert option.count == expected_count(selection, state.name, option.value), (
                state.name,
                option.value,
            )
            assert option.disabled == (option.count == 0 and not option.selected)
    results = {obj.slug for obj in finder.object_list}
    assert results == {
        slug
        for slug, attrs in ATTRS.items()
        if all(not v or attrs[n] & set(v) for n, v in selection.items())
    }
    assert finder.total == len(results)


def test_options_are_or_within_a_facet_and_across_facets_and(seeded):
    assert finder_for("theme=new-roles&theme=operating-at-scale").total == 4
    assert finder_for("theme=new-roles,operating-at-scale").total == 4
    assert finder_for("theme=operating-at-scale&region=north-west").total == 1


def test_drafts_are_never_counted(seeded):
    finder = finder_for("")
    assert "draft" not in {obj.slug for obj in finder.object_list}
    triage = next(
        o for s in finder.facets if s.name == "tag" for o in s.options if o.value == "triage"
    )
    assert triage.count == 2


def test_unknown_values_are_ignored_and_reported(client, seeded):
    response = client.get(
        URL, {"theme": ["new-roles", "nonsense"], "kind": "poem", "region": "atlantis"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "We ignored “nonsense” for Theme" in html
    assert "We ignored “poem” for Kind" in html
    assert "We ignored “atlantis” for Region" in html
    finder = response.context["finder"]
    # Unknown values neither narrow nor empty the results: new-roles alone applies.
    assert {obj.slug for obj in finder.object_list} == {"a", "b"}


def test_a_facet_with_only_unknown_values_does_not_filter(seeded):
    assert finder_for("region=atlantis").total == 4


def test_active_filters_have_one_click_removal_and_clear_all(client, seeded):
    response = client.get(URL, {"theme": "new-roles", "region": "london", "q": "", "sort": "title"})
    finder = response.context["finder"]
    links = {(link.label, link.detail): link.url for link in finder.active_filters}
    assert links[("Theme", "New roles")] == f"{URL}?region=london&sort=title"
    assert links[("Region", "London")] == f"{URL}?theme=new-roles&sort=title"
    assert finder.clear_url == f"{URL}?sort=title"
    html = response.content.decode()
    assert "Clear all filters" in html
    assert 'href="/case-studies/?region=london&amp;sort=title"' in html


def test_live_region_announces_count_and_filters(client, seeded):
    html = client.get(URL, {"theme": "new-roles", "region": "london"}).content.decode()
    assert 'role="status" aria-live="polite"' in html
    assert "1 case study, filtered by Theme: New roles; Region: London." in html


def test_zero_count_options_are_shown_disabled_not_hidden(client, seeded):
    html = client.get(URL, {"kind": "consultation-example"}).content.decode()
    # Population 30,000-100,000 has no items at all, so it is disabled but present.
    assert "30,000 to 100,000" in html
    assert 'value="30000-100000" disabled' in html


@pytest.mark.parametrize(
    ("page", "shown", "message"),
    [
        ("abc", 1, "“abc” is not a page number, so this is page 1."),
        ("0", 1, "Pages start at 1, so this is page 1."),
        ("-4", 1, "Pages start at 1"),
        ("99999", 3, "There are only 3 pages, so this is the last one."),
        ("9" * 5000, 3, "There are only 3 pages"),
        ("last", 3, None),
        ("2", 2, None),
    ],
)
def test_bad_page_numbers_show_a_message_not_an_error(client, page, shown, message):
    bulk_library(45)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["finder"].page.number == shown
    if message:
        assert message in response.content.decode()


def test_pagination_links_keep_every_filter(client):
    bulk_library(200)
    publish_changes()  # the search index follows the write path (bulk rows skip it)
    response = client.get(
        URL,
        {
            "theme": ["t1", "t2"],
            "kind": "case-study",
            "q": "paramedic",
            "sort": "title",
            "items": "bulk-1",
        },
    )
    finder = response.context["finder"]
    assert finder.page.paginator.per_page == 20
    assert finder.page.paginator.num_pages > 1
    state = "theme=t1&theme=t2&kind=case-study&q=paramedic&sort=title&items=bulk-1"
    assert finder.next_url == f"{URL}?{state}&page=2"
    for link in filter(None, finder.page_links):
        assert link.url.startswith(f"{URL}?{state}")


def test_sorting(client, seeded):
    def order(sort):
        finder = client.get(URL, {"sort": sort}).context["finder"]
        return [obj.slug for obj in finder.object_list]

    assert order("title") == ["a", "b", "c", "d"]
    assert order("population") == ["d", "b", "a", "c"]  # largest first, not stated last
    seeded["c"].title = "Charlie edited"
    seeded["c"].save()
    content_changed()
    assert order("updated")[0] == "c"


def test_unknown_sort_and_relevance_without_search_are_reported(client, seeded):
    html = client.get(URL, {"sort": "random"}).content.decode()
    assert "“random” is not a way to sort this list" in html
    html = client.get(URL, {"sort": "relevance"}).content.decode()
    assert "Sorting by best match needs a search" in html


def test_repeated_and_odd_parameters_never_fail(client, seeded):
    query = (
        "theme=new-roles&theme=new-roles&sort=title&sort=population&page=1&page=2"
        "&q=a&q=b&format=html&utm_source=x&weird%00=1&theme=%00"
    )
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert "We ignored the format “html”" in response.content.decode()


def test_clean_values_splits_dedupes_and_caps():
    assert clean_values(["a,b", "b", " c ", "", "d\x00"]) == ["a", "b", "c", "d"]
    assert len(clean_values([",".join(str(i) for i in range(100))])) == 20
    assert clean_values(["x" * 500]) == ["x" * 120]


def test_json_export_has_the_same_filters_and_counts(client, seeded):
    response = client.get(URL, {"theme": "new-roles", "format": "json"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["count"] == 2
    assert {row["slug"] for row in data["results"]} == {"a", "b"}
    assert data["filters"]["theme"] == ["new-roles"]
    themes = {o["value"]: o["count"] for o in data["facets"]["theme"]["options"]}
    assert themes == {"new-roles": 2, "operating-at-scale": 3}
    assert set(data["results"][0]) >= {"title", "url", "themes", "region", "population"}


def test_csv_export_has_a_row_per_result(client, seeded):
    response = client.get(URL, {"theme": "operating-at-scale", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Slug", "Title", "Kind"]
    assert sorted(row[0] for row in rows[1:]) == ["b", "c", "d"]


def test_finder_links_to_feed_json_and_csv_of_the_same_state(client, seeded):
    html = client.get(URL, {"theme": "new-roles", "region": "london"}).content.decode()
    feed = reverse("feeds:case-studies")
    assert f'href="{feed}?theme=new-roles&amp;region=london"' in html
    assert "theme=new-roles&amp;region=london&amp;format=csv" in html
    assert "theme=new-roles&amp;region=london&amp;format=json" in html


def test_comparison_basket_is_kept_and_offered(client, seeded):
    response = client.get(URL, {"items": "a,b", "theme": "operating-at-scale"})
    finder = response.context["finder"]
    assert finder.basket == ["a", "b"]
    html = response.content.decode()
    assert "Your comparison (2 of up to 4)" in html
    assert f'href="{reverse("casestudies:compare")}?items=a,b"' in html
    # "a" is not on this page (wrong theme) so it rides along as a hidden field.
    assert '<input type="hidden" name="items" value="a">' in html
    assert 'value="b" checked' in html


def test_unknown_basket_items_are_dropped_with_a_message(client, seeded):
    html = client.get(URL, {"items": "a,nope,Not A Slug"}).content.decode()
    assert "We removed “nope” from your comparison" in html


FULL_STATE = {
    "theme": ["t1", "t2"],
    "role": "r1",
    "region": ["g1", "g4"],
    "tag": "topic-1",
    "population": ["under-10000", "over-100000"],
    "outcome": "access",
    "kind": "case-study",
    "q": "paramedic",
    "items": "bulk-1,bulk-2",
    "organisation": "nothing",
    "hia": "x",
    "source": "s0",
    "sort": "population",
    "page": "2",
}


@pytest.mark.parametrize("n", [10, 1000])
@pytest.mark.parametrize("state", [{}, FULL_STATE], ids=["plain", "every-facet-and-search"])
def test_finder_queries_do_not_grow_with_the_library(
    client, django_assert_max_num_queries, n, state
):
    bulk_library(n)
    if state:
        publish_changes()  # the search index follows the write path (bulk rows skip it)
    # The first request after a content change builds the facet index and reads the search's
    # synonyms and vocabulary, once per generation (tests/core/test_facet_index.py).
    client.get(URL, {"q": "paramedic"})
    with django_assert_max_num_queries(10):
        response = client.get(URL, state)
    assert response.status_code == 200
    if not state:
        assert response.context["finder"].total == n


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_exports_use_constant_queries(client, django_assert_max_num_queries, fmt):
    bulk_library(200)
    with django_assert_max_num_queries(16):
        assert client.get(URL, {"format": fmt, "theme": "t1"}).status_code == 200


def test_every_state_is_a_shareable_get_url(client, seeded):
    response = client.get(URL, {"theme": "new-roles"})
    html = response.content.decode()
    assert 'method="post"' not in html.lower()
    for state in response.context["finder"].facets:
        for option, kind in product(state.options, ["checkbox"]):
            assert f'name="{state.name}" type="{kind}" value="{option.value}"' in html


def test_the_index_follows_publishing_and_relinking(seeded):
    before = finder_for("theme=new-roles").total
    draft = CaseStudy.objects.get(slug="draft")
    draft.status = Status.PUBLISHED
    draft.save()
    content_changed()  # what every write path calls (core.cache)
    assert finder_for("theme=new-roles").total == before + 1
    draft.themes.clear()
    content_changed()
    assert finder_for("theme=new-roles").total == before


def test_results_follow_the_sort_through_the_index(seeded):
    titles = [obj.title for obj in finder_for("sort=population").object_list]
    assert titles == ["Delta", "Bravo", "Alpha", "Charlie"]  # largest first, not stated last
    # By default the full case studies come before the consultation examples, then by title.
    assert [obj.title for obj in finder_for("").object_list] == [
        "Alpha",
        "Bravo",
        "Delta",
        "Charlie",
    ]
