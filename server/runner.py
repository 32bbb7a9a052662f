"""Run store work off the event loop, and stream what it writes to the HTTP response.

pyoxigraph results are bound to the thread that made them, so a query is executed, serialized
and dropped inside one worker thread; the bytes it writes cross to the event loop through a
queue holding at most IN_FLIGHT chunks (back-pressure: a slow client slows the serializer,
memory stays flat). When the client goes away, or the time budget is spent, the next write
raises inside the worker and the serialization stops.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol, TypeVar, cast

from cepa_kg.server.chunks import BudgetExceededError, ChunkWriter

log = logging.getLogger("cepa_kg.server")

T = TypeVar("T")
IN_FLIGHT = 16  # chunks (of up to 64 KB) between a worker thread and its HTTP response
#: Stack of the threads that run store calls. pyoxigraph's parser recurses on the thread's
#: stack, and a stack overflow kills the process; `sparql_limits` keeps a text within about
#: 3.7 MB of it, and this makes that margin the same on every system (a thread's default
#: stack is 8 MB on Debian, 2 MB where the stack limit is unlimited, 128 KB with musl).
#: Address space only: pages are used as the stack grows.
STACK_SIZE = 32 * 1024 * 1024


class BusyError(Exception):
    """Too many queries running at once."""


class QueryTimeoutError(Exception):
    """The query did not produce its answer within its time budget."""


class QueryEvents(Protocol):
    """What the runner and the worker pool report (`metrics.Metrics` counts it)."""

    def stopped_at_budget(self, where: str) -> None:
        """A query was stopped at its budget: in a "thread", a "worker", or a store "call"."""

    def worker_replaced(self, reason: str) -> None:
        """A query worker process was replaced: "overrun" (killed) or "died"."""


class _Aborted(Exception):
    """Raised inside the worker when the consumer has gone away."""


@dataclass
class Stream:
    head: Any  # what the work announced before writing (e.g. its media type)
    body: AsyncIterator[bytes]
    via: str = "thread"  # what answered: "thread" (a runner thread) or "worker" (a process)
    complete: bytes | None = None  # the whole body, when it was complete before the head left


class Runner:
    """A bounded pool of worker threads for store calls."""

    def __init__(self, *, workers: int, timeout_s: float, queued: int = 64,
                 events: QueryEvents | None = None) -> None:
        """`workers` threads run store calls; up to `queued` more wait for one; beyond that a
        call is refused at once (BusyError) rather than piling up. Queries stopped at their
        budget are reported to `events`."""
        # Threads are made lazily, at submit; the size is a process setting for threads made
        # after it (it never shrinks here: other threads may want as much).
        if threading.stack_size() < STACK_SIZE:
            threading.stack_size(STACK_SIZE)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cepa-store")
        self._slots = threading.BoundedSemaphore(workers + queued)
        self.timeout_s = timeout_s
        self.events = events

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _acquire(self) -> None:
        if not self._slots.acquire(blocking=False):
            raise BusyError("too many queries are running or waiting; try again shortly")

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` in a worker thread; its result must be plain Python data."""
        self._acquire()
        loop = asyncio.get_running_loop()

        def job() -> T:
            try:
                return fn(*args)
            finally:
                self._slots.release()

        future = loop.run_in_executor(self._pool, job)
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout_s)
        except TimeoutError as error:
            if self.events is not None:
                self.events.stopped_at_budget("call")
            raise QueryTimeoutError(
                f"the query ran past its budget of {self.timeout_s:g} s") from error

    async def stream(self, work: Callable[[BinaryIO, Callable[[Any], None]], None]) -> Stream:
        """Run `work(sink, announce)` in a worker thread. `work` calls `announce(head)` once,
        before writing, when it knows what it will write. The head is held back until the
        first chunk (64 KB) is ready: an answer that ends before that comes whole, in
        `Stream.complete` (answered with its length, no chunked stream). Errors raised before
        the first chunk are raised here (so the caller can answer 4xx or 503); after it, the
        stream is cut.

        The runner's budget (`timeout_s`) covers the whole answer, from this call to the last
        byte. In the thread, a write past the deadline raises (BudgetExceededError, which
        stops pyoxigraph's serializer where it stands), and a thread waiting for room because
        the client reads slowly gives up at the deadline too: the thread is free again on
        time whatever the client does. Here, the caller gets QueryTimeoutError (503) if the
        head did not come within the budget, and the body raises it (the stream is cut) if
        the last byte did not. Only work that computes without writing (a sort, an
        aggregate) outlives its budget in the thread: send such queries to worker processes.
        """
        self._acquire()
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + self.timeout_s
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        room = threading.Semaphore(IN_FLIGHT)  # data chunks handed over but not yet sent
        gone = threading.Event()
        overrun = f"the query ran past its budget of {self.timeout_s:g} s"

        def send(kind: str, value: Any) -> None:
            if gone.is_set():
                raise _Aborted()
            try:
                loop.call_soon_threadsafe(queue.put_nowait, (kind, value))
            except RuntimeError:  # the event loop is closed
                raise _Aborted() from None

        announced: list[Any] = []  # the head, held back until the first chunk or the end
        started = False  # whether the head went out

        def send_data(chunk: bytes) -> None:
            nonlocal started
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BudgetExceededError(overrun)
                if room.acquire(timeout=min(remaining, 0.25)):
                    break
                if gone.is_set():
                    raise _Aborted()
            if not started:
                send("head", announced[0] if announced else None)
                started = True
            send("data", chunk)

        def job() -> None:
            last: tuple[str, Any] | None = None  # sent once the thread is free (below)
            try:
                if gone.is_set():
                    return
                if time.monotonic() > deadline:
                    raise BudgetExceededError(overrun)
                writer = ChunkWriter(send_data, deadline=deadline)
                work(cast(BinaryIO, writer), announced.append)
                if started:
                    writer.flush_chunk()
                    last = ("end", None)
                else:  # a small answer, whole: one message, answered with its length
                    last = ("complete", (announced[0] if announced else None, writer.take()))
            except _Aborted:
                pass
            except BaseException as error:  # handed to the event loop
                failure: BaseException = error
                if isinstance(error, BudgetExceededError) or time.monotonic() > deadline:
                    log.warning("query stopped at its budget of %g s", self.timeout_s)
                    if self.events is not None:
                        self.events.stopped_at_budget("thread")
                    failure = QueryTimeoutError(overrun + " and was stopped")
                elif not getattr(error, "client_error", False):
                    log.error("store work failed", exc_info=error)
                error.__traceback__ = None  # no frames (and no store results) cross threads
                last = ("error", failure)
            finally:
                # The slot first: whoever reads the last message and asks again finds the
                # thread free.
                self._slots.release()
                message = last if last is not None and not gone.is_set() else None
                if message is not None:
                    try:
                        loop.call_soon_threadsafe(queue.put_nowait, message)
                    except RuntimeError:  # the event loop is closed
                        pass

        # One timer for the whole stream (cheaper than a wait_for per message): past the
        # deadline, a waiting reader gets the timeout.
        timer = loop.call_later(max(deadline - time.monotonic(), 0), queue.put_nowait,
                                ("timeout", None))

        async def next_message() -> tuple[str, Any]:
            kind, value = queue.get_nowait() if not queue.empty() else await queue.get()
            if kind == "timeout":
                raise QueryTimeoutError(overrun)
            return kind, value

        try:
            self._pool.submit(job)
        except RuntimeError:  # shut down
            timer.cancel()
            self._slots.release()
            raise
        try:
            kind, value = await next_message()
        except BaseException:
            gone.set()
            timer.cancel()
            raise
        if kind == "error":
            gone.set()
            timer.cancel()
            raise value
        if kind == "complete":
            timer.cancel()
            head, whole = value
            return Stream(head, single_chunk(whole), complete=whole)

        async def body() -> AsyncIterator[bytes]:
            try:
                while True:
                    kind, value = await next_message()
                    if kind == "data":
                        room.release()
                        if time.monotonic() > deadline:
                            raise QueryTimeoutError(overrun + "; the answer was cut")
                        yield value
                    elif kind == "end":
                        return
                    else:
                        log.error("query failed while streaming: %s", value)
                        raise value
            finally:
                gone.set()
                timer.cancel()

        return Stream(value, body())


async def single_chunk(data: bytes) -> AsyncIterator[bytes]:
    yield data
