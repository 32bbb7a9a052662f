"""A pool of query worker processes with a hard time budget per query.

Each worker (`query_worker`) serves the newest read-only checkpoint of the on-disk store and
talks to this process over a socket pair. A query takes the most recently idle worker (waiting
at most its budget, and refused at once with 503 when all workers are busy and the wait queue
is full), gets its head, then streams the worker's chunks to the client. A timer armed at dispatch
kills the worker (SIGKILL) when the query overruns: the client gets 503 if nothing was sent
yet, else the stream is cut; a replacement worker starts at once. When the client goes away,
the worker is told to stop and lives on.

The worker's chunks are read as fast as it writes them, up to `STREAM_BUFFER` bytes per answer
(and `POOL_BUFFER` for all), so a worker whose answer fits is free for the next query as soon
as it has written it, whatever the client's pace; past those limits the worker waits for its
client (socket back-pressure), so a million-row answer still streams in flat memory.
"""

from __future__ import annotations

import asyncio
import glob
import json
import logging
import os
import pickle
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cepa_kg.server import frames
from cepa_kg.server.checkpoints import Checkpoints
from cepa_kg.server.execution import NotAcceptableError, QueryJob
from cepa_kg.server.lanes import Lanes, Slot
from cepa_kg.server.runner import BusyError, QueryEvents, QueryTimeoutError, Stream, single_chunk
from cepa_kg.sort_guard import with_total_order
from cepa_kg.sparql_limits import SparqlLimitError
from cepa_kg.store import OxigraphStore, QuerySyntaxError

log = logging.getLogger("cepa_kg.server")
READ_LIMIT = 256 * 1024
#: What one answer may hold in this process while its client reads slower than its worker
#: writes (nginx's proxy buffering): an answer this size frees its worker when it is written.
STREAM_BUFFER = 4 * 1024 * 1024
#: What all answers together may hold; past it, workers wait for their clients again.
POOL_BUFFER = 64 * 1024 * 1024
START_TIMEOUT_S = 60.0
#: How long a job whose client went away may take to stop at its next write before its
#: worker is killed (a query computing without writing never looks for the STOP).
ABANDON_GRACE_S = 1.0


class WorkerFailedError(Exception):
    """A worker died or failed on a query for a reason of ours (answered 500)."""


class WorkerDiedError(WorkerFailedError):
    """The worker process ended during the job (a crash: it was not killed at its budget)."""


class StreamCutError(Exception):
    """The stream was cut after its head was sent (overrun or worker failure)."""


def default_worker_count() -> int:
    return 2 * (os.cpu_count() or 1)


#: Where distributions put jemalloc (Debian and Ubuntu per architecture, Fedora, source builds).
_JEMALLOC_GLOBS = ("/usr/lib/*-linux-gnu/libjemalloc.so.2", "/usr/lib64/libjemalloc.so.2",
                   "/usr/lib/libjemalloc.so.2", "/usr/local/lib/libjemalloc.so.2")


def worker_preload(allocator: str) -> str | None:
    """The library to preload into query workers for `allocator` ("auto", "system" or a path):
    pyoxigraph allocates heavily in joins, and jemalloc makes a 10,000-row join ~25% cheaper
    than glibc's malloc (bench/RESULTS.md). None: the C library's malloc."""
    if allocator == "system":
        return None
    if allocator != "auto":
        if not Path(allocator).is_file():
            raise ValueError(f"query_worker_allocator: no library at {allocator!r} "
                             "(use \"auto\", \"system\" or the path of a library)")
        return allocator
    found = sorted(p for pattern in _JEMALLOC_GLOBS for p in glob.glob(pattern))
    return found[0] if found else None


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    checkpoint: Path | None = None
    overran: bool = False
    timer: asyncio.TimerHandle | None = field(default=None, repr=False)
    #: The job's place among the expensive queries (see `lanes`), once it has one.
    slot: Slot | None = None
    promotion: asyncio.TimerHandle | None = field(default=None, repr=False)
    #: Why the job was stopped when it could not go on as an expensive query.
    refused: Exception | None = None
    abandoned: bool = False  # killed because its client went away and it did not stop
    #: A frame read that its reader's cancellation left running (see `_read`).
    reading: asyncio.Future[tuple[bytes, bytes]] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid


