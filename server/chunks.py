"""A binary file for pyoxigraph's serializers that hands its output on in chunks."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

CHUNK = 64 * 1024


class ChunkWriter(io.RawIOBase):
    """Buffers what a serializer writes and calls `emit(chunk)` every `CHUNK` bytes and on
    `flush_chunk()`. `emit` may raise to stop the serialization (the client went away)."""

    def __init__(self, emit: Callable[[bytes], None]) -> None:
        self._emit = emit
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # type: ignore[override]
        self._buffer += data
        if len(self._buffer) >= CHUNK:
            self.flush_chunk()
        return len(data)

    def flush_chunk(self) -> None:
        if self._buffer:
            chunk = bytes(self._buffer)
            self._buffer.clear()
            self._emit(chunk)
