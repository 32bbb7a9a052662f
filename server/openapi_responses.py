"""What the OpenAPI document (`/openapi.json`, shown at `/docs`) says each API route answers:
its statuses, their media types and headers, in one place.

Errors are RFC 9457 problem documents for JSON clients and plain text for everyone else
(`errors.problem`); every 503 and 429 carries `Retry-After` (`retry_after`). A 500 is not
declared: it is a bug. `tests/test_openapi.py` runs schemathesis (`--checks all`) against a
live server to hold the document to what the server does.

Routes with one method declare their answers with `responses=` on their decorators, from the
pieces here. Routes with several methods (`/sparql`, `/update`, `/store`, `/dump`) are one
FastAPI route each, so that a 405 names all their methods, and FastAPI gives every method of
a route the same description: theirs are in `OPERATIONS`, per method. The linked-data routes'
(their module is the pages') are in `LINKED_DATA`. `install(app)` makes `app.openapi` apply
both, give each method its own operation id, and drop FastAPI's automatic `422` (our handler
answers a request that fails validation with a 400 problem document).
"""

from __future__ import annotations

import warnings
from typing import Any

from cepa_kg.formats import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from cepa_kg.server.rdf_documents import DOCUMENT_TYPES
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

Responses = dict[int | str, dict[str, Any]]

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details (extra members: `errors`, `line`, `column`, "
                   "`violations`, as the error has them)",
    "required": ["type", "title", "status", "detail"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                   "status": {"type": "integer"}, "detail": {"type": "string"}},
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again",
                               "required": True, "schema": {"type": "integer", "minimum": 0}}}
WWW_AUTHENTICATE = {"WWW-Authenticate": {"description": 'Bearer realm="cepa-kg"',
                                         "required": True, "schema": {"type": "string"}}}
ALLOW = {"Allow": {"description": "the methods of the resource", "required": True,
                   "schema": {"type": "string"}}}
ETAG = {"ETag": {"description": "validator of the representation", "required": True,
                 "schema": {"type": "string"}}}


def error(description: str, headers: dict[str, Any] | None = None,
          *, html: bool = False) -> dict[str, Any]:
    """A problem document (JSON clients) or plain text (the rest); `html` adds a page."""
    content: dict[str, Any] = {"application/problem+json": {"schema": PROBLEM_SCHEMA},
                               "text/plain": {"schema": {"type": "string"}}}
    if html:
        content["text/html"] = {"schema": {"type": "string"}}
    return {"description": description, "content": content, **({"headers": headers}
                                                                  if headers else {})}


