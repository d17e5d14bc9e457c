"""WSGI entry point (gunicorn -c deploy/gunicorn.conf.py config.wsgi).

Production defaults: it sets nothing but the settings module, so DEBUG is off unless the
environment says otherwise (manage.py, for development, defaults DJANGO_DEBUG to 1).
"""

import contextlib
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def warm():
    """What a process otherwise does on its first request, done as it starts (gunicorn loads
    this module in each worker before the worker takes a connection): import every view
    through the URLconf, hash the release for the page cache's keys and open the cache.
    Without it the first request to each worker took 110-190 ms longer, even when the page
    came from the page cache, and behind nginx a page's revalidation waited for it
    (bench/edge.py). Reads no database, and a cache that is down is left to the first
    request that needs it, so a worker still starts."""
    from django.conf import settings
    from django.core.cache import caches
    from django.urls import get_resolver

    from core.cache import code_fingerprint

    get_resolver().url_patterns  # noqa: B018 - importing the URLconf is the point
    code_fingerprint()
    with contextlib.suppress(Exception):
        caches[settings.PAGE_CACHE_ALIAS].get("warm-up")


warm()
