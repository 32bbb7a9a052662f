"""Whether the base IRI the data is minted under is where the server is reached.

IRIs are `{base}id/...`; a page served at another host prints IRIs that do not lead back to
it. The operator is told once at start (`start_warning`, a line in the serve log) and every
HTML page says so in a banner (`host_notice`, a Jinja global rendered in base.html).
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from cepa_kg.server.site import public_of
from cepa_kg.server.state import app_state
from fastapi import Request

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "localhost.localdomain"})
_WILDCARD = frozenset({"", "0.0.0.0", "::"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_and_port(url: str) -> tuple[str, int]:
    """The lower-case host and the port (the scheme's default when none) of an http(s) URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a Host header with a port that is not a number
        return url.lower(), -1
    return (parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)


def _names_of(listen_host: str) -> set[str]:
    """The host names a server listening on `listen_host` is reached at from this machine."""
    host = listen_host.strip("[]").lower()
    if host in _WILDCARD:
        return set(_LOOPBACK) | {socket.gethostname().lower()}
    if host in _LOOPBACK or host.startswith("127."):
        return set(_LOOPBACK) | {host}
    return {host}


def start_warning(base: str, listen_host: str, listen_port: int,
                  public_url: str | None = None) -> str | None:
    """One line for the serve log when the base's host and port are not where the server is
    reached: the public URL when one is configured (a proxy in front), else the address it
    listens on. None when they match."""
    base_host, base_port = host_and_port(base)
    if public_url:
        if host_and_port(public_url) == (base_host, base_port):
            return None
        where = public_url
    else:
        if base_host in _names_of(listen_host) and base_port == listen_port:
            return None
        where = f"http://{listen_host}:{listen_port}/"
    return (f"warning: the base IRI {base} is not where this server is reached ({where}): "
            f"entity IRIs on its pages and in its answers will not lead back to it; set "
            f"--base (CEPA_KG_BASE) to the public address, or public_url behind a proxy")


def host_notice(request: Request) -> str | None:
    """The banner's text when the page was reached at another host or port than the base's
    (the public URL's when configured, else the request's Host); None when they match."""
    base = str(app_state(request).settings.base)
    public = public_of(request)
    if host_and_port(public) == host_and_port(base):
        return None
    return (f"This page was reached at {public}/, but the IRIs of this dataset are minted "
            f"under {base}: the IRIs shown here do not lead back to this server.")
