"""The body of a CEPA session summary: subtopic cells and the recommendations beside them.

Two layouts, line by line:

- a tab table: ``left cell <TAB> right cell``; a cell broken over lines continues on the next
  line (left cell empty, or no tab at all); a subtopic broken over lines continues with a
  lower-case word or after a connector ("... methodologies for" / "developing");
- sections: a heading line ("Subtopic 1: X", or a short title alone between blank lines)
  followed by paragraphs, all of which belong to that subtopic.

An "Annual Ministerial Review" heading opens a part laid out the same way whose theme is the
review theme. Each row's right-hand text goes to `session_items.Segmenter`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cepa_kg.loaders.lines import Line, line_no
from cepa_kg.loaders.session_items import Segmenter
from cepa_kg.loaders.session_layout import (
    AMR,
    SUBTOPIC_HEADING,
    Stream,
    continues_topic,
    is_bare_heading,
    make_theme,
)
from cepa_kg.loaders.session_model import Recommendation, Theme
from cepa_kg.loaders.spans import Span, clean

__all__ = ["TableResult", "read_table"]


@dataclass
class _Row:
    subtopic: int | None
    amr: bool
    stream: Stream


@dataclass
class _Topic:
    pieces: list[Span]
    amr: bool


@dataclass(frozen=True)
class TableResult:
    """What the body holds: subtopics, the review theme and the recommendations."""

    subtopics: tuple[Theme, ...]
    amr_theme: Theme | None
    recommendations: tuple[Recommendation, ...]


class _Reader:
    """Reads lines [lo, hi) into rows (a subtopic and its right-hand stream)."""

    def __init__(self, text: str, lines: list[Line], headings: list[str | None]) -> None:
        self.text, self.lines, self.headings = text, lines, headings
        self.topics: list[_Topic] = []
        self.amr_pieces: list[Span] = []
        self.rows: list[_Row] = []
        self.part_amr = False
        self.tabbed = False  # inside a tab table: no bare headings there

    def new_row(self, subtopic: int | None) -> _Row:
        self.rows.append(_Row(subtopic, self.part_amr, Stream(self.text)))
        return self.rows[-1]

    def new_topic(self, span: Span) -> _Row:
        self.topics.append(_Topic([span], self.part_amr))
        return self.new_row(len(self.topics) - 1)

    def left_cell(self, sp: Span) -> _Row:
        text, rows = self.text, self.rows
        row = rows[-1] if rows else None
        if self.part_amr:
            am = AMR.match(sp.of(text))
            if am and am.end() > 0:
                sp = Span(sp.start + am.end(), sp.end).strip(text)
            if not self.amr_pieces:
                if len(sp):
                    self.amr_pieces.append(sp)
                return row if row is not None and row.amr and row.subtopic is None \
                    else self.new_row(None)
            if len(sp) == 0:
                return row if row is not None else self.new_row(None)
        prev_pieces = (self.amr_pieces if (self.part_amr and row is not None
                                           and row.subtopic is None)
                       else self.topics[row.subtopic].pieces if row is not None
                       and row.subtopic is not None else None)
        if row is not None and prev_pieces and row.amr == self.part_amr and \
                continues_topic(text, prev_pieces[-1], sp):
            prev_pieces.append(sp)
            return row
        return self.new_topic(sp)

    def heading(self, ln: Line, h: str) -> None:
        text = self.text
        self.part_amr = h == "amr"
        self.tabbed = "\t" in ln.text.strip()
        if h == "amr" and not self.tabbed:
            rest = ln.span.strip(text)
            am = AMR.match(rest.of(text))
            assert am is not None
            theme_sp = Span(rest.start + am.end(), rest.end).strip(text)
            self.new_row(None)
            if len(theme_sp):
                self.left_cell(theme_sp)
            return
        self.new_row(None)  # a new table (or the AMR part) starts with a fresh row

    def line(self, i: int) -> None:
        text, ln = self.text, self.lines[i]
        h = self.headings[i]
        if ln.blank:
            return
        if h in ("table", "amr"):
            self.heading(ln, h)
            return
        if h == "subtopic":
            sm = SUBTOPIC_HEADING.match(ln.text)
            assert sm is not None
            self.tabbed = False
            self.new_topic(ln.sub(sm.end(), len(ln.text), text))
            return
        if "\t" in ln.text:
            self.tabbed = True
            k = ln.text.index("\t")
            left = ln.sub(0, k, text)
            right = ln.sub(k + 1, len(ln.text), text)
            row = self.left_cell(left) if len(left) else (self.rows[-1] if self.rows
                                                          else self.new_row(None))
            row.stream.add(right)
            return
        if not self.tabbed and is_bare_heading(self.lines, i):
            self.new_topic(ln.span.strip(text))
            return
        row = self.rows[-1] if self.rows else self.new_row(None)
        row.stream.add(ln.span.strip(text))


def read_table(text: str, lines: list[Line], headings: list[str | None], lo: int, hi: int,
               warnings: list[str]) -> TableResult:
    """Subtopics, review theme and recommendations of lines [lo, hi)."""
    reader = _Reader(text, lines, headings)
    for i in range(lo, hi):
        reader.line(i)
    subtopics = tuple(make_theme(text, t.pieces) for t in reader.topics)
    amr_theme = make_theme(text, reader.amr_pieces) if reader.amr_pieces else None

    recommendations: list[Recommendation] = []
    for row in reader.rows:
        st = row.stream
        if not st.v.strip():
            continue
        for it in Segmenter(st.v, st.part_starts()).run():
            span, pcs = st.locate(it.a, it.b)
            phrase, phrase_span = "", None
            if it.phrase is not None and it.phrase[1] > it.phrase[0]:
                phrase = clean(st.v[it.phrase[0]:it.phrase[1]])
                phrase_span, _ = st.locate(*it.phrase)
            if not it.names:
                warnings.append(f"line {line_no(text, span.start)}: statement with no "
                                f"addressee: {clean(st.v[it.a:it.b])[:60]!r}")
            recommendations.append(Recommendation(
                order=len(recommendations) + 1,
                text=clean(st.v[it.a:it.b]),
                span=span,
                modality=it.modality,
                addressees=it.names,
                subtopic=row.subtopic,
                amr=row.amr,
                kind=it.kind,
                addressee_phrase=phrase,
                addressee_span=phrase_span,
                from_lead_in=it.from_lead_in,
                pieces=pcs,
                line=line_no(text, span.start),
            ))
    return TableResult(subtopics, amr_theme, tuple(recommendations))
