"""Expensive downloads bounded: PDF and Word renders through a small pool with a time limit.

A 60-step plan costs about a second of CPU as a PDF. Unbounded, a handful of anonymous clients
asking for uncached PDFs takes every core and every worker, and ordinary pages wait behind
them. Here a render first takes one of ``EXPORT_RENDERS`` slots kept in the shared cache (so
the bound holds across processes and hosts sharing it), then runs on this process's small
thread pool; whoever finds no slot within ``EXPORT_WAIT_SECONDS``, or whose render takes
longer than ``EXPORT_TIMEOUT_SECONDS``, gets a friendly "busy, try again" page instead.
Finished files are kept in the cache by what they show (``cached``), so the same plan,
checklist or comparison is rendered once per content generation.

It lives in the shared base, with no table named, so every app that makes files (guidance's
checklists and plans, the finder's comparisons) takes its slots from the one pool.
"""

import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

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
    """This process's render threads: at most ``workers`` at once, ``queue`` more waiting."""

    def __init__(self, workers, queue):
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")
        self.room = threading.BoundedSemaphore(workers + queue)

    def run(self, render, *args, timeout):
        if not self.room.acquire(blocking=False):
            raise NoRoom("every render thread of this process is taken")
        try:
            future = self.executor.submit(render, *args)
        except RuntimeError:
            self.room.release()
            raise
        future.add_done_callback(lambda _future: self.room.release())
        try:
            return future.result(timeout=timeout)
        except FutureTimeout as exc:
            raise Busy("the render took too long") from exc


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
    """``function(*args)`` in a render slot, on the pool, within the time limit; else Busy."""
    slot = _take_slot()
    if slot is None:
        raise Busy("every render slot is taken")

    def in_slot():
        try:
            return function(*args)
        finally:
            cache.delete(slot)

    try:
        return _pool.run(in_slot, timeout=settings.EXPORT_TIMEOUT_SECONDS)
    except NoRoom:
        cache.delete(slot)
        raise
    except Busy:
        raise  # still rendering: the render gives the slot back when it ends
    except BaseException:
        cache.delete(slot)  # harmless if the render already gave it back
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
