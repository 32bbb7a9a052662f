"""The same checks on every backend: the embedded store, `oxigraph serve` and Virtuoso, each
holding the bundled corpus loaded through the store interface, each behind the real app.
A remote backend that cannot be had on this machine is skipped with the reason (CI installs
both). What a backend answers is compared with the embedded store's answer."""

from __future__ import annotations

import csv
import itertools
import threading
from collections import Counter
import gzip
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.namespaces import CEPA_DEF
from cepa_kg.pipeline import LoadOutcome, load_paths
from cepa_kg.remote_store import RemoteEndpoints, RemoteStore, RemoteStoreError
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import GraphStore, OxigraphStore
from remote_servers import RunningServer, oxigraph_server, virtuoso_server

BASE = "http://localhost:8000/"
TOKEN = "backend-test-token"
BACKENDS = ["embedded", "oxigraph", "virtuoso"]


@dataclass
class Backend:
    name: str
    store: GraphStore
    client: TestClient
    outcomes: list[LoadOutcome]
    server: RunningServer | None = None


def _remote(server: RunningServer) -> RemoteStore:
    return RemoteStore(RemoteEndpoints.from_url(server.query_url), owned=(BASE, CEPA_DEF),
                       timeout_s=30)


@pytest.fixture(scope="session")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Backend | str]]:
    """Every backend by name, or the reason it is missing. Started once for the session."""
    found: dict[str, Backend | str] = {}
    stack = []
    for name, start in [("embedded", None), ("oxigraph", oxigraph_server),
                        ("virtuoso", virtuoso_server)]:
        server = None
        if start is None:
            store: GraphStore = OxigraphStore()
        else:
            context = start(tmp_path_factory.mktemp(name))
            try:
                server = context.__enter__()
            except LookupError as missing:
                found[name] = str(missing)
                continue
            stack.append(context)
            store = _remote(server)
        outcomes = load_paths(store, bundled_corpus_paths(), base=BASE)
        settings = Settings(base=BASE, store=tmp_path_factory.mktemp(f"{name}-unused"),
                            update_token=TOKEN, query_timeout_s=30)
        client = TestClient(create_app(settings, store=store))
        client.__enter__()
        found[name] = Backend(name, store, client, outcomes, server)
    yield found
    for backend in found.values():
        if isinstance(backend, Backend):
            backend.client.__exit__(None, None, None)
    for context in reversed(stack):
        context.__exit__(None, None, None)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, backends: dict[str, Backend | str]) -> Backend:
    chosen = backends[request.param]
    if isinstance(chosen, str):
        pytest.skip(f"{request.param}: {chosen}")
    return chosen


@pytest.fixture
def embedded(backends: dict[str, Backend | str]) -> Backend:
    chosen = backends["embedded"]
    assert isinstance(chosen, Backend)
    return chosen


def _triples(store: GraphStore, graph: str) -> set[str]:
    """A graph's triples as N-Triples lines, blank nodes blanked (their labels differ), the
    load time left out."""
    out = set()
    for quad in store.quads(graph):
        if quad.predicate.value == "http://www.w3.org/ns/prov#generatedAtTime":
            continue
        line = str(ox.Triple(quad.subject, quad.predicate, quad.object))
        out.add(re.sub(r"_:\w+", "_:b", line))
    return out


def test_the_corpus_loads_into_the_same_graphs(backend: Backend, embedded: Backend) -> None:
    assert [o.status for o in backend.outcomes] == ["loaded"] * 4
    assert backend.store.graphs() == embedded.store.graphs()
    for graph in embedded.store.graphs():
        assert _triples(backend.store, graph) == _triples(embedded.store, graph), graph


def test_loading_again_changes_nothing(backend: Backend) -> None:
    version = backend.store.version
    again = load_paths(backend.store, bundled_corpus_paths(), base=BASE)
    assert [o.status for o in again] == ["unchanged"] * 4
    if backend.name == "embedded":  # a remote store's version also grows with time
        assert backend.store.version == version


def _rows(answer_text: str) -> list[tuple[str, ...]]:
    """CSV results as sorted rows, each cell's words sorted: engines may order unordered
    results, and the values a GROUP_CONCAT joins, differently."""
    rows = list(csv.reader(io.StringIO(answer_text)))
    return sorted(tuple(" ".join(sorted(cell.split())) for cell in row) for row in rows[1:])


def test_every_named_query_answers_as_on_the_embedded_store(backend: Backend,
                                                            embedded: Backend) -> None:
    listing = embedded.client.get("/queries", headers={"Accept": "application/json"}).json()
    assert len(listing) >= 10
    for query in listing:
        path = query["href"] + "?format=csv"
        mine, theirs = backend.client.get(path), embedded.client.get(path)
        assert mine.status_code == theirs.status_code == 200, (path, mine.text[:300])
        assert _rows(mine.text) == _rows(theirs.text), path


