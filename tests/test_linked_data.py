"""Dereferencing: every subject IRI minted under BASE answers in all five formats, and each
answer parses and describes that IRI."""

from __future__ import annotations

import html

import pytest
import rdflib
from fastapi.testclient import TestClient

from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"
FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml", "application/n-triples": "nt"}


def subject_iris(store: OxigraphStore) -> list[str]:
    rows = store.select(f"""SELECT DISTINCT ?s WHERE {{ ?s ?p ?o .
        FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}id/")) }}""")
    return sorted(r["s"].value for r in rows)


def test_every_subject_dereferences_in_every_format(client: TestClient,
                                                     corpus_store: OxigraphStore) -> None:
    iris = subject_iris(corpus_store)
    documents = {iri.split("#", 1)[0] for iri in iris}
    assert len(documents) > 100
    for iri in sorted(documents):
        path = iri.removeprefix(BASE.rstrip("/"))
        for media, rdflib_format in FORMATS.items():
            r = client.get(path, headers={"Accept": media})
            assert r.status_code == 200, (iri, media, r.text)
            assert r.headers["content-type"].startswith(media)
            g = rdflib.Graph().parse(data=r.content, format=rdflib_format)
            assert (rdflib.URIRef(iri), None, None) in g, (iri, media)
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "<h1>" in page.text


def test_hash_iris_come_with_their_document(client: TestClient, corpus_store: OxigraphStore) -> None:
    hashed = [iri for iri in subject_iris(corpus_store) if "#" in iri]
    assert any("#mdg-" in iri for iri in hashed)
    sample = sorted(hashed)[:: max(1, len(hashed) // 40)]
    for iri in sample:
        document = iri.split("#", 1)[0].removeprefix(BASE.rstrip("/"))
        g = rdflib.Graph().parse(data=client.get(document, headers={"Accept": "text/turtle"}).content,
                                 format="turtle")
        assert (rdflib.URIRef(iri), None, None) in g, iri


def test_a_recommendation_page_shows_its_text_goals_and_source(client: TestClient) -> None:
    page = client.get("/id/session/8/resolution/1", headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "continue to give due recognition to innovative public sector initiatives" in text
    assert "Development goals served" in text
    assert 'href="/id/goal/mdg-' in page.text
    assert "Source text" in text
    assert 'href="/id/document/cepa-session-8"' in page.text


def test_suffix_urls_and_headers(client: TestClient) -> None:
    r = client.get("/id/session/5.ttl")
    assert r.headers["content-type"].startswith("text/turtle")
    r = client.get("/id/session/5", headers={"Accept": "application/ld+json"})
    assert r.headers["content-location"] == "/id/session/5.jsonld"
    assert "Accept" in r.headers["vary"]
    assert 'rel="alternate"; type="text/turtle"' in r.headers["link"]


def test_unknown_iris_get_404(client: TestClient) -> None:
    assert client.get("/id/session/99", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/nothing/here").status_code == 404


def test_unacceptable_type_gets_406(client: TestClient) -> None:
    r = client.get("/id/session/5", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text


@pytest.mark.parametrize("path", ["/", "/def"])
def test_pages_for_people(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")


def test_home_lists_the_sessions_and_links_the_endpoint(client: TestClient) -> None:
    text = client.get("/").text
    assert 'href="/id/session/5"' in text and 'href="/id/session/8"' in text
    assert 'href="/sparql"' in text
    assert "2009-03-30" in text


def test_ontology_as_turtle(client: TestClient) -> None:
    r = client.get("/def", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.content, format="turtle")
    CEPA = rdflib.Namespace("https://w3id.org/cepa-kg/def#")
    assert (CEPA.Session, rdflib.RDF.type, rdflib.OWL.Class) in g
