"""The facts about a CEPA session a page states, each read on its own from the whole page
(`loaders/layouts/session.md`): the number, the dates it was held, where, the main theme, the
agenda items (subtopics) and the bureau. A page may state any of them or none; each extractor
returns what it finds with the span it read, or nothing. Pure functions over the text.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from dataclasses import dataclass

from cepa_kg.loaders.dates import (
    MONTH_PATTERN,
    MONTHS,
    MONTHS_AR,
    MONTHS_ES_FR,
    DateRange,
    find_date_ranges,
)
from cepa_kg.loaders.page_lines import GLYPH, is_chrome
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.session_model import Place, Theme
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
_NUMBER = screened(re.compile(
    rf"\b(?:(?P<o>\d{{1,2}})\s*(?:st|nd|rd|th)|(?<!-)(?P<w>{_ORD_WORD}))[\s-]+"
    # (the Committee's name or a kind of session between: "the 22nd United Nations Committee of
    # Experts on Public Administration (CEPA) Session", "the 21st UN CEPA session", "the 17th
    # annual session")
    r"(?:(?:annual|regular|ordinary|formal|UN|U\.N\.|United\s+Nations|UN-CEPA|UNCEPA|CEPA|"
    r"Committee\s+of\s+Experts\s+(?:on|of|in)\s+Public\s+Administration(?:\s*\(CEPA\))?)"
    r"[\s-]+){0,3}(?:session|meeting)\b"
    # (not a day after it: "Dix-neuvième session 31 mars-4 avril 2020")
    r"|\bsession\s+(?:no\.?\s*)?(?P<n>\d{1,2})\b(?![-/.]\d)"
    rf"(?![^\S\n]+(?:{'|'.join(sorted(MONTHS | MONTHS_ES_FR, key=len, reverse=True))})\b)"
    r"|\bCEPA[\s-]?(?P<c>\d{1,2})\b(?![-/.]\d)",
    re.I))
_REPORT = screened(re.compile(r"\bE/(?P<y>20[0-4]\d)/44\b"))
#: Before a session the page is not about: one it dates from, or one still to come.
_NOT_THIS_SESSION = re.compile(r"\b(?:since|preparations?\s+for|prepare\s+for|ahead\s+of)\s+"
                               r"(?:its|the|their)\s+$", re.I)
_YEAR_SESSION = screened(re.compile(r"\b(?P<y>20[0-4]\d)\s+(?:CEPA\s+)?(?:session|meeting)\b"
                           r"|\bCEPA\s+(?P<y2>20[0-4]\d)\b"
                           # "The 2013 United Nations Committee of Experts on Public
                           # Administration (UN-CEPA) gathered": the year's session
                           r"|\b(?P<y3>20[0-4]\d)\s+(?:UN\s+|United\s+Nations\s+)?(?:Committee\s+of\s+"
                           r"Experts\s+on\s+Public\s+Administration|CEPA)\b", re.I))


#: Spanish and French session ordinals ("sexto período de sesiones", "dixième session"): the
#: UN's own report pages and their copies on document-sharing sites are in every language.
_ES_ORDINALS = {w: i for i, w in enumerate(
    "primer segundo tercer cuarto quinto sexto séptimo octavo noveno décimo undécimo duodécimo "
    "decimotercer decimocuarto decimoquinto decimosexto decimoséptimo decimoctavo decimonoveno "
    "vigésimo".split(), start=1)}
_FR_ORDINALS = {w: i for i, w in enumerate(
    "première deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième "
    "onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième "
    "dix-neuvième vingtième".split(), start=1)}


def _arabic_ordinals() -> dict[str, int]:
    """Arabic ordinals 1-29, feminine (a session, "الدورة الحادية والعشرين") and masculine (an
    annual meeting, "الاجتماع السنوي السابع عشر")."""
    out: dict[str, int] = {}
    for units in ("الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة "
                  "العاشرة", "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع "
                  "العاشر"):
        words = units.split()
        first = "الحادية" if words[0] == "الأولى" else "الحادي"
        for i, w in enumerate(words, start=1):
            out[w] = i
        for i, w in enumerate([first, *words[1:9]], start=1):
            for ten in ("عشرة", "عشر"):
                out[f"{w} {ten}"] = 10 + i
            for twenty in ("والعشرين", "والعشرون"):
                out[f"{w} {twenty}"] = 20 + i
    out["العشرين"] = out["العشرون"] = 20
    return out


_AR_ORDINALS = _arabic_ordinals()
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_OTHER_NUMBER = screened(re.compile(
    r"\b(?P<es>" + "|".join(sorted(_ES_ORDINALS, key=len, reverse=True)) + r")"
    r"(?:\s+(?P<es2>primer|segundo|tercer|cuarto|quinto))?\s+per[ií]odo\s+de\s+sesiones\b"
    r"|\b(?P<fr>" + "|".join(sorted(_FR_ORDINALS, key=len, reverse=True)) + r")\s+session\b"
    # written with figures: "La 13e session", "la 12ème session", "13.º período de sesiones"
    r"|\b(?P<fig>\d{1,2})(?:e|ème|eme|è|re|er)\s+session\b"
    # "11ª Sessão", "la 11.ª sesión", "11ª sessione", "die 11. Sitzung" (or Tagung)
    r"|\b(?P<fig_pt>\d{1,2})\s?\.?\s?[ªº°]\s+(?:sess[ãa]o|sesi[óo]n|sessione|reuni[ãa]o)\b"
    r"|\b(?P<fig_de>\d{1,2})\.\s+(?:Sitzung|Tagung)\b"
    # "a 23ª edição do Comitê de Especialistas", "la 12.ª edición del Comité": an edition of
    # the Committee (of nothing else: a prize's, a forum's)
    r"|\b(?P<fig_ed>\d{1,2})\s?\.?\s?[ªº°]\s+(?:edi[çc][ãa]o|edici[óo]n)\s+(?:do|da|del|de\s+la)\s+"
    r"(?:Comit[êée]|CEPA)\b"
    r"|\b(?P<fig_es>\d{1,2})\s?(?:\.?º|°|\.ª|\.?o)\s+per[ií]odo\s+de\s+sesiones\b"
    # "الدورة 10 للجنة الخبراء" (Arabic: "session 10 of the Committee"), "دورتها الـ23" ("its
    # 23rd session"), "الدورة الحادية والعشرين", "الاجتماع السنوي السابع عشر" (its 17th
    # annual meeting)
    r"|(?:الدورة|دورتها|دورته|دورة|الاجتماع\s+السنوي|اجتماعها\s+السنوي)\s+(?:الـ\s*|ال)?"
    r"(?P<fig_ar>[\d٠-٩]{1,2})(?![\d٠-٩])"
    r"|(?:الدورة|دورتها|دورته|الاجتماع\s+السنوي|اجتماعها\s+السنوي)\s+(?P<ar>"
    + "|".join(sorted(_AR_ORDINALS, key=len, reverse=True)) + r")(?!\w)",
    re.I))


def _other_ordinal(m: re.Match[str]) -> int:
    for figure in ("fig", "fig_es", "fig_pt", "fig_de", "fig_ar", "fig_ed"):
        if m.group(figure):
            return int(m.group(figure).translate(_AR_DIGITS))
    if m.group("ar"):
        return _AR_ORDINALS[m.group("ar")]
    if m.group("fr"):
        return _FR_ORDINALS[m.group("fr").lower()]
    value = _ES_ORDINALS[m.group("es").lower()]
    return value + (_ES_ORDINALS[m.group("es2").lower()] if m.group("es2") else 0)


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
        if _NOT_THIS_SESSION.search(text, max(0, m.start() - 40), m.start()):
            continue  # "since its first session", "in preparation for its 22nd session"
        if m.group("o") or m.group("n") or m.group("c"):
            value = int(m.group("o") or m.group("n") or m.group("c"))
        else:
            value = _ordinal(m.group("w"))
        if 1 <= value <= 40:
            return value, Span(m.start(), m.end())
    other = _OTHER_NUMBER.search(text)
    if other:
        return _other_ordinal(other), Span(other.start(), other.end())
    for pattern in (_REPORT, _YEAR_SESSION):
        dated = pattern.search(text)
        if dated:
            year = int(next(g for g in dated.groups() if g))
            if year >= FIRST_YEAR:
                return year - FIRST_YEAR + 1, Span(dated.start(), dated.end())
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


_OTHER_MONTHS = MONTHS_ES_FR | MONTHS_AR
_MONTH_OTHER = "|".join(sorted(_OTHER_MONTHS, key=len, reverse=True))
_MONTH_KEYS = tuple(f" {month} " for month in _OTHER_MONTHS)
#: A range of days in Spanish, French or Arabic: "del 26 al 30 de marzo de 2007", "(29 de marzo
#: a 2 de abril de 2004)", "du 4 au 8 avril 2011", "30 mars - 3 avril 2009", "22-26 أبريل 2024".
_OTHER_RANGE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:er)?(?:\s+(?:de\s+)?(?P<m1>{_MONTH_OTHER}))?"
    rf"\s*(?:\bal?\b|\bau\b|[-–]|إلى|الى|حتى)\s*(?P<d2>\d{{1,2}})\s+(?:de\s+)?(?P<m2>{_MONTH_OTHER})"
    r"\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)


def _other_language_ranges(text: str) -> list[DateRange]:
    if not any(key in text for key in _MONTH_KEYS):  # (months are written in lower case)
        return []
    out = []
    for m in _OTHER_RANGE.finditer(text):
        m2 = _OTHER_MONTHS[m.group("m2").lower()]
        m1 = _OTHER_MONTHS[m.group("m1").lower()] if m.group("m1") else m2
        try:
            start = dt.date(int(m.group("y")), m1, int(m.group("d1")))
            end = dt.date(int(m.group("y")), m2, int(m.group("d2")))
        except ValueError:
            continue
        out.append(DateRange(start, end, Span(m.start(), m.end())))
    return out


#: Words between a session's first day and its last written as two dates ("opened on April 13,
#: 2026, in Conference Room 4 and will close on April 17, 2026").
_CLOSING = re.compile(r"\b(?:clos\w*|conclud\w*|end\w*|until|through|run\w*\s+to)\b", re.I)


def _closing_day(text: str, first: DateRange, found: list[DateRange]) -> DateRange:
    """A first day and, later in the same sentence, a day the session closes: one range."""
    for later in found:
        if later.end is not None or later.start <= first.start:
            continue
        between = text[first.span.end: later.span.start]
        if (later.start - first.start).days > 25:
            continue
        if len(between) < 200 and not re.search(r"[.!?](?:\s|$)", between) and \
                _CLOSING.search(between):
            return DateRange(first.start, later.start, Span(first.span.start, later.span.end))
        if len(between) < 300 and "\n\n" not in between and _CLOSES_ON.search(
                text, max(0, later.span.start - 40), later.span.start):
            # "opened its ninth session today. The session runs until 23 April.": the next
            # sentence's closing day, said right before it
            return DateRange(first.start, later.start, Span(first.span.start, later.span.end))
    return first


#: The words right before a session's last day: "runs until", "will continue through",
#: "closes on Friday,".
_CLOSES_ON = re.compile(
    r"\b(?:session|meeting|it|Committee)\s+(?:will\s+|is\s+to\s+)?(?:run\w*|continu\w*|last\w*|"
    r"clos\w*|end\w*|conclud\w*)\s+(?:until|through|till|to|on)?\s*(?:(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day,?\s+)?$", re.I)


#: The words before a single day that make it the session's first, not its only one: "opened
#: on 27 March 2023", "began on Monday, 4 April 2022", "starting 15 April".
_OPENED_ON = re.compile(r"\b(?:open(?:s|ed|ing)?|beg(?:an|ins|in)|start(?:s|ed|ing)?|"
                        r"commenc(?:es|ed)|kick(?:s|ed)\s+off)(?:\s+on)?(?:\s+(?:mon|tues|wednes|thurs|fri|satur|sun)"
                        r"day,?)?\s*$", re.I)


def opening_day_only(text: str, dates: DateRange) -> bool:
    """The page gives one day, the day the session opened: its last day is not known."""
    return dates.end is None and bool(_OPENED_ON.search(
        text, max(0, dates.span.start - 40), dates.span.start))


def session_dates(text: str, number: int | None, *,
                  dated: dt.date | None = None) -> DateRange | None:
    """The days the session was held: a range of days near words of holding ("held", "took
    place", "convened"), not a deadline, an issue date or a decision's date; a held date beats
    a planned one. Days written without a year take the session's year; a day it opened and a
    day it closes, written apart in one sentence, make one range; Spanish and French ranges
    ("del 26 al 30 de marzo de 2007") count too."""
    # (days without a year on a page with no session number: the page's own date's year,
    # "DESA News, April 2008 ... gather in New York from 15-19 April")
    reference = dt.date(year_of_session(number), 4, 15) if number else dated
    found_all = find_date_ranges(text, reference=reference)
    best = _best_range(text, number, found_all)
    if best is None or best[0] < 4:  # (a Spanish or French page: only where English is weak)
        other = [r for r in _other_language_ranges(text) if not any(
            f.span.start < r.span.end and r.span.start < f.span.end for f in found_all)]
        if other:
            found_all = sorted(found_all + other, key=lambda r: r.span.start)
            best = _best_range(text, number, found_all)
    if not best or best[0] < 2:
        return None
    return _closing_day(text, best[1], found_all) if best[1].end is None else best[1]


def _best_range(text: str, number: int | None,
                candidates: list[DateRange]) -> tuple[int, DateRange] | None:
    best: tuple[int, DateRange] | None = None
    for found in candidates:
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
    return best


# -- place -------------------------------------------------------------------------------------


_PLACES = screened(re.compile(
    r"\b(?P<hq>United\s+Nations\s+[Hh]eadquarters|UN\s+[Hh]eadquarters|UNHQ)\b"
    r"|\b(?P<es>Sede\s+de\s+las\s+Naciones\s+Unidas)\b"
    r"|\b(?P<fr>Si[èe]ge\s+de\s+l[’']Organisation\s+des\s+Nations\s+Unies)"
    r"|\b(?P<city>New\s+York|Geneva|Vienna|Nairobi|Bangkok|Addis\s+Ababa|Nueva\s+York|"
    r"Nova\s+Iorque|Nova\s+York|Ginebra|Genebra|Genève|Viena|Wien)\b"))
#: The cities in Arabic, a preposition glued before them ("بنيويورك": "in New York"); searched
#: only on a page that has one (a look-behind at every position cost a tenth of the parse).
_PLACES_AR = re.compile(r"(?<![^\W\u0628\u0644\u0648\u0641])(?P<city>نيويورك|جنيف)(?!\w)")
#: The cities as other languages write them: the session's place is the city.
_CITY_NAMES = {"nueva york": ("New York", "es"), "nova iorque": ("New York", "pt"),
               "nova york": ("New York", "pt"), "ginebra": ("Geneva", "es"),
               "genebra": ("Geneva", "pt"), "genève": ("Geneva", "fr"), "viena": ("Vienna", "es"),
               "wien": ("Vienna", "de"), "نيويورك": ("New York", "ar"), "جنيف": ("Geneva", "ar")}


#: After a city, the year alone to the line's end: a report's imprint ("United Nations • New
#: York, 2008"), where it was published, not where the session met.
_IMPRINT = re.compile(r",[^\S\n]*(?:19|20)\d\d[^\S\n]*(?:\n|$)")
_PUBLISHER = re.compile(r"•|United\s+Nations|Nations\s+Unies|Naciones\s+Unidas")


def session_place(text: str, dates: DateRange | None) -> tuple[Place, ...]:
    """Where the session met: the headquarters and the city named near the session's dates
    (or near its first mention); a virtual session names none."""
    end = max(1500, dates.span.end + 300) if dates is not None else 1500
    window = Span(0, min(len(text), end))
    out: dict[str, Place] = {}
    arabic = "نيويورك" in text or "جنيف" in text
    found = list(_PLACES.finditer(text, window.start, window.end))
    if arabic:
        found = sorted(found + list(_PLACES_AR.finditer(text, window.start, window.end)),
                       key=lambda m: m.start())
    for m in found:
        if _IMPRINT.match(text, m.end()) and _PUBLISHER.search(
                text, text.rfind("\n", 0, m.start()) + 1, m.start()):
            continue  # "Nations Unies • New York, 2008": the publisher's
        if m.group("city"):
            written = clean(m.group("city"))
            name, lang = _CITY_NAMES.get(written.lower(), (written, "en"))
        else:  # the headquarters, as an English, Spanish or French page names it
            name, lang = "United Nations Headquarters", "es" if m.group("es") else (
                "fr" if m.group("fr") else "en")
        out.setdefault(name, Place(name, Span(m.start(), m.end()), lang))
    return tuple(out.values())


# -- theme -------------------------------------------------------------------------------------

_QUOTE_OPEN = "\"\u201c\u2018«\u201e"
_QUOTE_CLOSE = {"\"": "\"", "\u201c": "\u201d", "\u2018": "\u2019", "«": "»", "\u201e": "\u201c"}
_THEME = screened(re.compile(
    r"^[^\S\n]*(?:main\s+|overall\s+)?theme\s*:\s*"
    # ("CEPA 2019 theme: X", "Session theme: X": a label after a few words on its line)
    r"|^[^\S\n]*(?:CEPA|[Ss]ession|[Cc]ommittee)(?:[^\S\n]+(?:19|20)\d\d)?[^\S\n]+theme\s*:\s*"
    r"|\b(?:its|the|whose|(?:session|meeting|Committee|CEPA)[’']s)\s+(?:main\s+|overall\s+|"
    r"central\s+|overarching\s+)?theme"
    r"(?:\s+(?:of|for)\s+(?:the|its|this)\s+(?:[\w’']+\s+){0,2}?"
    r"(?:session|meeting|year|gathering|event))?"
    r"(?:\s+(?:this|last|next)\s+year|\s+(?:in|for)\s+(?:19|20)\d\d)?"
    r"\s+(?:was|is|will\s+be)\s*[:,]?\s*"
    # "The session, themed “X”", "The 18th session focused on “X”" (in quotation marks: a
    # focus in prose is its agenda items, `agenda_items`)
    r"|\bthemed\s+(?=[\"\u201c\u2018«])"
    r"|\b(?:session|meeting)\s+(?:was\s+|is\s+)?focus(?:ed|es)\s+on\s+(?=[\"\u201c\u2018«])"
    # "The session had as its main subject “X”"
    r"|\bhad\s+as\s+(?:its\s+)?(?:main|central|principal)\s+(?:subject|theme|topic)\s*:?\s*"
    # "key aspects of the theme “X”": the theme named by its quotes alone
    # (and "this year’s theme, ‘X’", "is considering the theme, ‘X,’")
    r"|\b(?:the|(?:this|last|next)\s+year[’']s|(?:session|meeting|Committee|CEPA)[’']s)\s+"
    r"(?:main\s+|overall\s+|central\s+)?theme\s*,?\s*(?=[\"\u201c\u2018«]|'[A-Z])"
    # "The session was devoted to X"; French "Thème général de la Session: “X”"
    r"|\b(?:session|meeting)\s+(?:was|is|will\s+be)\s+(?:devoted|dedicated)\s+to\s+"
    # "At the meeting, which was dedicated to “X”" (quoted: a theme's name)
    r"|\b(?:session|meeting),\s+which\s+(?:was|is|will\s+be)\s+(?:devoted|dedicated)\s+to\s+"
    r"(?=[\"\u201c\u2018«])"
    # Spanish, French, Portuguese: "cuyo tema es “X”", "dont le thème est", "cujo tema é"
    r"|\bcuyo\s+tema\s+(?:central\s+|principal\s+)?(?:es|fue|ser[áa])\s*:?\s*"
    r"|\bdont\s+le\s+th[èe]me\s+(?:central\s+|principal\s+)?(?:est|[ée]tait|sera)\s*:?\s*"
    r"|\bcujo\s+tema\s+(?:central\s+|principal\s+)?(?:[ée]|foi|ser[áa])\s*:?\s*"
    r"|\bTh[èe]me\s+(?:g[ée]n[ée]ral|principal)(?:\s+de\s+la\s+session)?\s*:\s*"
    r"|\b(?:under|on)\s+the\s+(?:main\s+|overall\s+|central\s+|overarching\s+)?theme\s*"
    r"(?:of\s+)?:?\s*"
    r"|\bthe\s+main\s+(?:subject|item|topic|focus)\s+(?:of\s+discussion\s+)?"
    r"(?:for\s+(?:CEPA|the\s+Committee)\s+(?:this\s+year\s+)?)?(?:was|is|will\s+be)\s*:?\s*"
    r"|\b(?:will\s+)?take\s+up\s+the\s+theme\s*(?:of\s+)?:?\s*"
    # "The Committee adopted the theme of X, as the main agenda item for its eighth session"
    r"|\b(?:adopted|chose|selected)\s+the\s+theme\s+(?:of\s+)?:?\s*"
    # French and Spanish: "sur le thème de X", "sous le thème « X »", "bajo el tema X"
    r"|\b(?:sur|sous)\s+le\s+th[èe]me(?:\s+[a-zàâçéèêëîïôûùü]+(?=\s*:))?\s*(?:de\s+|"
    r"du\s+(?=[«“\"])|d[’'](?=\w)|:)?\s*"
    # German, Portuguese, Italian: "Unter dem Thema „X“", "sob o tema X", "com o tema “X”",
    # "sul tema X"
    r"|\b[Uu]nter\s+dem\s+(?:Leit)?[Tt]hema\s*:?\s*|\b(?:sob|com)\s+o\s+tema\s*:?\s*"
    r"|\bsul\s+tema\s*:?\s*"
    # a theme named in quotation marks right after the word: "traz o tema “X”", "el tema “X”"
    r"|\b(?:o|el)\s+tema\s+(?=[\"\u201c«])|\ble\s+th[èe]me\s+(?=[\"\u201c«])"
    r"|\b(?:bajo|sobre)\s+el\s+tema\s*(?:de\s+|:)?\s*",
    re.I | re.M))
_THEME_END = re.compile(r"\.(?=\s|$)|;|\n[^\S\n]*\n|\s+with\s+sub-items|\s*,\s+with\b"
                        r"|,?\s+as\s+(?:the|its)\s+main\s+(?:agenda\s+item|theme|topic)\b"
                        r"|\s+in\s+alignment\s+with\b|\n(?=[^\n]*\t)|\t", re.I)


_STRAIGHT_CLOSE = re.compile(r"'(?!\w)")


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
        if text[a] == "'" and a + 1 < len(text) and text[a + 1].isupper():
            # a straight quote ("considered the theme 'X', and"): closed by the next one that
            # no letter follows (not the apostrophe of "members' ")
            close_m = _STRAIGHT_CLOSE.search(text, a + 1, a + 600)
            span = Span(a + 1, close_m.start() if close_m else min(len(text), a + 300))
        elif text[a] in _QUOTE_OPEN:
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
    r"questions\s+for\s+the\s+coming\s+session|"
    # a count of themes before their list: "four themes approved by the Council: A; B; C",
    # "quatro temas aprovados ...: A; B", "trois thèmes : A ; B"
    r"\b(?:two|three|four|five|six|seven|dois|duas|três|quatro|cinco|seis|dos|tres|cuatro|"
    r"deux|trois|quatre|cinq|[2-7])\s+(?:main\s+|principais\s+|grandes\s+|key\s+)?(?:themes|"
    r"topics|issues|sub-?themes|thematic\s+areas|thematic\s+clusters|temas|"
    r"thèmes|sujets|questões|cuestiones|asuntos)\b[^.:;\n]{0,80}(?=:)|"
    # "the matters emphasised under it were A, B, C; D and E"
    r"\b(?:matters|issues|topics|themes)\s+(?:emphasi[sz]ed|discussed|addressed|covered|"
    r"highlighted|examined)\s+(?:under\s+it\s+|at\s+the\s+session\s+)?(?:were|are|included)\b",
    re.I)
#: Further cues, scanned only on a page holding one of their words (`_MORE_KEYS`), for speed.
_MORE_CUE = re.compile(
    # "The topics will include X, Y as well as Z", "These issues include:", "questions such as:"
    r"(?:topics|items|issues|themes|questions|discussions)(?:\s+(?:to\s+be|being|that\s+will\s+"
    r"be)\s+(?:discussed|addressed|covered|considered|examined)(?:\s+by\s+the\s+(?:Committee|CEPA|"
    r"experts))?)?\s+(?:will\s+|would\s+)?"
    r"(?:include[ds]?|included|such\s+as)\b|"
    # "The 22nd session will focus on X; Y; and Z." (a list, not a phrase: see `agenda_items`)
    r"(?:session|Committee|CEPA|meeting)\s+will\s+(?:also\s+)?focus\s+on|"
    # a programme: "They are also expected to: X; Y; Z"
    r"(?:are|is)\s+(?:also\s+)?expected\s+to\s*(?=:)|"
    # Spanish and French reports: "trató los siguientes temas sustantivos", "examinó las
    # cuestiones siguientes", "a examiné les questions suivantes"
    r"temas\s+sustantivos|siguientes\s+(?:temas|cuestiones)|cuestiones\s+siguientes|"
    r"questions\s+(?:de\s+fond\s+)?suivantes|points\s+suivants|"
    # "une série de questions de gouvernance ..., notamment : 1. ..."
    r"\bnotamment\s*(?=:)", re.I)
_LISTED = ("topic", "item", "issue", "theme", "question", "discussion")
#: Each key word of `_MORE_CUE`, and words one of which must come just before it.
_MORE_KEYS = {"include": _LISTED, "such as": _LISTED,
              "focus on": ("session", "committee", "cepa", "meeting"),
              "expected to": ("are", "is"), "sustantivos": ("",), "siguientes": ("",),
              "suivant": ("",), "notamment": ("",)}
_INLINE_ITEM = re.compile(r"\(\s*(?:[a-z]|[ivx]{1,4}|\d{1,2})\s*\)\s*")
#: Items lettered without an opening parenthesis ("a) X; b) Y, y c) Z"), as the Spanish and
#: French reports write them: kept only as a run a), b), c) ...
_HALF_ITEM = re.compile(r"(?:(?<=\s)|^)(?P<l>[a-h])\)\s+")
#: Cues whose items are only read as a list (semicolons, or list lines), never as a phrase.
_LIST_ONLY = re.compile(r"focus\s+on$|expected\s+to$", re.I)


def _item_span(text: str, a: int, b: int) -> Span:
    span = Span(a, b).strip(text, " \t\n\u00a0;,.")
    piece = span.of(text)
    trail = re.search(r"(?:[;,]?\s*\b(?:and|or)\s*)$", piece)  # (not "sector")
    if trail and trail.start() > 0:
        span = Span(span.start, span.start + trail.start()).strip(text, " \t\n;,.")
    lead = re.match(r"(?:and|or|e|y|et|ou|o)\s+", span.of(text))
    if lead:
        span = Span(span.start + lead.end(), span.end)
    return span


def _half_marks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The marks of a lettered run "a) ... b) ... c) ..." (in order from "a")."""
    out: list[re.Match[str]] = []
    if text.find("a)", start, end) < 0:
        return out
    for m in _HALF_ITEM.finditer(text, start, end):
        if ord(m.group("l")) - ord("a") == len(out):
            out.append(m)
    return out


#: A part of a sentence that qualifies the one before it, no topic of its own ("including for
#: the 2030 Agenda", "in the digital age").
_ADVERBIAL = re.compile(r"(?:including|in|during|within|across)\s", re.I)
#: Words that lead into an item ("among them ways to prevent ...", "looked | at ways to").
_LEAD_IN = re.compile(r"(?:among\s+them|notably|such\s+as|in\s+particular|at)\s+", re.I)


def _unled(text: str, item: Span) -> Span:
    lead = _LEAD_IN.match(item.of(text))
    return Span(item.start + lead.end(), item.end) if lead else item


def _numbered_marks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The marks of a numbered run in one paragraph "1. X. 2. Y. 3. Z" (in order from 1)."""
    out: list[re.Match[str]] = []
    for m in _NUM_ITEM.finditer(text, start, end):
        if int(m.group("n")) == len(out) + 1:
            out.append(m)
    return out


#: An item numbered within a paragraph ("notamment : 1. Les dimensions ... 2. Échanges ...").
_NUM_ITEM = re.compile(r"(?:(?<=\s)|^)(?P<n>\d{1,2})\.\s+(?=[A-ZÀ-ÝÉ])")


#: The end of the sentence that holds a run's last item: a full stop before a capital.
_ITEM_SENTENCE_END = re.compile(r"(?<![A-Z])\.\s+(?=[A-Z\u00c0-\u00dd])")


def _inline_items(text: str, start: int, end: int) -> list[Span]:
    """Items written "(a) X; (b) Y; and (c) Z" (or "a) X; b) Y, y c) Z", or "1. X. 2. Y."); an
    item "(a) X, including (i) P, (ii) Q" gives X and its sub-items P and Q."""
    marks: list[re.Match[str]] = list(_INLINE_ITEM.finditer(text, start, end))
    if len(marks) < 2:
        marks = _half_marks(text, start, end)
    if len(marks) < 2:
        marks = _numbered_marks(text, start, end)
    if len(marks) < 2:
        return []
    out: list[Span] = []
    for i, m in enumerate(marks):
        if i + 1 < len(marks):
            stop = marks[i + 1].start()
        else:  # the last item ends with its sentence ("... (c) Z. Based on these ...")
            last = _ITEM_SENTENCE_END.search(text, m.end(), end)
            stop = last.start() + 1 if last else end
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
    """Items of a sentence "X, Y, Z and W" or "X, Y, Z as well as W" (at least three). Only
    the last part is cut at "and" (and at the last "and" that opens a new item), so that "fast
    and coordinated policy response" stays one item."""
    stop = re.search(r"\.(?:\s|$)", text[start:end])
    b = start + stop.start() if stop else end
    passive = _DISCUSSED_AFTER.search(text, start, b)
    if passive is not None:  # "issues such as A, B and C will be discussed": the list ends
        b = passive.start()
    parts = re.split(r"[,;]\s+(?:and\s+|as\s+well\s+as\s+)?", text[start:b])
    if "(" in text[start:b]:  # (no cut inside brackets: "effectively (through A, B and C")
        parts = _bracketed_whole(text[start:b], parts)
    last = parts.pop()
    tail = re.split(r"\s+as\s+well\s+as\s+", last)
    if len(tail) == 1 and parts:
        # between bare phrases, the last "and" ends the list ("A, B and C"); between items
        # that open with "the", only before another "the" ("the position of women and young
        # people in ..." is one)
        bare = not any(p.lstrip().lower().startswith("the ") for p in parts)
        ands = list(re.finditer(r"\s+and\s+" if bare else
                                r"\s+and\s+(?=the\b|\w+\s+of\b|\w+ing\s+\w)", last))
        if ands:
            tail = [last[:ands[-1].start()], last[ands[-1].end():]]
    parts += tail
    if len(parts) < 3:
        return []
    out, pos = [], start
    for part in parts:
        at = text.find(part, pos, b)
        if at < 0:
            return []
        out.append(_item_span(text, at, at + len(part)))
        pos = at + len(part)
    return [s for s in out if len(s) > 3 and not _NOT_AN_ITEM.fullmatch(s.of(text))]


#: A list's verb after it, in the passive: "A, B and C will be discussed", "are under
#: discussion".
_DISCUSSED_AFTER = re.compile(r"\s+(?:will|would|are|were|is|was|shall)\s+(?:also\s+)?"
                              r"(?:be\s+|being\s+)?(?:discussed|addressed|considered|examined|"
                              r"debated|reviewed|under\s+discussion)\b")
#: Where the clause whose subject is such a list opens: the sentence's start or a conjunction.
_CLAUSE_OPEN = re.compile(r"(?:^|(?<=[.;:!?])\s+|\n|\b(?:since|as|because|while|where|when|"
                          r"that|[Ii]n\s+particular,?)\s+)")


def _listed_subject(text: str) -> list[Span]:
    """Things a sentence says are discussed, listed as its subject: "In particular, since A, B,
    C and D are under discussion at the Committee" (three or more)."""
    out: list[Span] = []
    for m in _DISCUSSED_AFTER.finditer(text):
        if re.match(r"\s+(?:is|was)\b", m.group(0)):
            continue  # one thing ("Closer cooperation between A, B and C is under discussion")
        floor = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
        opens = list(_CLAUSE_OPEN.finditer(text, floor, m.start()))
        if not opens:
            continue
        items = _prose_items(text, opens[-1].end(), m.start())
        if len(items) >= 3 and all(len(i.of(text).split()) <= 8 for i in items):
            out.extend(items)
    return out


def _bracketed_whole(sentence: str, parts: list[str]) -> list[str]:
    """The parts of a sentence split at its commas, those inside an open bracket joined again
    (as written, with what separated them)."""
    out: list[str] = []
    pos = 0
    for part in parts:
        at = sentence.find(part, pos)
        if out and out[-1].count("(") > out[-1].count(")"):
            out[-1] = out[-1] + sentence[pos:at] + part
        else:
            out.append(part)
        pos = at + len(part)
    return out


#: The words that end a list without being an item of it.
_NOT_AN_ITEM = re.compile(r"(?:and[ ]+)?(?:among[ ]+others|inter[ ]+alia|etc\.?|others)|"
                          r"as[ ]+well[ ]+as|and|or",  # (a copy cut after the list's last comma)
                          re.I)


def _start(m: re.Match[str]) -> int:
    return m.start()


def _more_cues(text: str) -> list[re.Match[str]]:
    """`_MORE_CUE` matched only around its key words (a plain search), for speed."""
    out, seen = [], set()
    for key, before in _MORE_KEYS.items():  # (the key words are written in lower case)
        at = text.find(key)
        while at >= 0:
            window = text[max(0, at - 40): at].lower()
            m = _MORE_CUE.search(text, max(0, at - 40), min(len(text), at + len(key) + 20)) \
                if any(word in window for word in before) else None
            if m and m.start() not in seen:
                seen.add(m.start())
                out.append(m)
            at = text.find(key, at + len(key))
    return out


_ONE_WORD_ITEM = re.compile(r"[^\W\d_](?:[^\W\d_]|-){4,}")
#: What the Committee discussed, said in a sentence: "The Committee discussed A, B and C",
#: "the experts will consider A, B and C", "particularly focusing on the themes of A, B, C",
#: "Discussions focused on A, B and C". Read only when the page lists no items.
_WEAK_CUE = re.compile(
    r"\b(?:Committee|CEPA|[Ss]essions?|[Ee]xperts|[Mm]embers|[Mm]eetings?|[Pp]articipants|[Dd]iscussions?|"
    r"[Dd]ebates?|[Pp]resentations|[Tt]opics|[Aa]genda|We)[ ]+(?:(?:of|for)[ ]+the[ ]+(?:meeting|"
    r"session)[ ]+)?"
    # ("The Committee's discussion of policy options focused on ...")
    r"(?:(?<=[Dd]iscussion[ ])of[ ]+[a-z][\w-]*(?:[ ][a-z][\w-]*){0,2}?[ ]+(?=focused))?"
    # ("leading experts from around the world discussed ...")
    r"(?:from[ ]+(?:around[ ]+)?(?:the[ ]+world|\d+[ ]+countries|[A-Z][\w ]{2,30}?)[ ]+)?"
    r"(?:will[ ]+|would[ ]+|has[ ]+|have[ ]+|had[ ]+|(?:is|are|was|were)[ ]+expected[ ]+to[ ]+)?"
    r"(?:also[ ]+)?"
    r"(?:discuss(?:ed)?|consider(?:ed)?|review(?:ed|s)?|(?:will[ ]+)?work(?:ed)?[ ]+on|"
    r"touched[ ]+upon|debated?|look(?:ed)?[ ]+into|exchange[ds]?[ ]+views[ ]+on|"
    r"(?:hold|holds|held)[ ]+discussions[ ]+on|featured[ ]+(?:sessions|panels|discussions)[ ]+on|"
    r"examine[ds]?|address(?:ed)?|explore[ds]?|deliberated?[ ]+on|focus(?:ed)?[ ]+on|"
    r"look(?:ed)?[ ]+at|concentrated[ ]+on|cent(?:red|ered)[ ]+(?:on|around)|revolved[ ]+around|"
    r"cover(?:s|ed)|include[sd]?|(?:(?:is|are|was|were|will[ ]+be)[ ]+)?(?:devoted|"
    r"dedicated)[ ]+to|(?:take|takes|took)[ ]+up(?![ ]+(?:the[ ]+)?(?:main[ ]+|overall[ ]+)?theme"
    r"\b)|"
    # ("Sessions were held on A, B and C": on things, not on a day)
    r"(?:(?<=[Ss]essions[ ])|(?<=[Pp]anels[ ])|(?<=iscussions[ ]))(?:were|are)[ ]+held[ ]+on"
    r"(?![ ]+(?:\d|"
    r"the[ ]+\d|[A-Z][a-z]+day\b|" + MONTH_PATTERN + r")))\b[ ]*"
    # ("discussed, among other things, A, B and C")
    r"(?:,?[ ]*(?:among[ ]+other[ ]+things|amongst[ ]+other[ ]+things|inter[ ]+alia|"
    r"in[ ]+particular|among[ ]+others),[ ]+)?"
    # ("addressed issues related to A, B and C"; "centred on three themes, namely A, B and C")
    r"(?:(?:the[ ]+)?(?:issues|topics|matters|questions|subjects)[ ]+(?:related|relating|"
    r"pertaining)[ ]+to[ ]+|(?:(?:two|three|four|five|six|seven|[2-7])[ ]+(?:main[ ]+|key[ ]+)?"
    r"(?:themes|topics|issues|areas|subjects|questions|pillars)|the[ ]+following[ ]+(?:themes|"
    r"topics|issues|areas|subjects|questions))[ ]*,?[ ]+namely[ ]+)?"
    # (what it says before the things themselves: "a number of issues, including", "issues
    # such as", "the issues of")
    r"(?:(?:a[ ]+(?:number|range|series|variety)[ ]+of[ ]+)?"
    # ("key institutional aspects of sustainable development, including A, B and C": the
    # general words before the things themselves)
    r"(?:[a-z][\w-]*[ ]+){0,3}?"
    r"(?:issues|topics|matters|questions|themes|aspects|areas|dimensions|elements|challenges)"
    r"(?:[ ]+of[ ]+(?:[\w-]+[ ]+){0,3}?[\w-]+)?,?[ ]+(?:such[ ]+as|including|notably)[ ]+"
    r"|the[ ]+(?:issues?|topics?|questions?)[ ]+of[ ]+)?"
    # "Among the issues to be discussed are"
    r"|\bAmong[ ]+the[ ]+(?:issues|topics|subjects|themes|questions)[ ]+(?:to[ ]+be[ ]+)?"
    r"(?:discussed|considered|addressed|examined|debated)[ ]+(?:(?:at|during|by)[ ]+the[ ]+"
    r"(?:session|meeting|Committee)[ ]+)?(?:are|were|will[ ]+be)[ ]+"
    r"|\bfocusing[ ]+on[ ]+(?:the[ ]+)?(?:themes|issues|topics|areas)[ ]+of[ ]+"

    r"|\b(?:themes|topics|issues|subjects)[ ]+(?:of|at|for)[ ]+the[ ]+(?:session|meeting)[ ]+"
    r"(?:were|are|included)[ ]+")
#: One thing a sentence says was discussed, its object read whole: "gathered ... for
#: participatory discussions on X", "discussions were held around X", "One strategy discussed
#: was X", "One of the issues raised at the meeting concerns X".
_ONE_THING_CUE = re.compile(
    r"\b[Dd]iscussions[ ]+(?:were[ ]+held[ ]+)?(?:on|around|about)[ ]+"
    r"|\b(?:One|Another)[ ]+(?:of[ ]+the[ ]+)?(?:strateg(?:y|ies)|issues?|topics?|themes?|"
    r"subjects?|questions?|areas?)[ ]+(?:discussed|raised|examined|addressed|considered)"
    r"(?:[ ]+(?:at|during|by)[ ]+the[ ]+(?:meeting|session|Committee))?[ ]+"
    r"(?:was|were|is|concerns?|concerned)[ ]+")
#: An item that is a clause, not a topic: the sentence says something else.
_CLAUSE_ITEM = re.compile(r"(?:how(?![ ]to\b)|that|whether|what|why|the[ ]+need)\b", re.I)


#: Where the object of a verb of discussion ends, and where it splits in two.
_OBJECT_END = re.compile(r"[.;:!?](?:\s|$)|\n|,\s+(?:which|who|where|while|and\s+(?:it|they|the\s+"
                         r"Committee|members|experts))\b|,?\s+and\s+[a-z]+ed\b|\s+(?:for\s+(?:good|several)|since|during|"
                         r"at\s+its)\b")
_OBJECT_SPLIT = re.compile(r",\s+(?:and\s+|as\s+well\s+as\s+)|\s+as\s+well\s+as\s+"
                           r"|,?\s+and\s+on\s+")
_NO_OBJECT = re.compile(r"(?:it|this|these|them|that|those|the\s+(?:matter|issue|item|topic|"
                        r"report|proposal)s?)\b", re.I)


def _object_items(text: str, at: int) -> list[Span]:
    """The one or two things a sentence says the Committee discussed ("has discussed what the
    digital age means for public institutions", "reviewed the case of X", "will work on A, and
    B"): its object, up to the sentence's end, of 20 words at most."""
    end = _OBJECT_END.search(text, at, min(len(text), at + 400))
    b = end.start() if end else min(len(text), at + 400)
    phrase = text[at:b]
    if not phrase.strip() or len(phrase.split()) > 20 or _NO_OBJECT.match(phrase.strip()):
        return []
    out, pos = [], at
    for m in _OBJECT_SPLIT.finditer(text, at, b):
        out.append(_item_span(text, pos, m.start()))
        pos = m.end()
    out.append(_item_span(text, pos, b))
    return [s for s in out if len(s.of(text).split()) >= 2]


#: A UN document's agenda line, and where the item's title after it ends: at the line's end,
#: the note's own title ("Note by the Secretariat", "Report of/on ..."), its summary.
_PROVISIONAL = re.compile(r"(?:\bItem\s+\d{1,2}(?:\s*\([a-z]\))?\s+of\s+the\s+provisional\s+agenda"
                          # (in Spanish and French: "Tema 3 a) del programa provisional*",
                          # "Point 6 de l’ordre du jour provisoire*")
                          r"|\bTema\s+\d{1,2}(?:\s*\(?[a-z]\))?\s+del\s+programa\s+provisional"
                          r"|\bPoint\s+\d{1,2}(?:\s*\(?[a-z]\))?\s+de\s+l[’']\s?ordre\s+du\s+jour"
                          r"\s+provisoire)\*?[^\S\n]*\n?[^\S\n]*")
_PROVISIONAL_END = re.compile(r"\n|\s+(?:Note\s+by|Report\s+(?:of|on|by)|Summary\b|Introduction\b|"
                              r"Nota\s+de\s+la\s+Secretar[íi]a|Informe\s+(?:del|de\s+la|sobre)\b|"
                              r"Resumen\b|Note\s+du\s+Secr[ée]tariat|Rapport\s+(?:du|de\s+la|sur)\b|"
                              r"R[ée]sum[ée]\b|\*)")
#: An item's sub-item after a colon ("Création ... d’institutions efficaces : définition de
#: principes ..."): each an agenda item.
_SUB_ITEM = re.compile(r"[^\S\n]?:[^\S\n]+(?=\w+(?:[^\S\n]+\S+){2})")
#: Where a title in sentence case glued to the next one begins it: "... that deliver results
#: Relations and arrangements between ...".
_GLUED_TITLE = re.compile(r"(?<=[a-z]) (?=[A-Z][a-z]+ (?:[a-z]+ )+)")
_PROVISIONAL_WORDS = 25
_PROVISIONAL_RUN_ON_WORDS = 70
_LATIN = re.compile(r"[A-Za-z]")
_OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff]")


