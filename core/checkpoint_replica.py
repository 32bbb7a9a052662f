"""Front processes of `cepa-kg serve --workers N` on the embedded store read checkpoints.

One process (the writer) holds the store read-write and, after each write, publishes a
checkpoint (RocksDB hard links, about a millisecond) into a folder, naming the newest in the
file `CURRENT`. Every front process reads through a `CheckpointReplica`: the newest published
checkpoint, opened read-only, swapped for a newer one at the next call after `CURRENT`
changed (one `stat`). Writes never reach a replica: its app forwards them to the writer
(`server/forward_writes.py`), which publishes before it answers, so a client reads its own
write at once through any front.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from cepa_kg.store import (
    CommitGate,
    Dataset,
    Format,
    OxigraphStore,
    QueryKind,
    StagedChange,
    StoreError,
    Term,
)

log = logging.getLogger("cepa_kg.store")

CURRENT = "CURRENT"


class CheckpointPublisher:
    """The writer's side: a checkpoint of `store` whenever its version moved since the last
    one; checkpoints superseded more than `keep_s` ago are deleted (a front may still be
    reading one for a query's budget)."""

    def __init__(self, store: OxigraphStore, folder: Path, keep_s: float = 60.0) -> None:
        self.store, self.folder, self.keep_s = store, folder, keep_s
        self._lock = threading.Lock()
        self._published: int | None = None
        folder.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name) for p in folder.iterdir() if p.name.isdigit()]
        self._number = max(numbers, default=0)
        #: The newest checkpoint, and those it replaced, each with when it was replaced.
        self._newest: Path | None = folder / str(self._number) if numbers else None
        self._superseded: list[tuple[float, Path]] = [
            (time.monotonic(), folder / str(n)) for n in numbers if n != self._number]

    def publish_if_changed(self) -> bool:
        with self._lock:
            if self._published == self.store.version:
                return False
            self._number += 1
            target = self.folder / str(self._number)
            self.store.checkpoint(target)
            staged = self.folder / f"{CURRENT}.{os.getpid()}"
            staged.write_text(str(self._number))
            os.replace(staged, self.folder / CURRENT)
            now = time.monotonic()
            if self._newest is not None:
                self._superseded.append((now, self._newest))
            self._newest = target
            kept = []
            for when, path in self._superseded:
                if now - when > self.keep_s:
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    kept.append((when, path))
            self._superseded = kept
            self._published = self.store.version
            return True


class CheckpointReplica:
    """The `GraphStore` reads of a front process: the writer's newest checkpoint."""

    path: Path | None = None
    read_only = True
    full: str | None = None
    version_moves_with_time = False

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._number = 0
        self._store: OxigraphStore | None = None
        self._current()
        if self._store is None:
            raise StoreError(f"no checkpoint published in {folder}")

    def _current(self) -> OxigraphStore:
        marker = self.folder / CURRENT
        try:
            stat = marker.stat()
        except FileNotFoundError:
            stat = None
        seen = (stat.st_mtime_ns, stat.st_ino) if stat else None
        if seen != self._seen:
            with self._lock:
                if seen != self._seen and stat is not None:
                    number = int(marker.read_text())
                    self._store = OxigraphStore(self.folder / str(number), read_only=True)
                    self._number, self._seen = number, seen
        assert self._store is not None
        return self._store

    @property
    def version(self) -> int:
        self._current()
        return self._number

    def query_into(self, sparql: str, sink: BinaryIO,
                   choose_format: Callable[[QueryKind], Format], *,
                   dataset: Dataset | None = None,
                   substitutions: Mapping[str, Term] | None = None,
                   ) -> tuple[QueryKind, Format]:
        return self._current().query_into(sparql, sink, choose_format, dataset=dataset,
                                          substitutions=substitutions)

    def select(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None,
               ) -> list[dict[str, Term]]:
        return self._current().select(sparql, substitutions=substitutions)

    def ask(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None) -> bool:
        return self._current().ask(sparql, substitutions=substitutions)

    def construct(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None,
                  ) -> list[ox.Triple]:
        return self._current().construct(sparql, substitutions=substitutions)

    def graphs(self) -> list[str]:
        return self._current().graphs()

    def has_graph(self, graph: str) -> bool:
        return self._current().has_graph(graph)

    def dump(self, sink: BinaryIO, *, format: ox.RdfFormat, graph: str | None = None,
             prefixes: Mapping[str, str] | None = None) -> None:
        self._current().dump(sink, format=format, graph=graph, prefixes=prefixes)

    def dump_union(self, sink: BinaryIO, *, format: ox.RdfFormat,
                   prefixes: Mapping[str, str] | None = None) -> None:
        self._current().dump_union(sink, format=format, prefixes=prefixes)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        return self._current().quads(graph)

    def graph_ntriples(self, graph: str | None) -> bytes | None:
        return self._current().graph_ntriples(graph)

    def _no_writes(self, *args: Any, **kwargs: Any) -> None:
        raise StoreError("a front process does not write: its writes go to the writer process")

    replace_graph = add_graphs = drop_graph = update = _no_writes

    def change_checked(self, mutate: Callable[[ox.Store], None], *,
                       check: Callable[[StagedChange], None] | None = None,
                       gate: CommitGate | None = None) -> StagedChange:
        raise StoreError("a front process does not write: its writes go to the writer process")

    def flush(self) -> None:
        """Nothing to write."""

    def optimize(self) -> None:
        """The writer compacts."""
