"""PDF files from the site's own print pages, with WeasyPrint, fetching only our static files.

In the shared base (no table named) so guidance's checklists and plans and the finder's
comparisons print through the same code.
"""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango, HarfBuzz) cannot be used here."""


def load_weasyprint():
    """Import WeasyPrint late: a missing system library must not break the rest of the site."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from exc
    return weasyprint


def to_pdf(html):
    """Render the print template's HTML to PDF bytes, fetching nothing but our static files."""
    weasyprint = load_weasyprint()
    try:
        fetcher = static_fetcher(weasyprint)
        return weasyprint.HTML(
            string=html, base_url=settings.SITE_URL.rstrip("/") + "/", url_fetcher=fetcher
        ).write_pdf()
    except (ImportError, OSError, RuntimeError, AttributeError, TypeError) as exc:
        raise PdfUnavailable(str(exc)) from exc


def static_file_for(url):
    """The local file behind a static URL, or None: WeasyPrint never goes to the network."""
    path = urlsplit(url).path
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix):
        return None
    name = path.removeprefix(prefix)
    if ".." in name.split("/"):
        return None
    found = finders.find(name)
    if found:
        return found
    try:
        candidate = staticfiles_storage.path(name)
    except NotImplementedError:
        return None
    return candidate if candidate and Path(candidate).is_file() else None


def static_fetcher(weasyprint):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            local = static_file_for(url)
            if local is None:
                raise ValueError(f"Not fetched (only static files are allowed): {url}")
            with open(local, "rb") as handle:
                body = handle.read()
            content_type = mimetypes.guess_type(local)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFilesFetcher(allowed_protocols=("http", "https"))
