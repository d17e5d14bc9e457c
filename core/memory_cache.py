"""A per-process memory cache bounded in bytes as well as entries.

Django's local-memory cache bounds only the number of entries. Pages are large (a finder page
is about 180 KB with its gzip copy), so 2,000 entries could hold hundreds of megabytes in
every worker; this one also evicts the least recently used large entries once the pickled
values pass MAX_BYTES. Small entries (the content generation, rate-limit and render slots)
are left alone, so a flood of pages cannot push out the keys that guard the site.
"""

from django.core.cache.backends.locmem import LocMemCache

SMALL_BYTES = 1024


class BoundedMemoryCache(LocMemCache):
    """LocMemCache with OPTIONS["MAX_BYTES"] (default 64 MB) on the sum of stored values."""

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))

    def stored_bytes(self):
        """The bytes the stored values take (pickled, as they are kept)."""
        with self._lock:
            return sum(len(value) for value in self._cache.values())

    def _set(self, key, value, timeout=None):
        super()._set(key, value, timeout)
        total = sum(len(stored) for stored in self._cache.values())
        if total <= self._max_bytes:
            return
        # Oldest first (the end of the ordered dict); never the entry just stored.
        for old_key in reversed(list(self._cache)):
            if total <= self._max_bytes:
                break
            size = len(self._cache[old_key])
            if old_key == key or size < SMALL_BYTES:
                continue
            del self._cache[old_key]
            self._expire_info.pop(old_key, None)
            total -= size
