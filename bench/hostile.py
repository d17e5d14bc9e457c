"""A hostile-request run against gunicorn: python bench/hostile.py [--requests 10000].

Builds a throw-away SQLite database with the real content, serves it with gunicorn under
production settings (bench/run.py's Gunicorn), and sends at least --requests bounded loopback
requests (--clients at a time, each with a time limit) over every public URL: the sitemap's
pages, the finders, search, feeds, the compare pages, the plan builder and every print/PDF/
Word/Markdown export. Each request carries hostile parameters from tests/security: the finders'
own parameters with odd values, stored-XSS payloads, control characters (U+0000-U+001F, DEL),
1,001 and 41 parameters, bad percent-encodings, over-long values, junk names. Prints the count
of each status, the latency, and every 5xx; exits 1 if there was any 5xx.
"""

import argparse
import http.client
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import MANAGE, PYTHON, production_env  # noqa: E402
from bench.run import Gunicorn, run  # noqa: E402
from tests.security.hostile import HOSTILE_URLS, MARKDOWN_CORPUS, SHORT_PAYLOAD  # noqa: E402

KEYS = [
    "q", "theme", "role", "region", "hia", "kind", "tag", "outcome", "population", "source",
    "page", "sort", "format", "items", "only", "title", "practice", "add", "remove", "pos",
    "sent", "compare", "exact", "utm_source",
]  # fmt: skip
CONTROL = [chr(c) for c in range(0x20)] + ["\x7f", "\ufffe", "\u202e", "\ufeff"]
ODD = [
    "", " ", "0", "-1", "1e309", "NaN", "9" * 40, "a" * 3000, ",".join(["x"] * 400), "../../etc",
    "' OR 1=1 --", "\\", "null", "🙂", "<script>alert(1)</script>", "cl:", "hia::", "csv", "json",
    "pdf", "relevance", "newest", "title", "differences", "cl:D0-L09:3", "hia:4:2", "new-roles",
    "south-west", "paramedic", SHORT_PAYLOAD, *HOSTILE_URLS, *MARKDOWN_CORPUS[:12],
]  # fmt: skip
RAW_QUERIES = ["%ff%fe", "q=%", "q=%zz", "%ff=1", "q=%c0%af", "a&&&&=&=", ";;;", "q=%00", "=="]


def value(rng):
    """One hostile value: odd, a payload, a control character somewhere, or random text."""
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(ODD)
    if kind < 0.7:
        base = rng.choice(ODD[:30]) or "care"
        cut = rng.randrange(len(base) + 1)
        return base[:cut] + "".join(rng.choices(CONTROL, k=rng.randint(1, 3))) + base[cut:]
    return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 30)))


def query(rng):
    """A query string: a few hostile pairs, many parameters, or a badly encoded one."""
    kind = rng.random()
    if kind < 0.08:  # 1,001 fields in 2 KB, as in the report (gunicorn takes 4 KB lines)
        return "&".join(["a"] * rng.choice([41, 1001, 1500]))
    if kind < 0.14:
        return rng.choice(RAW_QUERIES)
    pairs = []
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(KEYS) if rng.random() < 0.8 else value(rng)[:20]
        pairs.append(f"{quote(name, safe='')}={quote(value(rng), safe=',:')}")
    return "&".join(pairs)


def public_paths(base):
    """Every public URL: the sitemap's pages plus the ones a sitemap does not list."""
    with urlopen(base + "/sitemap.xml") as body:
        tree = ElementTree.fromstring(body)
    locations = [urlsplit(loc.text).path for loc in tree.iter() if loc.tag.endswith("loc")]
    paths = set(locations)
    for path in locations:
        for kind in ("checklists", "high-impact-actions"):
            prefix = f"/guidance/{kind}/"
            if path.startswith(prefix) and path != prefix:
                slug = path[len(prefix) :].strip("/")
                paths |= {f"{prefix}{slug}/print/"} | {f"{prefix}{slug}.{e}" for e in EXPORTS}
    paths |= {
        "/search/", "/feeds/case-studies/", "/case-studies/compare/", "/vanguards/compare/",
        "/case-studies/submit/", "/guidance/plan/", "/guidance/plan/print/", "/guidance/plan.pdf",
        "/guidance/plan.docx", "/guidance/plan.md", "/no-such-page/", "/case-studies/%ff/",
    }  # fmt: skip
    return sorted(paths)


EXPORTS = ("pdf", "docx", "md")


class urlopen:  # noqa: N801 - used like urllib's
    def __init__(self, url):
        self.url = url

    def __enter__(self):
        parts = urlsplit(self.url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.connection.request("GET", parts.path)
        return self.connection.getresponse().read()

    def __exit__(self, *exc):
        self.connection.close()


class Client(threading.Thread):
    """One bounded client: sequential requests on one keep-alive connection."""

    def __init__(self, port, jobs, results, lock):
        super().__init__(daemon=True)
        self.port, self.jobs, self.results, self.lock = port, jobs, results, lock

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        for method, target in self.jobs:
            start = time.perf_counter()
            try:
                connection.putrequest(method, target, skip_accept_encoding=True)
                connection.putheader("Accept-Encoding", "gzip")
                connection.endheaders()
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as exc:
                status = f"error {type(exc).__name__}"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with self.lock:
                self.results.append((status, time.perf_counter() - start, method, target))
        connection.close()


def jobs_for(paths, total, rng):
    """``total`` requests spread over every path, each with its own hostile query."""
    jobs = []
    while len(jobs) < total:
        for path in paths:
            method = "HEAD" if rng.random() < 0.05 else "GET"
            q = query(rng)
            jobs.append((method, path + (f"?{q}" if q else "")))
    rng.shuffle(jobs)
    return jobs[:total]


def report(results, seconds, paths):
    statuses = Counter(str(status) for status, *_ in results)
    times = sorted(t for _, t, *_ in results)
    server_errors = [r for r in results if str(r[0]).startswith("5") or str(r[0]).startswith("e")]
    print(f"{len(results)} requests over {len(paths)} public URLs in {seconds:.1f} s")
    print("status counts: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    print(f"latency: median {statistics.median(times) * 1000:.1f} ms, p95 {p95:.1f} ms")
    print(f"5xx or failed: {len(server_errors)}")
    for status, _t, method, target in server_errors[:20]:
        print(f"  {status} {method} {target[:200]!r}")
    return not server_errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gplib-hostile-"))
    try:
        env = production_env(
            DATABASE_URL=f"sqlite:///{folder / 'hostile.sqlite3'}",
            DJANGO_STATIC_ROOT=folder / "static",
        )
        for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"], ["load_content"]):
            run([PYTHON, MANAGE, *command], env)
        with Gunicorn(env, workers=args.workers, log_path=folder / "gunicorn.log") as server:
            paths = public_paths(server.url)
            rng = random.Random(args.seed)
            jobs = jobs_for(paths, args.requests, rng)
            results, lock = [], threading.Lock()
            chunks = [jobs[i :: args.clients] for i in range(args.clients)]
            clients = [Client(server.port, chunk, results, lock) for chunk in chunks]
            start = time.perf_counter()
            for client in clients:
                client.start()
            for client in clients:
                client.join()
            ok = report(results, time.perf_counter() - start, paths)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
