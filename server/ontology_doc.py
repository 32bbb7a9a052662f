"""The ontology as documentation: every class and property of `cepa:` with its label, comment,
domain, range and the SHACL shapes that apply to it.

The ontology (`ontology/cepa.ttl`) and the shapes (`shapes/*.ttl`) ship with the package; they
are read once with pyoxigraph into a small in-memory store (the shapes are not in the data
store, and pySHACL stays out of the server).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from cepa_kg.namespaces import CEPA_DEF, PREFIXES
from cepa_kg.resources import ontology_dir, shapes_dir
from cepa_kg.server.views import curie

SHAPES_GRAPH = "https://w3id.org/cepa-kg/shapes"
_PREFIXES = "\n".join(f"PREFIX {p}: <{n}>" for p, n in PREFIXES.items()) + \
    "\nPREFIX sh: <http://www.w3.org/ns/shacl#>\n"


@dataclass
class Constraint:
    shape: str  # the node shape's label
    target: str  # the class it targets (CURIE) or ""
    path: str  # CURIE of the property
    summary: str  # "1..1, xsd:integer"
    message: str


@dataclass
class TermDoc:
    iri: str
    name: str
    kind: str  # "class", "object property", "datatype property", "property"
    label: str = ""
    comment: str = ""
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)


@dataclass
class OntologyDoc:
    title: str
    description: str
    version: str
    classes: list[TermDoc]
    properties: list[TermDoc]


@lru_cache(maxsize=1)
def ontology_store() -> ox.Store:
    store = ox.Store()
    store.load(ontology_dir().joinpath("cepa.ttl").read_bytes(), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(CEPA_DEF))
    for item in shapes_dir().iterdir():
        if item.name.endswith(".ttl"):
            store.load(item.read_bytes(), format=ox.RdfFormat.TURTLE,
                       to_graph=ox.NamedNode(SHAPES_GRAPH))
    return store


def ontology_triples() -> bytes:
    """The ontology graph as N-Triples (for serialization in any format)."""
    out = io.BytesIO()
    ontology_store().dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(CEPA_DEF))
    return out.getvalue()


def _rows(query: str) -> list[dict[str, str]]:
    result = ontology_store().query(_PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    rows = []
    for solution in result:  # type: ignore[union-attr]
        rows.append({n: solution[n].value for n in names if solution[n] is not None})
    return rows


_TERMS = """
SELECT ?term ?type ?label ?comment WHERE {
  GRAPH <https://w3id.org/cepa-kg/def> {
    ?term a ?type . FILTER(STRSTARTS(STR(?term), STR(cepa:)))
    FILTER(?type IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, rdf:Property,
                     owl:AnnotationProperty))
    OPTIONAL { ?term rdfs:label ?label } OPTIONAL { ?term rdfs:comment ?comment } } }
"""
_LINKS = """
SELECT ?term ?rel ?value WHERE {
  GRAPH <https://w3id.org/cepa-kg/def> {
    VALUES ?rel { rdfs:domain rdfs:range rdfs:subClassOf rdfs:subPropertyOf }
    ?term ?rel ?x . FILTER(STRSTARTS(STR(?term), STR(cepa:)))
    OPTIONAL { ?x owl:unionOf/rdf:rest*/rdf:first ?member }
    BIND(COALESCE(?member, ?x) AS ?value) FILTER(isIRI(?value)) } }
"""
_SHAPES = """
SELECT ?shape ?shapeLabel ?target ?path ?min ?max ?datatype ?class ?message WHERE {
  GRAPH <https://w3id.org/cepa-kg/shapes> {
    ?shape a sh:NodeShape ; sh:property ?ps . ?ps sh:path ?path . FILTER(isIRI(?path))
    OPTIONAL { ?shape rdfs:label ?shapeLabel } OPTIONAL { ?shape sh:targetClass ?target }
    OPTIONAL { ?ps sh:minCount ?min } OPTIONAL { ?ps sh:maxCount ?max }
    OPTIONAL { ?ps sh:datatype ?datatype } OPTIONAL { ?ps sh:class ?class }
    OPTIONAL { ?ps sh:message ?message } } }
