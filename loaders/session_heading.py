"""The heading of a CEPA session summary: the session's number, dates and main theme.

Number: "Session 8", "CEPA Session 12", "8th session", "the eighth session", "held its tenth
session". Dates: "27-31 March 2006", "30 March - 3 April 2009", "from 4 to 8 April 2011",
"April 4-8, 2011". Main theme: a line "Main theme: ..." (continued on lower-case lines), or a
sentence "Its theme was “...”." / "... under the theme ...". Spans are exact slices of the text.
"""

from __future__ import annotations

import datetime as dt
import re

from cepa_kg.loaders.dates import find_date_ranges
from cepa_kg.loaders.lines import HS, Line
from cepa_kg.loaders.session_layout import continues_topic, make_theme, section_heading
from cepa_kg.loaders.session_model import Theme
from cepa_kg.loaders.spans import Span, clean

__all__ = ["find_dates", "find_session_number", "main_theme_line", "sentence_theme"]

# --------------------------------------------------------------------------------------------
# Heading: number, dates, themes

_ORDINALS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
}
_ORD_WORD = r"(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" + \
    "|".join(sorted(_ORDINALS, key=len, reverse=True))
_SESSION_NUMBER = re.compile(
    r"\bsession[^\S\r\n]+(?:no\.?[^\S\r\n]*)?(?P<n>\d{1,2})\b"
    r"|\b(?P<o>\d{1,2})(?:st|nd|rd|th)[^\S\r\n]+session\b"
    rf"|\b(?P<w>{_ORD_WORD})[^\S\r\n]+session\b",
    re.I,
)


def _ordinal_value(word: str) -> int:
    word = word.lower()
    if "-" in word:
        tens, unit = word.split("-")
        return {"twenty": 20, "thirty": 30}[tens] + _ORDINALS[unit]
    return _ORDINALS[word]


def find_dates(text: str, start: int, end: int) -> tuple[dt.date, dt.date, Span] | None:
    """The first date or date range written in `text[start:end]` that states its year:
    (start day, end day, its span), read with the shared grammar of `loaders.dates`."""
    for found in find_date_ranges(text, Span(start, end)):
        return found.start, found.last, found.span
    return None


def find_session_number(text: str, end: int) -> tuple[int, Span] | None:
    """The session's number and the span that states it, in `text[:end]`."""
    m = _SESSION_NUMBER.search(text, 0, end)
    if m is None:
        return None
    if m.group("n"):
        return int(m.group("n")), Span(m.start(), m.end())
    if m.group("o"):
        return int(m.group("o")), Span(m.start(), m.end())
    return _ordinal_value(m.group("w")), Span(m.start(), m.end())


MAIN_THEME = re.compile(rf"^{HS}*(?:(?:main|overall){HS}+)?theme{HS}*:{HS}*", re.I)


def main_theme_line(text: str, lines: list[Line], i: int, stop: int | None) -> tuple[Theme, int]:
    """The theme on line `i` ("Main theme: X <TAB> ...") and the lower-case lines that continue
    it, before line `stop`; returns the theme and the index of the line after it."""
    tl = lines[i]
    tm = MAIN_THEME.match(tl.text)
    assert tm is not None
    cell = tl.text[tm.end():].split("\t")[0]
    pieces = [tl.sub(tm.end(), tm.end() + len(cell), text)]
    j = i + 1
    while j < len(lines) and (stop is None or j < stop) and not lines[j].blank and \
            "\t" not in lines[j].text and section_heading(lines[j]) is None and \
            len(pieces[-1]) and continues_topic(text, pieces[-1], lines[j].span.strip(text)):
        pieces.append(lines[j].span.strip(text))
        j += 1
    pieces = [p for p in pieces if len(p)]
    return (make_theme(text, pieces) if pieces else Theme("", tl.span)), j


_OPEN = "\"\u201c\u2018'"
_CLOSE = {"\"": "\"", "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}
_THEME_SENTENCE = re.compile(
    r"\b(?:(?:its|the|whose)\s+(?:main\s+|overall\s+|central\s+)?theme"
    r"(?:\s+(?:of|for)\s+(?:the|its)\s+(?:\w+\s+)?(?:session|meeting))?\s+(?:was|is|will\s+be)"
    r"|(?:under|on)\s+the\s+(?:main\s+|overall\s+|central\s+)?theme)"
    r"(?:\s*:)?\s+(?=\S)",
    re.I,
)
_SENTENCE_STOP = re.compile(r"[.;](?=\s|$)|\n[^\S\n]*\r?\n|\r\n[^\S\r\n]*\r\n")


def sentence_theme(text: str, start: int, end: int) -> Theme | None:
    """A theme stated in a sentence within `text[start:end]`: "Its theme was “X”." or
    "... under the theme X." (quoted: up to the closing quote; else up to the sentence end)."""
    m = _THEME_SENTENCE.search(text, start, end)
    if m is None:
        return None
    a = m.end()
    if text[a] in _OPEN:
        close = text.find(_CLOSE[text[a]], a + 1, end)
        if close < 0:
            return None
        span = Span(a + 1, close).strip(text)
    else:
        stop = _SENTENCE_STOP.search(text, a, end)
        span = Span(a, stop.start() if stop else end).strip(text)
    span = span.strip(text, " \t\u00a0,")
    if len(span) == 0:
        return None
    return Theme(clean(span.of(text)), span, (span,))

