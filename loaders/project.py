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
from cepa_kg.loaders.spans import Span, clean

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
# The model


@dataclass(frozen=True)
class TextBlock:
    """A stretch of prose: clean text and the exact span it was read from."""

    text: str
    span: Span


@dataclass(frozen=True)
class Accomplishment:
    order: int  # 1.. in document order
    text: str
    span: Span
    numbering: str | None = None  # marker as printed when numbered ("a)"); None for bullets


@dataclass(frozen=True)
class Activity:
    order: int  # 1.. in document order
    numbering: str | None  # as printed: "(iv)", "iv)", "4."; None for "-" / "•" bullets
    text: str
    span: Span


@dataclass(frozen=True)
class SymbolMention:
    """One place a UN document symbol is written, with what is said next to it."""

    span: Span  # the symbol as written ("A/Res/56/213")
    written: str
    date: dt.date | None = None  # "E/2001/45 of 10 January 2002"
    paragraph: str | None = None  # "E/2002/84, para.25" -> "25"


@dataclass(frozen=True)
class UNDocumentRef:
    symbol: str  # normalised: "A/RES/56/213"
    mentions: tuple[SymbolMention, ...]

    @property
    def date(self) -> dt.date | None:
        """The first date the page gives for the document, if any."""
        return next((m.date for m in self.mentions if m.date), None)

    @property
    def first_span(self) -> Span:
        return self.mentions[0].span


@dataclass(frozen=True)
class ImplementingActor:
    """Who the page says did the work ("DPADM has undertaken the following activities")."""

    name: str  # as written: "DPADM", "UN-DESA/DPADM"
    span: Span


@dataclass(frozen=True)
class ProjectDocument:
    slug: str  # "da-project-" + slug of the title, at most 60 characters
    title: str
    title_span: Span
    objective: TextBlock
    background: TextBlock | None = None
    accomplishments: tuple[Accomplishment, ...] = ()
    activities: tuple[Activity, ...] = ()
    status: TextBlock | None = None  # the implementation-status text before its activities
    documents: tuple[UNDocumentRef, ...] = ()
    implementer: ImplementingActor | None = None
    date: dt.date | None = None  # only when the page states one ("Last updated: 3 May 2008")
    date_precision: str | None = None  # "day", "month" or "year" when `date` is set
    implementation_year: int | None = None  # "activities in 2006" -> 2006

    @property
    def symbols(self) -> list[str]:
        return [d.symbol for d in self.documents]


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
    """How surely `text` is a Development Account project page (0.0 .. 1.0)."""
    score = 0.0
    if re.search(r"\bDevelopment\s+Account\b", text, re.I):
        score += 0.35
    if _DETECT_OBJECTIVE_HEADING.search(text):
        score += 0.25
    elif _DETECT_OBJECTIVE_PROSE.search(text):
        score += 0.2
    if re.search(r"\bexpected\s+accomplishments?\b", text, re.I):
        score += 0.25
    if re.search(r"\bimplementation\s+status\b|\bstatus\s+of\s+implementation\b", text, re.I):
        score += 0.15
    if _DETECT_SESSION.search(text) or _DETECT_UPDATE.search(text[:500]):
        score *= 0.2
    return round(min(score, 1.0), 3)


# --------------------------------------------------------------------------------------------
# Lines, headings and sections


@dataclass(frozen=True)
class _Line:
    index: int  # 0-based
    start: int
    end: int  # excluding the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for i, raw in enumerate(text.splitlines(keepends=True)):
        body = raw.rstrip("\r\n")
        out.append(_Line(i, pos, pos + len(body), body))
        pos += len(raw)
    return out


def _line_no(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


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
                return _Heading(line, key, line.end)
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

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d{{2}})\b", re.I)
_DATE_MDY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s*((?:19|20)\d{{2}})\b", re.I)
_DATE_MY = re.compile(rf"^\s*({_MONTH})\s+((?:19|20)\d{{2}})\s*$", re.I)
_DATE_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"(?<![\w/.\-])((?:19|20)\d{2})(?![\w/])")  # not inside "E/2001/45"


