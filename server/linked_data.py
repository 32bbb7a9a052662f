"""Linked-data dereferencing: `/id/...` entity IRIs, the ontology at `/def`, the JSON-LD
context at `/context.jsonld`.

Cool URIs: an entity IRI (`/id/session/5`) answers `200` with the description in the
negotiated format and `Content-Location` naming the format's own document
(`/id/session/5.ttl`), rather than `303 See Other` to it. Both are correct per the W3C note;
200 saves a round trip on every dereference (most clients follow links one by one), and the
IRI still names the thing, not the document: `Content-Location` identifies the document
served, and the suffix URLs name each document for good. Every answer has `Vary: Accept`,
`Link` headers to every format, `ETag` and `Last-Modified` (see conneg.py), answers `304` to a
current conditional request, `HEAD` without a body, and `406` with the alternatives.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pyoxigraph as ox
from cepa_kg.formats import GRAPH_MEDIA_TYPES
from cepa_kg.namespaces import PREFIXES
from cepa_kg.server.citation import entity_citation, last_load
from cepa_kg.server.conneg import SUFFIX_OF, SUFFIXES, alternates, choose, represent, split_suffix
from cepa_kg.server.describe import describe, last_modified
from cepa_kg.server.errors import HttpError
from cepa_kg.server.evidence import evidence_of
from cepa_kg.server.graph_description import graph_description
from cepa_kg.server.jsonld_context import compact, context
from cepa_kg.server.ontology_doc import ontology_doc, ontology_triples, property_labels
from cepa_kg.server.page_cache import page_cache
from cepa_kg.server.reader import reader_page
from cepa_kg.server.site import public_of, render, root_of
from cepa_kg.server.state import app_state
from cepa_kg.server.views import entity_view, json_script
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()


def serialize(triples: list[ox.Triple], media_type: str, *, context_url: str,
              first: str | None = None) -> bytes:
    """RDF bytes of `triples`: pyoxigraph's serializers, our compactor for JSON-LD."""
    if media_type == "application/ld+json":
        doc = compact(triples, context_url=context_url, first=first)
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    out = io.BytesIO()
    ox.serialize(triples, out, format=GRAPH_MEDIA_TYPES[media_type], prefixes=PREFIXES)
    return out.getvalue()


_TEXT = "SELECT ?doc ?text WHERE { ?doc <https://w3id.org/cepa-kg/def#sourceText> ?text }"


def document_text(store: Any, iri: str) -> str | None:
    """The text a document's offsets count in (`cepa:sourceText`), or None."""
    rows = store.select(_TEXT, substitutions={"doc": ox.NamedNode(iri)})
    return rows[0]["text"].value if rows else None


def _describe(store: Any, iri: str) -> tuple[list[ox.Triple], list[ox.Triple], Any]:
    outbound, inbound = describe(store, iri)
    modified = last_modified(store, iri) if outbound or inbound else None
    return outbound, inbound, modified


def _own_iri(base: str, under: str, rest: str) -> tuple[str, str, str | None]:
    """(the path without its format suffix, the IRI it names under `base` + `under`, the suffix's
    format or None); 404 for what is no IRI."""
    rest, fixed = split_suffix(rest)
    iri = f"{base}{under}{rest}"
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise HttpError(404, f"not an IRI of this dataset: {error}") from error
    return rest, iri, fixed


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Dereference an entity",
                  description="The description of an entity IRI minted under BASE, in Turtle, "
                  "JSON-LD, RDF/XML, N-Triples or HTML, by Accept or by a suffix (.ttl, .jsonld, "
                  ".rdf, .nt, .html).")
