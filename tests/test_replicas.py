"""Several front processes on one remote store: two `cepa-kg serve` behind a local nginx (two
machines' worth), and `cepa-kg serve --workers 2` (one machine). A write through one front is
read through the other. Real processes, real Oxigraph and Virtuoso servers, a real nginx."""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.namespaces import CEPA_DEF
from cepa_kg.pipeline import load_paths
from cepa_kg.remote_store import RemoteEndpoints, RemoteStore
from remote_servers import RunningServer, oxigraph_server, reverse_proxy, virtuoso_server
from serve_process import children_of, corpus_store_copy, running

BASE = "http://localhost:8000/"
TOKEN = "replica-test-token"
RESULTS = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    try:
        context = start(tmp_path_factory.mktemp(f"replica-{request.param}"))
        server = context.__enter__()
    except LookupError as missing:
        pytest.skip(str(missing))
    try:
        store = RemoteStore(RemoteEndpoints.from_url(server.query_url), owned=(BASE, CEPA_DEF))
        load_paths(store, bundled_corpus_paths(), base=BASE)
        yield server
    finally:
        context.__exit__(None, None, None)


def _serve(remote: RunningServer, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cepa_kg.cli", "serve", "--store", remote.query_url,
            "--base", BASE, *extra]


def _environment() -> dict[str, str]:
    return {**os.environ, "CEPA_KG_UPDATE_TOKEN": TOKEN}


def _write(url: str, marker: str) -> None:
    update = (f'INSERT DATA {{ GRAPH <{BASE}graph/replica-test> {{ <{BASE}id/replica> '
              f'<http://www.w3.org/2000/01/rdf-schema#label> "{marker}" }} }}')
    answer = httpx.post(url + "/sparql", data={"update": update}, timeout=30,
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code in (200, 204), answer.text


def _reads(url: str, marker: str) -> bool:
    ask = f'ASK {{ ?s ?p "{marker}" }}'
    answer = httpx.get(url + "/sparql", params={"query": ask}, headers=RESULTS, timeout=30)
    assert answer.status_code == 200, answer.text
    return bool(answer.json()["boolean"])


def _soon_reads(url: str, marker: str, within_s: float = 5.0) -> bool:
    """Another front may answer from its cache for up to a second (`RemoteStore.version`)."""
    deadline = time.monotonic() + within_s
    while not _reads(url, marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_two_fronts_behind_a_proxy_share_one_store(remote: RunningServer,
                                                   tmp_path: Path) -> None:
    with ExitStack() as stack:
        fronts = [stack.enter_context(running(_serve(remote), tmp_path / f"front{i}.log",
                                              _environment()))[1] for i in range(2)]
        try:
            proxy = stack.enter_context(reverse_proxy(
                tmp_path, [f.removeprefix("http://") for f in fronts]))
        except LookupError as missing:
            pytest.skip(str(missing))
        first, second = fronts
        marker = f"written through the first front {uuid.uuid4().hex}"
        assert not _reads(second, marker)
        _write(first, marker)
        assert _soon_reads(second, marker)  # the other front reads it
        assert all(_reads(proxy, marker) for _ in range(4))  # whichever front answers
        page = httpx.get(proxy + "/id/goal/mdg-8", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and "MDG 8" in page.text


def test_serve_with_two_workers_on_a_remote_store(remote: RunningServer,
                                                  tmp_path: Path) -> None:
    with running(_serve(remote, "--workers", "2"), tmp_path / "serve.log",
                 _environment()) as (process, url):
        assert len(children_of(process.pid)) >= 2  # uvicorn's two worker processes
        marker = f"written through a worker {uuid.uuid4().hex}"
        _write(url, marker)
        assert _soon_reads(url, marker)
        assert all(_reads(url, marker) for _ in range(6))  # every worker reads it
        assert httpx.get(url + "/health", timeout=10).status_code == 200


def test_serve_with_two_workers_on_the_embedded_store(tmp_path: Path) -> None:
    """Two front processes read the writer's checkpoints; a write through either goes to
    the writer, which publishes before it answers: read at once through every front."""
    store = corpus_store_copy(tmp_path.parent, tmp_path / "store")
    command = [sys.executable, "-m", "cepa_kg.cli", "serve", "--store", str(store),
               "--base", BASE, "--workers", "2"]
    with running(command, tmp_path / "serve.log", _environment()) as (process, url):
        assert len(children_of(process.pid)) >= 3  # two fronts and the writer
        marker = f"written through a front {uuid.uuid4().hex}"
        assert not _reads(url, marker)
        _write(url, marker)
        assert all(_reads(url, marker) for _ in range(6))  # at once, whichever front
        refused = httpx.post(url + "/sparql", data={"update": "CLEAR ALL"}, timeout=30)
        assert refused.status_code == 401  # the writer checks the token
        page = httpx.get(url + "/id/goal/mdg-8", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and "MDG 8" in page.text
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_a_checkpoint_is_deleted_only_after_it_was_superseded_for_a_while(tmp_path: Path) -> None:
    """A front may read the checkpoint it opened for a query's budget after a newer one came:
    what counts is how long ago it was replaced, not how old it is."""
    from cepa_kg.checkpoint_replica import CheckpointPublisher, CheckpointReplica
    from cepa_kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    publisher = CheckpointPublisher(store, tmp_path / "fronts", keep_s=0.5)

    def write(n: int) -> None:
        store.update(f"INSERT DATA {{ GRAPH <{BASE}graph/t> {{ <urn:s> <urn:p> {n} }} }}")

    assert publisher.publish_if_changed()
    assert not publisher.publish_if_changed()  # nothing written since
    reader = CheckpointReplica(tmp_path / "fronts")
    time.sleep(0.7)  # checkpoint 1 is old, but still the newest
    write(1)
    assert publisher.publish_if_changed()
    assert (tmp_path / "fronts" / "1").exists()  # just replaced: kept
    assert reader.ask("ASK { <urn:s> <urn:p> 1 }")  # the reader moved on at once
    time.sleep(0.7)
    write(2)
    assert publisher.publish_if_changed()
    assert not (tmp_path / "fronts" / "1").exists()  # replaced 0.7 s ago: gone
    assert (tmp_path / "fronts" / "2").exists()  # replaced just now: kept
