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

import datetime as dt
import re
from dataclasses import dataclass

from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.lines import Line as _Line
from cepa_kg.loaders.lines import line_no as _line_no
from cepa_kg.loaders.lines import split_lines as _lines
from cepa_kg.loaders.project_dates import YEAR, date_in
from cepa_kg.loaders.project_lists import split_list
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.document_dates import document_date
from cepa_kg.loaders.family_detection import project_score
from cepa_kg.loaders.page_lines import page_lines, paragraphs
from cepa_kg.loaders.project_fields import (
    CODE,
    Field,
    accomplishments,
    amount,
    field_values,
    implementer_phrases,
    inline_accomplishments,
    objective,
    partner_phrases,
    project_codes,
    status_of,
    tranche,
    years,
)
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
    `family_detection`."""
    return project_score(text)


# --------------------------------------------------------------------------------------------
# Lines, headings and sections


# Section keys: background, objective, accomplishments, status (implementation status and
# activities), other (known headings whose content the model does not keep).
_HEADINGS: tuple[tuple[str, str], ...] = (
    ("background", r"background(?:\s+(?:and|&)\s+justification)?|introduction|context|rationale|justification"),
    ("objective", r"(?:project\s+|overall\s+|development\s+|main\s+)?objectives?(?:\s+of\s+the\s+project)?"),
    ("accomplishments", r"expected\s+accomplishments?|expected\s+results|expected\s+outcomes?|outcomes|results"),
    ("status", r"implementation\s+status|status\s+of\s+implementation|implementation|"
               r"progress(?:\s+to\s+date)?|(?:main\s+|planned\s+|project\s+|key\s+)?activities"
               r"(?:\s+undertaken)?"),
    ("other", r"indicators\s+of\s+achievement|outputs|partners|partnerships|budget|duration|"
              r"beneficiar(?:y|ies)(?:\s+countries)?|target\s+countries|contacts?|"
              r"implementing\s+(?:entity|entities|agency|agencies)|lessons\s+learned|"
              r"external\s+factors|related\s+links|documents"),
)
_HEADING_RE = [
    (key, re.compile(
        rf"^(?P<lead>[ \t]*(?:#+[ \t]*|\*\*)?(?:(?:\d+|[IVX]+)\.[ \t]+)?)(?P<h>{pat})(?:\*\*)?"
        rf"[ \t]*(?P<colon>:)?(?:\*\*)?[ \t]*(?P<rest>.*)$",
        re.I,
    ))
    for key, pat in _HEADINGS
]
# A sentence ending with ":" that introduces a list ("The project's expected accomplishments are:")
_SOFT_HEADINGS = (
    ("accomplishments", re.compile(r"expected\s+(?:accomplishments?|results|outcomes)", re.I)),
    ("status", re.compile(r"\bactivities\b", re.I)),
)


@dataclass(frozen=True)
class _Heading:
    line: _Line
    key: str
    body_start: int  # offset where the section's content begins
    soft: bool = False  # a sentence ending in ":" that introduces a list, not a heading word


def _heading(line: _Line) -> _Heading | None:
    stripped = line.text.strip()
    if not stripped:
        return None
    for key, rx in _HEADING_RE:
        m = rx.match(line.text)
        if not m:
            continue
        rest = m.group("rest").strip()
        if m.group("colon"):
            # "Objective: Assist ..." (inline content) or "Objective:" alone
            if rest:
                return _Heading(line, key, line.start + m.start("rest"))
            return _Heading(line, key, line.end)
        if not rest and len(stripped) <= 80:
            # the heading word(s) alone on a line
            return _Heading(line, key, line.end)
        if key == "other":
            return None
    if stripped.endswith(":") and len(stripped) <= 160 and len(stripped.split()) <= 20:
        for key, rx in _SOFT_HEADINGS:
            if rx.search(stripped):
                return _Heading(line, key, line.end, soft=True)
    return None


@dataclass(frozen=True)
class _Section:
    key: str
    heading: _Heading
    span: Span  # the content, heading excluded, white space stripped


def _sections(text: str, headings: list[_Heading]) -> list[_Section]:
    out = []
    for i, h in enumerate(headings):
        end = headings[i + 1].line.start if i + 1 < len(headings) else len(text)
        out.append(_Section(h.key, h, Span(h.body_start, max(h.body_start, end)).strip(text)))
    return out


# --------------------------------------------------------------------------------------------
# Title, chrome and page metadata

_CHROME = re.compile(
    r"welcome\s+to\s+the\s+united\s+nations|it'?s\s+your\s+world|desa\s+home|"
    r"united\s+nations\s+headquarters|^\s*(?:united\s+nations\s+)?development\s+account"
    r"(?:\s+projects?)?(?:\s+home)?\s*$|^\s*(?:un\s*)?desa\s*$|"
    r"^\s*(?:home|search|print(?:\s+this\s+page)?|share|menu|site\s*map|contact\s+us|"
    r"skip\s+to\s+(?:main\s+)?content|back(?:\s+to\s+.*)?|top|english|français|español)\s*$|"
    r"\s>\s.*\s>\s|\s\|\s.*\s\|\s|^\s*(?:copyright|©)|terms\s+of\s+use|privacy\s+notice",
    re.I,
)
_META = re.compile(
    r"^\s*(?P<key>(?:project\s+)?(?:code|no\.?|number|symbol)|tranche|section|budget|"
    r"duration|status|region|countries|partners?|implementing\s+(?:entity|agency|office)|"
    r"executing\s+(?:entity|agency)|lead\s+entity|(?:start|end)\s+date|period|year|date|"
    r"last\s+(?:updated|modified)|updated|posted|published)\s*:\s*(?P<value>.*?)\s*$",
    re.I,
)
_TITLE_META = re.compile(r"^\s*(?:project\s+)?(?:title|name)\s*:\s*(?P<value>\S.*?)\s*$", re.I)
_TITLE_MAX = 300

_OBJECTIVE_START = re.compile(
    r"^\W*(?:(?:the\s+)?(?:main\s+|overall\s+|general\s+|primary\s+|principal\s+|specific\s+)?"
    r"(?:project'?s?\s+)?(?:objectives?|aims?|purpose|goal)\b|"
    r"this\s+project\s+(?:aims|seeks|is\s+designed|intends)\b|"
    r"the\s+project\s+(?:aims|seeks|is\s+designed|intends)\b|"
    r"to\s+(?:assist|support|strengthen|enhance|help|build|improve|promote|develop|provide|"
    r"increase|facilitate|foster|contribute)\b)",
    re.I,
)


def _is_title_candidate(line: _Line) -> bool:
    s = line.text.strip()
    if not s or _CHROME.search(s) or _META.match(s):
        return False
    if len(s) > _TITLE_MAX or s.endswith(":"):
        return False
    if date_in(s) and len(s) < 40:  # a date line
        return False
    if _OBJECTIVE_START.match(s) and len(s.split()) > 12:  # the objective paragraph itself
        return False
    if len(re.findall(r"[.!?](?:\s|$)", s)) >= 2:  # several sentences: prose, not a title
        return False
    return any(c.isalpha() for c in s)


# --------------------------------------------------------------------------------------------
# Implementing actor

_NAME = r"[A-Z][\w&.\-/]*"
_IMPLEMENTER_PATTERNS = (
    # "DPADM has undertaken the following activities"
    re.compile(
        rf"(?:^|(?<=[\s(]))(?P<name>(?:{_NAME}\s+){{0,6}}?{_NAME}|\([A-Z][\w\-/]+\))\s+"
        r"(?:has|have|had|will|is|was)\s+(?:been\s+|also\s+)?"
        r"(?:undertaken|undertake|undertaking|implemented|implement|implementing|carried\s+out|"
        r"carry\s+out|carrying\s+out|conducted|conduct|executed|execute|completed|organized)\b"
    ),
    # "implemented by DPADM", "executed by the Division for ... (DPADM)"
    re.compile(
        rf"\b(?:implemented|executed|carried\s+out|undertaken|managed)\s+by\s+(?:the\s+)?"
        rf"(?P<name>{_NAME}(?:\s+(?:of|for|and|on|the|{_NAME}))*(?:\s+\([A-Z][\w\-/]+\))?)"
    ),
)


def _implementer(text: str, regions: list[Span], lines: list[_Line]) -> ImplementingActor | None:
    for ln in lines:  # "Implementing entity: DPADM/DESA"
        m = _META.match(ln.text)
        if m and re.match(r"(?:implementing|executing|lead)", m.group("key"), re.I) and m["value"]:
            span = Span(ln.start + m.start("value"), ln.start + m.end("value"))
            return ImplementingActor(clean(span.of(text)), span)
    for region in regions:
        for rx in _IMPLEMENTER_PATTERNS:
            m = rx.search(text, region.start, region.end)
            if m:
                span = Span(m.start("name"), m.end("name"))
                name = span.of(text)
                if name.startswith("(") and name.endswith(")"):
                    span = Span(span.start + 1, span.end - 1)
                # drop leading articles/sentence words: "The DPADM" -> "DPADM"
                lead = re.match(r"(?:The|This|In|Since|During)\s+", span.of(text))
                if lead:
                    span = Span(span.start + lead.end(), span.end)
                if len(span):
                    return ImplementingActor(clean(span.of(text)), span)
    return None


# --------------------------------------------------------------------------------------------
# Parsing


def _paragraphs(text: str, region: Span) -> list[Span]:
    out, start, prev_end = [], None, region.start
    for ln in _lines(text[: region.end]):
        if ln.end < region.start:
            continue
        if ln.blank:
            if start is not None:
                out.append(Span(start, prev_end))
                start = None
            continue
        if start is None:
            start = max(ln.start, region.start)
        prev_end = ln.end
    if start is not None:
        out.append(Span(start, prev_end))
    return [p.strip(text) for p in out if len(p.strip(text))]


def _block(text: str, span: Span | None) -> TextBlock | None:
    if span is None:
        return None
    span = span.strip(text)
    return TextBlock(clean(span.of(text)), span) if len(span) else None


def _parse_old(text: str) -> object:
    """Read a Development Account project page; `ParseError` when it has no title or objective."""
    lines = _lines(text)
    headings: list[_Heading] = []
    for ln in lines:
        h = _heading(ln)
        if h is None or (h.soft and headings and headings[-1].key == h.key):
            continue  # "Implementation status:" then "DPADM has undertaken ... activities:"
        headings.append(h)
    sections = _sections(text, headings)

    # ---- title: the first line of content before the sections, past the site chrome
    first_heading = headings[0].line.index if headings else len(lines)
    title_span: Span | None = None
    date: tuple[dt.date, str] | None = None
    for ln in lines:
        if m := _TITLE_META.match(ln.text):
            title_span = Span(ln.start + m.start("value"), ln.start + m.end("value"))
            break
    header_end = first_heading
    if title_span is None:
        candidates: list[_Line] = []
        for ln in lines[:first_heading]:
            if ln.blank:
                continue
            if _is_title_candidate(ln):
                candidates.append(ln)
                continue
            s = ln.text.strip()
            if not (_CHROME.search(s) or _META.match(s) or (date_in(s) and len(s) < 40)):
                if not candidates:
                    # content that is not a title (a paragraph): the page has no title line
                    raise ParseError(
                        "no project title: the first line of content is a paragraph, "
                        "not a title", line=ln.index + 1)
                break  # the paragraphs after the title
        if candidates:
            # a short line before the title is more chrome ("Projects by tranche")
            chosen = next((c for c in candidates if len(c.text.split()) >= 4), candidates[0])
            title_span = chosen.span.strip(text)
            header_end = chosen.index + 1
    if title_span is None:
        at = next((ln.index + 1 for ln in lines if not ln.blank), 1)
        raise ParseError("no project title found", line=at)
    title = clean(title_span.of(text))
    title_line = _line_no(text, title_span.start)

    # ---- page date: a metadata line or a line that is only a date, in the header
    for ln in lines[: max(first_heading, header_end)]:
        if m := _META.match(ln.text):
            key = m.group("key").lower()
            if key in ("date", "year") or key.startswith(("last", "updated", "posted",
                                                          "published")):
                date = date_in(m.group("value"))
                if date:
                    break
        elif ln.index + 1 != title_line and len(ln.text.strip()) < 40 and (
            found := date_in(ln.text.strip())
        ):
            date = found
            break

    def section(key: str) -> _Section | None:
        return next((s for s in sections if s.key == key), None)

    # ---- objective: its section, or else the first long paragraph saying what the project is for
    objective = None
    obj_section = section("objective")
    if obj_section is not None and len(obj_section.span):
        objective = _block(text, obj_section.span)
    else:
        candidates: list[Span] = []
        after_title = Span(title_span.end, headings[0].line.start if headings and
                           headings[0].line.start > title_span.end else len(text))
        free = [p for p in _paragraphs(text, after_title)
                if not (_CHROME.search(p.of(text)) or _META.match(p.of(text)))]
        bg = section("background")
        long_free = [p for p in free if len(p) >= 60]
        if long_free and _OBJECTIVE_START.match(long_free[0].of(text)):
            candidates.append(long_free[0])
        pool = free + (_paragraphs(text, bg.span) if bg else [])
        candidates += [p for p in pool if re.match(
            r"^\W*(?:the\s+)?(?:main\s+|overall\s+)?(?:project'?s?\s+)?objectives?\b",
            p.of(text), re.I)]
        if candidates:
            objective = _block(text, candidates[0])
    if objective is None:
        if obj_section is not None:
            at = obj_section.heading.line.index + 1  # "Objective:" with nothing under it
        else:
            later = [h for h in headings if h.line.start > title_span.start]
            at = later[0].line.index + 1 if later else title_line
        raise ParseError("no project objective found (no 'Objective' section, and no paragraph "
                         "that states one)", line=at)

    # ---- background: its section, or the paragraphs between the title and the objective
    bg = section("background")
    background = _block(text, bg.span) if bg and len(bg.span) else None
    if background is None and obj_section is None:
        between = Span(title_span.end, objective.span.start)
        paras = [p for p in _paragraphs(text, between)
                 if not (_CHROME.search(p.of(text)) or _META.match(p.of(text)))]
        if paras:
            background = _block(text, Span(paras[0].start, paras[-1].end))

    # ---- expected accomplishments
    accomplishments: list[Accomplishment] = []
    for sec in (s for s in sections if s.key == "accomplishments"):
        _, items = split_list(text, sec.span, prose_ok=True)
        for it in items:
            accomplishments.append(Accomplishment(len(accomplishments) + 1,
                                                  clean(it.span.of(text)), it.span, it.numbering))

    # ---- implementation status and activities
    activities: list[Activity] = []
    status_span: Span | None = None
    status_sections = [s for s in sections if s.key == "status"]
    for sec in status_sections:
        intro, items = split_list(text, sec.span, prose_ok=False)
        if status_span is None and intro is not None:
            status_span = intro
        for it in items:
            activities.append(Activity(len(activities) + 1, it.numbering,
                                       clean(it.span.of(text)), it.span))
    status = _block(text, status_span)

    implementation_year = None
    for region in [status_span] + [s.span for s in status_sections] + [
            s.heading.line.span for s in status_sections]:
        if region is not None and (m := YEAR.search(region.of(text))):
            implementation_year = int(m.group(1))
            break

    regions = ([status_span] if status_span else []) + [s.span for s in status_sections]
    regions.append(Span(0, len(text)))
    implementer = _implementer(text, regions, lines)

    slug = SLUG_PREFIX + slugify(title, max_length=SLUG_MAX - len(SLUG_PREFIX))
    return ProjectDocument(
        slug=slug,
        title=title,
        title_span=title_span,
        objective=objective,
        background=background,
        accomplishments=tuple(accomplishments),
        activities=tuple(activities),
        status=status,
        documents=tuple(find_symbols(text)),
        implementer=implementer,
        date=date[0] if date else None,
        date_precision=date[1] if date else None,
        implementation_year=implementation_year,
    )


# --------------------------------------------------------------------------------------------
# Pages, portal records and listings


#: A listing's record begins with a code and its title ("KEN/09/003: Support to ...") or a
#: quoted title ("\u201cStrengthening ...\u201d. ECLAC ... (08/09W)").
_RECORD_HEAD = re.compile(
    rf"^[^\S\n]*(?P<code>{CODE.pattern.replace('(?P<code>', '(?:')})\s*:\s*(?P<title>\S[^\n]*)$"
    r"|^[^\S\n]*[\"\u201c](?P<qtitle>[^\"\u201d\n]{12,400})[\"\u201d]?", re.M)
_PAGE_HEADERS = re.compile(r"^(?:development\s+account\s+projects?|project\s+(?:info|search)|"
                           r"projects|past\s+projects|current\s+projects|project\s+details?)$",
                           re.I)
_SLIDE_TITLE = re.compile(r"^Development\s+Account\s*:\s*(?:\d{1,2}(?:st|nd|rd|th)|\w+)\s+"
                          r"Tranche\s+(?P<title>[^\n]+)$", re.I | re.M)
_TO_VERB = re.compile(r"^(?:To\s+(?:strengthen|improve|enhance|build|support|assist|help|promote|"
                      r"develop|increase|raise|establish|foster)|(?:Strengthen|Improve|Enhance|"
                      r"Build|Support|Assist|Help|Promote|Develop|Increase|Raise|Establish|"
                      r"Foster))\b")
_FIELD_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\n)\s*")


def _records(text: str) -> list[tuple[Span, str | None, Span | None, Span | None]]:
    """(record span, code, code span, title span) per project on the page: the records of a
    listing, or the whole page as one."""
    heads = [m for m in _RECORD_HEAD.finditer(text)
             if m.group("code") or m.group("qtitle")]
    if len(heads) < 2 and not (heads and heads[0].group("code")):
        return [(Span(0, len(text)), None, None, None)]
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
        if line.text.lower().startswith(("sorry", "brief description")) or \
                re.match(r"[\w\s/()]{2,40}:\s", line.text) and not re.match(
                    r"(?:phase|part|component)\s+\w+\s*:", line.text, re.I):
            continue  # a labelled field ("Description: ..."), not a title
        if 4 <= len(words) <= 40 and not line.text.rstrip().endswith(".") and \
                line.text[:1].isupper():
            return line.span
        if len(words) > 40:
            return None
    return None


def _countries(text: str, span: Span) -> list[Country]:
    gz = Gazetteer.bundled()
    out: dict[str, Country] = {}
    for m in gz.find_actors(text, span):
        if m.kind == "country":
            code = m.path.split("/", 1)[1]
            out.setdefault(code, Country(code, m.span))
    return list(out.values())


_NOT_NAMES = re.compile(r"^(?:other\s+un\s+entities|n/?a|none|tbd|various|others?|-)$", re.I)


def _names(text: str, span: Span, *, known_only: bool = False) -> list[Named]:
    """The actors a field's value names, one per line or between commas (each as the
    gazetteer knows it, else as written); in prose (`known_only`), only gazetteer names."""
    gz = Gazetteer.bundled()
    if known_only:
        return [Named(clean(m.span.of(text)), m.span) for m in gz.find_actors(text, span)
                if m.kind in ("organization", "group")]
    known = [m for m in gz.find_actors(text, span) if m.kind in ("organization", "group")]
    out = [Named(clean(m.span.of(text)), m.span) for m in known]
    # what the gazetteer does not know, between the names it knows: names as written
    pos, rest = span.start, []
    for m in known:
        rest.append(Span(pos, m.span.start))
        pos = m.span.end
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
            if len(name) < 3 or not re.search(r"[A-Z]", name) or _NOT_NAMES.match(name) or \
                    len(name.split()) > 12 or name.lower() in ("through", "its", "with"):
                continue
            match = gz.resolve(name)
            if match is None or match.kind != "country":
                out.append(Named(name, piece))
    return sorted(out, key=lambda n: n.span.start)


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
    title_span = title_span or _title(text, span, fields)
    if title_span is not None:
        title = clean(title_span.of(text)).strip(" .\"\u201c\u201d")
    elif code is not None:
        title, title_span = f"Development Account project {code}", code_span
    else:
        return None

    objective_block = None
    field_objective = value("objective")
    if field_objective is not None:
        objective_block = TextBlock(clean(field_objective.of(text)), field_objective)
    if objective_block is None:
        objective_block = objective(text, span)
    if objective_block is None:
        for para in paragraphs(text):
            if para.span.start < span.start or para.span.end > span.end:
                continue
            first = clean(para.span.of(text))
            if _TO_VERB.match(first) and len(first.split()) >= 6:
                objective_block = TextBlock(first, para.span)
                break

    items: list[Accomplishment] = []
    for f in by_key.get("accomplishments", []):  # "cont'd" fields of a slide deck go on
        if f.value is not None:
            items.extend(accomplishments(text, f.value))
    if not items:
        items = inline_accomplishments(text, span)
    items = [Accomplishment(i, a.text, a.span, a.numbering) for i, a in enumerate(items, 1)]

    activities: list[Activity] = []
    for f in by_key.get("activities", []):
        if f.value is not None:
            _, listed = split_list(text, f.value, prose_ok=False)
            activities.extend(listed_activity for listed_activity in (
                Activity(len(activities) + k, it.numbering, clean(it.span.of(text)), it.span)
                for k, it in enumerate(listed, start=1)) if len(listed_activity.span) > 3)
    budget = None
    for key in ("budget", "funding"):
        v = value(key)
        if v is not None:
            budget = amount(text, v)
            if budget:
                break
    if budget is None:
        m = re.search(r"(?:total|proposed|approved)?\s*budget|total\s+resources", text[span.start:
                      span.end], re.I)
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
    country_span = value("countries")
    countries = _countries(text, country_span) if country_span is not None else []
    if not countries:
        countries = _countries(text, span)

    implementers: list[Named] = []
    for f in by_key.get("implementer", []):
        if f.value is not None:
            implementers.extend(_names(text, f.value))
    if not implementers:
        for phrase in implementer_phrases(text, span):
            implementers.extend(_names(text, phrase, known_only=True))
    partners: list[Named] = []
    for f in by_key.get("partner", []):
        if f.value is not None:
            partners.extend(_names(text, f.value))
    for phrase in partner_phrases(text, span):
        partners.extend(n for n in _names(text, phrase, known_only=True)
                        if n.name not in {i.name for i in implementers})

    background = value("description")
    return ProjectRecord(
        title=title, title_span=title_span, code=code, code_span=code_span,
        objective=objective_block,
        background=TextBlock(clean(background.of(text)), background) if background else None,
        accomplishments=tuple(items), activities=tuple(activities), budget=budget,
        tranche=tranche_found[0] if tranche_found else None,
        tranche_span=tranche_found[1] if tranche_found else None,
        status=status, status_span=status_value, start_year=start_year, end_year=end_year,
        years_span=years_span, countries=tuple(countries),
        implementers=tuple(implementers), partners=tuple(partners), span=span)


def parse(text: str) -> ProjectDocument:
    """What a page says about Development Account projects: one record per project (a
    listing has several), each part read on its own (`project_fields`), missing parts left
    empty. Raises ParseError only when no project can be told apart."""
    records = [r for r in (_record(text, *parts) for parts in _records(text)) if r is not None]
    if not records:
        raise ParseError("no project: no title, code or objective could be read", line=1)
    return ProjectDocument(projects=tuple(records), documents=tuple(find_symbols(text)),
                           dated=document_date(text))
