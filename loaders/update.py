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
from functools import lru_cache
from typing import Any

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.dates import MONTH_PATTERN, DateRange, find_date_ranges, month_number
from cepa_kg.loaders.organisations_in_text import find_actors, first_each, mention
from cepa_kg.loaders.partnerships import chain_forward, find_partnerships
from cepa_kg.loaders.people import People
from cepa_kg.loaders.places_in_text import find_locations
from cepa_kg.loaders.sentences import sentence_end, split_sentences
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import (
    EVENT_KINDS,
    SLUG_PREFIX,
    STATUSES,
    ActorMention,
    Location,
    Membership,
    Partnership,
    Person,
    PersonMention,
    UpdateDocument,
    UpdateItem,
)

__all__ = [
    "EVENT_KINDS",
    "SLUG_PREFIX",
    "STATUSES",
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

# --------------------------------------------------------------------------------------------
# Layout: heading and items
_HEADING = re.compile(r"^[^\n]*\bMonthly\s+Update\b[^\n]*$", re.I | re.M)
_HEADING_MONTH = re.compile(rf"\b({MONTH_PATTERN})\s*,?\s*(\d{{4}})\b", re.I)
_ITEM = re.compile(
    r"^[ \t]*(?:[-•*][ \t]*)?(?P<num>\d{1,2})(?:[.)]|(?=[ \t]))[ \t]+(?P<title>[“\"‘'A-Z][^\n]*)$",
    re.M,
)
_MAX_TITLE = 300
_BLANK_BEFORE = re.compile(r"\n[^\S\n]*\n\Z")  # a blank line before a title line (\r\n too)
_BLANK_AFTER = re.compile(r"[^\S\n]*(?:\Z|\n[^\S\n]*(?:\n|\Z))")  # and one after it


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


@lru_cache(maxsize=8)  # `detect`, then `parse`, read a text's item lines
def _item_lines(text: str) -> tuple[re.Match[str], ...]:
    """Item title lines: a number, a capitalised title, a blank line (or the end) around it, and
    a number not smaller than the previous item's and not far beyond it."""
    out: list[re.Match[str]] = []
    prev = 0
    for m in _ITEM.finditer(text):
        if len(m.group("title")) > _MAX_TITLE:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if before.strip() and not _BLANK_BEFORE.search(before) or (
            not before.strip() and m.start() > len(before)
            and not _BLANK_BEFORE.search(text[: m.start()])
        ):
            continue
        if not _BLANK_AFTER.match(text, m.end()):
            continue
        num = int(m.group("num"))
        if (not out and num > 3) or (out and not prev <= num <= prev + 5):
            continue
        out.append(m)
        prev = num
    return tuple(out)


_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:])")
_SINGLE_QUOTED = re.compile(r"^'(.+)'$")  # 'Title' in straight single quotes
_QUOTES = re.compile(r"[“”\"‘’]+")


def _clean_title(raw: str) -> str:
    t = clean(raw)
    t = _SPACE_BEFORE_STOP.sub(r"\1", t).rstrip(".").strip()
    t = _SINGLE_QUOTED.sub(r"\1", t)
    t = _QUOTES.sub(lambda m: "’" if m.group(0) == "’" else "", t)
    return clean(t)


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
    doc_date = dt.date(int(hm.group(2)), month_number(hm.group(1)), 1)
    title_span = Span(heading.start(), heading.end()).strip(text)

    lines = [m for m in _item_lines(text) if m.start() > heading.end()]
    if not lines:
        raise ParseError("no numbered items after the heading", line=line + 1)

    upd = re.search(r"Monthly\s+Update", title_span.of(text), re.I)
    before = Span(title_span.start, title_span.start + (upd.start() if upd else len(title_span)))
    issuer = next(  # the most specific organisation before "Monthly Update": DPADM
        (mention(m) for m in reversed(gz.find_actors(text, before)) if m.kind == "organization"),
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

    actors = [find_actors(text, span, gz) for _, span in bounds]  # per item, read twice
    people = People(text, gz)
    for (_, span), in_item in zip(bounds, actors):
        people.collect(span, in_item)
    persons = people.finish()

    items = []
    for pos, ((m, span), in_item) in enumerate(zip(bounds, actors), start=1):
        tspan = Span(m.start("title"), m.end("title")).strip(text)
        body = Span(m.end(), span.end).strip(text)
        items.append(
            _item(text, gz, people, doc_date, m.group("num"), pos, tspan, body, span,
                  issuer, self_paths, in_item)
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
        ("mission", r"(?<!Permanent )(?<!Permanent\n)\bmissions?\b"
                    r"(?!\s+(?:of\s+[A-Z]|to\s+the\s+United\s+Nations))"),
        ("briefing", r"\bbriefings?\b|\bbriefed\b"),
    )
)


