"""Character spans into a document's text, and whitespace helpers that keep them exact.

Offsets are code-point positions into the decoded document text exactly as read (no newline or
whitespace normalisation), so `text[span.start:span.end]` is the quote a resource came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range [start, end) of character offsets into the document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The exact source text this span covers."""
        return text[self.start : self.end]

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def strip(self, text: str, chars: str | None = None) -> Span:
        """The same span without leading and trailing white space (or `chars`)."""
        piece = text[self.start : self.end]
        left = len(piece) - len(piece.lstrip(chars))
        right = len(piece.rstrip(chars))
        if right <= left:
            return Span(self.start + left, self.start + left)
        return Span(self.start + left, self.start + right)

    def __len__(self) -> int:
        return self.end - self.start


def clean(text: str) -> str:
    """Collapse every run of white space (tabs, line breaks, NBSP) to one space and trim.

    (`str.split` and the regex `\\s` know the same white space; this is faster than a `sub`.)
    """
    return " ".join(text.split())


def cover(spans: list[Span]) -> Span:
    """The smallest span that covers all the given spans."""
    return Span(min(s.start for s in spans), max(s.end for s in spans))
