"""Our JSON-LD compactor (server/jsonld_context.py, hand-made: 25x faster than pyld, see
bench/bench_jsonld.py) held to the maintained processor: pyld expands what we write, under
the published context, back to exactly the triples of the description, for every entity the
server dereferences over the corpus."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import BASE
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from cepa_kg.server.describe import describe
from cepa_kg.server.jsonld_context import compact, context
from cepa_kg.store import OxigraphStore


def entities(store: OxigraphStore) -> list[str]:
    return [r["s"].value for r in store.select(
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/") '
        '&& !CONTAINS(STR(?s), "#")) }')]


def same_triples(nquads: str, triples: list[ox.Triple]) -> bool:
    """pyld's N-Quads and these triples: the same graph (compared as pyoxigraph terms; with
    blank nodes, by rdflib's isomorphism)."""
    theirs = {ox.Triple(q.subject, q.predicate, q.object)
              for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}
    if not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
               for t in triples):
        return theirs == set(triples)
    return isomorphic(Graph().parse(data=nquads, format="nt"),
                      Graph().parse(data="".join(f"{t} .\n" for t in triples), format="nt"))


def test_pyld_expands_every_description_to_its_triples(corpus_store: OxigraphStore) -> None:
    document = context().document
    iris = entities(corpus_store)
    assert len(iris) > 500
    kinds = set()
    for iri in iris:
        outbound, inbound = describe(corpus_store, iri)
        triples = outbound + inbound
        written = compact(triples, context_url=BASE + "context.jsonld", first=iri)
        nquads = jsonld.to_rdf({**written, "@context": document["@context"]},
                               {"format": "application/n-quads"})
        assert same_triples(nquads, triples), iri
        kinds.add(iri.removeprefix(BASE + "id/").split("/")[0])
    assert {"session", "actor", "goal", "event", "project"} <= kinds


@pytest.mark.parametrize("value, datatype", [
    ("2006-03", "http://www.w3.org/2001/XMLSchema#gYearMonth"),  # not the term's xsd:date
    ("5", "http://www.w3.org/2001/XMLSchema#decimal"),  # not the term's integer
])
def test_a_value_that_does_not_fit_its_term_survives(value: str, datatype: str) -> None:
    subject = ox.NamedNode(BASE + "id/session/5")
    triples = [ox.Triple(subject, ox.NamedNode("http://purl.org/dc/terms/date"),
                         ox.Literal(value, datatype=ox.NamedNode(datatype))),
               ox.Triple(subject, ox.NamedNode("https://w3id.org/cepa-kg/def#sessionNumber"),
                         ox.Literal(value, datatype=ox.NamedNode(datatype)))]
    written = compact(triples, context_url=BASE + "context.jsonld")
    nquads = jsonld.to_rdf({**written, "@context": context().document["@context"]},
                           {"format": "application/n-quads"})
    assert same_triples(nquads, triples)
