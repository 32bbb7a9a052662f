"""Domain errors mapped to HTTP answers in one place. Client errors say what is wrong; our own
failures are logged and answered 500 without internals."""

from __future__ import annotations

import logging
import re
from typing import Any

from cepa_kg.remote_store import RemoteStoreError, RemoteStoreTimeout
from cepa_kg.server.disconnect import ClientGoneError
from cepa_kg.server.negotiation import parse_accept
from cepa_kg.server.runner import BusyError, QueryTimeoutError
from cepa_kg.sparql_limits import SparqlLimitError
from cepa_kg.store import QuerySyntaxError, StorageFullError
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("cepa_kg.server")

TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
          405: "Method Not Allowed", 406: "Not Acceptable", 413: "Content Too Large",
          415: "Unsupported Media Type",
          422: "Unprocessable Content", 429: "Too Many Requests",
          500: "Internal Server Error", 503: "Service Unavailable", 507: "Insufficient Storage"}


class HttpError(Exception):
    """An answer other than success; `extra` adds members to the problem document."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}
        self.extra = extra or {}
        self.client_error = status < 500  # the runner logs only our own failures


def wants_json(accept: str | None) -> bool:
    """A JSON client: its most preferred specific media range is JSON (`application/json`,
    `application/problem+json`, `application/sparql-results+json`, ...)."""
    ranges = sorted((r for r in parse_accept(accept) if r.q > 0 and r.type != "*"),
                    key=lambda r: (-r.q, r.order))
    return bool(ranges) and (ranges[0].subtype == "json" or ranges[0].subtype.endswith("+json"))


def problem(request: Request, status: int, detail: str,
            headers: dict[str, str] | None = None,
            extra: dict[str, Any] | None = None) -> Response:
    """RFC 9457 problem details for JSON clients, plain text for everyone else."""
    headers = {**(headers or {}), "Vary": "Accept"}
    if wants_json(request.headers.get("accept")):
        body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status,
                "detail": detail, **(extra or {})}
        return JSONResponse(body, status_code=status, media_type="application/problem+json",
                            headers=headers)
    return PlainTextResponse(detail + "\n", status_code=status, headers=headers)


def storage_full_detail(error: StorageFullError) -> str:
    """What a client is told when the store has no room for its write (the store's path is
    the operator's business: it is in the log)."""
    return (f"the store has no room to write ({error.reason}); nothing was written. Reads go "
            f"on; writes need the operator to {error.remedy} and restart the server")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HttpError)
    async def _http(request: Request, error: HttpError) -> Response:
        return problem(request, error.status, error.detail, error.headers, error.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _starlette(request: Request, error: StarletteHTTPException) -> Response:
        return problem(request, error.status_code, str(error.detail), dict(error.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        return problem(request, 400, "invalid request parameters",
                       extra={"errors": jsonable_encoder(error.errors())})

    @app.exception_handler(QuerySyntaxError)
    async def _syntax(request: Request, error: QuerySyntaxError) -> Response:
        position = re.search(r"at (\d+):(\d+)", str(error))
        extra = ({"line": int(position[1]), "column": int(position[2])} if position else {})
        return problem(request, 400, f"SPARQL syntax error: {error}", extra=extra)

    @app.exception_handler(SparqlLimitError)
    async def _limit(request: Request, error: SparqlLimitError) -> Response:
        return problem(request, 400, str(error))

    @app.exception_handler(BusyError)
    async def _busy(request: Request, error: BusyError) -> Response:
        return problem(request, getattr(error, "status", 503), str(error),
                       {"Retry-After": str(getattr(error, "retry_after", 1))})

    @app.exception_handler(QueryTimeoutError)
    async def _timeout(request: Request, error: QueryTimeoutError) -> Response:
        return problem(request, 503, str(error), {"Retry-After": "1"})

    @app.exception_handler(StorageFullError)
    async def _full(request: Request, error: StorageFullError) -> Response:
        log.warning("write refused on %s %s: %s", request.method, request.url.path, error)
        return problem(request, 507, storage_full_detail(error))

    @app.exception_handler(RemoteStoreError)
    async def _remote(request: Request, error: RemoteStoreError) -> Response:
        log.warning("remote store failed on %s %s: %s", request.method, request.url.path, error)
        return problem(request, 502, str(error), {"Retry-After": "1"})

    @app.exception_handler(RemoteStoreTimeout)
    async def _remote_slow(request: Request, error: RemoteStoreTimeout) -> Response:
        return problem(request, 504, str(error), {"Retry-After": "1"})

    @app.exception_handler(ClientGoneError)
    async def _gone(request: Request, error: ClientGoneError) -> Response:
        return Response(status_code=499)  # nginx's "client closed request": nobody reads it

    @app.exception_handler(Exception)
    async def _ours(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return problem(request, 500, "internal server error (logged)")
