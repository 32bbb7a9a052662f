"""Development Account project pages: detect and parse to a small model (no RDF here).

A project page (``da-project-knowledge-management.txt``) is web-page text: a few lines of site
chrome ("Welcome to the United Nations...", "Development Account Projects"), the project title on
a line of its own, then sections headed "Background:", "Objective:", "Expected accomplishments:"
(one bullet per accomplishment) and "Implementation status:" (an introduction naming who did the
work, then activities numbered "(i)" ... "(x)", inline or one per line). Other pages of the kind
use "-" bullets, "1." numbering, "i)" numerals, inline headings ("Objective: To assist ..."), or
no headings at all (a title and a paragraph beginning "The objective of the project is ...").

Every piece of text in the model carries the exact `Span` it came from: ``span.of(text)`` is the
source quote, and ``text`` fields are that quote with white space collapsed (`spans.clean`), list
markers and trailing "; and" removed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.dates import MONTH_PATTERN, month_number
from cepa_kg.loaders.document_dates import DocumentDate, document_date
from cepa_kg.loaders.family_detection import project_score
from cepa_kg.loaders.family_languages import other_language_project_score
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.page_lines import PageLine, page_lines, paragraphs
from cepa_kg.loaders.project_fields import (
    CODE,
    Field,
    accomplishments,
    amount,
    brought_together,
    field_values,
    implementer_phrases,
    inline_accomplishments,
    objectives,
    partner_phrases,
    project_codes,
    prose_years,
    soft_field,
    stated_objective,
    status_of,
    tranche,
    years,
)
from cepa_kg.loaders.project_lists import split_list
from cepa_kg.loaders.project_model import (
    Accomplishment,
    Activity,
    Country,
    ImplementingActor,
    Named,
    ProjectDocument,
    ProjectRecord,
    SymbolMention,
    TextBlock,
    UNDocumentRef,
)
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.un_symbols import find_symbols, normalise_symbol

__all__ = [
    "Accomplishment",
    "Activity",
    "ImplementingActor",
    "ProjectDocument",
    "SymbolMention",
    "TextBlock",
    "UNDocumentRef",
    "detect",
    "find_symbols",
    "normalise_symbol",
    "parse",
]

SLUG_PREFIX = "da-project-"
SLUG_MAX = 60

# --------------------------------------------------------------------------------------------
# Detection

_DETECT_OBJECTIVE_HEADING = re.compile(r"^[ \t#*]*(?:project\s+)?objectives?[ \t]*:", re.I | re.M)
_DETECT_OBJECTIVE_PROSE = re.compile(
    r"\b(?:the\s+(?:main\s+|overall\s+)?objective\s+of\s+(?:the|this)\s+project|"
    r"project(?:'s)?\s+objective)\b",
    re.I,
)
_DETECT_SESSION = re.compile(r"^\s*Session\s+\d+\s*$|^\s*Main theme\s*:", re.I | re.M)
_DETECT_UPDATE = re.compile(r"Monthly Update", re.I)


def detect(text: str) -> float:
    """How surely `text` is about a Development Account project (0.0 .. 1.0); see
    `family_detection` (and, for a page in another language, `family_languages`)."""
    score = project_score(text)
    return score if score >= 0.5 else max(score, other_language_project_score(text))


# --------------------------------------------------------------------------------------------
# Pages, portal records and listings


_BARE_CODE = CODE.pattern.replace("(?P<code>", "(?:").replace(r"(?<![\w/])", "")
#: A listing's record begins with a code and its title ("KEN/09/003: Support to ...", the
#: project search's "1819C - Enhancing ..." and "DA1617B: Evidence-based ...", the code with
#: the Account's initials before it) or a quoted title ("\u201cStrengthening ...\u201d. ECLAC
#: ... (08/09W)").
_RECORD_HEAD = re.compile(
    rf"^[^\S\n]*(?:DA[-\s]?)?(?P<code>{_BARE_CODE})"
    r"(?:\s*:|[^\S\n]+[-\u2013\u2014][^\S\n]+)\s*(?P<title>\S[^\n]*)$"
    r"|^[^\S\n]*[\"\u201c](?P<qtitle>[^\"\u201d\n]{12,400})[\"\u201d]?", re.M)
_PAGE_HEADERS = re.compile(r"^(?:(?:united\s+nations\s+|un\s+)?development\s+account(?:\s+projects?)?|"
                           r"project\s+(?:info|search)|"
                           r"projects|past\s+projects|current\s+projects|project\s+details?)$",
                           re.I)
_SLIDE_TITLE = re.compile(r"^Development\s+Account\s*:\s*(?:\d{1,2}(?:st|nd|rd|th)|\w+)\s+"
                          r"Tranche\s+(?P<title>[^\n]+)$", re.I | re.M)
_TO_VERB = re.compile(r"^(?:To\s+(?:strengthen|improve|enhance|build|support|assist|help|promote|"
                      r"develop|increase|raise|establish|foster)|(?:Strengthen|Improve|Enhance|"
                      r"Build|Support|Assist|Help|Promote|Develop|Increase|Raise|Establish|"
                      r"Foster)(?!\s+(?:for|of|from|to|in|on|by|and|with)\b))\b")
_FIELD_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\n)\s*")


#: A record's place on the page: (its span, its code and the code's span, its title's span).
_RecordSpan = tuple[Span, str | None, Span | None, Span | None]


def _records(text: str) -> list[_RecordSpan]:
    """(record span, code, code span, title span) per project on the page: the records of a
    listing, or the whole page as one."""
    heads = [m for m in _RECORD_HEAD.finditer(text)
             if m.group("code") or m.group("qtitle")]
    if len(heads) < 2 and not (heads and heads[0].group("code")):
        return _coded_bullets(text) or _teaser_records(text) or [
            (Span(0, len(text)), None, None, None)]
    out = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        if m.group("code"):
            code, code_span = m.group("code"), Span(m.start("code"), m.end("code"))
            title = Span(m.start("title"), m.end("title")).strip(text)
        else:
            title = Span(m.start("qtitle"), m.end("qtitle")).strip(text, " \t.")
            tail = CODE.search(text, m.end(), end)
            code, code_span = (tail.group("code"), Span(tail.start(), tail.end())) if tail else (
                None, None)
        out.append((Span(m.start(), end), code, code_span, title))
    return out


#: A listing's bullet that ends its title with the project's code: "• Strengthening food import
#: monitoring in ... (Project 2325B) See progress and results."
_CODED_BULLET = re.compile(
    r"^[^\S\n]*[•*\-–][^\S\n]*(?P<title>[A-Z][^\n(]{8,300}?)\s*\(\s*Project\s+"
    rf"(?P<code>{CODE.pattern.replace('(?P<code>', '(?:')})\s*\)", re.M)


def _coded_bullets(text: str) -> list[_RecordSpan]:
    """One record per coded bullet of a listing (two or more), to the next bullet."""
    heads = list(_CODED_BULLET.finditer(text))
    if len(heads) < 2:
        return []
    return [(Span(m.start(), heads[i + 1].start() if i + 1 < len(heads) else len(text)),
             m.group("code"), Span(m.start("code"), m.end("code")),
             Span(m.start("title"), m.end("title")).strip(text))
            for i, m in enumerate(heads)]


def _teaser_records(text: str) -> list[_RecordSpan]:
    """A catalogue's teasers (capacity.desa.un.org): a title line, a paragraph, then the same
    short field lines under each ("Recipients: ...", "Partners: ...", "Status: Active"). A
    record runs from its title line to the end of its field lines; the label that opens each
    group repeats once per project."""
    every = field_values(text, Span(0, len(text)))
    labels = [f.label.start for f in every]
    fields = [f for f in every if f.value is not None and f.key in ("countries", "partner",
                                                                     "status")]
    if not fields:
        return []
    first_key = fields[0].key
    openers = [f for f in fields if f.key == first_key]
    if len(openers) < 2:
        return []
    lines = [ln for ln in page_lines(text) if not ln.blank and not ln.chrome]
    out: list[_RecordSpan] = []
    for i, opener in enumerate(openers):
        before = [ln for ln in lines if (out[-1][0].end if out else 0) <= ln.span.start
                  < opener.label.start]
        title = next((ln for ln in before if not ln.text.rstrip().endswith(("…", "...", "."))
                      and 3 <= len(ln.text.split()) <= 30  # (and no field line)
                      and not any(ln.span.start <= at < ln.span.end for at in labels)),
                     None)
        if title is None:
            return []
        group_end = max(f.value.end for f in fields if f.value is not None and
                        opener.label.start <= f.label.start and
                        (i + 1 == len(openers) or f.label.start < openers[i + 1].label.start))
        out.append((Span(title.span.start, group_end), None, None, title.span))
    # what follows the last group: one more project, cut short (a title and its paragraph)
    tail = [ln for ln in lines if ln.span.start >= out[-1][0].end]
    if tail and 3 <= len(tail[0].text.split()) <= 30 and \
            not tail[0].text.rstrip().endswith(("…", "...", ".")):
        out.append((Span(tail[0].span.start, len(text)), None, None, tail[0].span))
    return out


#: A project named in prose by its title and its code, then the word: "... benefited from the
#: Strengthening national capacities in environment statistics (06/07Y) project (http://...)".
_CODED_MENTION = screened(re.compile(
    rf"[^\S\n]*\([^\S\n]*(?:Project[^\S\n]+)?(?:{_BARE_CODE})[^\S\n]*\)"
    r"[^\S\n]+(?:project|programme)\b"))
#: Where such a title starts: the last "the" before a capital on its line (its own "the"s are
#: followed by small letters: "Improving the measurement of ...").
_TITLE_START = re.compile(r"\b[Tt]he[^\S\n]+(?=[A-Z])")


def _coded_title(text: str, span: Span) -> Span | None:
    """The title a sentence gives with the project's code in parentheses after it."""
    for m in _CODED_MENTION.finditer(text, span.start, span.end):
        line_start = max(span.start, text.rfind("\n", 0, m.start()) + 1)
        starts = list(_TITLE_START.finditer(text, line_start, m.start()))
        if starts and 4 <= len(text[starts[-1].end(): m.start()].split()) <= 40:
            return Span(starts[-1].end(), m.start())
    return None


