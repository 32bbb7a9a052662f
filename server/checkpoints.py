"""Read-only checkpoints of the on-disk store for the query worker processes.

The server process holds the read-write store. Before a query is dispatched, if the data
changed since the newest checkpoint (the store's `version` grew), a new checkpoint is made
(`backup`: hard links, about a millisecond). Workers open the newest one; an older one is
deleted once no worker has it open.

On a full disk: a store opened read-only (for want of room) is its own checkpoint, nothing
writes to it; a checkpoint that finds no room (it first writes what is buffered) raises
StorageFullError, and the query runs on the store itself (see `executor`): the workers' copy
would miss the latest writes.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import shutil
from pathlib import Path

from cepa_kg.storage_full import full_reason
from cepa_kg.store import OxigraphStore, StorageFullError

log = logging.getLogger("cepa_kg.server")


def checkpoints_folder(store_path: Path) -> Path:
    """Where the checkpoints of the store at `store_path` live: a sibling folder, so RocksDB
    never meets foreign files in its own."""
    return store_path.with_name(store_path.name + ".checkpoints")


class Checkpoints:
    """The checkpoints of one store and how many workers use each."""

    def __init__(self, store: OxigraphStore) -> None:
        if store.path is None:
            raise ValueError("checkpoints need an on-disk store")
        self._store = store
        self.folder = checkpoints_folder(store.path)
        self._lock = asyncio.Lock()
        self._numbers = itertools.count()
        self._newest: Path | None = None
        self._version = -1
        self._users: dict[Path, int] = {}
        self._fixed = store.path if store.read_only else None
        self._warned_version: int | None = None

    async def start(self) -> None:
        """Clear what an earlier run left, and make the first checkpoint."""
        if self._fixed is not None:
            self._newest = self._fixed
            return
        await asyncio.to_thread(shutil.rmtree, self.folder, True)
        try:
            self.folder.mkdir(parents=True)
        except OSError as error:
            if (reason := full_reason(error)) is None:
                raise
            raise StorageFullError(self.folder, reason) from error
        await self.newest()

    def renew(self) -> None:
        """Make the next `newest` a new checkpoint even if the data did not change (the store
        was compacted: a new checkpoint reads faster)."""
        self._version = -1

    async def newest(self) -> Path:
        """The newest checkpoint, made first if the data changed since the last one."""
        if self._fixed is not None:
            return self._fixed
        if self._newest is not None and self._store.version == self._version:
            return self._newest
        async with self._lock:
            version = self._store.version
            if self._newest is None or version != self._version:
                target = self.folder / f"v{version}-{next(self._numbers)}"
                try:
                    await asyncio.to_thread(self._store.checkpoint, target)
                except StorageFullError as error:
                    await asyncio.to_thread(shutil.rmtree, target, True)
                    if self._warned_version != version:
                        self._warned_version = version
                        log.warning("no room for a checkpoint of the latest writes (%s): "
                                    "queries run in the server's threads", error)
                    raise
                old, self._newest, self._version = self._newest, target, version
                if old is not None:
                    await self._drop_if_unused(old)
            assert self._newest is not None
            return self._newest

    async def switch(self, old: Path | None, new: Path | None) -> None:
        """A worker closes `old` (if any) and opens `new` (if any)."""
        if old == new:
            return
        if new is not None:
            self._users[new] = self._users.get(new, 0) + 1
        if old is not None:
            self._users[old] -= 1
            await self._drop_if_unused(old)

    async def _drop_if_unused(self, path: Path) -> None:
        if path != self._newest and path != self._fixed and not self._users.get(path):
            self._users.pop(path, None)
            await asyncio.to_thread(shutil.rmtree, path, True)

    async def close(self) -> None:
        if self._fixed is None:
            await asyncio.to_thread(shutil.rmtree, self.folder, True)
