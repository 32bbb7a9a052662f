"""The recommendations a session page states, however it lays them out: one per operative
sentence or numbered paragraph (rule book 7, `tests/data/archive/README.md`), each with its
modality and its addressees (`operative`).

The page is read paragraph by paragraph (`page_lines`):
- headings open and close *regions*: "Summary of Resolutions", "Major recommendations",
  "Conclusions", "Key messages" open one (every sentence in it is a recommendation or a
  conclusion); "Documents", "CEPA Bureau Members", "Written inputs" close it; after "Subtopics"
  each heading names the subtopic of what follows;
- a lead-in ending with ":" ("Requests the Secretariat to:", "The Economic and Social Council
  requests the Secretariat to:") hands its verb and addressees to the list items under it;
- table rows ("| subtopic | recommendation |") give the subtopic in the first cell;
- "Subtopic 2: Financing", or a short title line at the top of a paragraph in a region, names
  the subtopic of the sentences under it; "Annual Ministerial Review theme: ..." opens the
  review's part; "Draft resolution" opens the resolution, where only operative paragraphs
  count (a preambular "Recalling its resolution 2010/1," does not);
- outside a region (prose pages, press notes, reports), only operative sentences count, and
  not the page's framework ("held its tenth session", "recommended a draft resolution") nor
  rules for submissions ("Written inputs should not exceed ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.loaders.operative import Addressee, IsActor, Operative, read_operative
from cepa_kg.loaders.page_lines import PageLine, Paragraph, page_lines, paragraphs
from cepa_kg.loaders.session_model import Theme
from cepa_kg.loaders.sentences import sentence_spans as sentences
from cepa_kg.loaders.spans import Span, clean

__all__ = ["Found", "ReadPage", "read_recommendations"]

#: Headings that open a region of recommendations (layout as data: loaders/layouts/session.md).
OPENS = re.compile(
    r"^(?:summary\s+of\s+(?:the\s+)?resolutions?|(?:major\s+|main\s+|key\s+)?recommendations?"
    r"(?:\s*(?:/|and)\s*conclusions?)?|(?:major\s+|main\s+)?conclusions?(?:\s+and\s+"
    r"recommendations?)?|key\s+(?:messages|recommendations|conclusions|takeaways)|"
    r"(?:draft\s+)?(?:resolution|decision)s?(?:\s+\d{4}/\d+)?|outcome(?:\s+of\s+the\s+session)?|"
    r"the\s+economic\s+and\s+social\s+council(?:\s+\w+)?\s*:|"
    r"(?:the\s+)?committee\s+(?:recommends|recommended|concluded)(?:\s+that)?\s*:)\W*$", re.I)
#: Headings that close it.
CLOSES = re.compile(
    r"^(?:documents?|related\s+(?:documents|links)|(?:cepa\s+)?bureau(?:\s+members)?|members|"
    r"timetable|programme|(?:provisional\s+|annotated\s+)?agenda|contacts?|media|photos?|"
    r"videos?|webcast|statements|written\s+inputs|oral\s+interventions|registration|"
    r"side\s+events|(?:for\s+)?more\s+information|links|see\s+also|resources|publications|"
    r"news|background|report(?:\s+of\s+the\s+\w+\s+session)?|monday|tuesday|wednesday|"
    r"thursday|friday)\W*$", re.I)
SUBTOPICS = re.compile(r"^sub-?topics?\W*$|^themes?\W*$", re.I)
#: "Subtopic 1: Participatory governance", "Theme II - Trust": a numbered subtopic heading.
NUMBERED_SUBTOPIC = re.compile(
    r"^(?:sub-?topic|sub-?theme|theme|topic|panel)\s+(?:\d{1,2}|[ivx]{1,4}|[a-h])\s*"
    r"[:.\u2013\u2014-]\s*(?P<label>\S.*)$", re.I)
#: "Annual Ministerial Review theme: ...": the review's own part, with its theme.
AMR_HEADING = re.compile(r"^(?:annual\s+ministerial\s+review|AMR)(?:\s+theme)?\b\s*[:.\u2013"
                         r"\u2014-]?\s*(?P<label>.*)$", re.I)
RESOLUTION_HEADING = re.compile(r"^(?:draft\s+|proposed\s+)?(?:resolution|decision)s?"
                                r"(?:\s+\d{4}/\d+)?\W*$", re.I)
_TABLE_HEADER = re.compile(r"^(?:sub-?topics?|themes?|major\s+recommendations?.*|"
                           r"recommendations?.*|conclusions?.*)$", re.I)
#: Sentences of a page's framework, not recommendations.
_FRAMEWORK = re.compile(
    r"\b(?:held\s+its|was\s+held|will\s+be\s+held|took\s+place|convened|its\s+theme\s+was|"
    r"the\s+theme\s+of|dealt\s+with\s+the\s+following|took\s+up\s+the\s+following|"
    r"(?:recommended|put|submitted|proposed)\s+(?:to\s+the\s+(?:economic\s+and\s+social\s+)?"
    r"council\s+)?(?:a|the)\s+draft\s+(?:resolution|decision)|draft\s+resolution\s+for\s+its\s+"
    r"consideration|is\s+pleased\s+to|as\s+approved\s+by)\b", re.I)
_PROCEDURAL = re.compile(
    r"^\W*(?:all\s+|each\s+|the\s+|written\s+|oral\s+)*(?:inputs?|statements?|submissions?|"
    r"contributions?|requests?|applications?|registrations?|documents?|participants?|observers?|"
    r"speakers?|interventions?|nominations?|delegations\s+wishing|those\s+wishing)\b", re.I)


@dataclass(frozen=True)
class Found:
    """One recommendation as the page states it."""

    span: Span
    modality: str
    addressees: tuple[Addressee, ...]
    subtopic: int | None  # index into the subtopics found with it
    kind: str  # "recommendation" (operative), "conclusion" (a statement in a region)
    from_lead_in: bool = False
    lead_in: Span | None = None  # the lead-in it inherits from
    part: str = "body"  # "body", "amr" (the ministerial review's part) or "resolution"


def _is_heading(text: str, para: Paragraph, lines: tuple[PageLine, ...]) -> bool:
    if len(para.lines) != 1:
        return False
    line = lines[para.lines[0]]
    if line.glyph or len(line.cells) >= 2:
        return False
    words = line.text.split()
    return 0 < len(words) <= 14 and not line.text.rstrip(" |").endswith((".", ";", ","))


_WORDLIKE = re.compile(r"[^\W\d_]{3}")
_TRAILING = re.compile(r"(?:\s*[;,]\s*(?:and|or)?|\s+(?:and|or))\s*$", re.I)
_ITEM_SPLIT = re.compile(r";\s*(?:and\s+|or\s+)?")


def _trim(text: str, span: Span) -> Span:
    """An item without its list punctuation: "publish standards; and" -> "publish standards"."""
    span = span.strip(text)
    m = _TRAILING.search(text, span.start, span.end)
    if m and m.end() == span.end and m.start() > span.start:
        span = Span(span.start, m.start()).strip(text)
    return span


def _inline_list(text: str, span: Span) -> tuple[Span, list[Span]] | None:
    """A lead-in and its items on one line: "X should: (a) do this; (b) do that." -> the
    lead-in (up to and with the colon) and the items; None if the sentence is not one."""
    sentence = span.of(text)
    colon = sentence.find(":")
    if colon < 0 or ";" not in sentence[colon:]:
        return None
    at = span.start + colon + 1
    items, pos = [], at
    for m in _ITEM_SPLIT.finditer(text, at, span.end):
        items.append(Span(pos, m.start()).strip(text))
        pos = m.end()
    items.append(Span(pos, span.end).strip(text))
    items = [Span(i.start + len(g.group(0)), i.end) if (g := _ITEM_MARK.match(text, i.start,
             i.end)) else i for i in items]
    return Span(span.start, at), [i for i in items if i.end > i.start]


_ITEM_MARK = re.compile(r"\s*(?:\(?[a-z]{1,3}\)|\d{1,2}[.)]|[\u2022\u2013\u2014-])\s+", re.I)


def _is_part_line(line: PageLine) -> bool:
    """A long heading of its own: "Annual Ministerial Review theme: <a 20-word theme>"."""
    label = clean(line.text.strip(" |"))
    return not line.glyph and not line.cells and len(label.split()) <= 30 and \
        bool(NUMBERED_SUBTOPIC.match(label) or AMR_HEADING.match(label)) and \
        not label.endswith((".", ";"))


def _cell_text(text: str, line: PageLine) -> tuple[Span | None, Span | None]:
    """(first cell, the rest) of a table row; cells that are only a header are dropped."""
    cells = [c for c in line.cells if clean(c.of(text))]
    if not cells:
        return None, None
    if len(cells) == 1:
        return None, cells[0]
    return cells[0], Span(cells[1].start, cells[-1].end)


class _Reader:
    def __init__(self, text: str, is_actor: IsActor) -> None:
        self.text, self.is_actor = text, is_actor
        self.found: list[Found] = []
        self.subtopics: list[Theme] = []
        self.region = False
        self.subtopic_mode = False
        self.subtopic: int | None = None
        self.lead: tuple[Operative | None, Span] | None = None  # for list items under it
        self.lead_indent = -1
        self.part = "body"
        self.amr_theme: Theme | None = None
        self.resolution_heading: Span | None = None

    # -- subtopics ------------------------------------------------------------------------

    def _subtopic(self, span: Span) -> int:
        label = clean(span.of(self.text)).strip(" |:")
        for i, t in enumerate(self.subtopics):
            if t.text.lower() == label.lower():
                return i
        self.subtopics.append(Theme(label, span, (span,)))
        return len(self.subtopics) - 1

    # -- sentences ------------------------------------------------------------------------

    def _emit(self, span: Span, op: Operative | None, *, inherit: tuple[Operative | None, Span]
              | None = None) -> None:
        span = _trim(self.text, span)
        if span.start >= span.end or not _WORDLIKE.search(self.text, span.start, span.end):
            return  # a rule ("---"), a lone number: no sentence
        if op is None and inherit is not None and inherit[0] is not None:
            lead = inherit[0]
            self.found.append(Found(span, lead.modality, lead.addressees, self.subtopic,
                                    "recommendation", True, inherit[1], self.part))
            return
        if op is None:
            if self.part == "resolution":
                return  # preambular: "Recalling its resolution 2010/1,"
            self.found.append(Found(span, "other", (), self.subtopic, "conclusion",
                                    part=self.part))
            return
        self.found.append(Found(span, op.modality, op.addressees, self.subtopic,
                                "recommendation", part=self.part))

    def _operative(self, span: Span) -> Operative | None:
        sentence = span.of(self.text)
        if _FRAMEWORK.search(sentence):
            return None
        op = read_operative(self.text, span, self.is_actor)
        if op is not None and op.modality == "should" and not op.addressees and \
                _PROCEDURAL.match(sentence):
            return None
        return op

    def block(self, span: Span, *, list_item: bool) -> None:
        """A paragraph or list item: its sentences."""
        parts = sentences(self.text, span)
        inherit = self.lead if list_item else None
        for i, part in enumerate(parts):
            inline = _inline_list(self.text, part)
            if inline is not None:
                lead_span, items = inline
                lead = self._operative(lead_span)
                if lead is not None and lead.lead_in:
                    for item in items:  # "Governments must also: expand ...; monitor ..."
                        self._emit(item, None, inherit=(lead, lead_span))
                    continue
            op = self._operative(part)
            if op is not None and op.lead_in:
                self.lead = (op, part)
                self.region = True
                return  # the items under it carry it
            if i == 0 and inherit is not None:
                if op is not None and op.addressees:
                    self._emit(part, op)
                else:
                    self._emit(part, None, inherit=inherit)
                continue
            if op is not None:
                self._emit(part, op)
            elif self.region and (i == 0 or not self.found):
                self._emit(part, None)
            elif self.region and self.found and list_item:
                last = self.found[-1]  # a sentence that goes on with its item
                self.found[-1] = Found(Span(last.span.start, part.end), last.modality,
                                       last.addressees, last.subtopic, last.kind,
                                       last.from_lead_in, last.lead_in, last.part)
            elif self.region:
                self._emit(part, None)

    # -- the walk -------------------------------------------------------------------------

    def read(self) -> None:
        text = self.text
        lines = page_lines(text)
        for para in paragraphs(text, lines):
            first = lines[para.lines[0]]
            heading = clean(first.text.strip(" |"))
            if first.cells and len(para.lines) == 1:
                self.row(first)
                continue
            if len(para.lines) > 1 and self._heads_paragraph(first, lines[para.lines[1]]):
                self._part_heading(first)  # "Subtopic 1: ..." with its sentences right under it
                rest = lines[para.lines[1]]
                para = Paragraph(para.lines[1:], Span(rest.body.start, para.span.end),
                                 rest.glyph, rest.indent)
                first, heading = rest, clean(rest.text.strip(" |"))
            elif (_is_heading(text, para, lines) or _is_part_line(first)) and \
                    self._part_heading(first):
                continue
            if _is_heading(text, para, lines):
                if CLOSES.match(heading):
                    self.region, self.subtopic_mode, self.lead = False, False, None
                    continue
                if SUBTOPICS.match(heading):
                    self.region, self.subtopic_mode = True, True
                    continue
                if OPENS.match(heading):
                    self.region, self.lead = True, None
                    if RESOLUTION_HEADING.match(heading):
                        self.part, self.subtopic = "resolution", None
                        self.resolution_heading = Span(first.body.start, first.span.end)
                    elif self.part == "resolution":
                        self.part = "body"
                    if heading.endswith(":"):
                        op = self._operative(para.span)
                        self.lead = (op, para.span) if op and op.lead_in else None
                    continue
                if self.subtopic_mode and not _TABLE_HEADER.match(heading):
                    self.subtopic = self._subtopic(Span(first.body.start, first.span.end)
                                                   .strip(text, " |"))
                    continue
                if _TABLE_HEADER.match(heading):
                    continue
            if para.glyph:
                self.block(Span(lines[para.lines[0]].body.start, para.span.end), list_item=True)
                continue
            if self.lead is not None and not text[para.span.start:para.span.end].rstrip() \
                    .endswith(":") and first.indent > 0 and self.lead_indent < first.indent:
                self.block(para.span, list_item=True)
                continue
            self.lead = None
            self.block(para.span, list_item=False)

    def _heads_paragraph(self, first: PageLine, second: PageLine) -> bool:
        """A title line with the paragraph's sentences right under it: "Subtopic 1: ...", or
        in a region a short line without a verb, followed by a line that starts anew."""
        words = first.text.split()
        label = clean(first.text.strip(" |"))
        if first.glyph or first.cells or first.text.rstrip(" |").endswith((".", ";", ",", ":")):
            return False
        if (NUMBERED_SUBTOPIC.match(label) or AMR_HEADING.match(label)) and len(words) <= 30:
            return True
        if not 0 < len(words) <= 14:
            return False
        starts_anew = bool(second.glyph) or second.text.lstrip()[:1].isupper()
        return (self.region and self.part != "resolution" and starts_anew and len(words) <= 10
                and self._operative(Span(first.body.start, first.span.end)) is None
                and not _TABLE_HEADER.match(label) and not OPENS.match(label)
                and not CLOSES.match(label))

    def _part_heading(self, line: PageLine) -> bool:
        """A numbered subtopic or the ministerial review's heading: the part it opens is set,
        True; any other line, False."""
        span = Span(line.body.start, line.span.end).strip(self.text, " |")
        label = clean(span.of(self.text))
        amr = AMR_HEADING.match(label)
        if amr and (not amr.group("label") or not _TABLE_HEADER.match(amr.group("label"))):
            self.region, self.part, self.subtopic, self.lead = True, "amr", None, None
            if amr.group("label").strip(" :"):
                at = span.start + label.find(amr.group("label"))
                theme = Span(at, span.end) if label == span.of(self.text) else span
                self.amr_theme = Theme(clean(theme.of(self.text)), theme, (theme,))
            return True
        numbered = NUMBERED_SUBTOPIC.match(label)
        if numbered or (self.region and self.part != "resolution"
                        and not OPENS.match(label) and not CLOSES.match(label)
                        and not SUBTOPICS.match(label) and not _TABLE_HEADER.match(label)
                        and self._operative(span) is None):
            if self.part == "amr" and not numbered:
                return False
            if self.part == "resolution":
                self.part = "body"
            self.region, self.lead = True, None
            if numbered and label == span.of(self.text):  # the name, not "Subtopic 1:"
                span = Span(span.start + numbered.start("label"), span.end)
            self.subtopic = self._subtopic(span)
            return True
        return False

    def row(self, line: PageLine) -> None:
        """A table row: "| subtopic | recommendation |", or one cell going on."""
        first, rest = _cell_text(self.text, line)
        if rest is None:
            return
        if first is not None:
            label = clean(first.of(self.text))
            if _TABLE_HEADER.match(label) or _TABLE_HEADER.match(clean(rest.of(self.text))):
                self.region = True  # the header row of a recommendations table
                return
        if not self.region:  # links in a row ("Provisional agenda | Report"), not a table
            return
        if first is not None:
            self.subtopic = self._subtopic(first)
        self.block(rest, list_item=False)


@dataclass(frozen=True)
class ReadPage:
    """What the reader found: recommendations (resolution paragraphs among them, part
    "resolution"), the subtopics the layout names, the review's theme, the resolution heading."""

    found: list[Found]
    subtopics: list[Theme]
    amr_theme: Theme | None
    resolution_heading: Span | None


def read_recommendations(text: str, is_actor: IsActor) -> ReadPage:
    """The recommendations of a session page, and the subtopics its layout names."""
    reader = _Reader(text, is_actor)
    reader.read()
    return ReadPage(reader.found, reader.subtopics, reader.amr_theme, reader.resolution_heading)
