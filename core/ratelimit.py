"""Per-address limits kept in the shared cache (the address: core.client.client_address).

Every limit claims before it acts, so parallel requests cannot all pass a check made before
any of them was counted. ``claim`` is exact on every cache the README allows (local memory,
Redis, the database cache): it only ever *adds* keys, and ``cache.add`` is an atomic
insert-if-absent on all three, where the database cache's ``incr`` is a read then a write.
``hit`` counts with ``add`` then ``incr``: exact on local memory and Redis, close on the
database cache, for limits where one extra request does no harm.
"""

import hashlib
import time

from django.core.cache import cache

from core.client import client_address


def _window_key(scope, request, window):
    """One key per scope, address and fixed window; the address hashed, so a key stays short."""
    address = hashlib.sha256(client_address(request).encode("utf-8", "replace")).hexdigest()[:20]
    return f"ratelimit:{scope}:{address}:{int(time.time() // window)}"


def claim(scope, request, *, limit, window):
    """Take one of this address's ``limit`` actions in the current window: the key taken, or
    None when none is left.

    Each action is its own key, ``…:1`` to ``…:limit``, added with a lifetime longer than the
    window, so within the window an added key is never free again unless given back.
    """
    base = _window_key(scope, request, window)
    for slot in range(1, limit + 1):
        key = f"{base}:{slot}"
        if cache.add(key, 1, window * 2):
            return key
    return None


def give_back(key):
    """Return a claimed action that did not happen (the form had errors, the database was busy).

    Safe under races: every action that did happen still holds its own key."""
    if key:
        cache.delete(key)


def hit(scope, request, *, limit, window):
    """Count one request for this address in the current window; False once over ``limit``."""
    key = _window_key(scope, request, window)
    if cache.add(key, 1, window * 2):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between the two calls
        cache.add(key, 1, window * 2)
        return True
