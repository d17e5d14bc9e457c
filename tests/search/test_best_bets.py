"""Recommended pages: the page curators put first for a search, whatever its words."""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from core.models import Status
from search.bets import key_of
from search.models import BestBet, page_address
from tests.factories import CaseStudyFactory, ThemeFactory, make_curator, publish_changes
from tests.finding import ranked

pytestmark = pytest.mark.django_db

SEARCH = reverse("pages:search")
ADD = reverse("admin:search_bestbet_add")


@pytest.fixture
def library():
    ThemeFactory(slug="new-roles", name="New roles", description="Pharmacists and paramedics.")
    CaseStudyFactory(slug="locums", title="Leveraging Locums", summary="GP workload and locums.")
    CaseStudyFactory(slug="roles", title="A duty team", summary="A pharmacist and a paramedic.")
    publish_changes()


def results(client, text):
    return client.get(SEARCH, {"q": text}).context["finder"].object_list


def test_a_search_is_one_set_of_words_in_any_order_plurals_and_stop_words_aside():
    assert key_of("reduce GP workload") == key_of("How do I reduce the GP workloads?")
    assert key_of("reduce GP workload") == key_of("workload GP reducing")
    assert key_of("reduce GP workload") != key_of("reduce GP workload pharmacists")
    assert key_of("how to the") == frozenset()


def test_page_addresses_are_kept_as_the_index_holds_them():
    assert page_address("https://library.example/themes/new-roles/?q=x") == "/themes/new-roles/"
    assert page_address("glossary/#pn") == "/glossary/#pn"


def test_the_recommended_page_comes_first_and_is_marked(client, library):
    assert results(client, "reduce GP workload")[0].title == "Leveraging Locums"
    BestBet.objects.create(searches="reduce GP workload = GP workload", url="/themes/new-roles/")
    publish_changes()
    response = client.get(SEARCH, {"q": "How can I reduce the GP workload?"})
    first, *rest = response.context["finder"].object_list
    assert first.title == "New roles" and first.search_recommended
    assert not any(result.search_recommended for result in rest)
    assert "Recommended</strong>" in response.content.decode()
    # another search is ranked by its words alone
    assert not any(r.search_recommended for r in results(client, "GP workload locums"))


def test_a_page_without_the_words_is_still_recommended_and_exclusions_win(client, library):
    BestBet.objects.create(searches="too much work", url="/case-studies/roles/")
    publish_changes()
    assert results(client, "too much work")[0].title == "A duty team"
    assert ranked("too much work")[0] == "roles"  # the case-study finder too
    assert [r.title for r in results(client, "too much work -pharmacist")] == []


def test_a_publisher_recommends_a_page_in_the_admin_and_the_next_search_uses_it(client, library):
    client.force_login(make_curator("pat", "Publisher"))
    response = client.post(
        ADD,
        {"searches": "skill mix", "url": "https://library.example/themes/new-roles/", "note": ""},
    )
    assert response.status_code == 302
    assert BestBet.objects.get().url == "/themes/new-roles/"
    assert results(client, "skill mix")[0].title == "New roles"


def test_the_admin_refuses_an_address_no_published_page_has(client, library):
    client.force_login(make_curator("pat", "Publisher"))
    response = client.post(ADD, {"searches": "skill mix", "url": "/themes/knitting/"})
    assert response.status_code == 200
    assert "No published page has the address /themes/knitting/" in response.content.decode()
    response = client.post(ADD, {"searches": "how to = the", "url": "/themes/new-roles/"})
    assert "a word that means something" in response.content.decode()
    assert not BestBet.objects.exists()


def test_an_editor_cannot_recommend_pages(client, library):
    client.force_login(make_curator("ed", "Editor"))
    assert (
        client.post(ADD, {"searches": "skill mix", "url": "/themes/new-roles/"}).status_code == 403
    )
    assert not BestBet.objects.exists()


def test_the_admin_home_lists_recommendations_whose_page_is_gone(client, library):
    BestBet.objects.create(searches="duty team", url="/case-studies/roles/")
    client.force_login(make_curator("pat", "Publisher"))
    assert "no longer published" not in client.get(reverse("admin:index")).content.decode()
    CaseStudy.objects.filter(slug="roles").update(status=Status.ARCHIVED)
    publish_changes()
    page = client.get(reverse("admin:index")).content.decode()
    assert "Recommended pages no longer published" in page and "duty team" in page
    assert not any(r.search_recommended for r in results(client, "duty team"))
