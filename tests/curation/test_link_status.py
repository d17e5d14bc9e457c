"""Acceptance 5 of issue 15: a draft or archived target never appears on a public page or an
export, one test per kind of link; publishing waits for the page an item belongs on, and
unpublishing a page offers to archive or re-home what belongs on it."""

import pytest
from django.urls import reverse

from core.models import Status
from curation import services
from curation.models import PublicationEvent
from tests.admin_forms import change_url, changelist_url
from tests.factories import (
    CaseStudyFactory,
    ChecklistFactory,
    ConsultationAreaFactory,
    ConsultationExampleFactory,
    HighImpactActionFactory,
    ThemeFactory,
    VanguardSiteFactory,
)

pytestmark = pytest.mark.django_db
HIDDEN = [Status.DRAFT, Status.REVIEW, Status.ARCHIVED]
MARK = "Quokka"


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("status", HIDDEN)
@pytest.mark.parametrize(
    "home",
    [
        lambda s: {
            "case_study": CaseStudyFactory(status=s, title=f"{MARK} home", themes=[ThemeFactory()])
        },
        lambda s: {"vanguard": VanguardSiteFactory(status=s, name=f"{MARK} home")},
        lambda s: {"high_impact_action": HighImpactActionFactory(status=s, name=f"{MARK} home")},
        lambda s: {"question_area": ConsultationAreaFactory(status=s, title=f"{MARK} home")},
    ],
    ids=["case study", "vanguard", "high impact action", "question area"],
)
def test_a_checklists_part_of_never_names_an_unpublished_home(client, home, status):
    checklist = ChecklistFactory(status=Status.PUBLISHED, **home(status))
    slug = checklist.slug
    for name in ("guidance:checklist-detail", "guidance:checklist-print", "guidance:checklist-md"):
        assert MARK not in text(client, reverse(name, args=[slug])), name


def test_a_checklists_published_home_is_shown(client):
    home = CaseStudyFactory(status=Status.PUBLISHED, title=f"{MARK} home", themes=[ThemeFactory()])
    checklist = ChecklistFactory(status=Status.PUBLISHED, case_study=home)
    assert MARK in text(client, reverse("guidance:checklist-detail", args=[checklist.slug]))


@pytest.mark.parametrize("status", HIDDEN)
def test_a_case_study_never_links_an_unpublished_vanguard(client, status):
    site = VanguardSiteFactory(status=status, name=f"{MARK} site")
    case = CaseStudyFactory(status=Status.PUBLISHED, themes=[ThemeFactory()], vanguard=site)
    assert MARK not in text(client, case.get_absolute_url())


@pytest.mark.parametrize("status", HIDDEN)
def test_a_case_study_never_links_an_unpublished_high_impact_action(client, status):
    action = HighImpactActionFactory(status=status, name=f"{MARK} action")
    case = CaseStudyFactory(status=Status.PUBLISHED, themes=[ThemeFactory()])
    case.high_impact_actions.add(action)
    assert MARK not in text(client, case.get_absolute_url())


@pytest.mark.parametrize("status", HIDDEN)
def test_an_example_never_links_an_unpublished_question_area(client, status):
    area = ConsultationAreaFactory(status=status, title=f"{MARK} area")
    example = ConsultationExampleFactory(
        status=Status.PUBLISHED, question_area=area, themes=[ThemeFactory()]
    )
    assert MARK not in text(client, example.get_absolute_url())


def test_published_links_are_shown(client):
    site = VanguardSiteFactory(status=Status.PUBLISHED, name=f"{MARK} site")
    action = HighImpactActionFactory(status=Status.PUBLISHED, name=f"{MARK} action")
    case = CaseStudyFactory(status=Status.PUBLISHED, themes=[ThemeFactory()], vanguard=site)
    case.high_impact_actions.add(action)
    page = text(client, case.get_absolute_url())
    assert f"{MARK} site" in page and f"{MARK} action" in page


def test_publishing_waits_for_the_page_a_list_belongs_on(publisher):
    home = CaseStudyFactory(status=Status.DRAFT, title="Draft home", themes=[ThemeFactory()])
    checklist = ChecklistFactory(status=Status.REVIEW, case_study=home)
    with pytest.raises(services.WorkflowError, match="Draft home.*publish that first"):
        services.set_status([checklist], user=publisher, status=Status.PUBLISHED)
    checklist.refresh_from_db()
    assert checklist.status == Status.REVIEW


def test_publishing_through_the_form_waits_for_the_home_too(publisher_client):
    home = VanguardSiteFactory(status=Status.DRAFT, name="Draft site")
    checklist = ChecklistFactory(status=Status.REVIEW, vanguard=home)
    data = {"action": "publish_selected", "_selected_action": [checklist.pk], "confirm": "yes"}
    page = publisher_client.post(changelist_url(type(checklist)), data, follow=True)
    assert "Draft site" in page.content.decode()
    checklist.refresh_from_db()
    assert checklist.status == Status.REVIEW


@pytest.fixture
def live_page_with_a_list():
    home = CaseStudyFactory(status=Status.PUBLISHED, title="Home story", themes=[ThemeFactory()])
    checklist = ChecklistFactory(status=Status.PUBLISHED, case_study=home, standalone=False)
    return home, checklist


def test_unpublishing_names_the_live_items_that_belong_on_it(
    publisher_client, live_page_with_a_list
):
    home, checklist = live_page_with_a_list
    url = reverse("admin:casestudies_casestudy_step", args=[home.pk, "unpublish"])
    page = publisher_client.get(url).content.decode()
    assert checklist.title in page and "Unpublish them too" in page


def test_unpublishing_can_archive_the_items_that_belong_on_it(
    publisher_client, live_page_with_a_list
):
    home, checklist = live_page_with_a_list
    url = reverse("admin:casestudies_casestudy_step", args=[home.pk, "unpublish"])
    response = publisher_client.post(url, {"confirm": "yes", "dependants": "archive"})
    assert response.status_code == 302
    checklist.refresh_from_db()
    assert checklist.status == Status.ARCHIVED
    assert PublicationEvent.objects.filter(object_id=checklist.pk, action="unpublished").exists()


def test_unpublishing_can_rehome_the_items_that_belong_on_it(
    publisher_client, live_page_with_a_list
):
    home, checklist = live_page_with_a_list
    url = reverse("admin:casestudies_casestudy_step", args=[home.pk, "unpublish"])
    publisher_client.post(url, {"confirm": "yes", "dependants": "detach"})
    checklist.refresh_from_db()
    assert checklist.status == Status.PUBLISHED
    assert checklist.case_study is None and checklist.standalone
    assert publisher_client.get(checklist.get_absolute_url()).status_code == 200
    assert change_url(checklist)