def _subjects(store: GraphStore) -> list[str]:
    rows = store.select(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "
                        f"\"{BASE}id/\")) }} ORDER BY ?s")
    return [row["s"].value for row in rows]


def test_entities_dereference_to_the_same_description(backend: Backend,
                                                      embedded: Backend) -> None:
    subjects = _subjects(embedded.store)
    assert len(subjects) > 100
    assert _subjects(backend.store) == subjects
    for iri in subjects[:: max(1, len(subjects) // 60)]:
        path = iri.removeprefix(BASE.rstrip("/")).split("#")[0]
        mine = backend.client.get(path, headers={"Accept": "application/n-triples"})
        theirs = embedded.client.get(path, headers={"Accept": "application/n-triples"})
        assert mine.status_code == theirs.status_code == 200, path
        blank = re.compile(r"_:\w+")
        assert ({blank.sub("_:b", line) for line in mine.text.splitlines()}
                == {blank.sub("_:b", line) for line in theirs.text.splitlines()}), path


PAGES = ["/", "/browse", "/browse/Recommendation", "/lists/recommendations",
         "/lists/recommendations?modality=should&sort=text", "/lists/events",
         "/lists/partnerships", "/matrix",
         "/timeline", "/map", "/network", "/queries", "/query", "/search?q=e-government",
         "/id/goal/mdg-8", "/id/goal/sdg-16"]


def _text(html: str) -> str:
    """A page's visible words, sorted: the same facts whatever order an engine gave."""
    words = re.sub(r"<[^>]+>", " ", html)
    return " ".join(sorted(re.findall(r"\w+", words)))


def test_the_pages_show_the_same_facts(backend: Backend, embedded: Backend) -> None:
    for path in PAGES:
        mine = backend.client.get(path, headers={"Accept": "text/html"})
        theirs = embedded.client.get(path, headers={"Accept": "text/html"})
        assert mine.status_code == theirs.status_code, path
        assert mine.status_code in (200, 404), path
        assert _text(mine.text) == _text(theirs.text), path


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml", "text/csv",
                                    "text/tab-separated-values"])
def test_sparql_select_in_every_results_format(backend: Backend, embedded: Backend,
                                               accept: str) -> None:
    query = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> SELECT ?r ?text WHERE "
             "{ ?r a cepa:Recommendation ; cepa:text ?text } ORDER BY ?r")
    mine = backend.client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    theirs = embedded.client.get("/sparql", params={"query": query},
                                 headers={"Accept": accept})
    assert mine.status_code == 200 and mine.headers["content-type"].startswith(accept)
    assert mine.content == theirs.content


def test_sparql_ask_and_construct(backend: Backend, embedded: Backend) -> None:
    for query, expected in [("ASK { ?s a <https://w3id.org/cepa-kg/def#Session> }", True),
                            ("ASK { ?s a <urn:no-such-class> }", False)]:
        answer = backend.client.get("/sparql", params={"query": query},
                                    headers={"Accept": "application/sparql-results+json"})
        assert answer.json()["boolean"] is expected
    construct = ("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), "
                 "\"https://w3id.org/cepa-kg/def#\")) }")
    mine = backend.client.get("/sparql", params={"query": construct},
                              headers={"Accept": "application/n-triples"})
    theirs = embedded.client.get("/sparql", params={"query": construct},
                                 headers={"Accept": "application/n-triples"})
    assert set(mine.text.splitlines()) == set(theirs.text.splitlines())
    assert len(mine.text.splitlines()) > 50


def test_a_bad_query_is_a_400_with_the_reason(backend: Backend) -> None:
    answer = backend.client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert answer.status_code == 400
    assert "syntax" in answer.text.lower()


