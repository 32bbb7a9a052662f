"""The SPARQL 1.1 Protocol endpoint (`/sparql`): queries for everyone (GET, POST form, POST
direct), updates only with the operator's token (see `update`), a service description or a
query page when there is no query. Query GETs carry a weak ETag per data version and answer
304 to a current If-None-Match; small answers are remembered (see `answer_cache`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cepa_kg import sparql_limits
from cepa_kg.formats import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from cepa_kg.server.answer_cache import Answer, AnswerCache, matches
from cepa_kg.server.disconnect import unless_gone
from cepa_kg.server.errors import HttpError
from cepa_kg.server.protocol import MAX_BODY, Operation, checked_iri, query_dataset, read_operation
from cepa_kg.server.query_guard import check_network_access
from cepa_kg.server.rdf_documents import choose_type, document_response, prefers_page
from cepa_kg.server.service_description import service_description
from cepa_kg.server.sparql_text import dataset_clauses, has_relative_iri
from cepa_kg.server.state import app_state
from cepa_kg.server.update import run_update
from cepa_kg.store import Dataset, QuerySyntaxError
from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from fastapi.templating import Jinja2Templates

router = APIRouter()

__all__ = ["FORMAT_PARAM", "GRAPH_OFFERS", "MAX_BODY", "RESULT_OFFERS", "router", "run_query"]

RESULT_OFFERS = list(RESULT_MEDIA_TYPES)
GRAPH_OFFERS = [t for t in GRAPH_MEDIA_TYPES
                if t not in ("application/n-quads", "application/trig")]
GRAPH_OFFERS += ["application/trig", "application/n-quads"]
ALLOW = "GET, HEAD, POST, OPTIONS"
CACHE_CONTROL = "public, max-age=0, must-revalidate"  # keep, but ask each time (ETag)

#: `format=` names for links (a media type is accepted too).
FORMAT_PARAM = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
    "trig": "application/trig", "nquads": "application/n-quads", "nq": "application/n-quads",
    "n3": "text/turtle", "rdf": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
    "json-ld": "application/ld+json",
}
# `format=json` / `format=xml` also name the graph formats of the same family.
_FORMAT_GRAPH_ALTERNATIVE = {"json": "application/ld+json", "xml": "application/rdf+xml"}
_GRAPH_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri",
                     "using-named-graph-uri")
_POSITION = re.compile(r"error at (\d+):(\d+)")
_MAYBE_RELATIVE = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]*:)")


def _charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


def _accept(request: Request, operation: Operation) -> str | None:
    """The Accept header, or what the `format` parameter asks for instead (a name this
    server does not know leaves the Accept header in charge)."""
    explicit = (operation.first("format") or "").strip().lower()
    if not explicit or (explicit not in FORMAT_PARAM and "/" not in explicit):
        return request.headers.get("accept")
    accept = FORMAT_PARAM.get(explicit, explicit)
    alternative = _FORMAT_GRAPH_ALTERNATIVE.get(explicit)
    return f"{accept}, {alternative}" if alternative else accept


# One route, so that a 405 names all four methods; what each answers, its parameters and body:
# `openapi_responses.OPERATIONS`.
@router.api_route("/sparql", methods=["GET", "HEAD", "POST", "OPTIONS"],
                  summary="SPARQL 1.1 Protocol: query (and update with the operator's token)")
async def sparql(request: Request) -> Response:
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": ALLOW})
    operation = await read_operation(request)
    for name in _GRAPH_PARAMETERS:  # a bad graph IRI is a bad request, whatever it is for
        for value in operation.values(name):
            checked_iri(value, name)
    if operation.update is not None:
        return await run_update(request, operation)
    if operation.query is None:
        return await _self_description(request)
    response = await _query(request, operation, operation.query)
    if request.method == "HEAD":
        return await _headers_only(response)
    return response


async def _query(request: Request, operation: Operation, query: str) -> Response:
    settings = app_state(request).settings
    endpoint = str(request.url.replace(query="", fragment=""))
    sparql_limits.check(query)  # before any parser (ours, rdflib's, the store's) reads it
    check_network_access(query, update=False, allowed_hosts=settings.federation_allowed_hosts,
                         base=endpoint)
    accept = _accept(request, operation)
    dataset = query_dataset(operation, dataset_clauses(query, base=endpoint))
    shift = 0
    # The service's base IRI is the endpoint (Protocol 2.1.4). The pattern is a cheap
    # pre-check: without a `<` that opens no scheme, no IRI can be relative.
    if _MAYBE_RELATIVE.search(query) and has_relative_iri(query):
        query, shift = f"BASE <{endpoint}>\n{query}", 1
    try:
        if request.method in ("GET", "HEAD"):
            return await _cached_query(request, query, accept, dataset)
        return await run_query(request, query, accept=accept, dataset=dataset)
    except QuerySyntaxError as error:
        if not shift:
            raise
        message = _POSITION.sub(lambda m: f"error at {int(m[1]) - shift}:{m[2]}", str(error))
        raise QuerySyntaxError(message) from None


def _timing(via: str) -> str:
    """`Server-Timing` naming what answered: thread, worker, cache or not-modified."""
    return f'exec;desc="{via}"'


async def _cached_query(request: Request, query: str, accept: str | None,
                        dataset: Dataset | None) -> Response:
    """A GET or HEAD: its weak ETag from (data version, query, Accept, dataset); 304 when
    If-None-Match names it. Then its remembered answer, else the query, remembered if it ends
    normally and is small (see `answer_cache`): a heavy query a page asks again and again (a
    matrix, a count per goal) is computed once per data version. A query that overran its
    budget or was cut is never remembered."""
    cache: AnswerCache = app_state(request).answer_cache
    version = app_state(request).store.version
    key = cache.key(version, query, accept, dataset)
    headers = {"ETag": cache.etag(version, key), "Cache-Control": CACHE_CONTROL, "Vary": "Accept"}
    if matches(request.headers.get("if-none-match"), headers["ETag"]):
        return Response(status_code=304, headers={**headers, "Server-Timing": _timing(
            "not-modified")})
    answer = cache.get(version, key)
    if answer is not None:
        return Response(answer.body, media_type=_charset(answer.media_type),
                        headers={**headers, "Server-Timing": _timing("cache")})
    return await run_query(request, query, accept=accept, dataset=dataset, headers=headers,
                           keep=_Keep(cache, version, key))


async def _headers_only(response: Response) -> Response:
    """HEAD: the GET's status and headers; the body is produced (the worker finishes its
    serialization in its own thread) and dropped."""
    if isinstance(response, StreamingResponse):
        async for _ in response.body_iterator:
            pass
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(status_code=response.status_code, headers=headers)


@dataclass(frozen=True)
class _Keep:
    """Where to remember a query's answer (see `answer_cache`)."""

    cache: AnswerCache
    version: int
    key: str


