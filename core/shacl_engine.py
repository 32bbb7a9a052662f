"""A fast SHACL Core validator for the constructs cepa-kg's shapes use, compiled once from the
shapes graph into plain Python checks over dict indexes.

pySHACL walks the shapes graph and the data graph through rdflib for every focus node (about
150-200 ms for a 2,000-triple document). Here the shapes are read once into `_Shape` objects
holding closures, and the data is two levels of dicts: the reference data (ontology, goals,
gazetteers), indexed once per base with its rdfs:subClassOf closure, overlaid with one
document's triples, indexed per call.

The semantics follow pySHACL (0.40, the reference the tests compare against) wherever SHACL
leaves room: literal well-formedness as rdflib sees it (`Literal.ill_typed`, `Literal.value`),
rdflib term equality for sh:in / sh:hasValue / sh:equals, pySHACL's string conversion for
sh:pattern / sh:minLength, its language-tag matching for sh:languageIn, only the `i` and `m`
flags of sh:flags, and results (focus node, path, source shape, constraint component, value)
made exactly where pySHACL makes them. A shapes graph using anything else raises
`UnsupportedShapeError` at compile time, so a new construct cannot be silently ignored.

Nothing here imports pySHACL (it patches rdflib on import).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

#: Predicates and classes are plain `str` keys in the indexes (IRIs as exact str, see `_key`):
#: rdflib's `Identifier.__eq__` is Python code, and a dict hit on an equal but distinct URIRef
#: calls it.
_TYPE = str(RDF.type)
try:  # the datatypes rdflib compares by value in its numeric fast paths
    from rdflib.term import _NUMERIC_LITERAL_TYPES
    _NUMERIC_DATATYPES: frozenset[Node] = frozenset(_NUMERIC_LITERAL_TYPES)
except ImportError:  # pragma: no cover - another rdflib: always take rdflib's own path
    _NUMERIC_DATATYPES = frozenset()
_XSD_STRING, _LANG_STRING = XSD.string, RDF.langString
_RDFS_LITERAL, _RDFS_DATATYPE = RDFS.Literal, RDFS.Datatype
_SUBCLASS_OF = str(RDFS.subClassOf)

#: Severities that do not make a shape fail (pySHACL's allow_warnings=True).
LENIENT_SEVERITIES = frozenset({SH.Warning, SH.Info})

_EMPTY: frozenset[Node] = frozenset()
#: Size at which a memo shared between documents is emptied.
_MEMO_LIMIT = 50_000


def _key(node: Node) -> str:
    """The str key of a predicate or class: an IRI as itself, anything else in N3 (so that a
    literal or blank node never passes for an IRI)."""
    return str(node) if type(node) is URIRef else node.n3()


class UnsupportedShapeError(ValueError):
    """The shapes graph uses a construct this engine does not implement (or a malformed one)."""

    def __init__(self, shape: Node, construct: str) -> None:
        super().__init__(f"shape {shape.n3() if hasattr(shape, 'n3') else shape}: {construct}")
        self.shape, self.construct = shape, construct


@dataclass(frozen=True, slots=True)
class FastViolation:
    """One validation result, as pySHACL would report it (without its nested sh:detail)."""

    focus: Node
    path: str | None
    shape: Node
    component: URIRef
    value: Node | None
    message: str
    severity: URIRef = SH.Violation


# ---------------------------------------------------------------------------------------------
# Data: reference indexes (built once) and a document overlaid on them (built per call)
# ---------------------------------------------------------------------------------------------

Index = dict[Node, dict[str, set[Node]]]


def _index(triples: Iterable[Triple], inverse: Collection[str] | None) -> tuple[Index, Index]:
    """spo[s][str(p)] = {o}; ops[o][str(p)] = {s} for the predicates in `inverse` (all if
    None)."""
    spo: Index = {}
    ops: Index = {}
    keys: dict[int, str] = {}  # id(predicate term) -> its IRI, one str object per predicate
    alive: list[Node] = []  # ... and the terms, so that no id is reused while indexing
    for s, p, o in triples:
        key = keys.get(id(p))
        if key is None:
            key = keys[id(p)] = _key(p)
            alive.append(p)
        by_p = spo.get(s)
        if by_p is None:
            spo[s] = {key: {o}}
        else:
            objects = by_p.get(key)
            if objects is None:
                by_p[key] = {o}
            else:
                objects.add(o)
        if inverse is None or key in inverse:
            by_p = ops.get(o)
            if by_p is None:
                ops[o] = {key: {s}}
            else:
                subjects = by_p.get(key)
                if subjects is None:
                    by_p[key] = {s}
                else:
                    subjects.add(s)
    return spo, ops


def _superclass_closure(edges: dict[str, set[str]], cls: str) -> frozenset[str]:
    """`cls` and everything it is an rdfs:subClassOf of, transitively (cycles allowed)."""
    seen = {cls}
    todo = [cls]
    while todo:
        for parent in edges.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return frozenset(seen)


class ReferenceIndex:
    """The reference data's triples as dicts, with the rdfs:subClassOf closure. Build once and
    share: it is only read (apart from a memo of the superclass closure)."""

    __slots__ = ("_supers", "ops", "spo", "subclass_edges")

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.spo, self.ops = _index(triples, None)
        self.subclass_edges: dict[str, set[str]] = {}
        for sub, by_p in self.spo.items():
            parents = by_p.get(_SUBCLASS_OF)
            if parents:
                self.subclass_edges[_key(sub)] = {_key(c) for c in parents}
        self._supers: dict[str, frozenset[str]] = {}

    def supers(self, cls: str) -> frozenset[str]:
        """`cls` (an IRI as str) and its superclasses, as str."""
        found = self._supers.get(cls)
        if found is None:
            if len(self._supers) > _MEMO_LIMIT:  # documents may use any classes: stay bounded
                self._supers.clear()
            found = self._supers[cls] = _superclass_closure(self.subclass_edges, cls)
        return found


_NO_REFERENCE = ReferenceIndex(())


def _both(mine: Index, theirs: Index, key: Node, p: str) -> Collection[Node]:
    """The values under (key, p) in the document's index and the reference data's."""
    by_p = mine.get(key)
    ours = by_p.get(p) if by_p is not None else None
    by_p = theirs.get(key)
    ref = by_p.get(p) if by_p is not None else None
    if ours is None:
        return ref if ref is not None else _EMPTY
    return ours if ref is None else ours | ref


class DataIndex:
    """The union of the reference data and one document's triples, as pySHACL's data graph
    `ReadOnlyGraphAggregate([reference, document])` sees it. `document` is any iterable of
    rdflib (s, p, o) triples. `inverse` names the predicates whose subjects are looked up from
    their objects (sh:inversePath, sh:targetObjectsOf); None indexes all of them.

    Predicates (and classes) are given and returned as plain str; nodes are rdflib terms."""

    __slots__ = ("_classes", "_supers", "memo", "ops", "ref", "spo")

    def __init__(self, reference: ReferenceIndex | None, document: Iterable[Triple], *,
                 inverse: Collection[str] | None = None) -> None:
        self.ref = reference or _NO_REFERENCE
        self.spo, self.ops = _index(document, inverse)
        self._classes: dict[Node, frozenset[str]] = {}
        self.memo: dict[tuple[int, Node], bool] = {}
        edges = {_key(s): {_key(c) for c in by_p[_SUBCLASS_OF]} for s, by_p in self.spo.items()
                 if _SUBCLASS_OF in by_p}
        if edges:  # the document adds to the class hierarchy: a closure of its own
            merged = {k: set(v) for k, v in self.ref.subclass_edges.items()}
            for sub, parents in edges.items():
                merged.setdefault(sub, set()).update(parents)
            memo: dict[str, frozenset[str]] = {}

            def supers(cls: str) -> frozenset[str]:
                found = memo.get(cls)
                if found is None:
                    found = memo[cls] = _superclass_closure(merged, cls)
                return found

            self._supers: Callable[[str], frozenset[str]] = supers
        else:
            self._supers = self.ref.supers

    def document_subjects(self) -> Collection[Node]:
        """The document's own subjects (the focus nodes `validate_graph` uses)."""
        return self.spo.keys()

    def objects(self, s: Node, p: str) -> Collection[Node]:
        return _both(self.spo, self.ref.spo, s, p)

    def subjects(self, p: str, o: Node) -> Collection[Node]:
        return _both(self.ops, self.ref.ops, o, p)

    def has_predicate(self, s: Node, p: str) -> bool:
        by_p = self.spo.get(s)
        if by_p is not None and p in by_p:
            return True
        by_p = self.ref.spo.get(s)
        return by_p is not None and p in by_p

    def classes(self, node: Node) -> frozenset[str]:
        """Every class `node` is a SHACL instance of: its rdf:types and their superclasses
        (IRIs as str)."""
        found = self._classes.get(node)
        if found is None:
            types = self.objects(node, _TYPE)
            if not types or (type(node) is not URIRef and isinstance(node, Literal)):
                found = frozenset()
            elif len(types) == 1:
                found = self._supers(_key(next(iter(types))))
            else:
                found = frozenset().union(*(self._supers(_key(t)) for t in types))
            self._classes[node] = found
        return found


