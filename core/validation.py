"""SHACL validation of a document's graph against the shapes, with the reference data and the
ontology beside it (so `sh:class` checks reach goals and gazetteer actors). pySHACL patches
rdflib on import, so it is imported here only, and this module stays out of the server."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import SH

from cepa_kg.reference import reference_graph, shapes_graph


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

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
    for result in report.subjects(SH.resultSeverity, None):
        severity = (one(result, SH.resultSeverity) or "").rsplit("#", 1)[-1]
        out.append(Violation(
            focus=one(result, SH.focusNode) or "?",
            path=one(result, SH.resultPath),
            message=one(result, SH.resultMessage) or "(no message)",
            severity=severity,
            shape=one(result, SH.sourceShape),
        ))
    return tuple(sorted(out, key=lambda v: (v.focus, v.path or "", v.message)))


def validate_graph(graph: Graph, *, base: str) -> ValidationReport:
    """Validate the resources of `graph` (one or more documents' triples) against the shapes,
    with the reference data beside them so that links into it are checked.

    Only `graph`'s own subjects are focus nodes: the reference data is the same for every
    document and its own conformance is a test (tests/test_shapes.py), so validating it again
    per document would only cost time (about 4x here). The reference data is not copied: pySHACL
    reads a read-only union of it and the document."""
    focus = set(graph.subjects())
    if not focus:
        return ValidationReport(True, ())
    data = ReadOnlyGraphAggregate([reference_graph(base), graph])
    conforms, report = _run_pyshacl(data, focus)
    return ValidationReport(conforms, violations(report))


def _run_pyshacl(data: Graph, focus: set[Node]) -> tuple[bool, Graph]:
    """pySHACL over `data` at the `focus` nodes.

    pySHACL keeps the focus nodes as a list and tests membership in it for every target node
    (O(n*m): about half the time of a document's validation here). When its Validator has the
    hook we know (pySHACL 0.2x-0.40: `make_executor` returning an object with `focus_nodes`),
    the list is swapped for a frozenset; otherwise the public `validate` runs unchanged."""
    import pyshacl  # heavy import, patched rdflib: keep it local

    options = {"inference": "none", "allow_warnings": True, "focus_nodes": sorted(focus)}
    base_validator = getattr(pyshacl, "Validator", None)
    if base_validator is None or not hasattr(base_validator, "make_executor"):
        conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), **options)
        return bool(conforms), report

    class FocusSetValidator(base_validator):  # type: ignore[misc, valid-type]
        def make_executor(self):  # type: ignore[no-untyped-def]
            executor = super().make_executor()
            if isinstance(getattr(executor, "focus_nodes", None), list):
                executor.focus_nodes = frozenset(focus)
            return executor

    from pyshacl.graph_abstraction import DataGraph

    validator = FocusSetValidator(DataGraph.from_rdflib(data), shacl_graph=shapes_graph(),
                                  options=options)
    conforms, report, _ = validator.run()
    return bool(conforms), report
