"""/.well-known/void computed from the data and cached per version; /dump with its ETag."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import rdflib
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.writable import AUTH, writable_client

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
CEPA = rdflib.Namespace("https://w3id.org/cepa-kg/def#")


def void_graph(client: TestClient, accept: str = "text/turtle", fmt: str = "turtle") -> rdflib.Graph:
    r = client.get("/.well-known/void", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    return rdflib.Graph().parse(data=r.text, format=fmt)


def test_void_is_computed_from_the_data(client: TestClient, corpus_store: OxigraphStore) -> None:
    g = void_graph(client)
    dataset = next(g.subjects(VOID.sparqlEndpoint, None))
    assert int(g.value(dataset, VOID.triples)) == len(list(corpus_store.quads()))
    assert str(g.value(dataset, VOID.dataDump)).endswith("/dump")
    sessions = [p for p in g.objects(dataset, VOID.classPartition)
                if g.value(p, VOID["class"]) == CEPA.Session]
    assert len(sessions) == 1 and int(g.value(sessions[0], VOID.entities)) == 2
    assert (dataset, VOID.vocabulary, rdflib.URIRef(str(CEPA))) in g
    assert any(g.objects(dataset, VOID.propertyPartition))
    doc = rdflib.URIRef("http://localhost:8000/id/document/cepa-session-08-2009")
    assert (dataset, VOID.subset, doc) in g and g.value(doc, rdflib.DCTERMS.source) == doc
    assert rdflib.URIRef("http://localhost:8000/id/session/5") in set(
        g.objects(dataset, VOID.exampleResource))
    assert len(void_graph(client, "application/ld+json", "json-ld")) == len(g)
    assert len(void_graph(client, "application/rdf+xml", "xml")) == len(g)


def test_void_and_dump_follow_the_data(corpus_store: OxigraphStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with writable_client(corpus_store, tmp_path) as client:
        first = client.get("/dump")
        assert first.status_code == 200 and first.headers["content-type"] == "application/gzip"
        quads = list(ox.parse(gzip.decompress(first.content), format=ox.RdfFormat.N_QUADS))
        assert len(quads) == len(list(corpus_store.quads()))
        etag = first.headers["etag"]
        assert client.get("/dump", headers={"If-None-Match": etag}).status_code == 304
        assert client.head("/dump").headers["etag"] == etag
        before = void_graph(client)
        r = client.post("/update", headers=AUTH, data={
            "update": "INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> 1 } }"})
        assert r.status_code == 200
        after = void_graph(client)
        def count(g: rdflib.Graph) -> int:
            return max(int(o) for o in g.objects(None, VOID.triples))

        assert count(after) == count(before) + 1
        changed = client.get("/dump", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag
        assert len(list(ox.parse(gzip.decompress(changed.content),
                                 format=ox.RdfFormat.N_QUADS))) == len(quads) + 1
