"""The worker pool on a real on-disk store: answers stream in chunks and are byte-identical to
the in-thread serialization; writes reach the workers through a fresh checkpoint and old
checkpoints are deleted once unused; a consumer that stops mid-stream leaves the worker alive."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.server.execution import QueryJob, execute_into
from cepa_kg.server.workers import WorkerPool
from cepa_kg.store import OxigraphStore, QuerySyntaxError

ROWS = 30_000
GRAPH = "http://example.org/g"
INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
SELECT = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o"


@pytest.fixture()
def store(tmp_path: Path) -> OxigraphStore:
    data = "".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\"^^{INTEGER} .\n"
                   for i in range(ROWS))
    bulk = ox.Store(str(tmp_path / "store"))
    bulk.bulk_load(data.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
    del bulk  # closes the folder
    return OxigraphStore(tmp_path / "store")


async def collect(body: AsyncIterator[bytes]) -> list[bytes]:
    return [chunk async for chunk in body]


ASK_NEW = QueryJob("ASK { <http://example.org/new> ?p ?o }", "text/csv")


async def answer(pool: WorkerPool) -> bytes:
    """The whole CSV answer to ASK_NEW ("true" once <new> was written)."""
    stream = await pool.execute(ASK_NEW)
    return b"".join(await collect(stream.body))


def test_streams_in_chunks_identical_to_the_thread_serialization(store: OxigraphStore) -> None:
    async def run() -> tuple[str, list[bytes]]:
        pool = WorkerPool(store, size=2, timeout_s=30, queued=4)
        await pool.start()
        try:
            stream = await pool.execute(QueryJob(SELECT, "text/csv"))
            return stream.head, await collect(stream.body)
        finally:
            await pool.close()

    head, chunks = asyncio.run(run())
    assert head == "text/csv"
    assert len(chunks) > 5  # streamed, not built whole
    direct = io.BytesIO()
    execute_into(store, QueryJob(SELECT, "text/csv"), direct, lambda _: None)
    assert b"".join(chunks) == direct.getvalue()
    assert b"".join(chunks).count(b"\r\n") == ROWS + 1


def test_writes_reach_workers_and_old_checkpoints_go(store: OxigraphStore) -> None:
    async def run() -> None:
        pool = WorkerPool(store, size=1, timeout_s=30, queued=4)
        await pool.start()
        try:
            assert (await answer(pool)).strip().endswith(b"false")
            first = sorted(p.name for p in pool.checkpoints.folder.iterdir())
            store.update("INSERT DATA { GRAPH <http://example.org/g2> "
                         "{ <http://example.org/new> <http://example.org/p> 1 } }")
            assert (await answer(pool)).strip().endswith(b"true")
            second = sorted(p.name for p in pool.checkpoints.folder.iterdir())
            assert len(first) == len(second) == 1 and first != second
            with pytest.raises(QuerySyntaxError):
                await pool.execute(QueryJob("ASK {", "text/csv"))
        finally:
            await pool.close()
        assert not pool.checkpoints.folder.exists()

    asyncio.run(run())


def test_the_last_idle_worker_goes_first_and_idle_ones_let_old_checkpoints_go(
        store: OxigraphStore) -> None:
    async def run() -> None:
        pool = WorkerPool(store, size=3, timeout_s=30, queued=4)
        await pool.start()
        try:
            for _ in range(5):  # one after the other: always the same, warm, worker
                await answer(pool)
            assert sum(w.checkpoint is not None for w in pool._workers) == 1
            await asyncio.gather(*(answer(pool) for _ in range(3)))  # all three open it
            assert len({w.checkpoint for w in pool._workers} - {None}) == 1
            assert all(w.checkpoint is not None for w in pool._workers)
            store.update("INSERT DATA { GRAPH <http://example.org/g2> "
                         "{ <http://example.org/new> <http://example.org/p> 1 } }")
            assert (await answer(pool)).strip().endswith(b"true")
            # the two idle workers let the older checkpoint go at once, not at their next job
            folders = sorted(p.name for p in pool.checkpoints.folder.iterdir())
            assert len(folders) == 1
            assert sum(w.checkpoint is not None for w in pool._workers) == 1
            answers = await asyncio.gather(*(answer(pool) for _ in range(3)))
            assert all(a.strip().endswith(b"true") for a in answers)  # they reopen the newest
        finally:
            await pool.close()

    asyncio.run(run())


def test_consumer_gone_mid_stream_keeps_the_worker(store: OxigraphStore) -> None:
    async def run() -> None:
        pool = WorkerPool(store, size=1, timeout_s=30, queued=4)
        await pool.start()
        try:
            pids = pool.pids
            for _ in range(3):
                stream = await pool.execute(QueryJob(SELECT, "application/sparql-results+xml"))
                body = stream.body
                assert await body.__anext__()
                await body.aclose()  # type: ignore[attr-defined]
            stream = await pool.execute(QueryJob(SELECT, "text/tab-separated-values"))
            text = b"".join(await collect(stream.body))
            assert text.count(b"\n") == ROWS + 1
            assert pool.pids == pids
        finally:
            await pool.close()

    asyncio.run(run())


def test_a_client_gone_while_a_frame_is_half_read_leaves_the_worker_in_step(
        store: OxigraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A frame comes in two reads (header, payload); the client going away between them must
    not leave the next read inside the payload (the worker then looked silent until its
    budget killed it, and the next query waited for a worker)."""
    from cepa_kg.server import frames

    async def read_in_two_steps(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
        tag, size = frames._HEADER.unpack(await reader.readexactly(frames._HEADER.size))
        await asyncio.sleep(0.05)  # where a cancellation lands
        return tag, await reader.readexactly(size) if size else b""

    monkeypatch.setattr(frames, "read_frame", read_in_two_steps)

    async def run() -> tuple[float, bool]:
        pool = WorkerPool(store, size=1, timeout_s=10, queued=4)
        await pool.start()
        try:
            pids = pool.pids
            stream = await pool.execute(QueryJob(SELECT, "application/sparql-results+xml"))
            body = stream.body
            assert await body.__anext__()
            await asyncio.sleep(0.02)  # the pump is now between a header and its payload
            await body.aclose()  # type: ignore[attr-defined]
            started = time.monotonic()
            stream = await pool.execute(QueryJob(SELECT, "text/tab-separated-values"))
            text = b"".join(await collect(stream.body))
            assert text.count(b"\n") == ROWS + 1
            return time.monotonic() - started, pool.pids == pids
        finally:
            await pool.close()

    elapsed, same_worker = asyncio.run(run())
    assert same_worker  # not killed and replaced
    assert elapsed < 5


def test_a_client_that_reads_slowly_does_not_hold_the_worker(store: OxigraphStore) -> None:
    """The only worker writes its whole answer (2.5 MB, more than the sockets between hold) into
    this process while the client has read one chunk; a second query gets the worker meanwhile.
    Then the client reads the rest."""
    query = SELECT + " LIMIT 20000"
    json_type = "application/sparql-results+json"

    async def run() -> bytes:
        pool = WorkerPool(store, size=1, timeout_s=30, queued=4)
        await pool.start()
        try:
            stream = await pool.execute(QueryJob(query, json_type))
            first = await anext(stream.body)  # ... and the client stalls
            other = await asyncio.wait_for(pool.execute(QueryJob("ASK { ?s ?p ?o }", "text/csv")),
                                           timeout=10)
            assert b"".join(await collect(other.body)).strip().endswith(b"true")
            return first + b"".join(await collect(stream.body))
        finally:
            await pool.close()

    body = asyncio.run(run())
    assert len(body) > 2_000_000
    assert len(json.loads(body)["results"]["bindings"]) == 20_000


def test_a_small_answer_comes_from_the_worker_whole(store: OxigraphStore) -> None:
    """An answer shorter than one chunk crosses in one frame and is sent with its length
    (no streaming machinery); a longer one streams."""
    small = SELECT + " LIMIT 10"

    async def run() -> tuple[bytes | None, bytes, bytes | None]:
        pool = WorkerPool(store, size=1, timeout_s=30, queued=4)
        await pool.start()
        try:
            stream = await pool.execute(QueryJob(small, "text/csv"))
            body = b"".join(await collect(stream.body))
            big = await pool.execute(QueryJob(SELECT, "text/csv"))
            await collect(big.body)
            return stream.complete, body, big.complete
        finally:
            await pool.close()

    complete, body, big_complete = asyncio.run(run())
    direct = io.BytesIO()
    execute_into(store, QueryJob(small, "text/csv"), direct, lambda _: None)
    assert complete == body == direct.getvalue() and body.count(b"\r\n") == 11
    assert big_complete is None


def test_workers_run_with_the_allocator_asked_for(store: OxigraphStore) -> None:
    """jemalloc (when the system has it: CI installs libjemalloc2) is preloaded into the query
    workers for "auto"; "system" keeps glibc's malloc; a missing library is a clear error."""
    from cepa_kg.server.workers import worker_preload

    async def maps_of_worker(preload: str | None) -> str:
        pool = WorkerPool(store, size=1, timeout_s=30, queued=4, preload=preload)
        await pool.start()
        try:
            stream = await pool.execute(QueryJob(SELECT + " LIMIT 3", "text/csv"))
            assert b"".join(await collect(stream.body)).count(b"\r\n") == 4
            return Path(f"/proc/{pool.pids[0]}/maps").read_text()
        finally:
            await pool.close()

    jemalloc = worker_preload("auto")
    assert worker_preload("system") is None
    assert "jemalloc" not in asyncio.run(maps_of_worker(None))
    if jemalloc is not None:
        assert jemalloc in asyncio.run(maps_of_worker(jemalloc))
    else:  # nothing to preload: the workers run as with "system"
        assert not Path("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2").exists()
    with pytest.raises(ValueError, match="no library"):
        worker_preload("/no/such/libjemalloc.so.2")
