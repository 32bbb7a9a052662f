"""The date grammar shared by the loaders: days, day ranges and cross-month ranges in text.

`find_date_ranges` finds every date or date range written in a text, with the exact span it
was read from. It reads the forms the UN documents use::

    27-31 March 2006            30 March - 3 April 2009      30 March–3 April 2009
    from 4 to 8 April 2011      from 24 - 28 October 2011    20 and 21 October
    on 1 November 2011          On 8 November                on 11 November, 2011
    March 5, 2013               April 4-8, 2011              March 30 - April 3, 2009
    30 December 2010 to 2 January 2011                       1st-3rd June 2012

A date without a year takes it from `reference` (the year that puts it nearest the reference
day, so "12 December" in a January 2012 update is 12 December 2011); without a reference such a
date is not returned. Leading words ("from", "on") are not part of the span. White space may be
spaces, tabs, NBSPs or one line break (a wrapped line), never a blank line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cepa_kg.loaders.anchored import matches_at
from cepa_kg.loaders.spans import Span

__all__ = ["MONTHS", "MONTHS_AR", "MONTHS_ES_FR", "MONTH_PATTERN", "DateRange", "find_date_ranges",
           "month_number"]

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
"""Month names and abbreviations, lower case, to their number."""

MONTHS_ES_FR: dict[str, int] = {m: i for names in (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre")
    for i, m in enumerate(names.split(), start=1)} | {"setiembre": 9, "fevrier": 2, "aout": 8}
"""Month names in Spanish and French, lower case, to their number (pages of those languages)."""

MONTHS_AR: dict[str, int] = {m: i for names in (
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول")
    for i, m in enumerate((n.replace("_", " ") for n in names.split()), start=1)} | {
    "إبريل": 4, "ابريل": 4, "اغسطس": 8, "اكتوبر": 10}
"""Month names in Arabic, the Egyptian and Gulf names and the Levantine ones, to their number."""

_NAMES = sorted(MONTHS, key=len, reverse=True)  # longest first: "Sept" before "Sep"
MONTH_PATTERN = "(?:" + "|".join(
    f"{n.capitalize()}|{n.upper()}" if len(n) > 4 or n in ("may", "june", "july") else
    rf"{n.capitalize()}\.?|{n.upper()}\.?" for n in _NAMES) + r")(?![A-Za-z])"
"""A month name or abbreviation, capitalised or upper case ("may" the verb is not a month)."""

_SP0 = r"(?:[^\S\n]*\n)?[^\S\n]*"  # optional white space, at most one line break
_SP1 = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"  # required white space, same
_DAY = r"(?<![\d.,/:])(?P<{0}>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:/])"
# `_DAY` where a pattern starts: the same, its look-behind moved after the first digit so the
# regex engine can skip to digits instead of trying the pattern at every position.
_DAY_FIRST = r"(?P<{0}>\d(?<![\d.,/:]\d)\d?)(?:st|nd|rd|th)?(?![\d:/])"
_MON = "(?P<{0}>" + MONTH_PATTERN + ")"
_COMMA = rf"(?:{_SP0}|[^\S\n]*,{_SP0})"  # "November 2011", "November, 2011"
_YEAR = rf"(?:{_COMMA}(?<![\d])(?P<{{0}}>(?:19|20)\d\d)(?!\d))"
#: A weekday before the range's last day: "from Monday 15 to Friday 19 April".
_WEEKDAY = r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?[^\S\n]+)?"
#: (a comma may close the first day before the word: "from Monday, 8 April, to Friday, 12
#: April 2019", as the UN's own notes write a session's days)
_TO = rf"{_SP0}(?:[-\u2010-\u2015\u2212]|(?:,{_SP0})?(?i:to|until|through|till)\b){_SP0}{_WEEKDAY}"
#: ... and, after "to", a blank line too: a copied page breaks "9 to\n\n11 December".
_TO_BROKEN = rf"{_SP0}(?i:to|until|through|till)\b(?:[^\S\n]*\n){{1,2}}[^\S\n]*"
_TO_AND = rf"{_SP0}(?:[-\u2010-\u2015\u2212]|(?:,{_SP0})?(?i:to|until|through|till)\b|(?i:and)\b)"\
    rf"{_SP0}{_WEEKDAY}"


_LISTED_SEP = rf"(?:{_SP0},{_SP0}|{_SP1}and{_SP1})"  # between two days of a list
_LISTED = rf"(?:{_LISTED_SEP}\d{{1,2}}(?![\d:/]))"  # a further day of a list


def _g(pattern: str, name: str) -> str:
    return pattern.format(name)


#: The patterns whose matches start with the month, after a word boundary: so where a `_MONTH`
#: match starts (a word boundary is never inside one: all its characters but a final dot are
#: letters), and they are tried there only.
#: April 4-8, 2011; March 30 - April 3, 2009; March 5, 2013 (the year is required)
_MONTH_FIRST = re.compile(
    rf"\b{_g(_MON, 'm1')}{_SP1}{_g(_DAY, 'd1')}(?:{_TO_AND}(?:{_g(_MON, 'm2')}{_SP1})?"
    rf"{_g(_DAY, 'd2')})?{_COMMA}(?P<y2>(?:19|20)\d\d)(?!\d)")
#: October 16-18 (a range of days: the year is the reference's; "May 5" alone is none)
_MONTH_FIRST_RANGE = re.compile(
    rf"\b{_g(_MON, 'm1')}{_SP1}{_g(_DAY, 'd1')}{_TO}{_g(_DAY, 'd2')}(?![^\S\n]*,?[^\S\n]*\d)")
#: "is scheduled for February 21", "on March 5": a day written month first without its year,
#: after a word that dates something (the year is the reference's; a bare "May 5" is none).
_MONTH_DAY_AFTER_WORD = re.compile(
    r"(?:" + "|".join(rf"(?<=\b{w}[^\S\n])" for w in ("on", "for", "until", "from",
                                                     "before", "after")) + ")"
    rf"(?:{_MON.format('m1')}){_SP1}"
    rf"{_g(_DAY, 'd1')}(?![^\S\n]*(?:,[^\S\n]*)?\d)(?![\d:/-])")
#: The forms that open with their month, tried only where a month is (`matches_at`): a
#: look-behind or a word boundary leads them, so the regex engine would try every position.
_MONTH_LED = frozenset({_MONTH_FIRST, _MONTH_FIRST_RANGE, _MONTH_DAY_AFTER_WORD})
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    p if isinstance(p, re.Pattern) else re.compile(p)
    for p in (
        # 30 March - 3 April 2009; 30 December 2010 to 2 January 2011; 30 March–3 April
        rf"{_g(_DAY_FIRST, 'd1')}{_SP1}{_g(_MON, 'm1')}{_g(_YEAR, 'y1')}?{_TO}"
        rf"{_g(_DAY, 'd2')}{_SP1}{_g(_MON, 'm2')}{_g(_YEAR, 'y2')}?",
        # 27-31 March 2006; 4 to 8 April 2011; 20 and 21 October; from 11 to 13 of March 2020;
        # a list of days: 9, 11, 16 and 18 March 2021 (the first to the last)
        rf"{_g(_DAY_FIRST, 'd1')}(?:(?:{_SP0},{_SP0}\d{{1,2}}(?![\d:/]))+(?:{_SP0},)?{_SP1}and"
        rf"{_SP1}|{_TO_AND}){_g(_DAY, 'd2')}{_SP1}(?:of{_SP1})?{_g(_MON, 'm2')}{_g(_YEAR, 'y2')}?",
        # "on Wednesday 12 August and Thursday 13 August 2020": two days of one month, each
        # written whole (the first to the last)
        rf"{_g(_DAY_FIRST, 'd1')}{_SP1}{_g(_MON, 'm1')}{_SP0}(?:,{_SP0})?and{_SP1}{_WEEKDAY}"
        rf"{_g(_DAY, 'd2')}{_SP1}(?P=m1){_g(_YEAR, 'y2')}?",
        _MONTH_FIRST,
        # 1 November 2011; 11 November, 2011; 8 November
        rf"{_g(_DAY_FIRST, 'd1')}{_SP1}{_g(_MON, 'm1')}{_g(_YEAR, 'y2')}?",
        _MONTH_FIRST_RANGE,
        _MONTH_DAY_AFTER_WORD,
        # days listed in two months: 9 and 11 March and 16 and 18 March 2021; 28 and 30 April,
        # 5 and 7 May 2020 (a list in each: the first day to the last)
        rf"{_g(_DAY_FIRST, 'd1')}{_LISTED}+{_SP1}{_g(_MON, 'm1')}{_g(_YEAR, 'y1')}?{_SP0}"
        rf"(?:,{_SP0}(?:and{_SP1})?|and{_SP1})(?:\d{{1,2}}{_LISTED_SEP})+{_g(_DAY, 'd2')}{_SP1}"
        rf"{_g(_MON, 'm2')}{_g(_YEAR, 'y2')}?",
        # "takes place 9 to\n\n11 December" (a range a copied page broke by a blank line)
        rf"{_g(_DAY_FIRST, 'd1')}{_TO_BROKEN}{_g(_DAY, 'd2')}{_SP1}{_g(_MON, 'm2')}"
        rf"{_g(_YEAR, 'y2')}?",
    )
)
_MONTH = re.compile(MONTH_PATTERN)


@dataclass(frozen=True)
class DateRange:
    """A day (`end` None) or a range of days, and the exact span of text it was read from.

    A range written backwards ("31-27 March") is kept as written, with `start` after `end`.
    """

    start: dt.date
    end: dt.date | None
    span: Span

    @property
    def last(self) -> dt.date:
        """The last day: `end`, or `start` for a single day."""
        return self.end or self.start

    @property
    def reversed(self) -> bool:
        """True when the range ends before it starts."""
        return self.end is not None and self.end < self.start


def month_number(name: str) -> int:
    """The number of a month name or abbreviation.

    >>> month_number("Sept."), month_number("DECEMBER")
    (9, 12)

    Raises `KeyError` for a word that is no month.
    """
    return MONTHS[name.rstrip(".").lower()]


def _nearest_year(reference: dt.date, month: int, day: int) -> int | None:
    """The year that puts day/month nearest to `reference`."""
    best: tuple[int, int] | None = None
    for y in (reference.year - 1, reference.year, reference.year + 1):
        try:
            dist = abs((dt.date(y, month, day) - reference).days)
        except ValueError:
            continue
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else None


def _resolve(m: re.Match[str], reference: dt.date | None) -> tuple[dt.date, dt.date | None] | None:
    g = m.groupdict()
    d1 = int(g["d1"])
    d2 = int(g["d2"]) if g.get("d2") else None
    m1 = month_number(g["m1"]) if g.get("m1") else None
    m2 = month_number(g["m2"]) if g.get("m2") else m1
    m1 = m1 or m2
    assert m1 is not None and m2 is not None
    y2 = int(g["y2"]) if g.get("y2") else None
    y1 = int(g["y1"]) if g.get("y1") else None
    if y2 is None and y1 is None:
        if reference is None:
            return None
        y2 = _nearest_year(reference, m2, d2 or d1)
        if y2 is None:
            return None
    if y2 is None:  # "30 December 2010 to 2 January": the end's year follows the start's
        assert y1 is not None
        y2 = y1 + 1 if m2 < m1 else y1
    if y1 is None:
        y1 = y2 - 1 if m1 > m2 else y2
    try:
        start = dt.date(y1, m1, d1)
        end = dt.date(y2, m2, d2) if d2 is not None else None
    except ValueError:
        return None
    return start, end


def find_date_ranges(
    text: str, span: Span | None = None, *, reference: dt.date | None = None
) -> list[DateRange]:
    """Every date and date range in `text` (or in its `span`), in order, without overlaps.

    Where forms overlap the one that starts first wins, then the longest. `reference` gives
    the year to dates written without one; without it they are skipped.

    >>> t = "held from 4 to 8 April 2011 in Rabat; on 8 November"
    >>> [(str(r.start), str(r.end), r.span.of(t)) for r in find_date_ranges(t)]
    [('2011-04-04', '2011-04-08', '4 to 8 April 2011')]
    >>> [str(r.start) for r in find_date_ranges(t, reference=dt.date(2011, 11, 1))]
    ['2011-04-04', '2011-11-08']
    >>> find_date_ranges("31-27 March 2006")[0].reversed
    True
    """
    lo, hi = (span.start, span.end) if span is not None else (0, len(text))
    months = [m.start() for m in _MONTH.finditer(text, lo, hi)]
    if not months:  # every form names a month
        return []
    found: list[tuple[int, int, dt.date, dt.date | None]] = []
    for pattern in _PATTERNS:
        matches = (matches_at(pattern, text, months, hi)
                   if pattern in _MONTH_LED
                   else pattern.finditer(text, lo, hi))
        for m in matches:
            resolved = _resolve(m, reference)
            if resolved is not None:
                found.append((m.start(), m.end(), *resolved))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateRange] = []
    for start, end, d1, d2 in found:
        if out and start < out[-1].span.end:
            continue
        out.append(DateRange(d1, d2, Span(start, end)))
    return out
