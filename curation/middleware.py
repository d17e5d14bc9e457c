"""Turn a 404 for an item's old slug into a permanent redirect (no view needs to know)."""

from curation.redirects import redirect_for_request


class SlugRedirectMiddleware:
    """On a 404, look the path's slug up in SlugRedirect and answer 301 when it moved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return redirect_for_request(request) or response
