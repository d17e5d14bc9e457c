"""The library against the physical limit: python bench/run.py (or make bench).

For each database (SQLite; PostgreSQL too when DATABASE_URL points at one) and each size (the
real content, then x100 and the largest the schema holds), it builds a throw-away database,
measures every bench page in-process (SQL queries, uncached render time, bytes), serves it with
gunicorn under production settings (DEBUG off, WhiteNoise, the page cache) and loads each page
from a second process (wrk, or a bounded Python client), first from the cache and then with the
page cache off. The finder's HTML saved as a static file and served by the same
gunicorn/WhiteNoise is the physical limit every page's throughput is compared with. Then two
gunicorn processes sharing one Redis cache show that a publish in one invalidates the other.
Writes bench/results.md and prints it. Explained in bench/README.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import client, edge  # noqa: E402
from bench.common import (  # noqa: E402
    BENCH,
    GUNICORN,
    MANAGE,
    PYTHON,
    ROOT,
    TMP,
    free_port,
    production_env,
)

REAL_CASE_STUDIES = 66  # 16 book case studies + 50 consultation examples
SIZES = {"real": 1, "x100": 100, "x1000": 1000}
TARGETS = {
    "queries": 10,
    "finder_ratio_real": 0.5,
    "finder_ratio_largest": 0.25,
    "search_p95_ms": 100.0,
    "weight_kb": 100.0,
    "page_p95_ms": 30.0,  # uncached: finder (2 facets), case study, home
    "after_publish_ms": 300.0,
    "worker_rss_mb": 300.0,
}
UNCACHED_PAGES = ("finder (2 facets)", "case study", "home")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command, env, **kwargs):
    return subprocess.run(
        command, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs
    )


# -- databases ------------------------------------------------------------------------------
def sqlite_folder():
    """Throw-away SQLite files in memory (tmpfs) when there is room: building the largest size
    writes ~600 MB, and reads are served from the page cache either way once warm."""
    shm = Path("/dev/shm")
    if shm.is_dir() and shutil.disk_usage(shm).free > 4 * 1024**3:
        folder = shm / f"gplib-bench-{os.getpid()}"
        folder.mkdir(exist_ok=True)
        return folder
    return TMP


class SQLiteDatabases:
    vendor = "SQLite"

    def __init__(self, folder):
        self.folder = folder

    def url(self, name):
        return f"sqlite:///{self.folder / (name + '.sqlite3')}"

    def create_from(self, name, template):
        shutil.copyfile(self.folder / f"{template}.sqlite3", self.folder / f"{name}.sqlite3")

    def create_empty(self, name):
        (self.folder / f"{name}.sqlite3").unlink(missing_ok=True)

    def drop(self, name):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.folder / name}.sqlite3{suffix}").unlink(missing_ok=True)


class PostgresDatabases:
    vendor = "PostgreSQL"

    def __init__(self, server_url):
        self.parts = urlsplit(server_url)

    def url(self, name):
        return urlunsplit(self.parts._replace(path=f"/{name}"))

    def _sql(self, statement):
        subprocess.run(
            ["psql", self.url("postgres"), "-qc", statement],
            check=True,
            capture_output=True,
            text=True,
        )

    def create_empty(self, name):
        self.drop(name)
        self._sql(f'CREATE DATABASE "{name}"')

    def create_from(self, name, template):
        self.drop(name)
        self._sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def drop(self, name):
        self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- serving --------------------------------------------------------------------------------
class Gunicorn:
    """gunicorn config.wsgi on a free loopback port, as production runs it."""

    def __init__(self, env, *, workers, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--keep-alive",
                "5",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )

    def wait(self, path="/", timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as response:
                    response.read()
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def __enter__(self):
        self.wait()
        return self

    def __exit__(self, *exc):
        self.stop()


def worker_rss_mb(server):
    """The largest resident memory of the server's worker processes, in MB (Linux /proc)."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    sizes = []
    for pid in children.read_text().split() if children.exists() else []:
        status = Path(f"/proc/{pid}/status")
        for line in status.read_text().splitlines() if status.exists() else []:
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return max(sizes, default=0.0)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