"""


def _summary(row: dict[str, str]) -> str:
    parts = []
    if "min" in row or "max" in row:
        parts.append(f"{row.get('min', '0')}..{row.get('max', '*')}")
    if "datatype" in row:
        parts.append(curie(row["datatype"]))
    if "class" in row:
        parts.append("a " + curie(row["class"]))
    return ", ".join(parts)


@lru_cache(maxsize=1)
def ontology_doc() -> OntologyDoc:
    """The documentation model (made once: the files are part of the package)."""
    terms: dict[str, TermDoc] = {}
    for row in _rows(_TERMS):
        iri, type_ = row["term"], row["type"]
        kind = {"Class": "class", "ObjectProperty": "object property",
                "DatatypeProperty": "datatype property"}.get(type_.rsplit("#", 1)[-1], "property")
        doc = terms.setdefault(iri, TermDoc(iri, iri.rsplit("#", 1)[-1], kind))
        if kind != "property" and doc.kind == "property":
            doc.kind = kind
        doc.label = doc.label or row.get("label", "")
        doc.comment = doc.comment or row.get("comment", "")
    for row in _rows(_LINKS):
        owner = terms.get(row["term"])
        if owner is None:
            continue
        into = {"domain": owner.domain, "range": owner.range}.get(
            row["rel"].rsplit("#", 1)[-1], owner.parents)
        value = curie(row["value"])
        if value not in into:
            into.append(value)
    for row in _rows(_SHAPES):
        target = curie(row.get("target", ""))
        constraint = Constraint(row.get("shapeLabel", curie(row["shape"])), target,
                                curie(row["path"]), _summary(row), row.get("message", ""))
        if row.get("target") in terms:
            terms[row["target"]].constraints.append(constraint)
        if row["path"] in terms:
            terms[row["path"]].constraints.append(constraint)
    for doc in terms.values():
        doc.domain.sort()
        doc.range.sort()
        doc.parents.sort()
        doc.constraints.sort(key=lambda c: (c.shape, c.path))
    head = {r.get("p", ""): r.get("o", "") for r in _rows(
        "SELECT ?p ?o WHERE { GRAPH <https://w3id.org/cepa-kg/def> { "
        "<https://w3id.org/cepa-kg/def> ?p ?o FILTER(isLiteral(?o)) } }")}
    ordered = sorted(terms.values(), key=lambda d: d.name.lower())
    return OntologyDoc(
        title=head.get(PREFIXES["dcterms"] + "title", "cepa-kg ontology"),
        description=head.get(PREFIXES["dcterms"] + "description", ""),
        version=head.get(PREFIXES["owl"] + "versionInfo", ""),
        classes=[d for d in ordered if d.kind == "class"],
        properties=[d for d in ordered if d.kind != "class"])


_OTHER_LABELS = {
    "https://schema.org/startDate": "start date", "https://schema.org/endDate": "end date",
    "https://schema.org/location": "location", "https://schema.org/organizer": "organizer",
    "https://schema.org/attendee": "attendee", "https://schema.org/mentions": "mentions",
    "https://schema.org/containedInPlace": "in", "http://www.w3.org/ns/prov#wasDerivedFrom":
    "derived from", "http://www.w3.org/ns/prov#generatedAtTime": "loaded at",
    "http://purl.org/dc/terms/title": "title", "http://purl.org/dc/terms/date": "date",
    "http://purl.org/dc/terms/description": "description",
    "http://purl.org/dc/terms/references": "references",
    "http://www.w3.org/2004/02/skos/core#altLabel": "also called",
    "http://www.w3.org/2004/02/skos/core#notation": "notation",
    "http://www.w3.org/2004/02/skos/core#broader": "broader",
    "http://www.w3.org/2004/02/skos/core#inScheme": "in scheme",
    "http://www.w3.org/2004/02/skos/core#exactMatch": "exact match",
    "http://www.w3.org/2004/02/skos/core#closeMatch": "close match",
    "http://www.w3.org/2004/02/skos/core#relatedMatch": "related match",
    "http://www.w3.org/2002/07/owl#sameAs": "same as",
    "http://www.w3.org/ns/org#subOrganizationOf": "part of",
    "http://www.w3.org/ns/org#hasMembership": "membership",
    "http://www.w3.org/ns/org#member": "member", "http://www.w3.org/ns/org#organization":
    "organization", "http://www.w3.org/ns/org#role": "role",
}


@lru_cache(maxsize=1)
def property_labels() -> dict[str, str]:
    """Readable names of properties for the pages: the ontology's labels, and a few others."""
    doc = ontology_doc()
    return {**_OTHER_LABELS, **{t.iri: t.label for t in doc.properties if t.label}}
