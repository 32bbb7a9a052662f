"""DPADM monthly updates to CEPA members: detect and parse to a small model (no RDF here).

An update (``dpadm-monthly-update-2011-11.txt``) is a heading line ("DPADM Monthly Update to
CEPA Members: November 2011") and numbered items. Each item is a title line ("1. Seminar on
“...”", "15 Workshop for ...": the number as printed, with or without a dot, repeats and gaps
allowed) and body paragraphs, which page breaks may cut with blank lines mid-sentence.

From each item the parser reads, by general rules (no sentence of a particular month is known
here): the kind of event (title wording first, then the body's), the date of the main event
(deadlines such as "before 31 December" are skipped; a missing year is the document's, or the
neighbouring one nearer to the document's month), where it took place ("held in Kigali,
Rwanda", gazetteer cities), the organisations named (gazetteer matches, plus capitalised names
ending in an organisation word such as "University" or "Ministry"), the people (an honorific
"Mr."/"Ms."/"Prof."/"Dr.", or a capitalised name followed by ", Title, Org"; the same name
elsewhere in the document is the same person) and the collaborations reported, each with its
parties, a short purpose phrase and a status: "agreed", "explored", "proposed" or "requested".

Every piece of the model carries the exact `Span` it was read from (``span.of(text)``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from cepa_kg.loaders.actors import ActorMatch, Gazetteer
from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.spans import Span, clean

__all__ = [
    "ActorMention",
    "DateRange",
    "Location",
    "Membership",
    "Partnership",
    "Person",
    "PersonMention",
    "UpdateDocument",
    "UpdateItem",
    "detect",
    "parse",
]

SLUG_PREFIX = "dpadm-monthly-update-"
EVENT_KINDS = (
    "seminar", "workshop", "meeting", "conference", "training", "forum", "retreat", "mission",
    "briefing",
)
STATUSES = ("agreed", "explored", "proposed", "requested")

# --------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class ActorMention:
    """An organisation, actor group or country named in the text (first mention in its item)."""

    path: str  # IRI path under {BASE}id/: "actor/unodc", "country/KOR"
    kind: str  # "organization" | "group" | "country"
    label: str  # preferred label (the gazetteer's, or the name as written when not in it)
    span: Span
    known: bool = True  # False: found by the organisation-name rule, not in the gazetteer


@dataclass(frozen=True)
class Location:
    """Where an item's event took place: a city (with its country when written) or a country."""

    name: str  # clean name of the place as written: "Kigali", "Poznan"
    span: Span  # "Kigali, Rwanda"
    place: ActorMention | None  # the gazetteer's city, None when unknown there (or a country)
    country: ActorMention | None  # "Rwanda" -> country/RWA, when written and resolved


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date | None  # None for a single day
    span: Span


@dataclass(frozen=True)
class Membership:
    """A person's title and affiliation as one mention writes them."""

    title: str | None  # "Director of International Development Cooperation"
    affiliation: str | None  # "Swedish National Audit Office (NAO)"
    organization: ActorMention | None  # the affiliation resolved to an organisation
    span: Span  # name with title and affiliation: "Haiyan Qian, Director, DPADM"
    label: str  # clean text of `span`


@dataclass(frozen=True)
class Person:
    key: str  # slug of the name: "uriel-marquez-carrasco"
    name: str  # full name as first written: "Uriel Márquez Carrasco"
    honorific: str | None  # "Mr.", "Ms.", "Prof."
    span: Span  # first mention with the full name
    memberships: tuple[Membership, ...]

    @property
    def title(self) -> str | None:
        return next((m.title for m in self.memberships if m.title), None)

    @property
    def affiliation(self) -> str | None:
        return next((m.affiliation for m in self.memberships if m.affiliation), None)


@dataclass(frozen=True)
class PersonMention:
    key: str  # Person.key
    span: Span  # first mention in the item: "Prof. Xue", "Haiyan Qian"


@dataclass(frozen=True)
class Partnership:
    parties: tuple[ActorMention, ...]  # >= 2, distinct paths, in order of mention
    purpose: str
    status: str  # one of STATUSES
    span: Span  # the sentence that reports it
    cue: Span  # the wording that gave the status ("agreed to pursue")
    names: tuple[str, ...] = ()  # each party's shortest name as the item writes it ("UNODC")


@dataclass(frozen=True)
class UpdateItem:
    number: str  # as printed: "10"
    position: int  # 1.. in document order
    title_quote: str  # the title exactly as written, quotes kept
    title: str  # clean title: white space collapsed, surrounding quotes and final dot removed
    title_span: Span
    body: Span  # the paragraphs after the title line (stripped)
    span: Span  # the whole item, title line included
    kind: str | None  # one of EVENT_KINDS, None when no wording says which
    kind_span: Span | None  # the word that gave the kind
    dates: DateRange | None
    locations: tuple[Location, ...]  # the event's location first
    actors: tuple[ActorMention, ...]  # organisations, groups and countries, first mention each
    organizers: tuple[ActorMention, ...]  # "organized by ...", "facilitated by ..."
    persons: tuple[PersonMention, ...]
    partnerships: tuple[Partnership, ...]

    @property
    def location(self) -> Location | None:
        return self.locations[0] if self.locations else None

    @property
    def start(self) -> dt.date | None:
        return self.dates.start if self.dates else None

    @property
    def end(self) -> dt.date | None:
        return (self.dates.end or self.dates.start) if self.dates else None


@dataclass(frozen=True)
class UpdateDocument:
    slug: str  # "dpadm-monthly-update-2011-11"
    title: str  # the heading line
    title_span: Span
    date: dt.date  # first day of the month reported on
    issuer: ActorMention | None  # the organisation in the heading (DPADM)
    items: tuple[UpdateItem, ...]
    persons: tuple[Person, ...]

    @property
    def month(self) -> int:
        return self.date.month

    @property
    def year(self) -> int:
        return self.date.year

    def person(self, key: str) -> Person:
        return next(p for p in self.persons if p.key == key)


# --------------------------------------------------------------------------------------------
# Layout: heading and items

