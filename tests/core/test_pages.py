"""Every public page: status, key content, 404s, published-only, constant queries."""

import pytest
from django.urls import reverse

from core.models import Status
from tests.factories import (
    AudienceFactory,
    CaseStudyFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ConsultationAreaFactory,
    ConsultationExampleFactory,
    GlossaryTermFactory,
    HighImpactActionFactory,
    KeyFigureFactory,
    PlannedActionFactory,
    RoleFactory,
    SourceFactory,
    ThemeFactory,
    VanguardFigureFactory,
    VanguardReferenceFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    """A small published library with one item of each kind, linked together."""
    theme = ThemeFactory(slug="new-roles", name="New roles")
    role = RoleFactory(slug="paramedic", name="Paramedic")
    hia = HighImpactActionFactory(number=4, slug="develop-the-team", name="Develop the team")
    PlannedActionFactory(action=hia, title="Study workforce preferences")
    site = VanguardSiteFactory(slug="better-local-care", name="Better Local Care")
    VanguardReferenceFactory(site=site)
    VanguardFigureFactory(site=site, label="Practices", value="27 originally")
    case = CaseStudyFactory(
        slug="solutions-from-sussex",
        title="Solutions from Sussex",
        themes=[theme],
        roles=[role],
        tags=["triage"],
        vanguard=site,
    )
    case.high_impact_actions.add(hia)
    KeyFigureFactory(case_study=case, value="70-80 a day")
    area = ConsultationAreaFactory(slug="workforce-development", title="Workforce development")
    example = ConsultationExampleFactory(
        slug="consultation-example-42", question_area=area, title="Returning after a break"
    )
    checklist = ChecklistFactory(slug="ten-steps", title="Ten practical steps")
    checklist.themes.add(theme)
    checklist.audiences.add(AudienceFactory(slug="gp-practices"))
    item = ChecklistItemFactory(checklist=checklist, title="Prepare the team")
    item.case_studies.add(case)
    GlossaryTermFactory(term="ANP", slug="anp", expansion="Advanced Nurse Practitioner")
    return {
        "theme": theme,
        "hia": hia,
        "site": site,
        "case": case,
        "area": area,
        "example": example,
        "checklist": checklist,
    }


def pages(lib):
    return [
        (reverse("pages:home"), "Solutions from Sussex"),
        (reverse("pages:themes"), "New roles"),
        (reverse("pages:theme", args=["new-roles"]), "Solutions from Sussex"),
        (reverse("pages:glossary"), "Advanced Nurse Practitioner"),
        (lib["case"].source.get_absolute_url(), "Solutions from Sussex"),
        (reverse("casestudies:list"), "Solutions from Sussex"),
        (lib["case"].get_absolute_url(), "70-80 a day"),
        (lib["example"].get_absolute_url(), "[London case study]"),
        (reverse("vanguards:list"), "Better Local Care"),
        (lib["site"].get_absolute_url(), "27 originally"),
        (reverse("guidance:hia-list"), "Develop the team"),
        (lib["hia"].get_absolute_url(), "Study workforce preferences"),
        (reverse("guidance:checklist-list"), "Ten practical steps"),
        (lib["checklist"].get_absolute_url(), "Prepare the team"),
        (reverse("guidance:consultation"), "Workforce development"),
        (lib["area"].get_absolute_url(), "Returning after a break"),
    ]


def test_every_page_shows_its_content(client, library):
    for url, text in pages(library):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_detail_pages_name_their_source(client, library):
    for item in ("case", "site", "hia", "checklist", "area"):
        html = client.get(library[item].get_absolute_url()).content.decode()
        assert library[item].source.title in html, item


def test_case_study_links_to_checklist_that_cites_it(client, library):
    html = client.get(library["checklist"].get_absolute_url()).content.decode()
    assert library["case"].get_absolute_url() in html


@pytest.mark.parametrize(
    "name",
    [
        "casestudies:detail",
        "vanguards:detail",
        "guidance:hia-detail",
        "guidance:checklist-detail",
        "guidance:consultation-area",
        "pages:theme",
        "pages:source",
    ],
)
def test_unknown_slug_is_a_friendly_404(client, name):
    response = client.get(reverse(name, args=["no-such-thing"]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_items_are_not_public(client, library, status):
    for item in ("case", "site", "hia", "checklist", "area"):
        obj = library[item]
        obj.status = status
        obj.save()
        assert client.get(obj.get_absolute_url()).status_code == 404, item
    listing = client.get(reverse("casestudies:list")).content.decode()
    assert "Solutions from Sussex" not in listing
    home = client.get(reverse("pages:home")).content.decode()
    assert "Solutions from Sussex" not in home


def test_markdown_content_is_sanitised_on_the_page(client, library):
    case = library["case"]
    case.approach = '<script>alert("x")</script>[x](javascript:alert(1))'
    case.save()
    html = client.get(case.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "javascript:alert" not in html


def seed_many(n=50):
    source = SourceFactory()
    theme = ThemeFactory(slug="new-roles")
    area = ConsultationAreaFactory(source=source)
    site = VanguardSiteFactory(source=source)
    for i in range(n):
        case = CaseStudyFactory(source=source, themes=[theme], tags=[f"tag{i}"], vanguard=site)
        KeyFigureFactory(case_study=case)
        ConsultationExampleFactory(source=source, question_area=area, themes=[theme])
        VanguardSiteFactory(source=source)
        checklist = ChecklistFactory(source=source)
        checklist.themes.add(theme)
        item = ChecklistItemFactory(checklist=checklist)
        item.case_studies.add(case)
        GlossaryTermFactory()
    for _ in range(10):
        HighImpactActionFactory(source=source)
    return {"case": case, "site": site, "area": area, "checklist": checklist, "source": source}


def test_no_page_grows_its_queries_with_rows(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders
    lib = seed_many(50)
    big_checklist = lib["checklist"]
    for _ in range(50):
        item = ChecklistItemFactory(checklist=big_checklist)
        item.case_studies.add(lib["case"])
    urls = [
        reverse("pages:home"),
        reverse("pages:themes"),
        reverse("pages:theme", args=["new-roles"]),
        reverse("pages:glossary"),
        lib["source"].get_absolute_url(),
        reverse("casestudies:list"),
        lib["case"].get_absolute_url(),
        reverse("vanguards:list"),
        lib["site"].get_absolute_url(),
        reverse("guidance:hia-list"),
        reverse("guidance:checklist-list"),
        big_checklist.get_absolute_url(),
        reverse("guidance:consultation"),
        lib["area"].get_absolute_url(),
    ]
    # The first request after a content change builds the finders' facet indexes, a constant
    # number of queries (tests/core/test_facet_index.py); each page's own queries are measured.
    for url in urls:
        client.get(url)
    for url in urls:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url
