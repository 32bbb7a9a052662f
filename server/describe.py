"""What the server says about one entity.

A description holds:
- its concise bounded description: every triple about the IRI and about its hash IRIs (goal
  alignments, source spans and their selectors), followed up to three hash levels deep;
- the labels of every resource those triples link to;
- the links that point at it, with what a reader needs to use them: the label, type and
  `cepa:order` of each resource that links here, and for a goal alignment its recommendation,
  method, score and evidence (a goal lists the recommendations aligned to it with their
  evidence), for a partnership its purpose and status (an actor lists its partnerships);
- its provenance: `prov:wasDerivedFrom` and the source span with the quoted text (part of the
  bounded description, since spans are hash IRIs).

`describe()` returns (outbound, inbound) triple lists; `last_modified()` the load time of the
newest source document that says anything about the IRI.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox
from cepa_kg.server.lookups import objects
from cepa_kg.store import GraphStore

INBOUND_LIMIT = 2000  # written into _INBOUND

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
  OPTIONAL { ?o skos:prefLabel ?label1 FILTER((LANG(?label1) = "" || LANGMATCHES(LANG(?label1), "en"))) }
  BIND(COALESCE(?label0, ?label1) AS ?label)
}
"""  # noqa: E501 - the query's text as written

# The links that point at the IRI (from outside its own hash IRIs), and the few facts about
# each linking resource that make the link readable.
_INBOUND = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
CONSTRUCT {
  ?in ?p {iri} . ?in rdfs:label ?label . ?in a ?type . ?in cepa:order ?order .
  ?in cepa:recommendation ?rec . ?rec rdfs:label ?recLabel .
  ?in cepa:method ?method . ?in cepa:score ?score . ?in cepa:evidence ?evidence .
  ?in cepa:purpose ?purpose . ?in cepa:status ?status .
}
WHERE {
  { SELECT DISTINCT ?in ?p WHERE { ?in ?p {iri} . FILTER(!STRSTARTS(STR(?in), STR({hash}))) }
    LIMIT 2000 }
  OPTIONAL { ?in rdfs:label ?label }
  OPTIONAL { ?in a ?type . FILTER(STRSTARTS(STR(?type), STR(cepa:))) }
  OPTIONAL { ?in cepa:order ?order }
  OPTIONAL { ?in cepa:recommendation ?rec . OPTIONAL { ?rec rdfs:label ?recLabel } }
  OPTIONAL { ?in cepa:method ?method }
  OPTIONAL { ?in cepa:score ?score }
  OPTIONAL { ?in cepa:evidence ?evidence }
  OPTIONAL { ?in cepa:purpose ?purpose }
  OPTIONAL { ?in cepa:status ?status }
}
"""

_MODIFIED = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (MAX(?t) AS ?modified) WHERE {
  { GRAPH ?g { {iri} ?p ?o } } UNION { GRAPH ?g { ?s ?q {iri} } }
  ?g prov:generatedAtTime ?t
}
"""

_DATASET_MODIFIED = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (MAX(?t) AS ?modified) WHERE { ?g prov:generatedAtTime ?t }
"""


def _terms(iri: str) -> dict[str, str]:
    # The IRI is written into the query as a term rendered (and so validated and escaped) by
    # pyoxigraph: substitutions would not constrain the BIND and FILTER positions used here.
    return {"iri": str(ox.NamedNode(iri)), "hash": str(ox.Literal(iri + "#"))}


def describe(store: GraphStore, iri: str) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(outbound description, inbound links) of `iri`, each in a stable order (so that the
    serialized description, and the ETag hashed from it, only change when the data does).
    Both empty: the IRI is unknown.

    The triples of _OUTBOUND and _INBOUND (which say what they are), found by lookups of one
    property of many resources at a time (lookups.objects): in one CONSTRUCT, Oxigraph
    joined every copy of a triple (the default graph is the union of the graphs, where a
    triple stated by 50 documents comes 50 times), so that a person named in 51 documents
    took 25 s on the corpus × 50 (bench/bench_pages.py), an actor in most partnerships 1.5 s."""
    return _unique(_outbound(store, iri)), _unique(_inbound(store, iri))


_HASH_IN = ("SELECT DISTINCT ?s WHERE { ?s ?p {iri} . "
            "FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR({hash}))) }")
