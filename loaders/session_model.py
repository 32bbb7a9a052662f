"""The model a CEPA session summary is parsed to: plain dataclasses, no RDF, no layout.

Every text carries its exact `Span` into the document: ``clean(span.of(text)) == text``
whenever the piece is contiguous; pieces interleaved with other cells keep all their spans in
``pieces`` and ``span`` is then the first piece.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cepa_kg.loaders.document_dates import DocumentDate, OwnDate
from cepa_kg.loaders.spans import Span
from cepa_kg.loaders.update_model import Person

__all__ = ["BureauMember", "Place", "Recommendation", "Resolution", "ResolutionParagraph",
           "SessionDocument", "Theme"]



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
class Place:
    name: str  # "New York", "United Nations Headquarters", "Geneva"
    span: Span
    lang: str = "en"  # the language the place is written in ("Sede de las Naciones Unidas")


@dataclass(frozen=True)
class BureauMember:
    name: str
    span: Span
    role: str  # "Chairperson", "Vice-Chairperson", "Rapporteur"
    honorific: str = ""
    country: str = ""  # as written: "Canada"
    post: str = ""


@dataclass(frozen=True)
class SessionDocument(OwnDate):
    """What one page says about a session: every part may be missing (a page cut short, an
    announcement, a report abstract); `found` and `missing` name the parts."""

    number: int | None
    number_span: Span | None
    start: dt.date | None
    end: dt.date | None
    dates_span: Span | None
    main_theme: Theme | None
    subtopics: tuple[Theme, ...]
    amr_theme: Theme | None
    recommendations: tuple[Recommendation, ...]
    resolution: Resolution | None
    warnings: tuple[str, ...] = field(default=())
    places: tuple[Place, ...] = ()
    bureau: tuple[BureauMember, ...] = ()
    year_only: bool = False  # the number was read from a year ("the 2010 CEPA meeting")
    dated: DocumentDate | None = None  # the document's own date, if any
    #: the other people the page names (an official who spoke or took part, a minister), with
    #: the posts it gives them: mentioned, neither members nor attendees
    named: tuple[Person, ...] = ()

    @property
    def slug(self) -> str:
        return f"cepa-session-{self.number}" if self.number else "cepa-session"

    @property
    def title(self) -> str:
        if self.number is None:
            return "A page about a CEPA session"
        year = f" ({self.start.year})" if self.start else ""
        return f"CEPA session {self.number}{year}"

    @property
    def ministerial_review_theme(self) -> Theme | None:
        return self.amr_theme

    @property
    def resolution_paragraphs(self) -> tuple[ResolutionParagraph, ...]:
        return self.resolution.paragraphs if self.resolution else ()

    @property
    def parts(self) -> dict[str, bool]:
        """The parts a session page may state, and whether this one states each."""
        return {
            "session number": self.number is not None,
            "dates": self.start is not None,
            "place": bool(self.places),
            "main theme": self.main_theme is not None,
            "subtopics": bool(self.subtopics),
            "recommendations": bool(self.recommendations or self.resolution_paragraphs),
        }