MONTHS = {
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
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_HEADING = re.compile(r"^[^\n]*\bMonthly\s+Update\b[^\n]*$", re.I | re.M)
_HEADING_MONTH = re.compile(rf"\b({_MONTH})\s*,?\s*(\d{{4}})\b", re.I)
_ITEM = re.compile(
    r"^[ \t]*(?:[-•*][ \t]*)?(?P<num>\d{1,2})(?:[.)]|(?=[ \t]))[ \t]+(?P<title>[“\"‘'A-Z][^\n]*)$",
    re.M,
)
_MAX_TITLE = 300


def detect(text: str) -> float:
    """How sure it is that `text` is a DPADM monthly update: 0.0 .. 1.0.

    >>> detect("DPADM Monthly Update to CEPA Members: May 2012\\n\\n1. Workshop on X\\n\\nBody.")
    1.0
    >>> detect("Session 5\\n\\n27-31 March 2006\\n\\nMain theme: Innovations")
    0.0
    """
    head = text[:2000]
    score = 0.0
    heading = _HEADING.search(head)
    if heading:
        score += 0.5
        if _HEADING_MONTH.search(heading.group(0)):
            score += 0.2
    if len(_item_lines(text)) >= 1:
        score += 0.3 if heading else 0.1
    return round(min(score, 1.0), 2)


def _item_lines(text: str) -> list[re.Match[str]]:
    """Item title lines: a number, a capitalised title, a blank line (or the end) around it, and
    a number not smaller than the previous item's and not far beyond it."""
    out: list[re.Match[str]] = []
    prev = 0
    for m in _ITEM.finditer(text):
        if len(m.group("title")) > _MAX_TITLE:
            continue
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() > 0 and not before.endswith("\n\n") and before != "\n" * len(before):
            continue
        after = text[m.end() : m.end() + 2]
        if after not in ("", "\n", "\n\n") and not after.startswith("\n\n") and after != "\n":
            continue
        num = int(m.group("num"))
        if (not out and num > 3) or (out and not prev <= num <= prev + 5):
            continue
        out.append(m)
        prev = num
    return out


def _clean_title(raw: str) -> str:
    t = clean(raw)
    t = re.sub(r"\s+([.,;:])", r"\1", t).rstrip(".").strip()
    t = re.sub(r"[“”\"‘’]+", lambda m: "’" if m.group(0) == "’" else "", t)
    return re.sub(r"\s+", " ", t).strip()


def parse(text: str, *, gazetteer: Any = None) -> UpdateDocument:
    """Parse a monthly update into an `UpdateDocument`.

    `gazetteer` is a `cepa_kg.loaders.actors.Gazetteer` (default: the bundled one).
    Raises `ParseError` (with a 1-based line) when the text has no "Monthly Update" heading with
    a month, or no numbered item.
    """
    gz = gazetteer or Gazetteer.bundled()
    heading = _HEADING.search(text)
    if heading is None:
        raise ParseError("no 'Monthly Update' heading", line=1)
    line = text.count("\n", 0, heading.start()) + 1
    hm = _HEADING_MONTH.search(heading.group(0))
    if hm is None:
        raise ParseError("the 'Monthly Update' heading names no month and year", line=line)
    doc_date = dt.date(int(hm.group(2)), MONTHS[hm.group(1).rstrip(".").lower()], 1)
    title_span = Span(heading.start(), heading.end()).strip(text)

    lines = [m for m in _item_lines(text) if m.start() > heading.end()]
    if not lines:
        raise ParseError("no numbered items after the heading", line=line + 1)

    upd = re.search(r"Monthly\s+Update", title_span.of(text), re.I)
    before = Span(title_span.start, title_span.start + (upd.start() if upd else len(title_span)))
    issuer = next(  # the most specific organisation before "Monthly Update": DPADM
        (_mention(m) for m in reversed(gz.find_actors(text, before)) if m.kind == "organization"),
        None,
    )
    self_paths = {issuer.path} if issuer else set()
    for name in ("DESA", "Secretariat"):  # what the issuing Division belongs to
        if issuer and (r := gz.resolve(name)) is not None:
            self_paths.add(r.path)

    bounds = []
    for i, m in enumerate(lines):
        end = lines[i + 1].start() if i + 1 < len(lines) else len(text)
        bounds.append((m, Span(m.start(), end).strip(text)))

    people = _People(text, gz)
    for _, span in bounds:
        people.collect(span)
    persons = people.finish()

    items = []
    for pos, (m, span) in enumerate(bounds, start=1):
        tspan = Span(m.start("title"), m.end("title")).strip(text)
        body = Span(m.end(), span.end).strip(text)
        items.append(
            _item(text, gz, people, doc_date, m.group("num"), pos, tspan, body, span,
                  issuer, self_paths)
        )
    return UpdateDocument(
        slug=f"{SLUG_PREFIX}{doc_date:%Y-%m}",
        title=clean(title_span.of(text)),
        title_span=title_span,
        date=doc_date,
        issuer=issuer,
        items=tuple(items),
        persons=persons,
    )


# --------------------------------------------------------------------------------------------
# Kind of event

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p, re.I))
    for kind, p in (
        ("seminar", r"\bseminars?\b"),
        ("workshop", r"\bworkshops?\b"),
        ("meeting", r"\bmeetings?\b|\bmee?t(?:s|ing)?\s+with\b|\bmet\s+with\b"),
        ("conference", r"\bconferences?\b"),
        ("training", r"\btrainings?\b|\btraining\s+(?:course|programme|workshop)s?\b"),
        ("forum", r"\bforums?\b"),
        ("retreat", r"\bretreats?\b"),
        ("mission", r"(?<!Permanent )(?<!Permanent\n)\bmissions?\b(?!\s+(?:of|to)\s+[A-Z])"),
        ("briefing", r"\bbriefings?\b|\bbriefed\b"),
    )
)


def _kind(text: str, title: Span, body: Span) -> tuple[str | None, Span | None]:
    """The earliest event word in the title; else the earliest in the body."""
    for span in (title, body):
        best: tuple[int, str, Span] | None = None
        for kind, rx in _KINDS:
            m = rx.search(text, span.start, span.end)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), kind, Span(m.start(), m.end()))
        if best:
            return best[1], best[2]
    return None, None


