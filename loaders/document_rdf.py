"""The description of a source document itself (its metadata), added to its own graph."""

from __future__ import annotations

import datetime as dt

from rdflib import Literal

from cepa_kg.loaders.base import MappingContext
from cepa_kg.loaders.document_dates import DocumentDate
from cepa_kg.namespaces import CEPA, DCTERMS, FOAF, PROV, RDF, RDFS, XSD

#: The media type of what a document's text was read from.
MEDIA_TYPES = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf"}


def describe_document(
    ctx: MappingContext,
    *,
    kind: str,
    title: str,
    date: object,
    sha256: str,
    loader_version: str,
    loaded_at: dt.datetime,
    file_name: str | None,
    address: str | None = None,
    source_format: str = "text",
    text: str | None = None,
) -> None:
    """The document's own description. Its text (`cepa:sourceText`: what the loaders read, the
    extracted text of an HTML page or a PDF) is kept, so that every quote's offsets can be
    checked against it (`/id/document/{slug}/text`)."""
    g, doc = ctx.graph, ctx.doc_iri
    for t in (CEPA.SourceDocument, FOAF.Document, PROV.Entity):
        g.add((doc, RDF.type, t))
    g.add((doc, RDFS.label, Literal(title, lang="en")))
    g.add((doc, DCTERMS.title, Literal(title, lang="en")))
    g.add((doc, CEPA.documentKind, Literal(kind)))
    g.add((doc, CEPA.sha256, Literal(sha256)))
    g.add((doc, CEPA.loaderVersion, Literal(loader_version)))
    g.add((doc, PROV.generatedAtTime, Literal(loaded_at.isoformat(), datatype=XSD.dateTime)))
    if isinstance(date, DocumentDate):
        g.add((doc, DCTERMS.date, Literal(date.iso(), datatype=XSD.gYearMonth if date.is_month
                                          else XSD.date)))
    elif isinstance(date, dt.date):
        g.add((doc, DCTERMS.date, Literal(date.isoformat(), datatype=XSD.date)))
    if file_name:
        g.add((doc, CEPA.fileName, Literal(file_name)))
    if address:
        g.add((doc, CEPA.sourceAddress, Literal(address, datatype=XSD.anyURI)))
    g.add((doc, DCTERMS["format"], Literal(MEDIA_TYPES[source_format])))
    if text is not None:
        g.add((doc, CEPA.sourceText, Literal(text)))


def describe_coverage(ctx: MappingContext, parts: dict[str, bool]) -> None:
    """Which parts a page of its kind may state this one states (`cepa:partFound`) and which
    it lacks (`cepa:partMissing`): what was read is loaded, what is missing is queryable."""
    for part, found in parts.items():
        ctx.graph.add((ctx.doc_iri, CEPA.partFound if found else CEPA.partMissing,
                       Literal(part)))
