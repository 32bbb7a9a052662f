"""Where a query runs, and ETag / 304 / remembered answers on /sparql.

- Over an on-disk store with worker processes every query runs in a worker (`Server-Timing:
  exec;desc="worker"`), whatever its shape, GET or POST, with the protocol's dataset too. (A
  fast path once ran bounded streaming queries in the server's threads; side by side it cost
  37-45% of the light-query rate, bench/bench_optimisations.py, and went.)
- ETag / 304 / remembered answers per data version, and a new ETag after a write.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cepa_kg.server.app import create_app
from cepa_kg.server.execution import QueryJob
from cepa_kg.settings import Settings
from cepa_kg.store import Dataset, OxigraphStore
from fastapi.testclient import TestClient
from serve_process import corpus_store_copy

from tests.writable import AUTH, writable_client

BASE = "http://localhost:8000/"
S8 = f"<{BASE}id/session/8>"
P = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
JSON = "application/sparql-results+json"
WORKER = 'exec;desc="worker"'


@pytest.fixture(scope="module")
def disk_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("query-paths")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    settings = Settings(base=BASE, store=store, query_workers=1)
    with TestClient(create_app(settings)) as client:
        yield client


def worker_answer(client: TestClient, job: QueryJob) -> tuple[str, bytes]:
    """The same job run by a worker process of the app's pool directly."""
    pool = client.app.state.executor.pool  # type: ignore[attr-defined]

    async def run() -> tuple[str, bytes]:
        stream = await pool.execute(job)
        assert stream.via == "worker"
        return stream.head, b"".join([chunk async for chunk in stream.body])

    return client.portal.call(run)  # type: ignore[union-attr]


@pytest.mark.parametrize("query", [
    P + f"SELECT ?l WHERE {{ {S8} rdfs:label ?l }}",  # a point lookup
    f"DESCRIBE {S8}",  # an entity description
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3000",  # ~0.5 MB, streamed in chunks
    P + "SELECT ?n WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n } ORDER BY ?n",
])
def test_every_query_runs_in_a_worker(disk_client: TestClient, query: str) -> None:
    accept = "text/turtle" if query.startswith("DESCRIBE") else JSON
    response = disk_client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["server-timing"] == WORKER
    assert response.content == worker_answer(disk_client, QueryJob(query, accept))[1]
    post = disk_client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert post.headers["server-timing"] == WORKER and "etag" not in post.headers


def test_dataset_parameters_in_the_workers(disk_client: TestClient) -> None:
    graphs = disk_client.app.state.store.graphs()  # type: ignore[attr-defined]
    graph = next(g for g in graphs if "/id/document/" in g)
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 500"

    def lines(params: dict[str, str], text: str = query) -> tuple[str, bytes]:
        response = disk_client.get("/sparql", params={"query": text, **params},
                                   headers={"Accept": "text/csv"})
        assert response.status_code == 200, response.text
        return response.headers["server-timing"], response.content

    nothing = "urn:cepa-kg:nothing"
    for params, dataset in [({"default-graph-uri": graph}, Dataset((graph,), (nothing,))),
                            ({"named-graph-uri": graph}, Dataset((nothing,), (graph,)))]:
        via, body = lines(params)
        assert via == WORKER
        assert body == worker_answer(disk_client, QueryJob(query, "text/csv", dataset))[1]
    only = lines({"default-graph-uri": graph})[1].count(b"\r\n")
    union = lines({})[1].count(b"\r\n")
    assert 1 < only <= union  # that graph's triples
    assert lines({"named-graph-uri": graph})[1].count(b"\r\n") == 1  # an empty default graph
    via, body = lines({}, f"SELECT ?s ?p ?o FROM <{graph}> WHERE {{ ?s ?p ?o }} LIMIT 500")
    assert via == WORKER and body.count(b"\r\n") == only


def test_errors_from_the_workers(disk_client: TestClient) -> None:
    bad = disk_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT x"})
    assert bad.status_code == 400
    refused = disk_client.get("/sparql", params={"query": f"CONSTRUCT WHERE {{ {S8} ?p ?o }}"},
                              headers={"Accept": JSON})
    assert refused.status_code == 406


# -- ETag, 304 and remembered answers ---------------------------------------------------------


@pytest.fixture()
def writable(corpus_store: OxigraphStore, tmp_path: Path) -> Iterator[TestClient]:
    with writable_client(corpus_store, tmp_path) as client:
        yield client


LABEL = P + f"SELECT ?l WHERE {{ {S8} rdfs:label ?l }}"


def get(client: TestClient, query: str, accept: str = JSON, **headers: str
        ) -> tuple[int, dict[str, str], bytes]:
    response = client.get("/sparql", params={"query": query},
                          headers={"Accept": accept, **headers})
    return response.status_code, dict(response.headers), response.content


