"""Cache-Control for the edge: what nginx, a CDN or a browser may keep, and for how long.

An anonymous page is the same for every reader until the next publish, so any shared cache may
keep it, briefly: ``s-maxage`` (PAGE_EDGE_SECONDS) plus ``stale-while-revalidate``
(PAGE_EDGE_STALE_SECONDS) is the longest a reader can see a page from before a publish, and
revalidating it is a 304 against the ETag the page cache already stores. ``max-age=0`` keeps
browsers asking (cheaply, by ETag) so a reader's back button never hides a publish. Anything a
signed-in curator sees, or a form with a CSRF token, is ``private, no-store``.
"""

from django.conf import settings

PERSONAL_WORDS = ("private", "no-store")


def shared_policy():
    """The Cache-Control of every anonymous page the page cache serves or stores."""
    return (
        f"public, max-age=0, s-maxage={settings.PAGE_EDGE_SECONDS}, "
        f"stale-while-revalidate={settings.PAGE_EDGE_STALE_SECONDS}"
    )


def mark_shared(response):
    """An anonymous, stored page: any cache may keep it for PAGE_EDGE_SECONDS."""
    response.headers["Cache-Control"] = shared_policy()
    return response


def is_personal(request, response):
    """Whether a response belongs to one visitor: their session or messages, a cookie it sets
    (a CSRF token for a form, a new session), or a page that says it varies on the cookie."""
    if any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES):
        return True
    if response.cookies or response.has_header("Set-Cookie"):
        return True
    vary = response.get("Vary", "").lower()
    return "cookie" in vary or "*" in vary


def mark_personal(request, response):
    """``private, no-store`` on a personal response, unless it already forbids storing."""
    if is_personal(request, response):
        cache_control = response.get("Cache-Control", "").lower()
        if not all(word in cache_control for word in PERSONAL_WORDS):
            response.headers["Cache-Control"] = "private, no-store"
    return response