#: What may stand between a project's code and the title after it (on its line or the next,
#: not after a blank line: a record's next field): "(ROA 112) Building ...", "ROA-117:
#: ―Building ...", "2023T: Connectivity ...".
_AFTER_CODE = re.compile(r"[^\S\n]*\)?[^\S\n]*[:\-–—]?[^\S\n]*\n?[^\S\n]*[―“\"‘«]?(?=[A-Z])")
#: Where such a title ends: a blank line, its closing quotation mark, the sentence's end, or
#: the verb the sentence goes on with ("... in times of pandemics will have delivered").
_AFTER_CODE_END = re.compile(r"\n[^\S\n]*\n|[”\"’»]|[.;](?=\s|$)|,\s+(?:which|who|that)\b|"
                             r"\s(?:will|was|is|has|have|were|are|aims?|seeks?)\s")


#: A cover's code line alone, the title in the paragraph below it, after blank lines.
_AFTER_CODE_LINE = re.compile(r"[^\S\n]*\)?[^\S\n]*\n(?:[^\S\n]*\n){1,4}[^\S\n]*(?=[A-Z])")
#: A title that is only the project's code line ("Development Account Project (ROA 109)").
_CODE_LINE_ONLY = re.compile(r"(?:(?:United\s+Nations|UN)\s+)?(?:Development\s+Account\s+|DA\s+)?"
                             r"[Pp]roject\s*\(?[\w /-]{2,14}\)?")


def _title_after_code(text: str, code: Span, *, cover: bool = False) -> Span | None:
    """The title a page gives right after the project's code, on its line or the next:
    "Development Account Project (ROA 112) Building national capacity ...", "Project ROA-117:
    ―Building ...", "the evaluation of the ... 2023T: Connectivity of transport ... will have
    delivered"; of 4 to 40 words. On a `cover`, the code's line stands alone and the title is
    the paragraph below it."""
    lead = _AFTER_CODE.match(text, code.end) or (
        _AFTER_CODE_LINE.match(text, code.end) if cover else None)
    if lead is None:
        return None
    end = _AFTER_CODE_END.search(text, lead.end(), min(len(text), lead.end() + 400))
    span = Span(lead.end(), end.start() if end else min(len(text), lead.end() + 400)).strip(text)
    body = next((a.span.start for a in Gazetteer.bundled().find_actors(text, span)
                 if a.kind == "organization" and len(text[span.start:a.span.start].split()) >= 4),
                None)
    if body is not None:  # "... Recovering from Conflict United Nations Department of ...": a
        span = Span(span.start, body).strip(text)  # cover's next line, run on
    return span if 4 <= len(span.of(text).split()) <= 40 else None


#: The cover of a project's evaluation report: "External Evaluation of UNCTAD Project
#: Account-", the title on the lines after it (to its footnote mark " *", "Prepared by" or a
#: date).
_EVALUATION_OF = re.compile(
    r"^[^\S\n]*(?:(?:External|Final|Mid-?term|Terminal|Independent)[^\S\n]+)?Evaluation[^\S\n]+"
    r"of[^\S\n]+(?:the[^\S\n]+)?(?P<who>(?:[\w-]+[^\S\n]+){0,3}?)(?:Development[^\S\n]+Account"
    r"[^\S\n]+)?Project(?:[^\S\n]+Account)?[^\S\n]*[-–:]?[^\S\n]*$", re.I | re.M)
_COVER_STOP = re.compile(r"^[^\S\n]*(?:Prepared\s+by|Submitted\s+by|By\s|\(?\d+\)?[^\S\n]*$|"
                         r"(?:January|February|March|April|May|June|July|August|September|October|"
                         r"November|December)[^\S\n]+(?:19|20)\d\d)", re.I)


_MONTH_YEAR = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December)[^\S\n]+(?:19|20)\d\d\b")
#: The same cover transcribed as one line ("1 EVALUATIVE REVIEW of the Development Account
#: Project <Title> FINAL DRAFT Evaluator: ...", "1 ASSESSMENT OF DEVELOPMENT ACCOUNT PROJECT
#: 12/13 AD <Title> May 2016"): the title runs to the draft mark, the evaluator or the date.
_EVALUATION_RUN_ON = screened(re.compile(
    r"^[^\S\n]*(?:\d{1,3}[^\S\n]+)?(?:(?:External|Final|Mid-?term|Terminal|Independent)[^\S\n]+)?"
    r"(?:Evaluative[^\S\n]+Review|Evaluation|Assessment|Review)[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?"
    r"(?P<who>(?:[\w-]+[^\S\n]+){0,3}?)(?:Development[^\S\n]+Account[^\S\n]+)?Project"
    # ("External Evaluation of UNCTAD Project Account- <title>")
    r"(?:[^\S\n]+Account[^\S\n]*[-–:])?[^\S\n]+"
    r"(?:(?P<code>\d{2}/\d{2}[^\S\n]?[A-Z]{1,2}|\d{4}[A-Z]{1,2})[^\S\n]*[-–:]?[^\S\n]+)?"
    r"(?P<title>\S[^\n]{10,300}?)\*?[^\S\n]+(?:FINAL[^\S\n]+DRAFT|DRAFT|Evaluator[^\S\n]*:|"
    r"Prepared[^\S\n]+by|Commissioned[^\S\n]+by|(?P<date>" + _MONTH_YEAR + r"))", re.I | re.M))
_COVER_DATE = re.compile(r"^[^\S\n]*(?P<date>" + _MONTH_YEAR + r")[^\S\n]*$", re.I | re.M)


#: The month after an evaluation's authors on a cover run into one line.
_PREPARED_BY = re.compile(r"\bPrepared\s+by\s+(?:[^.\n*]|(?<=\b[A-Z])\.){3,160}?\s(?P<date>"
                          + _MONTH_YEAR + r")\b", re.I)


def _cover_date(text: str, start: int, end: int) -> DocumentDate | None:
    """The month and year an evaluation report's cover gives (after its title or its author)."""
    m = re.search(_MONTH_YEAR, text[start:end], re.I)
    if m is None:
        return None
    month, year = m.group().split()
    return DocumentDate(int(year), month_number(month), None,
                        Span(start + m.start(), start + m.end()))


