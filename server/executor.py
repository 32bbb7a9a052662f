"""How the endpoint executes a SPARQL query: in worker processes over checkpoints of an on-disk
store (a hard time budget, see `workers`), or in the runner's threads over an in-memory store
(a soft budget: the client gets its 503 on time, but the thread runs on to the end, since
pyoxigraph cannot cancel a query)."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO, Protocol

from cepa_kg.server.execution import QueryJob, execute_into
from cepa_kg.server.runner import Runner, Stream
from cepa_kg.server.workers import WorkerPool, default_worker_count
from cepa_kg.settings import Settings
from cepa_kg.store import GraphStore, OxigraphStore


class QueryExecutor(Protocol):
    async def execute(self, job: QueryJob) -> Stream:
        """The answer's head (its media type) once known, and its body as it streams."""
        ...

    async def close(self) -> None: ...


class ThreadExecutor:
    """Queries in the runner's threads, on the store itself."""

    def __init__(self, store: GraphStore, runner: Runner) -> None:
        self._store, self._runner = store, runner

    async def execute(self, job: QueryJob) -> Stream:
        def work(sink: BinaryIO, announce: Callable[[str], None]) -> None:
            execute_into(self._store, job, sink, announce)

        return await self._runner.stream(work)

    async def close(self) -> None:
        return None


async def start_executor(settings: Settings, store: GraphStore, runner: Runner) -> QueryExecutor:
    """Worker processes for an on-disk Oxigraph store (unless CEPA_KG_QUERY_WORKERS is -1),
    else threads."""
    if isinstance(store, OxigraphStore) and store.path is not None and settings.query_workers >= 0:
        pool = WorkerPool(store, size=settings.query_workers or default_worker_count(),
                          timeout_s=settings.query_timeout_s,
                          queued=settings.max_queued_queries)
        await pool.start()
        return pool
    return ThreadExecutor(store, runner)

