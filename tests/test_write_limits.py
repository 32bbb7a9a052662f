"""Writes under pressure (issue 16, part 2): every write route caps its body (413 with the
limit, from Content-Length or as a chunked body passes it, nothing written); a large graph is
checked against the shapes in a child process, which is killed when its write is abandoned
at the budget, so the server does not go on parsing for nobody; every 503 has Retry-After."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient
from serve_process import ServeProcess, corpus_store_copy, cpu_ticks, serve_process

from tests.writable import AUTH, TOKEN, writable_client

G = "http://example.org/graph/big"


def ntriples(size: int) -> bytes:
    """About `size` bytes of N-Triples that conform to the shapes (no class of ours)."""
    line = '<http://example.org/s{0}> <http://example.org/p> "value {0} of a large graph" .\n'
    count = size // len(line.format(0)) + 1
    return "".join(line.format(i) for i in range(count)).encode()


@pytest.fixture()
def client(corpus_store: OxigraphStore, tmp_path: Path) -> Iterator[TestClient]:
    with writable_client(corpus_store, tmp_path, max_graph_store_body=256 * 1024) as c:
        yield c


def test_a_graph_over_the_cap_is_refused_413_and_nothing_written(client: TestClient) -> None:
    body = ntriples(300 * 1024)
    headers = {**AUTH, "Content-Type": "application/n-triples"}
    for method in ("PUT", "POST"):
        response = client.request(method, "/store", params={"graph": G}, content=body,
                                  headers=headers)
        assert response.status_code == 413, response.text
        assert "over this service's limit of 262,144 bytes" in response.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused as it passes the limit
        for start in range(0, len(body), 16 * 1024):
            yield body[start:start + 16 * 1024]

    response = client.put("/store", params={"graph": G}, content=chunks(), headers=headers)
    assert response.status_code == 413, response.text
    assert client.get("/store", params={"graph": G}, headers=AUTH).status_code == 404
    small = client.put("/store", params={"graph": G}, content=ntriples(100 * 1024),
                       headers=headers)
    assert small.status_code == 201, small.text


def test_an_update_over_1_mb_is_refused_413(client: TestClient) -> None:
    text = "INSERT DATA { " + ntriples(1024 * 1024 + 1).decode() + " }"
    response = client.post("/update", content=text.encode(), headers={
        **AUTH, "Content-Type": "application/sparql-update"})
    assert response.status_code == 413
    assert "over this service's limit of 1 MB" in response.text


def test_a_large_graph_is_checked_in_a_child_process(client: TestClient) -> None:
    """Over the in-thread limit (256 KB of changed triples) the check runs in a child: its
    verdict is the same, a violation included."""
    big = ntriples(200 * 1024) + ntriples(100 * 1024).replace(b"/s", b"/t")
    ok = client.put("/store", params={"graph": G}, content=big[:250 * 1024].rsplit(b"\n", 1)[0]
                    + b"\n", headers={**AUTH, "Content-Type": "application/n-triples"})
    assert ok.status_code == 201, ok.text
    bad = (b'<http://example.org/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
           b'<https://w3id.org/cepa-kg/def#Recommendation> .\n'
           + big[:250 * 1024].rsplit(b"\n", 1)[0] + b"\n")
    response = client.post("/store", params={"graph": G}, content=bad,
                           headers={**AUTH, "Content-Type": "application/n-triples"})
    assert response.status_code == 422, response.text
    assert "<http://example.org/r>" in response.text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("write-limits")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    with serve_process(store, folder / "server.log", update_token=TOKEN, query_timeout_s="1",
                       query_workers="2") as live:
        yield live


def test_an_abandoned_large_write_stops_at_once(server: ServeProcess) -> None:
    """A 3.5 MB PUT past its 1 s budget: 503 with Retry-After, and the server stops working on
    it (before, its thread parsed on with rdflib for seconds, holding the GIL)."""
    request = urllib.request.Request(
        server.url + "/store?graph=" + G, data=ntriples(3584 * 1024), method="PUT",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/n-triples"})
    with ThreadPoolExecutor(1) as pool:
        put = pool.submit(urllib.request.urlopen, request, timeout=60)
        with pytest.raises(urllib.error.HTTPError) as refused:
            put.result()
    assert refused.value.code == 503 and refused.value.headers["Retry-After"]
    assert b"nothing was written" in refused.value.read()
    time.sleep(0.5)  # the abandoned check is killed within 0.1 s
    before = cpu_ticks(server.process.pid)
    time.sleep(1.0)
    spent = cpu_ticks(server.process.pid) - before
    assert spent < 30, f"the server spent {spent / 100:.2f} s of CPU on an abandoned write"
    graph = urllib.request.Request(server.url + "/store?graph=" + G,
                                   headers={"Authorization": f"Bearer {TOKEN}"})
    with pytest.raises(urllib.error.HTTPError) as absent:
        urllib.request.urlopen(graph, timeout=10)
    assert absent.value.code == 404  # nothing was written
