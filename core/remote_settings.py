"""The remote store a deployment's settings name, if any (`--store http(s)://...`)."""

from __future__ import annotations

import httpx
from cepa_kg.namespaces import CEPA_DEF
from cepa_kg.remote_store import RemoteEndpoints, RemoteStore
from cepa_kg.settings import Settings


def remote_auth(settings: Settings) -> httpx.Auth | None:
    """Bearer, Basic or Digest credentials for the remote store, as configured."""
    if settings.store_token is not None:
        token = settings.store_token.get_secret_value()
        return _Bearer(token)
    if settings.store_user is None:
        return None
    password = settings.store_password.get_secret_value() if settings.store_password else ""
    if settings.store_auth == "digest":
        return httpx.DigestAuth(settings.store_user, password)
    return httpx.BasicAuth(settings.store_user, password)


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        request.headers["Authorization"] = self._header
        yield request


def remote_store(settings: Settings) -> RemoteStore | None:
    """The remote store of `settings`, or None when they name the embedded one."""
    if settings.store_url is None:
        return None
    endpoints = RemoteEndpoints.from_url(settings.store_url, settings.store_update_url,
                                         settings.store_graph_store_url)
    # A second past the query budget: the budget answers 503 first, as on the embedded
    # store, and the connection is let go soon after.
    return RemoteStore(endpoints, owned=(settings.base, CEPA_DEF),
                       timeout_s=settings.query_timeout_s + 1, auth=remote_auth(settings))
