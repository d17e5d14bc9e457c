"""Only published items are public; staff preview any item at a URL the public cannot open."""

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from core.models import Status
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ConsultationAreaFactory,
    ConsultationExampleFactory,
    HighImpactActionFactory,
    ThemeFactory,
    VanguardSiteFactory,
    make_curator,
)

pytestmark = pytest.mark.django_db

MARKER = "Zebracorn"
QUERY = MARKER.lower()  # search finds it; pages that echo the query do not show MARKER
SKIP_PREFIXES = ("admin/", "case-studies/submit/")


@pytest.fixture
def library():
    """Published items linked to unpublished ones of every kind."""
    theme = ThemeFactory()
    area = ConsultationAreaFactory(status=Status.PUBLISHED)
    live_hia = HighImpactActionFactory(status=Status.PUBLISHED, number=1)
    live_site = VanguardSiteFactory(status=Status.PUBLISHED)
    live_case = CaseStudyFactory(status=Status.PUBLISHED, themes=[theme], vanguard=live_site)
    hidden = [
        CaseStudyFactory(
            status=Status.DRAFT,
            title=f"{MARKER} draft case",
            themes=[theme],
            vanguard=live_site,
            summary=f"{MARKER} summary",
        ),
        ConsultationExampleFactory(
            status=Status.REVIEW, title=f"{MARKER} example", question_area=area, themes=[theme]
        ),
        VanguardSiteFactory(status=Status.REVIEW, name=f"{MARKER} vanguard"),
        HighImpactActionFactory(status=Status.DRAFT, number=2, name=f"{MARKER} action"),
        ChecklistFactory(status=Status.DRAFT, title=f"{MARKER} checklist"),
        ConsultationAreaFactory(status=Status.REVIEW, title=f"{MARKER} area"),
        CaseStudyFactory(status=Status.ARCHIVED, title=f"{MARKER} archived", themes=[theme]),
    ]
    hidden[0].high_impact_actions.add(live_hia)
    hidden[2].themes.add(theme)
    hidden[4].themes.add(theme)
    live_site.themes.add(theme)
    live_list = ChecklistFactory(status=Status.PUBLISHED, case_study=live_case)
    live_list.themes.add(theme)
    ChecklistItemFactory(checklist=live_list).case_studies.add(hidden[0])
    return {"theme": theme, "hidden": hidden, "live": [live_case, live_hia, live_site, live_list]}


def public_patterns(resolver=None, prefix=""):
    """Every public URL pattern as (route, converter names)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from public_patterns(pattern, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(SKIP_PREFIXES):
            yield route, list(pattern.pattern.converters)


def fill(route, **values):
    path = route.lstrip("^").rstrip("$")
    for name, value in values.items():
        path = path.replace(f"<slug:{name}>", value)
    return "/" + path


def test_unpublished_items_are_absent_from_every_public_url(client, library):
    slugs = [item.slug for item in library["hidden"]]
    query = {"q": QUERY, "cs": slugs, "vs": slugs, "items": slugs, "slugs": slugs}
    checked = 0
    for route, converters in public_patterns():
        if any(name != "slug" for name in converters) or "<" in route.replace("<slug:slug>", ""):
            continue
        candidates = [fill(route, slug=s) for s in slugs] if converters else [fill(route)]
        for url in candidates:
            response = client.get(url, query)
            body = b"".join(response) if response.streaming else response.content
            assert MARKER.encode() not in body, f"{url} shows an unpublished item"
            if converters and url.rstrip("/").endswith(tuple(slugs)):
                assert response.status_code in (404, 410), f"{url} answered {response.status_code}"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "name",
    [
        "pages:sitemap",
        "feeds:case-studies",
        "pages:search",
        "casestudies:compare",
        "vanguards:compare",
    ],
)
def test_feeds_sitemap_search_and_compare_hide_unpublished_items(client, library, name):
    try:
        url = reverse(name)
    except NoReverseMatch:
        pytest.fail(f"no URL is named {name!r}: if it was renamed, check the new name here")
    slugs = [item.slug for item in library["hidden"]]
    response = client.get(url, {"q": QUERY, "cs": slugs, "vs": slugs})
    assert MARKER.encode() not in response.content


def test_detail_pages_of_unpublished_items_are_not_found(client, library):
    for item in library["hidden"]:
        assert client.get(item.get_absolute_url()).status_code == 404


def test_staff_preview_renders_the_public_detail_template(client, library, editor):
    client.force_login(editor)
    for item in library["hidden"]:
        opts = item._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[item.pk])
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER in response.content.decode()
        assert "Preview for curators" in response.content.decode()
        assert f"{opts.app_label}/{opts.model_name}_detail.html" in [
            t.name for t in response.templates
        ]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("who", ["anonymous", "public-user", "staff-without-rights"])
def test_preview_is_not_found_for_anyone_but_curators(client, library, who):
    if who == "public-user":
        client.force_login(User.objects.create_user("pat", "pat@example.org", "a-long-pass-1"))
    elif who == "staff-without-rights":
        client.force_login(make_curator("sam"))
    draft = library["hidden"][0]
    url = reverse("admin:casestudies_casestudy_preview", args=[draft.pk])
    assert client.get(url).status_code == 404


def test_last_reviewed_date_is_shown_publicly(client):
    import datetime

    case = CaseStudyFactory(status=Status.PUBLISHED, last_reviewed=datetime.date(2026, 3, 2))
    assert (
        "Last checked against the source 2 March 2026"
        in client.get(case.get_absolute_url()).content.decode()
    )
