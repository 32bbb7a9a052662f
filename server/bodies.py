"""Request bodies read with a cap: a body over its route's limit is answered `413` with the
limit, from its `Content-Length` before a byte is read, or as soon as a chunked body passes
it; never held whole in memory first."""

from __future__ import annotations

from cepa_kg.server.errors import HttpError
from starlette.requests import Request


def _size(limit: int) -> str:
    mb = limit / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{limit:,} bytes"


def too_large(limit: int, what: str) -> HttpError:
    return HttpError(413, f"the {what} is over this service's limit of {_size(limit)}")


async def read_capped(request: Request, limit: int, what: str = "request body") -> bytes:
    """The request's body, or HttpError 413 past `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit, what)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large(limit, what)
    return bytes(body)
