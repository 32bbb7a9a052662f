"""CEPA session summaries: detect and parse to a small model (no RDF here).

A session summary (``cepa-session-05-2006.txt``, ``cepa-session-08-2009.txt``) is text copied
out of a table:

- a heading with the session number and dates ("Session 5" / "27-31 March 2006", or on one line
  "Session 8 30 March - 3 April 2009"), then "Main theme: ...";
- a two-column table "Subtopics <TAB> Major Recommendations/Conclusions". Each line is
  ``left cell <TAB> right cell``; a cell broken over several lines continues on the next line
  (left cell empty, or no tab at all); a subtopic broken over lines continues with a lower-case
  word ("... methodologies for" / "developing" / "foundations and principles ...");
- in the right column: sentences "X should / need(s) to ...", lead-ins ending in ":" ("Member
  States should:", "The Secretariat should ... by:") followed by "•" bullets or by
  semicolon-separated items, and statements without a directive ("... are essential.",
  "It is also important to ...") which are *conclusions* addressed to the list they stand in;
- optionally an "Annual Ministerial Review theme" part laid out the same way;
- "Resolution": operative paragraphs ("Encourages Governments to ...") and lead-ins
  ("Requests the Secretariat to:") followed by "-" items, one resolution paragraph each.

Parsing works on layout (tab columns, continuation lines, bullets, lead-ins ending in ":"),
not on the wording of these two files. Every text in the model carries its exact `Span`:
``clean(span.of(text)) == text`` whenever the piece is contiguous in the document; pieces
interleaved with other cells (a subtopic broken across rows) keep all their spans in
``pieces`` and ``span`` is then the first piece.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.spans import Span, clean, cover

__all__ = [
    "Recommendation",
    "Resolution",
    "ResolutionParagraph",
    "SessionDocument",
    "Theme",
    "detect",
    "parse",
]

# --------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class Theme:
    """A main theme, subtopic or ministerial review theme."""

    text: str  # white space collapsed, broken lines joined
    span: Span  # covers all pieces when only white space lies between them, else the first
    pieces: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    order: int  # 1.. in document order over the whole session (AMR part included)
    text: str  # clean text of the item (bullet marker and trailing "; and" removed)
    span: Span
    modality: str  # "should", "need to", "should also", ...; for conclusions the predicate
    addressees: tuple[str, ...]  # names as written: ("Member States",), ("donors", "...")
    subtopic: int | None  # index into SessionDocument.subtopics
    amr: bool  # in the Annual Ministerial Review part
    kind: str  # "recommendation" | "conclusion"
    addressee_phrase: str = ""  # the subject as written: "Both donors and ... companies"
    addressee_span: Span | None = None
    from_lead_in: bool = False  # an item of a list; the addressee and modality are the lead-in's
    pieces: tuple[Span, ...] = ()
    line: int = 0  # 1-based line of the start


@dataclass(frozen=True)
class ResolutionParagraph:
    order: int  # 1.. in document order
    text: str
    span: Span
    modality: str  # the operative verb: "Encourages", "Requests", ...
    addressees: tuple[str, ...]  # ("Governments",), ("the Secretariat",)
    addressee_phrase: str = ""
    addressee_span: Span | None = None
    from_lead_in: bool = False  # an item under "Requests the Secretariat to:"
    line: int = 0


@dataclass(frozen=True)
class Resolution:
    title: str  # the heading as written: "Resolution", "Draft resolution"
    span: Span  # the heading
    paragraphs: tuple[ResolutionParagraph, ...]


@dataclass(frozen=True)
class SessionDocument:
    number: int
    number_span: Span
    start: dt.date
    end: dt.date
    dates_span: Span
    main_theme: Theme
    subtopics: tuple[Theme, ...]
    amr_theme: Theme | None
    recommendations: tuple[Recommendation, ...]
    resolution: Resolution | None
    warnings: tuple[str, ...] = field(default=())

    @property
    def slug(self) -> str:
        return f"cepa-session-{self.number}"

    @property
    def title(self) -> str:
        return f"CEPA session {self.number} ({self.start.year}): summary of recommendations"

    @property
    def date(self) -> dt.date:
        return self.start

    @property
    def ministerial_review_theme(self) -> Theme | None:
        return self.amr_theme

    @property
    def resolution_paragraphs(self) -> tuple[ResolutionParagraph, ...]:
        return self.resolution.paragraphs if self.resolution else ()


# --------------------------------------------------------------------------------------------
# Detection

_DETECT_FEATURES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^[ \t]*(?:CEPA[ \t]+)?Session[ \t]+\d{1,2}\b", re.M | re.I), 0.35),
    (re.compile(r"^[ \t]*(?:main|overall)[ \t]+theme[ \t]*:", re.M | re.I), 0.25),
    (re.compile(r"Major[ \t]+Recommendations|Recommendations[ \t]*/[ \t]*Conclusions", re.I),
     0.25),
    (re.compile(r"^[ \t]*Sub-?topics?\b", re.M | re.I), 0.1),
    (re.compile(r"\b(?:CEPA|Committee of Experts on Public Administration)\b[^\n]{0,40}?"
                r"\b(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:th|st|nd|rd))[ \t]+session\b", re.I), 0.15),
    (re.compile(r"\b(?:Member States|The Secretariat)[ \t]+(?:should|needs?[ \t]+to)\b", re.I),
     0.1),
    (re.compile(r"^[ \t]*(?:Draft[ \t]+)?Resolution[ \t]*$", re.M | re.I), 0.05),
)
_DETECT_AGAINST: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"Monthly[ \t]+Update", re.I), 0.6),
    (re.compile(r"Development[ \t]+Account", re.I), 0.5),
    (re.compile(r"^[ \t]*Expected[ \t]+accomplishments?", re.M | re.I), 0.3),
    (re.compile(r"^[ \t]*Implementation[ \t]+status", re.M | re.I), 0.3),
)


def detect(text: str) -> float:
    """How sure we are that `text` is a CEPA session summary (0..1), from its content."""
    head = text[:20000]
    score = sum(w for p, w in _DETECT_FEATURES if p.search(head))
    score -= sum(w for p, w in _DETECT_AGAINST if p.search(head))
    return round(max(0.0, min(1.0, score)), 3)


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
    r"\bsession[ \t]+(?:no\.?[ \t]*)?(?P<n>\d{1,2})\b"
    r"|\b(?P<o>\d{1,2})(?:st|nd|rd|th)[ \t]+session\b"
    rf"|\b(?P<w>{_ORD_WORD})[ \t]+session\b",
    re.I,
)


def _ordinal_value(word: str) -> int:
    word = word.lower()
    if "-" in word:
        tens, unit = word.split("-")
        return {"twenty": 20, "thirty": 30}[tens] + _ORDINALS[unit]
    return _ORDINALS[word]


_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DASH = r"[ \t]*(?:[-\u2010-\u2015\u2212]|\bto\b|\buntil\b|\bthrough\b)[ \t]*"
_DATE_PATTERNS = tuple(
    re.compile(p, re.I)
    for p in (
        # 30 March - 3 April 2009, 30 December 2010 to 2 January 2011
        rf"\b(?P<d1>\d{{1,2}})[ \t]+(?P<m1>{_MONTH})(?:[ \t]+(?P<y1>\d{{4}}))?{_DASH}"
        rf"(?P<d2>\d{{1,2}})[ \t]+(?P<m2>{_MONTH}),?[ \t]+(?P<y2>\d{{4}})\b",
        # 27-31 March 2006, 4 to 8 April 2011
        rf"\b(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})[ \t]+(?P<m2>{_MONTH}),?"
        r"[ \t]+(?P<y2>\d{4})\b",
        # April 4-8, 2011; March 30 - April 3, 2009
        rf"\b(?P<m1>{_MONTH})[ \t]+(?P<d1>\d{{1,2}}){_DASH}(?:(?P<m2>{_MONTH})[ \t]+)?"
        rf"(?P<d2>\d{{1,2}}),?[ \t]+(?P<y2>\d{{4}})\b",
        # a single day: 4 April 2011, April 4, 2011
        rf"\b(?P<d1>\d{{1,2}})[ \t]+(?P<m1>{_MONTH}),?[ \t]+(?P<y2>\d{{4}})\b",
        rf"\b(?P<m1>{_MONTH})[ \t]+(?P<d1>\d{{1,2}}),[ \t]+(?P<y2>\d{{4}})\b",
    )
)


def _month(name: str | None) -> int | None:
    return _MONTHS.get(name.lower().rstrip(".")) if name else None


def _dates(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    g = m.groupdict()
    y2 = int(g["y2"])
    m2 = _month(g.get("m2")) or _month(g.get("m1"))
    m1 = _month(g.get("m1")) or m2
    d1 = int(g["d1"])
    d2 = int(g["d2"]) if g.get("d2") else d1
    y1 = int(g["y1"]) if g.get("y1") else (y2 - 1 if m1 and m2 and m1 > m2 else y2)
    try:
        start, end = dt.date(y1, m1, d1), dt.date(y2, m2, d2)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    # A reversed range is kept as written: the shapes refuse it with a clear report, where
    # dropping it would silently fall back to a single day.
    return start, end


def _find_dates(text: str, start: int, end: int) -> tuple[dt.date, dt.date, Span] | None:
    best: tuple[int, int, dt.date, dt.date] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            found = _dates(m)
            if found is None:
                continue
            key = (m.start(), -(m.end() - m.start()))
            if best is None or key < (best[0], -(best[1] - best[0])):
                best = (m.start(), m.end(), *found)
            break
    if best is None:
        return None
    return best[2], best[3], Span(best[0], best[1])


# --------------------------------------------------------------------------------------------
# Lines

@dataclass
class _Line:
    no: int  # 1-based
    start: int
    end: int  # without the line break
    raw: str

    def span(self, a: int, b: int, text: str) -> Span:
        return Span(self.start + a, self.start + b).strip(text)


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for no, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        out.append(_Line(no, pos, pos + len(body), body))
        pos += len(raw)
    return out


def _line_no(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_RECS_HEADING = re.compile(
    r"^[ \t]*(?:major[ \t]+|main[ \t]+|key[ \t]+)?(?:recommendations?|conclusions?)"
    r"(?:[ \t]*(?:/|and|&)[ \t]*(?:recommendations?|conclusions?))?[ \t]*:?[ \t]*$",
    re.I,
)
_SUBTOPIC_HEADING = re.compile(
    r"^[ \t]*sub-?topic(?:[ \t]+\d{1,2}|[ \t]+[ivx]{1,4})?[ \t]*[:.\-\u2013][ \t]*(?=\S)", re.I)
_SUBTOPICS_HEADING = re.compile(r"^[ \t]*sub-?topics[ \t]*:?[ \t]*$", re.I)
_AMR = re.compile(r"^[ \t]*(?:the[ \t]+)?annual[ \t]+ministerial[ \t]+review(?:[ \t]+theme)?"
                  r"[ \t]*[:.\-\u2013]?[ \t]*", re.I)
_RESOLUTION_HEADING = re.compile(
    r"^[ \t]*(?:(?:Draft|DRAFT)[ \t]+[Rr]esolutions?|Resolutions?|RESOLUTIONS?)\b"
    r"(?:[ \t]+[^\t.;:,]{0,60})?"
    r"[ \t]*:?[ \t]*$")
_MAIN_THEME = re.compile(r"^[ \t]*(?:(?:main|overall)[ \t]+)?theme[ \t]*:[ \t]*", re.I)


def _is_table_header(line: _Line) -> bool:
    if "\t" not in line.raw.strip():
        return False
    left, _, right = line.raw.strip().partition("\t")
    return bool(_RECS_HEADING.match(right.strip())) and len(left.strip()) <= 60


def _section_heading(line: _Line) -> str | None:
    """'table' | 'amr' | 'subtopic' | 'resolution' | None."""
    s = line.raw
    if _is_table_header(line):
        return "amr" if re.search(r"ministerial", s, re.I) else "table"
    if "\t" in s.strip():
        return None
    if _RESOLUTION_HEADING.match(s):
        return "resolution"
    if _AMR.match(s):
        return "amr"
    if _RECS_HEADING.match(s) or _SUBTOPICS_HEADING.match(s):
        return "table"
    if _SUBTOPIC_HEADING.match(s):
        return "subtopic"
    return None


# --------------------------------------------------------------------------------------------
# Right-column streams: pieces of cells joined into one virtual text, mapped back to offsets


class _Stream:
    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[tuple[int, Span]] = []  # (virtual start, document span)
        self.v = ""

    def add(self, span: Span) -> None:
        if len(span) == 0:
            return
        if self.v:
            self.v += " "
        self.parts.append((len(self.v), span))
        self.v += span.of(self.text)

    def part_starts(self) -> set[int]:
        return {vs for vs, _ in self.parts}

    def pieces(self, a: int, b: int) -> list[Span]:
        out = []
        for vs, sp in self.parts:
            ve = vs + len(sp)
            lo, hi = max(a, vs), min(b, ve)
            if lo < hi:
                out.append(Span(sp.start + lo - vs, sp.start + hi - vs))
        return out

    def locate(self, a: int, b: int) -> tuple[Span, tuple[Span, ...]]:
        pieces = self.pieces(a, b)
        if not pieces:
            raise ValueError("empty range")
        return _join(self.text, pieces), tuple(pieces)


def _join(text: str, pieces: list[Span]) -> Span:
    """Cover of the pieces when only white space lies between them, else the first piece."""
    for p, q in zip(pieces, pieces[1:]):
        if text[p.end : q.start].strip():
            return pieces[0]
    return cover(pieces)


# --------------------------------------------------------------------------------------------
# Sentences, directives, conclusions

_BULLET_ANYWHERE = re.compile(r"[\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7]")
_BULLET_AT_START = re.compile(
    r"[-\u2013\u2014*\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7](?=\s)"
    r"|\((?:[a-z]|[ivx]{1,4})\)(?=\s)|(?:[a-z]|\d{1,2})[.)](?=\s)"
)
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "mr", "ms", "mrs", "dr", "prof", "no", "nos", "vs", "cf", "inc", "ltd",
    "st", "art", "para", "paras", "u.n", "u.s", "approx", "vol", "op", "fig",
}
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[A-Z\"'\u201c\u2018(])")

_MODAL = re.compile(
    r"\b(?:also[ \t]+)?(?:should|must|shall)(?:[ \t]+also)?\b"
    r"|\b(?:also[ \t]+)?needs?[ \t]+(?:also[ \t]+)?to\b"
    r"|\bought[ \t]+to\b|\b(?:has|have)[ \t]+to\b"
    r"|\b(?:is|are)[ \t]+(?:also[ \t]+)?(?:encouraged|invited|requested|urged|called[ \t]+upon|"
    r"expected|advised)[ \t]+to\b"
    r"|\bmay[ \t]+(?:also[ \t]+)?wish[ \t]+to\b",
    re.I,
)
_SUBORDINATORS = {
    "because", "given", "since", "as", "while", "whilst", "although", "though", "if", "when",
    "whenever", "where", "whereas", "in", "to", "with", "for", "considering", "recognizing",
    "recognising", "noting", "moreover", "furthermore", "additionally", "also", "finally",
    "therefore", "thus", "accordingly", "however", "hence", "consequently", "first", "second",
    "third", "lastly", "meanwhile", "on", "at", "by", "through", "beyond", "after", "before",
    "during", "within", "under", "despite", "regarding", "concerning", "following", "based",
    "taking", "bearing", "against", "from", "once", "until", "unless", "so", "then", "today",
}
_NOT_IN_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|be|been|that|which|who|whom|whose|it|this|there|what|how|why)\b",
    re.I,
)
_SUBJECT_LEAD = re.compile(r"^(?:both|also|in[ \t]+addition,?|similarly,?|likewise,?)[ \t]+", re.I)
_NAME_SPLIT = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|as well as)[ \t]+"
                         r"|[ \t]*/[ \t]*")
_EVALUATIVE = re.compile(
    r"^it[ \t]+is[ \t]+(?:\w+[ \t]+){0,2}?(?:essential|important|crucial|critical|vital|"
    r"necessary|imperative|fundamental|indispensable|key|advisable|desirable|useful|"
    r"recommended|paramount)\b"
    r"|\b(?:is|are|was|were|remains?|becomes?|seems?)[ \t]+(?:also[ \t]+|therefore[ \t]+|thus[ \t]+"
    r"|particularly[ \t]+|especially[ \t]+|very[ \t]+|equally[ \t]+|absolutely[ \t]+)?"
    r"(?:essential|important|crucial|critical|vital|necessary|key|imperative|fundamental|"
    r"indispensable|needed|required|paramount|central|instrumental|of[ \t]+(?:the[ \t]+)?"
    r"(?:utmost|great|paramount|critical|key)[ \t]+importance)\b"
    r"|^there[ \t]+is[ \t]+(?:also[ \t]+)?(?:a|an|the)[ \t]+(?:\w+[ \t]+)?(?:need|call|"
    r"requirement)\b",
    re.I,
)
# a list item continues the previous one (no new item) when it begins with one of these
_ITEM_CONTINUES = {
    "and", "or", "nor", "but", "the", "a", "an", "their", "its", "his", "her", "our", "this",
    "these", "those", "that", "which", "who", "including", "in", "of", "for", "with", "to", "by",
    "on", "as", "at", "from", "such", "all", "both", "each", "every", "other", "not", "also",
    "especially", "particularly", "notably", "namely", "i.e.", "e.g.", "etc.", "inter",
}
_INTERROGATIVE = re.compile(r"^(?:how|what|why|which|who|whom|whose|when|where|is|are|do|does|"
                            r"can|could|should|would|will)\b", re.I)
_TRAIL = re.compile(r"(?:\s*[;,]\s*(?:and|or)?)+\s*$|\s+(?:and|or)\s*$", re.I)
_LEAD = re.compile(
    r"[\s\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7]*"
    r"(?:[-\u2013\u2014*](?=\s)|\((?:[a-z]|[ivx]{1,4})\)(?=\s)|(?:[a-z]|\d{1,2})[.)](?=\s))?\s*",
)


@dataclass(frozen=True)
class _Directive:
    phrase: tuple[int, int]  # relative range of the subject
    names: tuple[str, ...]
    modality: str
    modal_end: int  # relative offset just after the modal


def _directive(s: str) -> _Directive | None:
    """'X should ...' / 'Because ..., X need to ...': the subject, names and modal of `s`."""
    m = _MODAL.search(s)
    if not m:
        return None
    head = s[: m.start()]
    lead = len(head) - len(head.lstrip())
    first = re.match(r"[A-Za-z]+", head[lead:])
    start = lead
    word = first.group(0).lower() if first else ""
    if word and (word in _SUBORDINATORS or word.endswith("ly")):
        cut = head.rfind(",")
        if cut < 0:
            return None
        start = cut + 1
        cut_made = True
    else:
        cut_made = False
    subject = head[start:]
    start += len(subject) - len(subject.lstrip())
    subject = subject.strip()
    # "Member States also need to": the adverb belongs to the modal
    subject = re.sub(r"[ \t]+also$", "", subject, flags=re.I)
    if not subject or len(subject.split()) > 9 or _NOT_IN_SUBJECT.search(subject):
        return None
    if not cut_made and not subject[0].isupper():
        return None
    if not re.match(r"[A-Za-z]", subject):
        return None
    body = _SUBJECT_LEAD.sub("", subject)
    names = tuple(n.strip(" ,;") for n in _NAME_SPLIT.split(body) if n.strip(" ,;"))
    if not names:
        return None
    modal = clean(m.group(0))
    end_phrase = start + len(subject)
    return _Directive((start, end_phrase), names, modal, m.end())


def _evaluative(s: str) -> str | None:
    """The predicate of a statement without a directive ("are essential", "is also
    important"), used as its modality; None when `s` states no such thing."""
    m = _EVALUATIVE.search(s.strip())
    return re.sub(r"^it\s+", "", clean(m.group(0)), flags=re.I) if m else None


def _sentences(v: str, a: int, b: int) -> list[tuple[int, int]]:
    out, start = [], a
    for m in _SENTENCE_END.finditer(v, a, b):
        word = re.search(r"([A-Za-z.]+)[.!?]$", v[start : m.start() + 1])
        w = word.group(1).lower().rstrip(".") if word else ""
        if v[m.start()] == "." and (w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())):
            continue
        out.append((start, m.start() + 1))
        start = m.end()
    out.append((start, b))
    return [(x, y) for x, y in out if v[x:y].strip()]


