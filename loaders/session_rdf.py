"""CEPA session model -> RDF (ontology/README.md: cepa:Session, cepa:Theme, cepa:Recommendation,
cepa:Resolution, cepa:ResolutionParagraph). Knows nothing of text layout: every offset comes from
the model.

Addressees are resolved through the gazetteer: the name as written ("The Secretariat", "donors"),
then without its article, then the actors the gazetteer finds inside the name. A name that
resolves to nothing falls back to Member States and is reported (log warning, and appended to
`ctx.warnings` when the context carries such a list) - never dropped silently.
"""

from __future__ import annotations

import logging
import re

from rdflib import Literal, URIRef

from cepa_kg.loaders.actors import ActorMatch, add_actor
from cepa_kg.loaders.alignment_rdf import add_alignments
from cepa_kg.loaders.base import MappingContext, integer
from cepa_kg.loaders.goals import align
from cepa_kg.loaders.session import (
    Recommendation,
    ResolutionParagraph,
    SessionDocument,
    Theme,
)
from cepa_kg.loaders.spans import Span, cover
from cepa_kg.namespaces import CEPA, SCHEMA, SKOS, XSD

__all__ = ["to_rdf", "resolve_addressee", "FALLBACK_ADDRESSEE"]

log = logging.getLogger(__name__)

FALLBACK_ADDRESSEE = "Member States"
_FALLBACK = ActorMatch("actor/member-states", "group", "Member States", Span(0, 0))
LABEL_MAX = 80


def _short(text: str, limit: int = LABEL_MAX) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " \u2026"


def _warn(ctx: MappingContext, message: str) -> None:
    log.warning(message)
    sink = getattr(ctx, "warnings", None)
    if isinstance(sink, list):
        sink.append(message)


def resolve_addressee(gazetteer, text: str, name: str, phrase: Span | None) -> ActorMatch | None:
    """The actor an addressee name stands for, or None when the gazetteer knows none."""
    bare = re.sub(r"^(?:the|all|both|relevant)\s+", "", name.strip(), flags=re.I)
    for candidate in dict.fromkeys((name, bare, bare[:1].upper() + bare[1:])):
        match = gazetteer.resolve(candidate)
        if match is not None:
            return match
    where: Span | None = None
    if phrase is not None:
        at = phrase.of(text).find(name)
        if at >= 0:
            where = Span(phrase.start + at, phrase.start + at + len(name))
    found = gazetteer.find_actors(text, where) if where is not None else gazetteer.find_actors(name)
    found = [m for m in found if m.kind != "place"]
    return found[0] if found else None


def _addressees(ctx: MappingContext, subject: URIRef, names: tuple[str, ...],
                phrase: Span | None, where: str) -> None:
    seen: set[URIRef] = set()
    for name in names or (FALLBACK_ADDRESSEE,):
        match = resolve_addressee(ctx.gazetteer, ctx.text, name, phrase)
        if match is None:
            _warn(ctx, f"{where}: addressee {name!r} is not in the gazetteer; "
                       f"recorded as {FALLBACK_ADDRESSEE}")
            match = ctx.gazetteer.resolve(FALLBACK_ADDRESSEE) or _FALLBACK
        elif not names:
            _warn(ctx, f"{where}: no addressee in the text; recorded as {FALLBACK_ADDRESSEE}")
        actor = add_actor(ctx, match)
        if actor in seen:
            continue
        seen.add(actor)
        ctx.add(subject, CEPA.addressee, actor)
        ctx.add(ctx.doc_iri, SCHEMA.mentions, actor)


def _theme(ctx: MappingContext, theme: Theme, broader: URIRef | None = None) -> URIRef:
    iri = ctx.iris.theme(theme.text)
    ctx.resource(iri, [CEPA.Theme], theme.text, theme.span)
    ctx.add(iri, SKOS.prefLabel, Literal(theme.text, lang="en"))
    ctx.add(iri, SKOS.inScheme, ctx.iris.scheme("themes"))
    if broader is not None and broader != iri:
        ctx.add(iri, SKOS.broader, broader)
    return iri