_INBOUND_LINKS = ("SELECT DISTINCT ?in ?p WHERE { ?in ?p {iri} . "
                  "FILTER(!STRSTARTS(STR(?in), STR({hash}))) }\nLIMIT 2000")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_CEPA = "https://w3id.org/cepa-kg/def#"


def _outbound(store: GraphStore, iri: str) -> list[ox.Triple]:
    """_OUTBOUND: the triples of the IRI, of the hash IRIs linking to it and of those it
    links to up to three hash levels deep, and the label of each object."""
    terms = _terms(iri)
    hash_prefix = iri + "#"

    def hashed(term: object) -> bool:
        return isinstance(term, ox.NamedNode) and term.value.startswith(hash_prefix)

    node = ox.NamedNode(iri)
    facts = objects(store, [node], "?p", distinct=True)
    subjects = {node} | {r["s"] for r in store.select(_fill(_HASH_IN, terms))}
    level = {o for _, o in facts.get(node, []) if hashed(o)}
    for depth in range(3):
        subjects |= level
        if depth == 2 or not level:
            break
        more = objects(store, level, "?p", distinct=True)
        facts |= more
        level = {o for pairs in more.values() for _, o in pairs if hashed(o)}
    rest = objects(store, subjects - set(facts), "?p", distinct=True)
    facts |= rest
    # (the subjects are IRIs: `node` and _HASH_IN's isIRI(?s))
    triples = [ox.Triple(s, p, o)  # type: ignore[arg-type]
               for s in subjects for p, o in facts.get(s, [])]
    linked = {t.object for t in triples if not isinstance(t.object, ox.Literal)}
    labels = objects(store, linked, "rdfs:label", distinct=True)
    english = objects(store, [o for o in linked if not labels.get(o)], "skos:prefLabel",
                      distinct=True)
    for o in linked:
        for label in labels.get(o) or [x for x in english.get(o, []) if _english(x)]:
            triples.append(ox.Triple(o, _LABEL, label))
    return triples


def _english(label: ox.Literal) -> bool:
    """LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")."""
    language = (label.language or "").lower()
    return language in ("", "en") or language.startswith("en-")


def _inbound(store: GraphStore, iri: str) -> list[ox.Triple]:
    """_INBOUND: the links to the IRI (at most 2,000) and what makes each readable."""
    node = ox.NamedNode(iri)
    links = [(r["in"], r["p"]) for r in store.select(_fill(_INBOUND_LINKS, _terms(iri)))]
    ins = {i for i, _ in links}
    # ?in and ?p: a subject and a predicate of the store's triples
    triples = [ox.Triple(i, p, node) for i, p in links]  # type: ignore[arg-type]
    facts = {name: objects(store, ins, f"<{prop}>", distinct=True) for name, prop in (
        ("label", _LABEL.value), ("type", _TYPE.value), ("order", _CEPA + "order"),
        ("recommendation", _CEPA + "recommendation"), ("method", _CEPA + "method"),
        ("score", _CEPA + "score"), ("evidence", _CEPA + "evidence"),
        ("purpose", _CEPA + "purpose"), ("status", _CEPA + "status"))}
    props = {"label": _LABEL, "type": _TYPE}
    for name, by_in in facts.items():
        prop = props.get(name, ox.NamedNode(_CEPA + name))
        for i, values in by_in.items():
            for value in values:
                if name == "type" and not value.value.startswith(_CEPA):
                    continue
                triples.append(ox.Triple(i, prop, value))
    recs = {r for values in facts["recommendation"].values() for r in values}
    for rec, labels in objects(store, recs, "rdfs:label", distinct=True).items():
        triples.extend(ox.Triple(rec, _LABEL, label) for label in labels)
    return triples


def last_modified(store: GraphStore, iri: str | None = None) -> datetime | None:
    """When the newest source document that says something about `iri` was loaded (the whole
    dataset's newest load for reference data, or when `iri` is None)."""
    queries = [_DATASET_MODIFIED] if iri is None else [_fill(_MODIFIED, _terms(iri)),
                                                       _DATASET_MODIFIED]
    for query in queries:
        rows = store.select(query)
        if rows and "modified" in rows[0]:
            return parse_datetime(rows[0]["modified"].value)  # type: ignore[union-attr]
    return None


def parse_datetime(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _fill(template: str, terms: dict[str, str]) -> str:
    for name, term in terms.items():
        template = template.replace("{" + name + "}", term)
    return template


def _unique(triples: list[ox.Triple]) -> list[ox.Triple]:
    return sorted(set(triples), key=str)
