"""What a page computes from the store, remembered for the data version (`store.version`):
asked again while the data stay the same, a page's slow part is not run again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class VersionCache:
    """Values by (data version, key), the older versions' dropped; at most `size` of them
    (the oldest go first)."""

    def __init__(self, size: int = 256) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._entries: dict[tuple[Any, Hashable], Any] = {}

    def get(self, store: Any, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of `key` for the store's current version, computed (in this thread:
        call it in a worker thread) when not yet known."""
        version = store.version  # (read before computing: a write meanwhile makes it stale)
        found, value = self.peek(version, key)
        if not found:
            value = compute()
            self.put(version, key, value)
        return value  # type: ignore[no-any-return]

    def peek(self, version: int, key: Hashable) -> tuple[bool, Any]:
        """(True, the value) of `key` for this data version, or (False, None)."""
        with self._lock:
            entry = (version, key)
            return (True, self._entries[entry]) if entry in self._entries else (False, None)

    def put(self, version: int, key: Hashable, value: Any) -> None:
        """Remember `value` for `key` at this data version (read before computing it)."""
        entry = (version, key)
        with self._lock:
            if any(k[0] != entry[0] for k in self._entries):
                self._entries = {k: v for k, v in self._entries.items() if k[0] == entry[0]}
            while len(self._entries) >= self._size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[entry] = value


def page_cache(state: Any) -> VersionCache:
    """The app's cache (on `app.state`)."""
    cache = getattr(state, "page_cache", None)
    if cache is None:
        cache = state.page_cache = VersionCache()
    return cache
