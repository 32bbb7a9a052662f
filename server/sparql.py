"""The SPARQL 1.1 Protocol endpoint (`/sparql`), read-only."""

from __future__ import annotations

import re
from typing import Any, BinaryIO
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from cepa_kg.formats import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from cepa_kg.server.errors import HttpError
from cepa_kg.server.negotiation import negotiate, prefers_html
from cepa_kg.store import Dataset, QueryKind

router = APIRouter()

MAX_BODY = 1024 * 1024
RESULT_OFFERS = list(RESULT_MEDIA_TYPES)
GRAPH_OFFERS = [t for t in GRAPH_MEDIA_TYPES if t not in ("application/n-quads", "application/trig")]
GRAPH_OFFERS += ["application/trig", "application/n-quads"]

# SERVICE makes pyoxigraph fetch any URL: refused until issue-level federation controls exist.
_SERVICE = re.compile(r"\bSERVICE\s+(SILENT\s+)?(<|\?|\$|[A-Za-z_][\w.-]*:)", re.IGNORECASE)

FORMAT_PARAM = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
}


def _charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


async def _params(request: Request) -> list[tuple[str, str]]:
    """The protocol parameters of a request: URL query plus, for POST, the body. The body is
    decoded exactly once."""
    params = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HttpError(413, f"request body over {MAX_BODY} bytes")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HttpError(400, "the form body is not UTF-8") from error
        return params + parse_qsl(text, keep_blank_values=True)
    if content_type == "application/sparql-query":
        if any(name == "query" for name, _ in params):
            raise HttpError(400, "a direct POST carries the query in its body, not in the URL")
        try:
            return params + [("query", body.decode("utf-8"))]
        except UnicodeDecodeError as error:
            raise HttpError(400, "the query body is not UTF-8") from error
    raise HttpError(415, "POST a query as application/x-www-form-urlencoded or "
                         "application/sparql-query")


def _dataset(params: list[tuple[str, str]]) -> Dataset | None:
    defaults = tuple(v for k, v in params if k == "default-graph-uri")
    named = tuple(v for k, v in params if k == "named-graph-uri")
    return Dataset(defaults, named) if defaults or named else None


@router.api_route("/sparql", methods=["GET", "POST"], summary="SPARQL 1.1 query endpoint")
async def sparql(request: Request) -> Response:
    params = await _params(request)
    queries = [v for k, v in params if k == "query"]
    if any(k == "update" for k, _ in params):
        raise HttpError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if not queries:
        return _service_description(request)
    if len(queries) > 1:
        raise HttpError(400, "give the query parameter exactly once")
    query = queries[0]
    if _SERVICE.search(query):
        raise HttpError(400, "SERVICE (federated query) is not allowed on this endpoint")
    accept = request.headers.get("accept")
    explicit = next((v for k, v in params if k == "format"), None)
    if explicit:
        if explicit not in FORMAT_PARAM and "/" not in explicit:
            raise HttpError(400, f"unknown format {explicit!r}")
        accept = FORMAT_PARAM.get(explicit, explicit)
    return await run_query(request, query, accept=accept, dataset=_dataset(params))


async def run_query(request: Request, query: str, *, accept: str | None,
                    dataset: Dataset | None = None,
                    substitutions: dict[str, Any] | None = None) -> Response:
    """Execute a query in a worker thread and stream its serialization by `Accept`."""
    store = request.app.state.store
    runner = request.app.state.runner

    def choose(kind: QueryKind) -> Any:
        offers = GRAPH_OFFERS if kind is QueryKind.GRAPH else RESULT_OFFERS
        table = GRAPH_MEDIA_TYPES if kind is QueryKind.GRAPH else RESULT_MEDIA_TYPES
        chosen = negotiate(accept, offers)
        if chosen is None:
            raise HttpError(406, "no acceptable format for this result; available: "
                            + ", ".join(offers))
        return chosen, table[chosen]

    def work(sink: BinaryIO, announce: Any) -> None:
        def choose_and_announce(kind: QueryKind) -> Any:
            media_type, fmt = choose(kind)
            announce(media_type)
            return fmt

        store.query_into(query, sink, choose_and_announce, dataset=dataset,
                         substitutions=substitutions)

    stream = await runner.stream(work)
    return StreamingResponse(stream.body, media_type=_charset(stream.head),
                             headers={"Vary": "Accept"})


def _service_description(request: Request) -> Response:
    endpoint = str(request.url.replace(query=""))
    if prefers_html(request.headers.get("accept")):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "sparql.html", {"endpoint": endpoint})
    body = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
[] a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>,
    <http://www.w3.org/ns/formats/SPARQL_Results_XML>, <http://www.w3.org/ns/formats/SPARQL_Results_CSV>,
    <http://www.w3.org/ns/formats/SPARQL_Results_TSV>, <http://www.w3.org/ns/formats/Turtle>,
    <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/RDF_XML>,
    <http://www.w3.org/ns/formats/JSON-LD> ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [ a sd:Dataset ] .
"""
    return Response(body, media_type=_charset("text/turtle"), headers={"Vary": "Accept"})