def _evaluated_run_on(text: str, span: Span) -> tuple[Span | None, Span | None, re.Match | None]:
    m = _EVALUATION_RUN_ON.search(text, span.start, span.end)
    if m is None:
        return None, None, None
    who = Span(m.start("who"), m.end("who")).strip(text) if m.group("who").strip() else None
    return Span(m.start("title"), m.end("title")).strip(text), who, m


#: An evaluation's or assessment's cover in its other shapes: over several lines in capitals
#: ("ASSESSMENT OF DEVELOPMENT" / "ACCOUNT PROJECT 16/17 AD" / <title> / "April 2020"), after
#: the report's name or its month ("FINAL ASSESSMENT REPORT Assessment of ...", "May 2021
#: ASSESSMENT OF ... PROJECT 1819 AC <title> FINAL ASSESSMENT REPORT"), with the code in
#: parentheses ("Evaluation of Development Account Project (Code 1617AK)"), as a report "of the
#: Project" ("Evaluation Report of the Project" / "“<title>”" / "By"), or with the title after a
#: colon ("Terminal evaluation of the UNEP UNDA project: <title>").
_COVER = re.compile(
    r"(?:^|(?<=\n))[^\S\n]*(?:\d{1,3}[^\S\n]+)?(?:FINAL[^\S\n]+ASSESSMENT[^\S\n]+REPORT[^\S\n]+)?"
    r"(?:(?P<date0>" + _MONTH_YEAR + r")[^\S\n]+)?"
    r"(?:(?:External|Final|Mid-?term|Terminal|Independent)[^\S\n]+)?(?:Evaluative[^\S\n]+Review|"
    r"Evaluation|Assessment)(?:[^\S\n]+Report)?\s+of\s+(?:the\s+)?(?P<who>(?:[\w-]+[^\S\n]+){0,3}?)"
    r"(?:Development\s+Account\s+)?Project\b[^\S\n]*(?:\([^\S\n]*Code[^\S\n]*:?[^\S\n]*"
    r"(?P<code>[^)\n]{3,12}?)[^\S\n]*\)|(?P<code2>\d{2}/\d{2}[^\S\n]?[A-Z]{1,2}|\d{4}[^\S\n]?"
    r"[A-Z]{1,2})\b)?[^\S\n]*(?P<colon>:)?\s*"
    r"(?P<title>[\"“‘«]?[A-Z][\s\S]{10,400}?)"
    r"(?=(?(colon)[^\S\n]*(?:\n|$)|[^\S\n]*(?:\n\s*)?(?:(?P<date>" + _MONTH_YEAR + r")|"
    r"FINAL[^\S\n]+"
    r"(?:ASSESSMENT[^\S\n]+REPORT|DRAFT)|Evaluator[^\S\n]*:|Prepared[^\S\n]+by|Commissioned[^\S\n]+by|"
    r"By[^\S\n]*\n|$)))",
    re.I)
_COVER_WORD = screened(re.compile(r"evaluati|evaluative|assessment", re.I))
_QUOTED = re.compile(r"[\"“‘«](?P<q>[^\"”’»]{10,400})[\"”’»]")


@lru_cache(maxsize=8)  # asked for the title, the code and the date of one page
def _cover(text: str, span: Span) -> re.Match | None:
    """An evaluation's cover in the shapes `_COVER` reads: its match, whose title (when it has
    no colon) must stand on lines of its own below the cover's name or run on after its code."""
    if _COVER_WORD.search(text, span.start, span.end) is None:
        return None  # (the cover's words, sought first: a page without them costs nothing)
    for m in _COVER.finditer(text, span.start, span.end):
        if m.group("colon") or m.group("code") or m.group("code2") or \
                "\n" in text[m.end("who"): m.start("title")] or m.group("date0") or \
                m.group("title")[:1] in "\"“‘«":
            return m
    return None


def _cover_title(text: str, m: re.Match) -> Span:
    """The title `_cover` found, without its quotation marks and what follows them, and in
    one piece when the cover breaks it over lines."""
    title = Span(m.start("title"), m.end("title")).strip(text)
    quoted = _QUOTED.match(text, title.start, title.end)
    if quoted:
        return Span(quoted.start("q"), quoted.end("q")).strip(text)
    return title


def _evaluated(text: str, span: Span) -> tuple[Span | None, Span | None]:
    """(the title, the body named before "Project") of an evaluation report's cover."""
    # (a document site's heading repeats the cover's first line, lower case, over its page
    # count: the cover itself, below, holds the title)
    page: tuple[PageLine, ...] | None = None  # (read once, for the first match)
    for m in _EVALUATION_OF.finditer(text, span.start, span.end):
        if page is None:
            page = page_lines(text[: span.end])
        lines: list[Span] = []
        for line in page:
            if line.span.start <= m.end() or line.blank:
                continue
            if _COVER_STOP.match(line.text) or len(lines) >= 4:
                break
            lines.append(line.span)
            if line.text.rstrip().endswith("*"):
                break
        if lines:
            who = Span(m.start("who"), m.end("who")).strip(text) if m.group("who").strip() \
                else None
            return Span(lines[0].start, lines[-1].end).strip(text, " *\t"), who
    title, who, _ = _evaluated_run_on(text, span)
    if title is None and (cover := _cover(text, span)) is not None:
        title = _cover_title(text, cover)
        who = Span(cover.start("who"), cover.end("who")).strip(text) \
            if cover.group("who").strip() else None
    return title, who


#: What a title line carries before the project's title: a document site's "Transcript of ",
#: an evaluation's kind ("Independent project evaluation - ", "Terminal evaluation: "), the
#: Account's tranche ("Development Account -Tranche 4 ").
_TITLE_LEAD = re.compile(
    r"(?-i:PROJECT\s+DOCUMENT)\.?\s+(?=[A-Z])"  # ("PROJECT DOCUMENT. <title>. <entity>")
    r"|(?:Transcript\s+of\s+)?(?:(?:(?:Independent|External|Final|Terminal|Mid-?term)\s+)?"
    r"(?:project\s+)?evaluation(?:\s+report)?\s*(?:[-–—:·]|\s(?=[A-Z][a-z]))\s*"
    r"|Development\s+Account\s*[-–—]?\s*Tranche\s+\d{1,2}\s*[-–—:]?\s+(?=[A-Z]))", re.I)
#: ... and after it: the Account's project code, a document site's " · 2017".
_TITLE_TAIL = re.compile(r"\s+(?:Development\s+Account\s+Project\s+\d{4}\s?[A-Z]{1,2}\b.*"
                         r"|[·|]\s*(?:19|20)\d\d)\s*$", re.I)


#: A body's name after the title's full stop, on the same line: ". ESCWA (ESCWA)".
_ENTITY_AFTER = re.compile(r"\.\s+(?P<who>[A-Z][^.\n]{2,100}?)(?:\s*\([A-Z]{2,10}\))?\.?\s*$")


def _trimmed_title(text: str, title: Span) -> Span:
    """`title` without what its line carries around the project's own title (`_TITLE_LEAD`,
    `_TITLE_TAIL`), where a title of three words or more remains."""
    words = title.of(text)
    lead = _TITLE_LEAD.match(words)
    start = title.start + (lead.end() if lead else 0)
    tail = _TITLE_TAIL.search(text, start, title.end)
    end = tail.start() if tail else title.end
    entity = _ENTITY_AFTER.search(text, start, end)
    if entity is not None and Gazetteer.bundled().resolve(
            clean(entity.group("who"))) is not None:
        end = entity.start()  # "<title>. Economic and Social Commission for Western Asia"
    if sum(w.isalpha() for w in text[start:end].split()) < 3:
        return title
    return Span(start, end)


#: A link's words on a line of their own: no title ("Download the project overview").
_CALL_TO_ACTION = re.compile(r"\s*(?:Download|Read\s+more|Click|Learn\s+more|View|Visit|Watch|"
                             r"Share|Print|Subscribe|See\s+also|Back\s+to|Go\s+to)\b")


