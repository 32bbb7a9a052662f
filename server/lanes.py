"""Admission of expensive queries to the query workers, so that light work never waits behind
heavy work.

Every query starts short. One still running after `short_s` is *expensive*: it goes on only
while fewer than `long_slots` expensive queries run, and fewer than `per_client` of its own
client's; else it is stopped (its worker killed) and answered 503 (429 past the client's own
limit) with `Retry-After`. The other workers are thus held by short work only, never longer
than `short_s` at a time, and a light query waits at most about that long for one, whatever
the heavy queries do. A text once seen to run long is remembered (the last `REMEMBERED`), and
is admitted as expensive before it takes a worker (or refused, after waiting at most
`short_s` for a place); so are all queries of
a client whose query was stopped, until the `Retry-After` it was given has passed (a client
retrying at once with new texts would otherwise cost a worker for `short_s` each time)."""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from cepa_kg.server.runner import BusyError

REMEMBERED = 1024


class TooManyExpensiveError(BusyError):
    """The client already runs as many expensive queries as one client may (answered 429)."""

    status = 429


@dataclass(eq=False)
class Slot:
    """One expensive query's place in the long lane."""

    client: str | None
    started: float = field(default_factory=time.monotonic)


def lane_sizes(workers: int, long_workers: int, per_client: int) -> tuple[int, int]:
    """(expensive queries at once, of them per client) for a pool of `workers`: by default
    (0) half the workers, leaving the rest to short queries (one worker: no room to reserve),
    and half of those per client, at least one."""
    slots = long_workers or max(1, workers // 2)
    return slots, per_client or max(1, slots // 2)


class Lanes:
    """Counts the expensive queries running, in all and per client (the event loop only)."""

    def __init__(self, *, long_slots: int, per_client: int, short_s: float,
                 budget_s: float) -> None:
        self.long_slots, self.per_client = long_slots, per_client
        self.short_s, self.budget_s = short_s, budget_s
        self._slots: list[Slot] = []
        self._by_client: defaultdict[str | None, int] = defaultdict(int)
        self._heavy: OrderedDict[str, None] = OrderedDict()
        self._told: dict[str | None, float] = {}  # client: when its Retry-After ends
        self._freed = asyncio.Event()

    @staticmethod
    def _key(query: str) -> str:
        return " ".join(query.split())

    def known_heavy(self, query: str) -> bool:
        return self._key(query) in self._heavy

    def remember(self, query: str) -> None:
        key = self._key(query)
        self._heavy[key] = None
        self._heavy.move_to_end(key)
        while len(self._heavy) > REMEMBERED:
            self._heavy.popitem(last=False)

    def told_to_wait(self, client: str | None) -> bool:
        """Whether `client` had a query stopped and its Retry-After has not passed."""
        until = self._told.get(client)
        if until is None:
            return False
        if until > time.monotonic():
            return True
        del self._told[client]
        return False

    def stopped(self, client: str | None, retry_after: int) -> None:
        """`client`'s query was stopped, and it was told to retry after `retry_after` s."""
        if len(self._told) > REMEMBERED:
            self._told.clear()
        self._told[client] = time.monotonic() + retry_after

    @property
    def running(self) -> int:
        return len(self._slots)

    def _retry_after(self) -> int:
        """Seconds until the first running expensive query reaches its budget."""
        now = time.monotonic()
        ends = [s.started + self.budget_s - now for s in self._slots]
        return max(1, math.ceil(min(ends, default=1)))

    def take(self, client: str | None) -> Slot:
        """A place for one more expensive query of `client`, or BusyError (503) when the long
        lane is full, TooManyExpensiveError (429) when the client's share is."""
        if len(self._slots) >= self.long_slots:
            error = BusyError(
                f"{self.long_slots} expensive queries (running over {self.short_s:g} s) are "
                "running already, the most at once; the others are kept for short queries. "
                "Try again later, or make the query cheaper")
            error.retry_after = self._retry_after()  # type: ignore[attr-defined]
            raise error
        if self._by_client[client] >= self.per_client:
            error = TooManyExpensiveError(
                f"you have {self._by_client[client]} expensive queries (running over "
                f"{self.short_s:g} s) running, the most one client may; try again when one "
                "has ended")
            error.retry_after = self._retry_after()  # type: ignore[attr-defined]
            raise error
        slot = Slot(client)
        self._slots.append(slot)
        self._by_client[client] += 1
        return slot

    async def take_soon(self, client: str | None) -> Slot:
        """`take`, waiting up to `short_s` for a place to free (a query just abandoned or
        ending), then refusing as `take` does."""
        deadline = time.monotonic() + self.short_s
        while True:
            try:
                return self.take(client)
            except BusyError:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise
            self._freed.clear()
            try:
                await asyncio.wait_for(self._freed.wait(), remaining)
            except TimeoutError:
                pass

    def give(self, slot: Slot) -> None:
        self._freed.set()
        self._slots.remove(slot)
        self._by_client[slot.client] -= 1
        if not self._by_client[slot.client]:
            del self._by_client[slot.client]
