"""`cepa-kg compact` with its progress: RocksDB rewrites the store's table files (`*.sst`) into
new ones, so the bytes of the new files against those of the old measure how far it is (an
estimate: the new files are often smaller, and the count jumps to the end when it is done)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from cepa_kg.progress import Progress
from cepa_kg.store import GraphStore

__all__ = ["compact", "table_files"]

#: How often the store folder is looked at while compaction runs (seconds).
_POLL = 0.2


def table_files(folder: Path) -> dict[str, int]:
    """The store's table files and their sizes in bytes."""
    sizes = {}
    for path in folder.glob("*.sst"):
        try:
            sizes[path.name] = path.stat().st_size
        except FileNotFoundError:  # removed by the compaction meanwhile
            continue
    return sizes


def _run_watched(work: Callable[[], None], measure: Callable[[], int],
                 progress: Progress) -> None:
    """Run `work` in a thread; meanwhile feed `measure()` (the bytes done) to `progress`."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            failure.append(error)

    thread = threading.Thread(target=run, name="compact")
    thread.start()
    while thread.is_alive():
        thread.join(_POLL)
        progress.advance(measure() - progress.done)
    if failure:
        raise failure[0]
    progress.finish()


def compact(store: GraphStore, folder: Path, *, quiet: bool) -> None:
    """Compact `store` (kept in `folder`), showing progress in MB of table files rewritten."""
    before = table_files(folder)
    progress = Progress(sum(before.values()), what="compact", unit="MB", quiet=quiet,
                        in_bytes=True)

    def rewritten() -> int:
        return sum(size for name, size in table_files(folder).items() if name not in before)

    try:
        _run_watched(store.optimize, rewritten, progress)
    finally:
        progress.close()
