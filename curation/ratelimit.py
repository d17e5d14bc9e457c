"""The public submission form's limit: stories per address per hour, claimed before saving."""

from types import SimpleNamespace

from core.client import client_address
from core.ratelimit import claim, give_back

__all__ = ["WINDOW_SECONDS", "claim_submission", "client_address", "give_back"]

WINDOW_SECONDS = 3600


def claim_submission(scope, request, *, limit):
    """Take one of this address's ``limit`` stories this hour: a key to give back if the story
    is not saved after all, or None when none is left.

    Claimed first, then the story is checked and saved: of 30 parallel posts from one address
    exactly ``limit`` get through, whichever cache the site runs on. The address is
    ``client_address`` (the one django-axes locks): the limit is handed only that, so a forged
    X-Forwarded-For from anywhere but our own proxy changes nothing.
    """
    counted = SimpleNamespace(META={"REMOTE_ADDR": client_address(request)})
    return claim(scope, counted, limit=limit, window=WINDOW_SECONDS)
