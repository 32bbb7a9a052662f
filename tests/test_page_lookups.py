"""The timeline, the map and the class lists read their rows by lookups (lookups.objects):
the same rows as the queries that say what they hold, on the bundled corpus."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from cepa_kg.server import pages
from cepa_kg.server import time_place_pages as tp
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"


def _set(rows: list[dict[str, str]]) -> set[tuple[tuple[str, str], ...]]:
    return {tuple(sorted(r.items())) for r in rows}


def _query(store: OxigraphStore, text: str) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in store.select(text)]


def test_timeline_rows(corpus_store: OxigraphStore) -> None:
    got = tp.timeline_rows(corpus_store)
    assert _set(got) == _set(_query(corpus_store, tp._TIMELINE))
    assert len(got) == len(_set(got)) > 10
    assert tp.timeline_view(got, BASE) == tp.timeline_view(_query(corpus_store, tp._TIMELINE),
                                                           BASE)


@pytest.mark.parametrize("marked", ["", "id/place/rabat", "id/place/nowhere"])
def test_places_rows(corpus_store: OxigraphStore, marked: str) -> None:
    iri = BASE + marked if marked else ""
    text = tp._PLACES.replace("MARKED", f"UNION {{ BIND({ox.NamedNode(iri)} AS ?place) }}"
                              if iri else "")
    got = tp.places_rows(corpus_store, iri)
    assert _set(got) == _set(_query(corpus_store, text))
    assert any("lat" in r for r in got)


_LIST = pages._PREFIX + """
SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?sn) AS ?number) (SAMPLE(?o) AS ?order) WHERE {
  ?s a {class} . FILTER(isIRI(?s))
  OPTIONAL { ?s rdfs:label ?l0 }
  OPTIONAL { ?s skos:prefLabel ?l1 FILTER((LANG(?l1) = "" || LANGMATCHES(LANG(?l1), "en"))) }
  BIND(COALESCE(?l0, ?l1, STR(?s)) AS ?l)
  OPTIONAL { ?s cepa:sessionNumber ?sn0 } OPTIONAL { ?s cepa:session/cepa:sessionNumber ?sn1 }
  BIND(COALESCE(?sn0, ?sn1) AS ?sn)
  OPTIONAL { ?s cepa:order ?o }
} GROUP BY ?s ORDER BY ?number ?order LCASE(STR(?label)) ?s
"""


@pytest.mark.parametrize("name", sorted(pages.CLASSES))
def test_class_listing_in_the_order_of_the_former_query(corpus_store: OxigraphStore,
                                                        name: str) -> None:
    """The query the list pages ran: the same instances, labels and order (on the corpus no
    instance has two labels, where its SAMPLE could choose either)."""
    expected = [(r["s"].value, r["label"].value) for r in corpus_store.select(
        _LIST.replace("{class}", str(ox.NamedNode(pages.CEPA + name))))]
    got = pages.class_listing(corpus_store, pages.CEPA + name)
    assert got == expected


@pytest.mark.parametrize("words", ["corruption", "public", "unodc", "trust", "e-government",
                                   "zzz-nothing"])
def test_search_rows(corpus_store: OxigraphStore, words: str) -> None:
    """The resources, kinds and order of the query search ran; the same name (on the corpus
    each has one label) and a text where the query found one."""
    from cepa_kg.server import search as sr
    expected = corpus_store.select(sr._SEARCH.replace("{needle}", str(ox.Literal(words))))
    got = sr.search_rows(corpus_store, words)
    assert [(r["s"], r["kind"]) for r in got] == [(r["s"], r["kind"]) for r in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert mine["name"] == theirs["name"]
        assert ("body" in mine) == ("body" in theirs)
    if words != "zzz-nothing":
        assert got


def test_reader_span_rows(corpus_store: OxigraphStore) -> None:
    """The facts of each document's reader: the rows of the query it ran."""
    from cepa_kg.server import reader
    documents = [r["d"].value for r in corpus_store.select(
        "SELECT DISTINCT ?d WHERE { ?d <https://w3id.org/cepa-kg/def#sourceText> ?t }")]
    assert len(documents) >= 4
    for iri in documents:
        expected = corpus_store.select(reader._SPANS.replace("{doc}", str(ox.NamedNode(iri))))
        got = reader.span_rows(corpus_store, iri)
        assert len(got) == len(expected) > 10
        assert sorted(map(_terms, got)) == sorted(map(_terms, expected))
        for r in got:
            if "type" in r:
                kinds = corpus_store.select("SELECT ?a ?t WHERE { ?a a ?t }",
                                            substitutions={"a": r["about"]})
                assert r["type"] in [k["t"] for k in kinds]
        order = ("start", "end", "about")
        assert [[r[k] for k in order] for r in got] == [[r[k] for k in order] for r in expected]


def _terms(row: object) -> list[tuple[str, str]]:
    """The row's values but its type (a SAMPLE of several: here the narrowest)."""
    return sorted((k, str(row[k])) for k in ("start", "end", "about", "label", "goal",  # type: ignore[index]
                                             "goalLabel", "method", "score")
                  if _has(row, k))


def _has(row: object, key: str) -> bool:
    try:
        return row[key] is not None  # type: ignore[index]
    except KeyError:
        return False