def _semicolon_items(v: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a list text at ';' where the next piece starts a new item (a lower-case word
    that is no article, conjunction or question)."""
    out, start = [], a
    for m in re.finditer(r";", v[a:b]):
        pos = a + m.start()
        nxt = v[pos + 1 : b].lstrip()
        nxt = re.sub(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+", "", nxt)  # "; (b) continue"
        word = re.match(r"[^\s,;:]+", nxt)
        if not word:
            continue
        w = word.group(0)
        if not w[0].islower() or w.lower() in _ITEM_CONTINUES or _INTERROGATIVE.match(w):
            continue
        out.append((start, pos + 1))
        start = pos + 1
    out.append((start, b))
    return [(x, y) for x, y in out if v[x:y].strip(" \t;,")]


def _trim(v: str, a: int, b: int) -> tuple[int, int]:
    """Drop list markers at the start and separators ('; and') at the end."""
    m = _LEAD.match(v, a, b)
    if m:
        a = m.end()
    piece = v[a:b]
    t = _TRAIL.search(piece)
    if t and t.start() > 0:
        b = a + t.start()
    while b > a and v[b - 1].isspace():
        b -= 1
    return a, b


@dataclass
class _Item:
    a: int
    b: int
    kind: str
    modality: str
    names: tuple[str, ...]
    phrase: tuple[int, int] | None  # virtual range of the addressee phrase
    from_lead_in: bool


@dataclass
class _Context:
    names: tuple[str, ...]
    modality: str
    phrase: tuple[int, int]


class _Segmenter:
    """Turns one right-column stream into recommendations and conclusions."""

    def __init__(self, v: str, part_starts: set[int]) -> None:
        self.v = v
        self.part_starts = part_starts
        self.items: list[_Item] = []
        self.ctx: _Context | None = None
        self.in_list = False

    def run(self) -> list[_Item]:
        for a, b, bullet in self._bullets():
            for i, (sa, sb) in enumerate(_sentences(self.v, a, b)):
                self._sentence(sa, sb, first_of_bullet=bullet and i == 0)
        return self.items

    def _bullets(self) -> list[tuple[int, int, bool]]:
        v = self.v
        marks = [m.start() for m in _BULLET_ANYWHERE.finditer(v)]
        for p in self.part_starts:
            if _BULLET_AT_START.match(v, p) and p not in marks:
                marks.append(p)
        marks.sort()
        out, prev, prev_bullet = [], 0, False
        for p in marks:
            if v[prev:p].strip():
                out.append((prev, p, prev_bullet))
            prev, prev_bullet = p, True
        if v[prev:].strip():
            out.append((prev, len(v), prev_bullet))
        return out

    def _emit(self, a: int, b: int, kind: str, modality: str | None = None,
              lead: bool = False) -> None:
        a, b = _trim(self.v, a, b)
        if b <= a:
            return
        ctx = self.ctx
        self.items.append(_Item(
            a, b, kind, modality or (ctx.modality if ctx else "statement"),
            ctx.names if ctx else (), ctx.phrase if ctx else None, lead))

    def _extend(self, b: int) -> None:
        last = self.items[-1]
        _, nb = _trim(self.v, last.a, b)
        last.b = max(last.b, nb)

    def _sentence(self, a: int, b: int, *, first_of_bullet: bool) -> None:
        v = self.v
        a, b = _trim(v, a, b)
        if b <= a:
            return
        s = v[a:b]
        d = _directive(s)
        if d is not None:
            self.ctx = _Context(d.names, d.modality, (a + d.phrase[0], a + d.phrase[1]))
            colon = s.find(":", d.modal_end)
            if colon >= 0 and ";" not in s[d.modal_end:colon]:
                self.in_list = True
                if s[colon + 1 :].strip():
                    self._list_text(a + colon + 1, b, new_first=True)
                return
            self.in_list = False
            self.items.append(_Item(a, b, "recommendation", d.modality, d.names,
                                    self.ctx.phrase, False))
            return
        if self.in_list:
            self._list_text(a, b, new_first=first_of_bullet)
            return
        predicate = _evaluative(s)
        if predicate:
            self._emit(a, b, "conclusion", predicate)
        elif first_of_bullet and self.ctx is not None:
            self._emit(a, b, "recommendation", lead=True)
        elif self.items:
            self._extend(b)
        else:
            self._emit(a, b, "conclusion", "statement")

    def _list_text(self, a: int, b: int, *, new_first: bool) -> None:
        for i, (pa, pb) in enumerate(_semicolon_items(self.v, a, b)):
            if i == 0 and not new_first:
                predicate = _evaluative(self.v[pa:pb])
                if predicate:
                    self._emit(pa, pb, "conclusion", predicate)
                elif self.items:
                    self._extend(pb)
                else:
                    self._emit(pa, pb, "recommendation", lead=True)
            else:
                self._emit(pa, pb, "recommendation", lead=True)


# --------------------------------------------------------------------------------------------
# The table


@dataclass
class _Row:
    subtopic: int | None
    amr: bool
    stream: _Stream


@dataclass
class _Topic:
    pieces: list[Span]
    amr: bool
    last_line: int


_CONNECTOR_END = re.compile(
    r"(?:\b(?:for|of|and|or|in|to|the|a|an|on|with|by|at|from|towards?|into|through|its|their)"
    r"|[,\-\u2013/:])$", re.I)


def _continues_topic(text: str, prev: Span, nxt: Span) -> bool:
    first = nxt.of(text).lstrip()
    return bool(first) and (first[0].islower() or bool(_CONNECTOR_END.search(prev.of(text))))


def _theme(text: str, pieces: list[Span]) -> Theme:
    return Theme(clean(" ".join(p.of(text) for p in pieces)), _join(text, pieces), tuple(pieces))


# --------------------------------------------------------------------------------------------
# The resolution

_OPERATIVE_VERBS = (
    "Encourages|Requests|Invites|Urges|Calls|Recommends|Decides|Welcomes|Stresses|Emphasizes|"
    "Emphasises|Reaffirms|Recognizes|Recognises|Notes|Takes|Acknowledges|Expresses|Endorses|"
    "Supports|Underlines|Underscores|Commends|Appreciates|Affirms|Approves|Adopts|Appeals|"
    "Reiterates|Considers|Believes|Highlights|Agrees|Proposes|Suggests|Asks|Authorizes|"
    "Designates|Directs|Instructs|Confirms|Concludes|Encourage|Request|Invite|Urge|Recommend"
)
_OPERATIVE = re.compile(
    r"^(?:\(?\d{1,2}[.)][ \t]+)?(?:(?:Further|Also|Again|Strongly|Once[ \t]+again|Further[ \t]+"
    rf"also)[ \t]+)?(?P<verb>{_OPERATIVE_VERBS.lower()}|{_OPERATIVE_VERBS})"
    r"(?P<particle>[ \t]+(?:upon|on|note))?\b",
    re.I,
)
_PREAMBULAR = re.compile(r"^(?:\(?\d{1,2}[.)][ \t]+)?[A-Z][a-z]+ing\b")
_RES_ADDRESSEE = re.compile(
    r"^[ \t]*(?P<who>(?:the[ \t]+|all[ \t]+|relevant[ \t]+)?[A-Z][^:;.]*?)[ \t]*"
    r"(?:,[ \t]*(?:[^,]*),[ \t]*)?(?=\bto\b|:)", )


@dataclass
class _Block:
    kind: str  # "operative" | "item" | "other"
    lines: list[Span]
    line: int

    def text(self, text: str) -> str:
        return clean(" ".join(p.of(text) for p in self.lines))


def _resolution_addressee(text: str, start: int, end: int) -> tuple[tuple[str, ...], str,
                                                                     Span | None]:
    rest = text[start:end]
    m = _RES_ADDRESSEE.match(rest)
    if not m:
        return (), "", None
    who = m.group("who").strip()
    if not who or len(who.split()) > 10 or _NOT_IN_SUBJECT.search(who):
        return (), "", None
    off = start + m.start("who")
    body = _SUBJECT_LEAD.sub("", who)
    names = tuple(n.strip(" ,") for n in _NAME_SPLIT.split(body) if n.strip(" ,"))
    return names, who, Span(off, off + len(who))


def _parse_resolution(text: str, lines: list[_Line], heading: _Line,
                      warnings: list[str]) -> Resolution:
    blocks: list[_Block] = []
    for ln in lines:
        sp = Span(ln.start, ln.end).strip(text)
        if len(sp) == 0:
            continue
        s = sp.of(text)
        cur = blocks[-1] if blocks else None
        indented = ln.raw[:1] in (" ", "\t") and not _BULLET_AT_START.match(s)
        if cur is not None and indented:
            cur.lines.append(sp)
        elif _OPERATIVE.match(s):
            blocks.append(_Block("operative", [sp], ln.no))
        elif _BULLET_AT_START.match(s):
            blocks.append(_Block("item", [sp], ln.no))
        elif _PREAMBULAR.match(s):
            blocks.append(_Block("other", [sp], ln.no))
        elif cur is not None:  # a line that continues a broken paragraph
            cur.lines.append(sp)
        else:
            warnings.append(f"line {ln.no}: resolution text that is no operative paragraph "
                            f"skipped: {clean(s)[:60]!r}")
            blocks.append(_Block("other", [sp], ln.no))

    paragraphs: list[ResolutionParagraph] = []
    lead: tuple[str, tuple[str, ...], str, Span | None] | None = None

    def add(span: Span, modality: str, names: tuple[str, ...], phrase: str,
            phrase_span: Span | None, from_lead: bool, line: int) -> None:
        stream = _Stream(text)
        stream.add(span)
        a, b = _trim(stream.v, 0, len(stream.v))
        if b <= a:
            return
        sp = Span(span.start + a, span.start + b)
        paragraphs.append(ResolutionParagraph(
            len(paragraphs) + 1, clean(sp.of(text)), sp, modality, names, phrase, phrase_span,
            from_lead, _line_no(text, sp.start)))

    for blk in blocks:
        span = _join(text, blk.lines)
        if blk.kind == "other":
            lead = None
            continue
        if blk.kind == "item":
            if lead is None:
                warnings.append(f"line {blk.line}: resolution item without a lead-in; "
                                "no operative verb or addressee")
                add(span, "", (), "", None, True, blk.line)
            else:
                add(span, lead[0], lead[1], lead[2], lead[3], True, blk.line)
            continue
        s = span.of(text)
        m = _OPERATIVE.match(s)
        assert m is not None
        verb = m.group("verb")
        verb = verb[0].upper() + verb[1:].lower()
        if m.group("particle"):  # "Calls upon", "Takes note"
            verb += " " + m.group("particle").strip().lower()
        names, phrase, phrase_span = _resolution_addressee(text, span.start + m.end(), span.end)
        colon = s.find(":", m.end())
        between = s[m.end():colon] if colon >= 0 else ""
        if colon >= 0 and re.fullmatch(r"[^;.]*", between) and (
                not s[colon + 1:].strip() or re.search(r"\bto$", between.strip())):
            lead = (verb, names, phrase, phrase_span)
            rest = Span(span.start + colon + 1, span.end).strip(text)
            if len(rest):
                stream = _Stream(text)
                stream.add(rest)
                for a, b in _semicolon_items(stream.v, 0, len(stream.v)):
                    add(Span(rest.start + a, rest.start + b), verb, names, phrase, phrase_span,
                        True, blk.line)
            continue
        lead = None
        add(span, verb, names, phrase, phrase_span, False, blk.line)
        if not names:
            warnings.append(f"line {blk.line}: resolution paragraph names no addressee")

    title = clean(Span(heading.start, heading.end).strip(text).of(text)).rstrip(":")
    return Resolution(title, Span(heading.start, heading.end).strip(text), tuple(paragraphs))


# --------------------------------------------------------------------------------------------
# Parse


def parse(text: str) -> SessionDocument:
    """Read a CEPA session summary; raises ParseError when it lacks a number, dates or
    recommendations."""
    lines = _lines(text)
    warnings: list[str] = []
    headings = [(i, _section_heading(ln)) for i, ln in enumerate(lines)]

    # where the table starts (or, without one, where the heading ends)
    table_i = next((i for i, h in headings if h in ("table", "amr", "subtopic")), None)

    # main theme
    theme_i = next((i for i, ln in enumerate(lines[: table_i if table_i is not None else None])
                    if _MAIN_THEME.match(ln.raw)), None)
    if theme_i is None and table_i is not None:  # "Main theme: X <TAB> Major Recommendations"
        if _MAIN_THEME.match(lines[table_i].raw):
            theme_i = table_i
    head_end_i = table_i if table_i is not None else (theme_i + 1 if theme_i is not None
                                                       else min(len(lines), 15))
    head_end = lines[head_end_i].start if head_end_i < len(lines) else len(text)
    if theme_i is not None:
        head_end = max(head_end, lines[theme_i].start)

    # number
    m = _SESSION_NUMBER.search(text, 0, head_end)
    if m is None:
        raise ParseError(
            "no session number: expected 'Session N' (or 'Nth session') in the heading "
            f"(lines 1-{_line_no(text, head_end)})", line=1)
    if m.group("n"):
        number, number_span = int(m.group("n")), Span(m.start(), m.end())
    elif m.group("o"):
        number, number_span = int(m.group("o")), Span(m.start(), m.end())
    else:
        number, number_span = _ordinal_value(m.group("w")), Span(m.start(), m.end())
    number_line = _line_no(text, m.start())

    # dates
    found = _find_dates(text, 0, head_end)
    if found is None:
        raise ParseError(
            f"session {number}: no dates (e.g. '27-31 March 2006', '4 to 8 April 2011') in the "
            f"heading (lines 1-{_line_no(text, head_end)})", line=number_line)
    start, end, dates_span = found

    # main theme text (its line up to a tab, plus continuation lines without tabs)
    if theme_i is None:
        raise ParseError(f"session {number}: no 'Main theme:' line in the heading",
                         line=number_line)
    tl = lines[theme_i]
    tm = _MAIN_THEME.match(tl.raw)
    assert tm is not None
    cell = tl.raw[tm.end():].split("\t")[0]
    pieces = [tl.span(tm.end(), tm.end() + len(cell), text)]
    j = theme_i + 1
    while j < len(lines) and (table_i is None or j < table_i) and lines[j].raw.strip() and \
            "\t" not in lines[j].raw and _section_heading(lines[j]) is None and \
            len(pieces[-1]) and _continues_topic(text, pieces[-1],
                                                 Span(lines[j].start, lines[j].end).strip(text)):
        pieces.append(Span(lines[j].start, lines[j].end).strip(text))
        j += 1
    pieces = [p for p in pieces if len(p)]
    if not pieces:
        raise ParseError(f"session {number}: the main theme is empty", line=tl.no)
    main_theme = _theme(text, pieces)

    # the table and the resolution
    res_i = next((i for i, h in headings if h == "resolution"
                  and (table_i is None or i > table_i)), None)
    body_from = table_i if table_i is not None else j
    body_to = res_i if res_i is not None else len(lines)

    topics: list[_Topic] = []
    amr_pieces: list[Span] = []
    rows: list[_Row] = []
    part_amr = False

    def new_row(subtopic: int | None) -> _Row:
        rows.append(_Row(subtopic, part_amr, _Stream(text)))
        return rows[-1]

    def left_cell(ln: _Line, i: int, sp: Span) -> _Row:
        row = rows[-1] if rows else None
        if part_amr:
            am = _AMR.match(sp.of(text))
            if am and am.end() > 0:
                sp = Span(sp.start + am.end(), sp.end).strip(text)
            if not amr_pieces:
                if len(sp):
                    amr_pieces.append(sp)
                return row if row is not None and row.amr and row.subtopic is None \
                    else new_row(None)
            if len(sp) == 0:
                return row if row is not None else new_row(None)
        prev_pieces = (amr_pieces if (part_amr and row is not None and row.subtopic is None)
                       else topics[row.subtopic].pieces if row is not None
                       and row.subtopic is not None else None)
        if row is not None and prev_pieces and row.amr == part_amr and \
                _continues_topic(text, prev_pieces[-1], sp):
            prev_pieces.append(sp)
            return row
        topics.append(_Topic([sp], part_amr, ln.no))
        return new_row(len(topics) - 1)

    for i in range(body_from, body_to):
        ln = lines[i]
        h = headings[i][1]
        if not ln.raw.strip():
            continue
        if h in ("table", "amr"):
            part_amr = h == "amr"
            if h == "amr" and "\t" not in ln.raw.strip():
                rest = Span(ln.start, ln.end).strip(text)
                am = _AMR.match(rest.of(text))
                assert am is not None
                theme_sp = Span(rest.start + am.end(), rest.end).strip(text)
                new_row(None)
                if len(theme_sp):
                    left_cell(ln, i, theme_sp)
                continue
            new_row(None)  # a new table (or the AMR part) starts with a fresh row
            continue
        if h == "subtopic":
            raw = ln.raw
            sm = _SUBTOPIC_HEADING.match(raw)
            assert sm is not None
            topics.append(_Topic([ln.span(sm.end(), len(raw), text)], part_amr, ln.no))
            new_row(len(topics) - 1)
            continue
        if "\t" in ln.raw:
            k = ln.raw.index("\t")
            left = ln.span(0, k, text)
            right = ln.span(k + 1, len(ln.raw), text)
            row = left_cell(ln, i, left) if len(left) else (rows[-1] if rows else new_row(None))
            row.stream.add(right)
        else:
            row = rows[-1] if rows else new_row(None)
            row.stream.add(Span(ln.start, ln.end).strip(text))

    subtopics = tuple(_theme(text, t.pieces) for t in topics)
    amr_theme = _theme(text, amr_pieces) if amr_pieces else None

    recommendations: list[Recommendation] = []
    for row in rows:
        if not row.stream.v.strip():
            continue
        st = row.stream
        for it in _Segmenter(st.v, st.part_starts()).run():
            span, pcs = st.locate(it.a, it.b)
            phrase, phrase_span = "", None
            if it.phrase is not None:
                phrase = clean(st.v[it.phrase[0]:it.phrase[1]])
                phrase_span, _ = st.locate(*it.phrase)
            if not it.names:
                warnings.append(f"line {_line_no(text, span.start)}: statement with no "
                                f"addressee: {clean(st.v[it.a:it.b])[:60]!r}")
            recommendations.append(Recommendation(
                order=len(recommendations) + 1,
                text=clean(st.v[it.a:it.b]),
                span=span,
                modality=it.modality,
                addressees=it.names,
                subtopic=row.subtopic,
                amr=row.amr,
                kind=it.kind,
                addressee_phrase=phrase,
                addressee_span=phrase_span,
                from_lead_in=it.from_lead_in,
                pieces=pcs,
                line=_line_no(text, span.start),
            ))

    resolution = None
    if res_i is not None:
        resolution = _parse_resolution(text, lines[res_i + 1:], lines[res_i], warnings)
        if not resolution.paragraphs:
            warnings.append(f"line {lines[res_i].no}: resolution without operative paragraphs")

    if not recommendations and not (resolution and resolution.paragraphs):
        at = lines[body_from].no if body_from < len(lines) else len(lines)
        raise ParseError(f"session {number}: no recommendations found (expected a table "
                         "'Subtopics <TAB> Major Recommendations/Conclusions' or sentences "
                         "'X should ...')", line=at)

    return SessionDocument(
        number=number,
        number_span=number_span,
        start=start,
        end=end,
        dates_span=dates_span,
        main_theme=main_theme,
        subtopics=subtopics,
        amr_theme=amr_theme,
        recommendations=tuple(recommendations),
        resolution=resolution,
        warnings=tuple(warnings),
    )
