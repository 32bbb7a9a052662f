"""A query worker process: `python -m cepa_kg.server.query_worker FD`.

It talks to the server over the socket FD (see `frames`): it takes one job at a time, opens the
job's checkpoint read-only (kept open while jobs name the same one), executes the query,
negotiates the format once the kind is known, and sends the head then the serialized bytes in
chunks. The server kills it (SIGKILL) when a query overruns its budget; a STOP frame from the
server (the client went away) ends the serialization at the next chunk and the worker lives on.
"""

from __future__ import annotations

import json
import logging
import pickle
import select
import socket
import sys
from pathlib import Path
from typing import BinaryIO, cast

from cepa_kg.server import frames
from cepa_kg.server.chunks import ChunkWriter
from cepa_kg.server.execution import NotAcceptableError, QueryJob, execute_into
from cepa_kg.sparql_limits import SparqlLimitError
from cepa_kg.store import OxigraphStore, QuerySyntaxError

log = logging.getLogger("cepa_kg.query_worker")


class _Stopped(Exception):
    """The server asked this job to stop."""


def _check_stop(sock: socket.socket) -> None:
    """Raise _Stopped if the server has sent STOP (the only frame it sends during a job)."""
    readable, _, _ = select.select([sock], [], [], 0)
    if readable:
        tag, _ = frames.recv_frame(sock)
        raise _Stopped(tag)


def _socket_sink(sock: socket.socket, head: list[bytes]) -> ChunkWriter:
    """A sink that sends DATA frames (after the HEAD the query announced into `head`), and
    stops the serialization when the server sends STOP."""

    def emit(chunk: bytes) -> None:
        _check_stop(sock)
        if head:
            frames.send_frame(sock, frames.HEAD, head.pop())
        frames.send_frame(sock, frames.DATA, chunk)

    return ChunkWriter(emit)


def _error(kind: str, message: str, offers: list[str] | None = None) -> bytes:
    return json.dumps({"kind": kind, "message": message, "offers": offers or []}).encode()


def run_job(sock: socket.socket, store: OxigraphStore, job: QueryJob) -> None:
    """Execute one job and send its frames: HEAD, DATA..., END; or, for an answer that ends
    before its first chunk (most), one COMPLETE frame; or ERROR."""
    head: list[bytes] = []  # the media type, until the first chunk goes
    sink = _socket_sink(sock, head)
    try:
        execute_into(store, job, cast(BinaryIO, sink),
                     lambda media_type: head.append(media_type.encode()))
        if head:  # nothing was sent: the whole answer in one frame
            frames.send_frame(sock, frames.COMPLETE, frames.complete_payload(head.pop(),
                                                                             sink.take()))
            return
        sink.flush_chunk()
        _check_stop(sock)  # a STOP that came with the last chunk is read now, not next job
        frames.send_frame(sock, frames.END)
    except _Stopped:
        frames.send_frame(sock, frames.END)
    except QuerySyntaxError as error:
        frames.send_frame(sock, frames.ERROR, _error("syntax", str(error)))
    except SparqlLimitError as error:
        frames.send_frame(sock, frames.ERROR, _error("limit", str(error)))
    except NotAcceptableError as error:
        frames.send_frame(sock, frames.ERROR, _error("not_acceptable", str(error), error.offers))
    except Exception as error:
        log.exception("query failed")
        frames.send_frame(sock, frames.ERROR, _error("internal", type(error).__name__))


def serve(sock: socket.socket) -> None:
    """Take jobs until the server closes the socket."""
    frames.send_frame(sock, frames.READY)
    store: OxigraphStore | None = None
    opened: str | None = None
    while True:
        try:
            tag, payload = frames.recv_frame(sock)
        except EOFError:
            return
        if tag == frames.RELEASE:  # a newer checkpoint exists: let this one be deleted
            store, opened = None, None
            continue
        if tag != frames.JOB:
            continue  # a STOP that arrived after its job ended
        job, checkpoint = pickle.loads(payload)
        if checkpoint != opened or store is None:
            store = None  # close the older checkpoint before opening the newer
            try:
                store = OxigraphStore(Path(checkpoint), read_only=True, total_order=False)
            except OSError as error:
                log.exception("cannot open the checkpoint %s", checkpoint)
                frames.send_frame(sock, frames.ERROR, _error("internal", str(error)))
                continue
            opened = checkpoint
        run_job(sock, store, job)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="query worker: %(message)s")
    sock = socket.socket(fileno=int(sys.argv[1]))
    sock.setblocking(True)
    try:
        serve(sock)
    except (KeyboardInterrupt, BrokenPipeError, ConnectionResetError):
        pass


if __name__ == "__main__":
    main()
