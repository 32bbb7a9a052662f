"""Sentence boundaries that know honorifics and initials ("Mr.", "H.E.", "J. Smith")."""

from __future__ import annotations

import re

from cepa_kg.loaders.spans import Span

__all__ = ["sentence_end", "split_sentences"]

_ABBREV = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Vol|e\.g|i\.e|etc|vs|H\.E)|\b[A-Z])$")
_STOP = re.compile(r"[.;!?](?=[”\"’)]*(?:\s|$))")
_ENDS_PARAGRAPH = re.compile(r"[:.”\"]\s*$")


def sentence_end(text: str, pos: int, limit: int) -> int:
    for m in _STOP.finditer(text, pos, limit):  # `limit` ends the text for `$` too
        if not _ABBREV.search(text[max(0, m.start() - 6) : m.start()]):
            return m.end()
    return limit


def split_sentences(text: str, span: Span) -> list[Span]:
    out, pos = [], span.start
    while pos < span.end:
        end = sentence_end(text, pos, span.end)
        para = text.find("\n\n", pos, end)
        if para >= 0 and _ENDS_PARAGRAPH.search(text[pos:para]):
            end = para
        s = Span(pos, end).strip(text)
        if len(s):
            out.append(s)
        pos = max(end, pos + 1)
    return out