async def run_query(
    request: Request, query: str, *, accept: str | None, dataset: Dataset | None = None,
    substitutions: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
    keep: _Keep | None = None,
) -> Response:
    """Execute a query within its time budget (in a worker process over an on-disk store,
    unless it is a bounded streaming query: then, as over an in-memory store, in a runner
    thread) and stream its serialization by `Accept`. `Server-Timing` says which ran it.
    An answer already complete when its head is known is sent whole, with its length."""
    from cepa_kg.server.execution import NotAcceptableError, QueryJob  # executor's own types

    job = QueryJob(query, accept, dataset, substitutions)
    client = request.client.host if request.client else None
    try:
        stream = await unless_gone(request, app_state(request).executor.execute(job, client))
    except NotAcceptableError as error:
        raise HttpError(406, str(error)) from None
    headers = {"Vary": "Accept", **(headers or {}), "Server-Timing": _timing(stream.via)}
    if stream.complete is not None:
        if keep is not None:
            keep.cache.put(keep.version, keep.key, Answer(stream.head, stream.complete))
        return Response(stream.complete, media_type=_charset(stream.head), headers=headers)
    body = stream.body if keep is None else keep.cache.recording(
        keep.version, keep.key, stream.head, stream.body)
    return StreamingResponse(body, media_type=_charset(stream.head), headers=headers)


async def _self_description(request: Request) -> Response:
    """No query: the query page for browsers (who prefer HTML to every RDF type), else the
    SPARQL 1.1 Service Description in the RDF type the client likes best."""
    endpoint = str(request.url.replace(query="", fragment=""))
    if prefers_page(request.headers.get("accept")):
        templates: Jinja2Templates = app_state(request).templates
        page = templates.TemplateResponse(request, "sparql.html", {"endpoint": endpoint})
        page.headers["Vary"] = "Accept"
        return page
    media_type = choose_type(request)
    void_iri = str(request.base_url) + ".well-known/void"
    settings = app_state(request).settings
    response = await document_response(
        request, lambda: service_description(endpoint, void_iri, settings), media_type)
    if request.method == "HEAD":
        return await _headers_only(response)
    return response
