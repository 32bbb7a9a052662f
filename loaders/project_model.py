"""The model a Development Account project page is parsed to: plain dataclasses, no RDF.

Every piece of text carries the exact `Span` it came from: ``span.of(text)`` is the source quote
and ``text`` is that quote with white space collapsed, list markers and trailing "; and" removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cepa_kg.loaders.spans import Span

__all__ = ["Accomplishment", "Activity", "ImplementingActor", "ProjectDocument", "SymbolMention",
           "TextBlock", "UNDocumentRef"]

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

