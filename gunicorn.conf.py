"""gunicorn settings, read automatically from the directory gunicorn is started in.

gunicorn sends ``Server: gunicorn`` on every response and has no setting to stop it; the
header only tells an attacker what to look up, so its responses go out without it.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