def _title(text: str, span: Span, fields: list[Field]) -> Span | None:
    """The project's title: its field, a slide's heading, or the first line that reads as a
    title (after the site's wrapping and the page's own header)."""
    for f in fields:
        if f.key == "title" and f.value is not None:
            return f.value
    m = _SLIDE_TITLE.search(text, span.start, span.end)
    if m:
        return Span(m.start("title"), m.end("title")).strip(text)
    labels = {f.label.start for f in fields}
    for line in page_lines(text):
        if line.span.start < span.start or line.blank or line.chrome:
            continue
        if line.span.start >= span.end:
            break
        words = line.text.split()
        if _PAGE_HEADERS.match(line.text) or line.span.start in labels or line.text.endswith(":"):
            continue
        if line.text.lower().startswith(("sorry", "brief description")) or _CALL_TO_ACTION.match(
                line.text) or (label := re.match(r"[\w\s/()]{2,40}:\s", line.text)) and \
                len(label.group(0).split()) <= 4 and not re.match(
                    r"(?:phase|part|component)\s+\w+\s*:", line.text, re.I):
            continue  # a labelled field ("Description: ..."), a link's words, not a title
            # (a title's own subtitle after a colon: "Local data for an inclusive recovery:
            # voluntary local reviews ...")
        if 4 <= len(words) <= 40 and not line.text.rstrip().endswith(".") and \
                line.text[:1].isupper():
            return line.span
        if len(words) > 40:
            return None
    return None


#: A project page's own heading below its story ("SIDS Service Continuity — Project Overview").
_OVERVIEW = re.compile(r"^[^\S\n]*(?P<title>\S[^\n]{3,150}?)\s*[—–-]\s*Project\s+(?:Overview|"
                       r"Summary|Details|Profile)[^\S\n]*$", re.I | re.M)
#: A project named in quotation marks and called a project right after, or right before ("The
#: project \u201cStrengthening ...\u201d was executed by UNSD").
_NAMED_PROJECT = re.compile(r"[‘“\"](?P<title>[A-Z0-9][^’”\"\n]{5,150})[’”\"],?\s+(?:an?|the)\s+"
                            r"(?:[\w-]+\s+){0,4}(?:project|programme)\b"
                            # ("the United Nations Development Account (UNDA) funded project
                            # 1415N titled “...”")
                            # (and "a new KOICA-funded initiative ‘X’", "The project, known as
                            # “X”", "the project being implemented by A and B on “X”", "undertook
                            # a project in 2013–2014 on “X”")
                            r"|\b(?:[Tt]he|[Tt]his|[Oo]ur|[Aa]n?)\s+(?:[\w()-]+\s+){0,6}?"
                            r"(?:[Pp]roject|[Pp]rogramme|initiative)"
                            r"(?:\s+(?:[A-Z][^\S\n]?\d{3}|\d{4}[A-Z]{1,2}))?"
                            r"(?:,?\s+(?:known\s+as|dubbed))?"
                            r"(?:\s+(?:being\s+)?(?:implemented|led|run|executed)\s+by\s+"
                            r"[^“\"‘\n.]{3,100}?)?"
                            r"(?:\s+in\s+(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)?\d\d)?)?"
                            r"(?:\s+(?:entitled|titled|called|named|on))?"
                            r"\s+[‘“\"](?P<title2>[A-Z0-9][^’”\"\n]{5,250})[’”\"]"
                            # no quotation marks: "under the project titled Improved local ...
                            # capacities, funded by ...", "The project, known as X, was ..."
                            r"|\b(?:[Tt]he|[Tt]his|[Aa])\s+(?:[\w()-]+\s+){0,4}?[Pp]roject,?\s+"
                            r"(?:entitled|titled|called|named|known\s+as)\s+"
                            r"(?P<title3>[A-Z][\w’'-]*(?:[^\S\n]+[\w’'-]+){3,30}?)"
                            r"(?=,|\.(?:\s|$)|;|\n|[^\S\n]+\(|[^\S\n]+(?:was|is|were|will|which|"
                            r"that|funded|financed|implemented|led|and\s+(?:funded|implemented))\b)")
#: A title in capitals but no quotation marks, called a project right after: "The District
#: Asset Management for Resilient Public Services in Selected LDCs project was approved ...".
_TITLE_CASE_PROJECT = re.compile(
    r"\b[Tt]he[^\S\n]+(?P<title>[A-Z][\w’'-]*(?:[^\S\n]+(?:[A-Z][\w’'-]*|of|for|and|in|the|to|on|"
    r"with|at|by|a|an)){4,30}?)"
    r"[^\S\n]+(?:project|programme)\b")
#: The fields that make a page a project's record even when no line reads as its title.
_RECORD_KEYS = frozenset({"objective", "implementer", "partner", "budget", "time", "countries",
                          "accomplishments"})


def _named_title(text: str, span: Span, fields: list[Field]) -> Span | None:
    """A project the page names in quotation marks and calls a project ('the project on
    “Building capacities ...”'), on a page with no title field: a news item's headline is
    no project's title, the name its story gives is."""
    if any(f.key == "title" and f.value is not None for f in fields):
        return None
    return named_title(text, span)


def named_title(text: str, span: Span) -> Span | None:
    """The first project `text[span]` names in quotation marks and calls a project."""
    m = _NAMED_PROJECT.search(text, span.start, span.end)
    if m is None:
        return None
    group = next(g for g in ("title", "title2", "title3") if m.group(g))
    end = m.end(group)
    if group == "title3" and (run_on := _TITLE_RUN_ON.search(text, m.start(group), end)):
        end = run_on.start()  # "titled X in the Office premises on 14 March 2017": X
    return Span(m.start(group), end).strip(text)


#: Where a title without quotation marks runs on into the sentence: a place's premises or
#: headquarters, a day.
_TITLE_RUN_ON = re.compile(r"\s+(?:in|at|on)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:premises|"
                           r"headquarters|offices)\b|\s+(?:on|from)\s+(?:\d|" + MONTH_PATTERN +
                           r")")


def _fallback_title(text: str, span: Span, fields: list[Field]) -> Span | None:
    """A page whose story comes before any title line (a project page that opens "About the
    Project" and its prose): its "... — Project Overview" heading, else, when its fields make
    it a project's record, its first words."""
    m = _OVERVIEW.search(text, span.start, span.end)
    if m is not None:
        return Span(m.start("title"), m.end("title")).strip(text)
    named = named_title(text, span)
    if named is not None:  # "the story of ‘LG2030: Local Governments ...’, an EU funded project"
        return named
    for m in _TITLE_CASE_PROJECT.finditer(text, span.start, span.end):
        name = m.group("title")
        words = name.split()
        if len(words) >= 5 and sum(w[:1].isupper() for w in words) >= 4 and \
                words[-1][:1].isupper() and \
                "Development Account" not in name and Gazetteer.bundled().resolve(name) is None:
            return Span(m.start("title"), m.end("title"))
    if len({f.key for f in fields if f.value is not None} & _RECORD_KEYS) < 2:
        return None
    first = next((line for line in page_lines(text) if span.start <= line.span.start < span.end
                  and not line.blank and not line.chrome and len(line.text.split()) >= 6
                  and not line.text.lower().startswith("sorry")), None)
    return _teaser_title(text, first.span) if first is not None else None


#: A country's name that begins the name of an agreement or a programme ("the Mauritius
#: Strategy", "the Samoa Pathway", "the Doha Programme of Action"): no beneficiary.
_NAMED_AFTER = re.compile(r"[^\S\n]+(?:Strategy|Pathway|Declaration|Programme|Program|Plan|Agenda|"
                          r"Consensus|Convention|Agreement|Accord|Protocol|Principles|Framework|"
                          r"Action|Process|Round|Call|Commitment|Compact|Initiative)\b")


def _countries(text: str, span: Span) -> list[Country]:
    gz = Gazetteer.bundled()
    out: dict[str, Country] = {}
    for m in gz.find_actors(text, span):
        if m.kind == "country" and not _NAMED_AFTER.match(text, m.span.end):
            code = m.path.split("/", 1)[1]
            out.setdefault(code, Country(code, m.span))
    return list(out.values())


#: "the Statistics Division of ESCWA", "the Statistics Division of DESA": one actor, a unit
#: and the body it belongs to.
_UNIT_OF = re.compile(r"\)?\s+of\s+(?:the\s+)?")
_POSSESSIVE = re.compile(r"[’']s\s+")
_NOT_NAMES = re.compile(r"^(?:other\s+un\s+entities|n/?a|none|tbd|various|others?|-)$", re.I)


