"""In-process measurements of each bench page against one database (DATABASE_URL).

Chooses the pages (the same URLs the load generator then hammers), renders each with Django's
test client and the page cache switched off, and records: status, SQL queries
(CaptureQueriesContext), uncached render time, and bytes (the HTML gzip-compressed as the page
cache serves it, plus every stylesheet and script it links, as WhiteNoise serves them
pre-compressed). It also saves the finder's HTML (and its .gz) under STATIC_ROOT so the same
gunicorn/WhiteNoise can serve it as a static file: the physical limit.
Usage: python bench/measure.py OUT.json STATIC_NAME
"""

import gzip
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup_django  # noqa: E402

RENDERS = {"pdf": 1, "default": 3}
SLOW_MS = 2000  # a page slower than this to render is timed once (the bench's time budget)
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def pick_pages():
    """The bench pages, chosen from the real content (present at every size)."""
    from django.db.models import Count, Q

    from casestudies.models import CaseStudy, Kind
    from core.models import Role, Status, Theme
    from guidance.models import Checklist

    published = Q(case_studies__status=Status.PUBLISHED)
    theme = Theme.objects.annotate(n=Count("case_studies", filter=published)).order_by("-n")[0]
    role = (
        Role.objects.filter(case_studies__themes=theme, case_studies__status=Status.PUBLISHED)
        .annotate(n=Count("case_studies"))
        .order_by("-n")[0]
    )
    real = (
        CaseStudy.objects.published()
        .filter(kind=Kind.CASE_STUDY)
        .exclude(slug__contains="-synthetic-")
        .order_by("number")
    )
    slugs = list(real.values_list("slug", flat=True)[:4])
    checklist = (
        Checklist.objects.published().standalone().annotate(n=Count("items")).order_by("-n")[0]
    )
    return {
        "home": "/",
        "finder (2 facets)": f"/case-studies/?theme={theme.slug}&role={role.slug}",
        "finder (search)": "/case-studies/?q=pharmacist",
        "site search": "/search/?q=pharmacist",
        "site search (typo + acronym)": "/search/?q=pharmacst+MDT",
        "case study": f"/case-studies/{slugs[0]}/",
        "compare (4)": "/case-studies/compare/?items=" + ",".join(slugs),
        "checklist print": f"/guidance/checklists/{checklist.slug}/print/",
        "checklist PDF": f"/guidance/checklists/{checklist.slug}.pdf",
    }


def asset_bytes(html, static_root):
    """Compressed bytes of the CSS and JS a page links, as WhiteNoise serves them."""
    from django.conf import settings

    total = 0
    for url in sorted(set(ASSET.findall(html))):
        path = static_root / url.removeprefix(settings.STATIC_URL.rstrip("/") + "/").removeprefix(
            "/static/"
        )
        zipped = path.with_name(path.name + ".gz")
        if zipped.exists():
            total += zipped.stat().st_size
        elif path.exists():
            total += len(gzip.compress(path.read_bytes()))
    return total


def after_publish_ms(client, url, times=3):
    """A publish's own cost (``content_changed()``, which on commit builds every finder's facet
    index for the new generation) and the first finder request after it, medians of ``times``."""
    from core.cache import content_changed

    publishes, firsts = [], []
    for _ in range(times):
        started = time.perf_counter()
        content_changed()  # outside a transaction: its on-commit work runs at once
        publishes.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get(url)
        firsts.append((time.perf_counter() - started) * 1000)
    return statistics.median(publishes), statistics.median(firsts)


def judged_scores():
    """The search's scores on the judged queries (the real content only: copies would skew
    them)."""
    from casestudies.models import CaseStudy
    from search.judging import scores

    if CaseStudy.objects.filter(slug__contains="-synthetic-").exists():
        return ""
    alone = scores(recommended=False).line()
    return f"{scores().line()}; by the ranking alone (no recommended pages) {alone}"


def measure(out, static_name):
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from casestudies.models import CaseStudy
    from finder.index import warm

    static_root = Path(settings.STATIC_ROOT)
    client = Client()
    # A long-running server has these cached after its first requests, and the writer builds
    # the facet indexes when a publish commits (finder.index.warm; what that costs is measured
    # below as a publish's own time): count steady state.
    ContentType.objects.get_for_models(*apps.get_models())
    warm()
    pages = pick_pages()
    results = {}
    for name, url in pages.items():
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        first = (time.perf_counter() - started) * 1000
        query_count = len(queries)  # now: every request start clears the query log
        times = [first] if first > SLOW_MS else []
        for _ in range(0 if times else RENDERS["pdf" if url.endswith(".pdf") else "default"]):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        body = response.content
        is_html = response.get("Content-Type", "").startswith("text/html")
        html = body.decode("utf-8", "replace") if is_html else ""
        results[name] = {
            "url": url,
            "status": response.status_code,
            "queries": query_count,
            "render_ms_median": statistics.median(times),
            "render_ms_max": max(times),
            "bytes_raw": len(body),
            "bytes_gzip": len(gzip.compress(body, 6)) if is_html else len(body),
            "bytes_assets": asset_bytes(html, static_root) if is_html else 0,
        }
        if name == "finder (2 facets)" and response.status_code == 200:
            target = static_root / "bench" / static_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, 6, mtime=0))
            results["static finder HTML"] = {
                **results[name],
                "url": f"{settings.STATIC_URL.rstrip('/')}/bench/{static_name}",
                "queries": 0,
                "render_ms_median": 0.0,
                "render_ms_max": 0.0,
            }
    publish_ms, first_ms = after_publish_ms(client, pages["finder (2 facets)"])
    results["_meta"] = {
        "publish_ms": publish_ms,
        "after_publish_ms": first_ms,
        "judged": judged_scores(),
        "case_studies": CaseStudy.objects.count(),
        "published": CaseStudy.objects.published().count(),
        "vendor": connection.vendor,
    }
    Path(out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    setup_django()
    measure(sys.argv[1], sys.argv[2])
