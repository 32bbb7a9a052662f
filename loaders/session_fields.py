"""The facts about a CEPA session a page states, each read on its own from the whole page
(`loaders/layouts/session.md`): the number, the dates it was held, where, the main theme, the
agenda items (subtopics) and the bureau. A page may state any of them or none; each extractor
returns what it finds with the span it read, or nothing. Pure functions over the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cepa_kg.loaders.dates import DateRange, find_date_ranges
from cepa_kg.loaders.page_lines import GLYPH, is_chrome
from cepa_kg.loaders.session_model import Theme
from cepa_kg.loaders.spans import Span, clean

__all__ = ["Person", "Place", "agenda_items", "bureau", "main_theme", "session_dates",
           "session_number", "session_place", "year_of_session"]

FIRST_YEAR = 2002  # CEPA's first session; it has met once a year since


def year_of_session(number: int) -> int:
    return FIRST_YEAR - 1 + number


# -- number ------------------------------------------------------------------------------------

_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    .split(), start=1)}
_ORD_WORD = (r"(?:twenty|thirty)[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
             r"ninth)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)))
_NUMBER = re.compile(
    rf"\b(?:(?P<o>\d{{1,2}})\s*(?:st|nd|rd|th)|(?P<w>{_ORD_WORD}))[\s-]+(?:session|meeting)\b"
    r"|\bsession\s+(?:no\.?\s*)?(?P<n>\d{1,2})\b(?![-/.]\d)"
    r"|\bCEPA[\s-]?(?P<c>\d{1,2})\b(?![-/.]\d)",
    re.I)
_REPORT = re.compile(r"\bE/(?P<y>20[0-4]\d)/44\b")
_YEAR_SESSION = re.compile(r"\b(?P<y>20[0-4]\d)\s+(?:CEPA\s+)?(?:session|meeting)\b"
                           r"|\bCEPA\s+(?P<y2>20[0-4]\d)\b", re.I)


def _ordinal(word: str) -> int:
    word = word.lower().replace(" ", "-")
    if "-" in word:
        tens, unit = word.split("-")
        return {"twenty": 20, "thirty": 30}[tens] + _ORDINALS[unit]
    return _ORDINALS[word]


def session_number(text: str) -> tuple[int, Span] | None:
    """The session's number and where it is stated: "4th Session", "the fourth session",
    "twenty-first session", "Session 8", "CEPA 13"; else the year of its report ("E/2012/44")
    or of a "2010 CEPA meeting" (CEPA has met once a year since 2002: session = year - 2001).
    The first statement on the page wins (a page is about its own session first)."""
    for m in _NUMBER.finditer(text):
        if m.group("o") or m.group("n") or m.group("c"):
            value = int(m.group("o") or m.group("n") or m.group("c"))
        else:
            value = _ordinal(m.group("w"))
        if 1 <= value <= 40:
            return value, Span(m.start(), m.end())
    for pattern in (_REPORT, _YEAR_SESSION):
        m = pattern.search(text)
        if m:
            year = int(m.group("y") or m.group("y2"))
            if year >= FIRST_YEAR:
                return year - FIRST_YEAR + 1, Span(m.start(), m.end())
    return None


# -- dates -------------------------------------------------------------------------------------

_NOT_SESSION_DATE = re.compile(
    r"(?:deadline|due|by|before|until|no\s+later\s+than|as\s+of|issue\s+date|added\s+date|"
    r"file\s+added|posted|published|updated|decision|resolution|submi\w+|register\w*|"
    r"inputs?|statements?)\W*(?:\w+\W+){0,3}$", re.I)
_HELD = re.compile(r"(?:held|took\s+place|convened|met|meeting|session|was|were)\b[^.\n]{0,80}$",
                   re.I)
_PLANNED = re.compile(r"(?:will|shall|is\s+to|to\s+be|scheduled|planned|originally)\b[^.\n]{0,60}$",
                      re.I)


def session_dates(text: str, number: int | None) -> DateRange | None:
    """The days the session was held: a range of days near words of holding ("held", "took
    place", "convened"), not a deadline, an issue date or a decision's date; a held date beats
    a planned one. Days written without a year take the session's year."""
    reference = dt.date(year_of_session(number), 4, 15) if number else None
    best: tuple[int, DateRange] | None = None
    for found in find_date_ranges(text, reference=reference):
        before = text[max(0, found.span.start - 90): found.span.start]
        line_start = text.rfind("\n", 0, found.span.start) + 1
        own_line = text[line_start: found.span.start]
        if _NOT_SESSION_DATE.search(before[-40:]) or re.search(
                r"(?:deadline|issue date|added date|posted)", own_line, re.I):
            continue
        days = (found.last - found.start).days
        if found.reversed or days > 25:
            continue
        score = 2 if days >= 2 else 0
        if number and found.start.year == year_of_session(number):
            score += 2
        if _HELD.search(before):
            score += 2
        if _PLANNED.search(before):
            score -= 1
        if not own_line.strip() or own_line.strip().endswith((",", "|")):
            score += 1  # a date line of its own ("11-15 April 2005 |")
        if best is None or score > best[0]:
            best = (score, found)
    return best[1] if best and best[0] >= 2 else None


# -- place -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    name: str  # "New York", "United Nations Headquarters", "Geneva"
    span: Span


_PLACES = re.compile(
    r"\b(?P<hq>United\s+Nations\s+Headquarters|UN\s+Headquarters|UNHQ)\b"
    r"|\b(?P<city>New\s+York|Geneva|Vienna|Nairobi|Bangkok|Addis\s+Ababa)\b")


def session_place(text: str, dates: DateRange | None) -> tuple[Place, ...]:
    """Where the session met: the headquarters and the city named near the session's dates
    (or near its first mention); a virtual session names none."""
    end = max(1500, dates.span.end + 300) if dates is not None else 1500
    window = Span(0, min(len(text), end))
    out: dict[str, Place] = {}
    for m in _PLACES.finditer(text, window.start, window.end):
        name = "United Nations Headquarters" if m.group("hq") else clean(m.group("city"))
        out.setdefault(name, Place(name, Span(m.start(), m.end())))
    return tuple(out.values())


# -- theme -------------------------------------------------------------------------------------

_QUOTE_OPEN = "\"\u201c\u2018«"
_QUOTE_CLOSE = {"\"": "\"", "\u201c": "\u201d", "\u2018": "\u2019", "«": "»"}
_THEME = re.compile(
    r"^[^\S\n]*(?:main\s+|overall\s+)?theme\s*:\s*"
    r"|\b(?:its|the|whose)\s+(?:main\s+|overall\s+|central\s+)?theme"
    r"(?:\s+(?:of|for)\s+(?:the|its|this)\s+(?:\w+\s+)?(?:session|meeting|year))?"
    r"\s+(?:was|is|will\s+be)\s*:?\s*"
    r"|\b(?:under|on)\s+the\s+(?:main\s+|overall\s+|central\s+)?theme\s*(?:of\s+)?:?\s*"
    r"|\bthe\s+main\s+(?:subject|item|topic|focus)\s+(?:of\s+discussion\s+)?"
    r"(?:for\s+(?:CEPA|the\s+Committee)\s+(?:this\s+year\s+)?)?(?:was|is|will\s+be)\s*:?\s*"
    r"|\b(?:will\s+)?take\s+up\s+the\s+theme\s*(?:of\s+)?:?\s*",
    re.I | re.M)
_THEME_END = re.compile(r"\.(?=\s|$)|;|\n[^\S\n]*\n|\s+with\s+sub-items|\s*,\s+with\b"
                        r"|\s+in\s+alignment\s+with\b|\n(?=[^\n]*\t)|\t", re.I)


def main_theme(text: str) -> Theme | None:
    """The theme as the page states it: "Main theme: X", "Its theme was “X”", "under the
    overall theme of “X”", "The main subject of discussion was X", "The main item of discussion
    for CEPA this year is "X"" (quotes dropped; unquoted: up to the sentence's end)."""
    for m in _THEME.finditer(text):
        a = m.end()
        while a < len(text) and text[a] in " \t":
            a += 1
        if a >= len(text):
            continue
        if text[a] in _QUOTE_OPEN:
            close = text.find(_QUOTE_CLOSE[text[a]], a + 1, a + 600)
            if close < 0:
                close = text.find(_QUOTE_CLOSE.get(text[a], "\""), a + 1, a + 600)
            if close < 0:
                end_m = _THEME_END.search(text, a + 1, a + 600)
                close = end_m.start() if end_m else min(len(text), a + 300)
            span = Span(a + 1, close)
        else:
            end_m = _THEME_END.search(text, a, a + 600)
            span = Span(a, end_m.start() if end_m else min(len(text), a + 300))
        span = span.strip(text, " \t\n\u00a0,:\"“”'.")
        theme = clean(span.of(text))
        if 3 <= len(theme) <= 400 and len(theme.split()) >= 2:
            return Theme(theme, span, (span,))
    return None


# -- agenda items ------------------------------------------------------------------------------

_AGENDA_CUE = re.compile(
    r"substantive\s+(?:items|issues|topics)|following\s+(?:substantive\s+)?(?:items|topics|"
    r"issues|themes|questions)|agenda\s+items|items\s+on\s+the\s+agenda|sub-?items|sub-?themes|"
    r"on\s+the\s+(?:provisional\s+)?agenda|(?:dealt|deal)\s+with|took\s+up|will\s+cover|"
    r"questions\s+for\s+the\s+coming\s+session", re.I)
_INLINE_ITEM = re.compile(r"\(\s*(?:[a-z]|[ivx]{1,4}|\d{1,2})\s*\)\s*")


def _item_span(text: str, a: int, b: int) -> Span:
    span = Span(a, b).strip(text, " \t\n\u00a0;,.")
    piece = span.of(text)
    trail = re.search(r"(?:[;,]?\s*(?:and|or)\s*)$", piece)
    if trail and trail.start() > 0:
        span = Span(span.start, span.start + trail.start()).strip(text, " \t\n;,.")
    lead = re.match(r"(?:and|or)\s+", span.of(text))
    if lead:
        span = Span(span.start + lead.end(), span.end)
    return span


def _inline_items(text: str, start: int, end: int) -> list[Span]:
    """Items written "(a) X; (b) Y; and (c) Z"; an item "(a) X, including (i) P, (ii) Q"
    gives X and its sub-items P and Q."""
    marks = list(_INLINE_ITEM.finditer(text, start, end))
    if len(marks) < 2:
        return []
    out: list[Span] = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else end
        item = _item_span(text, m.end(), stop)
        inc = re.search(r",?\s+including\s*$", item.of(text))
        if inc:
            item = Span(item.start, item.start + inc.start())
        if len(item) > 3:
            out.append(item)
    return out


def _separated_items(text: str, start: int, end: int) -> list[Span]:
    """Items separated by semicolons ("the following items: X; Y; and Z")."""
    stop = re.search(r"\.(?:\s|$)", text[start:end])
    b = start + stop.start() if stop else end
    cuts = [start] + [start + m.end() for m in re.finditer(r";", text[start:b])] + [b + 1]
    if len(cuts) < 4:  # at least three items
        return []
    return [s for s in (_item_span(text, cuts[i], cuts[i + 1] - 1)
                        for i in range(len(cuts) - 1)) if len(s) > 3]


def _prose_items(text: str, start: int, end: int) -> list[Span]:
    """Items of a sentence "X, Y, Z and W" (at least three)."""
    stop = re.search(r"\.(?:\s|$)", text[start:end])
    b = start + stop.start() if stop else end
    parts = re.split(r",\s+(?:and\s+)?|\s+and\s+(?=the\b|\w+\s+of\b)", text[start:b])
    if len(parts) < 3:
        return []
    out, pos = [], start
    for part in parts:
        at = text.find(part, pos, b)
        if at < 0:
            return []
        out.append(_item_span(text, at, at + len(part)))
        pos = at + len(part)
    return [s for s in out if len(s) > 3]


def agenda_items(text: str) -> tuple[Theme, ...]:
    """The session's agenda items (subtopics) a page lists after a cue ("dealt with the
    following substantive items:", "with sub-items:", "The agenda items included:", "are on the
    agenda ..., namely:", "will cover ..."): inline "(a) ... (b) ..." items, items separated
    by semicolons, the list lines under the cue's line, or the parts of the sentence."""
    out: list[Span] = []
    for cue in _AGENDA_CUE.finditer(text):
        para_end = text.find("\n\n", cue.end())
        para_end = len(text) if para_end < 0 else para_end
        line_end = text.find("\n", cue.end())
        line_end = len(text) if line_end < 0 else line_end
        colon = text.find(":", cue.end(), min(line_end, cue.end() + 200))
        after = colon + 1 if colon >= 0 else cue.end()
        items = _inline_items(text, after, para_end)
        if not items and colon >= 0 and not text[after:line_end].strip():
            items = _list_after(text, line_end)
        if not items and colon >= 0:
            items = _separated_items(text, after, min(para_end, line_end))
        if not items and re.search(r"(?:will\s+cover|covered)$", cue.group(0), re.I):
            items = _prose_items(text, after, para_end)
        if items:
            out.extend(items)
            break
    seen: set[str] = set()
    themes = []
    for span in out:
        label = clean(span.of(text)).rstrip(" ;.,")
        if label.lower() not in seen and len(label.split()) >= 2:
            seen.add(label.lower())
            themes.append(Theme(label, span, (span,)))
    return tuple(themes)


def _list_after(text: str, pos: int) -> list[Span]:
    """The list lines (numbered or bulleted) right after `pos`."""
    out = []
    for m in re.finditer(r"[^\n]*\n?", text[pos + 1:]):
        line = m.group(0)
        stripped = line.strip(" \t\u00a0\n")
        if not stripped:
            if out:
                break
            continue
        g = GLYPH.match(stripped)
        if not g:
            break
        a = pos + 1 + m.start() + (len(line) - len(line.lstrip(" \t\u00a0"))) + g.end()
        out.append(_item_span(text, a, pos + 1 + m.start() + len(line.rstrip("\n"))))
    return out


# -- bureau ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    span: Span
    role: str  # "Chairperson", "Vice-Chairperson", "Rapporteur"
    honorific: str = ""
    country: str = ""  # as written: "Canada"
    post: str = ""  # the post after the name, as written


_BUREAU = re.compile(
    r"^[^\S\n]*(?:[•*\-\u2022][^\S\n]*)?(?P<role>(?:Vice[- ])?Chair(?:person|man|woman)?|"
    r"Co-Chair(?:person)?|Rapporteur|Vice-Chair)\s*:\s*"
    r"(?P<hon>(?:(?:The\s+)?Hon(?:ou?rable|\.)?|H\.\s?E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?|"
    r"Professor|Ambassador|Judge|Sir|Dame)\s+)*"
    r"(?P<name>[A-Z][^\s(),]*(?:\s+(?:[A-Z][^\s(),]*|van|von|de|da|del|der|la|le|bin|al|el)){0,5})"
    r"\s*(?:\((?P<country>[^)]{2,60})\))?\s*,?\s*(?P<post>[^\n]*)",
    re.M)


def bureau(text: str) -> tuple[Person, ...]:
    """The bureau members a page lists: "Chairperson: The Honourable X (Canada), post"."""
    out = []
    for m in _BUREAU.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if is_chrome(text[line_start: text.find("\n", m.start()) % (len(text) + 1)]):
            continue
        out.append(Person(clean(m.group("name")), Span(m.start("name"), m.end("name")),
                          m.group("role").replace("Vice Chair", "Vice-Chair"),
                          clean(m.group("hon") or ""), clean(m.group("country") or ""),
                          clean(m.group("post") or "")))
    return tuple(out)
