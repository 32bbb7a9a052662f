"""SHACL validation of a document's graph against the shapes, with the reference data and the
ontology beside it (so `sh:class` checks reach goals and gazetteer actors).

pyrudof (the rudof project's SHACL engine, native code, on PyPI) decides and writes the report.
pySHACL, the reference implementation, is the oracle of the differential tests
(tests/test_validation_engines.py), and the environment variable CEPA_KG_VALIDATOR=pyshacl makes
every validation go through it instead (slow: about 250 ms a document). pySHACL patches rdflib
on import, so it is imported here only, lazily, and this module stays out of the server.

Neither engine can be told which focus nodes to check (pySHACL's `focus_nodes` also skips the
values that nested shapes check), and validating the whole reference data with every document
costs pyrudof about 150 ms a document (bench/bench_validation.py); so each document is validated
with the slice of the reference data its checks read (`ReferenceSlices`), and only the results
at the document's own subjects are kept."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cepa_kg.loaders.triples import Triple, Triples
from cepa_kg.reference import reference_graph, shapes_graph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

log = logging.getLogger("cepa_kg.validation")

#: Environment variable choosing the validator: "pyshacl" makes pySHACL check every document.
VALIDATOR_ENV = "CEPA_KG_VALIDATOR"


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
    """The top-level results of a pySHACL report graph (not the nested sh:detail results)."""
    def one(result: Node, p: URIRef) -> str | None:
        value = report.value(result, p)
        return str(value) if value is not None else None

    out = []
    for result in report.objects(None, SH.result):
        severity = (one(result, SH.resultSeverity) or "").rsplit("#", 1)[-1]
        focus = report.value(result, SH.focusNode)
        out.append(Violation(
            focus=node_text(focus) if focus is not None else "?",
            path=path_text(report, report.value(result, SH.resultPath)),
            message=one(result, SH.resultMessage) or "(no message)",
            severity=severity,
            shape=one(result, SH.sourceShape),
        ))
    return _sorted(out)


def node_text(node: Node) -> str:
    """An IRI as itself, a blank node as `_:id` (as pyrudof writes a focus node)."""
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as pyrudof writes it: `iri`, `^(iri)`, `(a / b)`; so that reports read the
    same whichever engine wrote them."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({path_text(graph, inverse)})"
    return "(" + " / ".join(str(path_text(graph, step)) for step in Collection(graph, path)) + ")"


def _sorted(found: Iterable[Violation]) -> tuple[Violation, ...]:
    return tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.message)))


def _split(results: Iterable[Violation]) -> ValidationReport:
    """Results as integrity violations and completeness warnings (sh:Warning, sh:Info)."""
    results = _sorted(results)
    errors = tuple(v for v in results if v.severity not in ("Warning", "Info"))
    warnings = tuple(v for v in results if v.severity in ("Warning", "Info"))
    return ValidationReport(not errors, errors, warnings)


# ---------------------------------------------------------------------------------------------
# The shapes, with their property shapes named
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Shapes:
    """The shapes graph with every blank property shape given an IRI (rdflib's skolem IRIs),
    so that a result's source shape leads to its sh:message whichever engine reports it (pyrudof
    renames blank nodes, and does not copy every sh:message into its results); and, for each
    shape, the named node shape that holds it (what a report names)."""

    graph: Graph
    ntriples: str
    messages: dict[str, str]
    owners: dict[str, str]

    def message(self, shape: str) -> str | None:
        return self.messages.get(shape)

    def owner(self, shape: str) -> str:
        return self.owners.get(shape, shape)


@lru_cache(maxsize=1)
def shapes() -> Shapes:
    source = shapes_graph()
    named: dict[Node, URIRef] = {b: b.skolemize() for b in source.objects(None, SH.property)
                                 if isinstance(b, BNode)}
    graph = Graph()
    for s, p, o in source:
        graph.add((named.get(s, s), p, named.get(o, o)))  # type: ignore[arg-type]
    messages: dict[str, str] = {}
    for shape in set(graph.subjects(SH.message, None)):
        texts = list(graph.objects(shape, SH.message))
        english = [t for t in texts if isinstance(t, Literal) and t.language == "en"]
        messages[str(shape)] = str((english or texts)[0])
    owners = {str(prop): str(node) for node, prop in graph.subject_objects(SH.property)}
    return Shapes(graph, graph.serialize(format="nt"), messages, owners)


# ---------------------------------------------------------------------------------------------
# What of the reference data a document's validation reads
# ---------------------------------------------------------------------------------------------

class ReferenceSlices:
    """The reference data of one base as N-Triples lines, indexed by node, to give each
    document the part of it that its checks read:

    - the class hierarchy (rdfs:subClassOf): a shape on a class reaches its subclasses, and
      sh:class accepts an instance of a subclass;
    - the rdf:type of every node the document links to: what sh:class checks on a link to a
      goal, an actor, a country; the shapes reach nodes beyond a document's own only through
      sh:class (in sh:or and sh:qualifiedValueShape too) and value checks on literals, which
      tests/test_validation_engines.py checks stays so;
    - every triple of the reference data about a node the document describes (a document may
      state more about a gazetteer actor), as subject or object, and the types of their nodes.

    A reference node in the slice is also validated (it has its types) with part of its data:
    its results are dropped, only the document's subjects are focus nodes (the reference data
    itself conforms: tests/test_shapes.py)."""

    def __init__(self, reference: Graph) -> None:
        triples = Triples(reference)
        lines = triples.ntriples().decode().splitlines(keepends=True)  # in the same order
        hierarchy: list[str] = []
        types: dict[Node, list[str]] = {}
        self.about: dict[Node, list[tuple[Triple, str]]] = {}
        for triple, line in zip(triples, lines, strict=True):
            s, p, o = triple
            if p == RDFS.subClassOf:
                hierarchy.append(line)
            if p == RDF.type:
                types.setdefault(s, []).append(line)
            self.about.setdefault(s, []).append((triple, line))
            if not isinstance(o, Literal) and p != RDF.type:  # (a class is no node described)
                self.about.setdefault(o, []).append((triple, line))
        self.hierarchy = "".join(hierarchy)
        self.types = {node: "".join(found) for node, found in types.items()}

    def slice(self, subjects: set[Node], objects: set[Node]) -> str:
        """N-Triples of the reference data read by a document of these subjects and (non-
        literal) objects; without the hierarchy, which every validation has."""
        parts: list[str] = []
        linked = set(objects)
        for node in subjects & self.about.keys():
            for (s, _, o), line in self.about[node]:
                parts.append(line)
                linked.update((s, o))
        parts.extend(self.types[n] for n in linked - subjects if n in self.types)
        return "".join(parts)


@lru_cache(maxsize=4)
def reference_slices(base: str) -> ReferenceSlices:
    """The reference data of `base` indexed for slicing, once per base (and process)."""
    return ReferenceSlices(reference_graph(base))


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

def validate_graph(graph: Iterable[Triple], *, base: str) -> ValidationReport:
    """Validate the resources of `graph` (one or more documents' triples: an rdflib Graph, the
    loaders' `Triples`, or any re-iterable collection of rdflib triples) against the shapes,
    with the reference data beside them so that links into it are checked.

    Only `graph`'s own subjects are focus nodes, each checked against the shapes that target it
    (by its classes, with the reference data's subclasses, or sh:targetSubjectsOf): the
    reference data is the same for every document and its own conformance is a test
    (tests/test_shapes.py), so validating it again per document would only cost time. Shapes
    reached from a focus node (sh:node, sh:or, sh:qualifiedValueShape) are checked on any value,
    in the document or the reference data."""
    triples = graph if isinstance(graph, Triples) else Triples(graph)
    subjects: set[Node] = set()
    objects: set[Node] = set()
    for s, _, o in triples:
        subjects.add(s)
        if not isinstance(o, Literal):
            objects.add(o)
    if not subjects:
        return ValidationReport(True, ())
    reference = reference_slices(base).slice(subjects, objects)
    focus = {node_text(s) for s in subjects}
    if os.environ.get(VALIDATOR_ENV, "").strip().lower() == "pyshacl":
        found = _pyshacl_results(triples, reference, base)
    else:
        found = _engine(base).results(triples.ntriples().decode() + reference)
    return _split(v for v in found if v.focus in focus)


_NOTHING = "urn:cepa-kg:nothing"

#: Set once pyrudof has validated in this process: it then runs a thread pool (rayon's), which
#: a forked child does not have, and the child's first validation would wait for it forever.
_pool_started = False


def fork_safe() -> bool:
    """Whether a process forked now can validate (workers are started otherwise then)."""
    return not _pool_started


class _Rudof:
    """A pyrudof session holding the shapes and the class hierarchy; each validation stages a
    document's data over them and rolls it back. One per process and base (a worker forked
    after `warm_up` inherits the parent's), used by one thread at a time."""

    def __init__(self, base: str) -> None:
        import pyrudof

        self._pyrudof = pyrudof
        self._lock = threading.Lock()
        self._shapes = shapes()
        self._session = pyrudof.Rudof(pyrudof.RudofConfig())
        self._session.read_shacl(self._shapes.ntriples, format=pyrudof.ShaclFormat.NTriples)
        # (pyrudof refuses to read no data: an empty hierarchy is one harmless triple)
        nothing = f"<{_NOTHING}> <{_NOTHING}> <{_NOTHING}> .\n"
        self._session.read_data(reference_slices(base).hierarchy or nothing,
                                format=pyrudof.RDFFormat.NTriples)

    def results(self, ntriples: str) -> list[Violation]:
        global _pool_started
        rudof, session = self._pyrudof, self._session
        _pool_started = True
        with self._lock:
            session.begin_staging()
            try:
                session.read_data(ntriples, format=rudof.RDFFormat.NTriples, merge=True)
                report = session.validate_shacl()
            finally:
                session.rollback_staging()
        out = []
        for entry in report.violations:
            shape = str(entry.source_shape)
            out.append(Violation(
                focus=str(entry.focus_node), path=entry.path or None,
                message=self._shapes.message(shape) or str(entry.message or "(no message)"),
                severity=str(entry.severity).rsplit("#", 1)[-1],
                shape=self._shapes.owner(shape)))
        return out


_engines: dict[str, _Rudof] = {}
_engines_lock = threading.Lock()


def _engine(base: str) -> _Rudof:
    with _engines_lock:
        engine = _engines.get(base)
        if engine is None:
            engine = _engines[base] = _Rudof(base)
        return engine


def warm_up_validation(base: str) -> None:
    """Read the shapes and index the reference data once (before forking workers)."""
    _engine(base)


def _after_fork() -> None:
    """A forked worker's locks start free (a thread of the parent may have held one)."""
    global _engines_lock
    _engines_lock = threading.Lock()
    for engine in _engines.values():
        engine._lock = threading.Lock()


os.register_at_fork(after_in_child=_after_fork)


def _pyshacl_results(document: Triples, reference: str, base: str) -> list[Violation]:
    """pySHACL's results over the data pyrudof gets (a document, its reference slice, the class
    hierarchy) with the same shapes; messages and shapes named as `_Rudof.results` names them."""
    import pyshacl  # heavy import, patched rdflib: keep it local

    data = Graph()
    data.parse(data=reference_slices(base).hierarchy + reference, format="nt")
    for triple in document:
        data.add(triple)
    named = shapes()
    options: dict[str, Any] = {"inference": "none", "allow_warnings": True}
    _, report, _ = pyshacl.validate(data, shacl_graph=named.graph, **options)
    return [Violation(v.focus, v.path, named.message(v.shape or "") or v.message, v.severity,
                      named.owner(v.shape or "")) for v in violations(report)]
