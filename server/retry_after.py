"""Every `503` carries `Retry-After` (one second unless its handler said otherwise): a client
or a proxy told when to come back does not hammer a busy server. Pure ASGI, at the top of
the app, so that no 503 escapes it, whichever route or lane answered."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RetryAfter:
    """ASGI middleware: `Retry-After: 1` on a 503 (or 429) answer that has none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_retry(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (429, 503):
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"retry-after" for name, _ in headers):
                    message["headers"] = [*headers, (b"retry-after", b"1")]
            await send(message)

        await self.app(scope, receive, send_with_retry)
