"""The README's serve command on an empty store: it loads the bundled corpus and answers
SPARQL over real HTTP (uvicorn on 127.0.0.1); concurrent queries do not break it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serve_process import serve_process

QUERY = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> PREFIX schema: <https://schema.org/> "
         "SELECT ?n ?start ?end WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n ; "
         "schema:startDate ?start ; schema:endDate ?end } ORDER BY ?n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """README's serve command on an empty store folder."""
    store = tmp_path_factory.mktemp("serve") / "store"
    log = tmp_path_factory.mktemp("serve-log") / "server.log"
    with serve_process(store, log) as live:
        yield live.url


def sparql(url: str, query: str) -> list[list[str]]:
    request = urllib.request.Request(
        url + "/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    return [[b[v]["value"] for v in data["head"]["vars"]] for b in data["results"]["bindings"]]


def test_serve_loads_the_corpus_and_answers(server: str) -> None:
    assert sparql(server, QUERY) == [["5", "2006-03-27", "2006-03-31"],
                                     ["8", "2009-03-30", "2009-04-03"]]


def test_entity_iri_dereferences_over_http(server: str) -> None:
    request = urllib.request.Request(server + "/id/session/8", headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
        body = response.read()
    import rdflib

    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef("http://localhost:8000/id/session/8"), None, None) in g


def test_concurrent_queries_all_succeed(server: str) -> None:
    """Results are bound to the thread that made them; a mistake there aborts the process."""
    queries = [QUERY, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
               "CONSTRUCT WHERE { ?s a <https://w3id.org/cepa-kg/def#Recommendation> }"] * 20

    def run(query: str) -> int:
        request = urllib.request.Request(
            server + "/sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(run, queries))
    assert statuses == [200] * len(queries)
    assert sparql(server, QUERY)[0][0] == "5"



def test_the_server_process_never_imports_pyshacl(tmp_path: Path) -> None:
    """pySHACL patches rdflib globally on import: `serve` loads the corpus in a child process.
    Run `serve`'s own code with uvicorn.run replaced by a probe of the process's modules."""
    probe = """
import sys
import uvicorn
from cepa_kg.cli import main

def probe(app, **kwargs):
    print("pyshacl imported:", "pyshacl" in sys.modules)
    print("documents:", app.state.store.ask(
        "ASK { ?d a <https://w3id.org/cepa-kg/def#SourceDocument> }"))

uvicorn.run = probe
sys.exit(main(["serve", "--store", sys.argv[1], "--port", "0"]))
"""
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "pyshacl imported: False" in result.stdout
    assert "documents: True" in result.stdout


@pytest.mark.parametrize(("args", "env", "logged"), [
    ([], {}, False), (["--access-log"], {}, True), ([], {"CEPA_KG_ACCESS_LOG": "true"}, True)])
def test_requests_are_logged_only_when_asked(tmp_path: Path, args: list[str],
                                             env: dict[str, str], logged: bool) -> None:
    """uvicorn's access log costs ~15% of the light-query rate: off unless asked for."""
    from serve_process import corpus_store_copy

    store = corpus_store_copy(tmp_path.parent, tmp_path / "store")
    log = tmp_path / "server.log"
    with serve_process(store, log, **{k.removeprefix("CEPA_KG_").lower(): v
                                      for k, v in env.items()}, extra_args=args) as live:
        assert sparql(live.url, QUERY)
    lines = [line for line in log.read_text().splitlines() if "GET /sparql?" in line]
    assert bool(lines) is logged, log.read_text()[-2000:]


def _raw(url: str, *requests: bytes) -> list[bytes]:
    """Send `requests` on one connection, one after the other; each answer's status line
    and body (Content-Length or chunked)."""
    import http.client
    import socket

    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
    answers = []
    with socket.create_connection((host, port), timeout=30) as sock:
        for request in requests:
            head, _, body = request.partition(b"\r\n\r\n")
            sock.sendall(head[:20])  # the head in two parts: it is read whole before anything
            sock.sendall(head[20:] + b"\r\n\r\n" + body)
            response = http.client.HTTPResponse(sock)
            response.begin()
            answers.append(f"{response.status} ".encode() + response.read())
    return answers


def _post(body: bytes, content_type: str, *, h2c: bool, chunked: bool = False) -> bytes:
    offer = (b"Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
             b"HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n") if h2c else b""
    framing = (b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % len(body) + body +
               b"\r\n0\r\n\r\n") if chunked else b"Content-Length: %d\r\n\r\n" % len(body) + body
    return (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Java-http-client/21\r\n"
            + offer + b"Content-Type: " + content_type.encode() + b"\r\n"
            b"Accept: application/sparql-results+json\r\n" + framing)


def test_a_jdk_client_offering_h2c_gets_its_post_answered(server: str) -> None:
    """Jena's rsparql --post and RDF4J offer HTTP/2 (`Upgrade: h2c`) on plain HTTP: the offer
    is ignored and the POSTed query answered (with httptools its body was lost: 400)."""
    count = b"SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/cepa-kg/def#Session> }"
    form = b"query=" + urllib.parse.quote(count).encode()
    form_type, query_type = "application/x-www-form-urlencoded", "application/sparql-query"
    answers = _raw(server, _post(form, form_type, h2c=True), _post(count, query_type, h2c=False))
    answers += _raw(server, _post(count, query_type, h2c=True, chunked=True))
    answers += _raw(server, _post(count, query_type, h2c=False))  # httptools' connections
    for answer in answers:
        status, _, body = answer.partition(b" ")
        assert status == b"200", answer
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"
