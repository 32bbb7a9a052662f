"""The layout of a CEPA session summary: section headings, topic cells and right-column streams.

A summary is either a two-column table ("Subtopics <TAB> Major Recommendations/Conclusions",
cells broken across lines) or sections whose headings stand on their own lines ("Subtopic 1:
...", or a short title line between blank lines) followed by paragraphs. This module names the
kind of each line and joins the pieces of a cell back into one text mapped to exact offsets.
"""

from __future__ import annotations

import re

from cepa_kg.loaders.lines import HS, Line
from cepa_kg.loaders.session_model import Theme
from cepa_kg.loaders.spans import Span, clean, cover

__all__ = [
    "AMR",
    "Stream",
    "continues_topic",
    "is_bare_heading",
    "join_pieces",
    "make_theme",
    "section_heading",
]

RECS_HEADING = re.compile(
    rf"^{HS}*(?:major{HS}+|main{HS}+|key{HS}+|summary{HS}+of{HS}+)?(?:the{HS}+)?"
    rf"(?:recommendations?|conclusions?)"
    rf"(?:{HS}*(?:/|and|&){HS}*(?:recommendations?|conclusions?))?"
    rf"(?:{HS}+of{HS}+the{HS}+(?:committee|session))?{HS}*:?{HS}*$",
    re.I,
)
SUBTOPIC_HEADING = re.compile(
    rf"^{HS}*sub-?topic(?:{HS}+\d{{1,2}}|{HS}+[ivx]{{1,4}})?{HS}*[:.\-\u2013]{HS}*(?=\S)", re.I)
_SUBTOPICS_HEADING = re.compile(rf"^{HS}*sub-?topics{HS}*:?{HS}*$", re.I)
AMR = re.compile(rf"^{HS}*(?:the{HS}+)?annual{HS}+ministerial{HS}+review(?:{HS}+theme)?"
                 rf"{HS}*[:.\-\u2013]?{HS}*", re.I)
_RESOLUTION_HEADING = re.compile(
    rf"^{HS}*(?:(?:Draft|DRAFT){HS}+[Rr]esolutions?|Resolutions?|RESOLUTIONS?)\b"
    rf"(?:{HS}+[^\t.;:,]{{0,60}})?"
    rf"{HS}*:?{HS}*$")


def _is_table_header(line: Line) -> bool:
    if "\t" not in line.text.strip():
        return False
    left, _, right = line.text.strip().partition("\t")
    return bool(RECS_HEADING.match(right.strip())) and len(left.strip()) <= 60


def section_heading(line: Line) -> str | None:
    """What a line opens: 'table' | 'amr' | 'subtopic' | 'resolution', or None."""
    s = line.text
    if _is_table_header(line):
        return "amr" if re.search(r"ministerial", s, re.I) else "table"
    if "\t" in s.strip():
        return None
    if _RESOLUTION_HEADING.match(s):
        return "resolution"
    if AMR.match(s):
        return "amr"
    if RECS_HEADING.match(s) or _SUBTOPICS_HEADING.match(s):
        return "table"
    if SUBTOPIC_HEADING.match(s):
        return "subtopic"
    return None


_HEADING_WORDS = 14
_NOT_A_TITLE_END = re.compile(r"[.;:,!?\u2026]$|\b(?:and|or|of|the|to|for|in)$", re.I)
_DIRECTIVE_WORDS = re.compile(r"\b(?:should|must|shall|needs?\s+to|urges|recommends|requests)\b",
                              re.I)
_BULLETED = re.compile(r"^[-\u2013\u2014*\u2022\u25e6\u25aa\u25cf\u25a0\uf0b7]|^\(?[a-z0-9ivx]{1,4}[.)]",
                       re.I)


def is_bare_heading(lines: list[Line], i: int) -> bool:
    """A short title line that stands alone (a blank line or the start before it) and is
    followed by a paragraph: a subtopic heading in the layout without a table.

    Never true in tab-separated tables; callers ask only outside them."""
    ln = lines[i]
    s = ln.text.strip()
    if not s or "\t" in s or len(s.split()) > _HEADING_WORDS or not s[0].isupper():
        return False
    if _NOT_A_TITLE_END.search(s) or _BULLETED.match(s):
        return False
    if i > 0 and not lines[i - 1].blank:
        return False
    nxt = next((lines[k] for k in range(i + 1, len(lines)) if not lines[k].blank), None)
    if nxt is None or section_heading(nxt) is not None:
        return False
    t = nxt.text.strip()
    if t[:1].islower() or _DIRECTIVE_WORDS.search(s):
        return False  # the first line of a wrapped paragraph, not a title
    if nxt.index == i + 1 and len(s) > 0.6 * len(t):
        return False  # a title directly above its text is much shorter than the text's lines
    # the paragraph after it reads as prose: several lines, longer than a title, or a sentence
    after = lines[nxt.index + 1] if nxt.index + 1 < len(lines) else None
    return (len(t.split()) > _HEADING_WORDS or bool(re.search(r"[.:;]$", t))
            or (after is not None and not after.blank))


class Stream:
    """Pieces of a cell joined into one virtual text (`v`), mapped back to document offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[tuple[int, Span]] = []  # (virtual start, document span)
        self.v = ""

    def add(self, span: Span) -> None:
        if len(span) == 0:
            return
        if self.v:
            self.v += " "
        self.parts.append((len(self.v), span))
        self.v += span.of(self.text)

    def part_starts(self) -> set[int]:
        return {vs for vs, _ in self.parts}

    def pieces(self, a: int, b: int) -> list[Span]:
        out = []
        for vs, sp in self.parts:
            ve = vs + len(sp)
            lo, hi = max(a, vs), min(b, ve)
            if lo < hi:
                out.append(Span(sp.start + lo - vs, sp.start + hi - vs))
        return out

    def locate(self, a: int, b: int) -> tuple[Span, tuple[Span, ...]]:
        """The document span of virtual range [a, b) (see `join_pieces`) and its pieces."""
        pieces = self.pieces(a, b)
        if not pieces:
            raise ValueError("empty range")
        return join_pieces(self.text, pieces), tuple(pieces)


def join_pieces(text: str, pieces: list[Span]) -> Span:
    """Cover of the pieces when only white space lies between them, else the first piece."""
    for p, q in zip(pieces, pieces[1:]):
        if text[p.end : q.start].strip():
            return pieces[0]
    return cover(pieces)


_CONNECTOR_END = re.compile(
    r"(?:\b(?:for|of|and|or|in|to|the|a|an|on|with|by|at|from|towards?|into|through|its|their)"
    r"|[,\-\u2013/:])$", re.I)


def continues_topic(text: str, prev: Span, nxt: Span) -> bool:
    """Whether cell piece `nxt` continues the topic `prev` ("... methodologies for" /
    "developing")."""
    first = nxt.of(text).lstrip()
    return bool(first) and (first[0].islower() or bool(_CONNECTOR_END.search(prev.of(text))))


def make_theme(text: str, pieces: list[Span]) -> Theme:
    """A theme from the pieces of its cell."""
    return Theme(clean(" ".join(p.of(text) for p in pieces)), join_pieces(text, pieces),
                 tuple(pieces))
