"""Lines of a document with their exact offsets, shared by the loaders that read layout.

A line ends at "\\r\\n", "\\n" or "\\r" (Windows, Unix or old Mac line ends); its `start` and
`end` are offsets into the text as given (the line break excluded), so every span taken from a
line is an exact slice of the document. No text is normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.loaders.spans import Span

__all__ = ["HS", "Line", "line_no", "split_lines"]

HS = r"[^\S\r\n]"
"""One horizontal white space character: space, tab, NBSP and the other Unicode spaces."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")


@dataclass(frozen=True)
class Line:
    """One line: its 0-based `index`, offsets (line break excluded) and text."""

    index: int
    start: int
    end: int
    text: str

    @property
    def no(self) -> int:
        """The 1-based line number."""
        return self.index + 1

    @property
    def raw(self) -> str:
        return self.text

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def sub(self, a: int, b: int, text: str) -> Span:
        """The span of `self.text[a:b]` in the document, white space stripped."""
        return Span(self.start + a, self.start + b).strip(text)


def split_lines(text: str) -> list[Line]:
    """Every line of `text`, in order; an empty text has no lines.

    >>> [(ln.start, ln.end, ln.text) for ln in split_lines("a\\r\\nbc\\n")]
    [(0, 1, 'a'), (3, 5, 'bc')]
    """
    out: list[Line] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():  # the empty match at the very end
            break
        body = m.group(0).rstrip("\r\n")
        out.append(Line(len(out), m.start(), m.start() + len(body), body))
    return out


def line_no(text: str, offset: int) -> int:
    """The 1-based number of the line that holds `offset` (any of the three line ends).

    >>> line_no("a\\r\\nb\\rc", 5)
    3
    """
    crlf = text.count("\r\n", 0, offset)
    return text.count("\n", 0, offset) + text.count("\r", 0, offset) - crlf + 1
