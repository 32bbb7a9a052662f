"""The SPARQL 1.1 Protocol endpoint over the real app and the real store."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import rdflib
from fastapi.testclient import TestClient

SESSIONS = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> PREFIX schema: <https://schema.org/> "
            "SELECT ?n ?start ?end WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n ; "
            "schema:startDate ?start ; schema:endDate ?end } ORDER BY ?n")
CONSTRUCT = ("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
             "?s a <https://w3id.org/cepa-kg/def#Session> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
EXPECTED = [["5", "2006-03-27", "2006-03-31"], ["8", "2009-03-30", "2009-04-03"]]


def _bindings(body: bytes) -> list[list[str]]:
    data = json.loads(body)
    return [[b[v]["value"] for v in data["head"]["vars"]] for b in data["results"]["bindings"]]


def test_get_post_form_and_post_direct_agree(client: TestClient) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    get = client.get("/sparql", params={"query": SESSIONS}, headers=accept)
    form = client.post("/sparql", data={"query": SESSIONS}, headers=accept)
    direct = client.post("/sparql", content=SESSIONS.encode(),
                         headers={**accept, "Content-Type": "application/sparql-query"})
    for response in (get, form, direct):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert "charset=utf-8" in response.headers["content-type"]
        assert "Accept" in response.headers["vary"]
        assert _bindings(response.content) == EXPECTED


def test_select_as_xml_csv_tsv(client: TestClient) -> None:
    xml = client.get("/sparql", params={"query": SESSIONS},
                     headers={"Accept": "application/sparql-results+xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<literal datatype=\"http://www.w3.org/2001/XMLSchema#date\">2009-03-30</literal>" in xml.text
    rows = list(csv.reader(io.StringIO(client.get(
        "/sparql", params={"query": SESSIONS}, headers={"Accept": "text/csv"}).text)))
    assert rows == [["n", "start", "end"], *EXPECTED]
    tsv = client.get("/sparql", params={"query": SESSIONS},
                     headers={"Accept": "text/tab-separated-values"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert tsv.text.splitlines()[0] == "?n\t?start\t?end"


def test_ask(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s a <https://w3id.org/cepa-kg/def#Session> }"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.json()["boolean"] is True


def test_construct_in_each_graph_format(client: TestClient) -> None:
    formats = {"text/turtle": "turtle", "application/n-triples": "nt",
               "application/rdf+xml": "xml", "application/ld+json": "json-ld"}
    for media, rdflib_format in formats.items():
        r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": media})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith(media)
        g = rdflib.Graph().parse(data=r.content, format=rdflib_format)
        assert len(g) == 2, media


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": SESSIONS, "format": "csv"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.headers["content-type"].startswith("text/csv")


def test_a_form_body_is_decoded_once(client: TestClient) -> None:
    query = 'SELECT ("100%25 sure" AS ?x) WHERE {}'  # the literal holds "%25" once decoded
    r = client.post("/sparql", content=f"query={quote(query)}".encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded",
                             "Accept": "application/sparql-results+json"})
    assert _bindings(r.content) == [["100%25 sure"]]


def test_malformed_query_gets_400_with_the_parsers_message(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert r.status_code == 400
    assert "syntax error" in r.text.lower()
    problem = client.get("/sparql", params={"query": "SELEC"},
                         headers={"Accept": "application/json"})
    assert problem.status_code == 400
    assert problem.headers["content-type"] == "application/problem+json"
    assert problem.json()["status"] == 400


def test_protocol_errors(client: TestClient) -> None:
    twice = client.get(f"/sparql?query={quote(SESSIONS)}&query={quote(SESSIONS)}")
    assert twice.status_code == 400 and "exactly once" in twice.text
    unsupported = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert unsupported.status_code == 415
    update = client.post("/sparql", data={"update": "DROP ALL"})
    assert update.status_code == 403
    unacceptable = client.get("/sparql", params={"query": SESSIONS}, headers={"Accept": "image/png"})
    assert unacceptable.status_code == 406
    assert "application/sparql-results+json" in unacceptable.text


def test_service_is_refused(client: TestClient) -> None:
    r = client.get("/sparql", params={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE" in r.text


def test_dataset_parameters(client: TestClient) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/cepa-kg/def#Session> }"
    only_project = client.get("/sparql", params={
        "query": q, "default-graph-uri": "http://localhost:8000/id/document/cepa-session-8"},
        headers={"Accept": "application/sparql-results+json"})
    assert _bindings(only_project.content) == [["1"]]


def test_no_query_gives_a_service_description_or_a_query_page(client: TestClient) -> None:
    sd = client.get("/sparql", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=sd.text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, rdflib.RDF.type, SD.Service) in g
    page = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert "<form" in page.text
