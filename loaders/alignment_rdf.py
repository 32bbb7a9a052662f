"""Write goal alignments as RDF: `cepa:alignedTo` links plus one `cepa:GoalAlignment` each."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef

from cepa_kg.loaders.base import MappingContext, fragment
from cepa_kg.loaders.goal_correspondence import sdg_alignments
from cepa_kg.loaders.goals import Alignment, FrameworkMention, is_target
from cepa_kg.loaders.spans import Span
from cepa_kg.namespaces import CEPA, RDF, RDFS, XSD, PROV


def goal_iri(ctx: MappingContext, code: str) -> URIRef:
    """`mdg-6` -> id/goal/mdg-6; `mdg-8a` -> id/target/mdg-8a; `sdg-16-6` -> id/target/sdg-16-6."""
    return ctx.iris.target(code) if is_target(code) else ctx.iris.goal(code)


_TYPE, _LABEL, _DERIVED = RDF.type, RDFS.label, PROV.wasDerivedFrom  # made once


@lru_cache(maxsize=1024)
def _score(score: float) -> Literal:
    return Literal(Decimal(str(score)), datatype=XSD.decimal)


@lru_cache(maxsize=256)
def _label(code: str) -> Literal:
    return Literal(f"Alignment to {code.upper()}", lang="en")


@lru_cache(maxsize=16)
def _plain(text: str) -> Literal:
    return Literal(text)


def _add(ctx: MappingContext, rec: URIRef, code: str, method: str, score: float,
         source: Alignment, *, recommendation: bool = True) -> URIRef:
    g = ctx.graph
    goal = goal_iri(ctx, code)
    node = fragment(rec, code)
    g.add((rec, CEPA.alignedTo, goal))
    g.add((rec, CEPA.hasAlignment, node))
    g.add((node, _TYPE, CEPA.GoalAlignment))
    g.add((node, _LABEL, _label(code)))
    g.add((node, _DERIVED, ctx.doc_iri))
    if recommendation:
        g.add((node, CEPA.recommendation, rec))
    g.add((node, CEPA.goal, goal))
    g.add((node, CEPA.method, _plain(method)))
    g.add((node, CEPA.score, _score(round(score, 3))))
    g.add((node, CEPA.evidence, Literal(source.evidence)))
    if source.span is not None:
        g.add((node, CEPA.sourceSpan, _evidence_span(ctx, rec, source.span)))
    return node


def _evidence_span(ctx: MappingContext, rec: URIRef, span: Span) -> URIRef:
    """`<rec#evidence-{start}-{end}>`: one quote per distinct evidence phrase of a
    recommendation, shared by its alignments (a goal, its target and the SDGs they lead to
    usually rest on the same phrase)."""
    src = fragment(rec, f"evidence-{span.start}-{span.end}")
    return ctx.quote(src, span, fragment(src, "quote"), fragment(src, "position"))


def add_alignments(ctx: MappingContext, rec: URIRef, alignments: list[Alignment], *,
                   recommendation: bool = True,
                   mentions: list[FrameworkMention] | None = None) -> None:
    """The alignments as found (SDGs and MDGs, read from the text), then the SDG goals their
    MDG targets lead to through the editorial correspondence, where the text gave none itself
    (method "correspondence", `cepa:via` the MDG target: a derivation, never evidence). `rec`
    is a recommendation, or (`recommendation` False) another traced resource: a project. The
    frameworks it mentions as a whole ("the MDGs") are `cepa:mentionsFramework`."""
    for a in alignments:
        _add(ctx, rec, a.code, a.method, a.score, a, recommendation=recommendation)
    found = {a.code for a in alignments}
    for s in sdg_alignments(alignments):
        if s.code in found:
            continue
        node = _add(ctx, rec, s.code, "correspondence", s.score, s.source,
                    recommendation=recommendation)
        ctx.graph.add((node, CEPA.via, goal_iri(ctx, s.via)))
    for scheme in dict.fromkeys(m.scheme for m in mentions or ()):
        ctx.graph.add((rec, CEPA.mentionsFramework, ctx.iris.scheme(scheme)))
