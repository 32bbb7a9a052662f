"""When a document is dated (not when what it reports happened): an "Issue Date:",
"Published:" or "Posted on" field, a dateline alone on one of the first lines ("2 November
2005"), or a month alone or closing a series title ("June 2015", "Monthly Update: November
2011"). Shared by the three families; None when the page states no date of its own."""

from __future__ import annotations

import datetime as dt
import re

from cepa_kg.loaders.dates import MONTH_PATTERN, MONTHS_ES_FR, find_date_ranges, month_number
from cepa_kg.loaders.page_lines import page_lines
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span

__all__ = ["DocumentDate", "OwnDate", "document_date", "on_source_line"]

_FIELD = screened(re.compile(
    r"\b(?:issue\s+date|date\s+of\s+issue|date|published(?:\s+on)?|posted(?:\s+on)?|"
    r"release\s+date|updated(?:\s+on)?|last\s+updated?|"
    # a UN document's issue line ("Distr.: General 19 January 2012")
    r"distr\.?\s*:\s*general|"
    # the same labels in the other languages of the pages read
    r"fecha|publicado(?:\s+(?:el|em))?|publié(?:e)?\s+le|data|datum)\s*[:\-]?\s*"
    r"|(?:발행일|등록일|작성일|기사입력|입력|승인|发布日期|發布日期|发布时间|發布時間|日期)\s*[:：]?\s*",
    re.I))
_HANGUL = re.compile(r"[가-힣]")
#: A date in Korean: "2013년 5월 21일".
_KO_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*년\s*(?P<m>1[0-2]|0?[1-9])\s*월\s*"
                      r"(?P<d>3[01]|[12]\d|0?[1-9])\s*일")
#: A date in figures, the year first ("2006.09.07", "2018-06-21", "2019/07/03").
_YEAR_FIRST = re.compile(r"(?P<y>(?:19|20)\d\d)[.\-/](?P<m>0?[1-9]|1[0-2])[.\-/]"
                         r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)")
#: A source line with the item's date ("Source: Xinhua 2018-06-21 03:15:48", "Quelle/Source:
#: eGov, 17.03.2009").
_SOURCE_LINE = re.compile(r"^[^\S\n]*(?:Quelle|Source|Fuente|Fonte|来源|來源|출처)\s*"
                          r"(?:/\s*\w+\s*|[Dd]ate\s*)?[:：]", re.I)  # (and "Source Date:")
_MONTH_LINE = screened(re.compile(
    rf"(?:^|[:,|\-–—]\s*|\bfor\s+|\bNo\.?\s*\d{{1,3}}\s+)(?P<m>{MONTH_PATTERN})"
    rf"\s*,?\s*(?P<y>(?:19|20)\d\d)\s*$"))  # ("DESA News for June 2014",
# "DESA News Vol. 14, No. 3 March 2010")
#: Series words that make a month at a line's end the page's own month ("Newsletter - June
#: 2014", "Issue 12 | June 2014").
_SERIES_WORDS = ("monthly", "bulletin", "briefing", "update", "newsletter", "issue", "quarterly",
                 "volume", "vol.",
                 "digest", "news for")
_WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?$", re.I)
#: A source after a post date on its line: "18 March 2013 | UNPOG".
#: A byline before the date on its line: "By Ana Reis |", "Par la rédaction -".
_BYLINE = re.compile(r"^(?:By|Par|Por)\s+[A-Za-zÀ-ÿ][^\n|]{1,60}?\s*[|,–—-]?$")
_SOURCE_AFTER = re.compile(r"^[|\-–—]\s*\S+(?:\s+\S+){0,4}$")
_ISO_DATE = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                       r"(?![\d-])")
#: A post date glued to the end of a post's title line, in the US style those boards use
#: ("2013 Steering Committee Meeting March 18, 2013").
_US_DATE_AT_END = re.compile(rf"(?P<m>{MONTH_PATTERN})\s+(?P<d>\d{{1,2}}),\s+(?P<y>(?:19|20)\d\d)\s*$")
#: A news post's date line with its dots and its place (UNU-EGOV: "• 2017•03•22  New York"), or
#: a wire's time stamp that opens its story ("2013/06/26 - 18 : 04 PM Manama ...").
_DOTTED_DATE_LINE = re.compile(r"^[•·*\-\s]*(?P<y>(?:19|20)\d\d)[•·./](?P<m>0[1-9]|1[0-2])[•·./]"
                               r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)(?:\s*(?:\S+(?:\s+\S+){0,3})?\s*$"
                               r"|[^\S\n]*-[^\S\n]*\d{1,2}[^\S\n]*:[^\S\n]*\d{2}(?!\d))")