def _names(text: str, span: Span, *, known_only: bool = False) -> list[Named]:
    """The actors a field's value names, one per line or between commas (each as the
    gazetteer knows it, else as written); in prose (`known_only`), only gazetteer names."""
    gz = Gazetteer.bundled()
    if known_only:
        known = [m for m in gz.find_actors(text, span) if m.kind in ("organization", "group")]
        dropped: set[int] = set()
        for i, (one, two) in enumerate(pairwise(known)):
            if _UNIT_OF.fullmatch(text, one.span.end, two.span.start):
                # "the Statistics Division of DESA" is UNSD; "... of ESCWA" is ESCWA's own
                dropped.add(i + 1 if gz.is_unit_of(one.path, two.path) else i)
            elif _POSSESSIVE.fullmatch(text, one.span.end, two.span.start) and \
                    gz.is_unit_of(two.path, one.path):
                dropped.add(i)  # "UN DESA’s Division for ...": the division
        return [Named(clean(m.span.of(text)), m.span) for i, m in enumerate(known)
                if i not in dropped]
    known = [m for m in gz.find_actors(text, span) if m.kind in ("organization", "group")
             and not _NOT_NAMES.match(clean(_piece(text, span, m.span).of(text)))]
    # ("Other UN entities" is the portal's category, not the UN)
    wholes = [_named_before_acronym(text, span, m.span) or _whole_name(text, span, m.span)
              for m in known]
    out = [n for m, whole in zip(known, wholes) for n in _slashed(text, m.span, gz)
           or [Named(clean(whole.of(text)), whole)]]
    known_spans = [n.span for n in out]
    # what the gazetteer does not know, between the names it knows: names as written
    pos, rest = span.start, []
    for taken in sorted(set(known_spans), key=lambda x: x.start):
        if taken.start >= pos:
            rest.append(Span(pos, taken.start))
            pos = taken.end
    rest.append(Span(pos, span.end))
    for gap in rest:
        cut = gap.start
        pieces = []
        for m in _FIELD_SPLIT.finditer(text, gap.start, gap.end):
            pieces.append(Span(cut, m.start()))
            cut = m.end()
        pieces.append(Span(cut, gap.end))
        for piece in pieces:
            piece = piece.strip(text, " .()/\t-")
            name = clean(piece.of(text))
            given = _GIVEN_AFTER.fullmatch(name)
            if given is not None:  # "United Nations Capital Development Fund (UNCDF)": the
                name = given.group("name")  # name, its acronym kept in the quote
                if text.startswith(")", piece.end):
                    piece = Span(piece.start, piece.end + 1)
            if len(name) < 3 or not re.search(r"[A-Z]", name) or _NOT_NAMES.match(name) or \
                    len(name.split()) > 12 or name.lower() in ("through", "its", "with"):
                continue
            match = gz.resolve(name)
            if match is None or match.kind != "country":
                out.append(Named(name, piece))
    return sorted({n.span: n for n in out}.values(), key=lambda n: n.span.start)


_GIVEN_AFTER = re.compile(r"(?P<name>[A-Z].*?)\s*\((?P<acronym>[A-Z][A-Za-z-]{1,10})\)?")
_ACRONYM_LIST = re.compile(r"(?:the\s+)?[A-Z][A-Z-]{1,9}(?:\s*(?:,|\band\b)\s*(?:the\s+)?"
                           r"[A-Z][A-Z-]{1,9})*\s*")
_ACRONYM = re.compile(r"[A-Z][A-Z-]{1,9}")


def _bodies(text: str, phrase: Span) -> list[Named]:
    """The bodies the gazetteer knows in a phrase, that can carry a project out: not a group
    ("Governments", "Member States", "the UN regional commissions")."""
    gz = Gazetteer.bundled()
    return [n for n in _names(text, phrase, known_only=True)
            if (m := gz.resolve(n.name)) is None or m.kind != "group"]


def _headed_bodies(text: str, phrase: Span, known: list[Named]) -> list[Named]:
    """Bodies a partner phrase names that the gazetteer lacks, read by their head word ("the
    Government of Italy", "the University of the West Indies", "the Ministry of Finance of
    Ghana"), where no known name covers them."""
    out = []
    for m in find_actors(text, phrase, Gazetteer.bundled()):
        if m.known or m.kind != "organization" or any(
                k.span.start < m.span.end and m.span.start < k.span.end for k in known):
            continue
        name = m.span.of(text)
        tail = _AND_ACRONYM.search(name)
        if tail is not None:  # "the Government of Italy and CARICAD": two bodies
            out.append(Named(clean(name[: tail.start()]),
                             Span(m.span.start, m.span.start + tail.start())))
            out.append(Named(tail.group("acronym"), Span(m.span.start + tail.start("acronym"),
                                                         m.span.end)))
            continue
        out.append(Named(clean(name), m.span))
    return out


_AND_ACRONYM = re.compile(r"\s+and\s+(?P<acronym>[A-Z][A-Z-]{2,11})$")


def _unknown_acronyms(text: str, span: Span, known: list[Named]) -> list[Named]:
    """The bodies a phrase names when it is nothing but acronyms ("FSDO and UNCDF", "CARIPAD
    and the OECD"): those the gazetteer lacks and `known` does not hold already."""
    if not _ACRONYM_LIST.fullmatch(text, span.start, span.end):
        return []
    names = {n.name for n in known}
    gz = Gazetteer.bundled()
    return [Named(m.group(), Span(m.start(), m.end()))
            for m in _ACRONYM.finditer(text, span.start, span.end)
            if m.group() not in names and gz.resolve(m.group()) is None]


#: "the United Nations Capacity Development Fund (UNCDF)": a body's name the page gives with
#: its acronym, in a phrase that names partners.
_NAME_WITH_ACRONYM = re.compile(r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w’'-]+(?:\s+(?:of|for|and|on|the|"
                                r"[A-Z][\w’'-]+)){1,10})\s+\((?P<acronym>[A-Z][A-Za-z-]{1,10})\)")


def _with_acronyms(text: str, span: Span, known: list[Named]) -> list[Named]:
    """Names a phrase gives as "Name (ACRONYM)" that the gazetteer does not know."""
    out = []
    for m in _NAME_WITH_ACRONYM.finditer(text, span.start, span.end):
        whole = Span(m.start("name"), m.end())
        if any(k.span.start < whole.end and whole.start < k.span.end for k in known):
            continue
        out.append(Named(clean(m.group("name")), whole))
    return out


#: A field value's name, between its commas: capitalised words and their joining words.
_TITLE_CASE_NAME = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|the|on|in|de|la|"
                              r"[A-Z][\w’'&.-]*))*")
_PIECE_BREAK = re.compile(r"[,;\n]")


def _piece(text: str, value: Span, known: Span) -> Span:
    """The piece of a field's value (between commas, semicolons or lines) a name is in."""
    before = [m.end() for m in _PIECE_BREAK.finditer(text, value.start, known.start)]
    after = _PIECE_BREAK.search(text, known.end, value.end)
    return Span(before[-1] if before else value.start,
                after.start() if after else value.end).strip(text, " .()\t-")


def _named_before_acronym(text: str, value: Span, known: Span) -> Span | None:
    """A known acronym in brackets after a name the page writes its own way ("... for West
    Asia (ESCWA)"): the name and its acronym are one body, not pieces split at "and"."""
    if known.start == 0 or text[known.start - 1] != "(" or \
            not text.startswith(")", known.end):
        return None
    piece = _piece(text, value, known)
    return next((Span(m.start("name"), m.end())
                 for m in _NAME_WITH_ACRONYM.finditer(text, piece.start, known.end + 1)
                 if m.end() == known.end + 1), None)


def _whole_name(text: str, value: Span, known: Span) -> Span:
    """A known name inside a longer one the value lists ("African Management Development
    Institutes' Network" holds "Management Development Institutes"): the longer one."""
    before = [m.end() for m in _PIECE_BREAK.finditer(text, value.start, known.start)]
    after = _PIECE_BREAK.search(text, known.end, value.end)
    piece = Span(before[-1] if before else value.start,
                 after.start() if after else value.end).strip(text, " .()\t-")
    if piece != known and piece.start <= known.start and known.end <= piece.end and \
            _TITLE_CASE_NAME.fullmatch(piece.of(text)) and len(piece.of(text).split()) <= 12:
        return piece
    return known


