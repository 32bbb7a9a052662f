"""What every document loader provides, and the context the RDF mappers share.

A loader is three pure functions: `detect(text) -> score`, `parse(text) -> model` and
`to_rdf(model, ctx)`, which adds the model's triples to `ctx.graph` (a `Triples`). Parsing knows nothing of RDF;
mapping knows nothing of text layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from rdflib import Literal, URIRef

from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.spans import Span
from cepa_kg.loaders.triples import Triples
from cepa_kg.namespaces import OA, PROV, RDF, RDFS, XSD, CEPA


# Terms of rdflib's DefinedNamespaces cost a method call per use; these are used per triple.
_TYPE, _LABEL, _DERIVED = RDF.type, RDFS.label, PROV.wasDerivedFrom
_SOURCE_SPAN, _INTEGER = CEPA.sourceSpan, XSD.integer
_SPECIFIC, _HAS_SOURCE, _HAS_SELECTOR = OA.SpecificResource, OA.hasSource, OA.hasSelector
_QUOTE, _EXACT = OA.TextQuoteSelector, OA.exact
_POSITION, _START, _END = OA.TextPositionSelector, OA.start, OA.end


@lru_cache(maxsize=1 << 16)
def integer(value: int) -> Literal:
    """An xsd:integer literal; cached, as offsets repeat and rdflib takes ~4 µs to make one."""
    return Literal(value, datatype=_INTEGER)


class ParseError(ValueError):
    """The text is not a readable document of the kind; `line` is 1-based when known."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class ParsedDocument(Protocol):
    """The attributes the pipeline reads from every parsed model."""

    @property
    def slug(self) -> str: ...  # stable, from the content: "cepa-session-5"

    @property
    def title(self) -> str: ...

    @property
    def date(self) -> dt.date | None: ...


@dataclass(frozen=True)
class Loader:
    kind: str  # "cepa-session" | "dpadm-monthly-update" | "da-project"
    label: str  # human name of the kind
    detect: Callable[[str], float]  # 0.0 (surely not) .. 1.0 (surely)
    parse: Callable[[str], Any]  # -> a ParsedDocument model; raises ParseError
    to_rdf: Callable[[Any, "MappingContext"], None]


#: IRI kinds (`{BASE}id/{kind}/...`) that several documents can describe.
SHARED_KINDS = ("theme", "actor", "person", "place", "country", "un-document", "role", "post",
                "session", "event", "project")
_SHARED_PATHS = tuple(f"/id/{kind}/" for kind in SHARED_KINDS)


def fragment(iri: URIRef, name: str) -> URIRef:
    """A hash IRI that travels with `iri` when it is dereferenced: `iri#name`, or
    `iri-name` appended to an existing fragment."""
    return URIRef(f"{iri}-{name}" if "#" in iri else f"{iri}#{name}")


@dataclass
class MappingContext:
    """What an RDF mapper needs: where to mint IRIs, the document, its text, the output graph."""

    iris: Iris
    doc_iri: URIRef
    text: str
    gazetteer: Any  # cepa_kg.loaders.actors.Gazetteer
    graph: Triples = field(default_factory=Triples)

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.graph.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    def resource(
        self, iri: URIRef, types: list[URIRef], label: str, span: Span | None = None
    ) -> URIRef:
        """Declare an extracted resource: its types, label, source document and source span."""
        g = self.graph
        for t in types:
            g.add((iri, _TYPE, t))
        g.add((iri, _LABEL, Literal(label, lang="en")))
        g.add((iri, _DERIVED, self.doc_iri))
        if span is not None:
            self.source_span(iri, span)
        return iri

    def source_span(self, iri: URIRef, span: Span) -> URIRef:
        """Attach the exact quote and its offsets (W3C Web Annotation selectors) to `iri`.

        Resources that several documents share (themes, actors, persons, UN documents) get
        selectors named after this document, so each document's graph keeps its own quote.
        A resource the document names twice (a repeated subtopic row) keeps its first quote."""
        g = self.graph
        existing = g.value(iri, _SOURCE_SPAN)
        if existing is not None:
            return existing  # type: ignore[return-value]
        suffix = ""
        if any(path in iri for path in _SHARED_PATHS):
            suffix = "-" + self.doc_iri.rsplit("/", 1)[-1]
        src, quote, pos = (fragment(iri, name + suffix) for name in ("source", "quote", "position"))
        g.add((iri, _SOURCE_SPAN, src))
        self.quote(src, span, quote, pos)
        return src

    def quote(self, src: URIRef, span: Span, quote: URIRef, position: URIRef) -> URIRef:
        """The `oa:SpecificResource` `src` quoting `span` through its two selectors. Written
        once: several resources can point at one span (a recommendation's alignments that rest
        on the same phrase share theirs)."""
        g = self.graph
        if (src, _TYPE, _SPECIFIC) in g:
            return src
        g.add((src, _TYPE, _SPECIFIC))
        g.add((src, _HAS_SOURCE, self.doc_iri))
        g.add((src, _HAS_SELECTOR, quote))
        g.add((src, _HAS_SELECTOR, position))
        g.add((quote, _TYPE, _QUOTE))
        g.add((quote, _EXACT, Literal(span.of(self.text))))
        g.add((position, _TYPE, _POSITION))
        g.add((position, _START, integer(span.start)))
        g.add((position, _END, integer(span.end)))
        return src
