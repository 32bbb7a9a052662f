"""SPARQL Update at /sparql and /update: token, refusals, validation with rollback."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.writable import AUTH, writable_client

S8 = "http://localhost:8000/id/session/8"
NUMBER = "<https://w3id.org/cepa-kg/def#sessionNumber>"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{S8}> {NUMBER} ?x }}"


@pytest.fixture()
def client(corpus_store: OxigraphStore, tmp_path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with writable_client(corpus_store, tmp_path) as c:
        yield c


def count(client: TestClient) -> int:
    r = client.get("/sparql", params={"query": COUNT},
                   headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_token_is_required_and_compared(client: TestClient) -> None:
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> 1 } }"
    none = client.post("/update", data={"update": update})
    assert none.status_code == 401 and "Bearer" in none.headers["www-authenticate"]
    assert "token" in none.text
    wrong = client.post("/update", data={"update": update},
                        headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and "not the one configured" in wrong.text
    assert "http://example.org/g" not in client.app.state.store.graphs()  # type: ignore[attr-defined]
    ok = client.post("/update", data={"update": update}, headers=AUTH)
    assert ok.status_code == 200, ok.text
    assert "http://example.org/g" in client.app.state.store.graphs()  # type: ignore[attr-defined]


def test_without_a_configured_token_the_endpoint_is_read_only(
        corpus_store: OxigraphStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with writable_client(corpus_store, tmp_path, update_token=None) as c:
        r = c.post("/sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
        assert r.status_code == 403 and "read-only" in r.text
        assert count(c) == 1


def test_form_and_direct_updates_at_sparql_and_update(client: TestClient) -> None:
    for path in ("/sparql", "/update"):
        for n, (body, ctype) in enumerate([
                (f"update={quote('INSERT DATA { GRAPH <http://x/f> { <http://x/a> <http://x/p> 1 } }')}",
                 "application/x-www-form-urlencoded"),
                ("INSERT DATA { GRAPH <http://x/d> { <http://x/a> <http://x/p> 2 } }",
                 "application/sparql-update")]):
            r = client.post(path, content=body.encode(), headers={**AUTH, "Content-Type": ctype})
            assert r.status_code == 200, (path, n, r.text)
    r = client.get("/sparql", params={"query": "SELECT ?o WHERE { <http://x/a> <http://x/p> ?o } ORDER BY ?o"},
                   headers={"Accept": "text/csv"})
    assert r.text.split() == ["o", "1", "2"]


def test_update_in_the_url_of_a_post_is_refused(client: TestClient) -> None:
    r = client.post(f"/sparql?update={quote('CLEAR ALL')}", headers=AUTH,
                    data={"query": "ASK {}"})
    assert r.status_code == 400 and "belong in its body" in r.text
    assert client.get("/sparql", params={"update": "CLEAR ALL"}, headers=AUTH).status_code == 400
    assert client.get("/update", headers=AUTH).status_code == 405
    assert count(client) == 1


def test_an_update_that_breaks_the_shapes_is_rolled_back_with_the_report(client: TestClient) -> None:
    version = client.app.state.store.version  # type: ignore[attr-defined]
    r = client.post(
        "/update", headers={**AUTH, "Accept": "application/json",
                            "Content-Type": "application/sparql-update"},
        content=(f"DELETE WHERE {{ GRAPH ?g {{ <{S8}> {NUMBER} ?n }} }} ; "
                 "INSERT DATA { GRAPH <http://x/ok> { <http://x/a> <http://x/p> 1 } }").encode())
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert "nothing was written" in problem["detail"]
    assert any(v["focus"] == S8 and "sessionNumber" in (v["path"] or "")
               for v in problem["violations"])
    assert count(client) == 1  # rolled back: the number is still there
    assert "http://x/ok" not in client.app.state.store.graphs()  # type: ignore[attr-defined]
    assert client.app.state.store.version == version  # type: ignore[attr-defined]
    plain = client.post("/update", headers=AUTH, data={
        "update": f"DELETE WHERE {{ GRAPH ?g {{ <{S8}> {NUMBER} ?n }} }}"})
    assert plain.status_code == 422 and "violation" in plain.text and S8 in plain.text


def test_update_errors(client: TestClient) -> None:
    syntax = client.post("/update", headers={**AUTH, "Accept": "application/problem+json"},
                         data={"update": "CLEAR XYZ"})
    assert syntax.status_code == 400 and syntax.json()["line"] == 1
    assert "column" in syntax.json()
    absent = client.post("/update", headers=AUTH, data={"update": "CLEAR GRAPH <http://none>"})
    assert absent.status_code == 400 and "does not exist" in absent.text
    load = client.post("/update", headers=AUTH, data={"update": "LOAD <http://127.0.0.1:9/x>"})
    assert load.status_code == 400 and "LOAD" in load.text
    twice = client.post(
        "/update", headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"},
        content=b"update=CLEAR%20ALL&update=CLEAR%20ALL")
    assert twice.status_code == 400
    assert count(client) == 1


def test_using_graph_uri_sets_the_where_dataset(client: TestClient) -> None:
    doc = "http://localhost:8000/id/document/cepa-session-08-2009"
    r = client.post(f"/update?using-graph-uri={quote(doc, safe='')}",
                    headers={**AUTH, "Content-Type": "application/sparql-update"},
                    content=(f"INSERT {{ GRAPH <http://x/copy> {{ ?s {NUMBER} ?n }} }} "
                             f"WHERE {{ ?s {NUMBER} ?n }}").encode())
    assert r.status_code == 200, r.text
    rows = client.get("/sparql", params={"query": f"SELECT ?s WHERE {{ GRAPH <http://x/copy> {{ ?s {NUMBER} ?n }} }}"},
                      headers={"Accept": "text/csv"}).text.split()
    assert rows == ["s", S8]


SLOW_WHERE = ("{ SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a ?t } GRAPH ?h { ?b a ?u } "
              "GRAPH ?i { ?c a <https://w3id.org/cepa-kg/def#Session> } } }")


def test_an_update_past_its_budget_is_answered_503_and_writes_nothing(
        corpus_store: OxigraphStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """pyoxigraph cannot stop an update; the commit gate makes sure the 503 is true: the
    thread runs on, but the change it staged is never committed."""
    import time

    started = time.perf_counter()
    corpus_store.select(f"SELECT ?n WHERE {SLOW_WHERE}")
    needs = time.perf_counter() - started
    assert needs > 0.4, "the slow update must take a while for this test to mean anything"
    update = f'INSERT {{ <urn:late> <urn:p> ?n }} WHERE {SLOW_WHERE}'
    with writable_client(corpus_store, tmp_path, query_timeout_s=needs / 4) as client:
        version = client.app.state.store.version  # type: ignore[attr-defined]
        r = client.post("/update", content=update,
                        headers={**AUTH, "Content-Type": "application/sparql-update"})
        assert r.status_code == 503, r.text
        assert "nothing was written" in r.text
        # the abandoned thread (it took the store's write lock as it started, before the
        # 503) reaches its commit and skips it: the lock is free once it has
        store = client.app.state.store  # type: ignore[attr-defined]
        assert store._write_lock.acquire(timeout=needs * 20), "the update thread never ended"
        store._write_lock.release()
        assert store.version == version
        ask = client.get("/sparql", params={"query": "ASK { <urn:late> ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"})
        assert ask.json()["boolean"] is False
        # an update within its budget is still applied
        r = client.post("/update", content='INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }',
                        headers={**AUTH, "Content-Type": "application/sparql-update"})
        assert r.status_code == 200, r.text