def _common(ctx: MappingContext, iri: URIRef, rec: Recommendation | ResolutionParagraph,
            session: URIRef, kind: str) -> None:
    ctx.add(iri, CEPA.text, Literal(rec.text))
    ctx.add(iri, CEPA.modality, Literal(rec.modality))
    ctx.add(iri, CEPA.session, session)
    ctx.add(iri, CEPA.order, integer(rec.order))
    ctx.add(iri, CEPA.recommendationKind, Literal(kind))


def to_rdf(doc: SessionDocument, ctx: MappingContext) -> None:
    n, text = doc.number, ctx.text
    session = ctx.iris.session(n)
    heading = cover([doc.number_span, doc.dates_span])
    if text[heading.start : heading.end].count("\n") > 3:  # far apart: keep the number only
        heading = doc.number_span
    ctx.resource(session, [CEPA.Session], f"CEPA session {n} ({doc.start.year})", heading)
    ctx.add(session, CEPA.sessionNumber, integer(n))
    ctx.add(session, SCHEMA.startDate, Literal(doc.start.isoformat(), datatype=XSD.date))
    ctx.add(session, SCHEMA.endDate, Literal(doc.end.isoformat(), datatype=XSD.date))

    main = _theme(ctx, doc.main_theme)
    ctx.add(session, CEPA.mainTheme, main)
    subtopics = [_theme(ctx, t, broader=main) for t in doc.subtopics]
    for s in subtopics:
        ctx.add(session, CEPA.subtopic, s)
    amr = None
    if doc.amr_theme is not None:
        amr = _theme(ctx, doc.amr_theme)
        ctx.add(session, CEPA.ministerialReviewTheme, amr)

    for rec in doc.recommendations:
        iri = ctx.iris.recommendation(n, rec.order)
        phrase = (f"{rec.addressee_phrase} {rec.modality} {rec.text}"
                  if rec.from_lead_in and rec.addressee_phrase else rec.text)
        ctx.resource(iri, [CEPA.Recommendation],
                     f"Session {n} recommendation {rec.order}: {_short(phrase)}", rec.span)
        _common(ctx, iri, rec, session, rec.kind)
        subtopic_span = None
        if rec.subtopic is not None:
            ctx.add(iri, CEPA.subtopic, subtopics[rec.subtopic])
            subtopic_span = doc.subtopics[rec.subtopic].span
        elif rec.amr and amr is not None:
            ctx.add(iri, CEPA.subtopic, amr)
        theme = doc.amr_theme if rec.amr and doc.amr_theme is not None else doc.main_theme
        _addressees(ctx, iri, rec.addressees, rec.addressee_span,
                    f"session {n} recommendation {rec.order} (line {rec.line})")
        add_alignments(ctx, iri, align(text, rec.span, subtopic=subtopic_span, theme=theme.span))

    res = doc.resolution
    if res is not None and res.paragraphs:
        res_iri = ctx.iris.resolution(n)
        ctx.resource(res_iri, [CEPA.Resolution], f"Draft resolution of CEPA session {n}",
                     res.span)
        ctx.add(res_iri, CEPA.session, session)
        ctx.add(session, CEPA.resolution, res_iri)
        for para in res.paragraphs:
            iri = ctx.iris.resolution_paragraph(n, para.order)
            phrase = (f"{para.modality} {para.addressee_phrase} to {para.text}"
                      if para.from_lead_in and para.addressee_phrase else para.text)
            ctx.resource(iri, [CEPA.ResolutionParagraph, CEPA.Recommendation],
                         f"Session {n} resolution paragraph {para.order}: {_short(phrase)}",
                         para.span)
            _common(ctx, iri, para, session, "recommendation")
            ctx.add(iri, CEPA.resolution, res_iri)
            ctx.add(res_iri, CEPA.hasParagraph, iri)
            _addressees(ctx, iri, para.addressees, para.addressee_span,
                        f"session {n} resolution paragraph {para.order} (line {para.line})")
            add_alignments(ctx, iri, align(text, para.span, theme=doc.main_theme.span))

    # every actor the document names, not only the addressees
    for match in ctx.gazetteer.find_actors(text):
        if match.kind != "place":
            ctx.add(ctx.doc_iri, SCHEMA.mentions, add_actor(ctx, match))
    for warning in doc.warnings:
        _warn(ctx, f"session {n}: {warning}")