# --------------------------------------------------------------------------------------------
# Dates

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_DASH = r"\s*(?:-|–|—|to|until|through|and)\s*"
_YEAR = r"(?:\s*,?\s*(\d{4})\b)?"
_DATE = re.compile(
    "|".join(
        [
            rf"\b(?P<c>{_DAY}\s+({_MONTH}){_DASH}{_DAY}\s+({_MONTH}){_YEAR})",
            rf"\b(?P<r>{_DAY}{_DASH}{_DAY}\s+({_MONTH}){_YEAR})",
            rf"\b(?P<u>({_MONTH})\s+{_DAY}(?:{_DASH}{_DAY})?\s*,?\s+(\d{{4}})\b)",
            rf"\b(?P<s>{_DAY}\s+({_MONTH}){_YEAR})",
        ]
    ),
    re.I,
)
_NOT_EVENT_DATE_BEFORE = re.compile(
    r"\b(?:before|by|until|till|after|deadline(?:\s+(?:of|is))?|no\s+later\s+than|due|"
    r"submitted\s+by)\s+(?:the\s+)?$",
    re.I,
)
_NOT_EVENT_DATE_AFTER = re.compile(r"^\s*,?\s*(?:which\s+is\s+the\s+)?deadline\b", re.I)


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _year_near(doc: dt.date, month: int, day: int) -> int:
    """The year that puts day/month nearest to the document's month."""
    best = None
    for y in (doc.year - 1, doc.year, doc.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        dist = abs((d - doc).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else doc.year


def _date(y: str | None, month: int, day: int, doc: dt.date) -> dt.date | None:
    try:
        return dt.date(int(y) if y else _year_near(doc, month, day), month, day)
    except ValueError:
        return None


def _parse_date(m: re.Match[str], doc: dt.date) -> tuple[dt.date, dt.date | None] | None:
    g = m.groups()
    if m.group("c"):
        d1, m1, d2, m2, y = (g[i] for i in range(1, 6))
        end = _date(y, _month(m2), int(d2), doc)
        if end is None:
            return None
        start = _date(str(end.year) if _month(m1) <= _month(m2) else str(end.year - 1),
                      _month(m1), int(d1), doc)
        return (start, end) if start else None
    if m.group("r"):
        d1, d2, mo, y = (g[i] for i in range(7, 11))
        start, end = _date(y, _month(mo), int(d1), doc), _date(y, _month(mo), int(d2), doc)
        return (start, end) if start and end and start <= end else None
    if m.group("u"):
        mo, d1, d2, y = (g[i] for i in range(12, 16))
        start = _date(y, _month(mo), int(d1), doc)
        end = _date(y, _month(mo), int(d2), doc) if d2 else None
        return (start, end) if start else None
    d1, mo, y = (g[i] for i in range(17, 20))
    start = _date(y, _month(mo), int(d1), doc)
    return (start, None) if start else None


def _dates(text: str, spans: tuple[Span, ...], doc: dt.date) -> DateRange | None:
    """The first date in the title or body that is not a deadline."""
    for span in spans:
        for m in _DATE.finditer(text, span.start, span.end):
            if _NOT_EVENT_DATE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            if _NOT_EVENT_DATE_AFTER.match(text[m.end() : m.end() + 40]):
                continue
            parsed = _parse_date(m, doc)
            if parsed:
                return DateRange(parsed[0], parsed[1], Span(m.start(), m.end()))
    return None


def _date_spans(text: str, span: Span) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _DATE.finditer(text, span.start, span.end)]


# --------------------------------------------------------------------------------------------
# Organisations

_ORG_HEAD = (r"(?:University|Ministry|Office|Bank|Institute|Centre|Center|Commission|Committee|"
             r"Agency|Council|Department|Division|Organi[sz]ation|Association|Foundation|School|"
             r"Academy|Secretariat|Authority|Bureau|College|Parliament|Court|Tribunal)")
_CAP = r"[A-Z][\w’'&-]*"
_ORG = re.compile(
    rf"(?:{_CAP}\s+(?:(?:of|for|and|on|the|de|del|la)\s+)*)*{_ORG_HEAD}\b"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP})*)?"
    r"(?:\s*\([A-Z][\w-]*\))?"
)
_NOT_ORG_START = re.compile(
    r"^(?:(?:The|A|An|At|In|On|Of|For|And|During|Following|Additionally|Furthermore|Also|"
    r"Director|Chief|Dean|Head|Minister|Ministers|Vice|Deputy|Assistant|Officer|Secretary|"
    r"President|Chair|Chairperson|Adviser|Advisor|Professor|Executive|Senior|Coordinator|"
    r"Manager|Member|Representative|Ambassador|Mr|Ms|Dr|Prof|of|for|and|the)\b\.?\s*)+"
)


def _mention(m: ActorMatch, *, known: bool = True) -> ActorMention:
    return ActorMention(m.path, m.kind, m.label, m.span, known)


def _find_actors(text: str, span: Span, gz: Any) -> list[ActorMention]:
    """Gazetteer matches, plus organisation names the gazetteer lacks (resolved when it can)."""
    found = [_mention(m) for m in gz.find_actors(text, span)]
    taken = [a.span for a in found]
    for m in _ORG.finditer(text, span.start, span.end):
        s = Span(m.start(), m.end())
        lead = _NOT_ORG_START.match(m.group(0))
        if lead:
            s = Span(s.start + lead.end(), s.end)
        name = clean(s.of(text))
        if len(name.split()) < 2 or any(s.start < t.end and t.start < s.end for t in taken):
            continue
        bare = re.sub(r"\s*\([^)]*\)$", "", name)
        hit = gz.resolve(bare) or gz.resolve(name)
        if hit is not None and hit.kind != "place":
            found.append(ActorMention(hit.path, hit.kind, hit.label, s, True))
        else:
            found.append(ActorMention(f"actor/{slugify(bare)}", "organization", bare, s, False))
        taken.append(s)
    return sorted(found, key=lambda a: a.span)