def _provisional_items(text: str) -> list[Span]:
    out = []
    for m in _PROVISIONAL.finditer(text):
        start = m.end()
        while start < len(text) and text[start] in " \t\n\u00a0":  # (after a blank line)
            start += 1
        line_end = text.find("\n", start)
        if line_end > 0 and not _LATIN.search(text, start, line_end):
            start = line_end + 1  # (a bilingual copy: the line's other language, then ours)
        end = _PROVISIONAL_END.search(text, start, start + 700)
        stop = end.start() if end else min(len(text), start + 200)
        if (other := _OTHER_SCRIPT.search(text, start, stop)) is not None:
            stop = other.start()  # "... Development Managementاستعراض ...": glued to its twin
        # a cover run into one line: the item, its sub-item after a colon, the paper's
        # title, up to the note's own words ("Nota de la Secretaría"): more words allowed
        marked = end is not None and end.group(0).strip() not in ("", "*")
        if not start < stop or len(text[start:stop].split()) > (
                _PROVISIONAL_RUN_ON_WORDS if marked else _PROVISIONAL_WORDS):
            continue
        pos = start
        if marked and len(text[start:stop].split()) > _PROVISIONAL_WORDS:
            # (its titles run together in sentence case, proper names inside: cut only at the
            # sub-item's colon, the paper's title left on the last item)
            if (sub := _SUB_ITEM.search(text, pos, stop)) is not None:
                out.append(_item_span(text, pos, sub.start()))
                pos = sub.end()
            out.append(_item_span(text, pos, stop))
            continue
        for cut in _GLUED_TITLE.finditer(text, pos, stop):
            if sum(w[:1].isupper() for w in text[pos:cut.start()].split()) > 1:
                break  # a title in title case ("Review of the United Nations Programme in
                # Public Administration"): its capitals start no other
            out.append(_item_span(text, pos, cut.start()))
            pos = cut.end()
        out.append(_item_span(text, pos, stop))
    return out


