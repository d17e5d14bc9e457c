"""What is derived from the public content and held in each process for one content
generation (``core.cache.content_generation``): the search's thesaurus, vocabulary,
definitions and recommended pages."""

import functools
import threading

from core.cache import content_generation


def per_generation(build):
    """``build(using)``, worked out once per content generation per process and database (what
    the search derives from the content): every process sharing the cache sees a change."""
    held, lock = {}, threading.Lock()

    @functools.wraps(build)
    def current(using="default"):
        generation = content_generation()
        found = held.get(using)
        if found and found[0] == generation:
            return found[1]
        with lock:
            value = build(using)
            held[using] = (generation, value)
            return value

    return current