def _date_in(s: str) -> tuple[dt.date, str] | None:
    """A date written in `s`: (date, precision)."""
    try:
        if m := _DATE_DMY.search(s):
            return dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])), "day"
        if m := _DATE_MDY.search(s):
            return dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])), "day"
        if m := _DATE_ISO.search(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := _DATE_MY.match(s):
            return dt.date(int(m[2]), _MONTHS[m[1].lower()], 1), "month"
        if m := re.fullmatch(r"\s*((?:19|20)\d{2})\s*", s):
            return dt.date(int(m[1]), 1, 1), "year"
    except ValueError:  # 31 February
        return None
    return None


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
    if _date_in(s) and len(s) < 40:  # a date line
        return False
    if _OBJECTIVE_START.match(s) and len(s.split()) > 12:  # the objective paragraph itself
        return False
    if len(re.findall(r"[.!?](?:\s|$)", s)) >= 2:  # several sentences: prose, not a title
        return False
    return any(c.isalpha() for c in s)


# --------------------------------------------------------------------------------------------
# Lists: bullets and numbered items

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv",
          "xxv"]
_BULLETS = "•●▪◦·‣∙-–—*"
_LINE_MARKER = re.compile(
    rf"[ \t]*(?P<m>[{re.escape(_BULLETS)}]|\((?:[ivxlc]+|[a-z]|\d{{1,2}})\)|"
    rf"(?:[ivxlc]+|[a-z]|\d{{1,2}})[.)])(?=[ \t]+\S)[ \t]+",
    re.I,
)
_INLINE_PATTERNS = {
    "roman": re.compile(r"(?:(?<=^)|(?<=[\s:;,.]))(\(?)([ivxlc]+)\)(?=\s)", re.I),
    "letter": re.compile(r"(?:(?<=^)|(?<=[\s:;,.]))(\(?)([a-z])\)(?=\s)"),
    "digit": re.compile(r"(?:(?<=^)|(?<=[\s:;]))(\(?)(\d{1,2})[.)](?=\s)"),
}
_TRAILING = re.compile(r"(?:\s*[;,]|\s*[;,]?\s+(?:and|or))\s*$", re.I)


@dataclass(frozen=True)
class _Item:
    numbering: str | None
    span: Span  # the item's text (marker excluded), stripped


def _marker_kind(marker: str) -> str:
    """bullet, digit, roman ("i)", "(iv)") or letter ("a)", "(c)")."""
    core = marker.strip("().")
    if marker in _BULLETS:
        return "bullet"
    if core.isdigit():
        return "digit"
    if re.fullmatch(r"[ivx]+", core, re.I):
        return "roman"
    return "letter"


def _same_kind(kind: str, marker: str) -> bool:
    core = marker.strip("().")
    if kind == "bullet":
        return marker in _BULLETS
    if kind == "digit":
        return core.isdigit()
    if kind == "roman":
        return bool(re.fullmatch(r"[ivxlc]+", core, re.I))
    return bool(re.fullmatch(r"[a-z]", core, re.I))


def _trim(text: str, span: Span) -> Span:
    """Strip white space, a trailing ';' / ',' / 'and' / 'or' from an item's span."""
    span = span.strip(text)
    while True:
        m = _TRAILING.search(span.of(text))
        if not m or m.start() == 0:
            return span
        span = Span(span.start, span.start + m.start()).strip(text)