def _slashed(text: str, span: Span, gz: Gazetteer) -> list[Named]:
    """"UN DESA/DPIDG" in a field: the department and its division, each named."""
    written = span.of(text)
    if "/" not in written:
        return []
    parts = [p.strip() for p in written.split("/")]
    found = [gz.resolve(p) for p in parts]
    if len(parts) < 2 or any(f is None or f.kind not in ("organization", "group") for f in found):
        return []
    out, at = [], span.start
    for part in parts:
        start = text.index(part, at)
        out.append(Named(clean(part), Span(start, start + len(part))))
        at = start + len(part)
    return out


#: A code of a commission's own scheme, a letter and three figures, after the word "project"
#: or heading a line ("the UNECE project E277", "Evaluation Project E 311:", "E277: <title>").
_LETTER_CODE = screened(re.compile(r"\b[Pp]roject[^\S\n]+(?P<code>[A-Z][^\S\n]?\d{3})\b(?![/.-]\d)"
                          r"|^[^\S\n]*(?P<code2>[A-Z]\d{3}):[^\S\n]", re.M))
#: Whose project it is: a body named with the project's code after its title ("“<title>”
#: Project E284, UNECE"), or just before the word ("the UNECE Geneva E311 Project entitled",
#: "the UNECE project E277", "a terminal evaluation of UNEP's ... project").
_OWNER = screened(re.compile(
    r"[”\"’][^\S\n]+Project[^\S\n]+[A-Z0-9][\w/ ]{2,10}?,[^\S\n]*"
    r"(?P<who>[A-Z][\w-]{1,12})"
    r"[^\S\n]*$"
    r"|\b(?:the|of)[^\S\n]+(?P<who2>[A-Z][A-Za-z-]{1,11})(?:[’']s)?[^\S\n]+(?:[\w-]+[^\S\n]+)"
    r"{0,3}?[Pp]roject\b(?![^\S\n]+(?:partners?|managers?|staff)\b)", re.M))


def _owner(text: str, span: Span) -> list[Named]:
    """The body a page says the project is of (`_OWNER`), when the gazetteer knows it as a
    body (not a group of countries, not a country)."""
    gz = Gazetteer.bundled()
    for m in _OWNER.finditer(text, span.start, span.end):
        group = "who" if m.group("who") else "who2"
        found = gz.resolve(m.group(group))
        # (nor a community of states: "the SADC project" is the region's, not who ran it)
        if found is not None and found.kind not in ("group", "country") and \
                "Community" not in found.label:
            return [Named(m.group(group), Span(m.start(group), m.end(group)))]
    return []


def _record(text: str, span: Span, code: str | None, code_span: Span | None,
            title_span: Span | None) -> ProjectRecord | None:
    fields = field_values(text, span)
    by_key: dict[str, list[Field]] = {}
    for f in fields:
        by_key.setdefault(f.key, []).append(f)

    def value(key: str) -> Span | None:
        return next((f.value for f in by_key.get(key, []) if f.value is not None), None)

    if code is None:
        code_value = value("code")
        if code_value is not None:
            m = CODE.search(text, code_value.start, code_value.end)
            code, code_span = (m.group("code"), Span(m.start(), m.end())) if m else (None, None)
    if code is None:
        found = project_codes(text, span)
        if found:
            code, code_span = found[0]
    if code is None:  # "ASSESSMENT OF DEVELOPMENT ACCOUNT PROJECT 12/13 AD <Title>"
        _, _, run_on = _evaluated_run_on(text, span)
        if run_on is not None and run_on.group("code"):
            code = re.sub(r"\s+", "", run_on.group("code"))
            code_span = Span(run_on.start("code"), run_on.end("code"))
    if code is None:  # "ACCOUNT PROJECT 16/17 AD", "Project (Code 1617AK)", "project E277"
        cover = _cover(text, span)
        group = next((g for g in ("code", "code2") if cover and cover.group(g)), None)
        if cover is not None and group is not None:
            code = re.sub(r"\s+", "", cover.group(group))
            code_span = Span(cover.start(group), cover.end(group))
        elif (m := _LETTER_CODE.search(text, span.start, span.end)) is not None:
            group = "code" if m.group("code") else "code2"
            code, code_span = m.group(group), Span(m.start(group), m.end(group))
    evaluated_title, evaluated_by = _evaluated(text, span)
    if title_span is None and code_span is not None and \
            not text[text.rfind("\n", 0, code_span.start) + 1: code_span.start].strip() and \
            (head := re.match(r"[^\S\n]*:[^\S\n]*(?P<t>[A-Z][^\n]{10,250})", text[code_span.end:])):
        # a line headed by the project's code: "E277: <title>"
        title_span = Span(code_span.end + head.start("t"),
                          code_span.end + head.end("t")).strip(text)
    title_span = title_span or _coded_title(text, span) or evaluated_title or \
        _named_title(text, span, fields) or _title(text, span, fields) or \
        _fallback_title(text, span, fields)
    if title_span is None and code_span is not None:
        title_span = _title_after_code(text, code_span)
    elif code_span is not None and title_span.start <= code_span.start < title_span.end and \
            _CODE_LINE_ONLY.fullmatch(clean(title_span.of(text))):
        # a cover's code line taken for the title: the title is the paragraph below it
        title_span = _title_after_code(text, code_span, cover=True) or title_span
    if title_span is not None:
        title_span = _trimmed_title(text, title_span)
        title = clean(title_span.of(text)).strip(" .\"\u201c\u201d")
    elif code is not None:
        title, title_span = f"Development Account project {code}", code_span
    else:
        return None

    objective_block = None
    field_objective = value("objective")
    if field_objective is not None:
        objective_block = TextBlock(clean(field_objective.of(text)), field_objective)
        if not _TO_VERB.match(objective_block.text) and \
                (stated := stated_objective(text, field_objective)) is not None:
            objective_block = stated  # the field's background, then "The objective ... is to"
    stated = objectives(text, span)
    listed: list[TextBlock] = []  # objectives as paragraphs of "To ...", with no label
    if field_objective is None:
        paras = [p for p in paragraphs(text)
                 if span.start <= p.span.start and p.span.end <= span.end]
        for i, para in enumerate(paras):
            first = clean(para.span.of(text))
            if _TO_VERB.match(first) and len(first.split()) >= 6:
                listed.append(TextBlock(first, para.span))
                # bullets of objectives, each "To ...": the first and the others after it
                for nxt in paras[i + 1:] if para.glyph else ():
                    more = clean(nxt.span.of(text))
                    if nxt.glyph != para.glyph or not _TO_VERB.match(more):
                        break
                    listed.append(TextBlock(more, nxt.span))
                break
    # the labelled objective first, else the first stated in prose, else the first listed; the
    # others each an objective too ("Objective: ..." and elsewhere "This project aims to", an
    # aim and further on the objective as such, an aim and a list of "To ..." objectives)
    candidates = ([objective_block] if objective_block is not None else []) + stated + listed
    kept: list[TextBlock] = []
    for one in candidates:
        if not any(one.span.start < k.span.end and k.span.start < one.span.end for k in kept):
            kept.append(one)
    objective_block = kept[0] if kept else None
    other_objectives: list[TextBlock] = kept[1:]

    items: list[Accomplishment] = []
    for f in by_key.get("accomplishments", []):  # "cont'd" fields of a slide deck go on
        if f.value is not None:
            items.extend(accomplishments(text, f.value))
    if not items and (soft := soft_field(text, span, "accomplishments")) is not None:
        items = accomplishments(text, soft)
    if not items:
        items = inline_accomplishments(text, span)
    items = [Accomplishment(i, a.text, a.span, a.numbering) for i, a in enumerate(items, 1)]

    activities: list[Activity] = []
    activity_values = [f.value for f in by_key.get("activities", []) if f.value is not None]
    if not activity_values and (soft := soft_field(text, span, "activities")) is not None:
        activity_values = [soft]
    for value_span in activity_values:
        if value_span is not None:
            _, listed = split_list(text, value_span, prose_ok=False)
            for it in listed:
                if len(it.span) > 3:
                    activities.append(Activity(len(activities) + 1, it.numbering,
                                               clean(it.span.of(text)), it.span))
    budget = None
    for key in ("budget", "funding"):
        v = value(key)
        if v is not None:
            budget = amount(text, v)
            if budget:
                break
    if budget is None:
        # (also a table flattened to lines without colons: "Funding US$563,000 from UNDA")
        m = re.search(r"(?:total|proposed|approved)?\s*budget|total\s+resources|"
                      r"^[^\S\n]*Funding(?=[^\S\n]+(?:US\s?\$|USD))", text[span.start:
                      span.end], re.I | re.M)
        if m:
            budget = amount(text, Span(span.start + m.end(), min(span.end,
                                                                 span.start + m.end() + 60)))
    tranche_found = tranche(text, value("tranche") or span)
    status = None
    status_value = value("status")
    if status_value is not None:
        status = status_of(status_value.of(text))
    start_year = end_year = None
    years_span = None
    for f in by_key.get("time", []):
        if f.value is None:
            continue
        label = f.label.of(text).lower()
        a, b = years(text, f.value, start_only="start" in label)
        if "end" in label:
            end_year = end_year or a
        else:
            start_year, end_year = start_year or a, end_year or b
        years_span = years_span or f.value

    if start_year is None:  # "Duration: 2011-2013" run into a slide's line
        m = re.search(r"(?:duration|time\s+frame|period)\s*:\s*", text[span.start:span.end], re.I)
        if m:
            at = span.start + m.end()
            start_year, end_year = years(text, Span(at, min(span.end, at + 40)))
            years_span = Span(at, min(span.end, at + 40)) if start_year else None
    if start_year is None:  # "implemented ... from 2019 to 2022", "launched in March 2019"
        start_year, prose_end, prose_span = prose_years(text, span)
        end_year = end_year or prose_end  # (an end a field gave stays)
        years_span = years_span or prose_span
    country_span = value("countries")
    countries = _countries(text, country_span) if country_span is not None else []
    if not countries and country_span is None:
        # (a "Focus Countries: Africa" field says where the project works: the donor's or a
        # partner's country named elsewhere on the page is no beneficiary)
        countries = _countries(text, span)

    implementers: list[Named] = []
    for f in by_key.get("implementer", []):
        if f.value is not None:
            implementers.extend(_names(text, f.value))
    if not implementers and evaluated_by is not None:  # "Evaluation of UNCTAD Project"
        implementers = [n for n in _names(text, evaluated_by, known_only=True)]
    if not implementers:
        implementers = _owner(text, span)
    together, led_with = brought_together(text, span)
    if not implementers:  # "The initiative brings together A, who acts as lead agency, B, C"
        implementers = [n for phrase in together for n in _bodies(text, phrase)]
    if not implementers:
        for phrase in implementer_phrases(text, span):
            found = _bodies(text, phrase)
            # and a body the gazetteer lacks, named with its acronym ("the Ministry of State
            # Administration (MSA)")
            found += _with_acronyms(text, phrase, found)
            # and one it lacks, named by its head word ("implemented by the Caribbean Centre
            # for Development Administration")
            found += _headed_bodies(text, phrase, found)
            # a subject that is only acronyms the gazetteer does not know ("FSDO and UNCDF
            # have piloted a project"): bodies all the same
            implementers.extend(sorted(found + _unknown_acronyms(text, phrase, found),
                                       key=lambda n: n.span.start))
    if not implementers:
        # a news item about the project's activity says who ran it: "a training on X,
        # organized by the Economic Commission for Africa (ECA)" (a body the gazetteer knows)
        for m in _ORGANISED_BY.finditer(text, span.start, span.end):
            stop = _PHRASE_END.search(text, m.end(), min(span.end, m.end() + 160))
            phrase = Span(m.end(), stop.start() if stop else min(span.end, m.end() + 160))
            implementers.extend(_bodies(text, phrase))
            if implementers:
                break
    if not implementers:
        implementers = _helping_body(text, span)
    partners: list[Named] = []
    for f in by_key.get("partner", []):
        if f.value is not None:
            partners.extend(_names(text, f.value))
    for phrase in [*partner_phrases(text, span), *led_with]:
        known = _names(text, phrase, known_only=True)
        known += _with_acronyms(text, phrase, known)
        known += _headed_bodies(text, phrase, known)
        # (and, in a phrase of acronyms alone, those the gazetteer lacks: "with CARIPAD and the
        # OECD")
        known += _unknown_acronyms(text, phrase, known)
        partners.extend(n for n in sorted(known, key=lambda n: n.span.start)
                        if n.name not in {i.name for i in implementers})
    if not implementers:
        implementers = _sole_account_entity(text, span, partners)

    background = value("description")
    return ProjectRecord(
        title=title, title_span=title_span, code=code, code_span=code_span,
        objective=objective_block,
        other_objectives=tuple(other_objectives),
        background=TextBlock(clean(background.of(text)), background) if background else None,
        accomplishments=tuple(items), activities=tuple(activities), budget=budget,
        tranche=tranche_found[0] if tranche_found else None,
        tranche_span=tranche_found[1] if tranche_found else None,
        status=status, status_span=status_value, start_year=start_year, end_year=end_year,
        years_span=years_span, countries=tuple(countries),
        implementers=tuple(implementers), partners=tuple(partners), span=span)