# -- one database at one size ---------------------------------------------------------------
def bench_one(args, databases, db_name, static_root, label):
    env = production_env(
        DATABASE_URL=databases.url(db_name),
        DJANGO_STATIC_ROOT=static_root,
        # Every bench request comes from one address: the per-address download limit (20 a
        # minute) would answer most PDF requests with its 429 page and time that instead.
        LIBRARY_EXPORT_RATE_LIMIT="100000",
    )
    out = TMP / f"measure-{label}.json"
    static_name = "finder-" + label.lower().replace(" ", "-") + ".html"
    log(f"{label}: measuring queries, render times and bytes in-process")
    run(
        [PYTHON, str(BENCH / "measure.py"), str(out), static_name],
        {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"},
        timeout=300,
    )
    pages = json.loads(out.read_text())
    meta = pages.pop("_meta")
    runs = {"cached": {}, "uncached": {}}
    for mode, seconds in (("cached", args.seconds), ("uncached", args.uncached_seconds)):
        mode_env = dict(env)
        if mode == "uncached":
            mode_env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
        log(f"{label}: gunicorn, page cache {'on' if mode == 'cached' else 'off'}")
        with Gunicorn(mode_env, workers=args.workers, log_path=TMP / "gunicorn.log") as server:
            static_runs = []
            order = list(pages)
            if mode == "cached" and "static finder HTML" in pages:
                # The limit is measured at the start, the middle and the end, and the median
                # kept: other work on the machine moves throughput by tens of per cent.
                order.remove("static finder HTML")
                order = [
                    "static finder HTML",
                    *order[:3],
                    "static finder HTML",
                    *order[3:],
                    "static finder HTML",
                ]
            for name in order:
                page = pages[name]
                if mode == "uncached" and name == "static finder HTML":
                    continue
                url = server.url + page["url"]
                started = time.perf_counter()
                status, _headers, _body = fetch(url)  # warm: connection, templates, cache
                first = time.perf_counter() - started
                # Let every worker fill its page cache and build its facet index ('first'
                # above shows that cost) before measuring: new connections spread over the
                # workers, so a few per worker reach all of them.
                for _ in range(4 * args.workers):
                    fetch(url)
                if status != 200:
                    runs[mode][name] = {"status": status}
                    continue
                if mode == "uncached":
                    # What one render costs a reader: one request at a time, so the latency is
                    # the page's own and not the queue behind the other connections.
                    result = client.run_python(
                        url, seconds=seconds, connections=1, max_requests=200
                    )
                else:
                    result = client.load(url, seconds=seconds, connections=args.connections)
                if result["requests"] == 0:  # none finished in time: time one on its own
                    started = time.perf_counter()
                    fetch(url)
                    ms = (time.perf_counter() - started) * 1000
                    result = {
                        "tool": "one request",
                        "requests": 1,
                        "seconds": ms / 1000,
                        "rps": 1000 / ms,
                        "p50": ms,
                        "p95": ms,
                        "p99": ms,
                        "errors": 0,
                    }
                if name == "static finder HTML":
                    static_runs.append(result)
                    result = sorted(static_runs, key=lambda r: r["rps"])[len(static_runs) // 2]
                runs[mode][name] = {"status": status, **result, "first_ms": first * 1000}
                if mode == "uncached":
                    meta["worker_rss_mb"] = max(meta.get("worker_rss_mb", 0), worker_rss_mb(server))
                log(
                    f"{label} {mode:8} {name:18} {result['rps']:8.0f} req/s "
                    f"p50 {result['p50']:6.1f} ms p95 {result['p95']:6.1f} ms "
                    f"errors {result['errors']}"
                )
    return {"label": label, "meta": meta, "pages": pages, "runs": runs}


# -- two processes, one Redis cache ---------------------------------------------------------
def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not available" for the bench
        return False


def two_process_invalidation(args, databases, db_name, static_root, pages):
    """Two gunicorn processes sharing one Redis cache; a third process publishes."""
    if not redis_available():
        return {"skipped": f"no Redis at {REDIS_URL} (or the redis package is missing)"}
    env = production_env(
        DATABASE_URL=databases.url(db_name),
        DJANGO_STATIC_ROOT=static_root,
        CACHE_URL=REDIS_URL,
        LIBRARY_CACHE_STATUS_HEADER="1",  # the steps read X-Cache (off in production)
    )
    run([PYTHON, str(BENCH / "publish.py"), "bump"], env)
    detail = pages["case study"]["url"]
    finder = pages["finder (2 facets)"]["url"]
    slug = detail.strip("/").split("/")[-1]
    steps, ok = [], True
    log = TMP / "gunicorn-two.log"
    # Three workers each, as the recipe runs them (deploy/gunicorn.conf.py).
    with Gunicorn(env, workers=3, log_path=log) as a, Gunicorn(env, workers=3, log_path=log) as b:

        def check(server, name, url, expect_cache, expect_text=None):
            nonlocal ok
            # Behind a load balancer every app server sees the same public host name.
            status, headers, body = fetch(server.url + url, {"Host": "localhost"})
            cache_state = headers.get("X-Cache", "-")
            passed = (
                status == 200
                and cache_state == expect_cache
                and (expect_text is None or expect_text.encode() in body)
            )
            ok &= passed
            steps.append((f"{name} {url}", f"{status} {cache_state}", passed))

        check(a, "A", detail, "MISS")
        check(b, "B", detail, "HIT")
        check(a, "A", "/", "MISS")
        check(b, "B", "/", "HIT")
        check(b, "B", finder, "MISS")
        check(a, "A", finder, "HIT")
        token = f"Renamed by the bench {int(time.time())}"
        run([PYTHON, str(BENCH / "publish.py"), "rename", slug, token], env)
        steps.append((f"curator process: rename {slug} and save()", "published", True))
        check(b, "B", detail, "MISS", token)
        check(a, "A", detail, "HIT", token)
        check(a, "A", finder, "MISS")
        check(b, "B", finder, "HIT")
        check(b, "B", "/", "MISS", token)  # the home page lists recent updates
        check(a, "A", "/", "HIT", token)
        redis_run = client.load(a.url + finder, seconds=args.seconds, connections=args.connections)
    return {"steps": steps, "ok": ok, "redis_finder": redis_run}


# -- report ---------------------------------------------------------------------------------
def fmt(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def page_weight_kb(page):
    return (page["bytes_gzip"] + page["bytes_assets"]) / 1024


def render_table(result):
    meta, pages, runs = result["meta"], result["pages"], result["runs"]
    static = runs["cached"].get("static finder HTML", {})
    static_rps = static.get("rps")
    lines = [
        f"#### {result['label']}: {meta['case_studies']:,} case studies "
        f"({meta['published']:,} published)",
        "",
        "| page | status | req/s | p50 ms | p95 ms | × static | uncached first ms | uncached "
        "p50 ms | uncached p95 ms | SQL queries | KB (HTML+CSS+JS, gzip) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, page in pages.items():
        cached = runs["cached"].get(name, {})
        uncached = runs["uncached"].get(name, {})
        ratio = (cached.get("rps") / static_rps) if cached.get("rps") and static_rps else None
        weight = "PDF" if name == "checklist PDF" else fmt(page_weight_kb(page), 1)
        lines.append(
            f"| {name} | {page['status']} | {fmt(cached.get('rps'))} | "
            f"{fmt(cached.get('p50'), 1)} | {fmt(cached.get('p95'), 1)} | {fmt(ratio, 2)} | "
            f"{fmt(uncached.get('first_ms'), 1)} | {fmt(uncached.get('p50'), 1)} | "
            f"{fmt(uncached.get('p95'), 1)} | {page['queries']} | {weight} |"
        )
    errors = sum(r.get("errors", 0) for mode in runs.values() for r in mode.values())
    lines += ["", f"Load-generator errors (non-2xx, timeouts): {errors}.", ""]
    return lines


def check_targets(results, largest_label):
    """One line per target per database: met, or the measured gap."""
    lines = []
    for vendor, by_size in results.items():
        for label, result in by_size.items():
            pages, runs = result["pages"], result["runs"]
            if result["meta"].get("judged"):
                lines.append(
                    f"- {vendor} {label}: search on the judged queries: {result['meta']['judged']}"
                )
            worst = max((p["queries"], n) for n, p in pages.items())
            lines.append(
                _verdict(
                    f"{vendor} {label}: ≤ {TARGETS['queries']} SQL queries on every page",
                    worst[0] <= TARGETS["queries"],
                    f"worst {worst[0]} ({worst[1]})",
                )
            )
            heavy = max(
                (page_weight_kb(p), n)
                for n, p in pages.items()
                if n not in ("checklist PDF", "static finder HTML")
            )
            lines.append(
                _verdict(
                    f"{vendor} {label}: page weight < {TARGETS['weight_kb']:.0f} KB (not the PDF)",
                    heavy[0] < TARGETS["weight_kb"],
                    f"heaviest {heavy[0]:.1f} KB ({heavy[1]})",
                )
            )
            static = runs["cached"].get("static finder HTML", {}).get("rps")
            finder = runs["cached"].get("finder (2 facets)", {}).get("rps")
            need = None
            if label == "real":
                need = TARGETS["finder_ratio_real"]
            elif label == largest_label:
                need = TARGETS["finder_ratio_largest"]
            if need is not None:
                ratio = finder / static if finder and static else 0.0
                lines.append(
                    _verdict(
                        f"{vendor} {label}: finder ≥ {need}× the static file",
                        ratio >= need,
                        f"{ratio:.2f}× ({fmt(finder)} vs {fmt(static)} req/s)",
                    )
                )
            if vendor == "PostgreSQL" and label == largest_label:
                lines += _largest_targets(vendor, label, result)
                for mode in ("cached", "uncached"):
                    p95 = max(
                        runs[mode].get(n, {}).get("p95") or 0.0
                        for n in (
                            "finder (2 facets)",
                            "finder (search)",
                            "site search",
                            "site search (typo + acronym)",
                        )
                    )
                    lines.append(
                        _verdict(
                            f"{vendor} {label}: p95 of finder, finder search and site search < "
                            f"{TARGETS['search_p95_ms']:.0f} ms ({mode})",
                            0 < p95 < TARGETS["search_p95_ms"],
                            f"worst p95 {p95:.1f} ms",
                        )
                    )
    return lines


def _largest_targets(vendor, label, result):
    """The uncached page, after-publish and memory targets (PostgreSQL at the largest size)."""
    lines = []
    for name in UNCACHED_PAGES:
        p95 = result["runs"]["uncached"].get(name, {}).get("p95") or 0.0
        lines.append(
            _verdict(
                f"{vendor} {label}: {name} p95 < {TARGETS['page_p95_ms']:.0f} ms (uncached)",
                0 < p95 < TARGETS["page_p95_ms"],
                f"p95 {p95:.1f} ms",
            )
        )
    after = result["meta"].get("after_publish_ms") or 0.0
    lines.append(
        _verdict(
            f"{vendor} {label}: first finder request after a publish < "
            f"{TARGETS['after_publish_ms']:.0f} ms",
            0 < after < TARGETS["after_publish_ms"],
            f"{after:.0f} ms (the writer built the index when its publish committed)",
        )
    )
    publish = result["meta"].get("publish_ms") or 0.0
    lines.append(
        f"- {vendor} {label}: a publish itself takes {publish:.0f} ms "
        "(it builds every finder's facet index for the new generation once it commits)"
    )
    rss = result["meta"].get("worker_rss_mb") or 0.0
    lines.append(
        _verdict(
            f"{vendor} {label}: one gunicorn worker's resident memory after warm-up < "
            f"{TARGETS['worker_rss_mb']:.0f} MB",
            0 < rss < TARGETS["worker_rss_mb"],
            f"{rss:.0f} MB",
        )
    )
    return lines


def _verdict(text, met, detail):
    return f"- {'✅ met' if met else '❌ gap'}: {text} — {detail}"


def write_report(args, results, two_process, started, largest_label, edge_report=None):
    tool = "wrk" if client.have_wrk() else "a bounded Python client (wrk not installed)"
    lines = [
        "# Bench results",
        "",
        f"Written by `bench/run.py` on {datetime.now():%Y-%m-%d %H:%M} in "
        f"{time.monotonic() - started:.0f} s. Machine: {os.cpu_count()} cores. "
        f"Load: {tool}, {args.connections} connections, {args.seconds} s per page cached "
        f"(page cache on, as served to anonymous readers) and {args.uncached_seconds} s "
        f"uncached (page cache off: every request renders, one request at a time, so p50/p95 "
        f"are what a render costs one reader; 'first' is the first request after the server "
        f"started, which also builds the finder's facet index); gunicorn "
        f"{args.workers} workers × 4 threads, DEBUG off, WhiteNoise; requests ask for gzip. "
        "SQL queries and bytes are measured in-process on the same database with the page "
        "cache off. The static limit is the finder's HTML served as a static file by the "
        "same gunicorn/WhiteNoise.",
        "",
        "## Targets",
        "",
        *check_targets(results, largest_label),
        *(edge_report or {}).get("targets", []),
        "",
    ]
    for vendor, by_size in results.items():
        lines += [f"## {vendor}", ""]
        for result in by_size.values():
            lines += render_table(result)
    lines += ["## Two gunicorn processes, one Redis cache", ""]
    if not two_process:
        lines += ["Not run (--skip-two-process).", ""]
    elif "skipped" in two_process:
        lines += [f"Skipped: {two_process['skipped']}.", ""]
    else:
        lines += ["| step | answer | as expected |", "| --- | --- | --- |"]
        lines += [
            f"| {step} | {answer} | {'yes' if ok else '**no**'} |"
            for step, answer, ok in two_process["steps"]
        ]
        redis_run = two_process["redis_finder"]
        lines += [
            "",
            f"Result: {'both processes invalidated on publish' if two_process['ok'] else 'FAILED'}"
            f". Finder from the Redis cache (one process, three workers): {fmt(redis_run['rps'])} "
            f"req/s, p95 {fmt(redis_run['p95'], 1)} ms.",
            "",
        ]
    lines += edge.section(edge_report)
    text = "\n".join(lines)
    (BENCH / "results.md").write_text(text)
    print(text)
    complete = set(results.get("PostgreSQL", {})) == set(results.get("SQLite", {})) == set(SIZES)
    if complete:
        summary = [
            f"From [`bench/results.md`](bench/results.md), written by `make bench` on "
            f"{datetime.now():%Y-%m-%d} ({os.cpu_count()} cores; SQLite and PostgreSQL, "
            f"{', '.join(SIZES)}):",
            "",
            *check_targets(results, largest_label),
        ]
        if two_process and "steps" in two_process:
            verdict = "invalidated each other" if two_process["ok"] else "did NOT invalidate"
            summary.append(f"- Two gunicorn processes sharing one Redis cache {verdict} on publish")
        summary += (edge_report or {}).get("targets", [])
        update_readme(summary)
    else:
        log("README.md not updated: only a full run (both databases, every size) goes there")


README_START = "<!-- bench:start (written by bench/run.py) -->"
README_END = "<!-- bench:end -->"


def update_readme(summary):
    """Put the targets of a full run between the README's bench markers."""
    readme = ROOT / "README.md"
    text = readme.read_text()
    if README_START not in text or README_END not in text:
        log("README.md has no bench markers; not updated")
        return
    head, rest = text.split(README_START, 1)
    _old, tail = rest.split(README_END, 1)
    readme.write_text(head + README_START + "\n" + "\n".join(summary) + "\n" + README_END + tail)
    log("README.md: bench summary updated")


# -- main -----------------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: real,x100,x1000")
    parser.add_argument(
        "--backends",
        default=None,
        help="sqlite,postgres (default: sqlite, plus postgres when DATABASE_URL is postgres://)",
    )
    parser.add_argument("--seconds", type=int, default=2, help="load per page, cached")
    parser.add_argument(
        "--uncached-seconds", type=int, default=3, help="sequential requests per page, uncached"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-two-process", action="store_true")
    parser.add_argument(
        "--two-process-invalidation",
        action="store_true",
        help="only the two-process Redis invalidation check, at the real size",
    )
    args = parser.parse_args()
    started = time.monotonic()
    database_url = os.environ.get("DATABASE_URL", "")
    backends = (
        args.backends.split(",")
        if args.backends
        else (["sqlite", "postgres"] if database_url.startswith("postgres") else ["sqlite"])
    )
    if "postgres" in backends and not database_url.startswith("postgres"):
        database_url = "postgres://postgres@127.0.0.1:5432/postgres"
    sizes = [s for s in args.sizes.split(",") if s]
    if args.two_process_invalidation:
        sizes, backends = ["real"], backends[:1]
    largest_label = sizes[-1]

    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    static_root = TMP / "static"
    base_env = production_env(
        DATABASE_URL=f"sqlite:///{TMP / 'collect.sqlite3'}", DJANGO_STATIC_ROOT=static_root
    )
    log("collectstatic into a temporary STATIC_ROOT")
    run([PYTHON, MANAGE, "collectstatic", "--noinput"], base_env)

    results, two_process, edge_report = {}, None, None
    for backend in backends:
        databases = (
            SQLiteDatabases(sqlite_folder())
            if backend == "sqlite"
            else PostgresDatabases(database_url)
        )
        template = f"gplib_bench_{backend}_real"
        env = production_env(DATABASE_URL=databases.url(template), DJANGO_STATIC_ROOT=static_root)
        log(f"{databases.vendor}: migrate and load the real content")
        databases.create_empty(template)
        run([PYTHON, MANAGE, "migrate", "--noinput"], env)
        run([PYTHON, MANAGE, "load_content"], env)
        results[databases.vendor] = {}
        for size in sizes:
            name = f"gplib_bench_{backend}_{size}"
            if size != "real":
                databases.create_from(name, template)
                log(f"{databases.vendor} {size}: synthesizing case studies")
                output = run(
                    [PYTHON, str(BENCH / "synth.py"), str(SIZES[size])],
                    production_env(DATABASE_URL=databases.url(name)),
                    timeout=600,
                )
                log(output.stdout.strip())
            label = f"{databases.vendor} {size}"
            result = bench_one(args, databases, name, static_root, label)
            result["label"] = size
            results[databases.vendor][size] = result
            if size == "real" and two_process is None and not args.skip_two_process:
                log("two gunicorn processes sharing one Redis cache")
                two_process = two_process_invalidation(
                    args, databases, name, static_root, result["pages"]
                )
            if size == "real" and edge_report is None:
                log("the edge: nginx as deploy/ configures it, in front of gunicorn")
                edge_report = (
                    edge.measure(args, databases, name, static_root, result["pages"], REDIS_URL)
                    if redis_available()
                    else {"skipped": f"no Redis at {REDIS_URL}"}
                )
            if size != "real":
                databases.drop(name)
        databases.drop(template)
        if backend == "sqlite" and databases.folder != TMP:
            shutil.rmtree(databases.folder, ignore_errors=True)
    write_report(args, results, two_process, started, largest_label, edge_report)


if __name__ == "__main__":
    main()