#: An agenda's heading alone on its line, and its numbered items (sub-items lettered).
_AGENDA_HEADING = re.compile(r"^[^\S\n]*(?:(?:Provisional|Annotated|Draft|Adopted)[^\S\n]+)?"
                             r"[Aa]genda[^\S\n]*:?[^\S\n]*$", re.M)
_AGENDA_LINE = re.compile(r"[^\S\n]*(?:\d{1,2}\.|\([a-h]\))[^\S\n]+(?P<t>[A-Z][^\n]{3,250})")
#: "Item 4. Building strong institutions ...", "10:30 - 13:00 Item 4: ..." in a programme.
_ITEM_LINE = re.compile(r"(?:^|(?<=\s))Item[^\S\n]+\d{1,2}(?:[^\S\n]*\([a-h]\))?[^\S\n]*[.:)–-]"
                        r"[^\S\n]*(?P<t>[A-Z][^\n]{3,250})", re.M)
#: The items every session has, which are no subject of it.
_PROCEDURAL = re.compile(r"(?:Opening\b|Election\s+of\s+(?:the\s+)?(?:officers|bureau|chair)|"
                         r"Adoption\s+of\s+the\s+(?:agenda|report)|(?:Provisional\s+)?agenda\s+"
                         r"for\s+the|Other\s+matters|Closing\b|Organi[sz]ational\s+matters|"
                         r"Dates\s+and\s+venue)", re.I)


