"""Reading a SPARQL 1.1 Protocol request: which operation (query or update), its text and its
parameters, by the rules of the protocol (sections 2.1 and 2.2). The body is read and decoded
exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
from cepa_kg.server.bodies import read_capped
from cepa_kg.server.errors import HttpError
from cepa_kg.store import Dataset
from fastapi import Request

MAX_BODY = 1024 * 1024
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
# A graph no store holds: names an empty default graph or an empty set of named graphs.
NOTHING = "urn:cepa-kg:nothing"


@dataclass(frozen=True)
class Operation:
    """A query or an update (or neither: a request for the service description)."""

    query: str | None
    update: str | None
    params: tuple[tuple[str, str], ...]

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]

    def first(self, name: str) -> str | None:
        values = self.values(name)
        return values[0] if values else None


def _media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type and charset parameter."""
    header = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in header.split(";")]
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpError(400, f"the {what} is not UTF-8") from error


async def read_operation(request: Request, *, max_body: int = MAX_BODY) -> Operation:
    """The operation a GET or POST request carries. Raises HttpError for protocol faults:
    400 (a parameter twice (query, update, version), an update by GET, parameters of a POST in
    its URL), 413, 415."""
    url_params = parse_qsl(request.url.query, keep_blank_values=True)
    params = list(url_params)
    if request.method == "POST":
        body = await read_capped(request, max_body)
        media, charset = _media_type(request)
        if media not in (FORM, QUERY, UPDATE):
            raise HttpError(415, f"POST a query as {FORM} or {QUERY}, an update as {FORM} or "
                                 f"{UPDATE}" + (f", not {media}" if media else
                                                " (the request has no Content-Type)"))
        if charset not in (None, "utf-8", "utf8"):
            raise HttpError(415, f"SPARQL requests are UTF-8, not {charset}")
        for name in ("query", "update"):
            if any(k == name for k, _ in url_params):
                raise HttpError(400, f"the parameters of a POST belong in its body: "
                                     f"{name!r} in the URL is refused")
        if media == FORM:
            params += parse_qsl(_utf8(body, "form body"), keep_blank_values=True)
        else:
            params.append(("query" if media == QUERY else "update", _utf8(body, "body")))
    queries = [v for k, v in params if k == "query"]
    updates = [v for k, v in params if k == "update"]
    if len(queries) > 1 or len(updates) > 1:
        raise HttpError(400, "give the query or update parameter exactly once")
    if sum(k == "version" for k, _ in params) > 1:  # SPARQL 1.2 Protocol: at most once
        raise HttpError(400, "give the version parameter at most once")
    if queries and updates:
        raise HttpError(400, "a request carries a query or an update, not both")
    if updates and request.method != "POST":
        raise HttpError(400, "SPARQL Update must be sent by POST")
    return Operation(queries[0] if queries else None, updates[0] if updates else None,
                     tuple(params))


def checked_iri(value: str, parameter: str) -> str:
    """An absolute IRI from a request parameter, or a 400."""
    try:
        return ox.NamedNode(value).value
    except ValueError as error:
        raise HttpError(400, f"{parameter} {value!r} is not a valid IRI: {error}") from None


def query_dataset(operation: Operation, from_clauses: tuple[list[str], list[str]]
                  ) -> Dataset | None:
    """The protocol's dataset (default-graph-uri, named-graph-uri), which overrides the
    query's FROM / FROM NAMED; else the query's own; else None (the union of all graphs)."""
    defaults = [checked_iri(v, "default-graph-uri") for v in operation.values("default-graph-uri")]
    named = [checked_iri(v, "named-graph-uri") for v in operation.values("named-graph-uri")]
    if not defaults and not named:
        defaults, named = from_clauses
    if not defaults and not named:
        return None
    return Dataset(tuple(defaults or [NOTHING]), tuple(named or [NOTHING]))
