"""Start the real app under uvicorn on 127.0.0.1 in a child process (for tests with real
HTTP clients). The store is in memory, optionally with the bundled corpus loaded."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from serve_process import free_port, running

_SCRIPT = """
import os, sys, uvicorn
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
store = OxigraphStore()
if os.environ.get("LIVE_LOAD_CORPUS") == "1":
    from cepa_kg.cli.commands import bundled_corpus_paths
    from cepa_kg.pipeline import load_paths
    load_paths(store, bundled_corpus_paths(), base=Settings().base)
uvicorn.run(create_app(Settings(), store=store), host="127.0.0.1", port=int(sys.argv[sys.argv.index("--port") + 1]),
            log_level="warning")
"""


@contextmanager
def live_server(tmp: Path, *, corpus: bool, env: dict[str, str] | None = None) -> Iterator[str]:
    """The base URL of a running server (no trailing slash); stopped on exit."""
    environment = {**os.environ, "CEPA_KG_STORE": str(tmp / "unused-store"),
                   "LIVE_LOAD_CORPUS": "1" if corpus else "0", **(env or {})}
    with running([sys.executable, "-c", _SCRIPT], tmp / "server.log", environment) as (_, url):
        yield url


@contextmanager
def threaded_server(app: Any) -> Iterator[str]:
    """The base URL of `app` served by uvicorn in a thread of this process (for a browser test
    over a store the test holds); stopped on exit."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