def _agenda_lines(text: str) -> list[Span]:
    found: list[re.Match[str]] = list(_ITEM_LINE.finditer(text))
    for heading in _AGENDA_HEADING.finditer(text):
        pos = heading.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if text[pos:end].strip():
                line = _AGENDA_LINE.fullmatch(text, pos, end)
                if line is None:
                    break
                found.append(line)
            pos = end + 1
    out = []
    for m in sorted(found, key=lambda m: m.start("t")):
        title = m.group("t").rstrip(" .;")
        if not _PROCEDURAL.match(title):
            out.append(_item_span(text, m.start("t"), m.start("t") + len(title)))
    return out


_TO_DISCUSS = re.compile(r"\bsession[ ]+to[ ]+(?:discuss|consider|examine|address|review)[ ]+|"
                         r"\bagenda[ ]+(?:topic|item)[ ]+of[ ]+")
#: A topic a panel of the session discussed: "a panel to discuss the topic of “X”" (its
#: quoted name), "Speaking on the panel that discussed X, the minister warned" (to the comma).
_PANEL_TOPIC = re.compile(r"\b(?:to[ ]+discuss|discussed|considered|examined)[ ]+the[ ]+topic[ ]+"
                          r"of[ ]+(?=[\"\u201c])|\bpanel[ ]+(?:that|which)[ ]+"
                          r"(?:discussed|considered|examined|addressed)[ ]+")
