"""Faults, for real (issue 16, part 6): kill -9 of `cepa-kg load` in the middle of a folder
load, and of `cepa-kg serve` while clients write through SPARQL Update and the Graph Store
Protocol; then a restart, and every document graph is whole (the triples of a reference load
of the same file) or absent, and every write the server acknowledged is there. And a disk that
fills under a running server: writes get 507, reads go on and see every acknowledged write,
and the server restarted on the full disk serves them read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cepa_kg.pipeline import load_paths
from cepa_kg.reference import install_reference
from cepa_kg.settings import DEFAULT_BASE
from cepa_kg.store import OxigraphStore
from fault_helpers import cli, document_versions, graph_counts, kill_hard, start_cli, variants
from serve_process import ServeProcess, corpus_store_copy, serve_process
from small_disk import fill, small_filesystem

DOCUMENTS = 36
TOKEN = "faults-token-3c2d1e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EX = "http://example.org/fault/"
DOCUMENT_GRAPHS = DEFAULT_BASE + "id/document/"


# -- kill -9 during a load ------------------------------------------------------------------


def reference_counts(paths: list[Path]) -> dict[str, int]:
    """Each document graph's triples when the files are loaded, undisturbed, into a store of
    their own."""
    store = OxigraphStore()
    outcomes = load_paths(store, paths, base=DEFAULT_BASE, jobs=2)
    assert all(o.status == "loaded" for o in outcomes)
    return {o.iri: sum(1 for _ in store.quads(o.iri)) for o in outcomes}  # type: ignore[misc]


def document_counts(store: Path) -> dict[str, int]:
    return graph_counts(store, DOCUMENT_GRAPHS)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60,
               poll: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(poll)


def readable_versions(store: Path) -> dict[str, str]:
    """Document graph -> sha256 of its file; {} while the store cannot be read (a load may
    be deleting files under the reader: RocksDB says "Corruption" then)."""
    try:
        return document_versions(store, DOCUMENT_GRAPHS)
    except (OSError, RuntimeError):
        return {}


def test_kill_9_in_the_middle_of_a_folder_load_leaves_each_document_whole_or_absent(
        tmp_path: Path) -> None:
    first = variants(tmp_path / "docs", DOCUMENTS)
    reference = reference_counts(first)
    store = tmp_path / "store"

    # A new folder: prepared in worker processes, committed in one bulk load (files written,
    # then ingested at once), killed while the bulk load writes.
    install_reference(OxigraphStore(store), DEFAULT_BASE)
    files = set(store.glob("*.sst"))
    load = start_cli("load", "-q", "--store", str(store), str(tmp_path / "docs"))
    wait_until(lambda: bool(set(store.glob("*.sst")) - files) or load.poll() is not None,
               "the load never wrote", poll=0.002)
    time.sleep(random.uniform(0.0, 0.05))
    assert load.poll() is None, "the load ended before it was killed"
    kill_hard(load)
    killed = document_counts(store)
    assert all(reference[g] == n for g, n in killed.items()), "a partial document graph"

    again = cli("load", "-q", "--store", str(store), str(tmp_path / "docs"))
    assert again.returncode == 0, again.stderr
    assert document_counts(store) == reference

    # Changed files: each document's graph replaced in a transaction of its own.
    second = variants(tmp_path / "docs", DOCUMENTS, edition=2)
    reference_2 = reference_counts(second)
    editions = {hashlib.sha256(p.read_bytes()).hexdigest() for p in second}
    old = document_versions(store, DOCUMENT_GRAPHS)
    load = start_cli("load", "-q", "--store", str(store), str(tmp_path / "docs"))
    # (killed once the first changed document is in: reading the store to count them takes
    # long on a busy machine, and waiting for a quarter of them let the load finish first)
    wait_until(lambda: any(sha in editions for sha in readable_versions(store).values()),
               "the changed documents were never committed")
    assert load.poll() is None, "the load ended before it was killed"
    kill_hard(load)
    versions = document_versions(store, DOCUMENT_GRAPHS)
    counts = document_counts(store)
    assert set(counts) == set(reference) == set(versions)  # a changed document is never lost
    replaced = {g for g, sha in versions.items() if sha in editions}
    assert 0 < len(replaced) < DOCUMENTS, "the kill did not fall in the middle of the load"
    for graph, n in counts.items():
        assert n == (reference_2[graph] if graph in replaced else reference[graph]), graph
        assert graph in replaced or versions[graph] == old[graph]

    again = cli("load", "-q", "--store", str(store), str(tmp_path / "docs"))
    assert again.returncode == 0, again.stderr
    assert document_counts(store) == reference_2
    assert all(sha in editions for sha in document_versions(store, DOCUMENT_GRAPHS).values())


# -- kill -9 of the server during writes ----------------------------------------------------


def size(version: int) -> int:
    """Triples written by a thread's `version`-th write: each write differs in size."""
    return 3 + (version * 7) % 29


