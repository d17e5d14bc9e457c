"""Expensive downloads bounded: PDF and Word renders through a small pool with a time limit.

A 60-step plan costs about a second of CPU as a PDF. Unbounded, a handful of anonymous clients
asking for uncached PDFs takes every core and every worker, and ordinary pages wait behind
them. Here a render first takes one of ``EXPORT_RENDERS`` slots kept in the shared cache (so
the bound holds across processes and hosts sharing it), then runs in this process's small pool
of render processes; whoever finds no slot within ``EXPORT_WAIT_SECONDS``, or whose render
takes longer than ``EXPORT_TIMEOUT_SECONDS``, gets a friendly "busy, try again" page instead.
Finished files are kept in the cache by what they show (``cached``), so the same plan,
checklist or comparison is rendered once per content generation.

It lives in the shared base, with no table named, so every app that makes files (guidance's
checklists and plans, the finder's comparisons) takes its slots from the one pool.
"""

import hashlib
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

import django
from django.conf import settings
from django.core.cache import cache

from core.cache import content_generation

SLOT_KEY = "export-render-slot:"
EXPORT_KEY = "export-file:"


class Busy(Exception):
    """No render slot came free in time, or the render ran past its time limit."""


class NoRoom(Busy):
    """This process's pool is full: the render never started."""


class RenderPool:
    """This process's render processes: at most ``workers`` at once, ``queue`` more waiting.

    Renders run in separate processes, not threads: a PDF is a second of pure-Python CPU, and
    in a thread it holds the interpreter lock that the pages served beside it need (measured:
    8 uncached PDFs raised a cached page's p95 from 5 ms to 108 ms with a thread; see
    ``tests/security/test_export_pool.py``). A process can also be stopped: a render past its
    time limit is killed, not left burning a core. The processes start on the first render
    (``forkserver``, then ``django.setup()``), so a worker that never exports pays nothing."""

    def __init__(self, workers, queue):
        self.workers = workers
        self.room = threading.BoundedSemaphore(workers + queue)
        self.lock = threading.Lock()
        self.executor = None

    def _executor(self):
        with self.lock:
            if self.executor is None:
                self.executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("forkserver"),
                    initializer=django.setup,
                )
            return self.executor

    def _stop(self, executor):
        """Kill ``executor``'s processes (a render ran past its limit); the next render starts
        a fresh pool."""
        with self.lock:
            if self.executor is executor:
                self.executor = None
        _kill_workers(executor)
        executor.shutdown(wait=False, cancel_futures=True)

    def run(self, render, *args, timeout, finished=lambda: None):
        """``render(*args)`` in a render process; ``finished()`` once it ends, however it ends."""
        if not self.room.acquire(blocking=False):
            raise NoRoom("every render process of this process is taken")
        executor = self._executor()
        try:
            future = executor.submit(render, *args)
        except (RuntimeError, BrokenProcessPool):
            self.room.release()
            self._stop(executor)
            raise

        def done(_future):
            self.room.release()
            finished()

        future.add_done_callback(done)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout as exc:
            self._stop(executor)
            raise Busy("the render took too long") from exc
        except BrokenProcessPool as exc:
            self._stop(executor)
            raise Busy("the render process stopped") from exc


def _kill_workers(executor):
    """Kill a pool's processes: ``kill_workers()`` from Python 3.14; before it, the pool's own
    table of processes, which ``shutdown()`` only waits on."""
    kill = getattr(executor, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()


_pool = RenderPool(settings.EXPORT_WORKERS, settings.EXPORT_QUEUE)


def _take_slot():
    """One of the shared render slots, polling briefly; None if none comes free in time.

    A slot lives a little longer than the time limit, so a process that dies mid-render
    cannot hold one for ever."""
    deadline = time.monotonic() + settings.EXPORT_WAIT_SECONDS
    lifetime = int(settings.EXPORT_TIMEOUT_SECONDS) + 5
    pause = 0.02
    while True:
        for number in range(settings.EXPORT_RENDERS):
            key = f"{SLOT_KEY}{number}"
            if cache.add(key, 1, lifetime):
                return key
        if time.monotonic() >= deadline:
            return None
        time.sleep(pause)
        pause = min(pause * 1.5, 0.2)


def render(function, *args):
    """``function(*args)`` in a render slot, in a render process, within the time limit; else
    Busy. ``function`` and ``args`` cross to the process by pickling: a module-level function
    and plain values (HTML, a ``Document``)."""
    slot = _take_slot()
    if slot is None:
        raise Busy("every render slot is taken")
    try:
        return _pool.run(
            function,
            *args,
            timeout=settings.EXPORT_TIMEOUT_SECONDS,
            finished=lambda: cache.delete(slot),
        )
    except NoRoom:
        cache.delete(slot)
        raise


def cached(fmt, identity, make):
    """The file for ``identity`` (a checklist's slug, a plan's canonical query) in ``fmt``,
    made by ``make()`` only when this content generation has not made it yet."""
    digest = hashlib.sha256(f"{fmt}\n{identity}".encode("utf-8", "replace")).hexdigest()
    key = f"{EXPORT_KEY}{content_generation()}:{digest}"
    body = cache.get(key)
    if body is None:
        body = make()
        if len(body) <= settings.EXPORT_CACHE_MAX_BYTES:
            cache.set(key, body, settings.PAGE_CACHE_SECONDS)
    return body