#: A date alone on its line in digits, the day first as outside the United States ("14-05-2018",
#: "03.11.2016"); month first only where the first number cannot be a month ("05/14/2018").
_NUMERIC_DATE_LINE = re.compile(  # (and "23 -05-2014")
    r"^\s*(?P<a>\d{1,2})[^\S\n]?(?P<sep>[-./])[^\S\n]?(?P<b>\d{1,2})"
    r"[^\S\n]?(?P=sep)[^\S\n]?(?P<y>(?:19|20)\d\d)\s*$")
#: A field's date in figures, the day first ("Date: 15-04-2024 11:20").
_FIELD_DAY_FIRST = re.compile(r"\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d(?=\s|$)")
#: What follows a dateline that opens a story ("19 April 2018: The UN Committee ...",
#: "16 September 2024 – Despite ...").
_DATELINE_AFTER = re.compile(r"^\s*(?::|[–—-])\s+[A-Z\"“]")
#: A draft's date in its heading: "(Draft of January 2013)", "(Revised, March 2014)".
_DRAFT_OF = re.compile(rf"\(\s*(?:[Dd]raft|[Rr]evised|[Vv]ersion)\s*(?:of|as\s+of|,|:)?\s*"
                       rf"(?P<m>{MONTH_PATTERN})\s*,?\s*(?P<y>(?:19|20)\d\d)\s*\)")
_HEAD_LINES = 8
#: A news board's entry for the post: a section word, the date in digits, the post's title,
#: which the next line repeats ("Technologies 03/11/2016 Experts arrive in X" / "Experts arrive
#: in X"); looked for further down than a dateline (a ticker may come first).
_DATED_ENTRY = re.compile(r"^[^\d\n]{0,40}?(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)"
                          r"(?P<y>(?:19|20)\d\d)\s+(?P<title>\S.{10,200}?)\s*$")
_ENTRY_LINES = 25
_ENTRY_CHARS = 3000
_DIGIT_DATE = screened(re.compile(r"\d[./]\d{1,2}[./](?:19|20)\d\d[^\S\n]+\S"))


def _numeric(line_text: str, at: int) -> DocumentDate | None:
    m = _NUMERIC_DATE_LINE.match(line_text)
    if m is None:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    day, month = (b, a) if b > 12 >= a else (a, b)
    try:
        dt.date(int(m.group("y")), month, day)
    except ValueError:
        return None
    return DocumentDate(int(m.group("y")), month, day, Span(at + m.start("a"), at + m.end("y")))


class DocumentDate:
    """A document's own date: a day, or a month (`day` None)."""

    def __init__(self, year: int, month: int, day: int | None, span: Span) -> None:
        self.year, self.month, self.day, self.span = year, month, day, span

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def is_month(self) -> bool:
        return self.day is None

    def iso(self) -> str:
        return self.date.isoformat() if self.day else f"{self.year:04d}-{self.month:02d}"


class OwnDate:
    """For a document model with a `dated` field (its `DocumentDate` or None): its own date
    and that date's precision, never the date of what it reports on."""

    dated: DocumentDate | None

    @property
    def date(self) -> dt.date | None:
        return self.dated.date if self.dated is not None else None

    @property
    def date_precision(self) -> str | None:
        """"day", or "month" for a page dated by its month only."""
        if self.dated is None:
            return None
        return "month" if self.dated.is_month else "day"


def _korean(m: re.Match[str]) -> DocumentDate | None:
    """`_iso` of a Korean date, checked first (its day is not bound by its month)."""
    try:
        dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return _iso(m)


def _iso(m: re.Match[str]) -> DocumentDate:
    return DocumentDate(int(m.group("y")), int(m.group("m")), int(m.group("d")),
                        Span(m.start(), m.end()))


