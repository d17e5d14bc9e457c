"""The client's address, and a per-address rate limit kept in the cache."""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request):
    """REMOTE_ADDR, or behind our TLS proxy the address that proxy saw (last X-Forwarded-For).

    Used by django-axes too, so a lockout is for the curator's own address, not the proxy's.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, request):
    return f"ratelimit:{scope}:{client_ip(request)}"


def is_limited(scope, request, *, limit):
    """True when this address has already used up `limit` actions in the last hour."""
    return cache.get(_key(scope, request), 0) >= limit


def count(scope, request):
    """Record one action for this address; the window starts at its first action."""
    key = _key(scope, request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return 1
