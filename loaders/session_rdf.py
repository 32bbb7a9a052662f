"""CEPA session model -> RDF (ontology/README.md: cepa:Session, cepa:Theme, cepa:Recommendation,
cepa:Resolution, cepa:ResolutionParagraph). Knows nothing of text layout: every offset comes from
the model.

Addressees are the actors the text names (`operative`): the gazetteer's, else a group named
as written. A recommendation that addresses no one by name gets no addressee: nothing is
invented. Recommendations are keyed by their text (`iris.text_key`), so two documents about
one session that state the same recommendation describe one resource, each in its own graph.
"""

from __future__ import annotations

import logging
import re

from cepa_kg.loaders.actor_rdf import ActorWriter
from cepa_kg.loaders.actors import ActorMatch, add_actor
from cepa_kg.loaders.alignment_rdf import add_alignments
from cepa_kg.loaders.base import MappingContext, integer
from cepa_kg.loaders.goals import align, frameworks
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.session import (
    Recommendation,
    ResolutionParagraph,
    SessionDocument,
    Theme,
)
from cepa_kg.loaders.session_fields import year_of_session
from cepa_kg.loaders.session_model import BureauMember, Place
from cepa_kg.loaders.spans import Span, clean, cover
from cepa_kg.namespaces import CEPA, FOAF, ORG, RDF, RDFS, SCHEMA, SKOS, XSD
from rdflib import Literal, URIRef

__all__ = ["addressee_actor", "resolve_addressee", "to_rdf"]

log = logging.getLogger(__name__)

LABEL_MAX = 80


def _short(text: str, limit: int = LABEL_MAX) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " \u2026"


def _warn(ctx: MappingContext, message: str) -> None:
    log.info(message)
    sink = getattr(ctx, "warnings", None)
    if isinstance(sink, list):
        sink.append(message)


def resolve_addressee(gazetteer, text: str, name: str, phrase: Span | None) -> ActorMatch | None:
    """The gazetteer's actor for an addressee name, or None when it knows none."""
    bare = re.sub(r"^(?:the|all|both|relevant)\s+", "", name.strip(), flags=re.I)
    for candidate in dict.fromkeys((name, bare, bare[:1].upper() + bare[1:])):
        match = gazetteer.resolve(candidate)
        if match is not None:
            return match
    found = [m for m in gazetteer.find_actors(name) if m.kind != "place"]
    # only a name that is the phrase's head ("the Secretariat to the United Nations")
    return found[0] if found and found[0].span.start <= 4 else None


def addressee_actor(ctx: MappingContext, name: str, phrase: Span | None) -> URIRef:
    """The actor a name addresses: the gazetteer's, else a group named as the text names it
    (`id/actor/{slug}`: "finance ministries", "schools of government")."""
    match = resolve_addressee(ctx.gazetteer, ctx.text, name, phrase)
    if match is not None:
        return add_actor(ctx, match)
    name = re.sub(r"^(?:the|all|both)\s+", "", name.strip(), flags=re.I)
    label = name[:1].upper() + name[1:]
    return ctx.resource(ctx.iris.actor(slugify(name)), [CEPA.Actor, CEPA.ActorGroup], label,
                        _where(ctx.text, name, phrase))


def _where(text: str, name: str, phrase: Span | None) -> Span | None:
    """The name's own place in the text: inside the addressee phrase, else the phrase."""
    if phrase is None:
        return None
    at = text.find(name, phrase.start, phrase.end)
    return Span(at, at + len(name)) if at >= 0 else phrase


def _addressees(ctx: MappingContext, subject: URIRef, names: tuple[str, ...],
                phrase: Span | None, where: str, *, operative: bool = True) -> None:
    """Every actor the text addresses, none it does not: a recommendation that names no one
    has no addressee (and the document's warnings say so; a conclusion addresses no one)."""
    if not names:
        if operative:
            _warn(ctx, f"{where}: addresses no one by name")
        return
    seen: set[URIRef] = set()
    for name in names:
        actor = addressee_actor(ctx, name, phrase)
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
            session: URIRef | None, kind: str) -> None:
    ctx.add(iri, CEPA.text, Literal(rec.text))
    ctx.add(iri, CEPA.modality, Literal(rec.modality))
    if session is not None:
        ctx.add(iri, CEPA.session, session)
    ctx.add(iri, CEPA.order, integer(rec.order))
    ctx.add(iri, CEPA.recommendationKind, Literal(kind))


