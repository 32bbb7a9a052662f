"""Hostile requests against a real server (uvicorn on 127.0.0.1, an on-disk store, query
worker processes, an update token): a text nested thousands deep, a chain of thousands of
UNIONs, a deeply nested JSON-LD or RDF/XML body, sent to every route that parses them, is
answered 400 with the reason; the server lives on and no query worker dies. And where a text
still reaches a parser, a crash costs a worker, never the server."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_process import ServeProcess, alive, corpus_store_copy, serve_process
from sparql_hostile import MAKERS

from cepa_kg import sparql_limits
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore

TOKEN = "hostile-test-token"
WORKERS = 2
BRACES = "SELECT * WHERE " + "{" * 3000 + "}" * 3000  # the request
PARENTHESES = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("hostile")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    with serve_process(store, folder / "server.log", update_token=TOKEN,
                       query_workers=str(WORKERS)) as live:
        yield live


def send(server: ServeProcess, method: str, path: str, *, params: dict[str, str] | None = None,
         body: bytes | None = None, content_type: str | None = None,
         token: bool = False, accept: str = "text/plain") -> tuple[int, str]:
    url = server.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {TOKEN}"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


JSON_LD = ('{"@id": "http://example.org/s", "http://example.org/p": '
           + '{"http://example.org/p": ' * 10_000 + '1' + '}' * 10_000 + '}').encode()
RDF_XML = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns:e="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
           + '<e:p><rdf:Description>' * 20_000 + '<e:q>1</e:q>'
           + '</rdf:Description></e:p>' * 20_000 + '</rdf:Description></rdf:RDF>').encode()
GRAPH = {"graph": "http://example.org/hostile"}

#: (what, method, path, keyword arguments of `send`, a phrase the 400 must say)
HOSTILE: list[tuple[str, str, str, dict[str, object], str]] = [
    ("query page, 3,000 braces", "GET", "/query", {"params": {"query": BRACES}},
     "nests more than 64 levels deep"),
    ("query page, 5,000 parentheses", "GET", "/query", {"params": {"query": PARENTHESES}},
     "nests more than 64 levels deep"),
    ("GET /sparql, 3,000 braces", "GET", "/sparql", {"params": {"query": BRACES}},
     "nests more than 64 levels deep"),
    ("POST /sparql form, function calls", "POST", "/sparql",
     {"body": form(query=MAKERS["function calls"](3000)),
      "content_type": "application/x-www-form-urlencoded"}, "levels deep"),
    ("POST /sparql, 10,000 UNIONs", "POST", "/sparql",
     {"body": MAKERS["unions"](10_000).encode(), "content_type": "application/sparql-query"},
     "chains more than 1,000"),
    ("GET /sparql, 20,000 negations", "GET", "/sparql",
     {"params": {"query": MAKERS["negations"](20_000)}}, "chains more than 1,000"),
    ("GET /sparql, a 1,000-step path", "GET", "/sparql",
     {"params": {"query": MAKERS["path sequences"](1000)}}, "more than 128 property path steps"),
    ("POST /update, nested data", "POST", "/update",
     {"body": MAKERS["UPDATE nested data"](5000).encode(),
      "content_type": "application/sparql-update", "token": True}, "update nests"),
    ("POST /sparql update=, nested WHERE", "POST", "/sparql",
     {"body": form(update=MAKERS["UPDATE nested where"](3000)),
      "content_type": "application/x-www-form-urlencoded", "token": True}, "update nests"),
    ("PUT /store, JSON-LD 10,000 deep", "PUT", "/store",
     {"params": GRAPH, "body": JSON_LD, "content_type": "application/ld+json", "token": True},
     "nests 10,001 levels deep"),
    ("PUT /store, RDF/XML 20,000 deep", "PUT", "/store",
     {"params": GRAPH, "body": RDF_XML, "content_type": "application/rdf+xml", "token": True},
     "levels deep"),
]

LIGHT = "ASK { ?s ?p ?o }"


def light(server: ServeProcess) -> tuple[int, str]:
    return send(server, "GET", "/sparql", params={"query": LIGHT},
                accept="text/tab-separated-values")


@pytest.mark.parametrize(("what", "method", "path", "request_args", "says"), HOSTILE,
                         ids=[h[0] for h in HOSTILE])
def test_a_hostile_request_is_refused_and_harms_nothing(
        server: ServeProcess, what: str, method: str, path: str,
        request_args: dict[str, object], says: str) -> None:
    workers = server.wait_for_workers(WORKERS)
    status, body = send(server, method, path, **request_args)  # type: ignore[arg-type]
    assert status == 400, f"{what}: {status} {body[:300]}"
    assert says in body, body[:500]
    assert alive(server.process.pid)
    assert server.children() == workers, "a query worker died"
    assert light(server) == (200, "true")


def test_many_clients_sending_hostile_queries_kill_no_worker(server: ServeProcess) -> None:
    """The issue's run was 4 clients for 20 s, which killed 327 workers; here 4 clients send
    200 hostile queries while a fifth asks light ones."""
    workers = server.wait_for_workers(WORKERS)
    texts = [BRACES, PARENTHESES, MAKERS["unions"](10_000), MAKERS["function calls"](2000)]

    def hostile(i: int) -> int:
        return send(server, "POST", "/sparql", body=texts[i % len(texts)].encode(),
                    content_type="application/sparql-query")[0]

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(hostile, range(200)))
        times = []
        for _ in range(20):
            start = time.monotonic()
            assert light(server) == (200, "true")
            times.append(time.monotonic() - start)
    assert set(statuses) == {400}
    assert server.children() == workers
    assert max(times) < 5.0, times
    assert "Segmentation" not in server.log.read_text()


def test_an_update_that_crashes_the_parser_costs_a_worker_not_the_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the limits lifted in this process (the server), a text that crashes pyoxigraph's
    parser reaches the update path: it is parsed first in a query worker, which dies; the
    update is refused with 400, nothing is written, and this process (which holds the store)
    lives on, with a fresh worker."""
    monkeypatch.setattr(sparql_limits, "MAX_DEPTH", 1_000_000)
    monkeypatch.setattr(sparql_limits, "MAX_CHAIN", 1_000_000)
    store = OxigraphStore(tmp_path / "store")
    store.update("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> "
                 "<http://example.org/p> 1 } }")
    settings = Settings(base="http://localhost:8000/", store=tmp_path / "store",
                        update_token=TOKEN, query_workers=1)
    app = create_app(settings, store=store)
    crash = MAKERS["UPDATE nested where"](3000)  # ~940 levels crash an 8 MB stack
    with TestClient(app) as client:
        pool = app.state.executor.pool
        before = set(pool.pids)
        answer = client.post("/update", content=crash, headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 400, answer.text
        assert "made the SPARQL parser fail" in answer.text
        deadline = time.monotonic() + 20
        while (len(pool.pids) != 1 or set(pool.pids) == before) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pool.pids) == 1 and set(pool.pids) != before  # replaced
        count = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                           headers={"Accept": "application/sparql-results+json"})
        assert json.loads(count.text)["results"]["bindings"][0]["n"]["value"] == "1"
        ordinary = client.post("/update", headers={
            "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
            content="DELETE WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }")
        assert ordinary.status_code == 200, ordinary.text