def _first_each(mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    seen: dict[str, ActorMention] = {}
    for a in mentions:
        seen.setdefault(a.path, a)
    return tuple(seen.values())


# --------------------------------------------------------------------------------------------
# Places

_PLACE_NAME = r"[A-Z][\w’'-]+(?:[ ][A-Z][\w’'-]+){0,2}"
_HELD_IN = re.compile(
    r"\b(?:held|took\s+place|hosted|convened|organi[sz]ed|located|attended|opened)"
    r"(?:\s+(?:on|from)\s+\d[^.;\n]{0,30}?)?\s+in\s+(?:the\s+city\s+of\s+)?"
    rf"(?P<city>{_PLACE_NAME})(?:,\s*(?P<country>{_PLACE_NAME}))?"
)
_CITY_COUNTRY = re.compile(rf"(?P<city>{_PLACE_NAME}),\s*(?P<country>{_PLACE_NAME})")


def _country(gz: Any, name: str, start: int) -> ActorMention | None:
    hit = gz.resolve(name)
    if hit is None or hit.kind != "country":
        return None
    return ActorMention(hit.path, hit.kind, hit.label, Span(start, start + len(name)))


def _locations(text: str, span: Span, gz: Any) -> tuple[Location, ...]:
    """The event's location first ("held ... in X[, Country]"), then other places named."""
    places = {p.span.start: p for p in (_mention(m) for m in gz.find_places(text, span))}
    found: list[tuple[int, Location]] = []

    def add(rank: int, city: str, cstart: int, country: str | None, kstart: int | None) -> None:
        ctry = _country(gz, country, kstart) if country and kstart is not None else None
        end = (kstart + len(country)) if ctry and country and kstart is not None else (
            cstart + len(city))
        as_country = _country(gz, city, cstart)
        place = places.get(cstart)
        if place is None:
            hit = gz.resolve(city)
            if hit is not None and hit.kind == "place":
                place = ActorMention(hit.path, hit.kind, hit.label, Span(cstart, cstart + len(city)))
            elif hit is not None and hit.kind != "country":
                return  # an organisation, not a place
        if as_country and place is None:
            ctry, place = as_country, None
        elif place is None and ctry is None and rank > 0:
            return  # "X, Y" proves nothing unless Y is a country
        key = place.path if place else clean(city).casefold()
        if any(loc.span.start <= cstart < loc.span.end
               or (loc.place.path if loc.place else loc.name.casefold()) == key
               for _, loc in found):
            return
        found.append((rank, Location(clean(city), Span(cstart, end), place, ctry)))

    for m in _HELD_IN.finditer(text, span.start, span.end):
        add(0, m.group("city"), m.start("city"), m.group("country"),
            m.start("country") if m.group("country") else None)
    for start, p in sorted(places.items()):
        after = re.match(rf",\s*({_PLACE_NAME})", text[p.span.end : p.span.end + 60])
        add(1, p.span.of(text), start, after.group(1) if after else None,
            p.span.end + after.start(1) if after else None)
    for m in _CITY_COUNTRY.finditer(text, span.start, span.end):
        if gz.resolve(m.group("city")) is None or m.start("city") in places:
            add(2, m.group("city"), m.start("city"), m.group("country"), m.start("country"))
    found.sort(key=lambda pair: (pair[0], pair[1].span.start))
    return tuple(loc for _, loc in found)


# --------------------------------------------------------------------------------------------
# People

_HON = r"(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.E|Sir|Dame)\b\.?"
_TOK = r"[A-Z][\w’'-]*[a-z][\w’'-]*"
_PARTICLE = r"(?:de|da|del|van|von|der|bin|al|la|le|di)"
_NAME = rf"{_TOK}(?:[ ](?:{_PARTICLE}[ ])?{_TOK}){{0,3}}"
_HON_PERSON = re.compile(rf"\b(?P<hon>{_HON})[ ]+(?P<name>{_NAME})")
_TITLED_PERSON = re.compile(rf"(?<![\w’'.-])(?P<name>{_TOK}(?:[ ]{_TOK}){{1,2}}),[ ]")
_TITLE_WORDS = re.compile(
    r"\b(?:Director|Directors|Chief|Dean|Head|Minister|Officer|Secretary|Secretary-General|"
    r"Under-Secretary-General|President|Vice-President|Chair|Chairman|Chairperson|Chairwoman|"
    r"Adviser|Advisor|Professor|Ambassador|Representative|Coordinator|Manager|Commissioner|"
    r"Governor|Mayor|Rapporteur|Consultant|Counsellor|Counselor|Expert|Lecturer|Founder|"
    r"Administrator|Executive|Deputy|Registrar|Rector|Principal|Judge|Senator|Spokesperson)\b"
)
_NOT_NAME = frozenset(
    """The A An At In On Of For And During Following Additionally Furthermore Also However Moreover
    United Nations Public Service Services Administration Government Ministry Republic Division
    Department Office University School Centre Center Institute Council Committee Commission
    Conference Forum Workshop Seminar Meeting Member States State National International
    Development Economic Social Affairs Governance Awards Award Network Programme Day Team General
    Assembly Bank Agency Union European African Asian Regional Global World Minister Ministers
    Director Chief Vice Deputy Officer Head Secretary President Chair Dean Kingdom Korea Mexico
    Latin America Europe Africa Asia Pacific Caribbean Management Policy Information Technology
    Statistics Audit Innovation Strategy Finance Culture Sports Tourism Electoral Democracy
    Assistance Security Cooperation Co-operation January February March April May June July
    August September October November December This That These Those Its Their His Her She He
    They We It Both""".split()
)
_CONNECT = frozenset({"of", "for", "and", "the", "on", "de", "in"})


def _fold(name: str) -> str:
    return slugify(name, max_length=200)


def _appositive(text: str, start: int, limit: int) -> Span | None:
    """The capitalised phrase after "Name, " (titles and organisations), up to where the
    sentence goes on: "Director, DPADM" in "Haiyan Qian, Director, DPADM and Prof. ..."."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^ \n]+", text[start:limit])]
    end = None
    i = 0
    while i < len(tokens):
        s, e, tok = tokens[i]
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        word = tok.rstrip(",.;:")
        if re.fullmatch(_HON, word) or re.fullmatch(_HON, tok):
            break
        capital = bool(re.match(r"[A-Z(]", word)) and word not in {"In", "On", "At"}
        if capital and re.fullmatch(r"\(?[\w’'/&.()-]+\)?", word):
            end = start + s + len(word)
            if tok.endswith((".", ";", ":")) and not re.fullmatch(r"(?:[A-Z]\.)+", tok):
                break
            if tok.endswith(",") and not re.match(r"[A-Z]", nxt):
                break
        elif (word in _CONNECT and word == tok and word != "in"
              and (re.match(r"[A-Z]", nxt) or (nxt == "the" and word != "the"))
              and not re.fullmatch(_HON, nxt.rstrip(",."))):
            pass
        else:
            break
        i += 1
    return Span(start, end) if end else None


def _split_appositive(phrase: str) -> tuple[str | None, str | None]:
    """"Director of X, Org" -> ("Director of X", "Org"); "Chief Executive Officer of the Centre
    for Y (CPSI)" -> ("Chief Executive Officer", "Centre for Y (CPSI)")."""
    phrase = phrase.strip(" ,")
    if "," in phrase:
        title, aff = phrase.split(",", 1)
        return title.strip(), aff.strip() or None
    parts = list(re.finditer(r"\s+of\s+(?:the\s+)?(?=[A-Z])", phrase))
    if parts:
        cut = parts[-1]
        return phrase[: cut.start()].strip(), phrase[cut.end() :].strip()
    if _TITLE_WORDS.search(phrase):
        return phrase, None
    return None, phrase


class _People:
    """Collects people over the whole document, then finds every mention of them per item."""

    def __init__(self, text: str, gz: Any) -> None:
        self.text = text
        self.gz = gz
        self.found: dict[str, dict[str, Any]] = {}  # key -> name, honorific, span, memberships
        self.short: list[tuple[str, str, Span]] = []  # (honorific, surname, span)

    def _actor_spans(self, span: Span) -> list[Span]:
        return [a.span for a in _find_actors(self.text, span, self.gz)]

    def _membership(self, name_span: Span, limit: int) -> Membership | None:
        text = self.text
        after = text[name_span.end : limit]
        pre = re.search(
            r"(?P<org>[A-Z][\w/-]*)[’']s[ ](?P<title>(?:[A-Z][\w-]*[ ]?)+?)"
            r"(?:[ ]?\([A-Z]+\))?,[ ]*(?:" + _HON + r"[ ]+)?$",
            text[max(0, name_span.start - 120) : name_span.start],
        )
        if after.startswith(", "):
            app = _appositive(text, name_span.end + 2, limit)
            if app is not None:
                title, aff = _split_appositive(app.of(text))
                if title and _TITLE_WORDS.search(title) or (aff and not title):
                    return self._make(name_span, app, title, aff)
        m = re.match(r"[ ]of[ ](?:the[ ])?(?=[A-Z])", after)
        if m:
            app = _appositive(text, name_span.end + m.end(), limit)
            if app is not None:
                return self._make(name_span, app, None, app.of(text))
        if pre and _TITLE_WORDS.search(pre.group("title")):
            start = name_span.start - len(pre.group(0))
            return self._make(Span(start, name_span.end), Span(start, start), pre.group("title"),
                              pre.group("org"), whole=Span(start, name_span.end))
        return None

    def _make(self, name_span: Span, app: Span, title: str | None, aff: str | None, *,
              whole: Span | None = None) -> Membership:
        text = self.text
        whole = whole or Span(name_span.start, app.end)
        org = None
        if aff:
            astart = text.find(aff, whole.start)
            aspan = Span(astart, astart + len(aff)) if astart >= 0 else whole
            cands = [a for a in _find_actors(text, aspan, self.gz)
                     if a.kind in ("organization", "group", "country")]
            if cands:
                org = min(cands, key=lambda a: (a.kind == "country", a.span))
            else:
                hit = self.gz.resolve(clean(aff))
                if hit is not None and hit.kind in ("organization", "group"):
                    org = ActorMention(hit.path, hit.kind, hit.label, aspan)
        return Membership(
            title=clean(title) if title else None,
            affiliation=clean(aff) if aff else None,
            organization=org,
            span=whole,
            label=clean(whole.of(text)),
        )

    def _add(self, name: str, hon: str | None, span: Span, ms: Membership | None) -> None:
        key = _fold(name)
        rec = self.found.setdefault(key, {"name": clean(name), "hon": hon, "span": span,
                                          "ms": []})
        if rec["hon"] is None and hon:
            rec["hon"] = hon
        if ms and all((m.title, m.affiliation) != (ms.title, ms.affiliation) for m in rec["ms"]):
            rec["ms"].append(ms)

    def collect(self, item: Span) -> None:
        text = self.text
        actors = self._actor_spans(item)
        for m in _HON_PERSON.finditer(text, item.start, item.end):
            name, hon = m.group("name"), _norm_hon(m.group("hon"))
            nspan = Span(m.start(), m.end())
            if any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            if " " not in name:
                self.short.append((hon, name, nspan))
                continue
            limit = _sentence_end(text, nspan.end, item.end)
            self._add(name, hon, nspan, self._membership(nspan, limit))
        for m in _TITLED_PERSON.finditer(text, item.start, item.end):
            name = m.group("name")
            if any(t in _NOT_NAME for t in name.split()):
                continue
            nspan = Span(m.start("name"), m.end("name"))
            if any(nspan.start < a.end and a.start < nspan.end for a in actors):
                continue
            if re.search(_HON + r"[ ]+$|[A-Z][\w’'-]*[ ]$", text[max(0, nspan.start - 30) : nspan.start]):
                continue
            limit = _sentence_end(text, nspan.end, item.end)
            ms = self._membership(nspan, limit)
            if ms is not None and ms.title:
                self._add(name, None, nspan, ms)

    def finish(self) -> tuple[Person, ...]:
        for hon, surname, span in self.short:
            key = self._by_surname(surname)
            if key is None:
                self._add(surname, hon, span, None)
            elif self.found[key]["hon"] is None:
                self.found[key]["hon"] = hon
        people = [
            Person(key, r["name"], r["hon"], r["span"], tuple(r["ms"]))
            for key, r in self.found.items()
        ]
        self.persons = tuple(sorted(people, key=lambda p: p.span))
        self._patterns = [
            (p.key, re.compile(r"\b" + r"\s+".join(re.escape(t) for t in p.name.split()) + r"\b"))
            for p in self.persons
            if " " in p.name
        ]
        return self.persons

    def _by_surname(self, surname: str) -> str | None:
        keys = [k for k, r in self.found.items()
                if " " in r["name"] and _fold(r["name"].split()[-1]) == _fold(surname)]
        return keys[0] if len(keys) == 1 else None

    def mentions(self, item: Span) -> tuple[tuple[PersonMention, ...], list[tuple[Span, str]]]:
        """Each person named in the item (first mention), and every span naming someone."""
        text = self.text
        hits: list[tuple[Span, str]] = []
        for m in _HON_PERSON.finditer(text, item.start, item.end):
            name = m.group("name")
            key = _fold(name) if " " in name else (self._by_surname(name) or _fold(name))
            if key in self.found:
                hits.append((Span(m.start(), m.end()), key))
        for key, rx in self._patterns:
            for m in rx.finditer(text, item.start, item.end):
                s = Span(m.start(), m.end())
                if not any(h.start <= s.start < h.end for h, _ in hits):
                    hits.append((s, key))
        hits.sort()
        first: dict[str, PersonMention] = {}
        for s, key in hits:
            first.setdefault(key, PersonMention(key, s))
        return tuple(first.values()), hits


def _norm_hon(h: str) -> str:
    h = h.rstrip(".")
    return "Prof." if h == "Professor" else h + "."


_ABBREV = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Vol|e\.g|i\.e|etc|vs|H\.E)|\b[A-Z])$")