# One search for all kinds: the leftmost match of any, and where two start together the kind
# listed first (the alternation tries them in order). Every kind's word starts with one of
# the letters looked ahead for: most positions fail that one test.
_ANY_KIND = re.compile(
    "(?=[bcfmrstw])(?:" + "|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx in _KINDS) + ")",
    re.IGNORECASE)


def _kind(text: str, title: Span, body: Span) -> tuple[str | None, Span | None]:
    """The earliest event word in the title; else the earliest in the body."""
    for span in (title, body):
        m = _ANY_KIND.search(text, span.start, span.end)
        if m:
            return m.lastgroup, Span(m.start(), m.end())
    return None, None


# --------------------------------------------------------------------------------------------
# Dates

_NOT_EVENT_DATE_BEFORE = re.compile(
    r"\b(?:before|by|until|till|after|deadline(?:\s+(?:of|is))?|no\s+later\s+than|due|"
    r"submitted\s+by)\s+(?:the\s+)?$",
    re.I,
)
_NOT_EVENT_DATE_AFTER = re.compile(r"^\s*,?\s*(?:which\s+is\s+the\s+)?deadline\b", re.I)


def _dates(text: str, spans: tuple[Span, ...], doc: dt.date) -> DateRange | None:
    """The first date in the title or body that is not a deadline."""
    for span in spans:
        for r in find_date_ranges(text, span, reference=doc):
            if _NOT_EVENT_DATE_BEFORE.search(text[max(0, r.span.start - 30) : r.span.start]):
                continue
            if _NOT_EVENT_DATE_AFTER.match(text[r.span.end : r.span.end + 40]):
                continue
            if not r.reversed:
                return r
    return None


# --------------------------------------------------------------------------------------------
# Items

_ORGANIZED_BY = re.compile(
    r"(?=[cfhlos])"  # the first letters below: most positions fail this one test
    r"\b(?:co-)?(?:organi[sz]ed|facilitated|hosted|convened|sponsored|led)\s+(?:jointly\s+)?by\b",
    re.I,
)


def _item(text: str, gz: Any, people: People, doc: dt.date, number: str, position: int,
          title: Span, body: Span, span: Span, issuer: ActorMention | None,
          self_paths: set[str], in_item: list[ActorMention]) -> UpdateItem:
    """One item's model; `in_item` is `find_actors` over its `span`."""
    kind, kind_span = _kind(text, title, body)
    dates = _dates(text, (title, body), doc)
    locations = find_locations(text, span, gz)
    loc_spans = [loc.span for loc in locations]
    actors = [a for a in in_item
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
        chain, _ = chain_forward(text, m.end(), marks, sentence_end(text, m.end(), span.end))
        organizers += [a for a in chain if a.kind != "group" or a.known]
    raw_title = title.of(text)
    clean_title = _clean_title(raw_title)
    sentences = split_sentences(text, body)
    stand_ins = []
    for s, key in person_hits:
        org = next((ms.organization for ms in people.found[key]["ms"] if ms.organization), None)
        stand_ins.append((s, ActorMention(org.path, org.kind, org.label, s) if org else None))
    # a country that only says where the event was is no party ("Addis Ababa, Ethiopia, in
    # partnership with AAPAM")
    parties = [a for a in actors
               if not any(ls.start <= a.span.start < ls.end for ls in loc_spans)]
    partnerships = find_partnerships(text, sentences, parties, stand_ins, person_apps, issuer,
                                 self_paths, clean_title)
    return UpdateItem(
        number=number,
        position=position,
        title_quote=raw_title,
        title=clean_title,
        title_span=title,
        body=body,
        span=span,
        kind=kind,
        kind_span=kind_span,
        dates=dates,
        locations=locations,
        actors=first_each(actors),
        organizers=first_each(organizers),
        persons=persons,
        partnerships=partnerships,
    )
