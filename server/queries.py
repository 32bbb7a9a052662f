"""The named queries over HTTP (`/queries`, one OpenAPI operation per `.rq` file). The pages
built on them (a goal's trace, the session × goal matrix, an actor's network) are in
question_pages.py.

Parameter values are bound by `NamedQuery.prepare` (terms rendered by pyoxigraph, never pasted
into the text); every store call runs on `app.state.runner`, never on the event loop.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pyoxigraph as ox
from cepa_kg.named_queries import MAX_VALUE_LENGTH, NamedQuery, ParameterError, named_queries
from cepa_kg.server.answer_cache import Answer
from cepa_kg.server.errors import HttpError
from cepa_kg.server.negotiation import negotiate, prefers_html
from cepa_kg.server.openapi_responses import (
    GRAPH_TYPES,
    NAMED_QUERY_ERRORS,
    RESULT_SCHEMAS,
    RESULT_TYPES,
    content,
    error,
)
from cepa_kg.server.page_cache import page_cache
from cepa_kg.server.sparql import FORMAT_PARAM, RESULT_OFFERS, run_query
from cepa_kg.server.state import app_state
from cepa_kg.server.views import local_href
from cepa_kg.store import GraphStore, QueryKind
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

RESERVED = ("format",)
MAX_HTML_ROWS = 200  # the table a browser gets; the CSV and JSON links give every row
SCHEMA_TYPES: dict[str, dict[str, Any]] = {
    "iri": {"type": "string", "format": "iri-reference", "maxLength": MAX_VALUE_LENGTH},
    "string": {"type": "string", "maxLength": MAX_VALUE_LENGTH},
    # (the values `named_queries` takes: up to 18 digits)
    "integer": {"type": "integer", "minimum": -(10**18 - 1), "maximum": 10**18 - 1},
}
_NOT_IN_IRI = re.compile(r"[\x00-\x20\x7f]")


# -- parameters --------------------------------------------------------------------------


def request_values(request: Request, query: NamedQuery) -> tuple[dict[str, str], str | None]:
    """The parameter values and the `format` of a request. An empty value counts as not given
    (HTML forms send empty fields); a repeated or unknown parameter is a 400."""
    values: dict[str, str] = {}
    fmt: str | None = None
    seen: set[str] = set()
    for name, value in parse_qsl(request.url.query, keep_blank_values=True):
        if name in seen:
            raise HttpError(400, f"give the parameter {name!r} at most once")
        seen.add(name)
        if name == "format":
            if value not in FORMAT_PARAM and "/" not in value:
                raise HttpError(400, f"unknown format {value!r} (one of "
                                     f"{', '.join(FORMAT_PARAM)}, or a media type)")
            fmt = FORMAT_PARAM.get(value, value)
        elif (parameter := query.parameter(name)) is None:
            known = ", ".join(p.name for p in query.parameters) or "none"
            raise HttpError(400, f"query {query.name!r} has no parameter {name!r} "
                                 f"(parameters: {known}; and format)")
        elif value != "":
            if parameter.type == "iri" and _NOT_IN_IRI.search(value):
                # (a relative value would have them stripped by urljoin, and pass)
                raise HttpError(400, f"parameter {name!r} is not an IRI: it has spaces or "
                                     "control characters")
            values[name] = value
    return values, fmt


def prepared(request: Request, query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with `values` bound; 400 with the reason on a bad value."""
    try:
        return query.prepare(values, base=app_state(request).settings.base)
    except ParameterError as error:
        raise HttpError(400, str(error)) from error


# -- running a query for a page ----------------------------------------------------------


JSON_RESULTS = "application/sparql-results+json"


def select_json(store: GraphStore, text: str) -> bytes:
    """Run a SELECT in this (worker) thread: its SPARQL JSON results as the store writes them."""
    sink = io.BytesIO()

    def choose(kind: QueryKind) -> ox.QueryResultsFormat:
        if kind is not QueryKind.SOLUTIONS:
            raise ValueError("a page needs a SELECT query")
        return ox.QueryResultsFormat.JSON

    store.query_into(text, sink, choose)
    return sink.getvalue()


def _json_results(store: GraphStore, text: str) -> dict[str, Any]:
    """`select_json`, parsed."""
    results: dict[str, Any] = json.loads(select_json(store, text))
    return results


