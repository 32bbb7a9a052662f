"""The framing between the server and its query worker processes: a tag byte, a 4-byte length,
the payload. Blocking helpers for the worker, asyncio helpers for the server."""

from __future__ import annotations

import asyncio
import socket
import struct

READY = b"R"  # worker -> server: imports done, waiting for a job
JOB = b"J"  # server -> worker: a pickled (QueryJob, checkpoint folder)
STOP = b"S"  # server -> worker: the client is gone, stop writing at the next chunk
RELEASE = b"L"  # server -> idle worker: close your checkpoint (a newer one exists)
HEAD = b"H"  # worker -> server: the media type, before the first byte of the body
DATA = b"D"  # worker -> server: a chunk of the body
END = b"E"  # worker -> server: the job is over (terminal)
COMPLETE = b"C"  # worker -> server: head and whole body of an answer < one chunk (terminal)
ERROR = b"X"  # worker -> server: the job failed, JSON {"kind", "message", ...} (terminal)

_HEADER = struct.Struct(">cI")


def send_frame(sock: socket.socket, tag: bytes, payload: bytes = b"") -> None:
    """Send one frame; blocks while the server is not reading (that is the back-pressure)."""
    sock.sendall(_HEADER.pack(tag, len(payload)) + payload if len(payload) < 4096
                 else _HEADER.pack(tag, len(payload)))
    if len(payload) >= 4096:
        sock.sendall(payload)


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    parts = bytearray()
    while len(parts) < size:
        chunk = sock.recv(size - len(parts))
        if not chunk:
            raise EOFError("the server closed the connection")
        parts += chunk
    return bytes(parts)


def recv_frame(sock: socket.socket) -> tuple[bytes, bytes]:
    """Receive one frame; EOFError when the server has gone."""
    tag, size = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    return tag, _recv_exactly(sock, size) if size else b""


async def read_frame(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """Read one frame; asyncio.IncompleteReadError when the worker has died."""
    tag, size = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    return tag, await reader.readexactly(size) if size else b""


def complete_payload(media_type: bytes, body: bytes) -> bytes:
    """A COMPLETE frame's payload: the media type, a newline, the body."""
    return media_type + b"\n" + body


def split_complete(payload: bytes) -> tuple[str, bytes]:
    """(media type, body) of a COMPLETE frame's payload."""
    media_type, _, body = payload.partition(b"\n")
    return media_type.decode(), body


def frame(tag: bytes, payload: bytes = b"") -> bytes:
    """One frame as bytes (for asyncio writers)."""
    return _HEADER.pack(tag, len(payload)) + payload
