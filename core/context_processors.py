"""Values every template needs."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "header_search": _header_search(request)}


def _header_search(request):
    """The search shown in the header box; empty when the query string cannot be read, so an
    error page about that very query string still renders."""
    try:
        return request.GET.get("q", "")
    except Exception:  # noqa: BLE001 - TooManyFieldsSent and every other reason it fails
        return ""
