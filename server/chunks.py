"""A binary file for pyoxigraph's serializers that hands its output on in chunks."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

CHUNK = 64 * 1024


class BudgetExceededError(Exception):
    """Raised by a ChunkWriter's write once its deadline has passed: the serializer that
    called it (pyoxigraph's, in the same thread) stops there and the query with it."""


class ChunkWriter(io.RawIOBase):
    """Buffers what a serializer writes and calls `emit(chunk)` every `CHUNK` bytes and on
    `flush_chunk()`. `emit` may raise to stop the serialization (the client went away).

    With a `deadline` (a `time.monotonic()` value), every write past it raises
    BudgetExceededError. pyoxigraph's serializers write every 8 KB or so as they pull rows
    from a lazily evaluated query, so a query that keeps producing rows is stopped within a
    few rows of its deadline."""

    def __init__(self, emit: Callable[[bytes], None], *, deadline: float | None = None) -> None:
        self._emit = emit
        self._buffer = bytearray()
        self.deadline = deadline

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise BudgetExceededError("the query ran past its time budget")
        self._buffer += data
        if len(self._buffer) >= CHUNK:
            self.flush_chunk()
        return len(data)

    def take(self) -> bytes:
        """What is buffered and not yet emitted (the whole output, if no chunk was emitted)."""
        data = bytes(self._buffer)
        self._buffer.clear()
        return data

    def flush_chunk(self) -> None:
        if self._buffer:
            chunk = bytes(self._buffer)
            self._buffer.clear()
            self._emit(chunk)
