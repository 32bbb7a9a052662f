"""The published JSON-LD `@context` (served at `/context.jsonld`) and a small compactor.

pyoxigraph writes expanded JSON-LD (full IRIs, a value object per value). A JSON consumer wants
short keys (`label`, `session`, `startDate`) and plain values (`"2006-03-27"`, `5`, an IRI
string), so descriptions are written here, straight from the triples, in the compacted form
our one fixed context defines. No JSON-LD processor and no network: for a fixed context with
only simple term definitions, compaction is a lookup per (property, value kind).

The context is made from the ontology: every cepa class gets a term (`Session`), every cepa
object property `{"@type": "@id"}`, every datatype property with a non-string range that
datatype; plus terms for the external properties the data uses. A value that does not fit its
property's term (a `dcterms:date` that is an `xsd:gYearMonth`, a label in French) is written
under the property's compact IRI (`dcterms:date`) as a value object, so nothing is lost:
expanding the output gives back exactly the triples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from cepa_kg.namespaces import PREFIXES
from cepa_kg.resources import ontology_dir

XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
CEPA = PREFIXES["cepa"]
_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]

# External properties the data uses: term -> (compact IRI, coercion). Coercion "@id" for links,
# "@en" for English text, a datatype CURIE, or None for plain strings and native numbers.
_EXTERNAL: dict[str, tuple[str, str | None]] = {
    "label": ("rdfs:label", "@en"),
    "comment": ("rdfs:comment", "@en"),
    "seeAlso": ("rdfs:seeAlso", "@id"),
    "prefLabel": ("skos:prefLabel", "@en"),
    "altLabel": ("skos:altLabel", "@en"),
    "notation": ("skos:notation", None),
    "broader": ("skos:broader", "@id"),
    "inScheme": ("skos:inScheme", "@id"),
    "exactMatch": ("skos:exactMatch", "@id"),
    "closeMatch": ("skos:closeMatch", "@id"),
    "relatedMatch": ("skos:relatedMatch", "@id"),
    "sameAs": ("owl:sameAs", "@id"),
    "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
    "generatedAtTime": ("prov:generatedAtTime", "xsd:dateTime"),
    "title": ("dcterms:title", "@en"),
    "description": ("dcterms:description", "@en"),
    "date": ("dcterms:date", "xsd:date"),
    "references": ("dcterms:references", "@id"),
    "isPartOf": ("dcterms:isPartOf", "@id"),
    "name": ("foaf:name", None),
    "startDate": ("schema:startDate", "xsd:date"),
    "endDate": ("schema:endDate", "xsd:date"),
    "location": ("schema:location", "@id"),
    "organizer": ("schema:organizer", "@id"),
    "attendee": ("schema:attendee", "@id"),
    "mentions": ("schema:mentions", "@id"),
    "containedInPlace": ("schema:containedInPlace", "@id"),
    "member": ("org:member", "@id"),
    "organization": ("org:organization", "@id"),
    "role": ("org:role", "@id"),
    "hasMembership": ("org:hasMembership", "@id"),
    "subOrganizationOf": ("org:subOrganizationOf", "@id"),
    "hasSource": ("oa:hasSource", "@id"),
    "hasSelector": ("oa:hasSelector", "@id"),
    "exact": ("oa:exact", None),
    "start": ("oa:start", None),
    "end": ("oa:end", None),
}


@dataclass(frozen=True)
class Term:
    name: str
    iri: str
    coercion: str | None  # "@id", "@en" (a language), a datatype IRI, or None


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else curie


def compact_iri(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace):]
            if re.fullmatch(r"[A-Za-z_][\w.-]*", local):
                return f"{prefix}:{local}"
    return iri


@dataclass(frozen=True)
class Context:
    """The context document and the lookups the compactor needs."""

    document: dict[str, Any]
    terms_by_iri: dict[str, tuple[Term, ...]]
    class_terms: dict[str, str]  # class IRI -> term


@lru_cache(maxsize=1)
def context() -> Context:
    """The context, made once from the packaged ontology."""
    triples = list(ox.parse(ontology_dir().joinpath("cepa.ttl").read_bytes(),
                            format=ox.RdfFormat.TURTLE))
    types: dict[str, set[str]] = {}
    ranges: dict[str, str] = {}
    for t in triples:
        s = t.subject.value
        if not isinstance(t.subject, ox.NamedNode) or not s.startswith(CEPA):
            continue
        if t.predicate.value == RDF_TYPE:
            types.setdefault(s, set()).add(t.object.value)
        elif t.predicate.value == _RDFS + "range" and isinstance(t.object, ox.NamedNode):
            ranges[s] = t.object.value
    document: dict[str, Any] = {"id": "@id", "type": "@type"}
    document.update({prefix: namespace for prefix, namespace in PREFIXES.items()})
    terms: list[Term] = []
    class_terms: dict[str, str] = {}
    coercion: str | None
    for name, (curie, coercion) in _EXTERNAL.items():
        if coercion is not None and not coercion.startswith("@"):
            coercion = expand(coercion)
        terms.append(Term(name, expand(curie), coercion))
    taken = set(_EXTERNAL) | set(PREFIXES) | {"id", "type"}
    for iri in sorted(types):
        name = iri[len(CEPA):]
        if name in taken:
            continue
        kinds = types[iri]
        if _OWL + "Class" in kinds:
            document[name] = f"cepa:{name}"
            class_terms[iri] = name
            taken.add(name)
            continue
        if _OWL + "ObjectProperty" in kinds:
            coercion = "@id"
        elif _OWL + "DatatypeProperty" in kinds:
            rng = ranges.get(iri, "")
            coercion = rng if rng.startswith(XSD) and rng not in (
                XSD + "string", XSD + "integer", XSD + "boolean") else None
        else:
            continue
        terms.append(Term(name, iri, coercion))
        taken.add(name)
    for term in terms:
        curie = compact_iri(term.iri)
        if term.coercion is None:
            document[term.name] = curie
        elif term.coercion.startswith("@") and term.coercion != "@id":
            document[term.name] = {"@id": curie, "@language": term.coercion[1:]}
        else:
            coercion_out = term.coercion if term.coercion == "@id" else compact_iri(term.coercion)
            document[term.name] = {"@id": curie, "@type": coercion_out}
    by_iri: dict[str, tuple[Term, ...]] = {}
    for term in terms:
        by_iri[term.iri] = by_iri.get(term.iri, ()) + (term,)
    return Context({"@context": document}, by_iri, class_terms)


def _short(term: Term, obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> Any:
    """The value as the term's short form, or None if it does not fit the term."""
    if isinstance(obj, ox.NamedNode):
        return obj.value if term.coercion == "@id" else None
    if isinstance(obj, ox.BlankNode):
        return f"_:{obj.value}" if term.coercion == "@id" else None
    if obj.language:
        return obj.value if term.coercion == "@" + obj.language else None
    datatype = obj.datatype.value
    if term.coercion is not None:
        return obj.value if term.coercion == datatype else None
    if datatype == XSD + "string":
        return obj.value
    if datatype == XSD + "integer" and re.fullmatch(r"-?(0|[1-9]\d{0,14})", obj.value):
        return int(obj.value)
    if datatype == XSD + "boolean" and obj.value in ("true", "false"):
        return obj.value == "true"
    return None


