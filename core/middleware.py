"""Response headers Django does not set itself, and a 400 for requests too malformed to read."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.urls import get_resolver


class PermissionsPolicyMiddleware:
    """Turn off browser features the library never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class MalformedRequestMiddleware:
    """However malformed the query string (1,001 parameters, bad encodings), a 400 with the
    friendly page, not a 500.

    The query string is read once, here, before anything else: otherwise the first reader
    might be a template, or the error page itself, which then fails in turn. The error page
    is the site's own 400 handler, which reads nothing of the request's data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 - parsed now, so the failure is met here
        except (TooManyFieldsSent, RequestDataTooBig, UnicodeError, ValueError) as exc:
            return get_resolver().resolve_error_handler(400)(request, exc)
        return self.get_response(request)