async def select_rows(request: Request, text: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The variables and rows of a SELECT, each value a dict with `value`, `type` and, for
    an IRI, a local `href`; run on the runner's threads. The answer is remembered for this
    data version in the app's answer cache (the one `/sparql` keeps), so a list's facets and
    count are not counted again while a reader pages or sorts."""
    state = app_state(request)
    cache, store = state.answer_cache, state.store
    version = store.version
    key = cache.key(version, text, JSON_RESULTS, None)
    answer = cache.get(version, key)
    if answer is None:
        body = await state.runner.call(select_json, store, text)
        cache.put(version, key, Answer(JSON_RESULTS, body))
    else:
        body = answer.body
    data = json.loads(body)
    return data["head"]["vars"], _with_hrefs(data["results"]["bindings"], state.settings.base)


async def table_rows(request: Request, text: str
                     ) -> tuple[list[str], list[dict[str, Any]], int]:
    """The variables, the first `MAX_HTML_ROWS` rows and the number of rows of a SELECT for
    an HTML table, remembered for the data version (the table only: the CSV and JSON run the
    query each time and stream it)."""
    state = app_state(request)

    def first_rows() -> tuple[list[str], list[dict[str, Any]], int]:
        data = _json_results(state.store, text)
        bindings = data["results"]["bindings"]
        return data["head"]["vars"], bindings[:MAX_HTML_ROWS], len(bindings)

    variables, bindings, total = await state.runner.call(
        page_cache(state).get, state.store, ("named-query table", text), first_rows)
    return variables, _with_hrefs(bindings, state.settings.base), total


def _with_hrefs(bindings: list[dict[str, Any]], base: str) -> list[dict[str, Any]]:
    """SPARQL JSON bindings as table rows: each value with `value`, `type` and, for an IRI,
    its local `href`."""
    rows = []
    for binding in bindings:
        row = {}
        for name, term in binding.items():
            cell = {"value": term["value"], "type": term["type"]}
            if term["type"] == "uri":
                cell["href"] = local_href(term["value"], base)
            row[name] = cell
        rows.append(row)
    return rows


def plain(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in row.items()} for row in rows]


# -- the API -----------------------------------------------------------------------------


LISTING: dict[str, Any] = {
    "type": "object", "required": ["name", "title", "description", "href", "parameters", "sparql"],
    "properties": {"name": {"type": "string"}, "title": {"type": "string"},
                   "description": {"type": "string"}, "href": {"type": "string"},
                   "parameters": {"type": "array", "items": {"type": "object"}},
                   "sparql": {"type": "string"}},
}


def describe_query(query: NamedQuery) -> dict[str, Any]:
    """The listing entry of a named query (JSON)."""
    return {
        "name": query.name, "title": query.title, "description": query.description,
        "href": f"/queries/{query.name}",
        "parameters": [{"name": p.name, "type": p.type, "description": p.description,
                        "default": p.default, "required": False} for p in query.parameters],
        "sparql": query.text,
    }


#: `format=` names by query form (the text decides): results for SELECT and ASK, graphs for
#: CONSTRUCT and DESCRIBE; any other name is answered 406 (a media type is taken too).
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = tuple(sorted(name for name, media in FORMAT_PARAM.items()
                             if media not in RESULT_OFFERS or name in ("json", "xml")))
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def is_graph_query(query: NamedQuery) -> bool:
    """A CONSTRUCT or DESCRIBE (its first form keyword outside comments)."""
    body = "\n".join(line for line in query.text.splitlines()
                     if not line.lstrip().startswith("#"))
    form = _FORM.search(body)
    return form is not None and form[1].upper() in ("CONSTRUCT", "DESCRIBE")


def openapi_parameters(query: NamedQuery) -> list[dict[str, Any]]:
    """The OpenAPI parameter objects of a query's operation. An empty value counts as not
    given (HTML forms send empty fields)."""
    params: list[dict[str, Any]] = []
    for p in query.parameters:
        schema: dict[str, Any] = dict(SCHEMA_TYPES[p.type])
        if p.default is not None:
            schema["default"] = int(p.default) if p.type == "integer" else p.default
        note = (f" Default: {p.default}." if p.default is not None
                else " Not given: every value.")
        iri_note = " Absolute, or relative to the dataset base (id/...)." if p.type == "iri" else ""
        params.append({"name": p.name, "in": "query", "required": False,
                       "allowEmptyValue": True,
                       "description": p.description.rstrip(".") + "." + iri_note + note,
                       "schema": schema})
    graph = is_graph_query(query)
    kind = "a CONSTRUCT or DESCRIBE: graph" if graph else "a SELECT: SPARQL results"
    params.append({"name": "format", "in": "query", "required": False,
                   "description": f"the answer's format instead of Accept ({kind} formats), "
                                  "or a media type; one that does not fit is answered 406",
                   "schema": {"type": "string",
                              "enum": list(GRAPH_FORMATS if graph else RESULT_FORMATS)}})
    return params


def openapi_responses(query: NamedQuery) -> dict[int | str, dict[str, Any]]:
    """What a query's operation answers: its results (or graph) in the formats of its form."""
    if is_graph_query(query):
        media = content(*GRAPH_TYPES, "text/html")
    else:
        media = content(*RESULT_TYPES, "text/html", schemas=RESULT_SCHEMAS)
    return {200: {"description": "the results, in the format Accept or format chooses (an "
                                 "HTML table for a browser)", "content": media},
            **NAMED_QUERY_ERRORS}


def _run_endpoint(query: NamedQuery) -> Callable[[Request], Awaitable[Response]]:
    async def run(request: Request) -> Response:
        values, fmt = request_values(request, query)
        text = prepared(request, query, values)
        accept = fmt or request.headers.get("accept")
        if fmt is None and prefers_html(accept):
            variables, rows, total = await table_rows(request, text)
            templates: Jinja2Templates = app_state(request).templates
            return templates.TemplateResponse(
                request, "queries_run.html",
                {"query": query, "values": values, "variables": variables,
                 "rows": rows, "total": total,
                 "csv": _link(query.name, values, "csv"),
                 "json": _link(query.name, values, "json")},
                headers={"Vary": "Accept"})
        return await run_query(request, text, accept=accept)

    run.__name__ = f"query_{query.name.replace('-', '_')}"
    run.__doc__ = query.description
    return run


def _link(name: str, values: dict[str, str], fmt: str | None = None) -> str:
    params = dict(values)
    if fmt:
        params["format"] = fmt
    return f"/queries/{name}" + (f"?{urlencode(params)}" if params else "")


def build_router(queries: dict[str, NamedQuery]) -> APIRouter:
    """A router with the listing and one operation per named query."""
    router = APIRouter()

    @router.get("/queries", summary="The named queries", tags=["named queries"],
                response_class=Response, responses={
                    200: {"description": "every named query (JSON; an HTML page for a "
                                         "browser)", "content": {
                        "application/json": {"schema": {"type": "array", "items": LISTING}},
                        "text/html": {"schema": {"type": "string"}}}},
                    406: error("neither JSON nor HTML is acceptable")})
    async def list_queries(request: Request) -> Response:
        """Every named query with its title, description and parameters (JSON or HTML)."""
        listing = [describe_query(q) for q in queries.values()]
        chosen = negotiate(request.headers.get("accept"), ["application/json", "text/html"])
        if chosen is None:
            raise HttpError(406, "available: application/json, text/html")
        if chosen == "text/html" and prefers_html(request.headers.get("accept")):
            templates: Jinja2Templates = app_state(request).templates
            return templates.TemplateResponse(
                request, "queries.html", {"queries": listing}, headers={"Vary": "Accept"})
        return JSONResponse(listing, headers={"Vary": "Accept"})

    for query in queries.values():
        if any(p.name in RESERVED for p in query.parameters):
            raise ValueError(f"query {query.name!r} declares a reserved parameter name")
        router.add_api_route(
            f"/queries/{query.name}", _run_endpoint(query), methods=["GET"],
            summary=query.title, description=query.description, tags=["named queries"],
            operation_id=f"query_{query.name.replace('-', '_')}",
            openapi_extra={"parameters": openapi_parameters(query)},
            responses=openapi_responses(query), response_class=Response)

    @router.get("/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> Response:
        raise HttpError(404, f"no named query {name!r} (see /queries)")

    return router


router = build_router(named_queries())
