"""Real clients against uvicorn on 127.0.0.1: SPARQLWrapper and rdflib's SPARQLStore read every
result format back; a browser gets the query page; CORS preflight from any origin."""

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Iterator

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.live_server import live_server

SESSIONS = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> PREFIX schema: <https://schema.org/> "
            "SELECT ?n ?start WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n ; "
            "schema:startDate ?start } ORDER BY ?n")
CONSTRUCT = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
             "?s a <https://w3id.org/cepa-kg/def#Session> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
BROWSER = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
           "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("clients"), corpus=True) as url:
        yield url


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_reads_every_result_format(server: str, method: str) -> None:
    def client(query: str, fmt: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(server + "/sparql")
        wrapper.setMethod(method)
        wrapper.setQuery(query)
        wrapper.setReturnFormat(fmt)
        return wrapper

    data = client(SESSIONS, JSON).queryAndConvert()
    assert [b["n"]["value"] for b in data["results"]["bindings"]] == ["5", "8"]  # type: ignore[index]
    xml = client(SESSIONS, XML).queryAndConvert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")][::2] == ["5", "8"]  # type: ignore[union-attr]
    for fmt, sep in ((CSV, ","), (TSV, "\t")):
        text = client(SESSIONS, fmt).queryAndConvert().decode()  # type: ignore[union-attr]
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        assert len(rows) == 3 and rows[1][0].startswith(("5", '"5"'))
    ask = client("ASK { ?s a <https://w3id.org/cepa-kg/def#Session> }", JSON).queryAndConvert()
    assert ask["boolean"] is True  # type: ignore[index]
    for fmt in (TURTLE, N3, RDFXML, JSONLD):
        graph = client(CONSTRUCT, fmt).queryAndConvert()
        if not isinstance(graph, rdflib.Graph):
            graph = rdflib.Graph().parse(data=graph, format="turtle")
        assert len(graph) == 2, fmt


def test_rdflib_sparqlstore(server: str) -> None:
    for method in ("GET", "POST_FORM"):
        store = SPARQLStore(server + "/sparql", method=method, returnFormat="xml")
        graph = rdflib.Graph(store)
        rows = list(graph.query(SESSIONS))
        assert [int(r[0]) for r in rows] == [5, 8]  # type: ignore[index]
        assert bool(graph.query("ASK { ?s ?p ?o }").askAnswer)
        assert len(graph.query(CONSTRUCT).graph) == 2  # type: ignore[arg-type]
        json_store = SPARQLStore(server + "/sparql", method=method, returnFormat="json")
        assert len(list(rdflib.Graph(json_store).query(SESSIONS))) == 2


def test_a_browser_gets_the_query_page(server: str) -> None:
    request = urllib.request.Request(server + "/sparql", headers={"Accept": BROWSER})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/html")
        assert b"<form" in response.read()


def test_cors_preflight_from_any_origin(server: str) -> None:
    request = urllib.request.Request(server + "/sparql", method="OPTIONS", headers={
        "Origin": "https://example.net", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://example.net")
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