def _error_of(payload: bytes) -> Exception:
    error = json.loads(payload)
    if error["kind"] == "syntax":
        return QuerySyntaxError(error["message"])
    if error["kind"] == "limit":
        return SparqlLimitError(error["message"])
    if error["kind"] == "not_acceptable":
        return NotAcceptableError(error["offers"])
    return WorkerFailedError(f"the query failed in its worker: {error['message']}")


class WorkerPool:
    """Worker processes executing queries on checkpoints of `store` (on disk)."""

    def __init__(self, store: OxigraphStore, *, size: int, timeout_s: float,
                 queued: int, preload: str | None = None,
                 events: QueryEvents | None = None, lanes: Lanes | None = None) -> None:
        self.events = events  # budget stops and worker restarts are reported to it
        self.lanes = lanes  # None: no limit on expensive queries (every worker takes any)
        self.checkpoints = Checkpoints(store)
        self.size = size
        self.timeout_s = timeout_s
        self._queued = queued
        self._waiting = 0
        # Most recently used first: its caches (CPU, RocksDB's) are warm, ~4% less CPU per
        # query than taking the longest idle; `_idle_now` mirrors it for `_release_stale`.
        self._idle: asyncio.Queue[_Worker] = asyncio.LifoQueue()
        self._idle_now: set[_Worker] = set()
        self._newest_seen: Path | None = None
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False
        self._buffer = ByteBudget(POOL_BUFFER)
        self._env = _worker_environment(preload)

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and benchmarks)."""
        return [w.pid for w in self._workers]

    async def start(self) -> None:
        await self.checkpoints.start()
        await asyncio.gather(*(self._add_worker() for _ in range(self.size)))

    async def close(self) -> None:
        self._closing = True
        for worker in list(self._workers):
            worker.writer.close()
            worker.process.kill()
        for worker in list(self._workers):
            await asyncio.to_thread(worker.process.wait)
        for task in list(self._tasks):
            task.cancel()
        await self.checkpoints.close()

    # -- workers -------------------------------------------------------------------------

    async def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        try:
            process = await asyncio.to_thread(
                subprocess.Popen,
                [sys.executable, "-m", "cepa_kg.server.query_worker", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=self._env)
        finally:
            theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours, limit=READ_LIMIT)
        worker = _Worker(process, reader, writer)
        try:
            tag, _ = await asyncio.wait_for(frames.read_frame(reader), START_TIMEOUT_S)
            if tag != frames.READY:
                raise WorkerFailedError(f"worker {process.pid} said {tag!r} on start")
        except BaseException:
            process.kill()
            writer.close()
            raise
        return worker

    async def _add_worker(self) -> None:
        worker = await self._spawn()
        if self._closing:
            worker.process.kill()
            return
        self._workers.add(worker)
        self._put_idle(worker)

    def _background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self, worker: _Worker) -> None:
        """Reap a dead (or killed) worker and start another."""
        self._end_job(worker)
        worker.process.kill()
        worker.writer.close()
        self._workers.discard(worker)
        self._idle_now.discard(worker)
        await asyncio.to_thread(worker.process.wait)
        await self.checkpoints.switch(worker.checkpoint, None)
        if self._closing:
            return
        try:
            await self._add_worker()
        except Exception:
            log.exception("could not start a replacement query worker")
            return
        if self.events is not None:
            reason = ("overrun" if worker.overran else "expensive" if worker.refused
                      else "abandoned" if worker.abandoned else "died")
            self.events.worker_replaced(reason)

    def _end_job(self, worker: _Worker) -> None:
        """The job is over (or its worker is): its timers off, its long-lane place free."""
        for timer in (worker.timer, worker.promotion):
            if timer is not None:
                timer.cancel()
        worker.timer = worker.promotion = None
        if worker.slot is not None and self.lanes is not None:
            self.lanes.give(worker.slot)
        worker.slot = None

    def _release(self, worker: _Worker) -> None:
        self._end_job(worker)
        if self._closing:
            return
        if self._gone(worker):  # killed in the instant its job ended: never reused
            self._background(self._replace(worker))
            return
        self._put_idle(worker)

    @staticmethod
    def _gone(worker: _Worker) -> bool:
        """Whether the worker was killed (by the pool: overrun, refused, abandoned) or its
        process ended (from outside: the OOM killer)."""
        return (worker.overran or worker.refused is not None or worker.abandoned
                or worker.process.poll() is not None)

    def _put_idle(self, worker: _Worker) -> None:
        self._idle_now.add(worker)
        self._idle.put_nowait(worker)

    async def _release_stale(self, newest: Path) -> None:
        """Idle workers close an older checkpoint now, not at their next job (the most
        recently used worker being taken first, the others may idle for long), so that its
        files, which a compaction has replaced, can be deleted."""
        for worker in [w for w in self._idle_now if w.checkpoint not in (None, newest)]:
            worker.writer.write(frames.frame(frames.RELEASE))
            old, worker.checkpoint = worker.checkpoint, None
            await self.checkpoints.switch(old, None)

    def _overrun(self, worker: _Worker) -> None:
        log.warning("query overran its budget of %g s: killing worker %d",
                    self.timeout_s, worker.pid)
        worker.overran = True
        worker.process.kill()
        if self.events is not None:
            self.events.stopped_at_budget("worker")

    def _promote(self, worker: _Worker, query: str, client: str | None) -> None:
        """The job has run `lanes.short_s`: it goes on as an expensive query, or is stopped
        (its worker killed) when the long lane or its client's share is full."""
        assert self.lanes is not None
        worker.promotion = None
        self.lanes.remember(query)
        try:
            worker.slot = self.lanes.take(client)
        except BusyError as error:
            log.warning("stopping a query past %g s: %s", self.lanes.short_s, error)
            self.lanes.stopped(client, getattr(error, "retry_after", 1))
            worker.refused = error
            worker.process.kill()

    def _abandoned(self, worker: _Worker) -> None:
        log.info("killing worker %d: its client went away and the job did not stop",
                 worker.pid)
        worker.abandoned = True
        worker.process.kill()

    @staticmethod
    async def _read(worker: _Worker) -> tuple[bytes, bytes]:
        """The worker's next frame. A frame is read in two steps (header, payload): if the
        reader is cancelled between them (its client went away), the read goes on to the end
        of the frame in `worker.reading`, for `_abandon`, so that the next read starts at a
        frame's start and not inside a payload."""
        read = asyncio.ensure_future(frames.read_frame(worker.reader))
        worker.reading = read
        frame = await asyncio.shield(read)
        worker.reading = None
        return frame

    async def _abandon(self, worker: _Worker) -> None:
        """The client went away mid-job: tell the worker to stop, drain it, reuse it. A
        worker that has not stopped within `ABANDON_GRACE_S` (busy computing) is killed."""
        terminal = (frames.END, frames.ERROR, frames.COMPLETE)
        # Told to stop, the job ends at its next write; one computing without writing (a
        # sort, a count) is killed after a grace: abandoned work never runs to its budget.
        if worker.promotion is not None:
            worker.promotion.cancel()
            worker.promotion = None
        if worker.slot is not None and self.lanes is not None:
            self.lanes.give(worker.slot)  # a stopping job is no longer an expensive one
            worker.slot = None
        if worker.timer is not None:
            worker.timer.cancel()
        worker.timer = asyncio.get_running_loop().call_later(
            ABANDON_GRACE_S, self._abandoned, worker)
        try:
            if worker.reading is not None:  # a frame was being read when the client went
                tag, _ = await worker.reading
                worker.reading = None
                if tag in terminal:  # the job had ended: nothing to stop
                    self._release(worker)
                    return
            worker.writer.write(frames.frame(frames.STOP))
            while True:
                tag, _ = await frames.read_frame(worker.reader)
                if tag in terminal:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            await self._replace(worker)
            return
        self._release(worker)

    # -- queries -------------------------------------------------------------------------

    async def _acquire(self) -> _Worker:
        """An idle, live worker (one that died while idle is replaced, not handed the job)."""
        while True:
            worker = await self._acquire_idle()
            if worker.process.poll() is None:
                return worker
            log.warning("query worker %d died while idle: replacing it", worker.pid)
            self._background(self._replace(worker))

    async def _acquire_idle(self) -> _Worker:
        if not self._idle.empty() and not self._waiting:  # no timer, no task: the usual case
            worker = self._idle.get_nowait()
            self._idle_now.discard(worker)
            return worker
        if self._waiting >= self._queued:
            raise BusyError("all query workers are busy and the queue is full; try again shortly")
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout_s)
            self._idle_now.discard(worker)
            return worker
        except TimeoutError:
            raise BusyError(
                f"no query worker became free within {self.timeout_s:g} s; try again") from None
        finally:
            self._waiting -= 1

    async def execute(self, job: QueryJob, client: str | None = None) -> Stream:
        """Run `job` (for `client`, an address) in a worker: the head (media type) now, the
        body as it streams. Raises QuerySyntaxError, NotAcceptableError, BusyError (also
        when the query is expensive and may not run now, see `lanes`), QueryTimeoutError or
        WorkerFailedError before anything is sent. A query with ORDER BY whose worker died
        runs once more with total-order keys (`sort_guard`): pyoxigraph aborts on a sort over
        values of mixed kinds."""
        try:
            return await self._execute_once(job, client)
        except WorkerDiedError:
            guarded = job.query if job.update else with_total_order(job.query)
            if guarded == job.query:
                raise
            log.warning("a query worker died on a query with ORDER BY: running it again "
                        "with total-order keys")
            return await self._execute_once(replace(job, query=guarded), client)

    async def _execute_once(self, job: QueryJob, client: str | None = None) -> Stream:
        lanes = None if job.update else self.lanes
        slot = None
        if lanes and (lanes.known_heavy(job.query) or lanes.told_to_wait(client)):
            slot = await lanes.take_soon(client)
        try:
            worker = await self._acquire()
        except BaseException:
            if slot is not None and lanes is not None:
                lanes.give(slot)
            raise
        worker.slot, worker.refused = slot, None
        try:
            checkpoint = await self.checkpoints.newest()
            await self.checkpoints.switch(worker.checkpoint, checkpoint)
            worker.checkpoint = checkpoint
            if checkpoint != self._newest_seen:
                self._newest_seen = checkpoint
                await self._release_stale(checkpoint)
        except BaseException:
            self._release(worker)
            raise
        try:
            worker.writer.write(frames.frame(frames.JOB, pickle.dumps((job, str(checkpoint)))))
            worker.overran = False
            loop = asyncio.get_running_loop()
            worker.timer = loop.call_later(self.timeout_s, self._overrun, worker)
            if lanes is not None and slot is None:
                worker.promotion = loop.call_later(lanes.short_s, self._promote, worker,
                                                   job.query, client)
            tag, payload = await self._read(worker)
        except (asyncio.IncompleteReadError, ConnectionError):  # ended: EOF, or a reset pipe
            worker.reading = None
            self._background(self._replace(worker))
            if worker.refused is not None:
                raise worker.refused from None
            if worker.overran:
                raise QueryTimeoutError(
                    f"the query ran past its budget of {self.timeout_s:g} s and was stopped"
                ) from None
            raise WorkerDiedError("the query worker died") from None
        except BaseException:
            self._background(self._abandon(worker))
            raise
        if tag == frames.ERROR:
            self._release(worker)
            raise _error_of(payload)
        if tag == frames.COMPLETE:  # a small answer, whole: sent with its length
            self._release(worker)
            media_type, body = frames.split_complete(payload)
            return Stream(media_type, single_chunk(body), via="worker", complete=body)
        if tag != frames.HEAD:
            self._background(self._replace(worker))
            raise WorkerFailedError(f"the query worker sent {tag!r} before its head")
        return Stream(payload.decode(), self._body(worker), via="worker")

    async def _body(self, worker: _Worker) -> AsyncIterator[bytes]:
        """The worker's chunks, read off its socket as fast as it writes them (within the
        byte limits), so that it is free for the next query as soon as its answer is written,
        however slowly the client reads. A client that goes away stops the worker."""
        chunks: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue()
        held = _Held(self._buffer)
        pump = asyncio.ensure_future(self._pump(worker, chunks, held))
        try:
            while True:
                item = await chunks.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                held.give(len(item))
                yield item
        finally:
            pump.cancel()  # a pump still running stops its worker (see `_pump`)
            held.give_all()

    async def _pump(self, worker: _Worker, chunks: asyncio.Queue[bytes | BaseException | None],
                    held: _Held) -> None:
        """Move the worker's frames into `chunks` until END; a pump cancelled before (the
        client went away) tells the worker to stop."""
        done = False
        try:
            while True:
                try:
                    tag, payload = await self._read(worker)
                except (asyncio.IncompleteReadError, ConnectionError):
                    worker.reading = None
                    done = True
                    self._background(self._replace(worker))
                    reason = ("overran its budget" if worker.overran else
                              f"was stopped ({worker.refused})" if worker.refused else "died")
                    chunks.put_nowait(
                        StreamCutError(f"the query {reason}; the answer was cut"))
                    return
                if tag == frames.DATA:
                    await held.take(len(payload))
                    chunks.put_nowait(payload)
                    continue
                done = True
                self._release(worker)
                chunks.put_nowait(None if tag == frames.END else StreamCutError(
                    f"the query failed while streaming: {payload!r}"))
                return
        finally:
            if not done:
                self._background(self._abandon(worker))


