"""CEPA session summaries: detect and parse to a small model (no RDF here).

A session summary (``cepa-session-05-2006.txt``, ``cepa-session-08-2009.txt`` and the other
years of the family) has:

- a heading with the session number and dates ("Session 5" / "27-31 March 2006", "Session 8
  30 March - 3 April 2009", or in prose "The Committee ... held its tenth session ... from 4 to 8
  April 2011"), then the main theme ("Main theme: ..." or "Its theme was “...”.");
- a body: a two-column table "Subtopics <TAB> Major Recommendations/Conclusions" with cells
  broken across lines, or subtopic headings on their own lines followed by paragraphs
  (`session_table`); recommendations are read from the text beside each subtopic
  (`session_items`);
- optionally an "Annual Ministerial Review theme" part laid out the same way;
- "Resolution": operative paragraphs (`session_resolution`).

Parsing works on layout, not on the wording of particular files; every text in the model
carries its exact `Span` into the text as given (no normalisation). A text that cannot be read
as a session summary raises `ParseError` with the reason and the line.
"""

from __future__ import annotations

import re

from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.lines import HS, Line, line_no, split_lines
from cepa_kg.loaders.session_heading import (
    MAIN_THEME,
    find_dates,
    find_session_number,
    main_theme_line,
    sentence_theme,
)
from cepa_kg.loaders.session_layout import section_heading
from cepa_kg.loaders.session_model import (
    Recommendation,
    Resolution,
    ResolutionParagraph,
    SessionDocument,
    Theme,
)
from cepa_kg.loaders.session_resolution import parse_resolution
from cepa_kg.loaders.session_table import read_table

__all__ = [
    "Recommendation",
    "Resolution",
    "ResolutionParagraph",
    "SessionDocument",
    "Theme",
    "detect",
    "parse",
]

_ORD = (r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
        r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
        r"eighteenth|nineteenth|twentieth|twenty-\w+)")
_DETECT_FEATURES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"^{HS}*(?:CEPA{HS}+)?Session{HS}+\d{{1,2}}\b", re.M | re.I), 0.35),
    (re.compile(rf"^{HS}*(?:main|overall){HS}+theme{HS}*:", re.M | re.I), 0.25),
    (re.compile(rf"\b(?:its|the){HS}+(?:main{HS}+|overall{HS}+)?theme\s+(?:of\s+the\s+session\s+)?"
                r"was\b", re.I), 0.2),
    (re.compile(rf"Major{HS}+Recommendations|Recommendations{HS}*/{HS}*Conclusions", re.I),
     0.25),
    (re.compile(rf"^{HS}*Sub-?topics?\b", re.M | re.I), 0.1),
    (re.compile(r"\b(?:CEPA|Committee of Experts on Public Administration)\b[^\n]{0,80}?"
                rf"\b{_ORD}{HS}+session\b", re.I), 0.3),
    (re.compile(rf"^{HS}*{_ORD}{HS}+session\b", re.I | re.M), 0.2),
    (re.compile(rf"\b{_ORD}\s+session\s+of\s+the\s+(?:CEPA|Committee\s+of\s+Experts\s+on\s+"
                r"Public\s+Administration)\b", re.I), 0.3),
    (re.compile(rf"\b(?:Member States|The Secretariat|Governments){HS}+(?:should|needs?{HS}+to)"
                r"\b|\bThe Committee\s+(?:also\s+)?(?:urges|recommends|requests|encourages)\b",
                re.I), 0.1),
    (re.compile(rf"^{HS}*(?:Draft{HS}+)?Resolution{HS}*$", re.M | re.I), 0.05),
)
_DETECT_AGAINST: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"Monthly{HS}+Update", re.I), 0.6),
    (re.compile(rf"Development{HS}+Account", re.I), 0.5),
    (re.compile(rf"^{HS}*Expected{HS}+accomplishments?", re.M | re.I), 0.3),
    (re.compile(rf"^{HS}*Implementation{HS}+status", re.M | re.I), 0.3),
)


def detect(text: str) -> float:
    """How sure we are that `text` is a CEPA session summary (0..1), from its content."""
    head = text[:20000]
    score = sum(w for p, w in _DETECT_FEATURES if p.search(head))
    score -= sum(w for p, w in _DETECT_AGAINST if p.search(head))
    return round(max(0.0, min(1.0, score)), 3)


