"""The model a parsed DPADM monthly update is read into (no parsing, no RDF here).

Every piece carries the exact `Span` of the document text it was read from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cepa_kg.loaders.dates import DateRange
from cepa_kg.loaders.project_model import ProjectRecord
from cepa_kg.loaders.spans import Span

__all__ = [
    "EVENT_KINDS",
    "SLUG_PREFIX",
    "STATUSES",
    "ActorMention",
    "DateRange",
    "Event",
    "Location",
    "Membership",
    "Partnership",
    "Person",
    "PersonMention",
    "UpdateDocument",
    "UpdateItem",
]

SLUG_PREFIX = "dpadm-monthly-update-"
EVENT_KINDS = (
    "seminar", "workshop", "meeting", "conference", "training", "forum", "retreat", "mission",
    "briefing", "exhibition",
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
    acronym: str | None = None  # a name the gazetteer lacks: its acronym in brackets, if any


@dataclass(frozen=True)
class Location:
    """Where an item's event took place: a city (with its country when written) or a country."""

    name: str  # clean name of the place as written: "Kigali", "Poznan"
    span: Span  # "Kigali, Rwanda"
    place: ActorMention | None  # the gazetteer's city, None when unknown there (or a country)
    country: ActorMention | None  # "Rwanda" -> country/RWA, when written and resolved


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
class Event:
    """One meeting an item reports (an item may report several)."""

    kind: str | None  # "workshop", "meeting", "award", ...
    name: str  # as the text gives it: a quoted title, else its noun phrase
    name_span: Span
    dates: DateRange | None
    location: Location | None
    organizers: tuple[ActorMention, ...]  # only where the text says who organised
    participants: tuple[ActorMention, ...]  # only those the text says took part
    speakers: tuple[PersonMention, ...]  # people named in the sentences that report it
    span: Span  # the sentence(s) it rests on
    other_names: tuple[str, ...] = ()  # its noun phrase, the item's title
    month: dt.date | None = None  # its month, when the text gives no day ("Ghana (May 2016)")

    @property
    def start(self) -> dt.date | None:
        return self.dates.start if self.dates else None

    @property
    def end(self) -> dt.date | None:
        return (self.dates.end or self.dates.start) if self.dates else None


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
    events: tuple[Event, ...] = ()

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
    date: dt.date | None  # the first day of the month reported on, or the page's date
    issuer: ActorMention | None  # the organisation in the heading (DPADM)
    items: tuple[UpdateItem, ...]
    persons: tuple[Person, ...]
    dated: object = None  # the page's own date (`document_dates.DocumentDate`), if any
    #: the bodies the gazetteer knows that the page names outside its items (a lead above a
    #: numbered list, a sidebar): the document mentions them
    mentioned: tuple[ActorMention, ...] = ()
    #: the projects the page's story names (`update_projects`): a news page about a project
    projects: tuple[ProjectRecord, ...] = ()

    @property
    def month(self) -> int | None:
        return self.date.month if self.date else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(e for item in self.items for e in item.events)

    @property
    def parts(self) -> dict[str, bool]:
        events = self.events
        return {"date": self.date is not None, "items": bool(self.items), "events": bool(events),
                "event dates": any(e.dates for e in events),
                "places": any(e.location for e in events),
                "organisers": any(e.organizers for e in events),
                "people": bool(self.persons)}

    def person(self, key: str) -> Person:
        return next(p for p in self.persons if p.key == key)
