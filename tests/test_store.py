"""The embedded store through its interface: union default graph, atomic graph replacement,
datasets, serialization by kind."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from cepa_kg.store import Dataset, OxigraphStore, QueryKind, QuerySyntaxError, StoreLockedError

G1, G2 = "http://example.org/g1", "http://example.org/g2"
NT = ox.RdfFormat.N_TRIPLES


def _store() -> OxigraphStore:
    store = OxigraphStore()
    store.replace_graph(G1, b'<http://e/a> <http://e/p> "one" .\n', format=NT)
    store.replace_graph(G2, b'<http://e/b> <http://e/p> "two" .\n', format=NT)
    return store


def test_default_graph_is_the_union_of_named_graphs() -> None:
    rows = _store().select("SELECT ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?o")
    assert [r["o"].value for r in rows] == ["one", "two"]


def test_dataset_restricts_the_default_graph() -> None:
    out = io.BytesIO()
    kind, _ = _store().query_into(
        "SELECT ?o WHERE { ?s ?p ?o }", out, lambda k: ox.QueryResultsFormat.CSV,
        dataset=Dataset(default_graphs=(G2,)))
    assert kind is QueryKind.SOLUTIONS
    assert out.getvalue().decode().split() == ["o", "two"]


def test_replace_graph_replaces_only_that_graph() -> None:
    store = _store()
    version = store.version
    store.replace_graph(G1, b'<http://e/a> <http://e/p> "uno" .\n', format=NT)
    rows = store.select("SELECT ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?o")
    assert [r["o"].value for r in rows] == ["two", "uno"]
    assert store.version > version
    assert store.graphs() == [G1, G2]


def test_bad_data_leaves_the_graph_untouched() -> None:
    store = _store()
    with pytest.raises(SyntaxError):
        store.replace_graph(G1, b'<http://e/a> <http://e/p> "broken .\n', format=NT)
    assert store.ask('ASK { GRAPH <http://example.org/g1> { ?s ?p "one" } }')
    assert store.graphs() == [G1, G2]  # no temporary graph left behind


def test_query_kinds_pick_their_format() -> None:
    store = _store()
    seen = []

    def choose(kind: QueryKind) -> ox.QueryResultsFormat | ox.RdfFormat:
        seen.append(kind)
        return ox.RdfFormat.N_TRIPLES if kind is QueryKind.GRAPH else ox.QueryResultsFormat.JSON

    out = io.BytesIO()
    store.query_into("ASK { ?s ?p ?o }", out, choose)
    assert b'"boolean":true' in out.getvalue().replace(b" ", b"")
    out = io.BytesIO()
    store.query_into("CONSTRUCT WHERE { ?s ?p ?o }", out, choose)
    assert len(list(ox.parse(out.getvalue(), format=NT))) == 2
    assert seen == [QueryKind.BOOLEAN, QueryKind.GRAPH]


def test_syntax_errors_are_reported_with_the_parsers_message() -> None:
    with pytest.raises(QuerySyntaxError) as info:
        _store().select("SELECT ?x WHERE { ?x ")
    assert "1:" in str(info.value) or "expected" in str(info.value).lower()


def test_on_disk_store_persists_and_refuses_a_second_writer(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.replace_graph(G1, b'<http://e/a> <http://e/p> "one" .\n', format=NT)
    store.flush()
    with pytest.raises(StoreLockedError):
        OxigraphStore(tmp_path / "db")
    del store
    reopened = OxigraphStore(tmp_path / "db")
    assert reopened.ask("ASK { ?s ?p \"one\" }")
