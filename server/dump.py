"""`/dump`: the whole dataset as gzipped N-Quads. Written once per data version into a file (in
a worker thread, pyoxigraph streaming into gzip), then streamed from disk; its ETag is the
SHA-256 of the file, so it survives restarts and `If-None-Match` gets 304."""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from cepa_kg.server.state import app_state
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

router = APIRouter()


class _Hashing:
    """A binary sink that hashes what it passes on."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.sha = raw, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


class DumpCache:
    """The gzipped dump of the current data version, in a private temporary folder."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="cepa-kg-dump-")
        self._lock = threading.Lock()
        self._current: tuple[int, Path, str] | None = None

    def get(self, store: Any) -> tuple[Path, str]:
        """The file and ETag of the store's current version (call in a worker thread)."""
        with self._lock:
            version = store.version
            if self._current and self._current[0] == version:
                return self._current[1], self._current[2]
            path = Path(self._dir.name) / f"dump-{version}.nq.gz"
            with open(path, "wb") as raw:
                sink = _Hashing(raw)
                with gzip.GzipFile(fileobj=sink, mode="wb", mtime=0, filename="") as zipped:
                    store.dump(zipped, format=ox.RdfFormat.N_QUADS)
            etag = f'"{sink.sha.hexdigest()[:40]}"'
            if self._current and self._current[1] != path:
                self._current[1].unlink(missing_ok=True)
            self._current = (version, path, etag)
            return path, etag


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


# Its answers: `openapi_responses.OPERATIONS`.
@router.api_route("/dump", methods=["GET", "HEAD"], summary="The whole dataset (N-Quads, gzip)")
async def dump(request: Request) -> Response:
    state = app_state(request)
    cache = getattr(state, "dump_cache", None)
    if cache is None:
        cache = state.dump_cache = DumpCache()
    path, etag = await state.runner.call(cache.get, state.store)
    headers = {"ETag": etag, "Cache-Control": "no-cache",
               "Content-Disposition": 'attachment; filename="cepa-kg.nq.gz"'}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    size = os.stat(path).st_size
    if request.method == "HEAD":
        return Response(headers={**headers, "Content-Type": "application/gzip",
                                 "Content-Length": str(size)})
    return FileResponse(path, media_type="application/gzip", headers=headers)