def test_etag_and_304(writable: TestClient) -> None:
    status, headers, _ = get(writable, LABEL)
    assert status == 200 and headers["etag"].startswith('W/"')
    assert headers["cache-control"] == "public, max-age=0, must-revalidate"
    etag = headers["etag"]
    # The same question: the same tag, 304 with no body when the client names it.
    status, again, empty = get(writable, LABEL, **{"If-None-Match": etag})
    assert (status, again["etag"], empty) == (304, etag, b"")
    assert again["server-timing"] == 'exec;desc="not-modified"'
    status, _, _ = get(writable, LABEL, **{"If-None-Match": f'"other", {etag}'})
    assert status == 304
    status, _, _ = get(writable, LABEL, **{"If-None-Match": etag.removeprefix("W/")})
    assert status == 304  # weak comparison
    head = writable.head("/sparql", params={"query": LABEL},
                         headers={"Accept": JSON, "If-None-Match": etag})
    assert head.status_code == 304
    assert get(writable, LABEL, **{"If-None-Match": "*"})[0] == 200
    # Another representation, another dataset, another text: other tags.
    assert get(writable, LABEL, "text/csv")[1]["etag"] != etag
    assert writable.get("/sparql", params={"query": LABEL, "format": "csv"},
                        headers={"Accept": JSON}).headers["etag"] != etag
    other = writable.get("/sparql", params={"query": LABEL, "default-graph-uri": "http://x/g"},
                         headers={"Accept": JSON})
    assert other.headers["etag"] != etag and other.json()["results"]["bindings"] == []
    assert get(writable, LABEL + " ")[1]["etag"] != etag
    # Heavier queries carry tags too; POST never does.
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, headers, _ = get(writable, count)
    assert get(writable, count, **{"If-None-Match": headers["etag"]})[0] == 304
    post = writable.post("/sparql", data={"query": LABEL}, headers={"Accept": JSON,
                                                                    "If-None-Match": etag})
    assert post.status_code == 200 and "etag" not in post.headers
    # Errors have no tag.
    assert "etag" not in writable.get("/sparql", params={"query": "SELECT"}).headers


def test_a_write_gives_a_new_etag_and_a_new_answer(writable: TestClient) -> None:
    status, headers, body = get(writable, LABEL)
    etag = headers["etag"]
    labels = {b["l"]["value"] for b in json.loads(body)["results"]["bindings"]}
    update = ("INSERT DATA { GRAPH <http://example.org/extra> { "
              f"{S8} <http://www.w3.org/2000/01/rdf-schema#label> \"Eighth session\"@en }} }}")
    assert writable.post("/sparql", data={"update": update}, headers=AUTH).status_code == 200
    status, headers, body = get(writable, LABEL, **{"If-None-Match": etag})
    assert status == 200 and headers["etag"] != etag
    assert headers["server-timing"] != 'exec;desc="cache"'
    now = {b["l"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert now == labels | {"Eighth session"}
    assert get(writable, LABEL, **{"If-None-Match": headers["etag"]})[0] == 304


def test_small_answers_are_remembered_per_version(writable: TestClient) -> None:
    _, first, body = get(writable, LABEL, "text/csv")
    assert first["server-timing"] == 'exec;desc="thread"'
    _, second, again = get(writable, LABEL, "text/csv")
    assert second["server-timing"] == 'exec;desc="cache"'
    assert again == body and second["etag"] == first["etag"]
    assert second["content-type"] == first["content-type"] == "text/csv; charset=utf-8"
    # HEAD from memory too
    head = writable.head("/sparql", params={"query": LABEL}, headers={"Accept": "text/csv"})
    assert head.status_code == 200 and head.content == b""
    # Remembered too: an aggregate, computed once per data version. Not remembered: answers
    # over 256 KB.
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    get(writable, count)
    assert get(writable, count)[1]["server-timing"] == 'exec;desc="cache"'
    big = "SELECT * WHERE { ?s ?p ?o }"
    size = len(get(writable, big, "text/csv")[2])
    assert size > 256 * 1024
    assert get(writable, big, "text/csv")[1]["server-timing"] == 'exec;desc="thread"'
    # A write forgets everything.
    writable.post("/sparql", headers=AUTH, data={
        "update": "INSERT DATA { GRAPH <http://example.org/x> { <http://x/a> <http://x/b> 1 } }"})
    _, third, after = get(writable, LABEL, "text/csv")
    assert third["server-timing"] == 'exec;desc="thread"' and after == body
    assert third["etag"] != first["etag"]


def test_light_answers_from_workers_are_remembered(disk_client: TestClient) -> None:
    query = P + f"SELECT ?p ?o WHERE {{ {S8} ?p ?o }}\n# remembered"
    first = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    second = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    assert first.headers["server-timing"] == WORKER
    assert second.headers["server-timing"] == 'exec;desc="cache"'
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]


def test_heavy_answers_from_workers_are_remembered_too(disk_client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n# heavy, remembered"
    first = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    second = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    assert first.headers["server-timing"] == 'exec;desc="worker"'
    assert second.headers["server-timing"] == 'exec;desc="cache"'
    assert first.content == second.content
