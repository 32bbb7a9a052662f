"""Operable (issue 16, part 5): `/health`, `/ready` (503 with the reason when the store does not
answer), Prometheus metrics at `/metrics`, request ids; in-process over the real app. The live
server's side (worker restarts, budget stops, the access log without the token) is in
test_operations_live.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.server.app import create_app
from cepa_kg.server.runner import QueryTimeoutError
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests.writable import AUTH, writable_client

BASE = "http://localhost:8000/"


def samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """The values of /metrics by (sample name, labels)."""
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(r.text) for s in family.samples}


def value(found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str,
          **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def test_health_answers_without_the_store(tmp_path: Path) -> None:
    app = create_app(Settings(base=BASE, store=tmp_path / "never-opened"))
    client = TestClient(app)  # no lifespan: no store is open
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert r.headers["cache-control"] == "no-store"


def test_ready_once_the_store_answers(client: TestClient) -> None:
    r = client.get("/ready")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "checks": {"store": "ok"}}


def test_not_ready_before_start_and_after_shutdown(tmp_path: Path,
                                                   corpus_store: OxigraphStore) -> None:
    app = create_app(Settings(base=BASE, store=tmp_path / "unused"), store=corpus_store)
    before = TestClient(app).get("/ready")  # the lifespan has not run
    assert before.status_code == 503 and before.headers["retry-after"] == "1"
    assert "starting or stopping" in before.json()["reason"]
    with TestClient(app) as client:
        assert client.get("/ready").status_code == 200
    after = client.get("/ready")  # shut down: the runner and executor are closed
    assert after.status_code == 503 and after.json()["status"] == "unavailable"


@pytest.fixture
def one_thread(tmp_path: Path) -> Iterator[TestClient]:
    """An app whose store has one thread and no queue, over 4,000 triples whose cross join
    takes its thread about a second."""
    store = OxigraphStore()
    store.change_checked(lambda s: s.extend(
        ox.Quad(ox.NamedNode(f"http://x/s{i}"), ox.NamedNode("http://x/p"), ox.Literal(i))
        for i in range(4000)))
    settings = Settings(base=BASE, store=tmp_path / "unused", max_concurrent_queries=1,
                        max_queued_queries=0)
    with TestClient(create_app(settings, store=store)) as client:
        yield client


def test_not_ready_while_the_store_does_not_answer(one_thread: TestClient) -> None:
    """While a long query holds the store's only thread, the readiness query cannot run: 503
    with the reason; ready again once it is done."""
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a <http://x/p> ?b . ?c <http://x/p> ?d }"
    assert one_thread.get("/ready").status_code == 200
    answers: list[str] = []

    def run_heavy() -> None:
        for _ in range(100):  # refused while a /ready below holds the thread: again
            r = one_thread.get("/sparql", params={"query": heavy}, headers={"Accept": "text/csv"})
            if r.status_code != 503:
                answers.append(r.text)
                return
            time.sleep(0.01)

    worker = threading.Thread(target=run_heavy)
    worker.start()
    seen = None
    deadline = time.monotonic() + 10
    while worker.is_alive() and time.monotonic() < deadline:
        r = one_thread.get("/ready")
        if r.status_code == 503:
            seen = r
            break
        time.sleep(0.02)
    worker.join(timeout=60)
    assert answers == ["n\r\n16000000\r\n"]  # the long query ran to its end
    assert seen is not None, "/ready never said 503 while the store was busy"
    assert "not answering" in seen.json()["reason"] and seen.headers["retry-after"] == "1"
    assert one_thread.get("/ready").status_code == 200


def test_a_request_counts_under_its_route_template(client: TestClient) -> None:
    before = samples(client)
    for _ in range(2):
        assert client.get("/id/session/5", headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/id/no-such-thing", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200  # the lane
    after = samples(client)
    route = {"method": "GET", "route": "/id/{path:path}"}
    assert value(after, "cepa_kg_http_requests_total", **route, status="200") == \
        value(before, "cepa_kg_http_requests_total", **route, status="200") + 2
    assert value(after, "cepa_kg_http_requests_total", **route, status="404") == \
        value(before, "cepa_kg_http_requests_total", **route, status="404") + 1
    assert value(after, "cepa_kg_http_request_duration_seconds_count", **route) == \
        value(before, "cepa_kg_http_request_duration_seconds_count", **route) + 3
    lane = {"method": "GET", "route": "/sparql", "status": "200"}
    assert value(after, "cepa_kg_http_requests_total", **lane) == \
        value(before, "cepa_kg_http_requests_total", **lane) + 1
    assert not any("session/5" in dict(labels).get("route", "") for _, labels in after)
    for where in ("thread", "worker", "call"):  # present from the start, for rate() and alerts
        assert ("cepa_kg_queries_stopped_at_budget_total",
                frozenset({("where", where)})) in after


def test_a_query_past_its_budget_is_counted(tmp_path: Path, corpus_store: OxigraphStore) -> None:
    """Over an in-memory store a query streams in a thread, stopped at its first write past
    the budget: a DESCRIBE of every resource writes as it goes."""
    settings = Settings(base=BASE, store=tmp_path / "unused", query_timeout_s=0.05)
    with TestClient(create_app(settings, store=corpus_store)) as client:
        query = "CONSTRUCT { ?a ?p ?d } WHERE { ?a ?p ?b . ?c ?p ?d }"  # billions of triples
        try:
            r = client.get("/sparql", params={"query": query},
                           headers={"Accept": "application/n-triples"})
            assert r.status_code == 503 and "budget" in r.text
        except QueryTimeoutError:  # its head had gone out: the stream was cut
            pass
        deadline = time.monotonic() + 10
        while value(samples(client), "cepa_kg_queries_stopped_at_budget_total",
                    where="thread") < 1:
            assert time.monotonic() < deadline, "no budget stop was counted"
            time.sleep(0.05)


def test_writes_are_counted_by_outcome(corpus_store: OxigraphStore, tmp_path: Path) -> None:
    with writable_client(corpus_store, tmp_path) as client:
        before = samples(client)
        ok = client.post("/update", headers={**AUTH, "Content-Type": "application/sparql-update"},
                         content=b"INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> 1 } }")
        assert ok.status_code == 200, ok.text
        session = "<http://localhost:8000/id/session/8>"
        number = "<https://w3id.org/cepa-kg/def#sessionNumber>"
        bad = client.post("/update", headers=AUTH, data={
            "update": f"DELETE WHERE {{ GRAPH ?g {{ {session} {number} ?n }} }}"})
        assert bad.status_code == 422
        after = samples(client)
    for outcome in ("committed", "refused"):
        assert value(after, "cepa_kg_writes_total", outcome=outcome) == \
            value(before, "cepa_kg_writes_total", outcome=outcome) + 1


@pytest.mark.parametrize(("given", "kept"), [
    ("3f2a9c1e-77b0-4f0e-9d7a-5a1c2b3d4e5f", True),
    ("trace:abc.DEF_123", True),
    ("two words", False),
    ("x" * 65, False),
    ("a\u00e9b", False),
    ('x", "level": "CRITICAL', False),  # no forged log fields
])
def test_request_ids_are_taken_when_sane_else_made(client: TestClient, given: str,
                                                   kept: bool) -> None:
    r = client.get("/health", headers={"X-Request-ID": given.encode("utf-8")})
    answered = r.headers["x-request-id"]
    assert (answered == given) is kept
    if not kept:
        assert len(answered) == 32 and int(answered, 16) >= 0
    other = client.get("/health").headers["x-request-id"]
    assert len(other) == 32 and other != answered  # a new id for each request without one


def test_a_browser_script_elsewhere_may_read_the_request_id(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
    assert "x-request-id" in exposed and r.headers["x-request-id"]
