"""System checks for a production deployment that Django's own --deploy checks cannot see."""

from django.conf import settings
from django.core import checks

PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "core.memory_cache.BoundedMemoryCache",
)


def cache_is_per_process(alias):
    """Whether the cache ``alias`` lives in one process's memory (every worker its own copy)."""
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    return backend in PER_PROCESS_BACKENDS or backend.endswith("LocMemCache")


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_content_generation(app_configs=None, **kwargs):
    """With DEBUG off the content generation, the sessions' cache and the rate limits must be
    where every process sees them: on a per-process cache each gunicorn worker keeps its own
    generation, so after a publish most readers keep getting the old pages, and every limit
    is multiplied by the number of workers. Run by ``check --deploy`` and by the gunicorn
    config in deploy/ before any worker starts."""
    if settings.DEBUG:
        return []
    if not any(cache_is_per_process(a) for a in {"default", settings.PAGE_CACHE_ALIAS}):
        return []
    return [
        checks.Error(
            "DEBUG is off but the cache is per-process (CACHE_URL=locmem://): each worker "
            "would keep its own content generation, so a publish reaches only one of them, "
            "and the submission and sign-in limits are multiplied by the number of workers.",
            hint=(
                "Set CACHE_URL=redis://127.0.0.1:6379/0 (or db://library_cache after "
                "`manage.py createcachetable`), as the README's Production recipe does."
            ),
            id="library.E001",
        )
    ]