def _worker_environment(preload: str | None) -> dict[str, str] | None:
    """This process's environment, with `preload` first in LD_PRELOAD (None: unchanged)."""
    if preload is None:
        return None
    env = dict(os.environ)
    env["LD_PRELOAD"] = " ".join(filter(None, (preload, env.get("LD_PRELOAD"))))
    return env


class ByteBudget:
    """Bytes that chunks waiting for their clients may hold: `take` waits while the budget is
    spent (a chunk larger than the whole budget still passes when nothing else is held).
    `give` does not wait, so it can run in a `finally` of an abandoned stream."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._freed = asyncio.Event()

    async def take(self, size: int) -> None:
        while self.used and self.used + size > self.limit:
            self._freed.clear()
            await self._freed.wait()
        self.used += size

    def give(self, size: int) -> None:
        self.used -= size
        self._freed.set()


class _Held:
    """One answer's share of the buffers: at most `STREAM_BUFFER` bytes of its own, and of
    the pool's `POOL_BUFFER` together with every other answer."""

    def __init__(self, pool: ByteBudget) -> None:
        self._own = ByteBudget(STREAM_BUFFER)
        self._pool = pool

    async def take(self, size: int) -> None:
        await self._own.take(size)
        try:
            await self._pool.take(size)
        except BaseException:
            self._own.give(size)
            raise

    def give(self, size: int) -> None:
        self._pool.give(size)
        self._own.give(size)

    def give_all(self) -> None:
        if self._own.used:
            self.give(self._own.used)