def test_void_and_dump(backend: Backend, embedded: Backend) -> None:
    mine = backend.client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    theirs = embedded.client.get("/.well-known/void",
                                 headers={"Accept": "application/n-triples"})
    assert mine.status_code == 200
    blank = re.compile(r"_:\w+")

    def lines(text: str) -> list[str]:
        # distinct objects count the load times, which differ from one load to the other
        return sorted(blank.sub("_:b", line) for line in text.splitlines()
                      if "#distinctObjects>" not in line)

    assert lines(mine.text) == lines(theirs.text)
    dump = backend.client.get("/dump", headers={"Accept": "application/n-quads"})
    assert dump.status_code == 200
    quads = list(ox.parse(gzip.decompress(dump.content), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert graphs == set(embedded.store.graphs())
    assert len(quads) == len(list(embedded.store.quads()))


def test_an_update_through_the_endpoint_is_read_back(backend: Backend) -> None:
    graph = f"{BASE}graph/backend-test"
    update = (f"INSERT DATA {{ GRAPH <{graph}> {{ <{BASE}id/x> <http://www.w3.org/2000/01/"
              f"rdf-schema#label> \"written through {backend.name}\" }} }}")
    before = backend.store.version
    answer = backend.client.post("/sparql", data={"update": update},
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code in (200, 204), answer.text
    assert backend.store.version > before
    ask = f'ASK {{ GRAPH <{graph}> {{ ?s ?p "written through {backend.name}" }} }}'
    assert backend.client.get("/sparql", params={"query": ask},
                              headers={"Accept": "application/sparql-results+json"}
                              ).json()["boolean"] is True
    backend.store.drop_graph(graph)
    assert not backend.store.has_graph(graph)




def slow_query(server: str) -> str:
    """A query that runs past a 2 s budget and then ends on its own (4-8 s on each server on
    our machine; a server goes on with a query its client dropped, and an endless one kept
    a core busy for the rest of the run)."""
    rows = {"oxigraph": 9000, "virtuoso": 4000}[server]
    return ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT %d } "
            "{ SELECT ?d WHERE { ?d ?e ?f } LIMIT %d } }" % (rows, rows))


@pytest.fixture(params=["oxigraph", "virtuoso"])
def own_remote(request: pytest.FixtureRequest, tmp_path: Path
               ) -> Iterator[tuple[RunningServer, TestClient]]:
    """A remote server of this test's own (it is stopped and started again), with the
    corpus, behind an app whose query budget is 2 s."""
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    try:
        context = start(tmp_path)
        server = context.__enter__()
    except LookupError as missing:
        pytest.skip(str(missing))
    try:
        store = RemoteStore(RemoteEndpoints.from_url(server.query_url), owned=(BASE, CEPA_DEF),
                            timeout_s=3, retries=1)
        load_paths(store, bundled_corpus_paths(), base=BASE)
        settings = Settings(base=BASE, store=tmp_path / "unused", query_timeout_s=2)
        with TestClient(create_app(settings, store=store)) as client:
            yield server, client
    finally:
        context.__exit__(None, None, None)


def test_a_query_past_its_budget_is_answered_503_in_time(backend: Backend,
                                                        tmp_path: Path) -> None:
    if backend.server is None:  # in memory, the query would run on in its thread
        pytest.skip("the embedded store's budgets are tested on disk (test_limits.py)")
    settings = Settings(base=BASE, store=tmp_path / "unused", query_timeout_s=2)
    with TestClient(create_app(settings, store=backend.store)) as client:
        started = time.monotonic()
        answer = client.get("/sparql", params={"query": slow_query(backend.server.name)},
                            headers={"Accept": "application/sparql-results+json"})
        assert answer.status_code == 503, answer.text
        assert time.monotonic() - started < 10
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"}
                          ).status_code == 200


def test_the_store_down_is_a_502_and_the_server_recovers_by_itself(
        own_remote: tuple[RunningServer, TestClient]) -> None:
    """Under load (four clients asking all along), the store is stopped and started again:
    every answer comes within the budget, 200 before, 502 (or 503/504) while it is down,
    200 again after it is back, without any restart of ours."""
    server, client = own_remote
    accept = {"Accept": "application/sparql-results+json"}
    asked = itertools.count()
    phase = ["before"]
    seen: dict[str, list[tuple[int, float]]] = {"before": [], "down": [], "after": []}
    details: list[str] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?c }} # {next(asked)}"  # no cache
            started = time.monotonic()
            answer = client.get("/sparql", params={"query": query}, headers=accept)
            now_phase = phase[0]
            seen[now_phase].append((answer.status_code, time.monotonic() - started))
            if answer.status_code == 502:
                details.append(answer.json()["detail"])
            time.sleep(0.02)

    clients = [threading.Thread(target=ask) for _ in range(4)]
    for thread in clients:
        thread.start()
    try:
        time.sleep(1.0)
        phase[0] = "down"
        server.stop()
        time.sleep(2.0)
        server.start_again()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the first answers after the restart
            time.sleep(0.2)
            if seen["down"] and seen["down"][-1][0] == 200:
                break
        phase[0] = "after"
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in clients:
            thread.join(30)
    counts = {name: Counter(status for status, _ in rows) for name, rows in seen.items()}
    print("statuses by phase:", counts)
    assert set(counts["before"]) == {200} and sum(counts["before"].values()) >= 4
    assert counts["down"][502] >= 4  # refused at once, with the reason
    assert set(counts["down"]) <= {200, 502, 503, 504}
    assert any("cannot be reached" in detail for detail in details)
    assert set(counts["after"]) == {200} and sum(counts["after"].values()) >= 4
    assert max(took for rows in seen.values() for _, took in rows) < 10  # no hang


