"""A full-page cache for anonymous readers, invalidated at once, everywhere, on publish.

Every public page is a pure function of the published content and the URL, so an anonymous
GET is served from the cache whenever the content has not changed since the page was stored.
"Has not changed" is one number, the content generation, kept in the same cache as the pages:
each stored page carries the generation it was rendered under and is served only while that is
still the current one. Every write path calls `content_changed()` once it has written (the
curators' admin, the publish and restore services, the content loader; `make restore` bumps
after loading a backup), so one publish invalidates every cached page in every process that
shares the cache (Redis or the database in production, selected by CACHE_URL). Models do not
do it on save(): a write path knows when its whole change is done, a row does not.
"""

import functools
import gzip
import hashlib
import os
import time
import unicodedata
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from core.edge import mark_personal, mark_shared
from core.models import Status

GENERATION_KEY = "content-generation"
PAGE_KEY_PREFIX = "page:"
SAFE_METHODS = {"GET", "HEAD"}
HOP_BY_HOP = {"content-length", "content-encoding", "set-cookie", "date", "etag"}
MAX_CACHED_BYTES = 5 * 1024 * 1024
MIN_GZIP_BYTES = 1024
RENDER_LOCK_SECONDS = 30


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def content_generation():
    """The current content generation, starting one at a fresh, never-reused value if missing."""
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A start value from the clock, not 1: if the key is ever evicted, pages stored under
        # the old generations can never match again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump_content_generation():
    """Invalidate every cached page in every process sharing the cache."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def is_public_change(obj, *, was_published=False):
    """Whether writing ``obj`` can change a public page: it is published now or was before the
    write, or it has no workflow status (themes, sources, the glossary, vocabularies and tags
    are shown as they are). A draft, an item in review or an archived item changes nothing a
    reader sees, so saving one must not throw away every cached page and the facet index."""
    status = getattr(obj, "status", None)
    return status is None or was_published or status == Status.PUBLISHED


def content_changed(*, obj=None, was_published=False):
    """The one call every write path makes after changing public content: invalidate the pages.

    With ``obj`` (the row written, and whether it was published before) nothing happens unless
    the write is public (``is_public_change``); without, the caller has decided it is.

    Bumps now, and again when the transaction commits. The second bump matters: a page rendered
    between the first bump and the commit still shows the old content, and would otherwise be
    stored under the new generation. Inside a transaction that rolls back only the first bump
    happens (a needless re-render, never a stale page).
    """
    if obj is not None and not is_public_change(obj, was_published=was_published):
        return
    for follower in _followers:
        # in the same transaction: what follows the content commits (or not) with it
        follower(changed=obj)
    bump_content_generation()
    transaction.on_commit(bump_content_generation)
    for follower in _after_commit:
        transaction.on_commit(follower)


_followers = []
_after_commit = []


def when_content_changes(follower, *, after_commit=False):
    """Have ``content_changed()`` call ``follower()``: first, inside the writer's transaction
    (as ``follower(changed=obj)``: the row written, or None when the caller did not say), or
    ``after_commit``, once the new content generation is current (``follower()``).

    In the transaction: what is derived from public content and kept in the database (the
    search index, ``search.indexing.sync``). After the commit: what is worked out once per
    generation (the finders' facet indexes, ``finder.index.warm``), so the writer pays for it
    and not the next reader. They register from their ``AppConfig.ready()``, because the base
    cannot import the layers above it."""
    followers = _after_commit if after_commit else _followers
    if follower not in followers:
        followers.append(follower)


CODE_SUFFIXES = {".py", ".html", ".css", ".js", ".json"}
CODE_SKIP = {
    ".venv",
    "fixtures",
    "tests",
    "bench",
    "backups",
    "node_modules",
    "__pycache__",
    "test-artifacts",
    "staticfiles",
}


@functools.cache
def code_fingerprint():
    """A hash of the code, templates and static files this process runs with.

    Part of every page key, so a deploy never serves pages rendered by the previous release
    (old markup, links to old hashed CSS), and during a rolling deploy old and new app servers
    keep apart entries in a shared cache.
    """
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    static_root = Path(settings.STATIC_ROOT).resolve()
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in CODE_SKIP
            and not d.startswith(".")
            and (Path(folder) / d).resolve() != static_root
        )
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in CODE_SUFFIXES:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = static_root / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


# A query string with more parameters than any page reads is never a cached page's address.
MAX_KEY_PARAMS = 40
TRACKING_PARAMS = ("utm_", "fbclid", "gclid")


def canonical_query(query_string):
    """A query string as the page cache keys it: parameters sorted, text in NFC and trimmed,
    empty values and tracking parameters dropped; None when there are too many to be a page
    anyone links to (such a request is served, never stored)."""
    try:
        pairs = parse_qsl(query_string, max_num_fields=MAX_KEY_PARAMS)
    except ValueError:
        return None
    tidy = []
    for name, value in pairs:
        name, value = (unicodedata.normalize("NFC", text).strip() for text in (name, value))
        if name and value and not name.startswith(TRACKING_PARAMS):
            tidy.append((name, value))
    return urlencode(sorted(tidy))


def store_as(response, query):
    """Tell the page cache the canonical query of what ``response`` shows (a finder's state,
    known parameters only): it is stored only for a request that asked exactly that."""
    response.page_cache_query = query
    return response


def do_not_store(response):
    """Tell the page cache not to keep ``response`` (it reports ignored parameters)."""
    response.page_cache_query = None
    return response


def page_key(request, query=None):
    """The cache key of a page: code release, scheme, host, path and canonical query."""
    if query is None:
        query = canonical_query(request.META.get("QUERY_STRING", ""))
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    key = f"{code_fingerprint()} {url}".encode("utf-8", "surrogatepass")
    return PAGE_KEY_PREFIX + hashlib.sha256(key).hexdigest()


def _may_store(response, query):
    """Whether a public response is stored under the key of ``query`` (the request's canonical
    query). A page that says what it shows is stored only for that address; any other page
    only for an address without parameters, so junk parameters add no entries."""
    if not hasattr(response, "page_cache_query"):
        return query == ""
    declared = response.page_cache_query
    return declared is not None and canonical_query(declared) == query


def _status_header(response, value):
    if settings.PAGE_CACHE_STATUS_HEADER:
        response.headers["X-Cache"] = value


def _wants_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _may_be_cached(request):
    if request.method not in SAFE_METHODS or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if any(request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE):
        return False
    # A session (a signed-in curator) or pending messages mean a personal page.
    return not any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)


def _response_is_public(response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.has_header("Set-Cookie") or response.cookies:
        return False
    vary = response.get("Vary", "").lower()
    if "cookie" in vary or "*" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return len(response.content) <= MAX_CACHED_BYTES


def _entry(response, generation):
    """What is stored for a page: its body and headers, plus its gzip body and ETag, made once.

    Both are made here rather than per hit because that pays (a script, 40 KB page, locmem
    cache, 2 shared cores, best of 7 × 3000): a hit sending the stored gzip takes ~45 µs, one
    compressed by Django's GZipMiddleware on every hit ~900 µs (20×); a 304 against the stored
    ETag ~45 µs, one where ConditionalGetMiddleware hashes the body on every hit ~120 µs.
    """
    body = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in HOP_BY_HOP]
    compressed = None
    if len(body) >= MIN_GZIP_BYTES and not response.has_header("Content-Encoding"):
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(compressed) >= len(body):
            compressed = None
    etag = 'W/"' + hashlib.sha256(body).hexdigest()[:20] + '"'
    return {
        "generation": generation,
        "headers": headers,
        "body": body,
        "gzip": compressed,
        "etag": etag,
    }


def _serve_compressed(entry, request, response):
    """Send the stored gzip body to clients that accept it (no per-request compression)."""
    if entry["gzip"] is None:
        return
    patch_vary_headers(response, ["Accept-Encoding"])
    if _wants_gzip(request):
        response.content = entry["gzip"]
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(response.content))


def _wait_for(cache, key, generation):
    """Poll for the page another request is rendering; None if it does not come in time."""
    deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_SECONDS
    pause = 0.01
    while time.monotonic() < deadline:
        time.sleep(pause)
        entry = cache.get(key)
        if entry is not None and entry.get("generation") == generation:
            return entry
        pause = min(pause * 1.5, 0.1)
    return None


def _response_from(entry, request):
    """A hit: the stored page, or a 304 when the browser's copy has the stored ETag.

    Whether the preconditions pass is Django's get_conditional_response (the RFC 9110 rules
    ConditionalGetMiddleware applies: ETag lists, "*", If-Match), not a hand-written check: it
    costs ~4 µs a hit, measured, which does not pay for a second copy of those rules. The 304
    is made here, with every stored header (X-Frame-Options, CSP …), where Django's keeps only
    the RFC's few and first builds the whole response (11 µs here, 19 µs that way).
    """
    response = get_conditional_response(request, etag=entry["etag"])
    if response is None:
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(entry["body"]))
        _serve_compressed(entry, request, response)
    elif response.status_code == 304:
        for name, value in entry["headers"]:
            if name.lower() not in ("content-type", "content-language"):
                response.headers[name] = value
        if entry["gzip"] is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
    response.headers["ETag"] = entry["etag"]
    _status_header(response, "HIT")
    return mark_shared(response)


class PageCacheMiddleware:
    """Serve and store anonymous GET/HEAD pages, each page rendered once per generation.

    Sits just inside SecurityMiddleware and WhiteNoise, so a hit skips sessions, CSRF and auth;
    every header the inner middleware adds (CSP, X-Frame-Options, Permissions-Policy) is stored
    with the page, and SecurityMiddleware adds its own to every response, hit or miss. It does
    not invalidate anything itself: each write path calls content_changed().
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_cached(request):
            return mark_personal(request, self.get_response(request))
        query = canonical_query(request.META.get("QUERY_STRING", ""))
        if query is None:
            return mark_personal(request, self.get_response(request))
        try:
            key = page_key(request, query)
        except DisallowedHost:
            return self.get_response(request)
        cache = _cache()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = content_generation()
        entry = found.get(key)
        if entry is not None and entry.get("generation") == generation and "body" in entry:
            return _response_from(entry, request)
        if request.method != "GET":
            return mark_personal(request, self.get_response(request))
        # After a publish every reader misses at once: one request per page renders, the others
        # wait briefly for its result instead of rendering the same page side by side (Django's
        # cache middleware has no such lock; bench/load.py shows what it saves).
        lock = f"{key}:rendering:{generation}"
        if not cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
            entry = _wait_for(cache, key, generation)
            if entry is not None and "body" in entry:
                return _response_from(entry, request)
        try:
            return self._render_and_store(request, cache, key, generation, query)
        finally:
            cache.delete(lock)

    def _render_and_store(self, request, cache, key, generation, query):
        response = self.get_response(request)
        if _response_is_public(response) and _may_store(response, query):
            # Stored under the generation read *before* rendering: a publish during the render
            # makes this entry stale at once instead of caching old content as new.
            entry = _entry(response, generation)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            _serve_compressed(entry, request, response)
            response.headers["ETag"] = entry["etag"]
            _status_header(response, "MISS")
            mark_shared(response)
        else:
            mark_personal(request, response)
            # Tell waiting requests not to wait for a page that will never be stored.
            cache.set(key, {"generation": generation}, timeout=RENDER_LOCK_SECONDS)
        return response