def _line_items(text: str, region: Span) -> tuple[Span | None, list[_Item]]:
    """Items that each begin a line with a marker; other lines continue the item before."""
    lines = [ln for ln in _lines(text[: region.end]) if ln.end > region.start]
    starts: list[tuple[int, int, str]] = []  # (item start offset, marker start, marker)
    kind = None
    for ln in lines:
        lo = max(ln.start, region.start)
        m = _LINE_MARKER.match(text, lo, ln.end)
        if not m:
            continue
        marker = m.group("m")
        if kind is None:
            kind = _marker_kind(marker)
        if _same_kind(kind, marker):
            starts.append((m.end(), lo, marker))
    if not starts:
        return None, []
    intro = Span(region.start, starts[0][1]).strip(text)
    items = []
    for i, (start, _, marker) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else region.end
        numbering = None if kind == "bullet" else marker
        items.append(_Item(numbering, _trim(text, Span(start, end))))
    return (intro if len(intro) else None), items


def _expected(kind: str, k: int) -> str:
    if kind == "roman":
        return _ROMAN[k] if k < len(_ROMAN) else ""
    if kind == "letter":
        return chr(ord("a") + k) if k < 26 else ""
    return str(k + 1)


def _inline_items(text: str, region: Span) -> tuple[Span | None, list[_Item]]:
    """Items numbered inside running text: "They include: (i) ...; (ii) ...", or "• a • b"."""
    for kind in ("roman", "digit", "letter"):
        rx = _INLINE_PATTERNS[kind]
        found: list[tuple[int, int, str]] = []  # (marker start, item start, marker)
        for m in rx.finditer(text, region.start, region.end):
            if m.group(2).lower() != _expected(kind, len(found)):
                continue
            if found and bool(m.group(1)) != found[0][2].startswith("("):
                continue  # "(i) ... ii)" mixes styles: not the same list
            found.append((m.start(), m.end(), m.group(0)))
        if len(found) >= 2:
            return _items_from(text, region, found, numbered=True)
    bullets = [(m.start(), m.end(), m.group(1))
               for m in re.finditer(r"([•●▪◦‣])\s*", text[: region.end])
               if m.start() >= region.start]
    if len(bullets) >= 2 or (bullets and Span(region.start, bullets[0][0]).strip(text).end
                             == region.start):
        return _items_from(text, region, bullets, numbered=False)
    return None, []


def _items_from(text: str, region: Span, found, *, numbered: bool):
    intro = Span(region.start, found[0][0]).strip(text)
    items = []
    for i, (_, start, marker) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else region.end
        span = _trim(text, Span(start, end))
        if len(span):
            items.append(_Item(marker.strip() if numbered else None, span))
    return (intro if len(intro) else None), items


def _plain_items(text: str, region: Span) -> list[_Item]:
    """No markers: one item per non-blank line."""
    out = []
    for ln in _lines(text[: region.end]):
        if ln.end <= region.start or ln.blank:
            continue
        span = _trim(text, Span(max(ln.start, region.start), ln.end))
        if len(span):
            out.append(_Item(None, span))
    return out


def _split_list(text: str, region: Span, *, prose_ok: bool) -> tuple[Span | None, list[_Item]]:
    """(introduction, items) of a list section."""
    if not len(region):
        return None, []
    intro, items = _line_items(text, region)
    if len(items) == 1:
        # one marked line may hold the whole list: "• first • second"
        inline_intro, inline = _inline_items(text, region)
        if len(inline) > 1:
            return inline_intro, inline
    if items:
        return intro, items
    intro, items = _inline_items(text, region)
    if items:
        return intro, items
    plain = _plain_items(text, region)
    if prose_ok or len(plain) > 1:
        return None, plain
    return region, []


# --------------------------------------------------------------------------------------------
# UN document symbols

_SERIES = r"(?:A|E|S|ST|TD|DP|UNEP|CEDAW|CRC|CCPR|FCCC|ICCD|UNW|HRC)"
_PART = r"(?:S-\d+|ES-\d+|L\.\d+|\d+|[A-Za-z]{1,8}(?:\.\d+)?)"
_SYMBOL = re.compile(rf"(?<![\w/.\-]){_SERIES}(?:/{_PART})+")
_SUFFIX = re.compile(r"(?:add|rev|corr|amend)\.\d+", re.I)
_NEAR_DATE = re.compile(
    rf"\s*,?\s*(?:of|dated|adopted\s+on|adopted)\s+(?:the\s+)?"
    rf"(\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}|{_MONTH}\s+\d{{1,2}},\s*(?:19|20)\d{{2}})",
    re.I,
)
_NEAR_PARA = re.compile(
    r"\s*,?\s*(?:para(?:graph)?s?\.?)\s*(\d{1,3}(?:\s*(?:-|–|,|and)\s*\d{1,3}(?!\d))*)", re.I
)