def _sentence_end(text: str, pos: int, limit: int) -> int:
    for m in re.finditer(r"[.;!?](?=[”\"’)]*(?:\s|$))", text[pos:limit]):
        if not _ABBREV.search(text[max(0, pos + m.start() - 6) : pos + m.start()]):
            return pos + m.end()
    return limit


def _sentences(text: str, span: Span) -> list[Span]:
    out, pos = [], span.start
    while pos < span.end:
        end = _sentence_end(text, pos, span.end)
        para = text.find("\n\n", pos, end)
        if para >= 0 and re.search(r"[:.”\"]\s*$", text[pos:para]):
            end = para
        s = Span(pos, end).strip(text)
        if len(s):
            out.append(s)
        pos = max(end, pos + 1)
    return out


# --------------------------------------------------------------------------------------------
# Partnerships

# (status, verbal, pattern): a verbal cue has a subject ("X agreed to ..."); a nominal one may
# not ("in partnership with X"); None: an outcome whose parties follow ("the agreed outcomes
# of a meeting between X and Y").
_CUES: tuple[tuple[str, bool | None, re.Pattern[str]], ...] = tuple(
    (status, verbal, re.compile(p, re.I))
    for status, verbal, p in (
        ("proposed", True, r"\bproposed\s+(?:a\s+|an\s+)?(?:new\s+)?(?:partnership|cooperation|"
                           r"collaboration|joint)\b"),
        ("proposed", True, r"\b(?:suggested|proposed)\s+(?:that\s+)?(?:\S+\s+){0,3}?"
                           r"(?:collaborat\w*|cooperat\w*|partner\w*|work\s+with)\b(?:\s+with\b)?"),
        ("requested", True, r"\b(?:appealed|called)\s+(?:up)?on\b|\bappealed\s+to\b|"
                            r"\b(?:were|was|been|has|have)\s+requested\s+(?:to\s+provide\s+"
                            r"support|to\s+assist|to\s+support)\b|\brequested\s+(?:the\s+)?"
                            r"(?:support|assistance|advisory\s+services)\b|\brequested\s+(?:\S+\s+){1,4}?to\s+"
                            r"(?:provide|support|assist)\b|\binvited\s+(?:\S+\s+)"
                            r"{0,4}?to\s+(?:provide\s+support|support|assist)\b"),
        ("agreed", True, r"\bagreed\s+to\s+(?:pursue|collaborate|cooperate|work|partner|"
                         r"establish|join|strengthen|develop|launch|co-organi[sz]e)\b|"
                         r"\bagreed\s+(?:on\s+)?(?:a\s+|the\s+)?(?:partnership|cooperation|"
                         r"collaboration)\b"),
        ("agreed", None, r"\b(?:were|was|are|is)\s+the\s+agreed\s+outcomes?\b|"
                         r"\bagreed\s+outcomes?\b"),
        ("agreed", True, r"\bwill\s+(?:jointly\s+)?(?:collaborate|cooperate|partner|work\s+"
                         r"together)\b"),
        ("agreed", True, r"\b(?:has|have|had)\s+been\s+working\s+(?:closely\s+)?with\b|"
                         r"\bworking\s+closely\s+with\b"),
        ("agreed", True, r"\b(?:has|have|had)\s+(?:jointly\s+)?implemented\b"),
        ("agreed", True, r"\bpledged\s+(?:their|its)\s+(?:cooperation|support|collaboration)\b"),
        ("agreed", True, r"\bsigned\s+(?:a\s+|an\s+)?(?:memorandum|agreement|MoU)\b"),
        ("agreed", False, r"\bin\s+(?:partnership|collaboration|cooperation)\s+with\b"),
        ("agreed", False, r"\b(?:collaboration|cooperation|partnership)\s+(?:between|with)\b"),
        ("explored", True, r"(?:\bin\s+an?\s+)?\bexploratory\b(?:\s+(?:mission|visit|meeting|"
                           r"talks))?(?:\s+to\s+explore\b)?|\bto\s+explore\b|\bexploring\b"),
        ("explored", True, r"\bexpress(?:ed|ing)\s+(?:a\s+)?(?:strong\s+|keen\s+|great\s+)?"
                           r"interest\b|\bexpressed\s+in\s+principle\b|\binterested\s+in\b"),
        ("explored", True, r"\bready\s+to\s+(?:collaborate|cooperate|partner)\b|"
                           r"\bagreed\s+to\s+consider\b|\bpossible\s+(?:ways\s+of\s+)?"
                           r"(?:collaboration|cooperation|partnership)\b"),
    )
)
_CHAIN_GAP = re.compile(
    r"(?:\s+|[,/()]|[’']s\b|\b(?:and|the|of|for|through|from|staff|representatives?|"
    r"delegations?|team|a|an|also|has|have|had|will|both|together|jointly|its|their|"
    r"including|in\s+(?:collaboration|cooperation|partnership)\s+with|met\s+with|meets?\s+with|"
    r"with|between)\b|\b[A-Z][\w’'-]*\b)*",
)
_TO_CHAIN = re.compile(r"[^.;,]{0,40}?\b(?:with|between)\b", re.I)
_BACKREF = re.compile(r"\b(?:also|join|them|they|their|respectively|such)\b", re.I)
_FILLER = re.compile(
    r"(?:\s+|[,:;()]|[ivx]+\)|\([A-Za-z]+\)|"
    r"\b(?:to|in|for|on|towards|toward|of|with|between|through|and|the|a|an|its|their|his|her|"
    r"further|possible|possibly|ways?|explore|exploring|pursue|pursuing|consider|considering|"
    r"cooperation|collaboration|partnership|partnerships|collaborate|cooperate|collaborating|"
    r"cooperating|partnering|partner|opportunities|opportunity|interest|join|them|it|provide|"
    r"support|help|assist|come|together|contribute|matters|has|have|been|be|also|invited|visit|"
    r"further|strengthened|strengthen|areas?|fields?|ready|closely|working|work|jointly|"
    r"possibility|strong|keen|great|staff|team|representatives|"
    r"after\s+\w+\s+\d{4}|before\s+\w+\s+\d{4})\b)",
    re.I,
)
_BOUNDARY = re.compile(
    r"[.;:(]|,(?!\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:,|\s+and\s))|(?:^|\s+)(?:in\s+order|"
    r"with(?!in)|as\s+well\s+as|which|that|where|whose|who|during|by|through|within|and\s+also|"
    r"and\s+(?:expressed|agreed|will|to)|respectively|so\s+that|on\s+\d)\b"
)
_MAX_WORDS = 12


