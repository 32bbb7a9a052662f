"""The model a Development Account project page is parsed to: plain dataclasses, no RDF.

Every piece of text carries the exact `Span` it came from: ``span.of(text)`` is the source quote
and ``text`` is that quote with white space collapsed, list markers and trailing "; and" removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cepa_kg.loaders.document_dates import DocumentDate, OwnDate
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.spans import Span

__all__ = ["Accomplishment", "Activity", "Amount", "Country", "ImplementingActor", "Named",
           "ProjectDocument", "ProjectRecord", "SymbolMention", "TextBlock", "UNDocumentRef"]

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
class Named:
    """An actor as the page names it ("DESA", "ECLAC Subregional Headquarters ...")."""

    name: str
    span: Span


@dataclass(frozen=True)
class Country:
    alpha3: str
    span: Span


@dataclass(frozen=True)
class Amount:
    usd: float  # US dollars
    span: Span


@dataclass(frozen=True)
class ProjectRecord:
    """One project as a page states it; every part but the title may be missing."""

    title: str
    title_span: Span
    code: str | None = None
    code_span: Span | None = None
    objective: TextBlock | None = None
    other_objectives: tuple[TextBlock, ...] = ()  # listed after the first ("• To ...")
    background: TextBlock | None = None
    accomplishments: tuple[Accomplishment, ...] = ()
    activities: tuple[Activity, ...] = ()
    budget: Amount | None = None
    tranche: int | None = None
    tranche_span: Span | None = None
    status: str | None = None  # "ongoing", "closed", "completed"
    status_span: Span | None = None
    start_year: int | None = None
    end_year: int | None = None
    years_span: Span | None = None
    countries: tuple[Country, ...] = ()
    implementers: tuple[Named, ...] = ()
    partners: tuple[Named, ...] = ()
    span: Span | None = None  # the record's stretch of the page

    @property
    def parts(self) -> dict[str, bool]:
        return {"code": self.code is not None, "objective": self.objective is not None,
                "expected accomplishments": bool(self.accomplishments),
                "budget": self.budget is not None, "countries": bool(self.countries),
                "implementing entity": bool(self.implementers)}


@dataclass(frozen=True)
class ProjectDocument(OwnDate):
    """A project page, portal record or listing: one project or several."""

    projects: tuple[ProjectRecord, ...]
    documents: tuple[UNDocumentRef, ...] = ()
    dated: DocumentDate | None = None  # the page's own date, if any

    @property
    def slug(self) -> str:
        """A name for a page loaded without a file name: after its project's title."""
        if len(self.projects) != 1:
            return "da-project"
        return ("da-project-" + slugify(self.projects[0].title, max_length=49)).rstrip("-")

    @property
    def title(self) -> str:
        if len(self.projects) == 1:
            return self.projects[0].title
        return f"Development Account projects ({len(self.projects)})"

    @property
    def symbols(self) -> list[str]:
        return [d.symbol for d in self.documents]

    @property
    def parts(self) -> dict[str, bool]:
        found: dict[str, bool] = {}
        for record in self.projects:
            for part, ok in record.parts.items():
                found[part] = found.get(part, False) or ok
        return found
