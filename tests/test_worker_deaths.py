"""A query worker that died while idle (killed from outside, as the OOM killer would; or by
the pool itself, stopping an expensive query in the instant its job ended) never takes the
next job: the soak (bench/soak.py, 64 clients) met `500 BrokenPipeError` when it did."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from cepa_kg.server.execution import QueryJob
from cepa_kg.server.workers import WorkerPool
from cepa_kg.store import OxigraphStore

ASK = QueryJob("ASK { <http://example.org/a> ?p ?o }", "text/csv")


@pytest.fixture()
def store(tmp_path: Path) -> OxigraphStore:
    store = OxigraphStore(tmp_path / "store")
    store.add_graphs(b"<http://example.org/a> <http://example.org/p> <http://example.org/b> "
                     b"<http://example.org/g> .\n")
    return store


async def answer(pool: WorkerPool) -> bytes:
    stream = await pool.execute(ASK)
    return b"".join([chunk async for chunk in stream.body])


def test_a_worker_killed_while_idle_never_takes_a_job(store: OxigraphStore) -> None:
    async def run() -> list[bytes]:
        pool = WorkerPool(store, size=2, timeout_s=30, queued=4)
        await pool.start()
        try:
            answers = [await answer(pool)]
            killed = set(pool.pids)
            for worker in list(pool._workers):
                os.kill(worker.pid, signal.SIGKILL)
                await asyncio.to_thread(worker.process.wait)
            answers += [await answer(pool) for _ in range(4)]
            for _ in range(200):  # replacements start in the background
                if len(pool.pids) == 2:
                    break
                await asyncio.sleep(0.05)
            assert len(pool.pids) == 2 and set(pool.pids).isdisjoint(killed)
            return answers
        finally:
            await pool.close()

    answers = asyncio.run(run())
    assert all(a.strip().endswith(b"true") for a in answers), answers