#: A body that helps the project's beneficiaries, as a page with no other implementer says
#: ("ESCWA helps Arab Governments to use ...", "For this reason, United Nations Development
#: Programme, a global UN network ..., offers technical assistance to the Committee").
_HELPS = re.compile(r"\b(?:helps|offers|provides|supports|assists|is\s+helping|is\s+supporting)\s+"
                    r"(?:technical\s+|financial\s+)?(?:assistance\s+to\s+|support\s+to\s+)?[A-Za-z]")
_LEAD_IN = re.compile(r"\s*(?:For|In|With|Working|Through|After|Since|During|As|Under|Following|"
                      r"On|By|At|Together)\b[^,]{0,160},\s*")
_HELPS_WORD = re.compile(r"\b(?:helps|offers|provides|supports|assists|helping|supporting)\b")


#: The Account's implementing entities: the Department and its units, the regional
#: commissions, UNCTAD, UNEP, UN-Habitat, UNODC (gazetteer paths).
_ACCOUNT_PATHS = frozenset(f"actor/{a}" for a in (
    "desa", "unodc", "un-habitat", "eca", "escwa", "escap", "ece", "eclac", "unctad", "unep"))


#: A role the page gives a body other than carrying the project out, just before its name
#: ("Commissioned by: ESCAP", "funded by the Department").
_OTHER_ROLE = re.compile(r"\b(?:commissioned|funded|financed|sponsored)\s+by\s*:?\s*(?:the\s+)?$",
                         re.I)


def _sole_account_entity(text: str, span: Span, partners: list[Named]) -> list[Named]:
    """The one entity of the Account a record names, other than its partners, when no
    sentence says who carries the project out: a page of ECLAC's project that names no other
    entity is ECLAC's ("the Division's study tour ..."). Several entities named: none (a
    guess between them is a guess). Measured on the studies' labelled implementers: right on
    11 of 15 records that label one (wrong: the Department where its Division was meant, twice)."""
    gz = Gazetteer.bundled()
    partnered = {r.path for n in partners if (r := gz.resolve(n.name)) is not None}
    found = [m for m in gz.find_actors(text, span) if m.path not in partnered and (
        m.path in _ACCOUNT_PATHS or gz.is_unit_of(m.path, "actor/desa"))
        and not _OTHER_ROLE.search(text, max(span.start, m.span.start - 30), m.span.start)]
    if len({m.path for m in found}) != 1:
        return []
    first = found[0]
    return [Named(text[first.span.start:first.span.end], first.span)]


def _helping_body(text: str, span: Span) -> list[Named]:
    """The first known organisation that is the subject of "helps", "offers", "provides" ...
    (after a lead-in, past an apposition), on a page that names no other implementer."""
    gz = Gazetteer.bundled()
    for word in _HELPS_WORD.finditer(text, span.start, span.end):
        if not _HELPS.match(text, word.start()):
            continue
        start = max(text.rfind(". ", span.start, word.start()) + 2,
                    text.rfind("\n", span.start, word.start()) + 1, span.start)
        # the subject: past the lead-ins ("For this reason, ", "Working with X, "), up to
        # its apposition (", a global UN network ..., ")
        while (lead := _LEAD_IN.match(text, start, word.start())) is not None:
            start = lead.end()
        comma = text.find(", ", start, word.start())
        subject = Span(start, comma if comma >= 0 else word.start())
        found = [n for n in _names(text, subject, known_only=True)
                 if (m := gz.resolve(n.name)) is not None and m.kind == "organization"]
        if found:
            return found[:1]
    return []


