"""A short lane for the endpoint's hottest request: `GET` (and `HEAD`) of `/sparql`.

Such a request goes straight to the `/sparql` handler, past FastAPI's router, dependency
solving and middleware stack, whose Python is a good share of a light query's cost: under wrk,
point lookups went from 1,320-1,686 to 1,752-2,085 req/s (bench/RESULTS.md, fourth session).
It gets the same answer as through the app: the same handler, the same exception
handlers, and the same CORS and language-Vary middleware (configured once, in `app`). Every
other request goes through the app.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, cast

from cepa_kg.server import sparql
from cepa_kg.server.languages import VaryOnLanguage
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

LANE_METHODS = frozenset({"GET", "HEAD"})


class SparqlLane:
    """ASGI, at the top of `app`'s middleware stack: `GET`/`HEAD /sparql` to the handler
    directly, the rest down `stack` (the app's own middleware and router)."""

    def __init__(self, app: FastAPI, stack: ASGIApp, *, cors: dict[str, Any]) -> None:
        self.app, self.stack = app, stack
        self.enabled = True  # off: every request down the stack (tests compare the two)
        # (the language's Vary outside CORS's, as in the app's stack)
        self._lane: ASGIApp = VaryOnLanguage(CORSMiddleware(self._handle, **cors))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.enabled and scope["type"] == "http" and scope["method"] in LANE_METHODS
                and scope["path"] == "/sparql" and not scope.get("root_path")):
            await self._lane(scope, receive, send)
        else:
            await self.stack(scope, receive, send)

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await sparql.sparql(request)
        except Exception as error:  # noqa: BLE001 - to the app's handlers, as in the app
            response = await self._error_response(request, error)
        await response(scope, receive, send)

    async def _error_response(self, request: Request, error: Exception) -> Response:
        """The app's own exception handler for `error` (the most specific registered class)."""
        for cls in type(error).__mro__:
            handler = self.app.exception_handlers.get(cls)
            if handler is not None:  # (errors.py's handlers are all coroutines)
                return await cast(Awaitable[Response], handler(request, error))
        raise error
