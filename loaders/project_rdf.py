"""Map a parsed Development Account project page (`project.ProjectDocument`) to RDF.

Shapes (ontology/README.md):
- `id/project/{slug}`: cepa:Project, prov:Activity, schema:Project; rdfs:label the title;
  cepa:objective; dcterms:description the background; cepa:implementedBy the actor;
  cepa:expectedAccomplishment, cepa:activity, dcterms:references.
- `{project}/accomplishment/{k}`: cepa:ExpectedAccomplishment with cepa:text, cepa:order.
- `{project}/activity/{k}`: cepa:ProjectActivity with cepa:text, cepa:order, cepa:numbering.
- `id/un-document/{SYMBOL}`: cepa:UNDocument, foaf:Document; cepa:symbol; dcterms:date when the
  page dates it; the source span of its first mention. The document references it too.
- `<doc> schema:mentions <actor>` for every actor the page names.
Every extracted resource goes through `ctx.resource` (label, prov:wasDerivedFrom, source span).
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef

from cepa_kg.loaders.actors import Gazetteer, add_actor
from cepa_kg.loaders.base import MappingContext
from cepa_kg.loaders.project import ImplementingActor, ProjectDocument
from cepa_kg.namespaces import CEPA, DCTERMS, FOAF, PROV, SCHEMA, XSD

LABEL_MAX = 100


def _short(text: str, limit: int = LABEL_MAX) -> str:
    """A label from a long text: cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _gazetteer(ctx: MappingContext):
    return ctx.gazetteer if ctx.gazetteer is not None else Gazetteer.bundled()


def _implementer(ctx: MappingContext, who: ImplementingActor) -> URIRef | None:
    gz = _gazetteer(ctx)
    match = gz.resolve(who.name)
    if match is None:  # "UN-DESA/DPADM", "the Division for ... (DPADM)"
        found = gz.find_actors(ctx.text, who.span)
        match = next((m for m in found if m.kind in ("organization", "group")), None)
        match = match or (found[0] if found else None)
    return add_actor(ctx, match) if match is not None else None


def project_iri(ctx: MappingContext, doc: ProjectDocument) -> URIRef:
    return ctx.iris.project(doc.title)


def to_rdf(doc: ProjectDocument, ctx: MappingContext) -> None:
    """Add the project, its accomplishments, activities, cited UN documents and the actors the
    page names to `ctx.graph`."""
    g = ctx.graph
    project = ctx.resource(
        project_iri(ctx, doc),
        [CEPA.Project, PROV.Activity, SCHEMA.Project],
        doc.title,
        doc.title_span,
    )
    ctx.add(project, CEPA.objective, Literal(doc.objective.text))
    if doc.background is not None:
        ctx.add(project, DCTERMS.description, Literal(doc.background.text))

    if doc.implementer is not None:
        actor = _implementer(ctx, doc.implementer)
        if actor is not None:
            ctx.add(project, CEPA.implementedBy, actor)

    for a in doc.accomplishments:
        node = _list_item(ctx, project, "accomplishment", CEPA.ExpectedAccomplishment, a)
        ctx.add(project, CEPA.expectedAccomplishment, node)

    for act in doc.activities:
        node = _list_item(ctx, project, "activity", CEPA.ProjectActivity, act)
        if act.numbering:
            ctx.add(node, CEPA.numbering, Literal(act.numbering))
        ctx.add(project, CEPA.activity, node)

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
        ctx.add(project, DCTERMS.references, un_doc)
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
