"""Sentence boundaries that know honorifics and initials ("Mr.", "H.E.", "J. Smith")."""

from __future__ import annotations

import re
from functools import lru_cache

from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span

__all__ = ["sentence_end", "sentence_spans", "split_sentences"]

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


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Vol|para|paras|art|e\.g|i\.e|"
                           r"etc|vs|cf|H\.E|U\.S|U\.N|op|Rev|Add|Corr)|\b[A-Z])\.$")


def sentence_spans(text: str, span: Span, *, paragraphs: bool = False) -> list[Span]:
    """A fresh list of `_sentence_spans` (an update item's body is split by its event reader
    and again by its event mapper: one split serves both)."""
    return list(_sentence_spans(text, span, paragraphs))


@lru_cache(maxsize=64)
def _sentence_spans(text: str, span: Span, paragraphs: bool) -> tuple[Span, ...]:
    """Sentences of text[span], ended by ".", "!" or "?" before a capital or a digit (not by
    ";": a list's items stay in their sentence); honorifics, initials and "e.g." are no ends.
    With `paragraphs`, a blank line before a capital ends one too, unless the line before it
    ends with a word that wants more ("of", "and", "the", a comma): a lead paragraph without
    its full stop ("... will be held in Kigali from 17-21 September"), not a page break cut."""
    out, start = [], span.start
    ends = [m.end() for m in _SENTENCE_END.finditer(text, span.start, span.end)
            if not _ABBREVIATION.search(text[max(span.start, m.start() - 5): m.start() + 1])]
    if paragraphs:
        ends = sorted(set(ends) | {m.start() for m in _PARAGRAPH_END.finditer(
            text, span.start, span.end) if not _WANTS_MORE.search(
                text[max(span.start, m.start() - 12): m.start()])} | {
            edge for m in _FIELD_LINE.finditer(text, span.start, span.end)
            for edge in (m.start(), m.end()) if span.start < edge < span.end})
    for end in ends:
        piece = Span(start, end).strip(text)
        if len(piece):
            out.append(piece)
        start = end
    last = Span(start, span.end).strip(text)
    if len(last):
        out.append(last)
    return tuple(out)


#: A page's field line ("Country: Bangkok, Thailand", "Event Date: -"), a sentence of its own
#: even where the copy lost the blank lines around it.
_FIELD_LINE = re.compile(r"^[^\S\n]*[A-Z][\w ]{1,30}:[^\S\n][^\n]{0,120}$", re.M)
_PARAGRAPH_END = screened(re.compile(r"(?<=[\w”\"’)])[^\S\n]*\n[^\S\n]*\n\s*(?=[“\"‘(]?[A-Z0-9])"))
_WANTS_MORE = re.compile(r"(?:\b(?:of|and|or|the|a|an|in|on|for|to|with|by|at|from)|,)$", re.I)
