"""Repeated failed sign-ins are throttled per username and address, for 15 minutes only."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import make_curator

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-1"


def sign_in(client, password, ip="203.0.113.5", username="carol"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def curator(db):
    return make_curator("carol", "Editor")


def test_sixth_attempt_is_refused_even_with_the_right_password(client, curator):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200  # the login form again
    assert sign_in(client, "wrong").status_code == 429  # the 5th failure locks
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Sign-in paused for 15 minutes" in text
    assert "_auth_user_id" not in client.session


def test_fewer_failures_do_not_lock_and_success_resets_the_count(client, curator):
    for _ in range(4):
        sign_in(client, "wrong")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="carol").exists()


def test_lockout_from_one_address_does_not_lock_the_curator_out_elsewhere(client, curator):
    for _ in range(6):
        sign_in(client, "wrong", ip="198.51.100.66")
    response = sign_in(client, PASSWORD, ip="203.0.113.5")
    assert response.status_code == 302


def test_lockout_ends_after_the_cool_off(client, curator, settings):
    for _ in range(5):
        sign_in(client, "wrong")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert sign_in(client, PASSWORD).status_code == 302


def test_settings_lock_on_username_and_address_with_a_cool_off(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.backends.")
