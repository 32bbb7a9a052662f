"""Progress on long work: a bar with counts, rate and time left (tqdm) when the output is a
terminal, plain lines now and then when it is not (CI logs, pipes: one at each tenth of the
work, at most one every few seconds, and one at the end), nothing with `--quiet`."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from tqdm import tqdm

__all__ = ["Progress"]

#: Plain lines: at each tenth of the work, but not more often than this (seconds).
_PLAIN_EVERY = 2.0
_MB = 1_000_000


def _width(stream: TextIO) -> dict[str, object]:
    """The terminal's size, followed as it changes; 80 by 24 where it reports none (a terminal
    opened by a script), for tqdm draws nothing in a terminal of no size."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError):
        size = os.terminal_size((0, 0))
    return {"dynamic_ncols": True} if size.columns and size.lines else {"ncols": 80, "nrows": 24}


class Progress:
    """Counts `total` steps of `what` ("load"), in `unit`s ("documents"); `in_bytes`: the
    steps are bytes, shown in MB."""

    def __init__(self, total: int, *, what: str, unit: str, quiet: bool = False,
                 stream: TextIO | None = None, in_bytes: bool = False) -> None:
        self.total, self.what, self.unit, self.in_bytes = total, what, unit, in_bytes
        self.stream = stream or sys.stderr
        self.quiet = quiet or total <= 0
        self.done = 0
        self.started = time.monotonic()
        self._last_line = self.started  # a short job gets the last line alone
        self._last_tenth = 0
        self._bar = None if self.quiet or not self.stream.isatty() else tqdm(
            total=total, desc=what, file=self.stream, leave=True, **_width(self.stream),
            **({"unit": "B", "unit_scale": True} if in_bytes else {"unit": f" {unit}"}))

    def step(self, label: str = "") -> None:
        """One more step done (`label`: what it was, shown on the bar)."""
        self.advance(1, label)

    def advance(self, count: int, label: str = "") -> None:
        """`count` more steps done; past the total (an estimate's), the count stays at it."""
        count = min(count, self.total - self.done)
        if count <= 0:
            return
        self.done += count
        if self.quiet:
            return
        if self._bar is not None:
            if label:
                self._bar.set_postfix_str(label[-40:], refresh=False)
            self._bar.update(count)
            return
        tenth = 10 * self.done // self.total
        now = time.monotonic()
        if self.done == self.total or (tenth > self._last_tenth
                                       and now - self._last_line >= _PLAIN_EVERY):
            self._last_tenth, self._last_line = tenth, now
            print(self.line(now), file=self.stream, flush=True)

    def finish(self) -> None:
        """All done (where the steps were estimated and fell short of the total)."""
        self.advance(self.total - self.done)

    def _amount(self, number: float) -> str:
        return f"{number / _MB:,.1f}" if self.in_bytes else f"{number:,.0f}"

    def _rate(self, rate: float) -> str:
        rate = rate / _MB if self.in_bytes else rate
        return f"{rate:,.1f}" if rate < 100 else f"{rate:,.0f}"

    def line(self, now: float | None = None) -> str:
        """"cepa-kg: load 120/1,000 (12%), 33.1 documents/s, about 27 s left"."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        tail = f", about {left:.0f} s left" if self.done < self.total else \
            f", in {elapsed:.1f} s"
        return (f"cepa-kg: {self.what} {self._amount(self.done)}/{self._amount(self.total)}"
                f"{' MB' if self.in_bytes else ''} ({100 * self.done // self.total}%), "
                f"{self._rate(rate)} {self.unit}/s{tail}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
