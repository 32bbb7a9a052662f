"""The SPARQL 1.1 Graph Store HTTP Protocol at `/store` (`?graph=IRI` or `?default`; the
default graph is the store's own, not the union the query endpoint reads). Every method needs
the operator's bearer token; writes go through the same checked path as SPARQL Update."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pyoxigraph as ox
from cepa_kg.server.auth import require_token
from cepa_kg.server.bodies import read_capped
from cepa_kg.server.errors import HttpError
from cepa_kg.server.negotiation import negotiate
from cepa_kg.server.protocol import checked_iri
from cepa_kg.server.state import app_state
from cepa_kg.server.update import apply_checked
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/json": ox.RdfFormat.JSON_LD,
}
METHODS = "GET, HEAD, PUT, POST, DELETE"
#: Nesting pyoxigraph parses safely and quickly: its JSON-LD parser recurses per level
#: (10,000 levels, 50 KB, crash the process), its RDF/XML parser slows down with depth
#: (20,000 levels take 5 s). Turtle, TriG and N-Triples do neither.
MAX_NESTING = 256
_NESTING = {
    ox.RdfFormat.JSON_LD: re.compile(rb'"(?:[^"\\]|\\.)*"|(?P<open>[\[{])|(?P<close>[\]}])'),
    ox.RdfFormat.RDF_XML: re.compile(
        rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!][^>]*>|(?P<close></[^>]*>)|<[^>]*/>"
        rb"|(?P<open><[^>]*>)", re.DOTALL),
}


def nesting(body: bytes, fmt: ox.RdfFormat) -> int:
    """How deep the body's objects and arrays (JSON-LD) or elements (RDF/XML) nest: a
    conservative count, strings, comments and self-closing elements aside."""
    pattern = _NESTING.get(fmt)
    if pattern is None:
        return 0
    depth = deepest = 0
    for match in pattern.finditer(body):
        if match.group("open"):
            depth += 1
            deepest = max(deepest, depth)
        elif match.group("close"):
            depth -= 1
    return deepest


def _target(request: Request) -> str | None:
    """The graph IRI the request names; None for `?default`."""
    params = parse_qsl(request.url.query, keep_blank_values=True)
    graphs = [v for k, v in params if k == "graph"]
    default = any(k == "default" for k, _ in params)
    if len(graphs) + default != 1:
        raise HttpError(400, "name exactly one graph: ?graph=IRI or ?default")
    return checked_iri(graphs[0], "graph") if graphs else None


def _reserialize(data: bytes, media_type: str) -> bytes:
    triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=GRAPH_TYPES[media_type]) or b""


def _clear(graph: str | None) -> str:
    return f"DROP SILENT GRAPH <{graph}>" if graph else "CLEAR SILENT DEFAULT"


# Its answers, parameters and bodies, per method: `openapi_responses.OPERATIONS`.
@router.api_route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"],
                  summary="SPARQL 1.1 Graph Store HTTP Protocol")
async def graph_store(request: Request) -> Response:
    require_token(request)
    graph = _target(request)
    runner, store = app_state(request).runner, app_state(request).store
    if request.method in ("GET", "HEAD"):
        media_type = negotiate(request.headers.get("accept"), list(GRAPH_TYPES))
        if media_type is None:
            raise HttpError(406, "no acceptable format; available: " + ", ".join(GRAPH_TYPES))
        data = await runner.call(store.graph_ntriples, graph)
        if data is None:
            raise HttpError(404, f"no graph <{graph}> in the store")
        body = await runner.call(_reserialize, data, media_type)
        headers = {"Vary": "Accept", "Content-Type": f"{media_type}; charset=utf-8"}
        if request.method == "HEAD":
            return Response(headers={**headers, "Content-Length": str(len(body))})
        return Response(body, headers=headers)
    if request.method == "DELETE":
        if graph is not None and await runner.call(store.graph_ntriples, graph) is None:
            raise HttpError(404, f"no graph <{graph}> in the store")
        await apply_checked(request, lambda staging: staging.update(_clear(graph)))
        return Response(status_code=204)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in GRAPH_TYPES:
        raise HttpError(415, "send the graph as one of: " + ", ".join(GRAPH_TYPES))
    body = await read_capped(request, app_state(request).settings.max_graph_store_body,
                             "graph")
    depth = nesting(body, GRAPH_TYPES[media])
    if depth > MAX_NESTING:
        raise HttpError(400, f"the body nests {depth:,} levels deep; this service parses "
                             f"{media} at most {MAX_NESTING} levels deep")
    replace = request.method == "PUT"
    target: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    base = graph or str(request.url.replace(query=""))

    def mutate(staging: ox.Store) -> None:
        if replace:
            staging.update(_clear(graph))
        try:
            staging.load(body, format=GRAPH_TYPES[media], to_graph=target, base_iri=base)
        except SyntaxError as error:
            raise HttpError(400, f"the body is not valid {media}: {error}") from None
        if graph is not None and not staging.contains_named_graph(ox.NamedNode(graph)):
            staging.add_graph(ox.NamedNode(graph))

    change = await apply_checked(request, mutate)
    created = graph is not None and graph in change.created
    return Response(status_code=201 if created else 204)
