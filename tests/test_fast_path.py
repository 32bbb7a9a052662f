"""The fast path for bounded streaming queries, and ETag / 304 / remembered answers on /sparql.

- The classifier (`query_shape`): which texts run in the server process, tricky ones included.
- Over an on-disk store with worker processes, the fast path (a runner thread in the server
  process) answers the same bytes as a worker, in every format, with
  the protocol's dataset too; `Server-Timing` says which answered.
- Against a real server (uvicorn, one runner thread): a fast-path query streaming past its
  budget is stopped on time and its thread is free again, for a slow reader and for a reader
  that stops reading; the client sees a cut stream.
- ETag / 304 / remembered answers per data version, and a new ETag after a write.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.server.app import create_app
from cepa_kg.server.execution import QueryJob
from cepa_kg.server.query_shape import ShapeKind, classify, is_fast
from cepa_kg.settings import Settings
from cepa_kg.store import Dataset, OxigraphStore
from fastapi.testclient import TestClient
from serve_process import ServeProcess, corpus_store_copy, cpu_ticks, serve_process

from tests.writable import AUTH, writable_client

BASE = "http://localhost:8000/"
S8 = f"<{BASE}id/session/8>"
P = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
JSON = "application/sparql-results+json"
FAST_PATH = ('exec;desc="thread"',)  # what answers in the server process

# -- the classifier ---------------------------------------------------------------------------

FAST = [
    "SELECT * WHERE { ?s ?p ?o }",
    "select ?s ?o { ?s <http://x/p> ?o . } limit 10 offset 20",
    P + f"SELECT ?l WHERE {{ {S8} rdfs:label ?l }}",
    f"CONSTRUCT {{ {S8} ?p ?o }} WHERE {{ {S8} ?p ?o }}",
    f"CONSTRUCT WHERE {{ {S8} ?p ?o }}",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 100",
    "ASK { ?s a <http://x/C> }",
    f"DESCRIBE {S8}",
    P + f"DESCRIBE {S8} cepa:Session FROM <http://x/g>",
    f"SELECT ?x FROM <http://x/g> FROM NAMED <http://x/h> WHERE {{ {S8} ?p ?x }}",
    # a few patterns on one constant subject, constant predicates
    P + f"SELECT * WHERE {{ {S8} a ?t ; rdfs:label ?l , ?m ; cepa:sessionNumber ?n }}",
    # keywords inside a literal, a comment, an IRI: words, not structure
    'SELECT ?s WHERE { ?s <http://x/p> "FILTER OPTIONAL { } ORDER BY ?x" }',
    "SELECT ?s WHERE { ?s <http://x/p> ?o } # FILTER(?o) ORDER BY ?o\n",
    "SELECT ?s WHERE { ?s <http://x/FILTER/UNION> 'x'@en-GB }",
    'SELECT ?s WHERE { ?s <http://x/p> """a "}" b""" }',
    "BASE <http://x/> SELECT ?o WHERE { <s> <p> ?o }",
    'SELECT ?s { ?s <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> }',
    "SELECT ?s { ?s <http://x/p> -42 }",
    "SELECT $s ?o { $s <http://x/p> ?o }",
]

NOT_FAST = [
    "SELECT * WHERE { ?s ?p ?o FILTER(?o > 1) }",
    "SELECT * WHERE { ?s ?p ?o . FILTER regex(str(?o), 'x') }",
    "SELECT * WHERE { ?s <http://x/p>/<http://x/q> ?o }",  # property paths
    "SELECT * WHERE { ?s <http://x/p>* ?o }",
    "SELECT * WHERE { ?s ^<http://x/p> ?o }",
    "SELECT * WHERE { ?s <http://x/p>|<http://x/q> ?o }",
    "SELECT * WHERE { ?s !<http://x/p> ?o }",
    "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",  # sub-query
    "SELECT * WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s <http://x/q> ?x } }",
    "SELECT * WHERE { { ?s ?p ?o } UNION { ?o ?p ?s } }",
    "SELECT * WHERE { ?s ?p ?o MINUS { ?s a <http://x/C> } }",
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o BIND(1 AS ?x) }",
    "SELECT * WHERE { VALUES ?s { <http://x/a> } ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://x/a> }",
    "SELECT * WHERE { ?s ?p ?o } ORDER BY ?o",
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT DISTINCT ?s WHERE { ?s ?p ?o }",
    "SELECT REDUCED ?s WHERE { ?s ?p ?o }",
    "SELECT (STR(?o) AS ?x) WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o . ?o ?q ?r }",  # a join
    "SELECT * WHERE { ?s ?s ?o }",  # a repeated variable: rows read, not returned
    "ASK { ?x <http://x/p> ?x }",
    f"SELECT * WHERE {{ {S8} ?p ?o ; ?q ?r }}",  # variable predicates in a join
    f"SELECT * WHERE {{ {S8} ?p ?o . <http://x/other> ?q ?r }}",  # two subjects
    "SELECT * WHERE { _:b ?p ?o }",  # blank nodes
    "SELECT * WHERE { [] ?p ?o }",
    "SELECT * WHERE { ?s ?p ( 1 2 ) }",
    "SELECT * WHERE { ?s ?p ?o } OFFSET 100000",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",  # unbounded: CONSTRUCT keeps what it sent
    "DESCRIBE ?s WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o } LIMIT 1",
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "SELECT * WHERE { ?s ?p ?o ",  # not even valid: not the fast path's business
    # a comment hides the closing brace: what follows is FILTER, outside any comment
    "SELECT * WHERE { ?s ?p ?o # }\n FILTER(?o) }",
    # a string hides nothing: the FILTER is real
    'SELECT * WHERE { ?s ?p "}" FILTER(true) }',
    "SELECT * WHERE { ?s ex:p ?o }",  # an undeclared prefix
    "SELECT * WHERE { ?s ?p ?o }" + " " * 5000,  # too long to be worth reading
]


@pytest.mark.parametrize("text", FAST)
def test_bounded_streaming_queries_are_fast_path(text: str) -> None:
    assert is_fast(text), text


@pytest.mark.parametrize("text", NOT_FAST)
def test_everything_else_goes_to_the_workers(text: str) -> None:
    assert not is_fast(text), text


def test_shapes() -> None:
    point = classify(P + f"SELECT ?l WHERE {{ {S8} rdfs:label ?l }}")
    assert point is not None and point.kind is ShapeKind.SELECT
    assert point.patterns == ((S8, "<http://www.w3.org/2000/01/rdf-schema#label>", "?l"),)


def test_the_classifier_remembers_texts() -> None:
    """A text asked again is not classified again (its cost per text: bench/bench_query_shape.py,
    a measure of time, not a test)."""
    texts = [P + f"SELECT ?l WHERE {{ <{BASE}id/x/{i}> rdfs:label ?l }}\n# {i}"
             for i in range(3)]
    first = [classify(text) for text in texts]
    hits = classify.cache_info().hits
    assert [classify(text) for text in texts] == first and all(first)
    assert classify.cache_info().hits == hits + len(texts)


# -- same bytes on every path -----------------------------------------------------------------


@pytest.fixture(scope="module")
def disk_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("fast-path")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    settings = Settings(base=BASE, store=store, query_workers=1)
    with TestClient(create_app(settings)) as client:
        yield client


def worker_answer(client: TestClient, job: QueryJob) -> tuple[str, bytes]:
    """The same job run by a worker process of the app's pool."""
    pool = client.app.state.executor.pool  # type: ignore[attr-defined]

    async def run() -> tuple[str, bytes]:
        stream = await pool.execute(job)
        assert stream.via == "worker"
        return stream.head, b"".join([chunk async for chunk in stream.body])

    return client.portal.call(run)  # type: ignore[union-attr]