class _Cue:
    def __init__(self, status: str, verbal: bool | None, span: Span) -> None:
        self.status, self.verbal, self.span = status, verbal, span


def _cues(text: str, sentence: Span) -> list[_Cue]:
    found: list[_Cue] = []
    for status, verbal, rx in _CUES:
        for m in rx.finditer(text, sentence.start, sentence.end):
            s = Span(m.start(), m.end())
            if any(s.start < c.span.end and c.span.start < s.end for c in found):
                continue
            found.append(_Cue(status, verbal, s))
    found.sort(key=lambda c: c.span)
    merged: list[_Cue] = []
    for c in found:  # "in an exploratory mission to explore possible ways of collaborating"
        if merged and not re.search(r"[A-Z]", text[merged[-1].span.end : c.span.start]) and (
            c.span.start - merged[-1].span.end < 40
        ):
            last = merged[-1]
            merged[-1] = _Cue(last.status, last.verbal or c.verbal,
                              Span(last.span.start, c.span.end))
            continue
        merged.append(c)
    return merged


def _chain_back(text: str, pos: int, marks: list[tuple[Span, ActorMention | None]],
                floor: int) -> list[ActorMention]:
    out: list[ActorMention] = []
    for s, a in reversed([x for x in marks if floor <= x[0].start and x[0].end <= pos]):
        if not _CHAIN_GAP.fullmatch(text[s.end : pos]):
            break
        if a is not None:
            out.insert(0, a)
        pos = s.start
    return out


