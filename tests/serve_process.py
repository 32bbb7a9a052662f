"""Start `cepa-kg serve` on 127.0.0.1 over an on-disk store, and look at its query worker
processes through /proc (helpers for the live limit and concurrency tests; not a test module).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    found = set()
    for entry in os.listdir("/proc"):
        fields = _stat(int(entry)) if entry.isdigit() else None
        if fields and int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry))
    return found


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (0 if it is gone)."""
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0


def alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def started(pid: int) -> bool:
    """A worker has imported pyoxigraph (it says READY to the server right after)."""
    try:
        return "pyoxigraph" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@dataclass
class ServeProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def children(self) -> set[int]:
        """The server's child processes: its query workers."""
        return children_of(self.process.pid)

    def wait_for_workers(self, count: int) -> set[int]:
        """The workers' process ids, once there are `count` and all have started."""
        deadline = time.monotonic() + 20
        while True:
            pids = self.children()
            if len(pids) == count and all(started(pid) for pid in pids):
                time.sleep(0.1)  # their READY reaches the server
                return pids
            assert time.monotonic() < deadline, f"workers: {pids}"
            time.sleep(0.05)

    def query_url(self, query: str, **params: str) -> str:
        return self.url + "/sparql?" + urllib.parse.urlencode({"query": query, **params})


def corpus_store_copy(base_temp: Path, target: Path) -> Path:
    """A fresh copy at `target` of an on-disk store holding the bundled corpus, loaded once per
    test session (under `base_temp`) and copied for each server."""
    template = base_temp / "corpus-store-template"
    if not (template / "loaded").exists():
        shutil.rmtree(template, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "cepa_kg.cli", "load", "--store",
                        str(template / "store")], check=True, capture_output=True)
        (template / "loaded").touch()
    shutil.copytree(template / "store", target)
    return target


@contextmanager
def running(args: list[str], log: Path, env: dict[str, str], *, stopped_by_test: bool = False
            ) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Start `args` (a server taking `--port PORT` last) and yield (process, base URL) once
    its /sparql answers; fails with the server's log if it dies or never answers. The
    process must still be alive at the end (unless the test stops it); it is stopped either
    way."""
    port = free_port()
    with open(log, "w") as log_file:
        process = subprocess.Popen([*args, "--port", str(port)], stdout=log_file,
                                   stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url + "/sparql", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start:\n" + log.read_text()) from None
                time.sleep(0.2)
        yield process, url
        assert stopped_by_test or process.poll() is None, "the server died:\n" + log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def serve_process(store: Path, log: Path, *, extra_args: Sequence[str] = (),
                  stopped_by_test: bool = False, **env: str) -> Iterator[ServeProcess]:
    """`python -m cepa_kg.cli serve --store STORE [EXTRA_ARGS]` with CEPA_KG_* settings from
    `env` (e.g. query_timeout_s="2"); yields once /sparql answers."""
    environment = {**os.environ, **{f"CEPA_KG_{k.upper()}": v for k, v in env.items()}}
    with running([sys.executable, "-m", "cepa_kg.cli", "serve", "--store", str(store),
                  *extra_args], log, environment, stopped_by_test=stopped_by_test) as (
            process, url):
        yield ServeProcess(url, process, log)