_SENTENCE_STOP = re.compile(r"[.;!?](?:\s|$)|\n")


#: A sentence's end in hard-wrapped text: a stop, or a blank line (a line break alone is not).
_WRAPPED_STOP = re.compile(r"[.;!?](?:\s|$)|\n[^\S\n]*\n")


def _stop_at(text: str, at: int) -> int:
    stop = _WRAPPED_STOP.search(text, at)
    return stop.start() if stop else -1


def agenda_items(text: str) -> tuple[Theme, ...]:
    """The session's agenda items (subtopics) a page lists after a cue ("dealt with the
    following substantive items:", "with sub-items:", "The agenda items included:", "are on the
    agenda ..., namely:", "will cover ..."): inline "(a) ... (b) ..." items, items separated
    by semicolons, the list lines under the cue's line, or the parts of the sentence."""
    out: list[Span] = []
    # (lazily: the first cue that gives items ends the scan)
    for cue in heapq.merge(_AGENDA_CUE.finditer(text), _more_cues(text), key=_start):
        prose = bool(re.search(r"(?:will\s+cover|covered|include[ds]?|included|were|are|"
                               r"such\s+as)$", cue.group(0), re.I))
        items = _items_after(text, cue.end(), list_only=bool(_LIST_ONLY.search(cue.group(0))),
                             prose=prose)
        if items:
            out.extend(items)
            break
    if not out:  # no listed items: what the Committee discussed, said in a sentence
        read: list[tuple[int, int]] = []  # (the cues whose sentence gave its items)
        for cue in _WEAK_CUE.finditer(text):
            items = [_unled(text, i) for i in _items_after(text, cue.end(), list_only=False,
                                                          prose=True)
                     if len(i.of(text).split()) <= 15 and not _ADVERBIAL.match(i.of(text))]
            # (a list in semicolons is items, whatever its first says: "the need for ...; B; C")
            if items and (not _CLAUSE_ITEM.match(items[0].of(text)) or (
                    len(items) >= 3 and text.count(";", items[0].end, items[-1].start) >= 2)):
                out.extend(items)
                read.append((cue.start(), cue.end()))
                continue
            # one or two things ("the Committee reviewed the case of X"), or a clause ("has
            # discussed what the digital age means for ...")
            out.extend(_object_items(text, cue.end()))
        for cue in _ONE_THING_CUE.finditer(text):
            if not any(a <= cue.start() < b for a, b in read):  # ("featured discussions on A,
                out.extend(_object_items(text, cue.end()))  # B and C": read as a list)
        if not out and ("discuss" in text or "consider" in text or "examined" in text or
                        "addressed" in text or "debated" in text or "reviewed" in text):
            out.extend(_listed_subject(text))
    # a Secretariat's note: "Item 3 (a) of the provisional agenda* Local public governance
    # ... Report on ...": the item it is written for, beside any listed
    out.extend(_provisional_items(text))
    # the session's agenda as its programme or an official agenda lists it ("Item 4.
    # Building strong institutions ...", "Provisional agenda" over "1. ..." lines)
    out.extend(_agenda_lines(text))
    # "meets for its 14th session to discuss X", "the specific agenda topic of X": a thing
    # it discusses, beside any listed
    for m in _TO_DISCUSS.finditer(text):
        stop = _SENTENCE_STOP.search(text, m.end())
        if stop and len(text[m.end():stop.start()].split()) <= 25:
            out.append(_item_span(text, m.end(), stop.start()))
    for m in _PANEL_TOPIC.finditer(text):
        quoted = text[m.end():m.end() + 1] in _QUOTE_OPEN
        end = text.find(_QUOTE_CLOSE[text[m.end()]], m.end() + 1, m.end() + 400) if quoted \
            else min((e for e in (text.find(",", m.end(), m.end() + 300),
                                  _stop_at(text, m.end())) if e >= 0), default=-1)
        if end > m.end() and 2 <= len(text[m.end():end].split()) <= 25:
            out.append(_item_span(text, m.end() + quoted, end))
    seen: set[str] = set()
    themes = []
    for span in out:
        label = clean(span.of(text)).rstrip(" ;.,")
        # one word is an item in a list of three or more ("accountability, ethical leadership,
        # participatory governance"), not a stray word after a cue
        if label.lower() not in seen and (len(label.split()) >= 2 or (
                len(out) >= 3 and _ONE_WORD_ITEM.fullmatch(label))):
            seen.add(label.lower())
            themes.append(Theme(label, span, (span,)))
    return tuple(themes)


