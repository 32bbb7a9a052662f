"""A pure ASGI middleware that rewrites the headers of every HTTP answer: the base of the
layers at the top of the app (request ids, security headers, Retry-After), which no answer
escapes, whichever route or lane gave it."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]  # raw ASGI pairs, lower-case names


class HeaderRewriter:
    """Passes every request on, and each HTTP answer's headers through `rewrite`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def rewrite(self, status: int, headers: Headers) -> Headers:
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_rewritten(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self.rewrite(message["status"],
                                                  list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_rewritten)
