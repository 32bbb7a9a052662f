"""Keeps the on-disk store compacted while it serves.

A store that took any write since it was last compacted answers scans 10-25% slower, however
small the write (one quad is enough): RocksDB then merges the new level-0 files with the
compacted data on every read (bench/RESULTS.md, fourth session); a store grown by 200 loads
(about 70 level-0 files) answered the trace join 3-8 times slower
(`bench/bench_compaction.py`). Compacting rewrites the store (pyoxigraph's `optimize`: about
2.5 s of one core per million quads; nothing to do and instant when nothing was written), so
the server compacts once when it starts, before its first answer, and after writes only once
they pause: `quiet_s` after the last write, and at most once per `min_interval_s` (or ten times
the last compaction's length, if longer), so a store under steady writes spends at most a tenth
of a core on it. The compaction runs in a thread (pyoxigraph releases the GIL); queries go on
meanwhile, and `on_compacted` tells the query workers to open a fresh checkpoint of the
compacted store.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from cepa_kg.store import OxigraphStore, StorageFullError

log = logging.getLogger("cepa_kg.server")

QUIET_S = 5.0
MIN_INTERVAL_S = 60.0


class Compactor:
    """Compaction of `store` after writes, one at a time, in a background thread."""

    def __init__(self, store: OxigraphStore, *, quiet_s: float = QUIET_S,
                 min_interval_s: float = MIN_INTERVAL_S) -> None:
        self._store = store
        self.quiet_s = quiet_s
        self.min_interval_s = min_interval_s
        self.on_compacted: Callable[[], None] = lambda: None
        self.compactions = 0  # how many have run (for tests and operators)
        self.last_duration_s = 0.0
        self._compacted_version: int | None = None
        self._last_write = 0.0
        self._last_end = float("-inf")
        self._task: asyncio.Task[None] | None = None
        self._running = False
        self._closing = False

    @property
    def pending(self) -> bool:
        """Whether a compaction is scheduled or running."""
        return self._task is not None and not self._task.done()

    async def compact_now(self) -> bool:
        """Compact at once (at start, before the first answer) and wait for it. A failure is
        logged and answered False: it costs speed, never data, so the server goes on."""
        version = self._store.version
        started = time.monotonic()
        self._running = True
        try:
            await asyncio.shield(asyncio.to_thread(self._store.optimize))
        except StorageFullError as error:  # a full disk: reads go on, a bit slower
            log.warning("the store was not compacted: %s", error)
            return False
        except Exception:
            log.exception("compacting the store failed")
            return False
        finally:
            self._running = False
            self._last_end = time.monotonic()
        self.last_duration_s = self._last_end - started
        self._compacted_version = version
        self.compactions += 1
        if self.last_duration_s > 1:
            log.warning("the store was compacted in %.1f s", self.last_duration_s)
        self.on_compacted()
        return True

    def written(self) -> None:
        """The store took a write: compact once writes pause."""
        self._last_write = time.monotonic()
        if not self.pending and not self._closing:
            self._task = asyncio.ensure_future(self._after_writes())

    def _due_in(self) -> float:
        """Seconds until a compaction may start: after the quiet time and the interval."""
        now = time.monotonic()
        interval = max(self.min_interval_s, 10 * self.last_duration_s)
        return max(self._last_write + self.quiet_s, self._last_end + interval) - now

    async def _after_writes(self) -> None:
        while self._store.version != self._compacted_version:
            wait = self._due_in()
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            if not await self.compact_now():
                return  # logged; the next write tries again

    async def close(self) -> None:
        """Drop a scheduled compaction; wait for one that runs (it cannot be interrupted)."""
        self._closing = True
        task = self._task
        if task is None or task.done():
            return
        if not self._running:
            task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