# ---------------------------------------------------------------------------------------------
# Compiled shapes
# ---------------------------------------------------------------------------------------------

# A compiled constraint: (data, focus node, value nodes, results to append to) -> None
Check = Callable[[DataIndex, Node, Collection[Node], list[FastViolation]], None]
# A compiled path: (data, focus node) -> value nodes
PathFn = Callable[[DataIndex, Node], Collection[Node]]


class _Shape:
    """A node or property shape: its value nodes and checks. Results carry its node, path
    text, message and severity."""

    __slots__ = (
        "checks",
        "deactivated",
        "index",
        "lenient",
        "message",
        "nested",
        "node",
        "path",
        "path_text",
        "predicate",
        "properties",
        "pure",
        "severity",
        "skip_empty",
        "strict",
    )

    def __init__(self, node: Node, index: int) -> None:
        self.node, self.index = node, index
        self.path: PathFn | None = None
        self.path_text: str | None = None
        self.severity: URIRef = SH.Violation
        self.message = ""
        self.deactivated = False
        self.checks: list[Check] = []
        #: Its severity is sh:Warning or sh:Info: it never fails (pySHACL's allow_warnings).
        self.lenient = False
        #: Every result it can give fails it (no lenient severity, here or in its sh:property
        #: shapes): it conforms exactly when it gives no result.
        self.strict = True
        #: Its results depend on the value node only (no path, no sh:class...): not memoized.
        self.pure = False
        self.properties: list[_Shape] = []  # its sh:property shapes
        self.nested: list[_Shape] = []  # the shapes of its sh:node, sh:or, sh:and, sh:not...
        #: The IRI (str) of a one-predicate path, looked up inline.
        self.predicate: str | None = None
        #: No constraint of it can fail without value nodes: skipped when there are none.
        self.skip_empty = False

    def result(self, focus: Node, component: URIRef, value: Node | None) -> FastViolation:
        return FastViolation(focus, self.path_text, self.node, component, value,
                             self.message or _generic_message(component), self.severity)

    def evaluate(self, data: DataIndex, focus: Node) -> list[FastViolation]:
        """The results of validating `focus` against this shape."""
        if self.deactivated:
            return []
        p = self.predicate
        values: Collection[Node]
        if p is not None:  # data.objects(focus, p), inline
            by_p = data.spo.get(focus)
            mine = by_p.get(p) if by_p is not None else None
            by_p = data.ref.spo.get(focus)
            theirs = by_p.get(p) if by_p is not None else None
            if mine is None:
                values = theirs if theirs is not None else _EMPTY
            else:
                values = mine if theirs is None else mine | theirs
        elif self.path is not None:
            values = self.path(data, focus)
        else:
            values = (focus,)
        if not values and self.skip_empty:
            return []
        out: list[FastViolation] = []
        for check in self.checks:
            check(data, focus, values, out)
        return out

    def passes(self, data: DataIndex, node: Node) -> bool:
        """Whether validating `node` gives no result at all (stops at the first); remembered
        per document unless the shape is pure."""
        if self.deactivated:
            return True
        if not self.pure:
            key = (self.index, node)
            found = data.memo.get(key)
            if found is not None:
                return found
        values = self.path(data, node) if self.path is not None else (node,)
        out: list[FastViolation] = []
        ok = True
        for check in self.checks:
            check(data, node, values, out)
            if out:
                ok = False
                break
        if not self.pure:
            data.memo[key] = ok
        return ok

    def conforms_on(self, data: DataIndex, node: Node) -> bool:
        """Whether `node` conforms to this shape, as sh:or / sh:qualifiedValueShape ask."""
        if self.lenient:
            return True
        if self.strict:
            return self.passes(data, node)
        return self.conforms(self.evaluate(data, node))

    def conforms(self, results: list[FastViolation]) -> bool:
        """pySHACL with allow_warnings: a lenient shape always conforms; otherwise every result
        must be lenient."""
        return self.lenient or all(r.severity in LENIENT_SEVERITIES for r in results)

    def __repr__(self) -> str:
        return f"_Shape({self.node!r})"


