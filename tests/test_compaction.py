"""The server keeps its on-disk store compacted: once at start, and after writes once they pause
(debounced, at most once per interval), then the query workers read a fresh checkpoint."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.server.app import create_app
from cepa_kg.server.compaction import Compactor
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.writable import AUTH, TOKEN

EX = "http://example.org/"


def _quad(i: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)),
                   ox.NamedNode(f"{EX}g"))


@pytest.fixture()
def store(tmp_path: Path) -> OxigraphStore:
    store = OxigraphStore(tmp_path / "store")
    store.change_checked(lambda s: s.extend(_quad(i) for i in range(1000)))
    return store


def _write(store: OxigraphStore, i: int) -> None:
    store.change_checked(lambda s: s.add(_quad(10_000 + i)))


def test_compacting_keeps_every_quad(store: OxigraphStore) -> None:
    before = sorted(str(q) for q in store.quads())
    store.optimize()
    store.optimize()  # nothing written since: instant, and still the same data
    assert sorted(str(q) for q in store.quads()) == before


def test_a_read_only_store_is_left_as_it_is(store: OxigraphStore, tmp_path: Path) -> None:
    store.flush()
    store.checkpoint(tmp_path / "copy")
    copy = OxigraphStore(tmp_path / "copy", read_only=True)
    copy.optimize()  # pyoxigraph itself would raise: compaction needs a read-write store
    assert len(list(copy.quads())) == 1000


def test_a_burst_of_writes_is_compacted_once_after_it_pauses(store: OxigraphStore) -> None:
    async def run() -> tuple[int, int, int]:
        compactor = Compactor(store, quiet_s=1.0, min_interval_s=0)
        told: list[int] = []
        compacted = asyncio.Event()
        compactor.on_compacted = lambda: (told.append(store.version), compacted.set())
        for i in range(5):
            _write(store, i)
            compactor.written()
            await asyncio.sleep(0)  # the scheduled compaction waits out the quiet time
        during_burst = compactor.compactions
        scheduled = compactor._task
        await asyncio.wait_for(compacted.wait(), 60)
        assert scheduled is not None
        await asyncio.wait_for(scheduled, 60)  # it ends once the data is compacted
        assert not compactor.pending  # nothing more comes without another write
        await compactor.close()
        return during_burst, compactor.compactions, len(told)

    during_burst, compactions, told = asyncio.run(run())
    assert during_burst == 0  # not while the writes went on
    assert compactions == 1 and told == 1


def test_compactions_are_at_least_the_interval_apart(store: OxigraphStore) -> None:
    async def run() -> list[float]:
        compactor = Compactor(store, quiet_s=0.05, min_interval_s=1.0)
        ends: list[float] = []
        second = asyncio.Event()

        def compacted() -> None:
            ends.append(time.monotonic())
            if len(ends) == 2:
                second.set()

        compactor.on_compacted = compacted
        await compactor.compact_now()
        _write(store, 1)
        compactor.written()
        await asyncio.wait_for(second.wait(), 60)
        await compactor.close()
        return ends

    ends = asyncio.run(run())
    assert len(ends) == 2
    assert ends[1] - ends[0] >= 1.0


def test_closing_drops_a_scheduled_compaction(store: OxigraphStore) -> None:
    async def run() -> int:
        compactor = Compactor(store, quiet_s=0.3, min_interval_s=0)
        _write(store, 1)
        compactor.written()
        assert compactor.pending
        await compactor.close()  # the scheduled compaction is cancelled, not left to run
        assert not compactor.pending
        compactor.written()  # a write after close schedules nothing
        assert not compactor.pending
        return compactor.compactions

    assert asyncio.run(run()) == 0


def test_a_failed_compaction_is_logged_and_the_server_goes_on(
        store: OxigraphStore, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(store, "optimize", broken)

    async def run() -> tuple[bool, int]:
        compactor = Compactor(store, quiet_s=0.05, min_interval_s=0)
        ok = await compactor.compact_now()
        _write(store, 1)
        compactor.written()
        assert compactor._task is not None
        await asyncio.wait_for(compactor._task, 60)  # it tried, failed and gave up
        assert not compactor.pending  # until the next write
        await compactor.close()
        return ok, compactor.compactions

    assert asyncio.run(run()) == (False, 0)
    assert "compacting the store failed" in caplog.text


def test_the_server_compacts_at_start_and_after_an_update(store: OxigraphStore,
                                                          tmp_path: Path) -> None:
    settings = Settings(base="http://localhost:8000/", store=tmp_path / "store",
                        update_token=TOKEN, query_workers=1)
    app = create_app(settings, store=store)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }"
    with TestClient(app) as client:
        compactor = app.state.compactor
        assert compactor.compactions == 1  # at start, before the first answer
        compactor.quiet_s, compactor.min_interval_s = 1.0, 0.0
        pool = app.state.executor.pool

        def count_now(note: str) -> str:
            answer = client.get("/sparql", params={"query": f"{count} # {note}"},
                                headers={"Accept": "text/csv"})
            assert answer.headers["Server-Timing"] == 'exec;desc="worker"'
            return answer.text.splitlines()[1]

        assert count_now("before") == "1000"
        update = client.post("/update", content=f"INSERT DATA {{ GRAPH <{EX}g> {{ "
                             f"<{EX}new> <{EX}p> \"new\" }} }}",
                             headers={**AUTH, "Content-Type": "application/sparql-update"})
        assert update.status_code == 200, update.text
        assert count_now("written") == "1001"  # within the quiet time: not compacted yet
        assert compactor.compactions == 1
        written = pool.checkpoints._newest
        deadline = time.monotonic() + 10
        while compactor.compactions < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert compactor.compactions == 2
        assert count_now("compacted") == "1001"
        renewed = pool.checkpoints._newest
        assert renewed != written  # the same data, from a checkpoint of the compacted store
        assert count_now("again") == "1001"
        assert pool.checkpoints._newest == renewed  # no new checkpoint without a change
