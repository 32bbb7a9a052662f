"""For operators: `/health` (the process is alive), `/ready` (the store is open and answers a
trivial query: fit to take traffic) and `/metrics` (Prometheus)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from cepa_kg import __version__
from cepa_kg.server.openapi_responses import (
    HEALTH_SCHEMA,
    READY_SCHEMA,
    RETRY_AFTER,
    UNREADY_SCHEMA,
)
from cepa_kg.server.runner import BusyError, QueryTimeoutError
from cepa_kg.server.state import app_state
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

router = APIRouter()
log = logging.getLogger("cepa_kg.server")

#: How long the store may take to answer the readiness query.
READY_TIMEOUT_S = 5.0
READY_QUERY = "ASK {}"
_NO_STORE = {"Cache-Control": "no-store"}


@router.get("/health", summary="Liveness: the process is alive",
            description="Always `200` with `{\"status\": \"ok\"}` while the process answers; it "
            "does not touch the store (see `/ready`).", response_class=Response,
            responses={200: {"description": "alive", "content": {
                "application/json": {"schema": HEALTH_SCHEMA}}}})
async def health() -> Response:
    return JSONResponse({"status": "ok", "version": __version__}, headers=_NO_STORE)


def _unready(reason: str) -> Response:
    return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503,
                        headers={**_NO_STORE, "Retry-After": "1"})


@router.get("/ready", summary="Readiness: the store is open and answering",
            description="`200` once the store is open and answers a trivial SPARQL query "
            f"(`{READY_QUERY}`) within {READY_TIMEOUT_S:g} s, on a thread of the server as "
            "pages are; `503` with the reason otherwise (starting, stopping, busy, failing).",
            response_class=Response,
            responses={200: {"description": "ready", "content": {
                           "application/json": {"schema": READY_SCHEMA}}},
                       503: {"description": "not ready, and why", "headers": RETRY_AFTER,
                             "content": {"application/json": {"schema": UNREADY_SCHEMA}}}})
async def ready(request: Request) -> Response:
    state = app_state(request)
    if not getattr(state, "serving", False):
        return _unready("the server is starting or stopping: the store is not open")
    try:
        await asyncio.wait_for(state.runner.call(state.store.ask, READY_QUERY), READY_TIMEOUT_S)
    except BusyError as error:
        return _unready(f"the store is not answering: {error}")
    except (TimeoutError, QueryTimeoutError):
        return _unready(f"the store did not answer within {READY_TIMEOUT_S:g} s")
    except Exception as error:  # whatever it is, the store is not fit to take traffic
        log.warning("readiness query failed: %s", error, exc_info=error)
        return _unready(f"the store failed to answer: {type(error).__name__}")
    checks: dict[str, Any] = {"store": "ok"}
    pids = getattr(state.executor, "pids", None)
    if pids is not None:  # a worker pool: at least one worker must be alive
        if not pids:
            return _unready("no query worker is running")
        checks["query_workers"] = len(pids)
    return JSONResponse({"status": "ready", "checks": checks}, headers=_NO_STORE)


@router.get("/metrics", summary="Prometheus metrics",
            description="Requests by route template and status, latency histograms, queries "
            "stopped at their budget, query worker restarts, checked writes (text exposition "
            "format).", response_class=Response,
            responses={200: {"description": "the metrics (Prometheus text format)",
                             "content": {"text/plain": {"schema": {"type": "string"}}}}})
async def metrics(request: Request) -> Response:
    data = generate_latest(app_state(request).metrics.registry)
    return Response(data, media_type=CONTENT_TYPE_LATEST, headers=_NO_STORE)