def session_era(number: int | None, start: object) -> str | None:
    """"sdg" from the 15th session (2016, the first under the 2030 Agenda), else "mdg"."""
    year = getattr(start, "year", None) or (2001 + number if number else None)
    return None if year is None else ("sdg" if year >= 2016 else "mdg")


def _place(ctx: MappingContext, place: Place) -> URIRef:
    match = ctx.gazetteer.resolve(place.name)
    if match is not None and match.kind == "place":
        return add_actor(ctx, match)
    iri = ctx.iris.place(place.name)
    ctx.resource(iri, [CEPA.Place, SCHEMA.Place], place.name, place.span)
    written = clean(place.span.of(ctx.text))
    if written != place.name:  # "UNHQ", "UN Headquarters"
        ctx.add(iri, SKOS.altLabel, Literal(written, lang=place.lang))
    return iri


def _bureau(ctx: MappingContext, session: URIRef | None, n: int | None,
            member: BureauMember) -> None:
    """A member of the Committee, in the role the page gives: at a session when the page names
    one, else of the Committee (a page about its members)."""
    person = ctx.resource(ctx.iris.person(member.name), [CEPA.Person, CEPA.Actor, FOAF.Person],
                          member.name, member.span)
    ctx.add(person, FOAF.name, Literal(member.name))
    if member.honorific:
        ctx.add(person, CEPA.honorific, Literal(member.honorific))
    if member.country:
        country = ctx.gazetteer.resolve(member.country)
        if country is not None and country.kind == "country":
            ctx.add(person, SCHEMA.nationality, add_actor(ctx, country))
    if member.post:
        ctx.add(person, CEPA.title, Literal(member.post))
    if not member.role:  # someone the page names at the session (a speaker): no member
        if session is not None:
            ctx.add(session, SCHEMA.attendee, person)
        ctx.add(ctx.doc_iri, SCHEMA.mentions, person)
        return
    role = ctx.iris.role(member.role)
    ctx.add(role, RDF.type, ORG.Role)
    ctx.add(role, RDFS.label, Literal(member.role, lang="en"))
    at = f"-{n}" if n is not None else ""
    membership = ctx.resource(URIRef(f"{person}#cepa{at}-{slugify(member.role)}"),
                              [ORG.Membership], f"{member.role} of CEPA" + (
                                  f" at session {n}" if n is not None else ""), member.span)
    ctx.add(person, ORG.hasMembership, membership)
    ctx.add(membership, ORG.member, person)
    ctx.add(membership, ORG.organization, ctx.iris.actor("cepa"))
    ctx.add(membership, ORG.role, role)
    if session is not None:
        ctx.add(membership, CEPA.session, session)


def _session(ctx: MappingContext, doc: SessionDocument) -> URIRef | None:
    """The session resource, with what this page says of it (None: the page names none)."""
    n = doc.number
    if n is None:
        return None
    session = ctx.iris.session(n)
    spans = [s for s in (doc.number_span, doc.dates_span) if s is not None]
    heading = cover(spans) if spans else None
    if heading is not None and ctx.text[heading.start: heading.end].count("\n") > 3:
        heading = doc.number_span
    ctx.resource(session, [CEPA.Session], f"CEPA session {n} ({year_of_session(n)})", heading)
    ctx.add(session, CEPA.sessionNumber, integer(n))
    if doc.start is not None:  # (a page may say only the day it opened: no end date)
        ctx.add(session, SCHEMA.startDate, Literal(doc.start.isoformat(), datatype=XSD.date))
    if doc.end is not None:
        ctx.add(session, SCHEMA.endDate, Literal(doc.end.isoformat(), datatype=XSD.date))
    for place in doc.places:
        ctx.add(session, SCHEMA.location, _place(ctx, place))
    return session


