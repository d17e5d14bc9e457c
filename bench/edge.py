"""The edge: the site served through nginx exactly as deploy/ configures it (issue 17, item 5).

nginx runs the http-level part and the locations of deploy/nginx/ as they are (only the paths
swapped for the bench's: STATIC_ROOT, the cache folder, gunicorn's socket), over plain HTTP on
loopback instead of TLS; gunicorn runs deploy/gunicorn.conf.py on the recipe's Redis cache,
on its unix socket for nginx plus a loopback port for the "direct" numbers. Reported side by
side: the finder's HTML as a static file from nginx (the physical limit), the finder, a case
study and the home page through nginx, and the finder direct from gunicorn; and how long a
publish takes to be seen through nginx.
"""

import argparse
import getpass
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import client  # noqa: E402
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

DEPLOY = ROOT / "deploy"
TARGET_RATIO = 0.8
TARGET_PUBLISH_SECONDS = 10.0
EDGE_PAGES = ("finder (2 facets)", "case study", "home")


def find_nginx():
    """nginx, installed from the distribution's packages if it is missing (and we may)."""
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    quiet = {
        "capture_output": True,
        "check": False,
        "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    }
    subprocess.run(["apt-get", "update", "-qq"], **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], **quiet)
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def nginx_conf(folder, *, port, socket, static_root):
    """deploy/'s http part and locations, in a main config for a throw-away nginx."""
    http = (DEPLOY / "nginx" / "gplibrary-http.conf").read_text()
    http = http.replace("/var/cache/nginx/gplibrary", str(folder / "cache"))
    http = http.replace("unix:/run/gplibrary/gunicorn.sock", f"unix:{socket}")
    locations = (DEPLOY / "nginx" / "gplibrary-locations.conf").read_text()
    locations = locations.replace("/srv/gplibrary/staticfiles/", f"{static_root}/")
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # The rest as Debian's /etc/nginx/nginx.conf has it (worker_processes auto, sendfile ...).
    return f"""{user}
worker_processes auto;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log off;
    gzip on;
{temp}
{http}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
{locations}
    }}
}}
"""


