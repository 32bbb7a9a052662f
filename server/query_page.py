"""The query page for people (`/query`): an editor, the example queries of `queries/`, and
the answer as a table. Machines use `/sparql`.

The query runs through the store interface off the event loop; pyoxigraph serializes the
answer (SPARQL JSON for solutions, N-Triples for graphs) and the page reads that back, so no
result object leaves its worker thread.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from cepa_kg.named_queries import named_queries
from cepa_kg.server.conneg import represent
from cepa_kg.server.site import render, root_of
from cepa_kg.server.views import curie, local_href
from cepa_kg.store import QueryKind, QuerySyntaxError
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

router = APIRouter()

MAX_ROWS = 500
MAX_QUERY = 20_000
# SERVICE makes pyoxigraph fetch any URL: refused here as on /sparql.
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)

DEFAULT_QUERY = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX schema: <https://schema.org/>
SELECT ?session ?number ?start ?end WHERE {
  ?session a cepa:Session ; cepa:sessionNumber ?number ;
           schema:startDate ?start ; schema:endDate ?end .
} ORDER BY ?number"""


@dataclass
class Cell:
    text: str
    href: str | None = None


@dataclass
class Answer:
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    error: str = ""


def _cell(term: dict[str, str] | ox.NamedNode | ox.Literal | ox.BlankNode | None,
          base: str, root: str) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, dict):  # a SPARQL JSON binding
        if term["type"] == "uri":
            value = term["value"]
            return Cell(value[len(base):] if value.startswith(base) else curie(value),
                        local_href(value, base, root))
        return Cell(term["value"])
    if isinstance(term, ox.NamedNode):
        value = term.value
        return Cell(value[len(base):] if value.startswith(base) else curie(value),
                    local_href(value, base, root))
    return Cell(term.value)


def run(store: Any, query: str, base: str, root: str) -> Answer:
    sink = io.BytesIO()

    def choose(kind: QueryKind) -> Any:
        return ox.RdfFormat.N_TRIPLES if kind == QueryKind.GRAPH else ox.QueryResultsFormat.JSON

    try:
        kind, _ = store.query_into(query, sink, choose)
    except QuerySyntaxError as error:
        return Answer(error=f"SPARQL syntax error: {error}")
    data = sink.getvalue()
    answer = Answer()
    if kind == QueryKind.GRAPH:
        answer.columns = ["subject", "predicate", "object"]
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            if len(answer.rows) >= MAX_ROWS:
                answer.truncated = True
                break
            answer.rows.append([_cell(t.subject, base, root),  # type: ignore[arg-type]
                                _cell(t.predicate, base, root), _cell(t.object, base, root)])
        return answer
    parsed = json.loads(data)
    if "boolean" in parsed:
        answer.boolean = bool(parsed["boolean"])
        return answer
    answer.columns = parsed["head"].get("vars", [])
    bindings = parsed["results"]["bindings"]
    answer.truncated = len(bindings) > MAX_ROWS
    answer.rows = [[_cell(b.get(c), base, root) for c in answer.columns]
                   for b in bindings[:MAX_ROWS]]
    return answer


@router.get("/query", summary="Query page", include_in_schema=False)
async def query_page(request: Request, query: str | None = Query(None, max_length=MAX_QUERY),
                     example: str | None = None) -> Response:
    examples = named_queries()
    chosen = examples.get(example) if example else None
    text = query if query is not None else (chosen.text if chosen else DEFAULT_QUERY)
    answer = None
    status = 200
    if query is not None and query.strip():
        if _SERVICE.search(query):
            answer, status = Answer(error="SERVICE (federated query) is not allowed here."), 400
        else:
            answer = await request.app.state.runner.call(
                run, request.app.state.store, query, request.app.state.settings.base,
                root_of(request))
            status = 400 if answer.error else 200
    body = render(request, "query.html", {
        "text": text, "examples": list(examples.values()), "chosen": chosen, "answer": answer})
    response = represent(request, body, "text/html")
    response.status_code = status if response.status_code == 200 else response.status_code
    return response