def _long(obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> Any:
    """The value as a value or node object, for a key with no coercion."""
    if isinstance(obj, ox.NamedNode):
        return {"@id": obj.value}
    if isinstance(obj, ox.BlankNode):
        return {"@id": f"_:{obj.value}"}
    if obj.language:
        return {"@value": obj.value, "@language": obj.language}
    if obj.datatype.value == XSD + "string":
        return obj.value
    return {"@value": obj.value, "@type": compact_iri(obj.datatype.value)}


def _node_id(node: ox.NamedNode | ox.BlankNode) -> str:
    return node.value if isinstance(node, ox.NamedNode) else f"_:{node.value}"


def compact(triples: list[ox.Triple], *, context_url: str, first: str | None = None,
            ctx: Context | None = None) -> dict[str, Any]:
    """A compacted JSON-LD document of `triples` under the published context at `context_url`:
    one node per subject (`first` leads), keys sorted, values sorted.

    >>> n = ox.NamedNode("http://example.org/id/session/5")
    >>> doc = compact([ox.Triple(n, ox.NamedNode(CEPA + "sessionNumber"), ox.Literal(5))],
    ...               context_url="http://example.org/context.jsonld")
    >>> doc["sessionNumber"], doc["id"]
    (5, 'http://example.org/id/session/5')
    """
    ctx = ctx or context()
    nodes: dict[str, dict[str, list[Any]]] = {}
    for t in triples:
        subject = _node_id(t.subject)  # type: ignore[arg-type]
        node = nodes.setdefault(subject, {})
        p = t.predicate.value
        if p == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("type", []).append(
                ctx.class_terms.get(t.object.value) or compact_iri(t.object.value))
            continue
        for term in ctx.terms_by_iri.get(p, ()):
            value = _short(term, t.object)  # type: ignore[arg-type]
            if value is not None:
                node.setdefault(term.name, []).append(value)
                break
        else:
            node.setdefault(compact_iri(p), []).append(_long(t.object))  # type: ignore[arg-type]

    def finish(subject: str, props: dict[str, list[Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": subject}
        for key in sorted(props, key=lambda k: (k != "type", k)):
            values = sorted(props[key], key=lambda v: (str(type(v)), str(v)))
            out[key] = values[0] if len(values) == 1 else values
        return out

    order = sorted(nodes, key=lambda s: (s != first, not (first and s.startswith(first + "#")), s))
    graph = [finish(s, nodes[s]) for s in order]
    if len(graph) == 1:
        return {"@context": context_url, **graph[0]}
    return {"@context": context_url, "@graph": graph}