def _chain_forward(text: str, pos: int, marks: list[tuple[Span, ActorMention | None]],
                   ceil: int) -> tuple[list[ActorMention], int]:
    out: list[ActorMention] = []
    for s, a in [x for x in marks if x[0].start >= pos and x[0].end <= ceil]:
        if not _CHAIN_GAP.fullmatch(text[pos : s.start]):
            break
        if a is not None:
            out.append(a)
        pos = s.end
    return out, pos


def _qualifier(text: str, a: ActorMention, prev: ActorMention | None,
               nxt: ActorMention | None) -> bool:
    """A country that only qualifies a neighbouring organisation: "Ministry ... of the Republic
    of Korea", "China's State Commission ..."."""
    if a.kind != "country":
        return False
    if prev is not None and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[prev.span.end : a.span.start]):
        return True
    return nxt is not None and bool(re.fullmatch(r"[’']s\s+", text[a.span.end : nxt.span.start]))


def _purpose(text: str, start: int, end: int, skip: list[Span]) -> str:
    pos = start
    while pos < end:
        jump = next((s.end for s in skip if s.start <= pos < s.end or (
            s.start >= pos and not text[pos : s.start].strip(" ,/()"))), None)
        if jump is not None and jump > pos:
            pos = jump
            continue
        m = _FILLER.match(text, pos, end)
        if not m or m.end() == pos:
            break
        pos = m.end()
    rest = text[pos:end]
    rest = re.sub(r"\s*\([A-Z][\w-]*\)", "", rest)
    b = _BOUNDARY.search(rest)
    phrase = clean(rest[: b.start()] if b else rest).strip(" ,;:")
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        cut = max((i for i, w in enumerate(words[:_MAX_WORDS]) if i >= 3 and w in (
            "in", "for", "to", "on", "of", "with", "at")), default=_MAX_WORDS)
        phrase = " ".join(words[:cut])
    phrase = re.sub(r"\s+(?:and|or|the|of|to|in|for|a|an)$", "", phrase)
    return phrase if re.match(r"[^\d]", phrase) and re.search(r"[a-z]{3}", phrase) else ""