def to_rdf(doc: SessionDocument, ctx: MappingContext) -> None:
    n, text = doc.number, ctx.text
    session = _session(ctx, doc)
    about = session if session is not None else ctx.doc_iri
    if session is not None:
        ctx.add(ctx.doc_iri, SCHEMA.about, session)
    name = f"Session {n}" if n is not None else "CEPA"

    main = None
    if doc.main_theme is not None and doc.main_theme.text:
        main = _theme(ctx, doc.main_theme)
        if session is not None:
            ctx.add(session, CEPA.mainTheme, main)
    subtopics = [_theme(ctx, t, broader=main) for t in doc.subtopics]
    if session is not None:
        for s in subtopics:
            ctx.add(session, CEPA.subtopic, s)
    amr = None
    if doc.amr_theme is not None:
        amr = _theme(ctx, doc.amr_theme)
        if session is not None:
            ctx.add(session, CEPA.ministerialReviewTheme, amr)
    for member in doc.bureau:
        _bureau(ctx, session, n if session is not None else None, member)
    if doc.named:  # the other people the page names, with their posts: mentioned
        writer = ActorWriter(ctx, committee=True)
        for person in doc.named:
            writer.person(person)
        for iri in sorted(writer.mentioned):
            ctx.add(ctx.doc_iri, SCHEMA.mentions, iri)

    theme_span = doc.main_theme.span if doc.main_theme is not None else None
    era = session_era(n, doc.start)  # which framework a bare "Goal 6" means
    written: set[URIRef] = set()  # a passage stated twice in one page is one resource
    for rec in doc.recommendations:
        iri = ctx.iris.recommendation(about, rec.text)
        if iri in written:
            continue
        written.add(iri)
        phrase = (f"{rec.addressee_phrase} {rec.modality} {rec.text}"
                  if rec.from_lead_in and rec.addressee_phrase else rec.text)
        ctx.resource(iri, [CEPA.Recommendation], f"{name} {rec.kind}: {_short(phrase)}",
                     rec.span)
        _common(ctx, iri, rec, session, rec.kind)
        subtopic_span = None
        if rec.subtopic is not None and rec.subtopic < len(subtopics):
            ctx.add(iri, CEPA.subtopic, subtopics[rec.subtopic])
            subtopic_span = doc.subtopics[rec.subtopic].span
        elif rec.amr and amr is not None:
            ctx.add(iri, CEPA.subtopic, amr)
        theme = doc.amr_theme if rec.amr and doc.amr_theme is not None else doc.main_theme
        _addressees(ctx, iri, rec.addressees, rec.addressee_span,
                    f"{name} recommendation {rec.order} (line {rec.line})",
                    operative=rec.kind != "conclusion")
        add_alignments(ctx, iri, align(text, rec.span, subtopic=subtopic_span,
                                       theme=theme.span if theme is not None else None, era=era),
                       mentions=frameworks(text, rec.span))

    res = doc.resolution
    if res is not None and res.paragraphs and session is not None and n is not None:
        res_iri = ctx.iris.resolution(n)
        ctx.resource(res_iri, [CEPA.Resolution], f"Draft resolution of CEPA session {n}",
                     res.span)
        ctx.add(res_iri, CEPA.session, session)
        ctx.add(session, CEPA.resolution, res_iri)
        for para in res.paragraphs:
            iri = ctx.iris.resolution_paragraph(n, para.text)
            if iri in written:
                continue
            written.add(iri)
            phrase = (f"{para.modality} {para.addressee_phrase} to {para.text}"
                      if para.from_lead_in and para.addressee_phrase else para.text)
            ctx.resource(iri, [CEPA.ResolutionParagraph, CEPA.Recommendation],
                         f"Session {n} resolution: {_short(phrase)}", para.span)
            _common(ctx, iri, para, session, "recommendation")
            ctx.add(iri, CEPA.resolution, res_iri)
            ctx.add(res_iri, CEPA.hasParagraph, iri)
            _addressees(ctx, iri, para.addressees, para.addressee_span,
                        f"session {n} resolution paragraph {para.order} (line {para.line})")
            add_alignments(ctx, iri, align(text, para.span, theme=theme_span, era=era),
                           mentions=frameworks(text, para.span))

    # every actor the document names, not only the addressees
    for match in ctx.gazetteer.find_actors(text):
        if match.kind != "place":
            ctx.add(ctx.doc_iri, SCHEMA.mentions, add_actor(ctx, match))
    for warning in doc.warnings:
        _warn(ctx, f"{name}: {warning}")