@cache
def _generic_message(component: URIRef) -> str:
    """For a shape without sh:message: "fails sh:minCount"..."""
    name = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return f"fails sh:{name[0].lower()}{name[1:]}"


# The sh: predicates a shape may carry without being a constraint of its own.
_STRUCTURAL = frozenset({
    SH.message, SH.severity, SH.deactivated, SH.path, SH.targetClass, SH.targetSubjectsOf,
    SH.targetObjectsOf, SH.targetNode, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.flags,
    SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
    SH.qualifiedValueShapesDisjoint,
})
#: Constraints whose outcome depends on the value node alone (not on the data graph).
_VALUE_ONLY = frozenset({
    SH.datatype, SH.nodeKind, SH["in"], SH.pattern, SH.languageIn, SH.minLength, SH.maxLength,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.hasValue,
})
_SHAPE_EXPECTING = frozenset({SH.node, SH["or"], SH["and"], SH["not"]})
#: Constraints checked on each value node in turn (or on too many): none fails on no values.
_PER_VALUE = frozenset({
    SH.datatype, SH.nodeKind, SH["in"], SH.pattern, SH.languageIn, SH.minLength, SH.maxLength,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH["class"],
    SH.property, SH.maxCount, SH.lessThanOrEquals, *_SHAPE_EXPECTING,
})
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_SHAPE_LISTS = (SH["or"], SH["and"])
_SHAPE_VALUES = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
_NODE_KINDS = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time,
    XSD.dateTime: datetime,
}


