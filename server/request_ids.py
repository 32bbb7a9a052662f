"""A request id for every request: the client's `X-Request-ID` when it is sane (a proxy's or a
caller's id, so that its logs and ours line up), else a new one. It is sent back as
`X-Request-ID` and is `current_request_id` while the request is handled, which the log filters
(`logs`) put in every log line of the request, uvicorn's access line included.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

from cepa_kg.server.asgi_headers import HeaderRewriter, Headers
from starlette.types import Receive, Scope, Send

HEADER = b"x-request-id"
#: Letters, digits and `-._:` up to 64 characters (UUIDs, ULIDs, trace ids): nothing that
#: could forge a log line or a header.
_SANE = re.compile(rb"[A-Za-z0-9._:-]{1,64}")

current_request_id: ContextVar[str | None] = ContextVar("cepa_kg_request_id", default=None)


def request_id_from(value: bytes | None) -> str:
    """The client's id if it is sane, else a new random one (32 hex digits)."""
    if value is not None and _SANE.fullmatch(value):
        return value.decode("ascii")
    return uuid.uuid4().hex


class RequestIds(HeaderRewriter):
    """ASGI middleware: sets `current_request_id` for the request and answers with it."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v for k, v in scope["headers"] if k == HEADER), None)
        token = current_request_id.set(request_id_from(given))
        try:
            await super().__call__(scope, receive, send)
        finally:
            current_request_id.reset(token)

    def rewrite(self, status: int, headers: Headers) -> Headers:
        request_id = current_request_id.get() or ""
        return [*((k, v) for k, v in headers if k.lower() != HEADER),
                (HEADER, request_id.encode("ascii"))]
