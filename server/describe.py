"""What the server says about one entity: its own triples, those of its hash IRIs (alignments,
source spans), the labels of what it links to, and the links that point at it."""

from __future__ import annotations

import pyoxigraph as ox

from cepa_kg.store import GraphStore

INBOUND_LIMIT = 1000  # written into _INBOUND

_OUTBOUND = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?s ?p ?o . ?o rdfs:label ?label . }
WHERE {
  {
    { BIND({iri} AS ?s) ?s ?p ?o }
    UNION
    { ?s ?p0 {iri} . FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR({hash}))) ?s ?p ?o }
    UNION
    { {iri} ?p1 ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR({hash}))) ?s ?p ?o }
    UNION
    { {iri} ?p1 ?x . FILTER(isIRI(?x) && STRSTARTS(STR(?x), STR({hash})))
      ?x ?p2 ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR({hash}))) ?s ?p ?o }
    UNION
    { {iri} ?p1 ?x . FILTER(isIRI(?x) && STRSTARTS(STR(?x), STR({hash})))
      ?x ?p2 ?y . FILTER(isIRI(?y) && STRSTARTS(STR(?y), STR({hash})))
      ?y ?p3 ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR({hash}))) ?s ?p ?o }
  }
  OPTIONAL { ?o rdfs:label ?label0 }
  OPTIONAL { ?o skos:prefLabel ?label1 }
  BIND(COALESCE(?label0, ?label1) AS ?label)
}
"""

_INBOUND = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?in ?p {iri} . ?in rdfs:label ?label . }
WHERE {
  ?in ?p {iri} . FILTER(!STRSTARTS(STR(?in), STR({hash})))
  OPTIONAL { ?in rdfs:label ?label }
}
LIMIT 1000
"""


def describe(store: GraphStore, iri: str) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(outbound description, inbound links) of `iri`. Both empty: the IRI is unknown."""
    # The IRI is written into the query as a term rendered (and so validated) by pyoxigraph:
    # substitutions would not constrain the BIND and FILTER positions used here.
    terms = {"iri": str(ox.NamedNode(iri)), "hash": str(ox.Literal(iri + "#"))}
    outbound = store.construct(_fill(_OUTBOUND, terms))
    inbound = store.construct(_fill(_INBOUND, terms))
    return _unique(outbound), _unique(inbound)


def _fill(template: str, terms: dict[str, str]) -> str:
    for name, term in terms.items():
        template = template.replace("{" + name + "}", term)
    return template


def _unique(triples: list[ox.Triple]) -> list[ox.Triple]:
    return list(dict.fromkeys(triples))
