"""Load test: 32 clients hammer the finder, search and a case study while a curator publishes.

    python bench/load.py [--seconds 30] [--clients 32]

Bounded: at most 60 s of load, loopback only. Builds a throw-away database with the real
content (SQLite; PostgreSQL when DATABASE_URL points at it), serves it with gunicorn under
production settings sharing one Redis cache (as production would; LocMem if Redis is missing),
and while the clients run, a curator in a separate process publishes a new case study every
second. Passes when: no 5xx or failed request, every published row is in the database exactly
once (none lost, none duplicated), and every published item appears on its page, in search
results and in the Atom feed of new case studies. Exit status 0 on pass.
"""

import argparse
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import client  # noqa: E402
from bench.common import BENCH, MANAGE, PYTHON, ROOT, TMP, production_env  # noqa: E402
from bench.run import (  # noqa: E402
    REDIS_URL,
    Gunicorn,
    PostgresDatabases,
    SQLiteDatabases,
    fetch,
    redis_available,
)

MAX_SECONDS = 60
VISIBLE_WITHIN = 10.0  # seconds after publishing


def log(message):
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", flush=True)


def count_rows(env, prefix):
    code = (
        "import json;from casestudies.models import CaseStudy as C;"
        f"s=list(C.objects.filter(slug__startswith='{prefix}-').values_list('slug',flat=True));"
        "print(json.dumps({'rows': len(s), 'distinct': len(set(s)), 'total': C.objects.count(),"
        "'published': C.objects.published().filter(slug__in=s).count()}))"
    )
    output = subprocess.run(
        [PYTHON, MANAGE, "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    import os

    database_url = os.environ.get("DATABASE_URL", "")
    TMP.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("postgres"):
        databases = PostgresDatabases(database_url)
    else:
        databases = SQLiteDatabases(TMP)
    name = "gplib_load"
    static_root = TMP / "load-static"
    cache_url = REDIS_URL if redis_available() else "locmem://"
    env = production_env(
        DATABASE_URL=databases.url(name), DJANGO_STATIC_ROOT=static_root, CACHE_URL=cache_url
    )
    log(f"{databases.vendor}, cache {cache_url}: migrate, load content, collectstatic")
    databases.create_empty(name)
    for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PYTHON, MANAGE, *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    subprocess.run([PYTHON, str(BENCH / "publish.py"), "bump"], env=env, check=True)
    prefix = f"load{int(time.time()) % 100000}"
    before = count_rows(env, prefix)

    published, visible, problems = [], {}, []
    with Gunicorn(env, workers=args.workers, log_path=TMP / "gunicorn-load.log") as server:
        _status, _h, body = fetch(server.url + "/case-studies/?q=pharmacist")
        detail = "/case-studies/solutions-from-sussex/"
        urls = [
            server.url + u
            for u in (
                "/case-studies/?theme=new-roles&role=paramedic",
                "/case-studies/?q=pharmacist",
                detail,
            )
        ]
        curator = subprocess.Popen(
            [PYTHON, str(BENCH / "publish.py"), "series", prefix, str(max(1, seconds - 5)), "1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

        def verify(item, at):
            deadline = at + VISIBLE_WITHIN
            checks = {
                "page": (f"/case-studies/{item['slug']}/", item["slug"]),
                "search": (f"/case-studies/?q={item['token']}", item["slug"]),
                "feed": ("/feeds/case-studies/", item["slug"]),
            }
            seen = {}
            while checks and time.monotonic() < deadline:
                for what, (path, needle) in list(checks.items()):
                    status, _headers, page = fetch(server.url + path)
                    if status >= 500:
                        problems.append(f"{status} on {path}")
                    if status == 200 and needle.encode() in page:
                        seen[what] = round(time.monotonic() - at, 2)
                        del checks[what]
                time.sleep(0.25)
            visible[item["slug"]] = {"seen_after_s": seen, "missing": sorted(checks)}

        verifiers = []

        def read_curator():
            for line in curator.stdout:
                item = json.loads(line)
                published.append(item)
                thread = threading.Thread(target=verify, args=(item, time.monotonic()))
                thread.start()
                verifiers.append(thread)

        reader = threading.Thread(target=read_curator)
        reader.start()
        log(f"{args.clients} clients for {seconds} s; a curator publishes every second")
        result = client.run_python(urls, seconds=seconds, connections=args.clients)
        curator.wait(timeout=30)
        reader.join()
        for thread in verifiers:
            thread.join()
        if curator.returncode != 0:
            problems.append(f"curator failed: {curator.stderr.read()[-500:]}")
    after = count_rows(env, prefix)
    databases.drop(name)

    statuses = Counter(result["statuses"])
    server_errors = sum(n for s, n in statuses.items() if not s.isdigit() or int(s) >= 500)
    lost = len(published) - after["rows"]
    duplicated = after["rows"] - after["distinct"]
    not_visible = {slug: v["missing"] for slug, v in visible.items() if v["missing"]}
    worst = max((max(v["seen_after_s"].values(), default=0) for v in visible.values()), default=0)
    passed = (
        server_errors == 0
        and result["errors"] == 0
        and lost == 0
        and duplicated == 0
        and after["published"] == len(published)
        and not not_visible
        and not problems
        and after["total"] == before["total"] + len(published)
        and published
    )
    report = {
        "database": databases.vendor,
        "cache": cache_url,
        "seconds": round(result["seconds"], 1),
        "clients": args.clients,
        "requests": result["requests"],
        "rps": round(result["rps"]),
        "p50_ms": round(result["p50"], 1),
        "p95_ms": round(result["p95"], 1),
        "statuses": dict(statuses),
        "5xx_or_failed": server_errors,
        "published": len(published),
        "rows_found": after["rows"],
        "lost": lost,
        "duplicated": duplicated,
        "case_studies_before": before["total"],
        "case_studies_after": after["total"],
        "not_visible": not_visible,
        "slowest_visible_after_s": worst,
        "problems": problems,
        "passed": bool(passed),
    }
    print(json.dumps(report, indent=1))
    (BENCH / "load-results.json").write_text(json.dumps(report, indent=1) + "\n")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
