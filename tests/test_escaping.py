"""Every value from the data is escaped: in the HTML and in the embedded JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

BASE = "http://localhost:8000/"
PAYLOAD = 'Evil <script>alert(1)</script></script><img src=x onerror="alert(2)"> & <!-- \u2028'
IRI = BASE + "id/session/99/recommendation/1"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = OxigraphStore()
    text = str(ox.Literal(PAYLOAD))
    label = str(ox.Literal(PAYLOAD, language="en"))
    data = f"""
    @prefix cepa: <https://w3id.org/cepa-kg/def#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <{IRI}> a cepa:Recommendation ; rdfs:label {label} ; cepa:text {text} ;
        cepa:modality {text} ; cepa:session <{BASE}id/session/99> .
    <{BASE}id/session/99> a cepa:Session ; rdfs:label {label} ; cepa:sessionNumber 99 .
    """.encode()
    store.replace_graph(BASE + "id/document/hostile", data, format=ox.RdfFormat.TURTLE)
    app = create_app(Settings(base=BASE, store=Path(tmp_path_factory.mktemp("unused"))),
                     store=store)
    with TestClient(app) as client:
        yield client


def assert_inert(page: str) -> None:
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror=\"alert" not in page
    assert "<!-- " not in page


def test_entity_page_escapes_values_in_html_and_embedded_json_ld(hostile: TestClient) -> None:
    r = hostile.get("/id/session/99/recommendation/1", headers={"Accept": "text/html"})
    assert r.status_code == 200
    page = r.text
    assert_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
    # exactly one script element: the embedded JSON-LD, closed once, by its own tag
    assert page.count("<script") == 1 and page.count("</script>") == 1
    body = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert body is not None
    raw = body.group(1)
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    data = json.loads(raw)
    assert data["name"] == PAYLOAD  # the value survives, exactly
    assert data["description"] == PAYLOAD
    assert data["@id"] == IRI


def test_session_page_search_list_and_query_pages_escape(hostile: TestClient) -> None:
    pages = [
        hostile.get("/id/session/99.html").text,
        hostile.get("/", headers={"Accept": "text/html"}).text,
        hostile.get("/browse/Recommendation").text,
        hostile.get("/search", params={"q": "evil"}).text,
        hostile.get("/search", params={"q": "<script>alert(1)</script>"}).text,
        hostile.get("/query", params={"query": "SELECT ?t WHERE { ?s <https://w3id.org/cepa-kg/def#text> ?t }"}).text,
        hostile.get("/query", params={"query": "</textarea><script>alert(1)</script>"}).text,
    ]
    for page in pages:
        assert_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[3]  # the hit is shown, as text
    assert "&lt;/textarea&gt;&lt;script&gt;" in pages[6]


def test_machine_formats_carry_the_value_unchanged(hostile: TestClient) -> None:
    doc = hostile.get("/id/session/99/recommendation/1.jsonld").json()
    node = doc["@graph"][0] if "@graph" in doc else doc
    assert node["text"] == PAYLOAD and node["label"] == PAYLOAD
    turtle = hostile.get("/id/session/99/recommendation/1.ttl").content
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    assert ox.Literal(PAYLOAD) in {t.object for t in triples}
