"""Bounded HTTP load generators for loopback only: wrk when installed, else Python threads.

Both return the same dict: requests, seconds, rps, p50/p95/p99 (ms), errors (non-2xx/3xx or
failed connections) and a count per status code where known. Every run stops by itself after
`seconds` (and the Python client also after `max_requests`).
"""

import http.client
import json
import shutil
import subprocess
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from bench.common import BENCH

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _check_loopback(url):
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"the bench only sends traffic to loopback, not {host}")


def have_wrk():
    return shutil.which("wrk") is not None


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def run_wrk(url, *, seconds, connections, threads=2):
    _check_loopback(url)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "wrk_report.lua"),
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    data = json.loads(line.removeprefix("WRKJSON "))
    duration = data["duration_us"] / 1e6
    errors = sum(
        data[k]
        for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return {
        "tool": "wrk",
        "requests": data["requests"],
        "seconds": duration,
        "rps": data["requests"] / duration if duration else 0.0,
        "p50": data["p50_us"] / 1000,
        "p95": data["p95_us"] / 1000,
        "p99": data["p99_us"] / 1000,
        "errors": errors,
        "bytes_per_request": data["bytes"] / max(1, data["requests"]),
    }


def run_python(urls, *, seconds, connections, max_requests=1_000_000, on_response=None):
    """`connections` threads, each with its own keep-alive connection, cycling through urls."""
    urls = [urls] if isinstance(urls, str) else list(urls)
    for url in urls:
        _check_loopback(url)
    deadline = time.monotonic() + seconds
    latencies, statuses, lock = [], Counter(), threading.Lock()
    budget = {"left": max_requests}

    def worker(offset):
        conn, i = None, offset
        while time.monotonic() < deadline:
            with lock:
                if budget["left"] <= 0:
                    return
                budget["left"] -= 1
            url = urls[i % len(urls)]
            i += 1
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = conn.getresponse()
                body = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status, body = "connection error", b""
                if conn is not None:
                    conn.close()
                conn = None
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
            if on_response is not None:
                on_response(url, status, body)
        if conn is not None:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    latencies.sort()
    errors = sum(
        n for status, n in statuses.items() if not isinstance(status, int) or status >= 400
    )
    return {
        "tool": "python",
        "requests": len(latencies),
        "seconds": duration,
        "rps": len(latencies) / duration if duration else 0.0,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "errors": errors,
        "statuses": {str(k): v for k, v in statuses.items()},
    }


def load(url, *, seconds, connections, threads=2):
    """Throughput and latency of one URL with the best generator available (``threads``: wrk's
    own threads)."""
    if have_wrk():
        return run_wrk(url, seconds=seconds, connections=connections, threads=threads)
    return run_python(url, seconds=seconds, connections=connections)