def test_a_remote_store_answering_garbage_is_a_502(backends: dict[str, Backend | str],
                                                   tmp_path: Path) -> None:
    """A server that answers 200 with something that is not SPARQL results."""
    import httpx

    def garbage(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>maintenance</html>",
                              headers={"Content-Type": "text/html"})

    store = RemoteStore(RemoteEndpoints.from_url("http://127.0.0.1:9/query"),
                        owned=(BASE, CEPA_DEF), transport=httpx.MockTransport(garbage))
    with TestClient(create_app(Settings(base=BASE, store=tmp_path), store=store)) as client:
        answer = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                            headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 502
    assert "not SPARQL" in answer.json()["detail"]


def test_the_command_line_reads_a_remote_store(backend: Backend) -> None:
    if backend.server is None:
        pytest.skip("the embedded store's command line is tested in test_cli.py")
    command = [sys.executable, "-m", "cepa_kg.cli"]
    where = ["--store", backend.server.query_url, "--base", BASE]
    query = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
             "SELECT ?n WHERE { ?s cepa:sessionNumber ?n } ORDER BY ?n")
    done = subprocess.run([*command, "query", *where, query],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[1:] == ["5", "8"]
    info = subprocess.run([*command, "info", *where, "--json"], capture_output=True, text=True,
                          timeout=120)
    assert info.returncode == 0, info.stderr
    described = json.loads(info.stdout)
    assert described["graphs"] == len(backend.store.graphs())
    assert described["store"] == backend.server.query_url
    compact = subprocess.run([*command, "compact", *where], capture_output=True, text=True,
                             timeout=120)
    assert compact.returncode == 2 and "embedded store" in compact.stderr, compact.stderr


def test_a_bulk_load_past_a_request_size_is_sent_in_whole_graphs(
        backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    """Servers cap a request (Virtuoso at 10 MB): a bulk load goes in several requests, each
    graph whole in one of them."""
    if backend.server is None:
        pytest.skip("the embedded store ingests a bulk load at once")
    import cepa_kg.remote_store as remote

    monkeypatch.setattr(remote, "_REQUEST_BYTES", 2_000)
    graphs = [f"{BASE}graph/bulk-test-{i}" for i in range(12)]
    nquads = "".join(f'<{BASE}id/bulk/{i}-{j}> <http://www.w3.org/2000/01/rdf-schema#label> '
                     f'"item {j} of graph {i}, with some words to weigh it" <{g}> .\n'
                     for i, g in enumerate(graphs) for j in range(20)).encode()
    sent = []
    real_write = backend.store._write  # type: ignore[union-attr]
    monkeypatch.setattr(backend.store, "_write", lambda ops: (sent.append(ops), real_write(ops)))
    try:
        backend.store.add_graphs(nquads)
        assert len(sent) > 3
        for graph in graphs:
            assert len(_triples(backend.store, graph)) == 20
            assert sum(f"<{graph}>" in " ".join(ops) for ops in sent) == 1  # never split
    finally:
        for graph in graphs:
            backend.store.drop_graph(graph)


def test_the_graph_store_protocol_writes_and_reads_a_graph(backend: Backend) -> None:
    graph = f"{BASE}graph/gsp-test-{backend.name}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = (f"<{BASE}id/gsp> <http://www.w3.org/2000/01/rdf-schema#label> \"put through the "
            f"Graph Store Protocol\"@en .\n").encode()
    put = backend.client.put("/store", params={"graph": graph}, content=body,
                             headers={**auth, "Content-Type": "application/n-triples"})
    assert put.status_code == 201, put.text
    got = backend.client.get("/store", params={"graph": graph},
                             headers={**auth, "Accept": "application/n-triples"})
    assert got.status_code == 200
    assert got.text.strip() == body.decode().strip()
    assert backend.client.delete("/store", params={"graph": graph},
                                 headers=auth).status_code == 204
    assert backend.client.get("/store", params={"graph": graph}, headers={
        **auth, "Accept": "application/n-triples"}).status_code == 404


def test_a_graph_replaced_through_the_graph_store_protocol(backend: Backend) -> None:
    """With a Graph Store URL, a graph is replaced by one PUT and read by GET."""
    if backend.server is None:
        pytest.skip("the embedded store has no Graph Store URL")
    root = backend.server.query_url.rsplit("/", 1)[0]
    gsp = f"{root}/store" if backend.name == "oxigraph" else f"{root}/sparql-graph-crud"
    store = RemoteStore(RemoteEndpoints.from_url(backend.server.query_url, graph_store=gsp),
                        owned=(BASE, CEPA_DEF))
    graph = f"{BASE}graph/gsp-put-test"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    for text in ("first", "second"):
        store.replace_graph(graph, f'<{BASE}id/gsp> {label} "{text}" .\n'.encode(),
                            format=ox.RdfFormat.N_TRIPLES)
        assert _triples(store, graph) == {f'<{BASE}id/gsp> {label} "{text}"'}
    assert store.graph_ntriples(graph) is not None
    store.drop_graph(graph)
    assert store.graph_ntriples(graph) is None


def _remote_with(settings: Settings) -> RemoteStore:
    from cepa_kg.remote_settings import remote_store

    store = remote_store(settings)
    assert store is not None
    return store


def test_credentials_basic_and_bearer_through_a_guarding_proxy(backends: dict[str, Backend | str],
                                                                tmp_path: Path) -> None:
    """Oxigraph server behind a real nginx that asks for HTTP Basic, or for a bearer token."""
    from remote_servers import reverse_proxy

    chosen = backends["oxigraph"]
    if isinstance(chosen, str):
        pytest.skip(chosen)
    assert chosen.server is not None
    upstream = chosen.server.query_url.removeprefix("http://").split("/")[0]
    (tmp_path / "basic").mkdir()
    (tmp_path / "basic" / "users").write_text("reader:{PLAIN}open-sesame\n")
    (tmp_path / "bearer").mkdir()
    guards = {
        "basic": f'auth_basic "cepa"; auth_basic_user_file {tmp_path}/basic/users;',
        "bearer": 'if ($http_authorization != "Bearer a-long-token") { return 401; }',
    }
    ask = "ASK { ?s a <https://w3id.org/cepa-kg/def#Session> }"
    for kind, guard in guards.items():
        try:
            with reverse_proxy(tmp_path / kind, [upstream], guard) as proxy:
                url = proxy + "/query"
                credentials = ({"store_user": "reader", "store_password": "open-sesame"}
                               if kind == "basic" else {"store_token": "a-long-token"})
                good = _remote_with(Settings(base=BASE, store_url=url, **credentials))
                assert good.ask(ask) is True
                anonymous = _remote_with(Settings(base=BASE, store_url=url))
                with pytest.raises(RemoteStoreError, match="401"):
                    anonymous.ask(ask)
        except LookupError as missing:
            pytest.skip(str(missing))


def test_credentials_digest_on_virtuoso_sparql_auth(backends: dict[str, Backend | str]) -> None:
    """Virtuoso's `/sparql-auth` takes updates from its users with HTTP Digest."""
    chosen = backends["virtuoso"]
    if isinstance(chosen, str):
        pytest.skip(chosen)
    assert chosen.server is not None
    url = chosen.server.query_url + "-auth"
    store = _remote_with(Settings(base=BASE, store_url=url, store_user="dba",
                                  store_password="dba", store_auth="digest"))
    graph = f"{BASE}graph/digest-test"
    store.replace_graph(graph, f'<{BASE}id/d> <http://www.w3.org/2000/01/rdf-schema#label> '
                               '"digest" .\n'.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert store.has_graph(graph)
    store.drop_graph(graph)
    wrong = _remote_with(Settings(base=BASE, store_url=url, store_user="dba",
                                  store_password="not-it", store_auth="digest"))
    with pytest.raises(RemoteStoreError, match="401"):
        wrong.ask("ASK { ?s ?p ?o }")


def test_reads_are_retried_on_a_broken_connection_and_writes_never() -> None:
    """A connection refused once: a read goes through on its second attempt, a write is
    sent once and fails (it may have been applied). A transport that refuses on cue is the
    one fake here: no real server drops exactly one connection when told to."""
    import httpx

    attempts: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        attempts.append(request.content.decode()[:6])
        if len(attempts) % 2 == 1:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(200, json={"head": {}, "boolean": True})

    store = RemoteStore(RemoteEndpoints.from_url("http://127.0.0.1:9/query"),
                        owned=(BASE, CEPA_DEF), transport=httpx.MockTransport(flaky))
    store._pragmas = ""  # no Virtuoso probe
    assert store.ask("ASK { ?s ?p ?o }") is True
    assert len(attempts) == 2
    attempts.clear()
    with pytest.raises(RemoteStoreError, match="cannot be reached"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert len(attempts) == 1
