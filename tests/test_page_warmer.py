"""The page warmer (server/page_warmer.py): once the data have changed and stayed so, the
heaviest pages are asked for in the background, so that the first reader finds their
per-version part computed; a change while warming starts it again; a store whose version moves
by itself (a remote store) is never warmed."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import BASE
from fastapi.testclient import TestClient

from cepa_kg.server.app import create_app
from cepa_kg.server.page_cache import page_cache
from cepa_kg.server.page_warmer import PageWarmer, warm_paths
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the warmer never finished"
        time.sleep(0.05)


def test_every_goal_has_its_page_and_trace_warmed() -> None:
    goals = [f"{BASE}id/goal/mdg-{n}" for n in range(1, 9)]
    paths = [p for p, _ in warm_paths(BASE, goals)]
    assert "/id/goal/mdg-3" in paths and "/trace?goal=id/goal/mdg-3" in paths
    assert "/queries/recommendations-by-goal?goal=id/goal/mdg-3" in paths
    assert ("/.well-known/void", "text/turtle") in warm_paths(BASE, goals)
    assert "/lists/events" in paths and "/browse/Recommendation" in paths
    assert len(paths) == len(set(paths))
    with_target = [p for p, _ in warm_paths(BASE, goals, [f"{BASE}id/target/sdg-16-6"])]
    assert set(with_target) - set(paths) == {"/id/target/sdg-16-6"}


def test_pages_are_warm_after_a_change_and_again_after_the_next(
        corpus_store: OxigraphStore, tmp_path: Path) -> None:
    store = OxigraphStore()
    store.add_graphs(b"".join(  # a copy of the corpus: this test writes
        f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n".encode()
        for q in corpus_store.quads() if not isinstance(q.graph_name, ox.DefaultGraph)))
    settings = Settings(base=BASE, store=tmp_path / "unused", warm_pages=True)
    app = create_app(settings, store=store)
    with TestClient(app) as client:
        warmer: PageWarmer = app.state.page_warmer
        wait_for(lambda: warmer.warmed == store.version)
        cache = page_cache(app.state)
        remembered = len(cache._entries)
        assert remembered > 30  # the goals' traces, lists, matrices, ... of this version
        # the warmer's requests are not the readers': not counted in the metrics
        assert 'route="/trace"' not in client.get("/metrics").text
        # a reader now finds them: a second warm-up of the same version would add nothing
        assert client.get("/trace", params={"goal": "id/goal/sdg-16"}).status_code == 200
        assert len(cache._entries) == remembered
        assert 'route="/trace"' in client.get("/metrics").text
        before = store.version
        store.update("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> 1 } }")
        assert store.version != before
        wait_for(lambda: warmer.warmed == store.version)
        assert all(version == store.version for version, _ in cache._entries)
        assert len(cache._entries) >= remembered - 1


def test_no_warmer_when_turned_off_or_over_a_store_that_moves_by_itself(tmp_path: Path) -> None:
    off = create_app(Settings(base=BASE, store=tmp_path / "unused", warm_pages=False),
                     store=OxigraphStore())
    with TestClient(off):
        assert off.state.page_warmer is None
    moving = OxigraphStore()
    moving.version_moves_with_time = True  # as a remote store's
    app = create_app(Settings(base=BASE, store=tmp_path / "unused", warm_pages=True),
                     store=moving)
    with TestClient(app):
        assert app.state.page_warmer is None


def test_a_change_while_warming_starts_the_warm_up_again(corpus_store: OxigraphStore) -> None:
    """The warmer leaves a version it no longer serves at the next page, and warms the new one
    once the data stay the same."""
    class Changing:
        def __init__(self) -> None:
            self.version = 1
            self.asked = 0

        def select(self, sparql: str) -> list:
            return []

    async def run() -> list[int | None]:
        store = Changing()
        seen: list[int | None] = []

        async def app(scope, receive, send):  # every page: the data change meanwhile
            store.asked += 1
            if store.version < 3:
                store.version += 1
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        warmer = PageWarmer(app, store, BASE, look_every_s=0.01)
        warmer.start()
        for _ in range(300):
            await asyncio.sleep(0.01)
            seen.append(warmer.warmed)
            if warmer.warmed == 3:
                break
        await warmer.stop()
        return seen

    seen = asyncio.run(run())
    assert seen[-1] == 3 and 1 not in seen and 2 not in seen
