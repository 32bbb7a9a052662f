"""In a front process of `cepa-kg serve --workers N` on the embedded store: every write
(SPARQL Update on /sparql or /update, Graph Store Protocol writes on /store) is sent on, as
it came, to the one writer process, and its answer returned as it is (the writer checks the
token, the shapes and the budget). Reads are served here from the writer's checkpoints."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_WRITE_PATHS = ("/update", "/store")
_HOP_HEADERS = {b"host", b"content-length", b"connection", b"transfer-encoding", b"keep-alive"}


def is_write(method: str, path: str, content_type: str, body: bytes) -> bool:
    """Whether a request writes: POST /update; PUT, POST or DELETE /store; a POST /sparql
    carrying an update (as `application/sparql-update`, or an `update` form field)."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return False
    if path in _WRITE_PATHS:
        return True
    if path != "/sparql" or method != "POST":
        return False
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/sparql-update":
        return True
    if kind == "application/x-www-form-urlencoded":
        return "update" in parse_qs(body.decode("utf-8", "replace"))
    return False


class ForwardWrites:
    def __init__(self, app: ASGIApp, writer_url: str, timeout_s: float) -> None:
        self.app = app
        self.writer_url = writer_url.rstrip("/")
        self.client = httpx.AsyncClient(timeout=timeout_s + 5)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope["path"][len(scope.get("root_path", "")):] or scope["path"]
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]
                   if k not in _HOP_HEADERS}
        if not is_write(scope["method"], path, headers.get("content-type", ""), body):
            await self.app(scope, _replay(body, receive), send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        url = self.writer_url + path + (f"?{query}" if query else "")
        try:
            answer = await self.client.request(scope["method"], url, content=body,
                                               headers=headers)
        except httpx.HTTPError as error:
            text = f"the writer process cannot be reached: {error}".encode()
            await send({"type": "http.response.start", "status": 502,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": text})
            return
        await send({"type": "http.response.start", "status": answer.status_code,
                    "headers": [(k.encode("latin-1"), v.encode("latin-1"))
                                for k, v in answer.headers.items()
                                if k.lower().encode() not in _HOP_HEADERS
                                and k.lower() != "content-encoding"]})
        await send({"type": "http.response.body", "body": answer.content})


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read already, then the connection's own messages (a disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