def _items_after(text: str, at: int, *, list_only: bool, prose: bool) -> list[Span]:
    """The items a cue ending at `at` introduces: lettered inline, list lines under a colon
    ending its line, items separated by semicolons or (after a colon) by commas, or, when
    `prose`, the parts of the sentence ("A, B and C"). A verb after the cue ("on the agenda
    are ...", "issues discussed included ...") lets the sentence's parts be read."""
    verb = _LIST_VERB.match(text, at)
    if verb is not None:
        at, prose = verb.end(), True
    para_end = text.find("\n\n", at)
    para_end = len(text) if para_end < 0 else para_end
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    colon = text.find(":", at, min(line_end, at + 200))
    after = colon + 1 if colon >= 0 else at
    items = _inline_items(text, after, para_end)
    if not items and colon >= 0 and not text[after:line_end].strip():
        items = _list_after(text, line_end) or _plain_lines_after(text, line_end)
    if not items and (colon >= 0 or list_only):
        items = _separated_items(text, after, min(para_end, line_end))
    if not items and colon >= 0 and not list_only:
        # "Some of the sub-themes ... are: A, B, C, as well as D": commas after the colon
        items = _prose_items(text, after, min(para_end, line_end))
    if not items and prose and colon < 0:
        items = _prose_items(text, after, para_end)
    return items


