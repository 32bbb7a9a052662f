"""SPARQL 1.1 Update (`/sparql` and `/update`) and the checked write path shared with the Graph
Store Protocol: every write is staged, validated against the shapes and committed in one
transaction, or refused (422 with the SHACL report) leaving the store as it was."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from cepa_kg import sparql_limits
from cepa_kg.server.auth import require_token
from cepa_kg.server.errors import HttpError
from cepa_kg.server.executor import UpdateCrashedParserError
from cepa_kg.server.protocol import Operation, checked_iri, read_operation
from cepa_kg.server.query_guard import check_network_access
from cepa_kg.server.runner import QueryTimeoutError
from cepa_kg.server.shapes_process import IN_THREAD_LIMIT, CheckAbandonedError, check_in_child
from cepa_kg.server.sparql_text import DatasetConflictError, mentions, with_using
from cepa_kg.server.state import app_state
from cepa_kg.storage_full import full_reason
from cepa_kg.store import ChangeAbandonedError, CommitGate, StagedChange, StorageFullError
from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

router = APIRouter()


def shapes_check(base: str, gate: CommitGate | None = None,
                 validator: str = "compiled") -> Callable[[StagedChange], None]:
    """A check for `change_checked`: the changed graphs, with the reference data beside
    them, must conform to the shapes. The compiled shapes decide; pySHACL is imported only to
    explain a refusal (see `cepa_kg.validation`). A large change is checked in a child
    process (`shapes_process`), killed if `gate` is abandoned meanwhile."""

    def check(change: StagedChange) -> None:
        from cepa_kg.validation import validate_graph
        from rdflib import Graph

        parts = [change.ntriples(name) for name, triples in change.graphs.items() if triples]
        if sum(map(len, parts)) > IN_THREAD_LIMIT:
            try:
                report = check_in_child(b"".join(parts), base, validator=validator,
                                        abandoned=lambda: gate is not None and gate.abandoned)
            except CheckAbandonedError:
                raise ChangeAbandonedError("the change ran past its time budget; nothing "
                                           "was written") from None
            except OSError as error:  # no room for the check's temporary files
                if (reason := full_reason(error)) is None:
                    raise
                raise StorageFullError(Path(tempfile.gettempdir()), reason) from error
        else:
            graph = Graph()
            for part in parts:
                graph.parse(data=part, format="nt")
            if not len(graph):
                return
            report = validate_graph(graph, base=base, validator=validator)
        if not report.conforms:
            raise HttpError(422, "the change would leave the data invalid against the shapes; "
                                 "nothing was written.\n" + report.text(),
                            extra={"violations": [v.__dict__ for v in report.violations]})

    return check


async def apply_checked(request: Request, mutate: Callable[[ox.Store], None]) -> StagedChange:
    """Run `mutate` on a staging copy in a worker thread, validate, commit (or raise).

    Past the time budget the client gets 503 and the change is abandoned: the thread may run
    on (pyoxigraph cannot be interrupted) but it will not commit, so a 503 means nothing was
    written. If the commit had already begun, the answer waits for it and reports success."""
    store = app_state(request).store
    gate = CommitGate()
    settings = app_state(request).settings
    check = shapes_check(settings.base, gate, settings.validator)
    work = partial(store.change_checked, mutate, check=check, gate=gate)
    outcome = "failed"
    try:
        change: StagedChange = await app_state(request).runner.call(work)
        outcome = "committed"
        return change
    except QueryTimeoutError:
        if gate.abandon():
            outcome = "abandoned"
            raise HttpError(503, "the update ran past its time budget and was abandoned; "
                                 "nothing was written", headers={"Retry-After": "1"}) from None
        await asyncio.to_thread(gate.finished.wait)
        if isinstance(gate.error, StorageFullError):
            outcome = "storage_full"
            raise gate.error from None
        if gate.change is None:  # the commit itself failed
            raise HttpError(500, "the update could not be committed") from None
        outcome = "committed"
        return gate.change
    except HttpError as error:
        outcome = "refused" if error.status == 422 else outcome
        raise
    except StorageFullError:  # answered 507: nothing was written
        outcome = "storage_full"
        raise
    finally:
        if (metrics := getattr(app_state(request), "metrics", None)) is not None:
            metrics.writes.labels(outcome).inc()
        # compact once writes pause (nothing happens if nothing was written)
        if (compactor := getattr(app_state(request), "compactor", None)) is not None:
            compactor.written()


def endpoint_iri(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


async def run_update(request: Request, operation: Operation) -> Response:
    """Authorise, guard, apply and answer one update request."""
    require_token(request)
    settings = app_state(request).settings
    text = operation.update or ""
    sparql_limits.check(text, what="update")  # before any parser reads it
    base = endpoint_iri(request)
    check_network_access(text, update=True, allowed_hosts=settings.federation_allowed_hosts,
                         base=base)
    using = [checked_iri(v, "using-graph-uri") for v in operation.values("using-graph-uri")]
    named = [checked_iri(v, "using-named-graph-uri")
             for v in operation.values("using-named-graph-uri")]
    try:
        text = with_using(text, using, named)
    except DatasetConflictError as error:
        raise HttpError(400, str(error)) from None
    # Parsed first in a worker process, where a parser crash costs the worker only; an
    # update that LOADs (from an allowed host) is not, or its source would be fetched twice.
    if not mentions(text, {"LOAD"}):
        try:
            await app_state(request).executor.parse_update(text, base)
        except UpdateCrashedParserError as error:
            raise HttpError(400, str(error)) from None

    def mutate(staging: ox.Store) -> None:
        try:
            staging.update(text, base_iri=base)
        except OSError as error:  # LOAD of an allowed host that failed
            raise HttpError(502, f"the update could not fetch its source: {error}") from None
        except RuntimeError as error:  # evaluation: e.g. CLEAR GRAPH of an absent graph
            raise HttpError(400, f"the update failed: {error}; nothing was written") from None

    change = await apply_checked(request, mutate)
    return PlainTextResponse(f"update applied: {len(change.graphs)} graph(s) changed\n")


# Its answers, parameters and body: `openapi_responses.OPERATIONS`.
@router.api_route("/update", methods=["POST", "OPTIONS"], summary="SPARQL 1.1 Update")
async def update_endpoint(request: Request) -> Response:
    """SPARQL Update by form (`update=`) or direct POST (`application/sparql-update`); needs
    the operator's bearer token."""
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": "POST, OPTIONS"})
    require_token(request)
    operation = await read_operation(request)
    if operation.query is not None:
        raise HttpError(400, "/update takes SPARQL updates; send queries to /sparql")
    if operation.update is None:
        raise HttpError(400, "give the update parameter (or POST application/sparql-update)")
    return await run_update(request, operation)
