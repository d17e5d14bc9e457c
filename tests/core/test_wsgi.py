"""The WSGI entry point warms a worker before it takes a request."""

from config import wsgi


def test_a_worker_warms_up_without_the_database_and_with_the_cache_down(settings):
    """No database access is allowed here (no django_db mark), and the cache points at a port
    nothing listens on: the worker must still start."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    wsgi.warm()
    assert callable(wsgi.application)