#: A verb right after a cue, before the items: "Among the issues on the agenda are A, B and C".
_LIST_VERB = re.compile(r"[^\S\n]*(?:(?:of|at)[^\S\n]+the[^\S\n]+(?:meeting|session)[^\S\n]+)?"
                        r"(?:are|were|include[ds]?|included|cover(?:s|ed)?|comprised?)\b"
                        r"[^\S\n]*", re.I)


def _plain_lines_after(text: str, pos: int) -> list[Span]:
    """Items written one a line with no glyph under a cue line ending in a colon ("These
    issues include:"), up to the first blank line: at least two lines, each a phrase of four
    words or more and none a paragraph of several sentences."""
    out: list[Span] = []
    for m in re.finditer(r"[^\n]*\n?", text[pos + 1:]):
        line = m.group(0).strip(" \t\u00a0\n")
        if not line:
            break
        words = len(line.split())
        if words < 4 or words > 60 or re.search(r"[.!?]\s+\S", line) or len(out) >= 12:
            return []
        a = pos + 1 + m.start()
        out.append(_item_span(text, a, a + len(m.group(0).rstrip("\n"))))
    return out if len(out) >= 2 else []


def _list_after(text: str, pos: int) -> list[Span]:
    """The list lines (numbered or bulleted) right after `pos`."""
    out: list[Span] = []
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
    # (the post on the name's own line: not the next line's "Vice-Chairs: ...")
    r"[^\S\n]*(?:\((?P<country>[^)]{2,60})\))?[^\S\n]*,?[^\S\n]*(?P<post>[^\n]*)",
    re.M)


_ROLE = r"(?i:vice[- ]chair(?:person|man|woman)?|chair(?:person|man|woman)?|rapporteur)"
_NAME_TOK = r"[A-Z][a-zà-ÿ'’.]+(?:-[A-Za-zà-ÿ'’.]+)*"  # ("Fraser-Moleketi": a capital after "-")
_NAME = (rf"{_NAME_TOK}(?:\s+(?:{_NAME_TOK}|van|von|de|da|del|der|la|le|bin|al|el))"
         r"{1,3}")
_FROM = (r"(?:\s+from\s+(?P<country>(?:the\s+)?[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2})|"
         r"\s*\((?P<country2>[A-Z][^()\n]{2,40})\))?")  # ("Dr. A (Morocco)")
_HON = r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador)\.?\s+)?"
#: A bureau member named in prose: "As vice chair, X and the other members of the Bureau",
#: "CEPA Chair, X from South Africa", "X, Vice Chair at UN CEPA from the UK".
_PROSE_BUREAU = (
    re.compile(rf"\bAs\s+(?:the\s+)?(?:CEPA\s+)?(?P<role>{_ROLE})\s*,\s+{_HON}(?P<name>{_NAME})"),
    re.compile(rf"\b(?:CEPA|Committee)(?:[’']s)?\s+(?P<role>{_ROLE})\s*,?\s+{_HON}"
               rf"(?P<name>{_NAME}){_FROM}"),
    # (the name before the role is found by `_NAME_BEFORE`: a pattern led by a name is slow)
    re.compile(rf",\s+(?:the\s+)?(?P<role>{_ROLE})\s+(?:at|of)\s+(?:the\s+)?"
               rf"(?:UN\s+|United\s+Nations\s+)?(?:CEPA|Committee\s+of\s+Experts){_FROM}"),
)
_NAME_BEFORE = re.compile(rf"(?P<name>{_NAME})$")
_NOT_NAME = re.compile(r"\b(?:Committee|Council|Nations|Experts|Public|Session|Bureau|Department|"
                       r"Secretariat|Assembly|General|Members?|Distinguished|Ladies)\b")
_ABOUT_CEPA = re.compile(r"\bCEPA\b|Committee\s+of\s+Experts|\bBureau\b")


def _role(written: str) -> str:
    """A role as the bureau lines write it ("vice chair" -> "Vice-Chair")."""
    role = re.sub(r"\s+", " ", written.strip()).title().replace("Vice Chair", "Vice-Chair")
    return role.replace("Vice-chair", "Vice-Chair")




def _finds(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + len(word))
    return out


_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador)\.?\s+")


def _prose_bureau(text: str) -> list[Person]:
    out: list[Person] = []
    windows: list[tuple[int, int]] = []
    lower = text.lower()
    found = sorted(at for word in ("chair", "rapporteur") for at in _finds(lower, word))
    for at in found:  # only around a role word (a plain search), for speed
        a, b = max(0, at - 120), min(len(text), at + 170)
        if not _ABOUT_CEPA.search(text, a, b):
            continue
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b)
        else:
            windows.append((a, b))
    for pattern in _PROSE_BUREAU:
        for m in (m for a, b in windows for m in pattern.finditer(text, a, b)):
            if "name" in pattern.groupindex:
                name_span = Span(m.start("name"), m.end("name"))
            else:  # "X, Vice Chair at UN CEPA": the name just before the comma
                before = _NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
                if before is None:
                    continue
                name_span = Span(before.start("name"), before.end("name"))
            honorific = _HONORIFIC.match(text, name_span.start, name_span.end)
            if honorific is not None:  # ("CEPA Chair, Dr. Benkirane (Morocco)": one word)
                name_span = Span(honorific.end(), name_span.end)
            name = clean(name_span.of(text))
            a = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            b = text.find(". ", m.end())
            sentence = text[a: b if b >= 0 else len(text)]
            if _NOT_NAME.search(name) or not _ABOUT_CEPA.search(sentence):
                continue
            country = clean(m.groupdict().get("country") or m.groupdict().get("country2") or "")
            out.append(Person(name, name_span, _role(m.group("role")),
                              clean(honorific.group(0)) if honorific else "",
                              re.sub(r"^the\s+", "", country)))
    return out