def content(*media_types: str, schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `content` map of `media_types` (in order, without repeats)."""
    schemas = schemas or {}
    return {m: ({"schema": schemas[m]} if m in schemas else {}) for m in dict.fromkeys(media_types)}


# -- the common errors -------------------------------------------------------------------

BAD_REQUEST = error("a malformed request: a bad parameter or body, a SPARQL syntax error "
                    "(with `line` and `column`), a query beyond this service's limits of "
                    "nesting, chain or length")
UNAUTHORIZED = error("no bearer token: writes need the operator's token", WWW_AUTHENTICATE)
FORBIDDEN = error("writes are disabled (no token configured), or the token is not the one "
                  "configured")
NOT_ACCEPTABLE = error("no format the client accepts (Accept or format) fits the answer")
TOO_LARGE = error("the request body is over this route's limit")
UNSUPPORTED = error("the request body's media type (or charset) is not one this route reads")
TOO_MANY = error("the client already runs as many expensive queries as one client may",
                 RETRY_AFTER)
UNAVAILABLE = error("busy (every query slot taken), or the query ran past its time budget "
                    "and was stopped", RETRY_AFTER)
INSUFFICIENT_STORAGE = error("the store has no room for the write; nothing was written")
REFUSED = error("the change would leave the data invalid against the shapes; nothing was "
                "written (the SHACL report in `detail`, its `violations` listed)")
NOT_MODIFIED: dict[str, Any] = {"description": "the client's copy (If-None-Match) is current"}
OPTIONS_ANSWER: Responses = {
    200: {"description": "a CORS preflight (Origin and Access-Control-Request-Method given)",
          "content": content("text/plain")},
    204: {"description": "the methods of the resource, in Allow", "headers": ALLOW},
    400: error("a CORS preflight for a method or header not allowed"),
}

# -- media types -------------------------------------------------------------------------

SPARQL_JSON_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["head"],
    "properties": {
        "head": {"type": "object", "properties": {"vars": {"type": "array",
                                                           "items": {"type": "string"}}}},
        "results": {"type": "object", "required": ["bindings"],
                    "properties": {"bindings": {"type": "array", "items": {"type": "object"}}}},
        "boolean": {"type": "boolean"},
    },
}
RESULT_TYPES = list(RESULT_MEDIA_TYPES)  # SELECT and ASK
GRAPH_TYPES = list(GRAPH_MEDIA_TYPES)  # CONSTRUCT and DESCRIBE
RDF_DOCUMENT_TYPES = list(DOCUMENT_TYPES)  # the service description, VoID
RESULT_SCHEMAS = {"application/sparql-results+json": SPARQL_JSON_SCHEMA,
                  "application/json": SPARQL_JSON_SCHEMA}

# -- the SPARQL endpoint -----------------------------------------------------------------

SPARQL_ANSWER: dict[str, Any] = {
    "description": "a SELECT or ASK query's results (SPARQL JSON, XML, CSV, TSV); a CONSTRUCT "
                   "or DESCRIBE query's graph (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, "
                   "N-Quads); without a query, the SPARQL Service Description (RDF), or the "
                   "query page for a browser (Accept: text/html)",
    "content": content(*RESULT_TYPES, *GRAPH_TYPES, *RDF_DOCUMENT_TYPES, "text/html",
                       schemas=RESULT_SCHEMAS),
}
QUERY_ERRORS: Responses = {400: BAD_REQUEST, 406: NOT_ACCEPTABLE, 429: TOO_MANY,
                           503: UNAVAILABLE}
SPARQL_GET: Responses = {200: SPARQL_ANSWER, 304: NOT_MODIFIED, **QUERY_ERRORS}
UPDATE_ANSWERS: Responses = {
    200: {"description": "the update was applied (how many graphs it changed)",
          "content": content("text/plain", schemas={"text/plain": {"type": "string"}})},
    400: BAD_REQUEST, 401: UNAUTHORIZED, 403: FORBIDDEN, 413: TOO_LARGE, 415: UNSUPPORTED,
    422: REFUSED,
    502: error("the update's LOAD could not fetch its source (an allowed host); nothing was "
               "written"),
    503: error("busy, or the update ran past its time budget and was abandoned; nothing was "
               "written", RETRY_AFTER),
    507: INSUFFICIENT_STORAGE,
}
SPARQL_POST: Responses = {
    **UPDATE_ANSWERS,
    200: {"description": SPARQL_ANSWER["description"] + "; an update's outcome (text)",
          "content": {**SPARQL_ANSWER["content"], "text/plain": {"schema": {"type": "string"}}}},
    406: NOT_ACCEPTABLE, 429: TOO_MANY,
}
SPARQL_SECURITY: list[dict[str, list[str]]] = [{}, {"bearerAuth": []}]
WRITE_SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]


def iri_list(name: str, what: str) -> dict[str, Any]:
    """A repeatable IRI parameter of the SPARQL protocol."""
    return {"name": name, "in": "query", "required": False, "style": "form", "explode": True,
            "description": what + " (an absolute IRI; repeatable)",
            "schema": {"type": "array", "items": {"type": "string", "format": "iri"}}}


FORMAT_DESCRIPTION = (
    "the answer's format instead of Accept: a name or a media type. Which fit depends on the "
    "query form, which the request's text decides: a SELECT or ASK answers `json`, `xml`, "
    "`csv` or `tsv` (SPARQL results); a CONSTRUCT or DESCRIBE answers `turtle`/`ttl`/`n3`, "
    "`ntriples`/`nt`, `rdfxml`/`rdf`/`rdf+xml`, `jsonld`/`json-ld`, `trig`, `nquads`/`nq` "
    "(and `json`, `xml` as JSON-LD, RDF/XML). A format that does not fit the query's form "
    "is answered 406. An unknown name leaves Accept in charge.")

# -- Graph Store, VoID, dump ---------------------------------------------------------------

GRAPH_STORE_TYPES = ["text/turtle", "application/n-triples", "application/rdf+xml",
                     "application/ld+json", "text/plain", "application/json"]
GRAPH_STORE_READ: Responses = {
    200: {"description": "the graph (Turtle, N-Triples, RDF/XML or JSON-LD, by Accept)",
          "content": content(*GRAPH_STORE_TYPES)},
    400: error("not exactly one of ?graph=IRI and ?default, or graph is not an IRI"),
    401: UNAUTHORIZED, 403: FORBIDDEN,
    404: error("no such graph in the store"),
    406: error("no graph format the client accepts"),
    503: UNAVAILABLE,
}
GRAPH_STORE_WRITE: Responses = {
    201: {"description": "the named graph was created"},
    204: {"description": "the graph was replaced (PUT) or added to (POST)"},
    400: error("not exactly one of ?graph=IRI and ?default, graph is not an IRI, or the body "
               "is not valid in its media type (or nests too deep)"),
    401: UNAUTHORIZED, 403: FORBIDDEN,
    413: TOO_LARGE,
    415: error("the body is not Turtle, N-Triples, RDF/XML or JSON-LD"),
    422: REFUSED,
    503: (UNDERWAY := error("busy, or the write ran past its time budget and was abandoned; "
                            "nothing was written", RETRY_AFTER)),
    507: INSUFFICIENT_STORAGE,
}
GRAPH_STORE_DELETE: Responses = {
    204: {"description": "the graph was dropped (the default graph: emptied)"},
    400: error("not exactly one of ?graph=IRI and ?default, or graph is not an IRI"),
    401: UNAUTHORIZED, 403: FORBIDDEN,
    404: error("no such graph in the store"),
    503: UNDERWAY, 507: INSUFFICIENT_STORAGE,
}
VOID: Responses = {
    200: {"description": "the VoID description (Turtle, JSON-LD, RDF/XML, N-Triples, by "
                         "Accept)", "content": content(*RDF_DOCUMENT_TYPES)},
    406: NOT_ACCEPTABLE, 503: UNAVAILABLE,
}
DUMP: Responses = {
    200: {"description": "the whole dataset, gzipped N-Quads", "headers": ETAG,
          "content": content("application/gzip", schemas={"application/gzip": {
              "type": "string", "format": "binary"}})},
    304: NOT_MODIFIED, 503: UNAVAILABLE,
}

# -- named queries -------------------------------------------------------------------------

NAMED_QUERY_ERRORS: Responses = {
    400: error("a bad or unknown parameter, a parameter given twice, an unknown format"),
    406: NOT_ACCEPTABLE, 429: TOO_MANY, 503: UNAVAILABLE,
}

# -- goals, operations -----------------------------------------------------------------------

GOAL_ITEM_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["text"],
    "properties": {"id": {"description": "any JSON value, returned as given"},
                   "text": {"type": "string"},
                   "era": {"enum": ["mdg", "sdg", None],
                           "description": "only goals of this era (default: both)"}},
}
GOAL_ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["id", "alignments", "frameworks"],
    "properties": {"alignments": {"type": "array", "items": {"type": "object"}},
                   "frameworks": {"type": "array"}},
}
HEALTH_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["status", "version"],
    "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
}
READY_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["status", "checks"],
    "properties": {"status": {"const": "ready"}, "checks": {"type": "object"}},
}
UNREADY_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["status", "reason"],
    "properties": {"status": {"const": "unavailable"}, "reason": {"type": "string"}},
}

# -- linked data (declared here: its module is the pages') ------------------------------------

_DESCRIPTION_TYPES = ["text/turtle", "application/ld+json", "application/rdf+xml",
                      "application/n-triples", "text/html"]
LINKED_DATA: dict[str, Responses] = {
    "/id/{path}": {
        200: {"description": "the entity's description (by Accept or suffix); a source "
                             "document's text (`.../text`) or reading page (`.../read`)",
              "content": content(*_DESCRIPTION_TYPES, "text/plain")},
        304: NOT_MODIFIED,
        404: error("nothing is known about the IRI, or it is not an IRI of this dataset (a "
                   "page for a browser)", html=True),
        406: error("no format the client accepts"), 503: UNAVAILABLE,
    },
    "/graph/{name}": {
        200: {"description": "the graph's description (by Accept or suffix)",
              "content": content(*_DESCRIPTION_TYPES)},
        304: NOT_MODIFIED,
        404: error("the store has no such graph (a page for a browser)", html=True),
        406: error("no format the client accepts"), 503: UNAVAILABLE,
    },
    "/def": {
        200: {"description": "the ontology (by Accept)", "content": content(*_DESCRIPTION_TYPES)},
        304: NOT_MODIFIED, 404: error("`ext` names no format (as in /def.ttl)"),
        406: error("no format the client accepts"), 503: UNAVAILABLE,
    },
    "/context.jsonld": {
        200: {"description": "the JSON-LD context of the descriptions",
              "content": content("application/ld+json",
                                 schemas={"application/ld+json": {"type": "object"}})},
        304: NOT_MODIFIED,
    },
}

# -- the operations of the routes with several methods ---------------------------------------
# (one FastAPI route each, so that a 405 names all of its methods in Allow; FastAPI gives
# every method of a route the same responses, so theirs are set per method here)

_SPARQL_PARAMETERS = [
    iri_list("default-graph-uri", "the query's default graph, overriding its FROM"),
    iri_list("named-graph-uri", "a named graph of the query's dataset, overriding its FROM "
                                "NAMED"),
    {"name": "format", "in": "query", "required": False, "description": FORMAT_DESCRIPTION,
     "schema": {"type": "string"}, "examples": {"csv": {"value": "csv"},
                                                "turtle": {"value": "turtle"}}},
]
_QUERY_TEXT = ("a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); relative IRIs resolve "
               "against the endpoint. Without one: the service description")
_USING = [iri_list("using-graph-uri", "the update's default graph (USING), overriding its "
                                      "WITH and USING"),
          iri_list("using-named-graph-uri", "a named graph of the update's dataset "
                                            "(USING NAMED)")]
_SPARQL_FORM = {
    "type": "object",
    "description": "a query (`query`) or, with the operator's token, an update (`update`), not "
                   "both; neither: the service description",
    "properties": {
        "query": {"type": "string", "description": _QUERY_TEXT},
        "update": {"type": "string", "description": "a SPARQL 1.1 Update (needs the token)"},
        **{p["name"]: p["schema"] for p in _SPARQL_PARAMETERS[:2] + _USING},
        "format": {"type": "string", "description": FORMAT_DESCRIPTION},
    },
}
_ARRAYS = {name: {"style": "form", "explode": True} for name in (
    "default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")}
_TEXT = {"type": "string"}
_GRAPH_PARAMETERS = [
    {"name": "graph", "in": "query", "required": False,
     "description": "the named graph (an absolute IRI); give it or `default`, exactly one",
     "schema": {"type": "string", "format": "iri"}},
    {"name": "default", "in": "query", "required": False, "allowEmptyValue": True,
     "description": "the default graph (`?default`, any value); give it or `graph`, exactly "
                    "one", "schema": {"type": "string"}},
]
_UPDATE_BODY = {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["update"],
        "properties": {"update": {"type": "string", "description": "a SPARQL 1.1 Update"},
                       **{p["name"]: p["schema"] for p in _USING}}},
        "encoding": _ARRAYS},
    "application/sparql-update": {"schema": _TEXT},
}}
OPERATIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("/sparql", "get"): {
        "summary": "SPARQL 1.1 Protocol: a query by GET (or the service description)",
        "parameters": [{"name": "query", "in": "query", "required": False,
                        "description": _QUERY_TEXT, "schema": _TEXT,
                        "examples": {"sessions": {"value": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}}},
                       *_SPARQL_PARAMETERS],
        "responses": SPARQL_GET},
    ("/sparql", "post"): {
        "summary": "SPARQL 1.1 Protocol: a query (form or direct POST), or an update with the "
                   "operator's token",
        "parameters": [*_SPARQL_PARAMETERS, *_USING],
        "requestBody": {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": _SPARQL_FORM, "encoding": _ARRAYS},
            "application/sparql-query": {"schema": _TEXT},
            "application/sparql-update": {"schema": _TEXT},
        }},
        "security": SPARQL_SECURITY, "responses": SPARQL_POST},
    ("/sparql", "options"): {"summary": "The methods of /sparql", "responses": OPTIONS_ANSWER},
    ("/update", "post"): {"parameters": _USING, "requestBody": _UPDATE_BODY,
                          "security": WRITE_SECURITY, "responses": UPDATE_ANSWERS},
    ("/update", "options"): {"summary": "The methods of /update", "responses": OPTIONS_ANSWER},
    ("/store", "get"): {"summary": "Graph Store: a graph",
                        "parameters": _GRAPH_PARAMETERS, "security": WRITE_SECURITY,
                        "responses": GRAPH_STORE_READ},
    ("/store", "put"): {"summary": "Graph Store: replace a graph",
                        "parameters": _GRAPH_PARAMETERS, "security": WRITE_SECURITY,
                        "requestBody": (_GRAPH_BODY := {"required": True, "content": content(
                            *GRAPH_STORE_TYPES, schemas={
                                t: ({"description": "a JSON-LD document"} if "json" in t
                                    else _TEXT) for t in GRAPH_STORE_TYPES})}),
                        "responses": GRAPH_STORE_WRITE},
    ("/store", "post"): {"summary": "Graph Store: add to a graph",
                         "parameters": _GRAPH_PARAMETERS, "security": WRITE_SECURITY,
                         "requestBody": _GRAPH_BODY, "responses": GRAPH_STORE_WRITE},
    ("/store", "delete"): {"summary": "Graph Store: drop a graph",
                           "parameters": _GRAPH_PARAMETERS, "security": WRITE_SECURITY,
                           "responses": GRAPH_STORE_DELETE},
    ("/dump", "get"): {"responses": DUMP},
}
OPERATIONS[("/sparql", "head")] = {**OPERATIONS[("/sparql", "get")],
                                   "summary": "SPARQL 1.1 Protocol: a GET's headers"}
OPERATIONS[("/store", "head")] = {**OPERATIONS[("/store", "get")],
                                  "summary": "Graph Store: a graph's headers"}
OPERATIONS[("/dump", "head")] = OPERATIONS[("/dump", "get")]


#: Examples of the linked-data routes' parameters: entities of the bundled corpus.
EXAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("/id/{path}", "path"): {"actor": {"value": "actor/dpadm"},
                             "session": {"value": "session/8"},
                             "turtle": {"value": "goal/mdg-8.ttl"}},
    ("/graph/{name}", "name"): {"actors": {"value": "actors"},
                                "turtle": {"value": "goals.ttl"}},
}

SECURITY_SCHEMES = {"bearerAuth": {
    "type": "http", "scheme": "bearer",
    "description": "the operator's update token (settings: update_token): SPARQL Update and "
                   "the Graph Store Protocol"}}


def install(app: FastAPI) -> None:
    """Make `app.openapi` finish the document FastAPI makes (see `finish`)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        with warnings.catch_warnings():  # one id per route; fixed below, one per method
            warnings.filterwarnings("ignore", message="Duplicate Operation ID")
            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes)
        finish(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _openapi(declared: dict[str, Any]) -> dict[str, Any]:
    """`declared` with its statuses as strings, as in an OpenAPI document."""
    out = dict(declared)
    if "responses" in out:
        out["responses"] = {str(k): v for k, v in out["responses"].items()}
    return out


def finish(schema: dict[str, Any]) -> None:
    """The answers (and parameters, bodies, security) of the operations of `OPERATIONS` and
    `LINKED_DATA`; operation ids unique per method; FastAPI's automatic 422 out (see the
    module's text); the bearer scheme."""
    ids: dict[str, int] = {}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            ids[operation.get("operationId", "")] = ids.get(operation.get("operationId", ""), 0) + 1
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            declared = OPERATIONS.get((path, method))
            if declared is not None:
                operation.update(_openapi(declared))
            if path in LINKED_DATA:
                operation.update(_openapi({"responses": LINKED_DATA[path]}))
            for parameter in operation.get("parameters", []):
                if (path, parameter.get("name")) in EXAMPLES:
                    parameter["examples"] = EXAMPLES[(path, parameter["name"])]
            op_id = operation.get("operationId", "")
            if ids.get(op_id, 0) > 1:  # one route, several methods: FastAPI names them alike
                for suffix in ("_get", "_head", "_post", "_put", "_delete", "_options"):
                    op_id = op_id.removesuffix(suffix)
                operation["operationId"] = f"{op_id}_{method}"
            auto = operation.get("responses", {}).get("422")
            if auto and auto.get("description") == "Validation Error":
                del operation["responses"]["422"]
                operation["responses"].setdefault("400", error("invalid request parameters"))
    components = schema.setdefault("components", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.get("schemas", {}).pop(name, None)
    if not components.get("schemas"):
        components.pop("schemas", None)
    components["securitySchemes"] = SECURITY_SCHEMES
