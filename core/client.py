"""The client's address, the one function every per-address rule uses (django-axes, the
submission limit): the socket's peer, unless that peer is one of our own proxies.

``X-Forwarded-For`` is anyone's to write, so it is read only when the connection comes from an
address in LIBRARY_TRUSTED_PROXIES (addresses or networks; ``unix`` for nginx on the gunicorn
unix socket, whose peer has no IP address). Each trusted proxy appends the address it saw, so
with LIBRARY_TRUSTED_PROXY_HOPS proxies in a row the client is that many entries from the
right; whatever a client wrote further left is ignored.
"""

import functools
import ipaddress

from django.conf import settings

UNIX_SOCKET = "unix"


@functools.cache
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted if entry != "unix")


def _ip(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    """Whether a connection from ``address`` (REMOTE_ADDR) is one of our own proxies."""
    trusted = tuple(settings.LIBRARY_TRUSTED_PROXIES)
    ip = _ip(address)
    if ip is None:  # no IP address: a unix socket, which only the local proxy can open
        return UNIX_SOCKET in trusted
    return any(ip in network for network in _networks(trusted))


def client_address(request):
    """The address a per-address limit counts: see the module docstring."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(remote):
        return remote
    hops = max(1, settings.LIBRARY_TRUSTED_PROXY_HOPS)
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [hop for hop in forwarded if hop]
    if len(forwarded) < hops:
        return remote  # fewer hops than configured: nothing here was written by our proxies
    client = forwarded[-hops]
    return str(_ip(client)) if _ip(client) is not None else remote