#: Who ran a project's activity, as a news item about it says ("organized by the ECA").
_ORGANISED_BY = re.compile(r"\b(?:organi[sz]ed|convened|led|hosted)\s+by\s+", re.I)
_PHRASE_END = re.compile(r"[.;:\n]|,\s+(?:which|who|with|in|on|at|from)\b")
#: A page about one project that gives no title line: "About the project", "Project overview".
_ABOUT_ONE = re.compile(r"\s*(?:About\s+(?:the|this|our)\s+(?:project|programme)|(?:Project|"
                        r"Programme)\s+(?:overview|background|summary|description))\s*$", re.I)
_TEASER_WORDS = 15
_PROJECT_WORD = re.compile(r"\b(?:this|the)\s+project\b", re.I)
_TITLE_WORDS = 12


def _is_teaser(line: object) -> bool:
    """A listing's teaser: a line of prose (no field label, no chrome) long enough to say what a
    project does ("This project seeks to strengthen the capacity of ...…")."""
    text = getattr(line, "text", "")
    return not getattr(line, "chrome", False) and len(text.split()) >= _TEASER_WORDS and \
        not re.match(r"[\w\s/()]{2,40}:\s", text) and not text.lower().startswith("sorry") \
        and (text.rstrip().endswith(("…", "...")) or _PROJECT_WORD.search(text) is not None)


def _teaser_title(text: str, span: Span) -> Span:
    """A teaser's first words stand for the title the page does not give."""
    words = list(re.finditer(r"\S+", text[span.start: span.end]))[:_TITLE_WORDS]
    end = span.start + words[-1].end()
    stop = re.search(r"[.;:](?:\s|$)", text[span.start: end])
    return Span(span.start, span.start + stop.start() if stop else end).strip(text, " ,")


#: A listing's opening paragraph that says whose the projects below are ("... It does so
#: through several modalities, including the implementation of development cooperation
#: projects listed below.").
_LISTED_BELOW = re.compile(r"\bprojects\b[^.\n]{0,60}?\b(?:listed|presented|shown|described|"
                           r"featured)\s+below\b|\bbelow\s+(?:are|is\s+a\s+list\s+of)\b[^.\n]{0,80}?"
                           r"\bprojects\b", re.I)


def _listing_implementers(text: str, first: int) -> tuple[Named, ...]:
    """The bodies a listing's opening paragraph (before its first record) names as carrying
    out the projects it lists: its organisations (not "Member States", not "governments")."""
    for para in paragraphs(text):
        if para.span.end > first:
            break
        if _LISTED_BELOW.search(text, para.span.start, para.span.end):
            gz = Gazetteer.bundled()
            return tuple(n for n in _names(text, para.span, known_only=True)
                         if (m := gz.resolve(n.name)) is not None and m.kind == "organization")
    return ()


_PROJECT_BODY = re.compile(r"\bprojects?\b|\bprogramme\b|"
                           # (the word in the other languages `family_languages` reads)
                           r"\bproyectos?\b|\bprojets?\b|\bprojetos?\b|\bprogett[oi]\b|проект|"
                           r"программ|مشروع|项目|項目|프로젝트|"
                           r"^[^\S\n]*(?:Lead\s+(?:Division|Entity)|Implementing\s+"
                           r"Entit(?:y|ies)|Funding\s+Source|Time\s+Frame|Duration|Budget|"
                           r"Partners?)\s*:", re.I | re.M)


def _headed_record(text: str) -> ProjectRecord | None:
    """The whole page as one project, titled by its first line of its own (not the site's
    wrapping, not a listing's header), when its body speaks of projects or gives a project
    record's fields."""
    own = [ln for ln in page_lines(text) if not ln.blank and not ln.chrome and
           not _PAGE_HEADERS.match(ln.text) and not ln.text.lower().startswith("sorry")]
    if not own or not any(_PROJECT_BODY.search(ln.text) for ln in own):
        return None
    return _record(text, Span(own[0].span.start, len(text)), None, None,
                   _teaser_title(text, own[0].span))


_DAY_LINE = re.compile(r"^[^\S\n]*(?P<d>\d{1,2})[^\S\n]+(?P<m>January|February|March|April|May|"
                       r"June|"
                       r"July|August|September|October|November|December)[^\S\n]+(?P<y>(?:19|20)\d\d)"
                       r"[^\S\n]*$", re.M)


def parse(text: str) -> ProjectDocument:
    """What a page says about Development Account projects: one record per project (a
    listing has several), each part read on its own (`project_fields`), missing parts left
    empty. Raises ParseError only when no project can be told apart."""
    parts = _records(text)
    records = [r for r in (_record(text, *part) for part in parts) if r is not None]
    teasers = [line for line in page_lines(text) if _is_teaser(line)]
    cut = [t for t in teasers if t.text.rstrip().endswith(("…", "..."))]
    first = next((ln for ln in page_lines(text) if not ln.blank and not ln.chrome), None)
    about = first is not None and _ABOUT_ONE.match(first.text) is not None
    if not records and teasers and (about or (len(cut) < 2 and len(parts) < 2 and sum(
            1 for t in teasers if objectives(text, t.span)) < 2)):
        # one project told in paragraphs, however long, named by its first: "About the
        # project" and its paragraphs, or a page with no title line, no listing's cut teasers
        # and no two paragraphs that each state a project's aim ("The Global Initiative for
        # ... rests on ...")
        whole = Span(first.span.start if about and first is not None else 0, len(text))
        records = [r for r in [_record(text, whole, None, None,
                                       _teaser_title(text, teasers[0].span))] if r is not None]
    if not records or (len(cut) >= 2 and len(parts) < 2 and not any(r.code for r in records)):
        # a listing of teasers: each long line one project, told by its words
        records = [r for r in (_record(text, t.span, None, None, _teaser_title(text, t.span))
                               for t in teasers) if r is not None] or records
    if not records:
        # a page that speaks of projects below its own header but gives no line that reads as
        # a title (a country's page of short records, a cut copy): one project, named by the
        # page's first line of its own, with what the page says (none of the rest is required)
        records = [r for r in [_headed_record(text)] if r is not None]
    if not records:
        raise ParseError("no project: no title, code or objective could be read", line=1)
    if len(records) > 1 or records[0].span.start > 0:
        # a listing: its opening paragraph may say whose projects these are
        listed = _listing_implementers(text, records[0].span.start)
        if listed:
            records = [r if r.implementers else replace(r, implementers=listed)
                       for r in records]
    dated = document_date(text)
    if dated is None:  # an evaluation report's cover: the month after its title or author
        _, _, run_on = _evaluated_run_on(text, Span(0, len(text)))
        if run_on is not None and run_on.group("date"):
            dated = _cover_date(text, run_on.start("date"), run_on.end("date"))
        elif (cover := _EVALUATION_OF.search(text)) is not None:
            date_line = _COVER_DATE.search(text, cover.end(), min(len(text), cover.end() + 600))
            if date_line is not None:
                dated = _cover_date(text, date_line.start("date"), date_line.end("date"))
        elif (cover := _cover(text, Span(0, len(text)))) is not None:
            group = next((g for g in ("date", "date0") if cover.group(g)), None)
            if group is not None:  # "<title> / April 2020", "May 2021 ASSESSMENT OF ..."
                dated = _cover_date(text, cover.start(group), cover.end(group))
            elif (line := _COVER_DATE.search(text, cover.end(),
                                             min(len(text), cover.end() + 600))) is not None:
                dated = _cover_date(text, line.start("date"), line.end("date"))
    if dated is None and (by := _PREPARED_BY.search(text, 0, 1500)) is not None:
        # "... Prepared by <evaluators> February 2015 *This report ...": a cover run on
        dated = _cover_date(text, by.start("date"), by.end("date"))
    if dated is None and (day := _DAY_LINE.search(text, 0, 600)) is not None:
        # a page's own date on a line of its own below its heading ("14 March 2017")
        dated = DocumentDate(int(day.group("y")), month_number(day.group("m")), int(day.group("d")),
                             Span(day.start(), day.end()))
    return ProjectDocument(projects=tuple(records), documents=tuple(find_symbols(text)),
                           dated=dated)
