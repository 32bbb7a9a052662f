"""Map a parsed DPADM monthly update (`update.UpdateDocument`) to RDF (ontology/README.md).

Each item becomes a `cepa:Event` (and its subclass: `cepa:Seminar`, `cepa:Meeting`, ...), each
person a `cepa:Person` with an `org:Membership` per title they are given, each collaboration a
`cepa:Partnership`; every resource carries its label, `prov:wasDerivedFrom` the document and
its exact source span.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from cepa_kg.loaders.actor_rdf import ActorWriter
from cepa_kg.loaders.base import MappingContext
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.project_rdf import project_record
from cepa_kg.loaders.spans import clean
from cepa_kg.loaders.update import Event, Partnership, UpdateDocument, UpdateItem
from cepa_kg.namespaces import CEPA, DCTERMS, ORG, SCHEMA, SKOS, XSD
from rdflib import Literal, URIRef

__all__ = ["partnership_slug", "to_rdf"]

DESCRIPTION_MAX = 500


def partnership_slug(doc: UpdateDocument, item: UpdateItem, p: Partnership) -> str:
    """`2011-11-item-2-dpadm-unodc`: month, item position, the parties' slugs (sorted)."""
    parties = "-".join(sorted(a.path.rsplit("/", 1)[-1].lower() for a in p.parties))
    month = f"{doc.date:%Y-%m}" if doc.date else "undated"
    return slugify(f"{month}-item-{item.position}-{parties}", max_length=120)


@lru_cache(maxsize=4096)
def _date_literal(value: dt.date | None, month: dt.date | None) -> Literal:
    """The day, or the month when there is none (made once: a typed Literal is slow to make)."""
    if value is None:
        assert month is not None
        return Literal(f"{month:%Y-%m}", datatype=XSD.gYearMonth)
    return Literal(value.isoformat(), datatype=XSD.date)


def _description(text: str) -> str:
    body = clean(text)
    if len(body) <= DESCRIPTION_MAX:
        return body
    cut = body.rfind(" ", 0, DESCRIPTION_MAX)
    return body[: cut if cut > 0 else DESCRIPTION_MAX].rstrip(" ,;:") + " …"


class _Mapper(ActorWriter):
    def __init__(self, doc: UpdateDocument, ctx: MappingContext) -> None:
        super().__init__(ctx)
        self.doc = doc

    def item(self, item: UpdateItem, taken: set[URIRef]) -> None:
        """The events the item reports (none: an item about something else), then the
        partnerships it tells of, tied to its first event."""
        events = [self.event(item, e, taken) for e in item.events]
        slugs: set[str] = set()
        for p in item.partnerships:
            self.partnership(item, p, events[0] if events else None, slugs)
        for a in item.actors:  # every organisation the item names
            self.actor(a)

    def event(self, item: UpdateItem, event: Event, taken: set[URIRef]) -> URIRef:
        ctx, doc = self.ctx, self.doc
        day = event.start.isoformat() if event.start else (
            f"{doc.date:%Y-%m}" if doc.date else "undated")
        iri = ctx.iris.event(day, event.name)
        if iri in taken:  # two events of one day with one name: keep both apart (the mark
            # after the name's slug, which a long name's cut would lose)
            iri = URIRef(f"{iri}-{item.position}-{len(taken)}")
        taken.add(iri)
        kind_class = {"award": "AwardCeremony", "launch": "Launch"}.get(
            event.kind or "", (event.kind or "").capitalize())
        types = [CEPA.Event] + ([CEPA[kind_class]] if event.kind else [])
        ctx.resource(iri, types, event.name, event.name_span)
        ctx.add(iri, SCHEMA.name, Literal(event.name, lang="en"))
        for name in event.other_names:  # its noun phrase, the item's title
            ctx.add(iri, SKOS.altLabel, Literal(name, lang="en"))
        if event.start is not None:
            ctx.add(iri, SCHEMA.startDate, _date_literal(event.start, None))
            if event.dates is not None:  # a day's meeting ends that day (schema.org's reading)
                ctx.add(iri, SCHEMA.endDate, _date_literal(event.dates.end or event.dates.start,
                                                           None))
        elif event.month is not None or doc.date is not None:
            ctx.add(iri, SCHEMA.startDate, _date_literal(None, event.month or doc.date))
        ctx.add(iri, CEPA.itemNumber, Literal(item.number))
        ctx.add(iri, CEPA.reportedIn, ctx.doc_iri)
        ctx.add(iri, DCTERMS.description, Literal(_description(event.span.of(ctx.text)),
                                                  lang="en"))
        if event.location is not None:
            ctx.add(iri, SCHEMA.location, self.location(event.location))
        organizers = {a.path for a in event.organizers}
        for a in event.organizers:
            ctx.add(iri, SCHEMA.organizer, self.actor(a))
        for a in event.participants:
            if a.path not in organizers:
                ctx.add(iri, SCHEMA.attendee, self.actor(a))
        for pm in event.speakers:  # the people the event's text names took part in it
            ctx.add(iri, SCHEMA.attendee, self.person(self.doc.person(pm.key)))
        return iri

    def partnership(self, item: UpdateItem, p: Partnership, event: URIRef | None,
                    slugs: set[str]) -> None:
        ctx = self.ctx
        slug = partnership_slug(self.doc, item, p)
        if slug in slugs:
            slug = f"{slug}-{len(slugs) + 1}"
        slugs.add(slug)
        label = f"{' – '.join(p.names or tuple(a.label for a in p.parties))}: {p.purpose}"
        iri = ctx.resource(ctx.iris.partnership(slug),
                           [CEPA.Partnership, ORG.OrganizationalCollaboration], label, p.span)
        for a in p.parties:
            ctx.add(iri, CEPA.party, self.actor(a))
        ctx.add(iri, CEPA.purpose, Literal(p.purpose))
        ctx.add(iri, CEPA.status, Literal(p.status))
        when = item.start or self.doc.date
        if when is not None:
            ctx.add(iri, DCTERMS.date, _date_literal(item.start, self.doc.date or when))
        if event is not None:
            ctx.add(iri, CEPA.event, event)


def to_rdf(doc: UpdateDocument, ctx: MappingContext) -> None:
    """Add the update's events, people and partnerships to `ctx.graph` (the document's own
    description is written by the pipeline)."""
    mapper = _Mapper(doc, ctx)
    if doc.issuer is not None:
        mapper.actor(doc.issuer)
    taken: set[URIRef] = set()
    for item in doc.items:
        mapper.item(item, taken)
    for p in doc.persons:
        mapper.person(p)
    for a in doc.mentioned:  # named outside the items: mentioned all the same
        mapper.actor(a)
    for record in doc.projects:  # the project the story names: described by the page too
        project_record(ctx, record)
    for iri in sorted(mapper.mentioned):
        ctx.add(ctx.doc_iri, SCHEMA.mentions, iri)
