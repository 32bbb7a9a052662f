"""The heaviest pages asked for once in the background whenever the data change (and at
start), so that what they compute per data version (`page_cache`) is ready before a reader
asks. Without it the first request after a load pays for everyone: at the corpus × 50 a goal's
trace took 0.9 s, VoID 0.6 s, a target 0.8 s (bench/bench_pages.py). Pages chosen by a
parameter with many values (a list filtered by a place, a search) are not warmed.

The warmer watches `store.version` (every write through any path changes it) and starts once
the data have stayed the same for one look (a burst of writes is warmed once, after it). It asks
one page at a time through the app itself (in this process: no access log line, and not
counted in the request metrics) and stops as soon as the data change again. Only over the embedded
store: a remote store's version moves every second by design (`remote_store.version`), and the
warm-up would then query the server all the time."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from typing import Any

import httpx
from cepa_kg.server.facets import LISTS
from cepa_kg.server.metrics import WARM_UP
from cepa_kg.server.pages import CLASSES

log = logging.getLogger("cepa_kg.server.warm")

# The goals, and the targets that something is aligned to (most of the 190 are not).
_GOALS = """SELECT ?goal ?target WHERE {
  { ?goal a <https://w3id.org/cepa-kg/def#Goal> }
  UNION
  { SELECT DISTINCT ?target WHERE {
      ?target a <https://w3id.org/cepa-kg/def#Target> .
      FILTER EXISTS { ?alignment <https://w3id.org/cepa-kg/def#goal> ?target } } }
} ORDER BY ?goal ?target"""
#: The pages whose per-version part is slow at scale, without parameters.
FIXED = ["/", "/browse", *(f"/browse/{name}" for name in CLASSES),
         *(f"/lists/{slug}" for slug in LISTS), "/matrix?goals=mdg", "/matrix?goals=sdg",
         "/network", "/timeline", "/map", "/graph/actors", "/graph/goals", "/graph/countries"]
TURTLE = {"/.well-known/void": "text/turtle"}


def warm_paths(base: str, goals: Iterable[str], targets: Iterable[str] = ()
               ) -> list[tuple[str, str]]:
    """(path, Accept) of every page to warm: the fixed ones, VoID, each goal's page, trace and
    named query table (the reference data's 8 MDGs and 17 SDGs), and the pages of the targets
    given."""
    paths = [(p, "text/html") for p in FIXED] + list(TURTLE.items())
    for goal in goals:
        local = goal.removeprefix(base)
        paths += [("/" + local, "text/html"), (f"/trace?goal={local}", "text/html"),
                  (f"/queries/recommendations-by-goal?goal={local}", "text/html")]
    paths += [("/" + target.removeprefix(base), "text/html") for target in targets]
    return paths


class PageWarmer:
    """Runs in the app's event loop (`start`), until `stop`."""

    def __init__(self, app: Any, store: Any, base: str, look_every_s: float = 1.0) -> None:
        self._app, self._store, self._base = app, store, base
        self._look_every_s = look_every_s
        self._task: asyncio.Task[None] | None = None
        #: The data version whose pages are all warm (None: none yet).
        self.warmed: int | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def _watch(self) -> None:
        seen = None
        while True:
            version = self._store.version
            if version == seen and version != self.warmed:  # quiet for one look
                await self._warm(version)
            seen = version
            await asyncio.sleep(self._look_every_s)

    async def _marked(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """The app, told that this request is the warmer's (not counted in the metrics)."""
        scope[WARM_UP] = True
        await self._app(scope, receive, send)

    async def _warm(self, version: int) -> None:
        started = time.monotonic()
        rows = await asyncio.to_thread(self._store.select, _GOALS)
        paths = warm_paths(self._base, [r["goal"].value for r in rows if "goal" in r],
                           [r["target"].value for r in rows if "target" in r])
        failed = 0
        transport = httpx.ASGITransport(app=self._marked)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url=self._base) as client:
            for path, accept in paths:
                if self._store.version != version:
                    log.info("data changed while warming pages; starting again")
                    return
                try:
                    answer = await client.get(path, headers={"Accept": accept})
                    failed += answer.status_code != 200
                except Exception:  # noqa: BLE001 - a page that fails is the reader's to see
                    log.debug("warming %s failed", path, exc_info=True)
                    failed += 1
        self.warmed = version
        log.info("warmed %d pages for data version %d in %.1f s (%d failed)",
                 len(paths), version, time.monotonic() - started, failed)