_HEAD_LINES = 15  # without a table or a theme line, the heading is in the first lines


def _paragraph_end(lines: list[Line], i: int) -> int:
    """Index of the first blank line at or after `i` (or the end)."""
    while i < len(lines) and not lines[i].blank:
        i += 1
    return i


def parse(text: str) -> SessionDocument:
    """Read a CEPA session summary.

    Raises `ParseError` (with the line) when the text has no session number, no dates, no
    main theme or no recommendations."""
    lines = split_lines(text)
    if not any(not ln.blank for ln in lines):
        raise ParseError("empty document: no session heading", line=1)
    headings = [section_heading(ln) for ln in lines]
    table_i = next((i for i, h in enumerate(headings) if h in ("table", "amr", "subtopic")),
                   None)
    head_stop = table_i if table_i is not None else len(lines)

    # the main theme: a "Main theme:" line, or a sentence of the heading
    theme_i = next((i for i in range(head_stop) if MAIN_THEME.match(lines[i].text)), None)
    if theme_i is None and table_i is not None and MAIN_THEME.match(lines[table_i].text):
        theme_i = table_i  # "Main theme: X <TAB> Major Recommendations"
    main_theme: Theme | None = None
    body_from = table_i
    if theme_i is not None:
        main_theme, after = main_theme_line(text, lines, theme_i, table_i)
        head_end_i = table_i if table_i is not None else theme_i + 1
        body_from = table_i if table_i is not None else after
    else:
        head_end_i = table_i if table_i is not None else min(len(lines), _HEAD_LINES)
    head_end = lines[head_end_i].start if head_end_i < len(lines) else len(text)
    if theme_i is not None:
        head_end = max(head_end, lines[theme_i].start)
    else:
        main_theme = sentence_theme(text, 0, head_end)
        if main_theme is not None and table_i is None:
            body_from = _paragraph_end(lines, next(
                i for i, ln in enumerate(lines) if ln.end >= main_theme.span.end))
            head_end = max(head_end, main_theme.span.end)

    found_number = find_session_number(text, head_end)
    if found_number is None:
        raise ParseError(
            "no session number: expected 'Session N', 'Nth session' or 'the eighth session' in "
            f"the heading (lines 1-{line_no(text, head_end)})", line=1)
    number, number_span = found_number
    number_line = line_no(text, number_span.start)

    found_dates = find_dates(text, 0, head_end)
    if found_dates is None:
        raise ParseError(
            f"session {number}: no dates (e.g. '27-31 March 2006', '4 to 8 April 2011') in the "
            f"heading (lines 1-{line_no(text, head_end)})", line=number_line)
    start, end, dates_span = found_dates

    if main_theme is None:
        raise ParseError(f"session {number}: no main theme ('Main theme: ...' line or a "
                         "sentence 'Its theme was ...') in the heading", line=number_line)
    if not main_theme.text:
        raise ParseError(f"session {number}: the main theme is empty",
                         line=lines[theme_i].no if theme_i is not None else number_line)

    res_i = next((i for i, h in enumerate(headings) if h == "resolution"
                  and (table_i is None or i > table_i)), None)
    if body_from is None:
        body_from = len(lines)
    body_to = res_i if res_i is not None else len(lines)
    warnings: list[str] = []
    body = read_table(text, lines, headings, body_from, body_to, warnings)

    resolution = None
    if res_i is not None:
        resolution = parse_resolution(text, lines[res_i + 1:], lines[res_i], warnings)
        if not resolution.paragraphs:
            warnings.append(f"line {lines[res_i].no}: resolution without operative paragraphs")

    if not body.recommendations and not (resolution and resolution.paragraphs):
        at = lines[body_from].no if body_from < len(lines) else len(lines)
        raise ParseError(f"session {number}: no recommendations found (expected a table "
                         "'Subtopics <TAB> Major Recommendations/Conclusions', subtopic "
                         "headings followed by paragraphs, or sentences 'X should ...')", line=at)

    return SessionDocument(
        number=number,
        number_span=number_span,
        start=start,
        end=end,
        dates_span=dates_span,
        main_theme=main_theme,
        subtopics=body.subtopics,
        amr_theme=body.amr_theme,
        recommendations=body.recommendations,
        resolution=resolution,
        warnings=tuple(warnings),
    )