class Edge:
    """gunicorn (deploy/gunicorn.conf.py) behind nginx (deploy/nginx/), both throw-away."""

    def __init__(self, nginx, env, static_root, workers):
        self.folder = TMP / "edge"
        shutil.rmtree(self.folder, ignore_errors=True)
        (self.folder / "cache").mkdir(parents=True)
        self.folder.chmod(0o755)
        socket = self.folder / "gunicorn.sock"
        self.direct = f"http://127.0.0.1:{free_port()}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(TMP / "edge.log", "ab")  # noqa: SIM115 - closed in stop()
        env = {**env, "GUNICORN_BIND": f"unix:{socket}", "WEB_CONCURRENCY": str(workers)}
        self.gunicorn = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                str(DEPLOY / "gunicorn.conf.py"),
                "--bind",
                f"unix:{socket}",
                "--bind",
                self.direct.removeprefix("http://"),
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        conf = self.folder / "nginx.conf"
        conf.write_text(
            nginx_conf(self.folder, port=self.port, socket=socket, static_root=static_root)
        )
        self.nginx = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(self.folder), "-g", "daemon off;"],
            stdout=self.log,
            stderr=self.log,
        )

    def wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in (self.gunicorn, self.nginx):
                if process.poll() is not None:
                    raise RuntimeError(f"{process.args[0]} exited: see {TMP / 'edge.log'}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    response.read()
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the edge did not start")

    def stop(self):
        for process in (self.nginx, self.gunicorn):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.log.close()


def get(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.headers, body


def seconds_until_seen(edge, url, slug, env):
    """Rename a case study in a curator's process; poll it through nginx until it shows."""
    token = f"Edge publish {int(time.time())}"
    get(edge.url + url)  # cached at the edge before the publish
    subprocess.run(
        [PYTHON, str(BENCH / "publish.py"), "rename", slug, token],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    published = time.monotonic()
    while time.monotonic() - published < 3 * TARGET_PUBLISH_SECONDS:
        if token.encode() in get(edge.url + url)[1]:
            return time.monotonic() - published
        time.sleep(0.1)
    return None


def measure(args, databases, db_name, static_root, pages, redis_url):
    """Run the edge and return its report: {"lines": [...], "targets": [...]} (or "skipped")."""
    nginx = find_nginx()
    if nginx is None:
        return {"skipped": "nginx is not installed (apt-get install nginx)"}
    env = production_env(
        DATABASE_URL=databases.url(db_name),
        DJANGO_STATIC_ROOT=static_root,
        CACHE_URL=redis_url,
        LIBRARY_TRUSTED_PROXIES="unix",
        DJANGO_BEHIND_PROXY="1",
    )
    subprocess.run(
        [PYTHON, str(BENCH / "publish.py"), "bump"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    edge = Edge(nginx, env, static_root, workers=3).wait()
    try:
        rows = load_pages(args, edge, pages)
        slug = pages["case study"]["url"].strip("/").split("/")[-1]
        seen = seconds_until_seen(edge, pages["case study"]["url"], slug, env)
    finally:
        edge.stop()
    return report(rows, seen)


ROUNDS = 11  # short runs, interleaved: the median round is reported (7 rounds left 0.78-0.89x)
ROUND_SECONDS = 1
# One wrk thread: nginx's two workers and the load generator share the machine's two cores,
# and a second wrk thread only adds to the scheduling noise (nine 1 s runs of the nginx
# static file: 85,000-105,000 req/s with two threads, 93,000-101,000 with one).
WRK_THREADS = 1


def load_pages(args, edge, pages):
    """Each page through nginx between two runs of the static file and compared with the mean
    of those two (other work on the shared machine moves throughput by tens of per cent within
    seconds), in ROUNDS short rounds, every other one in the reverse order so that no page is
    always measured at the same point; each page's median round is reported. Then the same
    pages direct from gunicorn."""
    static_url = edge.url + pages["static finder HTML"]["url"]
    rounds, statics = {name: [] for name in EDGE_PAGES}, []
    for number in range(ROUNDS):
        before = _load(static_url, args)
        statics.append(before)
        for name in EDGE_PAGES if number % 2 == 0 else EDGE_PAGES[::-1]:
            row = _load(edge.url + pages[name]["url"], args)
            after = _load(static_url, args)
            statics.append(after)
            rounds[name].append(row | {"static_rps": (before["rps"] + after["rps"]) / 2})
            before = after
    static = _median(statics, lambda row: row["rps"])
    rows = {"static file (nginx)": static | {"static_rps": static["rps"]}}
    for name in EDGE_PAGES:
        rows[f"{name} (nginx)"] = _median(rounds[name], lambda row: row["rps"] / row["static_rps"])
    for name in EDGE_PAGES:
        row = _load(edge.direct + pages[name]["url"], args, seconds=3)
        rows[f"{name} (gunicorn direct)"] = row | {"static_rps": static["rps"]}
    return rows


def _median(rows, key):
    return sorted(rows, key=key)[len(rows) // 2]


def _load(url, args, seconds=ROUND_SECONDS):
    for _ in range(3):
        headers, _body = get(url)  # warm the edge and every worker
    row = client.load(url, seconds=seconds, connections=args.connections, threads=WRK_THREADS)
    return row | {"edge": headers.get("X-Edge-Cache", "–"), "cc": headers.get("Cache-Control", "–")}


def report(rows, seen):
    lines = [
        "| page | req/s | p50 ms | p95 ms | KB sent | × nginx static | X-Edge-Cache "
        "| Cache-Control |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for label, row in rows.items():
        lines.append(
            f"| {label} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p95']:.1f} | "
            f"{row.get('bytes_per_request', 0) / 1024:.1f} | "
            f"{row['rps'] / row['static_rps']:.2f} | {row['edge']} | {row['cc']} |"
        )
    targets = []
    for name in EDGE_PAGES:
        row = rows[f"{name} (nginx)"]
        ratio = row["rps"] / row["static_rps"]
        met = "✅ met" if ratio >= TARGET_RATIO else "❌ gap"
        targets.append(
            f"- {met}: {name} through nginx ≥ {TARGET_RATIO}× the nginx static file — "
            f"{ratio:.2f}× ({row['rps']:,.0f} vs {row['static_rps']:,.0f} req/s)"
        )
    met = seen is not None and seen <= TARGET_PUBLISH_SECONDS
    targets.append(
        f"- {'✅ met' if met else '❌ gap'}: a publish seen through nginx within "
        f"{TARGET_PUBLISH_SECONDS:.0f} s — "
        + (f"{seen:.1f} s" if seen is not None else "not seen in 30 s")
    )
    return {"lines": lines, "targets": targets}


class _SQLite:
    def __init__(self, folder):
        self.folder = folder

    def url(self, name):
        return f"sqlite:///{self.folder / (name + '.sqlite3')}"


def main():
    """python bench/edge.py: only the edge, at the real size, on SQLite (make bench runs it
    inside the full run, bench/run.py)."""
    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    folder = TMP / "edge-only"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    databases, static_root = _SQLite(folder), folder / "static"
    env = production_env(DATABASE_URL=databases.url("real"), DJANGO_STATIC_ROOT=static_root)
    for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PYTHON, MANAGE, *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    out = folder / "measure.json"
    subprocess.run(
        [PYTHON, str(BENCH / "measure.py"), str(out), "finder-edge.html"],
        env={**env, "DJANGO_PAGE_CACHE_SECONDS": "0"},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    result = measure(args, databases, "real", static_root, json.loads(out.read_text()), redis_url)
    print("\n".join(result.get("lines", [result.get("skipped", "")]) + result.get("targets", [])))


if __name__ == "__main__":
    main()


def section(edge_report):
    """The edge's part of bench/results.md."""
    head = ["## The edge: nginx as deploy/ configures it", ""]
    if not edge_report:
        return head + ["Not run.", ""]
    if "skipped" in edge_report:
        return head + [f"Skipped: {edge_report['skipped']}.", ""]
    intro = (
        "nginx with deploy/nginx/'s http part and locations (plain HTTP on loopback), gunicorn "
        "with deploy/gunicorn.conf.py (3 workers, Redis); each page's ratio is to the mean of "
        "the static-file runs just before and after it; each row is the median of "
        f"{ROUNDS} rounds of 1 s (wrk, one thread), every other round in the reverse order."
    )
    return head + [intro, "", *edge_report["lines"], "", *edge_report["targets"], ""]
