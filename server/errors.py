"""Domain errors mapped to HTTP answers in one place. Client errors say what is wrong; our own
failures are logged and answered 500 without internals."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from cepa_kg.server.negotiation import negotiate
from cepa_kg.server.runner import BusyError, QueryTimeoutError
from cepa_kg.store import QuerySyntaxError

log = logging.getLogger("cepa_kg.server")

TITLES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
          406: "Not Acceptable", 413: "Content Too Large", 415: "Unsupported Media Type",
          500: "Internal Server Error", 503: "Service Unavailable"}


class HttpError(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}
        self.client_error = status < 500  # the runner logs only our own failures


def problem(request: Request, status: int, detail: str,
            headers: dict[str, str] | None = None) -> Response:
    """RFC 9457 problem details for JSON clients, plain text for everyone else."""
    accept = request.headers.get("accept")
    wants_json = negotiate(accept, ["text/plain", "application/json",
                                    "application/problem+json"]) in (
        "application/json", "application/problem+json") and "json" in (accept or "")
    if wants_json:
        return JSONResponse(
            {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status,
             "detail": detail},
            status_code=status, media_type="application/problem+json", headers=headers)
    return PlainTextResponse(detail + "\n", status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HttpError)
    async def _http(request: Request, error: HttpError) -> Response:
        return problem(request, error.status, error.detail, error.headers)

    @app.exception_handler(QuerySyntaxError)
    async def _syntax(request: Request, error: QuerySyntaxError) -> Response:
        return problem(request, 400, f"SPARQL syntax error: {error}")

    @app.exception_handler(BusyError)
    async def _busy(request: Request, error: BusyError) -> Response:
        return problem(request, 503, str(error), {"Retry-After": "1"})

    @app.exception_handler(QueryTimeoutError)
    async def _timeout(request: Request, error: QueryTimeoutError) -> Response:
        return problem(request, 503, str(error))

    @app.exception_handler(Exception)
    async def _ours(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return problem(request, 500, "internal server error (logged)")
