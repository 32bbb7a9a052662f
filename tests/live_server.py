"""Start the real app under uvicorn on 127.0.0.1 in a child process (for tests with real
HTTP clients). The store is in memory, optionally with the bundled corpus loaded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SCRIPT = """
import os, sys, uvicorn
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
store = OxigraphStore()
if os.environ.get("LIVE_LOAD_CORPUS") == "1":
    from cepa_kg.commands import bundled_corpus_paths
    from cepa_kg.pipeline import load_paths
    load_paths(store, bundled_corpus_paths(), base=Settings().base)
uvicorn.run(create_app(Settings(), store=store), host="127.0.0.1", port=int(sys.argv[1]),
            log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(tmp: Path, *, corpus: bool, env: dict[str, str] | None = None) -> Iterator[str]:
    """The base URL of a running server (no trailing slash); stopped on exit."""
    port = free_port()
    log = tmp / "server.log"
    environment = {**os.environ, "CEPA_KG_STORE": str(tmp / "unused-store"),
                   "LIVE_LOAD_CORPUS": "1" if corpus else "0", **(env or {})}
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-c", _SCRIPT, str(port)], env=environment,
                                   stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/sparql", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start:\n" + log.read_text()) from None
                time.sleep(0.2)
        yield url
        assert process.poll() is None, "the server died:\n" + log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=20)
