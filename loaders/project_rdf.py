"""Map a parsed Development Account project page (`project.ProjectDocument`) to RDF.

Shapes (ontology/README.md):
- `id/project/{code or slug of the title}` per project of the page (a listing has several):
  cepa:Project, prov:Activity, schema:Project; rdfs:label and schema:name the title;
  cepa:projectCode, cepa:objective (traced to goals), dcterms:description, cepa:budget (US$),
  cepa:tranche, cepa:projectStatus, cepa:startYear, cepa:endYear, cepa:beneficiaryCountry,
  cepa:implementedBy, cepa:partner, cepa:expectedAccomplishment, cepa:activity,
  dcterms:references.
- `{project}/accomplishment/{k}`: cepa:ExpectedAccomplishment with cepa:text, cepa:order.
- `{project}/activity/{k}`: cepa:ProjectActivity with cepa:text, cepa:order, cepa:numbering.
- `id/un-document/{SYMBOL}`: cepa:UNDocument, foaf:Document; cepa:symbol; dcterms:date when the
  page dates it; the source span of its first mention. The document references it too.
- `<doc> schema:mentions <actor>` for every actor the page names.
Every extracted resource goes through `ctx.resource` (label, prov:wasDerivedFrom, source span).
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import Literal, URIRef

from cepa_kg.loaders.actors import Gazetteer, add_actor, add_country
from cepa_kg.loaders.alignment_rdf import add_alignments
from cepa_kg.loaders.base import MappingContext, integer
from cepa_kg.loaders.goals import Alignment, FrameworkMention, align, alignment_order, frameworks
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.project import ProjectDocument
from cepa_kg.loaders.project_model import Named, ProjectRecord
from cepa_kg.loaders.spans import Span
from cepa_kg.namespaces import CEPA, DCTERMS, FOAF, PROV, SCHEMA, SKOS, XSD

LABEL_MAX = 100


def _short(text: str, limit: int = LABEL_MAX) -> str:
    """A label from a long text: cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _gazetteer(ctx: MappingContext):
    return ctx.gazetteer if ctx.gazetteer is not None else Gazetteer.bundled()


def _actor(ctx: MappingContext, who: Named) -> URIRef:
    """The actor a name stands for: the gazetteer's, else an organisation named as written."""
    gz = _gazetteer(ctx)
    match = gz.resolve(who.name)
    given = _GIVEN_ACRONYM.search(who.name)
    if match is None and given is not None:  # "... for West Asia (ESCWA)": the body its
        match = gz.resolve(given.group(1))  # acronym names, however the name is written
        if match is not None and match.kind == "country":
            match = None
    if match is None:
        found = [m for m in gz.find_actors(ctx.text, who.span) if m.kind != "place"
                 # (a known name inside a longer one is not that one: "African Management
                 # Development Institutes' Network" is no "Management Development Institutes")
                 and len(m.span) >= len(who.span) - len("the ")]
        match = found[0] if found else None
    if match is not None:
        return add_actor(ctx, match)
    actor = ctx.resource(ctx.iris.actor(slugify(who.name)), [CEPA.Actor, CEPA.Organization],
                         who.name, who.span)
    acronym = _GIVEN_ACRONYM.search(who.span.of(ctx.text))
    if acronym:  # "the United Nations Capacity Development Fund (UNCDF)": its acronym too
        ctx.add(actor, CEPA.acronym, Literal(acronym.group(1)))
        ctx.add(actor, SKOS.altLabel, Literal(acronym.group(1), lang="en"))
    return actor


#: The acronym a page gives in parentheses right after a name it names.
_GIVEN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z-]{1,10})\)\s*$")


def project_iri(ctx: MappingContext, record: ProjectRecord) -> URIRef:
    """`id/project/{code}` when the page gives the code (so the project page, its portal
    record and a listing name one project), else `id/project/{slug of the title}`."""
    return ctx.iris.project(record.code if record.code else record.title)


#: What lies between two items of one list: space, a glyph, the next item's number.
_BETWEEN_ITEMS = re.compile(r"[\s•·▪◦*\-–—;,]*(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)][\s]*)?"
                            r"(?:and\s+)?")


def _runs(text: str, spans: list[Span]) -> list[Span]:
    """Spans that follow one another as the items of one list made one; others kept apart."""
    runs: list[Span] = []
    for one in sorted(spans, key=lambda s: s.start):
        if runs and runs[-1].end <= one.start and _BETWEEN_ITEMS.fullmatch(
                text, runs[-1].end, one.start):
            runs[-1] = Span(runs[-1].start, max(runs[-1].end, one.end))
        else:
            runs.append(one)
    return runs


