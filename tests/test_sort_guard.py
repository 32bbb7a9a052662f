"""ORDER BY over values of mixed kinds: pyoxigraph's sort aborts the process (a Rust panic
that cannot unwind), unless the store puts a class key before each condition
(`core/sort_guard.py`). The crash is shown and the guard tested in child processes, so that a
regression fails a test instead of killing the test run."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
from cepa_kg.sort_guard import with_total_order

MIXED = ('SELECT ?o WHERE { VALUES ?o { "2" "" 4 "b" "" "297" "10" "zz46" 44 "b" 8 "2" 7 "2" '
         '35 "x y11" "x y85" 27 "Session" "1.5" 0 "20" 31 "297" "1052" 33 22 5 "2" "1.5" "266" '
         '"1.589" "108" 7 "1.535" "x y" 42 } } ORDER BY ?o')


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)


def test_the_engine_alone_aborts_on_a_mixed_sort() -> None:
    """The defect the guard exists for (if a pyoxigraph release fixes it, this test says so
    and the guard can go)."""
    done = _run(f"import pyoxigraph as ox; list(ox.Store().query({MIXED!r}))")
    assert done.returncode != 0 and "total order" in done.stderr


def test_the_store_sorts_mixed_values_class_by_class() -> None:
    done = _run("from cepa_kg.store import OxigraphStore\n"
                f"rows = OxigraphStore().select({MIXED!r})\n"
                "print(len(rows), rows[0]['o'].value, rows[-1]['o'].value)")
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["37", "0", "zz46"]  # numbers first, then the strings


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?o) ?s LIMIT 3",
    "SELECT * { ?s ?p ?o } ORDER BY (STR(?o)) LCASE(?s)",
    "SELECT * { { SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 2 } } ORDER BY ?s",
    "SELECT * {} ORDER BY ASC ( ?x ) desc(?y) VALUES ?x { 1 }",
])
def test_rewritten_queries_parse_and_keep_their_order(query: str) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s1"), ox.NamedNode("http://e/p"), ox.Literal("b")))
    store.add(ox.Quad(ox.NamedNode("http://e/s2"), ox.NamedNode("http://e/p"), ox.Literal("a")))
    assert list(store.query(with_total_order(query))) == list(store.query(query))


def test_text_without_an_order_clause_is_untouched() -> None:
    for query in ['SELECT ("order by" AS ?x) {}', "SELECT * { ?s ?p ?o } # ORDER BY ?s",
                  "ASK { <urn:order> ?p ?o }"]:
        assert with_total_order(query) == query


def test_numbers_of_different_types_still_sort_as_numbers() -> None:
    query = "SELECT ?n { VALUES ?n { 3 2.5 1e0 10 } } ORDER BY ?n"
    rows = ox.Store().query(with_total_order(query))
    assert [float(r["n"].value) for r in rows] == [1.0, 2.5, 3.0, 10.0]


def test_a_live_server_answers_a_mixed_sort_in_its_workers_and_its_threads(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Before the guard: the query worker died (500), and with no workers (query_workers=-1,
    queries in the server's threads) the server itself. Workers run a query as written (a
    sort with keys costs twice as much) and, when one dies on it, it runs again with them."""
    import json
    import urllib.request

    from serve_process import serve_process

    folder = tmp_path_factory.mktemp("mixed-sort")
    for workers in ("1", "-1"):
        store = folder / f"store{workers}"
        ox.Store(str(store)).flush()
        with serve_process(store, folder / f"server{workers}.log",
                           query_workers=workers) as live:
            request = urllib.request.Request(live.query_url(MIXED),
                                             headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                rows = json.load(answer)["results"]["bindings"]
            assert len(rows) == 37 and live.process.poll() is None
        if workers == "1":  # the worker ran it as given, died, and the pool ran it again
            assert "died on a query with ORDER BY" in (folder / "server1.log").read_text()