#: "Vice-Chairs: Ms. A (United Kingdom), Mr. B (Malaysia)": a role for several, on one line.
_PLURAL_ROLE_LINE = re.compile(
    r"^[^\S\n]*(?:[•*\-\u2022][^\S\n]*)?(?P<role>(?:Vice[- ])?Chair(?:person|man|woman)?s|"
    r"Co-Chair(?:person)?s|Rapporteurs)[^\S\n]*:[^\S\n]*(?P<rest>[^\n]+)$", re.M)
#: "The Committee elected A (Nicaragua) as Chair, B (United Kingdom) and C (Malaysia) as
#: Vice-Chairs, and D (Lebanon) as Rapporteur": a report's election of its officers.
_ELECTED = screened(re.compile(r"\belected\b(?:[^\S\n]+by[^\S\n]+acclamation)?"))
_AS_ROLE = re.compile(r",?\s+as\s+(?:its\s+|the\s+)?(?P<role>(?:Vice[- ])?Chair(?:person|man|"
                      r"woman)?s?|Co-Chair(?:person)?s?|Rapporteurs?)\b", re.I)
#: One person of a list: an honorific, the name, the country in brackets.
_LISTED_PERSON = re.compile(
    r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador|H\.\s?E)\.?\s+)*"
    rf"(?P<name>{_NAME})\s*(?:\((?P<country>[^()\n]{{2,60}})\)|\s+(?:of|from)\s+(?:the\s+)?"
    r"(?P<country_of>[A-Z][A-Za-z]+(?:\s+(?:of\s+)?[A-Z][A-Za-z]+){0,3}))?")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
#: Words that lead a list's piece into its person: "with", "while", "and", "together with".
_LIST_LEAD = re.compile(r"(?:(?:together|along)\s+with|with|while|and)\s+")


def _listed_people(text: str, start: int, end: int, role: str) -> list[Person]:
    """The people a list between `start` and `end` names, each with `role`."""
    out = []
    pos = start
    for cut in (*(m for m in _LIST_SPLIT.finditer(text, start, end)
                  if text.count("(", start, m.start()) == text.count(")", start, m.start())),
                None):
        piece_end = cut.start() if cut is not None else end
        piece = Span(pos, piece_end).strip(text, " ,;.")
        lead = _LIST_LEAD.match(text, piece.start, piece.end)
        if lead is not None:  # ("..., with Mr. B (Y) and ...", "and C of W as Rapporteur")
            piece = Span(lead.end(), piece.end)
        m = _LISTED_PERSON.fullmatch(text, piece.start, piece.end)
        if m is not None and not _NOT_NAME.search(m.group("name")):
            out.append(Person(clean(m.group("name")), Span(m.start("name"), m.end("name")), role,
                              "", clean(m.group("country") or m.group("country_of") or "")))
        pos = cut.end() if cut is not None else end
    return out


def _singular(role: str) -> str:
    role = re.sub(r"s$", "", role.strip())
    return _role(role)


def _plural_role_lines(text: str) -> list[Person]:
    return [p for m in _PLURAL_ROLE_LINE.finditer(text)
            for p in _listed_people(text, m.start("rest"), m.end("rest"),
                                    _singular(m.group("role")))]


#: A role as a label inside a sentence, after a colon or a semicolon: "were elected as members
#: of the Bureau: Chair: A (X); Vice-Chairs: B (Y) and C (Z); Rapporteur: D (W)".
_INLINE_ROLE = screened(re.compile(
    r"[:;][^\S\n]*(?P<role>(?:Vice[- ])?Chair(?:person|man|woman)?s?|Co-Chair(?:person)?s?|"
    r"Rapporteurs?)[^\S\n]*:[^\S\n]*"))


def _inline_roles(text: str) -> list[Person]:
    out: list[Person] = []
    for m in _INLINE_ROLE.finditer(text):
        # (the sentence's start: after the last end of one, not an honorific's dot)
        stops = [c.end() for c in _ELECTION_STOP.finditer(text, max(0, m.start() - 400),
                                                          m.start())]
        a = stops[-1] if stops else max(0, m.start() - 400)
        if not _ABOUT_CEPA.search(text, a, m.end()) and "elected" not in text[a:m.end()]:
            continue
        stop = _CLAUSE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        out.extend(_listed_people(text, m.end(), end, _singular(m.group("role"))))
    return out


#: Where an election's sentence ends: not at an honorific's dot ("elected Ms. A (Senegal) as
#: Chair and Mr. B (Brazil) as Vice-Chair"), nor at a semicolon between its officers.
_ELECTION_STOP = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bProf)(?<!\bH\.E)"
                            r"[.!?](?:\s|$)|\n")


def _elected(text: str) -> list[Person]:
    out: list[Person] = []
    for m in _ELECTED.finditer(text):
        stop = _ELECTION_STOP.search(text, m.end())
        end = stop.start() if stop else len(text)
        a = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if not _ABOUT_CEPA.search(text, a, end) and "Committee" not in text[a:end]:
            continue
        pos = m.end()
        for role in _AS_ROLE.finditer(text, m.end(), end):
            out.extend(_listed_people(text, pos, role.start(), _singular(role.group("role"))))
            pos = role.end()
    return out


#: "A (Switzerland) and B (Poland) were elected Vice-Chairs, and C of Japan was elected
#: Rapporteur": the officers before the verb, back to the clause's start.
_WERE_ELECTED = screened(re.compile(
    r"\s+(?:(?:(?:was|were|has\s+been|have\s+been)\s+(?:re-?)?(?:elected|chosen|appointed|"
    r"designated|named))|served|serve|(?:will|would)\s+serve|acted|act)\s+"
    r"(?:by\s+acclamation\s+)?"
    r"(?:as\s+)?(?:(?:the|its)\s+)?(?P<role>(?:Vice[- ])?Chair(?:person|man|woman)?s?|"
    r"Co-Chair(?:person)?s?|Rapporteurs?)\b(?!\s+of\s+(?!the\s+Committee\b|CEPA\b))"))
#: "Elected as Vice-Chairs were A and B": the role first, then the people.
_ELECTED_AS_WERE = screened(re.compile(
    r"\b(?:[Ee]lected|[Cc]hosen|[Aa]ppointed)\s+as\s+(?:(?:the|its)\s+)?"
    r"(?P<role>(?:Vice[- ])?Chair(?:person|man|woman)?s?|Co-Chair(?:person)?s?|Rapporteurs?)"
    r"\s+(?:were|was|are|is)\s+"))
_CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bProf)(?<!\bH\.E)"
                         r"[.!?;](?:\s|$)|\n|,\s+while\b|,\s+whereas\b")
_CLAUSE_START = re.compile(r"(?:^|\n|(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bProf)[.!?]\s|;\s|"
                           r",\s+and\s+|,\s+while\s+)", re.M)


def _were_elected(text: str) -> list[Person]:
    out: list[Person] = []
    for m in _WERE_ELECTED.finditer(text):
        starts = [c.end() for c in _CLAUSE_START.finditer(text, max(0, m.start() - 300),
                                                          m.start())]
        start = starts[-1] if starts else max(0, m.start() - 300)
        found = _listed_people(text, start, m.start(), _singular(m.group("role")))
        out.extend(found)
        if not found:
            continue
        # "..., and C of W as Rapporteur": the officers the sentence goes on to name
        stop = _ELECTION_STOP.search(text, m.end())
        end = stop.start() if stop else len(text)
        pos = m.end()
        for role in _AS_ROLE.finditer(text, m.end(), end):
            out.extend(_listed_people(text, pos, role.start(), _singular(role.group("role"))))
            pos = role.end()
    for m in _ELECTED_AS_WERE.finditer(text):
        stop = _CLAUSE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        out.extend(_listed_people(text, m.end(), end, _singular(m.group("role"))))
    return out


def bureau(text: str) -> tuple[Person, ...]:
    """The bureau members a page lists: "Chairperson: The Honourable X (Canada), post"; else
    those it names in prose ("As vice chair, X ...", "CEPA Chair, X from South Africa")."""
    out = []
    for m in _BUREAU.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if is_chrome(text[line_start: text.find("\n", m.start()) % (len(text) + 1)]):
            continue
        out.append(Person(clean(m.group("name")), Span(m.start("name"), m.end("name")),
                          m.group("role").replace("Vice Chair", "Vice-Chair"),
                          clean(m.group("hon") or ""), clean(m.group("country") or ""),
                          clean(m.group("post") or "")))
    listed = {p.name for p in out}
    out.extend(p for p in (*_plural_role_lines(text), *_inline_roles(text), *_elected(text),
                           *_were_elected(text))
               if p.name not in listed)
    if not out:
        seen: set[str] = set()
        for person in _prose_bureau(text):
            if person.name not in seen:
                seen.add(person.name)
                out.append(person)
    return tuple(out)