def triples(graph: str, version: int) -> bytes:
    return "".join(f'<{graph}/s{i}> <{EX}p> "v{version}-{i}" .\n'
                   for i in range(size(version))).encode()


def _send(url: str, data: bytes, method: str, content_type: str) -> int:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={**AUTH, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


@dataclass
class Writer:
    """One client writing, one request after the other: version n of its own graph (a Graph
    Store PUT, or a SPARQL Update replacing it) and a new graph of its own for each version
    (SPARQL Update INSERT DATA)."""

    url: str
    name: str
    sent: int = 0  # the last version sent (it may or may not have been written)
    acknowledged: int = 0  # the last version the server answered 2xx
    inserted: set[int] = field(default_factory=set)  # versions whose new graph was acknowledged
    refused: list[int] = field(default_factory=list)

    @property
    def graph(self) -> str:
        return f"{EX}{self.name}"

    def new_graph(self, version: int) -> str:
        return f"{EX}{self.name}-new-{version}"

    def write(self, version: int) -> None:
        self.sent = version
        body = triples(self.graph, version)
        if version % 2:
            status = _send(f"{self.url}/store?graph={urllib.parse.quote(self.graph)}", body,
                           "PUT", "application/n-triples")
        else:
            update = (f"DROP SILENT GRAPH <{self.graph}> ; INSERT DATA {{ GRAPH <{self.graph}> "
                      f"{{ {body.decode()} }} }} ; INSERT DATA {{ GRAPH "
                      f"<{self.new_graph(version)}> {{ {triples(self.new_graph(version), version).decode()} }} }}")
            status = _send(f"{self.url}/update", update.encode(), "POST",
                           "application/sparql-update")
        if 200 <= status < 300:
            self.acknowledged = version
            if not version % 2:
                self.inserted.add(version)
        else:
            self.refused.append(status)

    def run(self, stop: threading.Event) -> None:
        version = 0
        while not stop.is_set():
            version += 1
            try:
                self.write(version)
            except OSError:  # the server is gone
                return


def select(server: ServeProcess, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(server.query_url(query),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def written(server: ServeProcess) -> dict[str, list[str]]:
    """Graph -> the objects of its triples, for every graph the writers touch."""
    rows = select(server, f'SELECT ?g ?o WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} '
                          f'FILTER(STRSTARTS(STR(?g), "{EX}")) }}')
    graphs: dict[str, list[str]] = {}
    for row in rows:
        graphs.setdefault(row["g"], []).append(row["o"])
    return graphs


def whole_version(objects: list[str]) -> int:
    """The one version a graph's triples all come from, all of them there; else fails."""
    versions = {o.split("-")[0] for o in objects}
    assert len(versions) == 1, f"a graph mixes writes: {sorted(versions)}"
    version = int(versions.pop()[1:])
    assert sorted(objects) == sorted(f"v{version}-{i}" for i in range(size(version))), \
        f"version {version} is not whole"
    return version


def kill_server(server: ServeProcess) -> None:
    """kill -9 the server, then its query workers."""
    workers = server.children()
    server.process.kill()
    server.process.wait(timeout=30)
    for pid in workers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_kill_9_of_the_server_during_writes_keeps_every_acknowledged_write_whole(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), tmp_path / "store")
    with serve_process(store, tmp_path / "server.log", update_token=TOKEN, query_workers="1",
                       stopped_by_test=True) as server:
        writers = [Writer(server.url, f"client{i}") for i in range(4)]
        stop = threading.Event()
        threads = [threading.Thread(target=w.run, args=(stop,)) for w in writers]
        for thread in threads:
            thread.start()
        wait_until(lambda: sum(w.acknowledged for w in writers) >= 12, "no write went through")
        time.sleep(random.uniform(0.0, 0.5))
        kill_server(server)  # in the middle of the writers' requests
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not any(w.refused for w in writers), [w.refused for w in writers]

    with serve_process(store, tmp_path / "restarted.log", query_workers="1") as server:
        graphs = written(server)
    for w in writers:
        if w.graph in graphs:
            version = whole_version(graphs[w.graph])
            assert w.acknowledged <= version <= w.sent, (w.name, version)
        else:
            assert w.acknowledged == 0, w.name
        for version in range(1, w.sent + 1):
            new = w.new_graph(version)
            if new in graphs:
                assert whole_version(graphs[new]) == version
            else:
                assert version not in w.inserted, f"{new} was acknowledged and is lost"
    assert sum(len(w.inserted) for w in writers) > 0


# -- a disk that fills under the server -----------------------------------------------------


def _put(server: ServeProcess, graph: str, version: int) -> int:
    return _send(f"{server.url}/store?graph={urllib.parse.quote(graph)}",
                 triples(graph, version), "PUT", "application/n-triples")


def _ask(server: ServeProcess, graph: str) -> bool:
    request = urllib.request.Request(server.query_url(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return b"true" in response.read()


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_filesystem(tmp_path / "disk", 32) as folder:
        if folder is None:
            pytest.skip("no small filesystem can be made here (mounting is not permitted); "
                        "the file-size-limit test covers the server's writes")
        yield folder


def test_a_disk_that_fills_under_the_server_refuses_writes_with_507_and_keeps_the_rest(
        disk: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), disk / "store")
    kept, refused, updated = EX + "kept", EX + "refused", EX + "updated"
    with serve_process(store, tmp_path / "server.log", update_token=TOKEN, query_workers="1",
                       stopped_by_test=True) as server:
        assert _put(server, kept, 5) == 201
        filler = fill(disk)
        # The acknowledged write is read, though there is no room to copy it for the workers.
        assert set(written(server)) == {kept} and _ask(server, kept)
        assert _put(server, refused, 6) == 507
        update = f"INSERT DATA {{ GRAPH <{updated}> {{ {triples(updated, 2).decode()} }} }}"
        assert _send(server.url + "/update", update.encode(), "POST",
                     "application/sparql-update") == 507
        assert _ask(server, kept) and not _ask(server, refused)
        kill_server(server)
    log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in log and "write refused on PUT /store: no space left" in log
    assert "no room for a checkpoint of the latest writes" in log

    with serve_process(store, tmp_path / "full.log", update_token=TOKEN,
                       query_workers="1") as server:  # restarted on the full disk
        graphs = written(server)
        assert _put(server, refused, 6) == 507
    assert set(graphs) == {kept} and whole_version(graphs[kept]) == 5
    assert "the store is open read-only" in (tmp_path / "full.log").read_text()

    filler.unlink()  # free space and restart the server: writes go through again
    with serve_process(store, tmp_path / "freed.log", update_token=TOKEN,
                       query_workers="1") as server:
        assert _put(server, refused, 6) == 201
        assert set(written(server)) == {kept, refused}


def test_a_file_size_limit_under_the_server_refuses_writes_with_507(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Where no small filesystem can be made: the server may write no file past a limit
    (RLIMIT_FSIZE, lowered on the running process), and a write that would pass it gets 507."""
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), tmp_path / "store")
    small, large = EX + "small", EX + "large"
    with serve_process(store, tmp_path / "server.log", update_token=TOKEN,
                       query_workers="1") as server:
        assert _put(server, small, 1) == 201
        assert _ask(server, small)  # its checkpoint made before the limit
        grown = max(p.stat().st_size for p in [*store.iterdir(), tmp_path / "server.log"]
                    if not p.name.endswith(".sst") and not p.name.startswith("LOG"))
        limit = grown + 128 * 1024
        resource.prlimit(server.process.pid, resource.RLIMIT_FSIZE, (limit, limit))
        body = "".join(f'<{large}/s{i}> <{EX}p> "{"x" * 60} {i}" .\n'
                       for i in range(2000)).encode()  # checked in the server: no temp file
        status = _send(f"{server.url}/store?graph={urllib.parse.quote(large)}", body, "PUT",
                       "application/n-triples")
        assert status == 507
        assert _ask(server, small) and not _ask(server, large)
    assert "write refused on PUT /store: file too large" in (tmp_path / "server.log").read_text()