def _partnerships(text: str, sentences: list[Span], actors: list[ActorMention],
                  persons: list[tuple[Span, ActorMention | None]], person_apps: list[Span],
                  default: ActorMention | None, self_paths: set[str],
                  fallback: str) -> tuple[Partnership, ...]:
    """Collaborations reported in the item's sentences. A person named where a party is
    expected stands for their affiliation ("Mr. X, Ambassador of Brazil, expressed interest")."""
    out: list[Partnership] = []
    found: list[tuple[Partnership, bool]] = []
    marks = sorted([(a.span, a) for a in actors] + persons, key=lambda x: x[0])
    person_spans = [s for s, _ in persons]
    for sent in sentences:
        cues = _cues(text, sent)
        in_sent = [a for a in actors if sent.start <= a.span.start < sent.end]
        prev_subjects: list[ActorMention] = []
        for i, cue in enumerate(cues):
            floor = cues[i - 1].span.end if i else sent.start
            ceil = cues[i + 1].span.start if i + 1 < len(cues) else sent.end
            subjects = [] if cue.verbal is None else _chain_back(text, cue.span.start, marks,
                                                                  floor)
            inside = [a for a in in_sent if cue.span.start <= a.span.start < cue.span.end]
            objects: list[ActorMention] = []
            obj_end = cue.span.end
            lead = _TO_CHAIN.match(text, cue.span.end, ceil)
            if re.search(r"(?:with|between|to)$", text[cue.span.start : cue.span.end], re.I):
                objects, obj_end = _chain_forward(text, cue.span.end, marks, ceil)
            elif lead:
                objects, obj_end = _chain_forward(text, lead.end(), marks, ceil)
                if not objects:
                    obj_end = cue.span.end
            if not subjects and cue.verbal:
                subjects = prev_subjects or [
                    a for a in in_sent
                    if floor <= a.span.start < cue.span.start
                    and not any(p.start <= a.span.start < p.end for p in person_apps)
                ]
            prev_subjects = subjects or prev_subjects
            parties = _parties(text, subjects + inside + objects)
            sentence_text = sent.of(text)
            if len(parties) < 2 and out and (_BACKREF.search(sentence_text) or not parties):
                parties = _parties(text, parties + list(out[-1].parties))
            if len(parties) < 2 and default is not None and not cue.verbal:
                parties = _parties(text, [default] + parties)
            if len(parties) < 2 or all(p.path in self_paths for p in parties):
                continue
            skip = [a.span for a in actors] + person_spans
            purpose = _purpose(text, max(obj_end, cue.span.end), ceil, skip)
            if not purpose and cue.verbal is None:
                purpose = _purpose(text, sent.start, cue.span.start, skip)
            if not purpose and cue.verbal is False:
                purpose = fallback
            if not purpose and out and _BACKREF.search(sentence_text):
                purpose = out[-1].purpose
            found.append((Partnership(tuple(parties), purpose or "collaboration", cue.status,
                                      sent, cue.span), bool(cue.verbal)))
            out = _merge(found)
    return tuple(_named(text, p, actors) for p in out)


def _named(text: str, p: Partnership, actors: list[ActorMention]) -> Partnership:
    names = []
    for party in p.parties:
        written = [re.sub(r"^(?:the|The)\s+", "", clean(a.span.of(text)))
                   for a in actors if a.path == party.path]
        names.append(min(written, key=len) if written else party.label)
    return Partnership(p.parties, p.purpose, p.status, p.span, p.cue, tuple(names))


def _parties(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    ordered = sorted(mentions, key=lambda a: a.span)
    for i, a in enumerate(ordered):
        if a.kind == "group":
            continue
        prev = ordered[i - 1] if i else None
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if _qualifier(text, a, prev, nxt):
            continue
        seen.setdefault(a.path, a)
    return list(seen.values())


def _merge(found: list[tuple[Partnership, bool]]) -> list[Partnership]:
    """One partnership per set of parties in an item: a later report of the same parties (or a
    subset or superset, with the same status) adds its parties to the first; a verbal report
    ("X and Y agreed to ...") gives the purpose and status over a nominal one ("organized by X
    in collaboration with Y")."""
    out: list[tuple[Partnership, bool]] = []
    for p, verbal in found:
        paths = {a.path for a in p.parties}
        for i, (q, qverbal) in enumerate(out):
            qpaths = {a.path for a in q.parties}
            if paths == qpaths or (q.status == p.status and (paths <= qpaths or qpaths <= paths)):
                extra = tuple(a for a in p.parties if a.path not in qpaths)
                base = p if verbal and not qverbal else q
                out[i] = (Partnership(q.parties + extra, base.purpose, base.status, base.span,
                                      base.cue), verbal or qverbal)
                break
        else:
            out.append((p, verbal))
    return [p for p, _ in out]


# --------------------------------------------------------------------------------------------
# Items

_ORGANIZED_BY = re.compile(
    r"\b(?:co-)?(?:organi[sz]ed|facilitated|hosted|convened|sponsored|led)\s+(?:jointly\s+)?by\b",
    re.I,
)


def _item(text: str, gz: Any, people: _People, doc: dt.date, number: str, position: int,
          title: Span, body: Span, span: Span, issuer: ActorMention | None,
          self_paths: set[str]) -> UpdateItem:
    kind, kind_span = _kind(text, title, body)
    dates = _dates(text, (title, body), doc)
    locations = _locations(text, span, gz)
    loc_spans = [loc.span for loc in locations]
    actors = [a for a in _find_actors(text, span, gz)
              if not any(ls.start <= a.span.start < ls.end for ls in loc_spans)
              or a.kind == "country"]
    persons, person_hits = people.mentions(span)
    person_spans = [s for s, _ in person_hits]
    person_apps = [ms.span for p in people.persons for ms in p.memberships
                   if span.start <= ms.span.start < span.end]
    # persons' names are not organisations (a "Name Surname University" clash is rare)
    actors = [a for a in actors if not any(p.start <= a.span.start < p.end for p in person_spans)]
    marks = sorted([(a.span, a) for a in actors] + [(p, None) for p in person_spans],
                   key=lambda x: x[0])
    organizers: list[ActorMention] = []
    for m in _ORGANIZED_BY.finditer(text, span.start, span.end):
        chain, _ = _chain_forward(text, m.end(), marks, _sentence_end(text, m.end(), span.end))
        organizers += [a for a in chain if a.kind != "group" or a.known]
    raw_title = title.of(text)
    sentences = _sentences(text, body)
    stand_ins = []
    for s, key in person_hits:
        org = next((ms.organization for ms in people.found[key]["ms"] if ms.organization), None)
        stand_ins.append((s, ActorMention(org.path, org.kind, org.label, s) if org else None))
    partnerships = _partnerships(text, sentences, actors, stand_ins, person_apps, issuer,
                                 self_paths, _clean_title(raw_title))
    return UpdateItem(
        number=number,
        position=position,
        title_quote=raw_title,
        title=_clean_title(raw_title),
        title_span=title,
        body=body,
        span=span,
        kind=kind,
        kind_span=kind_span,
        dates=dates,
        locations=locations,
        actors=_first_each(actors),
        organizers=_first_each(organizers),
        persons=persons,
        partnerships=partnerships,
    )
