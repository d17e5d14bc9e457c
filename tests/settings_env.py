"""Test settings from the environment: production-like, but plain HTTP on the test client."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("LIBRARY_CACHE_STATUS_HEADER", "1")  # tests read X-Cache (off in production)
# Curators are signed in with force_login; tests/security/test_client_ip.py turns this on.
os.environ.setdefault("LIBRARY_TWO_FACTOR", "0")