def normalise_symbol(written: str) -> str | None:
    """'A/Res/56/213' -> 'A/RES/56/213'; None when `written` is not a document symbol."""
    parts = written.split("/")
    # words after the last number are not part of the symbol ("A/56/213/and")
    while parts and re.fullmatch(r"[A-Za-z]+", parts[-1]):
        parts.pop()
    if len(parts) < 2 or not any(p.isdigit() for p in parts[1:]):
        return None
    if (re.fullmatch(r"[a-z]{1,8}", parts[1])
            and parts[1] not in ("res", "dec", "conf", "cn", "ac", "c", "hrc", "sgb", "ai")):
        return None  # "S/he/2": an English word after the slash, not an organ
    out = [parts[0].upper()]
    for p in parts[1:]:
        if _SUFFIX.fullmatch(p):
            out.append(p[0].upper() + p[1:].lower())
        else:
            out.append(p.upper())
    return "/".join(out)


def find_symbols(text: str, region: Span | None = None) -> list[UNDocumentRef]:
    """Every UN document symbol written in `text[region]`, grouped by normalised symbol, in the
    order of first mention."""
    region = region or Span(0, len(text))
    grouped: dict[str, list[SymbolMention]] = {}
    for m in _SYMBOL.finditer(text, region.start, region.end):
        symbol = normalise_symbol(m.group(0))
        if symbol is None:
            continue
        # the span covers the symbol's own parts only (not a trailing word after a slash)
        n_parts = symbol.count("/") + 1
        written = "/".join(m.group(0).split("/")[:n_parts])
        span = Span(m.start(), m.start() + len(written))
        after = text[span.end : span.end + 80]
        date = None
        if d := _NEAR_DATE.match(after):
            found = _date_in(d.group(1))
            date = found[0] if found else None
        para = p.group(1) if (p := _NEAR_PARA.match(after)) else None
        grouped.setdefault(symbol, []).append(SymbolMention(span, written, date, para))
    return [UNDocumentRef(s, tuple(ms)) for s, ms in grouped.items()]


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
    out, start = [], None
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


def parse(text: str) -> ProjectDocument:
    """Read a Development Account project page; `ParseError` when it has no title or objective."""
    lines = _lines(text)
    headings = [h for ln in lines if (h := _heading(ln))]
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
            if not (_CHROME.search(s) or _META.match(s) or (_date_in(s) and len(s) < 40)):
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
                date = _date_in(m.group("value"))
                if date:
                    break
        elif ln.index + 1 != title_line and len(ln.text.strip()) < 40 and (
            found := _date_in(ln.text.strip())
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
        _, items = _split_list(text, sec.span, prose_ok=True)
        for it in items:
            accomplishments.append(Accomplishment(len(accomplishments) + 1,
                                                  clean(it.span.of(text)), it.span, it.numbering))

    # ---- implementation status and activities
    activities: list[Activity] = []
    status_span: Span | None = None
    status_sections = [s for s in sections if s.key == "status"]
    for sec in status_sections:
        intro, items = _split_list(text, sec.span, prose_ok=False)
        if status_span is None and intro is not None:
            status_span = intro
        for it in items:
            activities.append(Activity(len(activities) + 1, it.numbering,
                                       clean(it.span.of(text)), it.span))
    status = _block(text, status_span)

    implementation_year = None
    for region in [status_span] + [s.span for s in status_sections]:
        if region is not None and (m := _YEAR.search(region.of(text))):
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
