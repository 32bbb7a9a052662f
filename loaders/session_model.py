"""The model a CEPA session summary is parsed to: plain dataclasses, no RDF, no layout.

Every text carries its exact `Span` into the document: ``clean(span.of(text)) == text``
whenever the piece is contiguous; pieces interleaved with other cells keep all their spans in
``pieces`` and ``span`` is then the first piece.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cepa_kg.loaders.spans import Span

__all__ = ["Recommendation", "Resolution", "ResolutionParagraph", "SessionDocument", "Theme"]



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

