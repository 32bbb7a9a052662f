"""Turn an entity's triples into a plain view model for the HTML page (pure: no I/O)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from cepa_kg.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "https://schema.org/name",
)
CEPA = PREFIXES["cepa"]
OA = PREFIXES["oa"]
# Shown first, in this order; everything else follows alphabetically.
KEY_PROPERTIES = [
    CEPA + "text", CEPA + "sessionNumber", "https://schema.org/startDate",
    "https://schema.org/endDate", CEPA + "mainTheme", CEPA + "modality", CEPA + "addressee",
    CEPA + "session", CEPA + "subtopic", CEPA + "alignedTo", CEPA + "party", CEPA + "purpose",
    CEPA + "status", CEPA + "objective",
]
HIDDEN = {CEPA + "sourceSpan", CEPA + "hasAlignment", *LABELS}


@dataclass
class Value:
    text: str
    href: str | None = None  # a local path for IRIs under BASE, the IRI itself otherwise
    note: str = ""  # language or datatype


@dataclass
class Row:
    prop: str
    prop_label: str
    values: list[Value]


@dataclass
class Alignment:
    goal: Value
    method: str
    score: str
    evidence: str


@dataclass
class EntityView:
    iri: str
    label: str
    types: list[Value]
    rows: list[Row]
    inbound: list[Row]
    alignments: list[Alignment] = field(default_factory=list)
    quote: str | None = None
    source: Value | None = None


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def local_href(iri: str, base: str) -> str:
    """IRIs minted under BASE link to this server's own pages, whatever host serves them."""
    return "/" + iri[len(base):] if iri.startswith(base) else iri


def _labels(triples: list[ox.Triple]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for prop in reversed(LABELS):  # the first in LABELS wins
        for t in triples:
            if t.predicate.value == prop and isinstance(t.object, ox.Literal):
                labels[t.subject.value] = t.object.value
    return labels


def _value(term: object, labels: dict[str, str], base: str) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(labels.get(term.value, curie(term.value)), local_href(term.value, base))
    if isinstance(term, ox.Literal):
        note = term.language or ""
        if not note and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            note = curie(term.datatype.value)
        return Value(term.value, None, note)
    return Value(str(term))


def _rows(by_prop: dict[str, list[object]], labels: dict[str, str], base: str) -> list[Row]:
    order = {p: i for i, p in enumerate(KEY_PROPERTIES)}
    props = sorted(by_prop, key=lambda p: (order.get(p, len(order)), curie(p)))
    return [Row(p, curie(p), [_value(o, labels, base) for o in by_prop[p]]) for p in props]


def entity_view(iri: str, outbound: list[ox.Triple], inbound: list[ox.Triple],
                base: str) -> EntityView:
    labels = _labels(outbound + inbound)
    own: dict[str, list[object]] = defaultdict(list)
    types: list[Value] = []
    by_subject: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for t in outbound:
        by_subject[t.subject.value][t.predicate.value].append(t.object)
    for prop, objects in by_subject.get(iri, {}).items():
        if prop == RDF_TYPE:
            types = [_value(o, labels, base) for o in objects]
        elif prop not in HIDDEN:
            own[prop] = objects
    view = EntityView(iri, labels.get(iri, curie(iri)), types, _rows(own, labels, base), [])

    for node in by_subject.get(iri, {}).get(CEPA + "hasAlignment", []):
        props = by_subject.get(node.value, {})  # type: ignore[union-attr]
        goal = props.get(CEPA + "goal", [None])[0]
        view.alignments.append(Alignment(
            goal=_value(goal, labels, base) if goal else Value("?"),
            method=_first(props, CEPA + "method"), score=_first(props, CEPA + "score"),
            evidence=_first(props, CEPA + "evidence")))
    view.alignments.sort(key=lambda a: (-float(a.score or 0), a.goal.text))

    for src in by_subject.get(iri, {}).get(CEPA + "sourceSpan", []):
        span = by_subject.get(src.value, {})  # type: ignore[union-attr]
        doc = span.get(OA + "hasSource", [None])[0]
        view.source = _value(doc, labels, base) if doc else None
        for selector in span.get(OA + "hasSelector", []):
            exact = by_subject.get(selector.value, {}).get(OA + "exact")  # type: ignore[union-attr]
            if exact:
                view.quote = exact[0].value  # type: ignore[union-attr]

    incoming: dict[str, list[object]] = defaultdict(list)
    for t in inbound:
        if t.object == ox.NamedNode(iri):
            incoming[t.predicate.value].append(t.subject)
    view.inbound = _rows(incoming, labels, base)
    return view


def _first(props: dict[str, list[object]], prop: str) -> str:
    values = props.get(prop)
    return values[0].value if values else ""  # type: ignore[union-attr]
