"""An ordered, bounded map over worker processes, for CPU-bound document preparation.

Workers are forked (where the platform allows) after `warm_up` ran in this process, so they
inherit what it loaded (gazetteer, reference data, compiled shapes) instead of each paying for
it. At most `window` items are in flight, so a folder of 10,000 documents never sits in a queue
all at once, and results come back in input order as soon as each is ready. The window is
wide (32 by default) so that the workers keep going while the caller spends a second on a
bulk commit.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def parallel_map(fn: Callable[[T], R], items: Iterable[T], *, jobs: int,
                 warm_up: Callable[[], None] | None = None,
                 window: int | None = None) -> Iterator[R]:
    """`map(fn, items)` in `jobs` processes, in order. `fn` and the items must pickle."""
    if warm_up is not None:
        warm_up()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    window = window or max(32, 8 * jobs)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                             initializer=None if context.get_start_method() == "fork"
                             else warm_up) as pool:
        in_flight: deque[Future[R]] = deque()
        for item in items:
            in_flight.append(pool.submit(fn, item))
            if len(in_flight) >= window:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
