"""The Graph Store HTTP Protocol at /store, behind the token, with checked writes."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
import rdflib
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.writable import AUTH, writable_client

G = "http://example.org/graph/one"
TTL = b"@prefix ex: <http://example.org/> . ex:a ex:p ex:b , ex:c ."


@pytest.fixture()
def client(corpus_store: OxigraphStore, tmp_path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with writable_client(corpus_store, tmp_path) as c:
        yield c


def url(graph: str = G) -> str:
    return f"/store?graph={quote(graph, safe='')}"


def test_put_get_post_head_delete(client: TestClient) -> None:
    put = client.put(url(), content=TTL, headers={**AUTH, "Content-Type": "text/turtle"})
    assert put.status_code == 201
    again = client.put(url(), content=TTL, headers={**AUTH, "Content-Type": "text/turtle"})
    assert again.status_code == 204
    got = client.get(url(), headers={**AUTH, "Accept": "application/n-triples"})
    assert got.headers["content-type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=got.text, format="nt")) == 2
    post = client.post(url(), content=b'<http://example.org/a> <http://example.org/p> "3" .',
                       headers={**AUTH, "Content-Type": "application/n-triples"})
    assert post.status_code == 204
    turtle = client.get(url(), headers={**AUTH, "Accept": "text/turtle"})
    assert len(rdflib.Graph().parse(data=turtle.text, format="turtle")) == 3
    head = client.head(url(), headers=AUTH)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) > 0
    assert client.delete(url(), headers=AUTH).status_code == 204
    assert client.get(url(), headers=AUTH).status_code == 404
    assert client.delete(url(), headers=AUTH).status_code == 404


def test_default_graph_and_document_graphs(client: TestClient) -> None:
    assert client.put("/store?default", content=TTL,
                      headers={**AUTH, "Content-Type": "text/turtle"}).status_code == 204
    got = client.get("/store?default", headers={**AUTH, "Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=got.text, format="json-ld")) == 2
    doc = client.get(url("http://localhost:8000/id/document/cepa-session-08-2009"),
                     headers={**AUTH, "Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=doc.text, format="turtle")
    assert (rdflib.URIRef("http://localhost:8000/id/session/8"), None, None) in g


def test_refusals(client: TestClient) -> None:
    assert client.get(url()).status_code == 401
    assert client.get(url(), headers={"Authorization": "Bearer x"}).status_code == 403
    assert client.get("/store", headers=AUTH).status_code == 400
    assert client.get(f"{url()}&default", headers=AUTH).status_code == 400
    assert client.put(url(), content=TTL,
                      headers={**AUTH, "Content-Type": "text/csv"}).status_code == 415
    bad = client.put(url(), content=b"not turtle <", headers={**AUTH, "Content-Type": "text/turtle"})
    assert bad.status_code == 400 and "not valid text/turtle" in bad.text
    assert client.get(url("not an iri"), headers=AUTH).status_code == 400


def test_a_put_that_breaks_the_shapes_is_refused(client: TestClient) -> None:
    doc = "http://localhost:8000/id/document/cepa-session-08-2009"
    before = client.get(url(doc), headers={**AUTH, "Accept": "application/n-triples"}).text
    broken = b"<http://localhost:8000/id/session/8> a <https://w3id.org/cepa-kg/def#Session> ."
    r = client.put(url(doc), content=broken, headers={**AUTH, "Content-Type": "text/turtle"})
    assert r.status_code == 422 and "violation" in r.text
    after = client.get(url(doc), headers={**AUTH, "Accept": "application/n-triples"}).text
    assert sorted(before.splitlines()) == sorted(after.splitlines())
