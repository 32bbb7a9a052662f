"""Write goal alignments as RDF: `cepa:alignedTo` links plus one `cepa:GoalAlignment` each."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from cepa_kg.loaders.base import MappingContext, fragment
from cepa_kg.loaders.goals import Alignment
from cepa_kg.namespaces import CEPA, RDF, RDFS, XSD, PROV


def goal_iri(ctx: MappingContext, code: str) -> URIRef:
    """`mdg-6` -> id/goal/mdg-6; `mdg-8a` -> id/target/mdg-8a."""
    is_target = code[-1].isalpha()
    return ctx.iris.target(code) if is_target else ctx.iris.goal(code)


def add_alignments(ctx: MappingContext, rec: URIRef, alignments: list[Alignment]) -> None:
    g = ctx.graph
    for a in alignments:
        goal = goal_iri(ctx, a.code)
        node = fragment(rec, a.code)
        g.add((rec, CEPA.alignedTo, goal))
        g.add((rec, CEPA.hasAlignment, node))
        g.add((node, RDF.type, CEPA.GoalAlignment))
        g.add((node, RDFS.label, Literal(f"Alignment to {a.code.upper()}", lang="en")))
        g.add((node, PROV.wasDerivedFrom, ctx.doc_iri))
        g.add((node, CEPA.recommendation, rec))
        g.add((node, CEPA.goal, goal))
        g.add((node, CEPA.method, Literal(a.method)))
        g.add((node, CEPA.score, Literal(Decimal(str(round(a.score, 3))), datatype=XSD.decimal)))
        g.add((node, CEPA.evidence, Literal(a.evidence)))
        if a.span is not None:
            ctx.source_span(node, a.span)
