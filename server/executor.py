"""How the endpoint executes a SPARQL query: in worker processes over checkpoints of an on-disk
store (a hard time budget, see `workers`), or in the runner's threads over an in-memory store
(or when the disk has no room for the workers' checkpoint).

(A fast path once took bounded streaming queries, point lookups and entity descriptions, to
the server's threads over an on-disk store, to save the hop to a worker. Side by side on the
same store it cost 37-45% of the light-query rate at 2 and at 16 connections, at 10^5 and 10^6
triples: the workers run on every core, the threads share the server's, with its event loop;
bench/bench_optimisations.py. It went.)

Over an in-memory store every query runs in the runner's threads: the budget stops any query
that streams, but one that computes without writing (a sort, an aggregate) runs on to its end
after its client got the 503, since pyoxigraph cannot cancel a query."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import BinaryIO, Protocol, cast

from cepa_kg.server.execution import QueryJob, execute_into
from cepa_kg.server.lanes import Lanes, lane_sizes
from cepa_kg.server.runner import Runner, Stream
from cepa_kg.server.workers import (
    WorkerDiedError,
    WorkerPool,
    default_worker_count,
    worker_preload,
)
from cepa_kg.settings import Settings
from cepa_kg.store import GraphStore, OxigraphStore, StorageFullError

log = logging.getLogger("cepa_kg.server")


class UpdateCrashedParserError(Exception):
    """An update crashed the parser of the worker that parsed it (answered 400)."""

    client_error = True


class QueryExecutor(Protocol):
    async def execute(self, job: QueryJob, client: str | None = None) -> Stream:
        """The answer's head (its media type) once known, and its body as it streams;
        `client` (an address) for the limit on expensive queries per client."""
        ...

    def renew_checkpoint(self) -> None:
        """The store was compacted: queries from now on should read a fresh copy of it."""
        ...

    async def parse_update(self, text: str, base: str | None) -> None:
        """Parse `text` where a parser crash cannot take the server down, or do nothing
        where there is no such place (raises QuerySyntaxError, UpdateCrashedParserError)."""
        ...

    async def close(self) -> None: ...


class ThreadExecutor:
    """Queries in the runner's threads, on the store itself. Never on the event loop, not
    even a point lookup (~60 us in pyoxigraph against ~175 us for the hop to a thread and
    back): the loop must stay free for every other request whatever the store does."""

    def __init__(self, store: GraphStore, runner: Runner) -> None:
        self._store, self._runner = store, runner

    async def in_thread(self, job: QueryJob) -> Stream:
        def work(sink: BinaryIO, announce: Callable[[str], None]) -> None:
            execute_into(self._store, job, sink, announce)

        return await self._runner.stream(work)

    async def execute(self, job: QueryJob, client: str | None = None) -> Stream:
        return await self.in_thread(job)

    def renew_checkpoint(self) -> None:
        return None  # the threads read the store itself

    async def parse_update(self, text: str, base: str | None) -> None:
        return None  # no worker processes (an in-memory store): the update's own run parses

    async def close(self) -> None:
        return None


class PoolExecutor:
    """Every query in the worker pool; in the runner's threads only when the disk has no room
    for a checkpoint of the latest writes."""

    def __init__(self, threads: ThreadExecutor, pool: WorkerPool) -> None:
        self.threads, self.pool = threads, pool

    async def execute(self, job: QueryJob, client: str | None = None) -> Stream:
        try:
            return await self.pool.execute(job, client)
        except StorageFullError:  # no room for a checkpoint of the latest writes
            return await self.threads.in_thread(job)

    def renew_checkpoint(self) -> None:
        self.pool.checkpoints.renew()

    async def parse_update(self, text: str, base: str | None) -> None:
        """Raises StorageFullError (507) when the disk has no room for the workers' copy of
        the store: it has none for the update either."""
        try:
            await self.pool.execute(QueryJob(text, None, update=True, base=base))
        except WorkerDiedError:
            raise UpdateCrashedParserError(
                "the update made the SPARQL parser fail (in a worker process, which was "
                "replaced); nothing was written") from None

    @property
    def pids(self) -> list[int]:
        return self.pool.pids

    async def close(self) -> None:
        await self.pool.close()


async def start_executor(settings: Settings, store: GraphStore, runner: Runner) -> QueryExecutor:
    """Worker processes for an on-disk Oxigraph store (unless CEPA_KG_QUERY_WORKERS is -1);
    else threads."""
    threads = ThreadExecutor(store, runner)
    if store.path is not None and settings.query_workers >= 0:
        size = settings.query_workers or default_worker_count()
        slots, per_client = lane_sizes(size, settings.expensive_query_workers,
                                       settings.expensive_queries_per_client)
        lanes = Lanes(long_slots=slots, per_client=per_client,
                      short_s=settings.short_query_s, budget_s=settings.query_timeout_s)
        # a store with a folder (`path`) is the embedded one, whose checkpoints workers read
        pool = WorkerPool(cast(OxigraphStore, store), size=size,
                          timeout_s=settings.query_timeout_s,
                          queued=settings.max_queued_queries,
                          preload=worker_preload(settings.query_worker_allocator),
                          events=runner.events, lanes=lanes)
        try:
            await pool.start()
        except StorageFullError as error:  # no room for the workers' first checkpoint
            log.warning("query workers not started (%s): queries run in the server's "
                        "threads", error)
            await pool.close()
            return threads
        return PoolExecutor(threads, pool)
    return threads

