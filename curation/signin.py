"""A per-username slow-down for the curators' sign-in, whatever address the tries come from.

django-axes locks a username *from one address* (so nobody elsewhere can lock a curator out),
which leaves a guess spread over many addresses unlimited. This counts failures per username
alone and, past SIGNIN_SLOWDOWN_AFTER in 15 minutes, lets through one try per pause, the
pause doubling with each failure up to SIGNIN_SLOWDOWN_MAX_SECONDS: a distributed guess gets a
few tries a minute, and the real curator, at worst, waits a minute.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

WINDOW_SECONDS = 15 * 60


def _key(kind, username):
    name = hashlib.sha256((username or "").strip().lower().encode("utf-8", "replace"))
    return f"signin:{kind}:{name.hexdigest()[:24]}"


def failures(username):
    """Failed sign-ins for ``username`` in the current window, from any address."""
    return cache.get(_key("failures", username), 0)


def pause_seconds(count):
    """How long a username waits between tries after ``count`` failures (0: no wait)."""
    over = count - settings.SIGNIN_SLOWDOWN_AFTER
    if over < 0:
        return 0
    return min(settings.SIGNIN_SLOWDOWN_MAX_SECONDS, 2**over)


class UsernameSlowDownBackend(ModelBackend):
    """After django-axes, before ModelBackend in AUTHENTICATION_BACKENDS: refuses a try for
    a slowed-down username before any password is checked (PermissionDenied stops Django
    trying the other backends). A ModelBackend for the rest, because force_login and the
    session use the first backend that can load a user."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        pause = pause_seconds(failures(username))
        if pause and not cache.add(_key("next-try", username), 1, timeout=pause):
            raise PermissionDenied("Too many failed sign-ins for this username: wait a minute.")
        return None  # never signs anyone in itself


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    key = _key("failures", credentials.get("username"))
    if not cache.add(key, 1, timeout=WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=WINDOW_SECONDS)


@receiver(user_logged_in)
def forget_failures(sender, user, request=None, **kwargs):
    cache.delete(_key("failures", user.get_username()))