async def entity(request: Request, path: str) -> Response:
    settings = app_state(request).settings
    root = root_of(request)
    if path.startswith("document/") and path.endswith("/text"):
        return await _text_of(request, f"{settings.base}id/{path.removesuffix('/text')}")
    if path.startswith("document/") and path.endswith("/read"):
        return await reader_page(request, f"{settings.base}id/{path.removesuffix('/read')}")
    path, iri, fixed = _own_iri(settings.base, "id/", path)
    document = f"{root}/id/{path}"
    media_type = choose(request, fixed)
    state = app_state(request)
    cache = page_cache(state)
    outbound, inbound, modified = await state.runner.call(
        cache.get, state.store, ("describe", iri), lambda: _describe(state.store, iri))
    if not outbound and not inbound:
        if media_type == "text/html":  # a person: a page to search from, not a bare line
            return Response(render(request, "not_found.html", {"iri": iri}), status_code=404,
                            media_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
        raise HttpError(404, f"nothing is known about <{iri}>")
    headers = {"Vary": "Accept", "Content-Location": f"{document}{SUFFIX_OF[media_type]}",
               "Link": alternates(document)}
    public = public_of(request)
    if media_type == "text/html":
        page_url = f"{public}/id/{path}"
        evidence = await state.runner.call(
            cache.get, state.store, ("evidence", iri, settings.base, root),
            lambda: evidence_of(state.store, iri, settings.base, root))
        view = entity_view(iri, outbound, inbound, settings.base, root, page_url,
                           await app_state(request).runner.call(property_labels), evidence)
        loaded = await app_state(request).runner.call(last_load, app_state(request).store)
        body = render(request, "entity.html", {
            "view": view, "path": document, "suffixes": SUFFIXES,
            "schema_org": json_script(view.schema_org),
            "cite": entity_citation(view.label, iri, loaded)})
    else:
        body = serialize(outbound + inbound, media_type,
                         context_url=f"{public}/context.jsonld", first=iri)
    return represent(request, body, media_type, headers=headers, modified=modified)


@router.api_route("/graph/{name}", methods=["GET", "HEAD"], summary="Describe a named graph",
                  description="A reference graph minted under BASE (`graph/actors`, "
                  "`graph/goals`, ...): its size, the documents it holds, its source, in "
                  "Turtle, JSON-LD, RDF/XML, N-Triples or HTML, by Accept or by a suffix.")
async def named_graph(request: Request, name: str) -> Response:
    """A graph IRI dereferences as an entity does (a document's graph is its document's IRI,
    under `/id/document/`)."""
    settings = app_state(request).settings
    root = root_of(request)
    name, iri, fixed = _own_iri(settings.base, "graph/", name)
    media_type = choose(request, fixed)
    triples = await app_state(request).runner.call(
        graph_description, app_state(request).store, iri, settings.base)
    if not triples:
        if media_type == "text/html":
            return Response(render(request, "not_found.html", {"iri": iri}), status_code=404,
                            media_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
        raise HttpError(404, f"the store has no graph <{iri}>")
    document = f"{root}/graph/{name}"
    headers = {"Vary": "Accept", "Content-Location": f"{document}{SUFFIX_OF[media_type]}",
               "Link": alternates(document)}
    public = public_of(request)
    if media_type == "text/html":
        view = entity_view(iri, triples, [], settings.base, root, f"{public}/graph/{name}",
                           await app_state(request).runner.call(property_labels), {})
        loaded = await app_state(request).runner.call(last_load, app_state(request).store)
        body = render(request, "entity.html", {
            "view": view, "path": document, "suffixes": SUFFIXES,
            "schema_org": json_script(view.schema_org),
            "cite": entity_citation(view.label, iri, loaded)})
    else:
        body = serialize(triples, media_type, context_url=f"{public}/context.jsonld", first=iri)
    return represent(request, body, media_type, headers=headers)


async def _text_of(request: Request, iri: str) -> Response:
    """A source document's text, as the loaders read it: every quote's offsets count in it."""
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise HttpError(404, f"not an IRI of this dataset: {error}") from error
    text = await app_state(request).runner.call(document_text, app_state(request).store, iri)
    if text is None:
        raise HttpError(404, f"no text is kept for <{iri}>")
    return represent(request, text.encode("utf-8"), "text/plain; charset=utf-8",
                     headers={"Vary": "Accept", "Link": f'<{iri}>; rel="describes"'})


_DEF_OFFERS = ["text/turtle", "text/html", "application/ld+json", "application/rdf+xml",
               "application/n-triples", "application/xhtml+xml", "application/x-turtle",
               "application/json", "text/plain"]


@router.api_route("/def", methods=["GET", "HEAD"], summary="The cepa-kg ontology")
@router.api_route("/def.{ext}", methods=["GET", "HEAD"], include_in_schema=False)
async def ontology(request: Request, ext: str | None = None) -> Response:
    fixed = None
    if ext is not None:
        fixed = SUFFIXES.get("." + ext)
        if fixed is None:
            raise HttpError(404, f"no such format: .{ext}")
    media_type = choose(request, fixed, _DEF_OFFERS)
    root = root_of(request)
    headers = {"Vary": "Accept", "Content-Location": f"{root}/def{SUFFIX_OF[media_type]}",
               "Link": alternates(f"{root}/def")}
    if media_type == "text/html":
        doc = await app_state(request).runner.call(ontology_doc)
        body = render(request, "ontology.html", {"doc": doc, "suffixes": SUFFIXES})
    else:
        data = await app_state(request).runner.call(ontology_triples)
        triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        triples.sort(key=str)
        body = serialize(triples, media_type, context_url=f"{public_of(request)}/context.jsonld",
                         first="https://w3id.org/cepa-kg/def")
    return represent(request, body, media_type, headers=headers)


@router.api_route("/context.jsonld", methods=["GET", "HEAD"],
                  summary="The JSON-LD context of the descriptions")
async def jsonld_context(request: Request) -> Response:
    body = json.dumps(context().document, indent=2).encode("utf-8")
    return represent(request, body, "application/ld+json",
                     headers={"Access-Control-Allow-Origin": "*"})
