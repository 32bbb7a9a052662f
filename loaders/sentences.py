"""Sentence boundaries that know honorifics and initials ("Mr.", "H.E.", "J. Smith")."""

from __future__ import annotations

import re

from cepa_kg.loaders.spans import Span

__all__ = ["sentence_end", "split_sentences"]

_ABBREV = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Vol|e\.g|i\.e|etc|vs|H\.E)|\b[A-Z])$")


def sentence_end(text: str, pos: int, limit: int) -> int:
    for m in re.finditer(r"[.;!?](?=[”\"’)]*(?:\s|$))", text[pos:limit]):
        if not _ABBREV.search(text[max(0, pos + m.start() - 6) : pos + m.start()]):
            return pos + m.end()
    return limit


def split_sentences(text: str, span: Span) -> list[Span]:
    out, pos = [], span.start
    while pos < span.end:
        end = sentence_end(text, pos, span.end)
        para = text.find("\n\n", pos, end)
        if para >= 0 and re.search(r"[:.”\"]\s*$", text[pos:para]):
            end = para
        s = Span(pos, end).strip(text)
        if len(s):
            out.append(s)
        pos = max(end, pos + 1)
    return out
