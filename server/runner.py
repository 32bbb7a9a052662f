"""Run store work off the event loop, and stream what it writes to the HTTP response.

pyoxigraph results are bound to the thread that made them, so a query is executed, serialized
and dropped inside one worker thread; the bytes it writes cross to the event loop through a
bounded queue (back-pressure: a slow client slows the serializer, memory stays flat). When the
client goes away, the next write raises inside the worker and the serialization stops.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, BinaryIO, TypeVar

from cepa_kg.server.chunks import ChunkWriter

log = logging.getLogger("cepa_kg.server")

T = TypeVar("T")


class BusyError(Exception):
    """Too many queries running at once."""


class QueryTimeoutError(Exception):
    """The query did not produce its first answer within its time budget."""


class _Aborted(Exception):
    """Raised inside the worker when the consumer has gone away."""


@dataclass
class Stream:
    head: Any  # what the work announced before writing (e.g. its media type)
    body: AsyncIterator[bytes]


class Runner:
    """A bounded pool of worker threads for store calls."""

    def __init__(self, *, workers: int, timeout_s: float, queued: int = 64) -> None:
        """`workers` threads run store calls; up to `queued` more wait for one; beyond that a
        call is refused at once (BusyError) rather than piling up."""
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cepa-store")
        self._slots = threading.BoundedSemaphore(workers + queued)
        self.timeout_s = timeout_s

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
        except asyncio.TimeoutError as error:
            raise QueryTimeoutError(
                f"the query ran past its budget of {self.timeout_s:g} s") from error

    async def stream(
        self, work: Callable[[BinaryIO, Callable[[Any], None]], None]
    ) -> Stream:
        """Run `work(sink, announce)` in a worker thread. `work` calls `announce(head)` once,
        before writing, when it knows what it will write. Errors raised before `announce`
        are raised here (so the caller can answer 4xx); after it, the stream is cut."""
        self._acquire()
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue(maxsize=16)
        gone = threading.Event()

        def put(message: tuple[str, Any]) -> None:
            future = asyncio.run_coroutine_threadsafe(queue.put(message), loop)
            while True:
                try:
                    future.result(timeout=0.5)
                    return
                except FutureTimeout:
                    if gone.is_set() or loop.is_closed():
                        future.cancel()
                        raise _Aborted() from None

        def job() -> None:
            writer = ChunkWriter(lambda chunk: put(("data", chunk)))
            try:
                work(writer, lambda head: put(("head", head)))
                writer.flush_chunk()
                put(("end", None))
            except _Aborted:
                pass
            except BaseException as error:  # noqa: BLE001 - handed to the event loop
                if not getattr(error, "client_error", False):
                    log.error("store work failed", exc_info=error)
                error.__traceback__ = None  # no frames (and no store results) cross threads
                try:
                    put(("error", error))
                except _Aborted:
                    pass
            finally:
                self._slots.release()

        loop.run_in_executor(self._pool, job)
        try:
            kind, value = await asyncio.wait_for(queue.get(), self.timeout_s)
        except asyncio.TimeoutError as error:
            gone.set()
            raise QueryTimeoutError(
                f"the query gave no answer within its budget of {self.timeout_s:g} s") from error
        if kind == "error":
            gone.set()
            raise value
        head = value if kind == "head" else None
        finished = kind == "end"

        async def body() -> AsyncIterator[bytes]:
            try:
                if finished:
                    return
                while True:
                    kind, value = await queue.get()
                    if kind == "data":
                        yield value
                    elif kind == "end":
                        return
                    elif kind == "error":
                        log.error("query failed while streaming: %s", value)
                        return
            finally:
                gone.set()
                while not queue.empty():
                    queue.get_nowait()

        return Stream(head, body())
