"""SHACL validation of a document's graph against the shapes, with the reference data and the
ontology beside it (so `sh:class` checks reach goals and gazetteer actors).

A document is checked by the compiled validator of `cepa_kg.shacl_engine` (a few ms); only when
it finds something is pySHACL run, so that the report people read is the standard one. The
environment variable CEPA_KG_VALIDATOR=pyshacl makes every validation go through pySHACL.
pySHACL patches rdflib on import, so it is imported here only, lazily, and this module stays
out of the server."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cepa_kg.reference import reference_graph, shapes_graph
from cepa_kg.shacl_engine import CompiledShapes, FastViolation, ReferenceIndex, Triple
from rdflib import Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import SH
from rdflib.term import Node

log = logging.getLogger("cepa_kg.validation")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None


@dataclass(frozen=True)
class ValidationReport:
    """`conforms` unless a result is an integrity violation (sh:Violation): the document is
    then refused. Completeness results (sh:Warning: no theme, no addressee) are `warnings`:
    the document is loaded, and what it lacks is reported."""

    conforms: bool
    violations: tuple[Violation, ...]
    warnings: tuple[Violation, ...] = ()

    def text(self, limit: int = 50) -> str:
        """A report for people: one line per violation, most useful fields first."""
        if self.conforms:
            return "conforms to the shapes"
        lines = [f"{len(self.violations)} violation(s) of the shapes:"]
        for v in self.violations[:limit]:
            where = f" {v.path}" if v.path else ""
            lines.append(f"  - {v.severity}: <{v.focus}>{where}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def violations(report: Graph) -> tuple[Violation, ...]:
    def one(result: Node, p: URIRef) -> str | None:
        value = report.value(result, p)
        return str(value) if value is not None else None

    out = []
    for result in report.objects(None, SH.result):  # not the nested sh:detail results
        severity = (one(result, SH.resultSeverity) or "").rsplit("#", 1)[-1]
        out.append(Violation(
            focus=one(result, SH.focusNode) or "?",
            path=one(result, SH.resultPath),
            message=one(result, SH.resultMessage) or "(no message)",
            severity=severity,
            shape=one(result, SH.sourceShape),
        ))
    return _sorted(out)


def _sorted(found: list[Violation]) -> tuple[Violation, ...]:
    return tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.message)))


@lru_cache(maxsize=1)
def compiled_shapes() -> CompiledShapes:
    """The shapes compiled for the fast validator (cached like `shapes_graph()`)."""
    return CompiledShapes.compile(shapes_graph())


@lru_cache(maxsize=4)
def reference_index(base: str) -> ReferenceIndex:
    """The reference data of `base` indexed for the fast validator, once per base."""
    return ReferenceIndex(reference_graph(base))


def validate_graph(graph: Iterable[Triple], *, base: str,
                   validator: str = "compiled") -> ValidationReport:
    """Validate the resources of `graph` (one or more documents' triples: an rdflib Graph, the
    loaders' `Triples`, or any re-iterable collection of rdflib triples) against the shapes,
    with the reference data beside them so that links into it are checked.

    Only `graph`'s own subjects are focus nodes, each checked against the shapes that target it
    (by its classes, with the reference data's subclasses, or sh:targetSubjectsOf): the
    reference data is the same for every document and its own conformance is a test
    (tests/test_shapes.py), so validating it again per document would only cost time. Shapes
    reached from a focus node (sh:node, sh:or, sh:qualifiedValueShape) are checked on any value,
    in the document or the reference data."""
    if validator == "pyshacl":  # (the settings' choice: pySHACL decides every document)
        return _pyshacl_report(graph, base)
    shapes = compiled_shapes()
    data = shapes.index(reference_index(base), graph)
    focus = data.document_subjects()
    if not focus:
        return ValidationReport(True, ())
    conforms, found = shapes.validate(data, focus)
    if not found:
        return ValidationReport(True, ())
    if conforms:  # completeness warnings only: loaded, reported
        return ValidationReport(True, (), _sorted([_violation(v) for v in found]))
    try:
        report = _pyshacl_report(graph, base, focus=frozenset(focus))
    except Exception:
        log.exception("pySHACL failed to explain a refusal; reporting the fast validator's")
        report = _split(False, [_violation(v) for v in found])
    if report.conforms and not report.violations:
        log.warning("the fast validator and pySHACL disagree (pySHACL accepts): %s",
                    "; ".join(f"{v.focus} {v.path} {v.component}" for v in found[:5]))
    return report


def _violation(v: FastViolation) -> Violation:
    return Violation(focus=str(v.focus), path=v.path, message=v.message,
                     severity=str(v.severity).rsplit("#", 1)[-1], shape=str(v.shape))


def _pyshacl_report(graph: Iterable[Triple], base: str, *,
                    focus: frozenset[Node] | None = None) -> ValidationReport:
    """pySHACL's verdict and report on `graph`'s own subjects, over the union of the reference
    data and `graph` (not copied: a read-only aggregate)."""
    if isinstance(graph, Graph):
        document = graph
    else:
        document = Graph()
        for triple in graph:
            document.add(triple)
    if focus is None:
        focus = frozenset(document.subjects())
    if not focus:
        return ValidationReport(True, ())
    data = ReadOnlyGraphAggregate([reference_graph(base), document])
    conforms, report = pyshacl_validate(data, focus)
    names = {str(node) for node in focus}
    return _split(conforms, [v for v in violations(report) if v.focus in names])


def _split(conforms: bool, results: list[Violation]) -> ValidationReport:
    """Results as integrity violations and completeness warnings (sh:Warning, sh:Info)."""
    errors = [v for v in results if v.severity not in ("Warning", "Info")]
    warnings = [v for v in results if v.severity in ("Warning", "Info")]
    return ValidationReport(conforms and not errors, tuple(errors), tuple(warnings))


def pyshacl_validate(data: Graph, focus: Collection[Node],
                     shapes: Graph | None = None) -> tuple[bool, Graph]:
    """pySHACL over `data` with `shapes` (default: ours), validating the target nodes of each
    shape that are in `focus`; returns (conforms, report graph).

    pySHACL's own `focus_nodes` option is not used: it also filters the value nodes that
    sh:node, sh:or and sh:qualifiedValueShape check against nested shapes (only IRIs in the
    list pass, and a nested shape left with no focus node conforms), so a literal checked by
    sh:node cepash:Text, or an IRI of the reference data checked by sh:or, would always pass.
    Instead each shape's target nodes are intersected with `focus` (a set: pySHACL's list made
    membership O(n*m)), through the hook we know (pySHACL 0.2x-0.40: the Validator's
    `make_executor` runs after the shapes are read, and `Shape.focus_nodes` finds targets).
    Without it, the whole of `data` is validated: the report then also holds results outside
    `focus`, and the verdict is taken from those inside."""
    import pyshacl  # heavy import, patched rdflib: keep it local

    shapes = shapes if shapes is not None else shapes_graph()
    focus = frozenset(focus)
    options: dict[str, Any] = {"inference": "none", "allow_warnings": True}
    base_validator = getattr(pyshacl, "Validator", None)
    try:
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.shape import Shape
    except ImportError:  # pragma: no cover - another pySHACL layout
        base_validator = None
    if (base_validator is None or not hasattr(base_validator, "make_executor")
            or not hasattr(Shape, "focus_nodes")):  # pragma: no cover - another pySHACL
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, **options)
        severities = [report.value(r, SH.resultSeverity) for r in report.objects(None, SH.result)
                      if report.value(r, SH.focusNode) in focus]
        return all(s in (SH.Warning, SH.Info) for s in severities), report

    class FocusedShape(Shape):
        __slots__ = ()

        def focus_nodes(self, data_graph: Any, debug: bool = False) -> set[Node]:
            found = super().focus_nodes(data_graph, debug=debug)  # type: ignore[no-untyped-call]
            return {n for n in found if n in focus}

    class FocusedValidator(base_validator):  # type: ignore[misc, valid-type]
        def make_executor(self):  # type: ignore[no-untyped-def]
            for shape in self.shacl_graph.shapes:
                if type(shape) is Shape:
                    shape.__class__ = FocusedShape
            return super().make_executor()

    validator = FocusedValidator(DataGraph.from_rdflib(data), shacl_graph=shapes,
                                 options=options)
    conforms, report, _ = validator.run()
    return bool(conforms), report
