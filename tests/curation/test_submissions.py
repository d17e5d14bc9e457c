"""'Share your practice's story': a draft for curators, refused to bots, never public as sent."""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from core.models import Status
from curation.models import Submission
from tests.factories import RoleFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = "/case-studies/submit/"


@pytest.fixture
def story():
    theme, role = ThemeFactory(name="New roles"), RoleFactory(name="Paramedic")
    return {
        "organisation": "Newton's Practice",
        "place": "Haywards Heath",
        "contact_email": "manager@newtons.example.org",
        "themes": [theme.pk],
        "roles": [role.pk],
        "what_they_did": "We took on a paramedic practitioner who now triages all same-day calls.",
        "impact": "Duty doctors are far less swamped by on-the-day requests.",
        "figures": "Paramedics in the team: 3\nCalls a day in winter: 70-80",
        "homepage": "",
    }


def test_route_is_the_submit_page():
    assert reverse("submit-story") == URL


def test_form_page_has_csrf_and_a_hidden_honeypot(client):
    response = client.get(URL)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Share your practice" in text and "csrfmiddlewaretoken" in text
    assert "<div hidden>" in text and 'name="homepage"' in text


def test_submission_creates_a_draft_with_the_submitters_text(client, story):
    response = client.post(URL, story)
    assert response.status_code == 302 and response["Location"] == URL + "?sent=1"
    case = CaseStudy.objects.get()
    assert case.status == Status.DRAFT and case.kind == "case-study"
    assert case.approach == story["what_they_did"] and case.impact == story["impact"]
    assert case.organisations == "Newton's Practice" and case.place == "Haywards Heath"
    assert [t.pk for t in case.themes.all()] == story["themes"]
    assert [(f.label, f.value) for f in case.key_figures.all()] == [
        ("Paramedics in the team", "3"),
        ("Calls a day in winter", "70-80"),
    ]
    assert case.source.title == "Practice submission"
    submission = Submission.objects.get()
    assert submission.case_study == case and submission.contact_email == story["contact_email"]
    assert case.history.count() == 1
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_submitted_story_and_email_are_not_public(client, story):
    client.post(URL, story)
    case = CaseStudy.objects.get()
    assert client.get(case.get_absolute_url()).status_code == 404
    listing = client.get(reverse("casestudies:list")).content.decode()
    assert "Newton" not in listing and "newtons.example.org" not in listing


def test_second_submission_gets_its_own_number_and_slug(client, story):
    client.post(URL, story)
    client.post(URL, story)
    numbers = sorted(CaseStudy.objects.values_list("number", flat=True))
    assert numbers == [1001, 1002]
    assert CaseStudy.objects.values("slug").distinct().count() == 2


def test_honeypot_refuses_with_a_clear_message(client, story):
    response = client.post(URL, story | {"homepage": "http://spam.example"})
    assert response.status_code == 400
    assert "Leave this field empty" in response.content.decode()
    assert "was not sent" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_rate_limit_refuses_the_fourth_story_in_an_hour(client, story):
    for _ in range(3):
        assert client.post(URL, story).status_code == 302
    response = client.post(URL, story)
    assert response.status_code == 429
    assert "already sent 3 stories in the last hour" in response.content.decode()
    assert CaseStudy.objects.count() == 3
    other = client.post(URL, story, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302  # the limit is per address


def test_invalid_input_is_shown_back_with_errors(client, story):
    bad = story | {
        "contact_email": "not-an-address",
        "what_they_did": "Too short",
        "figures": "Paramedics in the team: 3\njust a number",
    }
    response = client.post(URL, bad)
    text = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in text
    assert "Enter an e-mail address like name@example.org." in text
    assert "What you did: please write at least 40 characters." in text
    assert "Line 2" in text
    assert 'value="not-an-address"' in text and "Too short" in text  # their input is kept
    assert not CaseStudy.objects.exists()


def test_csrf_is_enforced(story):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, story).status_code == 403
