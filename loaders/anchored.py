"""Regex matches tried only where they can start.

A pattern that no fast literal scan can lead (one that starts with a look-behind or a word
boundary) is tried by the regex engine at every position of a text. When a cheaper scan finds
every position where a match can start, `matches_at` tries the pattern there only and gives
what `pattern.finditer` would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["matches_at"]


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int],
               end: int) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, end)` for a pattern that matches only at `starts` (positions
    from `pos` on, in increasing order) and never matches the empty string."""
    done = 0
    for pos in starts:
        if pos < done:
            continue
        m = pattern.match(text, pos, end)
        if m:
            yield m
            done = m.end()
