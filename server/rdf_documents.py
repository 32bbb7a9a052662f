"""Small RDF documents the server computes (service description, VoID): negotiated and
serialized by pyoxigraph in a worker thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyoxigraph as ox
from cepa_kg.server.errors import HttpError
from cepa_kg.server.negotiation import negotiate, prefers_html
from cepa_kg.server.state import app_state
from fastapi import Request
from fastapi.responses import Response

DOCUMENT_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,  # Comunica's first choice; the triples in
    "application/trig": ox.RdfFormat.TRIG,  # the default graph
}
PREFIXES = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
    "dcterms": "http://purl.org/dc/terms/",
    "formats": "http://www.w3.org/ns/formats/",
    "cepa": "https://w3id.org/cepa-kg/def#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def prefers_page(header: str | None) -> bool:
    """Whether a client prefers an HTML page to every RDF document type: a browser's Accept,
    not an RDF client's that names text/html among many at a low q (Comunica's). On a tie the
    RDF document wins, and so with no Accept or `*/*`."""
    return prefers_html(header) and negotiate(header, [*DOCUMENT_TYPES, "text/html"]) == "text/html"


def choose_type(request: Request) -> str:
    """The document media type the client accepts, or a 406 listing them."""
    chosen = negotiate(request.headers.get("accept"), list(DOCUMENT_TYPES))
    if chosen is None:
        raise HttpError(406, "no acceptable format; available: " + ", ".join(DOCUMENT_TYPES))
    return chosen


def serialize(triples: Sequence[ox.Triple], media_type: str) -> bytes:
    """Bytes of `triples` in `media_type` (call it in a worker thread)."""
    fmt = DOCUMENT_TYPES[media_type]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG,
                                   ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


async def document_response(request: Request, build: Callable[[], Sequence[ox.Triple]],
                            media_type: str, headers: dict[str, str] | None = None) -> Response:
    """Build and serialize a document in a worker thread and answer it."""
    body = await app_state(request).runner.call(lambda: serialize(build(), media_type))
    return Response(body, media_type=f"{media_type}; charset=utf-8",
                    headers={"Vary": "Accept", **(headers or {})})
