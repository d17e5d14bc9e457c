"""gunicorn settings for production: gunicorn -c deploy/gunicorn.conf.py config.wsgi

Listens only where nginx reaches it (a unix socket, or loopback), so no one can send it a
forged X-Forwarded-For directly; and checks the deployment before any worker starts, so a
per-process cache with several workers (library.E001) stops the start with the reason.
"""

import os
import runpy
from pathlib import Path

import django
from django.core.management import call_command

# The project's own gunicorn.conf.py (no Server header), which -c stops gunicorn reading.
runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))

bind = os.environ.get("GUNICORN_BIND", "unix:/run/gplibrary/gunicorn.sock")
if not bind.startswith(("unix:", "127.0.0.1:", "[::1]:")):
    raise SystemExit(f"GUNICORN_BIND={bind}: bind a unix socket or loopback only (see README)")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = 4
keepalive = 5
timeout = 30
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500
umask = 0o007  # the socket: the service's user and group (www-data, nginx) only
# nginx is the only client, and the app reads client addresses itself (core/client.py).
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG") else None
errorlog = "-"


def on_starting(server):
    """Run Django's deployment checks (and the library's) before forking any worker."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    call_command("check", deploy=True, fail_level="ERROR")