class _Compiler:
    """Reads a shapes graph into `_Shape`s; one instance per compilation."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.shapes: dict[Node, _Shape] = {}
        self.inverse: set[str] = set()
        self.compiling: set[Node] = set()

    # -- helpers ------------------------------------------------------------------------------

    def one(self, shape: Node, p: URIRef) -> Node | None:
        values = list(self.g.objects(shape, p))
        if len(values) > 1:
            raise UnsupportedShapeError(shape, f"more than one {p.n3(self.g.namespace_manager)}")
        return values[0] if values else None

    def items(self, shape: Node, head: Node, what: str) -> list[Node]:
        if head == RDF.nil:
            return []
        if isinstance(head, Literal) or (head, RDF.first, None) not in self.g:
            raise UnsupportedShapeError(shape, f"{what} is not an RDF list")
        return list(self.g.items(head))

    def int_param(self, shape: Node, p: URIRef) -> int | None:
        value = self.one(shape, p)
        if value is None:
            return None
        if not (isinstance(value, Literal) and isinstance(value.value, int)
                and not isinstance(value.value, bool) and value.value >= 0):
            raise UnsupportedShapeError(shape, f"{p} must be a non-negative integer literal")
        return value.value

    def path_text(self, shape: Node, path: Node, *, top: bool = True) -> str:
        if isinstance(path, URIRef):
            return str(path)
        inverse = self.one(path, SH.inversePath)
        if inverse is not None:
            return "^" + self.path_text(shape, inverse, top=False)
        steps = "/".join(self.path_text(shape, p, top=False)
                         for p in self.items(shape, path, "sh:path"))
        return steps if top else f"({steps})"

    def compile_path(self, shape: Node, path: Node, *, inverse: bool = False) -> PathFn:
        """IRIs, sh:inversePath and sequences; other SHACL paths are unsupported."""
        if isinstance(path, URIRef):
            key = str(path)
            if inverse:
                self.inverse.add(key)
                return lambda data, f: data.subjects(key, f)
            return lambda data, f: data.objects(f, key)
        if isinstance(path, Literal):
            raise UnsupportedShapeError(shape, "a literal sh:path")
        kinds = {p for p in self.g.predicates(path, None)} - {RDF.first, RDF.rest}
        if kinds == {SH.inversePath}:
            return self.compile_path(shape, self.g.value(path, SH.inversePath),  # type: ignore[arg-type]
                                     inverse=not inverse)
        if kinds:
            raise UnsupportedShapeError(shape, "paths other than IRIs, sh:inversePath and "
                                        f"sequences ({', '.join(sorted(map(str, kinds)))})")
        steps = self.items(shape, path, "sh:path")
        if len(steps) < 2:
            raise UnsupportedShapeError(shape, "a sequence path needs at least two steps")
        if inverse:
            raise UnsupportedShapeError(shape, "sh:inversePath of a sequence path")
        fns = [self.compile_path(shape, step) for step in steps]

        def sequence(data: DataIndex, focus: Node) -> Collection[Node]:
            nodes: Collection[Node] = (focus,)
            for fn in fns:
                nxt: set[Node] = set()
                for node in nodes:
                    nxt.update(fn(data, node))
                nodes = nxt
            return nodes

        return sequence

    # -- shapes -------------------------------------------------------------------------------

    def shape(self, node: Node) -> _Shape:
        """The compiled shape at `node` (compiling it and the shapes it refers to)."""
        if node in self.compiling:
            raise UnsupportedShapeError(node, "recursive shapes")
        found = self.shapes.get(node)
        if found is not None:
            return found
        if isinstance(node, Literal):
            raise UnsupportedShapeError(node, "a literal where a shape is expected")
        self.compiling.add(node)
        shape = _Shape(node, len(self.shapes))
        g = self.g
        predicates = set(g.predicates(node, None))
        unknown = {p for p in predicates if str(p).startswith(str(SH))} - _STRUCTURAL - set(
            _COMPONENTS)
        if unknown:
            names = ", ".join(sorted(p.n3(g.namespace_manager) for p in unknown))
            raise UnsupportedShapeError(node, f"unsupported SHACL construct(s) {names}")
        path = self.one(node, SH.path)
        if path is not None:
            if (node, RDF.type, SH.NodeShape) in g:
                raise UnsupportedShapeError(node, "a sh:NodeShape with a sh:path")
            shape.path = self.compile_path(node, path)
            shape.path_text = self.path_text(node, path)
            if isinstance(path, URIRef):
                shape.predicate = str(path)
        severity = self.one(node, SH.severity)
        if severity is not None:
            if not isinstance(severity, URIRef):
                raise UnsupportedShapeError(node, "sh:severity must be an IRI")
            shape.severity = severity
        shape.lenient = shape.severity in LENIENT_SEVERITIES
        deactivated = self.one(node, SH.deactivated)
        if deactivated is not None:
            if not isinstance(deactivated, Literal):
                raise UnsupportedShapeError(node, "sh:deactivated must be a literal")
            shape.deactivated = bool(deactivated.value)
        messages = sorted(g.objects(node, SH.message),
                          key=lambda m: (getattr(m, "language", None) not in ("en", None), str(m)))
        shape.message = str(messages[0]) if messages else ""
        self.shapes[node] = shape
        parameters = sorted((p for p in predicates if p in _COMPONENTS), key=str)
        for parameter in parameters:
            shape.checks.append(_COMPONENTS[parameter](self, shape))  # type: ignore[index]
        shape.strict = not shape.lenient and all(p.strict for p in shape.properties)
        shape.skip_empty = all(
            parameter in _PER_VALUE
            or (parameter == SH.minCount and self.int_param(node, SH.minCount) == 0)
            or (parameter == SH.qualifiedValueShape
                and (self.int_param(node, SH.qualifiedMinCount) or 0) < 1)
            for parameter in parameters)
        shape.pure = shape.path is None and all(
            parameter in _VALUE_ONLY or parameter in _SHAPE_EXPECTING for parameter in parameters
        ) and all(n.pure for n in shape.nested)
        self.compiling.discard(node)
        return shape


# ---------------------------------------------------------------------------------------------
# Constraint components: each builds a Check for one shape
# ---------------------------------------------------------------------------------------------

def _property(c: _Compiler, shape: _Shape) -> Check:
    properties = [c.shape(p) for p in c.g.objects(shape.node, SH.property)]
    shape.properties += properties
    for p in properties:
        if p.path is None:
            raise UnsupportedShapeError(p.node, "a sh:property value without sh:path")

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for v in values:
            for p in properties:
                out.extend(p.evaluate(data, v))

    return check


def _require_property_shape(shape: _Shape, parameter: str) -> None:
    if shape.path is None:
        raise UnsupportedShapeError(shape.node, f"{parameter} on a node shape")


def _min_count(c: _Compiler, shape: _Shape) -> Check:
    _require_property_shape(shape, "sh:minCount")
    n = c.int_param(shape.node, SH.minCount)
    assert n is not None
    component = SH.MinCountConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        if len(values) < n:
            out.append(shape.result(focus, component, None))

    return check


def _max_count(c: _Compiler, shape: _Shape) -> Check:
    _require_property_shape(shape, "sh:maxCount")
    n = c.int_param(shape.node, SH.maxCount)
    assert n is not None
    component = SH.MaxCountConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        if len(values) > n:
            out.append(shape.result(focus, component, None))

    return check


def _class(c: _Compiler, shape: _Shape) -> Check:
    class_nodes = list(c.g.objects(shape.node, SH["class"]))
    if not all(isinstance(cls, URIRef) for cls in class_nodes):
        raise UnsupportedShapeError(shape.node, "sh:class must be an IRI")
    classes = [str(cls) for cls in class_nodes]
    component = SH.ClassConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for cls in classes:  # one result per value per missing class, as pySHACL reports
            for v in values:
                if cls not in data.classes(v):  # literals have no class
                    out.append(shape.result(focus, component, v))

    return check


def _same_iri(a: Node, b: Node) -> bool:
    """a == b for two URIRefs, compared as str in C (rdflib's __eq__ is Python code)."""
    return a is b or (str.__eq__(a, b) and type(a) is type(b))  # type: ignore[operator]


def datatype_test(datatype: Node) -> Callable[[Node], bool]:
    """pySHACL's sh:datatype test for one datatype: the value is a literal of that datatype
    and, for the XSD types rdflib knows, well-formed (`"abc"^^xsd:integer` is not)."""
    any_literal = datatype == _RDFS_LITERAL
    any_typed = datatype == _RDFS_DATATYPE
    plain_ok = datatype == _XSD_STRING  # a plain literal is an xsd:string
    lang_ok = datatype == _LANG_STRING
    expected = _PYTHON_TYPES.get(datatype)  # type: ignore[call-overload]

    def test(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        dt = v.datatype
        if dt is not None and _same_iri(dt, datatype):
            if v.ill_typed is True:
                return False
        elif any_literal or (any_typed and dt):
            return True
        elif not ((plain_ok and dt is None and v.language is None)
                  or (lang_ok and v.language)):
            return False
        return expected is None or isinstance(v.value, expected)

    return test


def datatype_matches(v: Node, datatype: Node) -> bool:
    """`datatype_test(datatype)(v)`."""
    return datatype_test(datatype)(v)


def _datatype(c: _Compiler, shape: _Shape) -> Check:
    datatype = c.one(shape.node, SH.datatype)
    test = datatype_test(datatype)  # type: ignore[arg-type]
    component = SH.DatatypeConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for v in values:
            if not test(v):
                out.append(shape.result(focus, component, v))

    return check


def _node_kind(c: _Compiler, shape: _Shape) -> Check:
    kind = c.one(shape.node, SH.nodeKind)
    if kind not in _NODE_KINDS:
        raise UnsupportedShapeError(shape.node, f"sh:nodeKind {kind}")
    kinds = _NODE_KINDS[kind]  # type: ignore[index]
    component = SH.NodeKindConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for v in values:
            if not isinstance(v, kinds):
                out.append(shape.result(focus, component, v))

    return check


def _node(c: _Compiler, shape: _Shape) -> Check:
    nested = [c.shape(n) for n in c.g.objects(shape.node, SH.node)]
    shape.nested += nested
    for n in nested:
        if n.path is not None:
            raise UnsupportedShapeError(shape.node, "sh:node pointing to a property shape")
    component = SH.NodeConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for n in nested:
            for v in values:
                if not n.passes(data, v):  # any result, even a lenient one, fails sh:node
                    out.append(shape.result(focus, component, v))

    return check


def _qualified(c: _Compiler, shape: _Shape) -> Check:
    _require_property_shape(shape, "sh:qualifiedValueShape")
    disjoint = c.one(shape.node, SH.qualifiedValueShapesDisjoint)
    if disjoint is not None and not (isinstance(disjoint, Literal) and disjoint.value is False):
        raise UnsupportedShapeError(shape.node, "sh:qualifiedValueShapesDisjoint true")
    nested = [c.shape(n) for n in c.g.objects(shape.node, SH.qualifiedValueShape)]
    shape.nested += nested
    low = c.int_param(shape.node, SH.qualifiedMinCount)
    high = c.int_param(shape.node, SH.qualifiedMaxCount)
    if low is None and high is None:
        raise UnsupportedShapeError(shape.node, "sh:qualifiedValueShape without a count")
    at_least = SH.QualifiedMinCountConstraintComponent
    at_most = SH.QualifiedMaxCountConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        if not values and (low is None or low < 1):
            return
        for n in nested:
            count = sum(1 for v in values if n.conforms_on(data, v))
            if high is not None and count > high:
                out.append(shape.result(focus, at_most, None))
            if low is not None and count < low:
                out.append(shape.result(focus, at_least, None))

    return check


def _has_value(c: _Compiler, shape: _Shape) -> Check:
    wanted = list(c.g.objects(shape.node, SH.hasValue))
    component = SH.HasValueConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for hv in wanted:
            if hv not in values:
                out.append(shape.result(focus, component, None))

    return check


def _in(c: _Compiler, shape: _Shape) -> Check:
    head = c.one(shape.node, SH["in"])
    allowed = frozenset(c.items(shape.node, head, "sh:in"))  # type: ignore[arg-type]
    component = SH.InConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for v in values:
            if v not in allowed:
                out.append(shape.result(focus, component, v))

    return check


def string_of(v: Node) -> str:
    """pySHACL's string form of a value node for sh:minLength / sh:pattern."""
    if isinstance(v, Literal) and v.value is not None and v.datatype in (
            None, _LANG_STRING, _XSD_STRING):
        return str(v.value)
    return str(v)


def _length(c: _Compiler, shape: _Shape, parameter: URIRef, component: URIRef,
            ok: Callable[[int, int], bool]) -> Check:
    limit = c.int_param(shape.node, parameter)
    assert limit is not None

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for v in values:
            if isinstance(v, BNode) or not ok(len(string_of(v)), limit):
                out.append(shape.result(focus, component, v))

    return check


def _min_length(c: _Compiler, shape: _Shape) -> Check:
    if c.int_param(shape.node, SH.minLength) == 0:  # always passes, blank nodes too
        return lambda data, focus, values, out: None
    return _length(c, shape, SH.minLength, SH.MinLengthConstraintComponent,
                   lambda n, limit: n >= limit)


def _max_length(c: _Compiler, shape: _Shape) -> Check:
    return _length(c, shape, SH.maxLength, SH.MaxLengthConstraintComponent,
                   lambda n, limit: n <= limit)


def _pattern(c: _Compiler, shape: _Shape) -> Check:
    flags_value = c.one(shape.node, SH.flags)
    flags = 0
    if flags_value is not None:
        text = str(flags_value)
        if set(text.lower()) - {"i", "m"}:
            raise UnsupportedShapeError(shape.node, f"sh:flags {text!r} (only i and m)")
        flags = ((re.IGNORECASE if "i" in text.lower() else 0)
                 | (re.MULTILINE if "m" in text.lower() else 0))
    patterns = []
    for p in c.g.objects(shape.node, SH.pattern):
        if not isinstance(p, Literal):
            raise UnsupportedShapeError(shape.node, "sh:pattern must be a literal")
        patterns.append(re.compile(str(p), flags))
    component = SH.PatternConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for pattern in patterns:
            for v in values:
                if isinstance(v, BNode) or pattern.search(string_of(v)) is None:
                    out.append(shape.result(focus, component, v))

    return check


def language_matches(tag: str | None, ranges: frozenset[str]) -> bool:
    """pySHACL's sh:languageIn test: the whole tag or its primary subtag, case-insensitive,
    is one of `ranges` (lower-cased); "*" matches any tag."""
    if not tag:
        return False
    tag = tag.lower()
    return "*" in ranges or tag in ranges or tag.split("-")[0] in ranges


def _language_in(c: _Compiler, shape: _Shape) -> Check:
    head = c.one(shape.node, SH.languageIn)
    ranges = []
    for item in c.items(shape.node, head, "sh:languageIn"):  # type: ignore[arg-type]
        if not isinstance(item, Literal) or not isinstance(item.value, str):
            raise UnsupportedShapeError(shape.node, "sh:languageIn items must be strings")
        ranges.append(item.value.lower())
    wanted = frozenset(ranges)
    component = SH.LanguageInConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for v in values:
            if not (isinstance(v, Literal) and language_matches(v.language, wanted)):
                out.append(shape.result(focus, component, v))

    return check


def _plain_number(v: Literal) -> bool:
    """A literal rdflib compares by value in its numeric fast paths (numeric XSD type, not
    ill-typed, with a value)."""
    return v.value is not None and not v.ill_typed and v.datatype in _NUMERIC_DATATYPES


def compare_literals(a: Literal, b: Literal) -> int:
    """pySHACL's `compare_literal`: 0 if equal in value space, 1 if a > b, else -1. Raises
    TypeError for values rdflib cannot compare."""
    if _plain_number(a) and _plain_number(b):  # what rdflib's numeric fast paths do
        return 0 if a.value == b.value else 1 if a.value > b.value else -1
    if a.eq(b):
        return 0
    if a.value.__class__ in (datetime, time):
        if a.value == b.value:
            return 0
        if a.value > b.value:
            return 1
    elif a > b:
        return 1
    return -1


def _range(c: _Compiler, shape: _Shape, parameter: URIRef, component: URIRef,
           ok: Callable[[int], bool]) -> Check:
    bounds = list(c.g.objects(shape.node, parameter))
    for bound in bounds:
        if not isinstance(bound, Literal):
            raise UnsupportedShapeError(shape.node, f"{parameter} must be a literal")

    def passes(v: Node, bound: Literal) -> bool:
        if not isinstance(v, Literal):
            return False
        if isinstance(bound.value, str) != isinstance(v.value, str):
            return False
        try:
            return ok(compare_literals(v, bound))
        except (TypeError, NotImplementedError):
            return False

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for bound in bounds:
            for v in values:
                if not passes(v, bound):  # type: ignore[arg-type]
                    out.append(shape.result(focus, component, v))

    return check


def _min_inclusive(c: _Compiler, shape: _Shape) -> Check:
    return _range(c, shape, SH.minInclusive, SH.MinInclusiveConstraintComponent,
                  lambda cmp: cmp >= 0)


def _max_inclusive(c: _Compiler, shape: _Shape) -> Check:
    return _range(c, shape, SH.maxInclusive, SH.MaxInclusiveConstraintComponent,
                  lambda cmp: cmp <= 0)


def _min_exclusive(c: _Compiler, shape: _Shape) -> Check:
    return _range(c, shape, SH.minExclusive, SH.MinExclusiveConstraintComponent,
                  lambda cmp: cmp > 0)


def _max_exclusive(c: _Compiler, shape: _Shape) -> Check:
    return _range(c, shape, SH.maxExclusive, SH.MaxExclusiveConstraintComponent,
                  lambda cmp: cmp < 0)


def less_or_equal(a: Node, b: Node) -> bool:
    """pySHACL's sh:lessThanOrEquals test for one pair. Blank nodes and pairs rdflib cannot
    order fail (SHACL: "cannot be compared"; pySHACL raises an error instead)."""
    if isinstance(a, BNode) or isinstance(b, BNode):
        return False
    a_str = isinstance(a, URIRef) or (isinstance(a, Literal) and isinstance(a.value, str))
    b_str = isinstance(b, URIRef) or (isinstance(b, Literal) and isinstance(b.value, str))
    if a_str != b_str:
        return False
    if a_str:
        return (a.value if isinstance(a, Literal) else str(a)) <= (
            b.value if isinstance(b, Literal) else str(b))
    try:
        return bool(a <= b)  # type: ignore[operator]
    except TypeError:
        return False


def _iris(c: _Compiler, shape: _Shape, parameter: URIRef) -> list[URIRef]:
    values = list(c.g.objects(shape.node, parameter))
    if not all(isinstance(v, URIRef) for v in values):
        raise UnsupportedShapeError(shape.node, f"{parameter} must be an IRI")
    return values  # type: ignore[return-value]


def _less_than_or_equals(c: _Compiler, shape: _Shape) -> Check:
    _require_property_shape(shape, "sh:lessThanOrEquals")
    others = [str(other) for other in _iris(c, shape, SH.lessThanOrEquals)]
    component = SH.LessThanOrEqualsConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for other in others:
            compare = data.objects(focus, other)
            for v in values:
                for w in compare:  # one result per failing pair, as pySHACL reports
                    if not less_or_equal(v, w):
                        out.append(shape.result(focus, component, v))

    return check


def _equals(c: _Compiler, shape: _Shape) -> Check:
    others = [str(other) for other in _iris(c, shape, SH.equals)]
    component = SH.EqualsConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        mine = values if isinstance(values, (set, frozenset)) else set(values)
        for other in others:
            theirs = data.objects(focus, other)
            for v in mine:
                if v not in theirs:
                    out.append(shape.result(focus, component, v))
            for w in theirs:
                if w not in mine:
                    out.append(shape.result(focus, component, w))

    return check


def _shape_list(c: _Compiler, shape: _Shape, parameter: URIRef) -> list[list[_Shape]]:
    lists = []
    for head in c.g.objects(shape.node, parameter):
        members = c.items(shape.node, head, str(parameter))
        if not members:
            raise UnsupportedShapeError(shape.node, f"an empty {parameter} list")
        lists.append([c.shape(m) for m in dict.fromkeys(members)])
        shape.nested += lists[-1]
    return lists


def _logical(parameter: URIRef, component: URIRef,
             quantifier: Callable[[Iterable[bool]], bool]) -> Callable[[_Compiler, _Shape], Check]:
    """sh:or (a value conforms to `any` member shape) and sh:and (to `all` of them)."""

    def compile_(c: _Compiler, shape: _Shape) -> Check:
        lists = _shape_list(c, shape, parameter)

        def check(data: DataIndex, focus: Node, values: Collection[Node],
                  out: list[FastViolation]) -> None:
            for members in lists:
                for v in values:
                    if not quantifier(m.conforms_on(data, v) for m in members):
                        out.append(shape.result(focus, component, v))

        return check

    return compile_


_or = _logical(SH["or"], SH.OrConstraintComponent, any)
_and = _logical(SH["and"], SH.AndConstraintComponent, all)


def _not(c: _Compiler, shape: _Shape) -> Check:
    nested = [c.shape(n) for n in c.g.objects(shape.node, SH["not"])]
    shape.nested += nested
    component = SH.NotConstraintComponent

    def check(data: DataIndex, focus: Node, values: Collection[Node],
              out: list[FastViolation]) -> None:
        for n in nested:
            for v in values:
                if n.conforms_on(data, v):
                    out.append(shape.result(focus, component, v))

    return check


_COMPONENTS: dict[URIRef, Callable[[_Compiler, _Shape], Check]] = {
    SH.property: _property,
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH["class"]: _class,
    SH.datatype: _datatype,
    SH.nodeKind: _node_kind,
    SH.node: _node,
    SH.qualifiedValueShape: _qualified,
    SH.hasValue: _has_value,
    SH["in"]: _in,
    SH.minLength: _min_length,
    SH.maxLength: _max_length,
    SH.pattern: _pattern,
    SH.languageIn: _language_in,
    SH.minInclusive: _min_inclusive,
    SH.maxInclusive: _max_inclusive,
    SH.minExclusive: _min_exclusive,
    SH.maxExclusive: _max_exclusive,
    SH.lessThanOrEquals: _less_than_or_equals,
    SH.equals: _equals,
    SH["or"]: _or,
    SH["and"]: _and,
    SH["not"]: _not,
}


# ---------------------------------------------------------------------------------------------
# The compiled shapes graph
# ---------------------------------------------------------------------------------------------

class CompiledShapes:
    """Every shape of a shapes graph, compiled; the targeted ones are looked up by target."""

    def __init__(self, shapes: list[_Shape], by_class: dict[str, list[_Shape]],
                 by_subjects_of: dict[str, list[_Shape]],
                 by_objects_of: dict[str, list[_Shape]], by_node: dict[Node, list[_Shape]],
                 inverse: frozenset[str]) -> None:
        self.shapes = shapes
        self.by_class, self.by_subjects_of = by_class, by_subjects_of
        self.by_objects_of, self.by_node = by_objects_of, by_node
        #: Predicates looked up from object to subject: the document indexes only these.
        self.inverse_predicates = inverse
        self._by_classes: dict[frozenset[str], tuple[_Shape, ...]] = {}

    @classmethod
    def compile(cls, shapes: Graph) -> CompiledShapes:
        """Compile `shapes`; raises UnsupportedShapeError naming the shape and the construct
        for anything this engine does not implement."""
        c = _Compiler(shapes)
        g = shapes
        for other in (SH.xone, SH.closed, SH.sparql, SH.target, SH.rule, SH.disjoint,
                      SH.lessThan, SH.uniqueLang, SH.ignoredProperties):
            for node in g.subjects(other, None):
                raise UnsupportedShapeError(
                    node, f"unsupported SHACL construct {other.n3(g.namespace_manager)}")
        roots: dict[Node, None] = {}
        for kind in (SH.NodeShape, SH.PropertyShape):
            roots.update(dict.fromkeys(g.subjects(RDF.type, kind)))
        for p in (*_TARGETS, *_SHAPE_VALUES, *_SHAPE_LISTS):
            roots.update(dict.fromkeys(g.subjects(p, None)))
        for node in sorted(roots, key=lambda n: (isinstance(n, BNode), str(n))):
            c.shape(node)
        class_types = {RDFS.Class, *g.subjects(RDFS.subClassOf, RDFS.Class)}
        by_class: dict[str, list[_Shape]] = {}
        by_subjects_of: dict[str, list[_Shape]] = {}
        by_objects_of: dict[str, list[_Shape]] = {}
        by_node: dict[Node, list[_Shape]] = {}
        for shape in c.shapes.values():
            node = shape.node
            iri_targets = (
                (by_class, SH.targetClass, g.objects(node, SH.targetClass)),
                (by_subjects_of, SH.targetSubjectsOf, g.objects(node, SH.targetSubjectsOf)),
                (by_objects_of, SH.targetObjectsOf, g.objects(node, SH.targetObjectsOf)),
            )
            for table, parameter, values in iri_targets:
                for value in values:
                    if not isinstance(value, URIRef):
                        raise UnsupportedShapeError(node, f"{parameter} must be an IRI")
                    table.setdefault(str(value), []).append(shape)
            for value in g.objects(node, SH.targetNode):
                by_node.setdefault(value, []).append(shape)
            if any(t in class_types for t in g.objects(node, RDF.type)):  # implicit target
                if not isinstance(node, URIRef):
                    raise UnsupportedShapeError(node, "a blank-node shape that is a class")
                by_class.setdefault(str(node), []).append(shape)
        tables: tuple[dict[Any, list[_Shape]], ...] = (
            by_class, by_subjects_of, by_objects_of, by_node)
        for table in tables:
            for key, found in table.items():
                table[key] = sorted(set(found), key=lambda s: s.index)
        c.inverse.update(by_objects_of)
        return cls(list(c.shapes.values()), by_class, by_subjects_of, by_objects_of, by_node,
                   frozenset(c.inverse))

    def index(self, reference: ReferenceIndex | None, document: Iterable[Triple]) -> DataIndex:
        """`document` overlaid on `reference`, indexed for these shapes."""
        return DataIndex(reference, document, inverse=self.inverse_predicates)

    def _class_targeted(self, classes: frozenset[str]) -> tuple[_Shape, ...]:
        found = self._by_classes.get(classes)
        if found is None:
            if len(self._by_classes) > _MEMO_LIMIT:
                self._by_classes.clear()
            shapes = {s for cls in classes for s in self.by_class.get(cls, ())}
            found = self._by_classes[classes] = tuple(sorted(shapes, key=lambda s: s.index))
        return found

    def shapes_for(self, data: DataIndex, node: Node) -> Collection[_Shape]:
        """The shapes that target `node`, in compilation order."""
        found = self._class_targeted(data.classes(node))
        if not (self.by_subjects_of or self.by_objects_of or self.by_node):
            return found
        more = [s for p, shapes in self.by_subjects_of.items() if data.has_predicate(node, p)
                for s in shapes]
        more += [s for p, shapes in self.by_objects_of.items() if data.subjects(p, node)
                 for s in shapes]
        more += self.by_node.get(node, ())
        if not more:
            return found
        return sorted({*found, *more}, key=lambda s: s.index)

    def _run(self, data: DataIndex, focus: Iterable[Node]
             ) -> Iterator[tuple[_Shape, list[FastViolation]]]:
        for node in focus:
            for shape in self.shapes_for(data, node):
                yield shape, shape.evaluate(data, node)

    def violations(self, data: DataIndex, focus: Iterable[Node]) -> list[FastViolation]:
        """Every result of validating the `focus` nodes that some shape targets (a node no shape
        targets is not checked), against the union data."""
        out: list[FastViolation] = []
        for _, results in self._run(data, focus):
            out.extend(results)
        return out

    def validate(self, data: DataIndex, focus: Iterable[Node]) -> tuple[bool, list[FastViolation]]:
        """(conforms, results) with pySHACL's allow_warnings verdict: a shape of severity
        sh:Warning or sh:Info never fails, and lenient results do not fail a shape."""
        conforms, out = True, []
        for shape, results in self._run(data, focus):
            out.extend(results)
            if conforms and results and not shape.conforms(results):
                conforms = False
        return conforms, out
