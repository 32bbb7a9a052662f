"""32 concurrent clients for 10 s against a real server (uvicorn on 127.0.0.1, on-disk store,
query worker processes): every answer is a 200 with the right content, no error at all."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from serve_process import ServeProcess, corpus_store_copy, serve_process

CLIENTS = 32
DURATION_S = 10.0
SESSIONS = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
            "SELECT ?n WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n } ORDER BY ?n")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RECOMMENDATIONS = ("CONSTRUCT WHERE { ?s a <https://w3id.org/cepa-kg/def#Recommendation> ; "
                   "<https://w3id.org/cepa-kg/def#text> ?t }")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("concurrency")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    with serve_process(store, folder / "server.log", query_timeout_s="30") as live:
        yield live


def fetch(url: str, accept: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


def checks(server: ServeProcess) -> list[tuple[str, Callable[[], None]]]:
    """Named requests, each checking its own answer (status, type and content)."""
    total = int(json.loads(fetch(server.query_url(COUNT), "application/json")[2])
                ["results"]["bindings"][0]["n"]["value"])

    def sessions() -> None:
        status, _, body = fetch(server.query_url(SESSIONS), "application/sparql-results+json")
        rows = json.loads(body)["results"]["bindings"]
        assert (status, [r["n"]["value"] for r in rows]) == (200, ["5", "8"]), body

    def count_csv() -> None:
        status, kind, body = fetch(server.query_url(COUNT), "text/csv")
        assert status == 200 and kind.startswith("text/csv")
        assert body.split() == [b"n", str(total).encode()], body

    def construct() -> None:
        status, kind, body = fetch(server.query_url(RECOMMENDATIONS), "application/n-triples")
        assert status == 200 and kind.startswith("application/n-triples")
        assert body.count(b"\n") > 50

    def page() -> None:
        status, kind, body = fetch(server.url + "/id/session/8", "text/turtle")
        assert status == 200 and kind.startswith("text/turtle")
        assert b"session/8" in body

    return [("sessions", sessions), ("count", count_csv), ("construct", construct),
            ("page", page)]


def test_32_clients_for_10_seconds_see_no_error(server: ServeProcess) -> None:
    server.wait_for_workers(len(server.children()))
    mix = checks(server)
    done: Counter[str] = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + DURATION_S

    def client(index: int) -> None:
        step = index
        while time.monotonic() < stop_at and len(errors) < 10:
            name, check = mix[step % len(mix)]
            step += 1
            try:
                check()
            except Exception as error:  # noqa: BLE001 - every failure is collected
                with lock:
                    errors.append(f"{name}: {error!r}")
            else:
                with lock:
                    done[name] += 1

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    assert errors == []
    assert all(done[name] >= CLIENTS for name, _ in mix), done
    assert server.process.poll() is None
