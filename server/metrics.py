"""Prometheus metrics of one app (served at `/metrics`): requests by route template and status,
their latency, queries stopped at their time budget, query worker restarts and checked writes.

Each app has its own registry (two apps in one process count apart). Routes are labelled by
their template (`/id/{path:path}`), never by the path itself, so that the number of series
stays fixed whatever paths clients ask for.
"""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Seconds; the default query budget is 30 s.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
WHERE = ("thread", "worker", "call")
RESTART_REASONS = ("overrun", "expensive", "abandoned", "died")
WRITE_OUTCOMES = ("committed", "refused", "abandoned", "storage_full", "failed")


class Metrics:
    """The server's metrics, in a registry of their own. Also what the query runner and the
    worker pool report to (`stopped_at_budget`, `worker_replaced`)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "cepa_kg_http_requests", "HTTP requests answered, by method, route template and "
            "status", ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(
            "cepa_kg_http_request_duration_seconds", "Time from a request to the last byte "
            "of its answer, by method and route template", ["method", "route"],
            buckets=LATENCY_BUCKETS, registry=self.registry)
        self.budget_stops = Counter(
            "cepa_kg_queries_stopped_at_budget", "Queries stopped at their time budget, by "
            "where they ran: thread (stopped at its next write), worker (the process killed), "
            "call (a page's store call answered 503; its thread runs on)", ["where"],
            registry=self.registry)
        self.worker_restarts = Counter(
            "cepa_kg_query_worker_restarts", "Query worker processes replaced, by reason: "
            "overrun (killed at its budget), expensive (stopped past the short-query time with the "
            "long lane or its client's share full), abandoned (its client went away and the "
            "query did not stop) or died", ["reason"], registry=self.registry)
        self.writes = Counter(
            "cepa_kg_writes", "Checked writes (SPARQL Update, Graph Store Protocol), by "
            "outcome: committed, refused (invalid against the shapes), abandoned (past the "
            "budget), storage_full (no room on disk: answered 507), failed (not applicable: an "
            "evaluation error, a failed LOAD, ours)",
            ["outcome"], registry=self.registry)
        self.workers = Gauge("cepa_kg_query_workers", "Live query worker processes",
                             registry=self.registry)
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        for where in WHERE:  # every series from the start, at 0, for rate() and alerts
            self.budget_stops.labels(where)
        for reason in RESTART_REASONS:
            self.worker_restarts.labels(reason)
        for outcome in WRITE_OUTCOMES:
            self.writes.labels(outcome)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:  # `labels()` costs a lock and a join: once per series
            label = method if method in METHODS else "other"
            children = (self.requests.labels(label, route, str(status)),
                        self.latency.labels(label, route))
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)

    def stopped_at_budget(self, where: str) -> None:
        self.budget_stops.labels(where).inc()

    def worker_replaced(self, reason: str) -> None:
        self.worker_restarts.labels(reason).inc()


def route_of(scope: Scope, root_path: str) -> str:
    """The template of the route that answered (after the app ran): FastAPI's route path, a
    mount's prefix (`/static/{path}`), `/sparql` for the short lane, else `unmatched`."""
    route = scope.get("route")
    if route is not None and isinstance(getattr(route, "path", None), str):
        return str(route.path)
    mounted: str = scope.get("root_path", "")
    if mounted != root_path and mounted.startswith(root_path):
        return mounted[len(root_path):] + "/{path}"
    if scope.get("path") == "/sparql":  # the short lane (`sparql_lane`) skips the router
        return "/sparql"
    return "unmatched"


#: Marks the scope of a request the server makes to itself (`page_warmer`): not counted.
WARM_UP = "cepa_kg.warm_up"


class RequestMetrics:
    """ASGI middleware: count and time every HTTP request (an exception counts as 500)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get(WARM_UP):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        root_path = scope.get("root_path", "")
        status = 500

        async def send_counted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        finally:
            self.metrics.observe(scope["method"], route_of(scope, root_path), status,
                                 time.perf_counter() - started)