def _dated_entry(text: str) -> DocumentDate | None:
    """The date of a news board's entry line whose title the next line repeats."""
    if _DIGIT_DATE.search(text, 0, _ENTRY_CHARS) is None:
        return None  # (most pages: one search)
    lines = [ln for ln in page_lines(text)[:_ENTRY_LINES] if not ln.blank]
    for line, nxt in zip(lines, lines[1:]):
        m = _DATED_ENTRY.match(line.text)
        if m is None or m.group("title").strip() != nxt.text.strip():
            continue
        found = _numeric(f"{m.group('a')}{m.group('sep')}{m.group('b')}{m.group('sep')}"
                         f"{m.group('y')}", 0)
        if found is not None:
            at = line.span.start + m.start("a")
            return DocumentDate(found.year, found.month, found.day,
                                Span(at, line.span.start + m.end("y")))
    return None


def on_source_line(text: str, span: Span) -> bool:
    """The date at `span` is on a news item's source line (which ends no header)."""
    start = text.rfind("\n", 0, span.start) + 1
    return bool(_SOURCE_LINE.match(text[start: span.start]))


def _source_date(text: str) -> DocumentDate | None:
    """The date on a news item's source line, in figures (year first, or day first)."""
    for line in page_lines(text)[:40]:
        if not _SOURCE_LINE.match(line.text):
            continue
        figures = _YEAR_FIRST.search(line.text)
        if figures:
            at = line.span.start
            return DocumentDate(int(figures.group("y")), int(figures.group("m")),
                                int(figures.group("d")), Span(at + figures.start(),
                                                              at + figures.end()))
        day_first = re.search(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b", line.text)
        if day_first and 1 <= int(day_first.group("m")) <= 12:
            at = line.span.start
            return DocumentDate(int(day_first.group("y")), int(day_first.group("m")),
                                int(day_first.group("d")), Span(at + day_first.start(),
                                                                at + day_first.end()))
    return None


#: The months in Spanish, French and Portuguese, for a dateline in those languages.
_OTHER_MONTHS = MONTHS_ES_FR | {m: i for i, m in enumerate(
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro".split(), start=1)}
#: A dateline in brackets on a line of its own, a place before the date: "(New York, 16 April
#: 2013)", "(Nueva York, 16 de abril de 2013)".
_BRACKET_DATELINE = re.compile(
    r"^[^\S\n]*\([^\S\n]*[A-ZÀ-Ý][^\n(),]{1,40},[^\S\n]*(?P<d>\d{1,2})(?:er|º|°)?[^\S\n]+(?:de[^\S\n]+)?"
    rf"(?P<m>{MONTH_PATTERN}|{'|'.join(_OTHER_MONTHS)})[^\S\n]+(?:de[^\S\n]+)?(?P<y>(?:19|20)\d\d)"
    r"[^\S\n]*\)[^\S\n]*$", re.I | re.M)
#: A weekday between a date field's label and its date ("Source Date: Tuesday, April 17, 2012").
_WEEKDAY_FIRST = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*",
                            re.I)


#: A clock time after a date on its line ("February 3, 2014 6:12 am", "2016-06-06 10:15",
#: "Dec 14 2006 11:30AM"): no part of what follows the date.
_CLOCK_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:[^\S\n]*[AaPp]\.?[Mm]\.?)?"
_CLOCK = re.compile(rf"^{_CLOCK_TIME}(?=\s|$)\s*")
_CLOCK_AT_END = re.compile(rf"[^\S\n]+{_CLOCK_TIME}$")
#: A place before a date alone on its line, as a statement's or a release's dateline writes
#: it ("New York, 17 April 2008").
_PLACE = r"[A-Z][A-Za-z.'’ -]{1,30},(?:[^\S\n]*[A-Z][A-Za-z.'’ -]{1,30},){0,2}"
_PLACE_LEAD = re.compile(_PLACE)
#: A news agency's initials after a wire's dateline ("(FBC)", "(WAM)").
_AGENCY_INITIALS = r"\([A-Z][A-Za-z.]{1,10}\)[^\S\n]*"
_AGENCY = re.compile(rf"^{_AGENCY_INITIALS}")
#: A line that opens with a wire's dateline: a category page lists several, each a story's.
_WIRE_DATELINE = re.compile(rf"^[^\S\n]*{_PLACE}[^\S\n]*[^\n]{{5,30}}?(?:19|20)\d\d[^\S\n]*"
                            rf"(?:{_AGENCY_INITIALS})?[–—-][^\S\n]", re.M)
#: A date alone on its line in Spanish, French or Portuguese, a weekday or a place before it, a
#: dash and the story after it: "18 abril 2012", "viernes, 14 de noviembre de 2008", "7 décembre
#: 2010 - Après-demain ...".
_OTHER_DATE_LINE = re.compile(
    # (a place before it, as a release's dateline: "Mexico, 5 novembre 2003 – Selon ...",
    # "Genève, le 5 novembre 2003")
    r"^[^\S\n]*(?:[A-ZÀ-Ý][\w.'’ -]{1,30},[^\S\n]*(?:le[^\S\n]+)?)?"
    r"(?:(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|segunda-feira|terça-feira|quarta-feira|quinta-feira|"
    r"sexta-feira|sábado|domingo),?[^\S\n]+)?(?P<d>\d{1,2})(?:er|º|°)?[^\S\n]+(?:de[^\S\n]+)?"
    rf"(?P<m>{'|'.join(_OTHER_MONTHS)})[^\S\n]+(?:de[^\S\n]+)?(?P<y>(?:19|20)\d\d)"
    r"[^\S\n]*(?:$|[-–—][^\S\n]+\S)", re.I)


def _day_month_year(m: re.Match[str], at: int) -> DocumentDate | None:
    """The day a match's `d`, `m` (a month's name in any of the languages read) and `y`
    groups give, spanning from its day to its year (`at`: where the matched line starts)."""
    month = _OTHER_MONTHS.get(m.group("m").lower()) or month_number(m.group("m"))
    try:
        dt.date(int(m.group("y")), month, int(m.group("d")))
    except ValueError:
        return None
    return DocumentDate(int(m.group("y")), month, int(m.group("d")),
                        Span(at + m.start("d"), at + m.end("y")))


def _bracket_dateline(line: str, at: int) -> DocumentDate | None:
    m = _BRACKET_DATELINE.match(line)
    return _day_month_year(m, at) if m is not None else None


#: A UN document's cover in French or Spanish, run into one line: its distribution and its day
#: ("Distr. générale 17 janvier 2020", "Distr. general 9 de febrero de 2018").
_DISTRIBUTION = re.compile(
    r"\bDistr\.\s*:?\s*(?:g[ée]n[ée]rale?|limit[ée]e|limitada|restringida|reservada)\s+"
    rf"(?P<d>\d{{1,2}})(?:er)?\s+(?:de\s+)?(?P<m>{'|'.join(_OTHER_MONTHS)})\s+(?:de\s+)?"
    r"(?P<y>(?:19|20)\d\d)\b", re.I)


#: A stored copy's date written before the page's own text: " date 2024-03 Em reconhecimento
#: ..." (the month the copy gives the page).
_COPY_DATE = re.compile(r"\A\s*date[^\S\n]+(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])"
                        r"(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d-])")


def document_date(text: str) -> DocumentDate | None:
    """The document's own date, or None (see the module's docstring)."""
    if (copy := _COPY_DATE.match(text)) is not None:
        return DocumentDate(int(copy.group("y")), int(copy.group("m")),
                            int(copy.group("d")) if copy.group("d") else None,
                            Span(copy.start("y"), copy.end()))
    if "Distr" in text[:3000] and (cover := _DISTRIBUTION.search(text, 0, 3000)) is not None:
        found_cover = _day_month_year(cover, 0)
        if found_cover is not None:
            return found_cover
    for m in _FIELD.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if m.start() and text[m.start() - 1] not in "\n ,|(" and not (
                _HANGUL.match(text, m.start() - 1) and _HANGUL.match(text, m.start())):
            continue  # (a Korean label may follow its section's name: "컴퓨팅입력 :2013/05/21")
        weekday = _WEEKDAY_FIRST.match(text, m.end(), line_end)
        after = weekday.end() if weekday else m.end()
        for found in find_date_ranges(text, Span(m.end(), line_end)):
            if found.span.start - after <= 2 and found.end is None:
                return DocumentDate(found.start.year, found.start.month, found.start.day,
                                    found.span)
        iso = _ISO_DATE.match(text, m.end(), line_end)
        if iso:
            return _iso(iso)
        korean = _KO_DATE.match(text, m.end(), line_end)  # "입력 2013년 5월 21일"
        if korean:
            return _korean(korean)
        figures = _YEAR_FIRST.match(text, m.end(), line_end)
        if figures:
            return DocumentDate(int(figures.group("y")), int(figures.group("m")),
                                int(figures.group("d")), Span(figures.start(), figures.end()))
        day_first = _FIELD_DAY_FIRST.match(text, m.end(), line_end)  # "Date: 15-04-2024 11:20"
        if day_first:
            found_date = _numeric(day_first.group(0), day_first.start())
            if found_date is not None:
                return found_date
    source = _source_date(text)
    if source is not None:
        return source
    entry = _dated_entry(text)
    seen = 0
    for line in page_lines(text):
        if entry is not None and line.span.start >= entry.span.start:
            return entry
        if line.blank or line.chrome:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        for found in find_date_ranges(text, line.span):
            rest = text[found.span.end: line.span.end].strip()
            lead = text[line.span.start: found.span.start].strip(" |")
            if not _WEEKDAY.match(lead):  # (a weekday, a day and its hour: when an event
                rest = _CLOCK.sub("", rest)  # begins, on a calendar's page)
            if found.end is None and _PLACE_LEAD.fullmatch(lead) and found.start.year >= 1990 \
                    and _DATELINE_AFTER.match(_AGENCY.sub("", rest, count=1)) \
                    and len(_WIRE_DATELINE.findall(text)) < 2:  # (not a list of teasers)
                # a wire's dateline: "Addis Ababa, September 19, 2024 (FBC) – Ethiopia has ..."
                return DocumentDate(found.start.year, found.start.month, found.start.day,
                                    found.span)
            if found.end is None and (not rest.strip("|") or _SOURCE_AFTER.match(rest) or (
                    not lead and found.start.year >= 1990 and _DATELINE_AFTER.match(rest))) and (
                    len(lead) < 3 or _WEEKDAY.match(lead)  # "Tuesday, 2 May 2017"
                    or _BYLINE.match(lead)  # "By Ana Reis | 12 April 2023"
                    or (not rest and _PLACE_LEAD.fullmatch(lead))):  # "New York, 17 April 2008"
                return DocumentDate(found.start.year, found.start.month, found.start.day,
                                    found.span)
        bracketed = _bracket_dateline(line.text, line.span.start)
        if bracketed is not None:
            return bracketed
        dotted = _DOTTED_DATE_LINE.match(line.text)
        if dotted:
            at = line.span.start
            return DocumentDate(int(dotted.group("y")), int(dotted.group("m")),
                                int(dotted.group("d")), Span(at + dotted.start("y"),
                                                             at + dotted.end("d")))
        numeric = _numeric(line.text, line.span.start)
        if numeric is not None:
            return numeric
        draft = _DRAFT_OF.search(line.text)
        if draft:
            return DocumentDate(int(draft.group("y")), month_number(draft.group("m")), None,
                                Span(line.span.start + draft.start("m"),
                                     line.span.start + draft.end("y")))
        other = _OTHER_DATE_LINE.match(line.text)
        if other is not None:
            found_other = _day_month_year(other, line.span.start)
            if found_other is not None:
                return found_other
        iso = _ISO_DATE.fullmatch(_CLOCK_AT_END.sub("", line.text.strip()))
        if iso:
            at = line.span.start + line.text.index(iso.group(0))
            return DocumentDate(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")),
                                Span(at, at + len(iso.group(0))))
        us = _US_DATE_AT_END.search(line.text)
        if us and us.start() > 0 and len(line.text.split()) <= 40:
            start = line.span.start + us.start()
            return DocumentDate(int(us.group("y")), month_number(us.group("m")),
                                int(us.group("d")), Span(start, line.span.start + us.end("y")))
        month = _MONTH_LINE.search(line.text)
        if month and (month.start() == 0 or any(w in line.text.lower() for w in _SERIES_WORDS)):
            start = line.span.start + month.start("m")
            return DocumentDate(int(month.group("y")), month_number(month.group("m")), None,
                                Span(start, line.span.start + month.end("y")))
    return None
