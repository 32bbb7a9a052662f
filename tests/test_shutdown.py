"""SIGTERM with a slow client: the server stops accepting, cuts what still runs after its
shutdown deadline (CEPA_KG_SHUTDOWN_TIMEOUT_S) and exits with its workers; without a deadline a
client reading a large answer slowly kept it alive for minutes (issue 16, part 3)."""

from __future__ import annotations

import signal
import socket
import time
import urllib.parse
from pathlib import Path

import pytest
from serve_process import alive, corpus_store_copy, serve_process

ENDLESS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DEADLINE_S = 2.0


def test_sigterm_with_a_slow_client_exits_within_the_deadline(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), tmp_path / "store")
    with serve_process(store, tmp_path / "server.log", query_timeout_s="300",
                       shutdown_timeout_s=str(DEADLINE_S), query_workers="2",
                       stopped_by_test=True) as server:
        workers = server.wait_for_workers(2)
        url = urllib.parse.urlsplit(server.url + "/sparql?" + urllib.parse.urlencode(
            {"query": ENDLESS}))
        slow = socket.create_connection((url.hostname, url.port), timeout=30)
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow.sendall(f"GET {url.path}?{url.query} HTTP/1.1\r\nHost: {url.netloc}\r\n"
                     "Accept: text/csv\r\n\r\n".encode("ascii"))
        assert slow.recv(1024).startswith(b"HTTP/1.1 200")  # streaming, and then read no more
        time.sleep(1.0)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=DEADLINE_S + 20)
        took = time.monotonic() - started
        slow.close()
    assert took < DEADLINE_S + 8, took  # the deadline, then the workers' exit
    assert not any(alive(pid) for pid in workers)  # and no worker is left behind
