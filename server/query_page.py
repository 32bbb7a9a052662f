"""The query page for people (`/query`): an editor, the example queries of `queries/`, and
the answer as a table. Machines use `/sparql`.

The query runs as `/sparql` runs it (`app.state.executor`: a worker process over an on-disk
store, with the same limits and time budget), so a query that would crash or outrun the engine
costs a worker, never the server. The page reads back the first MAX_ROWS rows of the
serialized answer (TSV, or N-Triples for graphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from cepa_kg import sparql_limits
from cepa_kg.named_queries import named_queries
from cepa_kg.server.conneg import represent
from cepa_kg.server.errors import HttpError
from cepa_kg.server.execution import QueryJob
from cepa_kg.server.query_guard import check_network_access
from cepa_kg.server.runner import BusyError, QueryTimeoutError, Stream
from cepa_kg.server.site import render, root_of
from cepa_kg.server.state import app_state
from cepa_kg.server.views import curie, local_href
from cepa_kg.sparql_limits import SparqlLimitError
from cepa_kg.store import QuerySyntaxError
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

router = APIRouter()

MAX_ROWS = 500
MAX_QUERY = 20_000

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


def _cell(term: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple | None,
          base: str, root: str) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        value = term.value
        return Cell(value[len(base):] if value.startswith(base) else curie(value),
                    local_href(value, base, root))
    return Cell(str(term) if isinstance(term, ox.Triple) else term.value)


#: TSV for solutions and booleans, N-Triples for graphs: one row per line, so the page reads
#: only the rows it shows and lets the rest go (the worker is told to stop).
PAGE_ACCEPT = "text/tab-separated-values, application/n-triples;q=0.9"


async def _first_lines(stream: Stream, count: int) -> tuple[bytes, bool]:
    """Up to `count` complete lines of the answer, and whether it had more."""
    if stream.complete is not None:
        data = stream.complete
    else:
        data = b""
        body = stream.body
        try:
            async for chunk in body:
                data += chunk
                if data.count(b"\n") > count:
                    break
        finally:
            await body.aclose()  # type: ignore[attr-defined]
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    elif stream.complete is None and lines:
        lines.pop()  # a line cut by the chunk boundary
    return b"".join(line + b"\n" for line in lines[:count]), len(lines) > count


async def run(request: Request, query: str, base: str, root: str) -> Answer:
    """The answer to `query`, run like any `/sparql` query (a worker process over an on-disk
    store, within the query budget), as the page shows it: at most MAX_ROWS rows."""
    try:
        client = request.client.host if request.client else None
        stream = await app_state(request).executor.execute(QueryJob(query, PAGE_ACCEPT), client)
        graph = stream.head == "application/n-triples"
        data, more = await _first_lines(stream, MAX_ROWS + (0 if graph else 1))
    except (QuerySyntaxError, SparqlLimitError) as error:
        prefix = "SPARQL syntax error: " if isinstance(error, QuerySyntaxError) else ""
        return Answer(error=prefix + str(error))
    answer = Answer(truncated=more)
    if graph:
        answer.columns = ["subject", "predicate", "object"]
        answer.rows = [[_cell(t.subject, base, root),
                        _cell(t.predicate, base, root), _cell(t.object, base, root)]
                       for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        return answer
    results = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    if isinstance(results, ox.QueryBoolean):
        answer.boolean = bool(results)
        return answer
    answer.columns = [v.value for v in results.variables]
    answer.rows = [[_cell(solution[c], base, root) for c in answer.columns]
                   for solution in results]
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
        settings = app_state(request).settings
        try:
            sparql_limits.check(query)  # before any parser reads it
            check_network_access(query, update=False,
                                 allowed_hosts=settings.federation_allowed_hosts)
            answer = await run(request, query, settings.base, root_of(request))
            status = 400 if answer.error else 200
        except (SparqlLimitError, HttpError) as error:
            answer, status = Answer(error=str(error)), 400
        except (BusyError, QueryTimeoutError) as error:
            answer, status = Answer(error=str(error)), getattr(error, "status", 503)
    body = render(request, "query.html", {
        "text": text, "examples": list(examples.values()), "chosen": chosen, "answer": answer})
    response = represent(request, body, "text/html")
    response.status_code = status if response.status_code == 200 else response.status_code
    return response