SELECTS = [
    (P + f"SELECT ?l WHERE {{ {S8} rdfs:label ?l }}", "thread"),
    (P + "SELECT ?s ?n WHERE { ?s cepa:sessionNumber ?n }", "thread"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 3000", "thread"),  # ~0.5 MB: streamed in chunks
    ("ASK { ?s a <https://w3id.org/cepa-kg/def#Session> }", "thread"),
]
GRAPHS = [
    (f"CONSTRUCT WHERE {{ {S8} ?p ?o }}", "thread"),
    (f"DESCRIBE {S8}", "thread"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2000", "thread"),
]
RESULT_TYPES = [JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/rdf+xml",
               "application/ld+json", "application/trig", "application/n-quads"]


@pytest.mark.parametrize(("query", "via", "accept"),
                         [(q, v, a) for q, v in SELECTS for a in RESULT_TYPES]
                         + [(q, v, a) for q, v in GRAPHS for a in GRAPH_TYPES])
def test_fast_path_answers_the_workers_bytes(disk_client: TestClient, query: str, via: str,
                                             accept: str) -> None:
    response = disk_client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["server-timing"] == f'exec;desc="{via}"'
    media_type, body = worker_answer(disk_client, QueryJob(query, accept))
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert response.content == body
    assert b"true" in body if query.startswith("ASK") else b"session" in body.lower()


def test_dataset_parameters_on_both_paths(disk_client: TestClient) -> None:
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
        assert via in FAST_PATH
        assert body == worker_answer(disk_client, QueryJob(query, "text/csv", dataset))[1]
    only = lines({"default-graph-uri": graph})[1].count(b"\r\n")
    union = lines({})[1].count(b"\r\n")
    assert 1 < only <= union  # that graph's triples
    assert lines({"named-graph-uri": graph})[1].count(b"\r\n") == 1  # an empty default graph
    # FROM in the query: the same dataset, on the fast path
    via, body = lines({}, f"SELECT ?s ?p ?o FROM <{graph}> WHERE {{ ?s ?p ?o }} LIMIT 500")
    assert via in FAST_PATH and body.count(b"\r\n") == only


def test_other_queries_go_to_a_worker(disk_client: TestClient) -> None:
    response = disk_client.get("/sparql", params={
        "query": P + "SELECT ?n WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n } ORDER BY ?n"},
        headers={"Accept": JSON})
    assert response.headers["server-timing"] == 'exec;desc="worker"'
    assert [b["n"]["value"] for b in response.json()["results"]["bindings"]] == ["5", "8"]
    response = disk_client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                                headers={"Accept": JSON})
    assert response.headers["server-timing"] == 'exec;desc="thread"'
    assert "etag" not in response.headers  # POST: never cached
    bad = disk_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT x"})
    assert bad.status_code == 400
    refused = disk_client.get("/sparql", params={"query": f"CONSTRUCT WHERE {{ {S8} ?p ?o }}"},
                              headers={"Accept": JSON})
    assert refused.status_code == 406


# -- the budget on the fast path, against a real server ---------------------------------------

BUDGET_S = 1.5
ROWS = 400_000
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"
PROBE = "SELECT ?s ?o WHERE { ?s <http://example.org/p1> ?o } LIMIT 2000"


@pytest.fixture(scope="module")
def budget_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("fast-budget")
    data = "".join(f'<http://example.org/s{i}> <http://example.org/p{i % 5}> "row {i}: some '
                   f'words to make each row a line of about a hundred bytes" .\n'
                   for i in range(ROWS))
    bulk = ox.Store(str(folder / "store"))
    bulk.bulk_load(data.encode(), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode("http://example.org/g"))
    bulk.flush()
    del bulk
    # One runner thread: a query that kept it would hold up the probe.
    with serve_process(folder / "store", folder / "server.log", query_timeout_s=str(BUDGET_S),
                       query_workers="1", max_concurrent_queries="1") as live:
        yield live


def probe(server: ServeProcess) -> tuple[float, int, str]:
    start = time.monotonic()
    text = f"{PROBE}\n# {time.monotonic()}"  # a new text: never a remembered answer
    request = urllib.request.Request(server.query_url(text), headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        assert body.count(b"\r\n") == 2001
        return time.monotonic() - start, response.status, response.headers["Server-Timing"]


def test_a_slow_reader_is_cut_at_the_budget(budget_server: ServeProcess) -> None:
    host, port = budget_server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    start = time.monotonic()
    connection.request("GET", budget_server.query_url(EVERYTHING).removeprefix(
        budget_server.url), headers={"Accept": "text/csv"})
    response = connection.getresponse()
    assert response.status == 200
    assert response.headers["Server-Timing"] == 'exec;desc="thread"'
    received = 0
    with pytest.raises(http.client.IncompleteRead):
        while chunk := response.read(64 * 1024):  # about 3 MB/s: far from all by the budget
            received += len(chunk)
            time.sleep(0.02)
    elapsed = time.monotonic() - start
    connection.close()
    assert 1_000_000 < received < ROWS * 80, received  # it streamed, and was cut
    # The cut comes at the budget, plus what was in flight (socket buffers) to drain.
    assert BUDGET_S - 0.2 < elapsed < BUDGET_S + 4, elapsed
    elapsed, status, via = probe(budget_server)  # the only thread is free: it answers
    assert (status, via) == (200, 'exec;desc="thread"') and elapsed < BUDGET_S + 5


def test_a_stalled_reader_does_not_keep_the_thread(budget_server: ServeProcess) -> None:
    """The client reads the head and stops reading: the serializer fills the buffers, then
    waits for room. At the budget it gives up and the runner's only thread is free again, while
    the client still holds its connection."""
    host, port = budget_server.url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
    sock.connect((host, int(port)))
    path = budget_server.query_url(EVERYTHING).removeprefix(budget_server.url)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/csv\r\n\r\n".encode())
    start = time.monotonic()
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1024)
    assert head.startswith(b"HTTP/1.1 200") and b'exec;desc="thread"' in head
    ticks = cpu_ticks(budget_server.process.pid)
    time.sleep(BUDGET_S + 0.3)  # not reading
    # The thread is back: a query that needs it is answered at once.
    elapsed, status, via = probe(budget_server)
    assert (status, via) == (200, 'exec;desc="thread"') and elapsed < BUDGET_S + 5, (
        elapsed, status)
    # and the server is idle: nothing runs on for the stalled client.
    ticks = cpu_ticks(budget_server.process.pid)
    time.sleep(0.5)
    assert cpu_ticks(budget_server.process.pid) - ticks <= 0.1 * os.sysconf("SC_CLK_TCK")
    # Reading again, the client gets what was in flight, then the cut (no last chunk).
    received = bytearray(head.partition(b"\r\n\r\n")[2])
    sock.settimeout(10)
    while data := sock.recv(1 << 16):
        received += data
    sock.close()
    assert not _chunked_body_complete(bytes(received))  # no last chunk: the answer was cut
    assert 10_000 < len(received) < ROWS * 80
    assert time.monotonic() - start < BUDGET_S + 10


def _chunked_body_complete(body: bytes) -> bool:
    """Whether a chunked body ends with its last (zero-size) chunk. Read chunk by chunk: a CSV
    row that ends in "0" before the chunk's CRLF looks like the last chunk from its end."""
    pos = 0
    while True:
        line_end = body.find(b"\r\n", pos)
        if line_end < 0:
            return False
        size = int(body[pos:line_end].split(b";")[0], 16)
        if size == 0:
            return True
        pos = line_end + 2 + size + 2
        if pos > len(body):
            return False


def test_a_fast_reader_gets_all_of_a_smaller_answer(budget_server: ServeProcess) -> None:
    query = "SELECT * WHERE { ?s <http://example.org/p3> ?o } LIMIT 30000"
    request = urllib.request.Request(budget_server.query_url(query),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Server-Timing"] == 'exec;desc="thread"'
        assert response.read().count(b"\r\n") == 30_001


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
    # Heavier queries (worker path, or thread over memory) carry tags too; POST never does.
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
    # Remembered too: a query the fast path does not take (an aggregate, computed once per
    # data version). Not remembered: answers over 256 KB.
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


def test_answers_are_remembered_on_the_fast_path_over_disk(disk_client: TestClient) -> None:
    query = P + f"SELECT ?p ?o WHERE {{ {S8} ?p ?o }}\n# remembered"
    first = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    second = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    assert first.headers["server-timing"] == 'exec;desc="thread"'
    assert second.headers["server-timing"] == 'exec;desc="cache"'
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]


def test_heavy_answers_from_workers_are_remembered_too(disk_client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n# heavy, remembered"
    first = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    second = disk_client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    assert first.headers["server-timing"] == 'exec;desc="worker"'
    assert second.headers["server-timing"] == 'exec;desc="cache"'
    assert first.content == second.content