def project_record(ctx: MappingContext, record: ProjectRecord) -> URIRef:
    """One project: its resource, fields, goals, actors and the document's `schema:about` it."""
    project = ctx.resource(project_iri(ctx, record), [CEPA.Project, PROV.Activity, SCHEMA.Project],
                           record.title, record.title_span)
    ctx.add(project, SCHEMA.name, Literal(record.title, lang="en"))
    if record.code:
        ctx.add(project, CEPA.projectCode, Literal(record.code))
    era = None if record.start_year is None else (
        "sdg" if record.start_year >= 2016 else "mdg")
    if record.objective is not None:
        stated = (record.objective, *record.other_objectives)
        for one in stated:
            ctx.add(project, CEPA.objective, Literal(one.text))
        # (the goals of all the objectives, one alignment per goal: objectives listed together
        # are read together; one stated apart, elsewhere on the page, on its own text)
        alignments: dict[str, Alignment] = {}
        mentions: list[FrameworkMention] = []
        for where in _runs(ctx.text, [one.span for one in stated]):
            for found in align(ctx.text, where, era=era, project=True):
                alignments.setdefault(found.code, found)
            mentions += frameworks(ctx.text, where)
        add_alignments(ctx, project, sorted(alignments.values(), key=alignment_order),
                       recommendation=False, mentions=mentions)
    if record.background is not None:
        ctx.add(project, DCTERMS.description, Literal(record.background.text))
    if record.budget is not None:
        ctx.add(project, CEPA.budget, Literal(f"{record.budget.usd:.2f}", datatype=XSD.decimal))
    if record.tranche is not None:
        ctx.add(project, CEPA.tranche, integer(record.tranche))
    if record.status is not None:
        ctx.add(project, CEPA.projectStatus, Literal(record.status))
    if record.start_year is not None:
        ctx.add(project, CEPA.startYear, Literal(str(record.start_year), datatype=XSD.gYear))
    if record.end_year is not None:
        ctx.add(project, CEPA.endYear, Literal(str(record.end_year), datatype=XSD.gYear))
    for country in record.countries:
        ctx.add(project, CEPA.beneficiaryCountry, add_country(ctx.graph, ctx.iris,
                                                              country.alpha3))
    implementers = {_actor(ctx, who) for who in record.implementers}
    for actor in implementers:
        ctx.add(project, CEPA.implementedBy, actor)
    for who in record.partners:
        actor = _actor(ctx, who)
        if actor not in implementers:
            ctx.add(project, CEPA.partner, actor)
    for a in record.accomplishments:
        node = _list_item(ctx, project, "accomplishment", CEPA.ExpectedAccomplishment, a)
        ctx.add(project, CEPA.expectedAccomplishment, node)
    for act in record.activities:
        node = _list_item(ctx, project, "activity", CEPA.ProjectActivity, act)
        if act.numbering:
            ctx.add(node, CEPA.numbering, Literal(act.numbering))
        ctx.add(project, CEPA.activity, node)
    ctx.add(ctx.doc_iri, SCHEMA.about, project)
    return project


def to_rdf(doc: ProjectDocument, ctx: MappingContext) -> None:
    """Add each project, its accomplishments, the UN documents the page cites and the actors it
    names to `ctx.graph`."""
    g = ctx.graph
    projects = [project_record(ctx, record) for record in doc.projects]
    for ref in doc.documents:
        un_doc = ctx.resource(
            ctx.iris.un_document(ref.symbol),
            [CEPA.UNDocument, FOAF.Document],
            ref.symbol,
            ref.first_span,
        )
        ctx.add(un_doc, CEPA.symbol, Literal(ref.symbol))
        if ref.date is not None:
            ctx.add(un_doc, DCTERMS.date, Literal(ref.date.isoformat(), datatype=XSD.date))
        if len(projects) == 1:
            ctx.add(projects[0], DCTERMS.references, un_doc)
        ctx.add(ctx.doc_iri, DCTERMS.references, un_doc)

    seen: set[URIRef] = set()
    for match in _gazetteer(ctx).find_actors(ctx.text):
        actor = add_actor(ctx, match)
        if actor not in seen:
            seen.add(actor)
            g.add((ctx.doc_iri, SCHEMA.mentions, actor))


def _list_item(ctx: MappingContext, project: URIRef, kind: str, cls: URIRef,
               item: Any) -> URIRef:
    """An accomplishment or activity: `{project}/{kind}/{order}` with its text and order."""
    node = ctx.resource(URIRef(f"{project}/{kind}/{item.order}"), [cls], _short(item.text),
                        item.span)
    ctx.add(node, CEPA.text, Literal(item.text))
    ctx.add(node, CEPA.order, Literal(item.order))
    return node
