"""Client addresses you can trust, and sign-in that a password alone does not open (issue 17,
item 4): X-Forwarded-For only from our own proxy, for django-axes and the submission limit
alike; a per-username slow-down; a second factor for Publishers and superusers."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.client import client_address
from tests.curation.test_submissions import URL as SUBMIT_URL
from tests.curation.test_submissions import story  # noqa: F401 - fixture
from tests.factories import make_curator

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-pass-phrase-1"
PROXY = "10.0.0.2"
BEHIND_PROXY = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("trusted", "hops", "remote", "forwarded", "expected"),
    [
        ([], 1, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # nobody trusted: the socket
        (["10.0.0.0/8"], 1, "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not our proxy
        (["10.0.0.0/8"], 1, PROXY, "198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], 1, PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # forged left part
        (["10.0.0.0/8"], 2, PROXY, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (["10.0.0.0/8"], 2, PROXY, "198.51.100.1", PROXY),  # fewer hops than configured
        (["10.0.0.0/8"], 1, PROXY, "not-an-address", PROXY),
        (["unix"], 1, "", "198.51.100.1", "198.51.100.1"),  # nginx on gunicorn's unix socket
        (["unix"], 1, "203.0.113.5", "198.51.100.1", "203.0.113.5"),
    ],
)
def test_forwarded_for_is_read_only_from_a_trusted_proxy(
    trusted, hops, remote, forwarded, expected
):
    with override_settings(LIBRARY_TRUSTED_PROXIES=trusted, LIBRARY_TRUSTED_PROXY_HOPS=hops):
        assert client_address(_request(remote, forwarded)) == expected


def _sign_in(client, password, *, forwarded, remote="203.0.113.5", **extra):
    data = {"username": "pat", "password": password, **extra}
    return client.post(LOGIN, data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)


def _signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(**BEHIND_PROXY, LIBRARY_TRUSTED_PROXIES=[PROXY])
def test_a_forged_forwarded_for_does_not_avoid_the_lockout(client):
    make_curator("pat", "Editor")
    for attempt in range(6):
        _sign_in(client, "wrong", forwarded=f"198.51.100.{attempt}")
    assert not _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.99"))


@override_settings(**BEHIND_PROXY, LIBRARY_TRUSTED_PROXIES=[PROXY])
def test_from_the_trusted_proxy_the_forwarded_address_is_honoured(client):
    make_curator("pat", "Editor")
    for _ in range(5):
        _sign_in(client, "wrong", forwarded="198.51.100.1", remote=PROXY)
    # The lock is for the address nginx saw, not for the proxy: another reader still signs in.
    assert not _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.1", remote=PROXY))
    assert _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.2", remote=PROXY))


@override_settings(**BEHIND_PROXY, LIBRARY_TRUSTED_PROXIES=[PROXY])
def test_a_forged_forwarded_for_does_not_avoid_the_submission_limit(client, story):  # noqa: F811
    answers = [
        client.post(SUBMIT_URL, story, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(10)
    ]
    assert answers.count(302) == 3 and answers[3:] == [429] * 7


@override_settings(**BEHIND_PROXY, LIBRARY_TRUSTED_PROXIES=[PROXY])
def test_the_submission_limit_counts_the_address_the_proxy_saw(client, story):  # noqa: F811
    for n in range(4):
        assert (
            client.post(
                SUBMIT_URL, story, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
            ).status_code
            == 302
        )


@override_settings(**BEHIND_PROXY, LIBRARY_TRUSTED_PROXIES=[PROXY])
def test_a_guess_spread_over_many_addresses_is_slowed_down(client):
    make_curator("pat", "Editor")
    for n in range(12):  # a new address each time: django-axes never locks
        _sign_in(client, "wrong", forwarded=f"198.51.100.{n}", remote=PROXY)
    # Now one try a few seconds for "pat", from anywhere: the right password waits too.
    assert not _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.200", remote=PROXY))
    cache.clear()  # the pause over (and the count forgotten): the curator signs in
    assert _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.200", remote=PROXY))


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(LIBRARY_TWO_FACTOR=True, OTP_TOTP_THROTTLE_FACTOR=0)  # no wait after "000000"
def test_a_publisher_cannot_sign_in_without_a_second_factor(client):
    user = make_curator("pat", "Publisher")
    response = _sign_in(client, PASSWORD, forwarded="")
    assert not _signed_in(response)
    assert "authenticator app" in response.content.decode()
    device = TOTPDevice.objects.create(user=user, name="app")
    assert not _signed_in(_sign_in(client, PASSWORD, forwarded=""))  # password alone
    assert not _signed_in(_sign_in(client, PASSWORD, forwarded="", otp_token="000000"))
    assert _signed_in(_sign_in(client, PASSWORD, forwarded="", otp_token=_code(device)))
    assert client.get("/admin/").status_code == 200


@override_settings(LIBRARY_TWO_FACTOR=True)
def test_a_superuser_signed_in_by_password_alone_is_not_let_in(client):
    user = make_curator("root", is_superuser=True)
    client.force_login(user)  # a session without a verified device
    assert client.get("/admin/").status_code == 302


@override_settings(LIBRARY_TWO_FACTOR=True)
def test_the_second_factor_is_optional_for_editors(client):
    user = make_curator("pat", "Editor")
    assert _signed_in(_sign_in(client, PASSWORD, forwarded=""))
    client.logout()
    device = TOTPDevice.objects.create(user=user, name="app")  # an Editor who added one
    assert not _signed_in(_sign_in(client, PASSWORD, forwarded=""))
    assert _signed_in(_sign_in(client, PASSWORD, forwarded="", otp_token=_code(device)))
