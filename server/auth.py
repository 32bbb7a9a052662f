"""The bearer token that opens writes (SPARQL Update, Graph Store Protocol)."""

from __future__ import annotations

import hmac

from cepa_kg.server.errors import HttpError
from cepa_kg.server.state import app_state
from cepa_kg.settings import Settings
from fastapi import Request

CHALLENGE = 'Bearer realm="cepa-kg"'


def require_token(request: Request) -> None:
    """Pass only a request bearing the configured token (compared in constant time).
    No token configured: 403 (the endpoint is read-only). No or another scheme: 401.
    A wrong token: 403."""
    settings: Settings = app_state(request).settings
    expected = settings.update_token.get_secret_value() if settings.update_token else ""
    if not expected:
        raise HttpError(403, "this endpoint is read-only: writes are disabled (the operator "
                             "has configured no update token)")
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise HttpError(401, "writes need the operator's token: send "
                             "'Authorization: Bearer <token>'", {"WWW-Authenticate": CHALLENGE})
    if not hmac.compare_digest(credentials.strip().encode(), expected.encode()):
        raise HttpError(403, "the bearer token is not the one configured for writes",
                        {"WWW-Authenticate": CHALLENGE + ', error="invalid_token"'})
