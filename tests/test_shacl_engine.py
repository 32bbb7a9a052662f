"""The compiled SHACL validator (cepa_kg.shacl_engine) against pySHACL, result by result.

Every case compares the verdict and the multiset of results, each as (focus node, result path,
source shape, constraint component, value), of the engine and of pySHACL on the same data and
focus nodes: the shapes fixtures, every document of the corpus and of tests/data that builds,
generated bench documents, Hypothesis-driven mutations of real document graphs, and small
graphs per constraint component. pySHACL runs as `validation.pyshacl_validate` does (targets
restricted to the focus nodes, nested shapes checked on any value); one test checks that this
equals plain unfocused pySHACL restricted to the focus nodes.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Collection, Iterable
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from cepa_kg import validation
from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.loaders.triples import Triples
from cepa_kg.pipeline import LoadError, build_document
from cepa_kg.reference import reference_graph, shapes_graph
from cepa_kg.resources import ontology_dir
from cepa_kg.shacl_engine import (
    CompiledShapes,
    DataIndex,
    FastViolation,
    ReferenceIndex,
    UnsupportedShapeError,
)
from cepa_kg.sources import SourceError, read_source
from cepa_kg.validation import compiled_shapes, pyshacl_validate, reference_index, validate_graph
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection as RDFList
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

BASE = "http://localhost:8000/"
HERE = Path(__file__).parent
FIXTURES = HERE / "data" / "shapes"
CEPA = Namespace("https://w3id.org/cepa-kg/def#")
OA = Namespace("http://www.w3.org/ns/oa#")
EX = Namespace("http://example.org/")

Key = tuple[Node, str | None, Node, Node, Node | None]


# ---------------------------------------------------------------------------------------------
# Comparing results
# ---------------------------------------------------------------------------------------------

def _path_text(g: Graph, path: Node | None, *, top: bool = True) -> str | None:
    """A result path of a report as the engine writes it: IRI, ^inverse, a/b sequence."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + str(_path_text(g, inverse, top=False))
    steps = "/".join(str(_path_text(g, p, top=False)) for p in RDFList(g, path))
    return steps if top else f"({steps})"


def report_keys(report: Graph, focus: Collection[Node] | None = None) -> Counter[Key]:
    """The top-level results of a pySHACL report (at `focus` nodes only, if given)."""
    keys: Counter[Key] = Counter()
    for r in report.objects(None, SH.result):
        node = report.value(r, SH.focusNode)
        if focus is not None and node not in focus:
            continue
        keys[(node, _path_text(report, report.value(r, SH.resultPath)),
              report.value(r, SH.sourceShape), report.value(r, SH.sourceConstraintComponent),
              report.value(r, SH.value))] += 1
    return keys


def engine_keys(found: Iterable[FastViolation]) -> Counter[Key]:
    return Counter((v.focus, v.path, v.shape, v.component, v.value) for v in found)


def show(keys: Counter[Key]) -> str:
    return "\n".join(f"  {n}x {k}" for k, n in sorted(keys.items(), key=str)) or "  (none)"


def compare(data_graph: Graph, engine: CompiledShapes, index: DataIndex, focus: Collection[Node],
            shapes: Graph) -> tuple[bool, Counter[Key]]:
    """Run both on the same data and focus nodes; assert the same verdict and results.
    Returns them. When pySHACL fails with an error, the engine must refuse."""
    conforms, found = engine.validate(index, focus)
    mine = engine_keys(found)
    try:
        their_conforms, report = pyshacl_validate(data_graph, focus, shapes)
    except Exception as error:  # noqa: BLE001 - pySHACL errors on some incomparable values
        event(f"pySHACL raised {type(error).__name__}")
        assert not conforms, f"pySHACL raised {error!r} but the engine accepts"
        return conforms, mine
    theirs = report_keys(report)
    assert mine == theirs, (f"engine only:\n{show(mine - theirs)}\n"
                            f"pySHACL only:\n{show(theirs - mine)}")
    assert conforms == their_conforms
    return conforms, mine


# ---------------------------------------------------------------------------------------------
# Shared data
# ---------------------------------------------------------------------------------------------

@cache
def own_reference() -> Graph:
    """What the shapes fixtures are read with (tests/test_shapes.py): ontology, goals, MDG-SDG."""
    g = Graph()
    for name in ("cepa.ttl", "goals.ttl", "mdg-sdg.ttl"):
        g.parse(data=(ontology_dir() / name).read_text(encoding="utf-8"), format="turtle",
                publicID=BASE)
    return g


@cache
def own_reference_index() -> ReferenceIndex:
    return ReferenceIndex(own_reference())


@cache
def documents() -> dict[str, Graph]:
    """Every document of the corpus and of tests/data that builds, by file name."""
    out = {}
    for path in [*bundled_corpus_paths(), *sorted((HERE / "data").rglob("*.txt"))]:
        try:
            out[path.name] = build_document(read_source(path), base=BASE).graph
        except (LoadError, SourceError):
            continue
    return out


def compare_document(graph: Graph, focus: Collection[Node] | None = None) -> tuple[bool, Counter]:
    """A document graph with the reference data, as `validate_graph` validates it."""
    focus = frozenset(graph.subjects()) if focus is None else focus
    data = ReadOnlyGraphAggregate([reference_graph(BASE), graph])
    engine = compiled_shapes()
    return compare(data, engine, engine.index(reference_index(BASE), graph), focus,
                   shapes_graph())


# ---------------------------------------------------------------------------------------------
# Fixtures, documents, generated documents
# ---------------------------------------------------------------------------------------------

FIXTURE_NAMES = sorted(p.name.removesuffix(".ttl") for p in FIXTURES.glob("*.ttl")
                       if not p.name.startswith("_"))


def test_there_are_fixtures() -> None:
    assert len(FIXTURE_NAMES) >= 70


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_shapes_fixture(name: str) -> None:
    """Context + fixture as the document, the ontology and goals as the reference data."""
    doc = Graph()
    for part in ("_context", name):
        doc.parse(FIXTURES / f"{part}.ttl", format="turtle", publicID=BASE)
    engine = compiled_shapes()
    focus = frozenset(doc.subjects())
    data = ReadOnlyGraphAggregate([own_reference(), doc])
    conforms, found = compare(data, engine, engine.index(own_reference_index(), doc), focus,
                              shapes_graph())
    assert conforms == name.endswith(".ok"), show(found)


def test_reference_data() -> None:
    """The whole reference data, every node a focus node, against plain unfocused pySHACL."""
    ref = reference_graph(BASE)
    engine = compiled_shapes()
    conforms, found = engine.validate(DataIndex(None, ref), set(ref.subjects()))
    their_conforms, report, _ = pyshacl.validate(ref, shacl_graph=shapes_graph(),
                                                 inference="none", allow_warnings=True)
    assert conforms and their_conforms and not found and not report_keys(report)


def test_documents_build() -> None:
    assert len(documents()) >= 20


@pytest.mark.parametrize("name", sorted(documents()))
def test_document(name: str) -> None:
    conforms, found = compare_document(documents()[name])
    assert conforms, show(found)


@cache
def generated() -> list[Graph]:
    """30 realistic documents made by bench/bench_load.py (seed 3)."""
    import tempfile

    sys.path.insert(0, str(HERE.parent / "bench"))
    try:
        from bench_load import generate
    finally:
        sys.path.remove(str(HERE.parent / "bench"))
    with tempfile.TemporaryDirectory() as folder:
        return [build_document(read_source(p), base=BASE).graph
                for p in generate(Path(folder), 30, 3)]


@pytest.mark.parametrize("i", range(30))
def test_generated_document(i: int) -> None:
    compare_document(generated()[i])


def test_oracle_is_plain_pyshacl() -> None:
    """pySHACL with targets restricted to the focus nodes (the oracle here and the explanation
    in `validate_graph`) gives what plain unfocused pySHACL over a copy of reference + document
    gives at those nodes, on documents and on broken copies of them."""
    docs = documents()
    for name in ("da-project-knowledge-management.txt", "dpadm-monthly-update-2011-11.txt"):
        graph = Graph()
        graph += docs[name]
        subject = next(iter(sorted(graph.subjects(RDF.type, CEPA.SourceDocument))))
        for title in list(graph.objects(subject, URIRef("http://purl.org/dc/terms/title"))):
            graph.remove((subject, URIRef("http://purl.org/dc/terms/title"), title))
            graph.add((subject, URIRef("http://purl.org/dc/terms/title"), Literal(7)))
        for s, p, o in list(graph.triples((None, RDFS.label, None)))[:5]:
            graph.remove((s, p, o))
            graph.add((s, p, Literal(str(o), lang="fr")))
        focus = frozenset(graph.subjects())
        _, focused = pyshacl_validate(ReadOnlyGraphAggregate([reference_graph(BASE), graph]),
                                      focus)
        union = Graph()
        union += reference_graph(BASE)
        union += graph
        _, plain, _ = pyshacl.validate(union, shacl_graph=shapes_graph(), inference="none",
                                       allow_warnings=True)
        assert report_keys(focused) == report_keys(plain, focus)
        assert report_keys(focused)  # the broken copy is refused


# ---------------------------------------------------------------------------------------------
# Mutations of real document graphs
# ---------------------------------------------------------------------------------------------

MUTATED = ["cepa-session-05-2006.txt", "cepa-session-08-2009.txt",
           "da-project-knowledge-management.txt", "dpadm-monthly-update-2011-11.txt",
           "da-project-inline-lists.txt", "cepa-session-04-2005.txt"]
CLASSES = [CEPA.Actor, CEPA.Person, CEPA.Organization, CEPA.Country, CEPA.ActorGroup,
           CEPA.Event, CEPA.Workshop, CEPA.Session, CEPA.Theme, CEPA.Recommendation,
           CEPA.ResolutionParagraph, CEPA.Resolution, CEPA.GoalAlignment, CEPA.Goal, CEPA.Target,
           CEPA.SourceDocument, CEPA.Project, CEPA.ProjectActivity, CEPA.Place,
           OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector,
           URIRef("http://www.w3.org/ns/org#Membership"), EX.Unknown]
LITERALS = [
    Literal("plain"), Literal("x", datatype=XSD.string), Literal("", datatype=XSD.string),
    Literal("english", lang="en"), Literal("british", lang="en-GB"), Literal("fr", lang="fr"),
    Literal("EN upper", lang="EN"), Literal(0), Literal(1), Literal(-3), Literal(10 ** 6),
    Literal("abc", datatype=XSD.integer), Literal("1.5", datatype=XSD.decimal),
    Literal("0.25", datatype=XSD.decimal), Literal("2", datatype=XSD.decimal),
    Literal("x", datatype=XSD.decimal), Literal("2011-11-02", datatype=XSD.date),
    Literal("2011-02-30", datatype=XSD.date), Literal("1999-01-01", datatype=XSD.date),
    Literal("2011-11", datatype=XSD.gYearMonth), Literal("2011", datatype=XSD.gYear),
    Literal("2011-11-02T10:00:00", datatype=XSD.dateTime),
    Literal("not a time", datatype=XSD.dateTime), Literal("0" * 64, datatype=XSD.string),
    Literal("ABC"), Literal("AB"), Literal("004"), Literal("A/RES/56/213"),
    Literal("agreed"), Literal("explicit"), Literal("cepa-session"), Literal("true",
                                                                             datatype=XSD.boolean),
    Literal("7", datatype=XSD.nonNegativeInteger), Literal("x", datatype=EX.custom),
]


@cache
def _max_one_predicates() -> frozenset[URIRef]:
    g = shapes_graph()
    return frozenset(p for s in g.subjects(SH.maxCount, Literal(1))
                     if isinstance(p := g.value(s, SH.path), URIRef))


def _key(t: tuple[Node, Node, Node]) -> tuple[str, ...]:
    return tuple(f"{type(n).__name__}:{n}" for n in t)


@cache
def _candidates(name: str) -> dict[str, list[tuple[Node, Node, Node]]]:
    """The triples of a document each kind of change picks from (in a stable order)."""
    triples = sorted(documents()[name], key=_key)
    return {
        "all": triples,
        "literal": [t for t in triples if isinstance(t[2], Literal)],
        "type": [t for t in triples if t[1] == RDF.type],
        "max one": [t for t in triples if t[1] in _max_one_predicates()],
        "iri": [t for t in triples if isinstance(t[2], URIRef)],
        "link": [t for t in triples if isinstance(t[2], URIRef) and t[1] != RDF.type],
    }


class Mutation:
    """Changes to a graph, undone by `undo`: the net triples added and removed."""

    def __init__(self, graph: Graph) -> None:
        self.graph, self.added, self.removed = graph, set(), set()  # type: ignore[var-annotated]
        self.touched: set[Node] = set()

    def add(self, t: tuple[Node, Node, Node]) -> None:
        self.touched.update((t[0], t[2]))
        if t in self.removed:
            self.removed.discard(t)
        elif t not in self.graph:
            self.added.add(t)
        self.graph.add(t)

    def remove(self, t: tuple[Node, Node, Node]) -> None:
        self.touched.update((t[0], t[2]))
        if t in self.added:
            self.added.discard(t)
        elif t in self.graph:
            self.removed.add(t)
        self.graph.remove(t)

    def undo(self) -> None:
        for t in self.added:
            self.graph.remove(t)
        for t in self.removed:
            self.graph.add(t)


def _mutate(draw: st.DrawFn, m: Mutation, name: str, op: str) -> None:
    """One change of kind `op` to the graph of document `name` (picked from its original
    triples: one already removed is removed again, to no effect)."""
    triples = _candidates(name)
    if op == "drop":
        m.remove(draw(st.sampled_from(triples["all"])))
    elif op == "literal":
        s, p, o = draw(st.sampled_from(triples["literal"]))
        variants = [Literal(str(o)), Literal(str(o), lang="fr"), Literal(str(o), lang="en"),
                    Literal(str(o), datatype=XSD.integer), Literal(str(o), datatype=XSD.date),
                    Literal(str(o), datatype=XSD.string), *LITERALS]
        m.remove((s, p, o))
        m.add((s, p, draw(st.sampled_from(variants))))
    elif op == "retype":
        s, p, o = draw(st.sampled_from(triples["type"]))
        how = draw(st.sampled_from(["replace", "add", "remove"]))
        if how != "add":
            m.remove((s, p, o))
        if how != "remove":
            m.add((s, p, draw(st.sampled_from(CLASSES))))
    elif op == "second value":
        candidates = triples["max one"]
        s, p, o = draw(st.sampled_from(candidates))
        others = sorted({t[2] for t in candidates if t[1] == p and t[2] != o}, key=str)
        m.add((s, p, draw(st.sampled_from(others or LITERALS))))
    elif op == "swap":
        a, b = draw(st.sampled_from(triples["iri"])), draw(st.sampled_from(triples["iri"]))
        m.remove(a)
        m.remove(b)
        m.add((a[0], a[1], b[2]))
        m.add((b[0], b[1], a[2]))
    elif op == "point":  # a link to a node of the reference data or to an unknown IRI
        s, p, o = draw(st.sampled_from(triples["link"]))
        targets = [URIRef(BASE + "id/goal/mdg-1"), URIRef(BASE + "id/goal/sdg-16"),
                   URIRef(BASE + "id/country/ken"), EX.nowhere, CEPA.Actor]
        m.remove((s, p, o))
        m.add((s, p, draw(st.sampled_from(targets))))


def _near(graph: Graph, nodes: set[Node], limit: int = 30) -> frozenset[Node]:
    """The document's subjects within two links of `nodes` (at most `limit` of them, the
    changed nodes first)."""
    subjects = set(graph.subjects())
    ball = set(nodes)
    for _ in range(2):
        nxt = set(ball)
        for n in ball:
            nxt.update(o for o in graph.objects(n, None) if not isinstance(o, Literal))
            nxt.update(graph.subjects(None, n))
        ball = nxt
    first = sorted(nodes & subjects, key=str)
    rest = sorted((ball & subjects) - set(first), key=str)
    return frozenset((first + rest)[:limit])


MUTATIONS = settings(max_examples=260, deadline=None, derandomize=True, database=None,
                     phases=[Phase.explicit, Phase.generate],
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OPS = ["drop", "literal", "retype", "second value", "swap", "point"]


def test_mutated_documents() -> None:
    """Drop a triple, change a literal's datatype or language (or make it ill-typed), retype a
    node, add a second value where the shapes allow one, swap or redirect links; the engine and
    pySHACL agree at the nodes around the change."""
    docs = documents()
    graphs = {name: docs[name] for name in MUTATED}
    stats: Counter[str] = Counter()

    @MUTATIONS
    @given(st.data())
    def run(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(MUTATED), label="document")
        graph = graphs[name]
        m = Mutation(graph)
        try:
            for _ in range(data.draw(st.integers(1, 3), label="changes")):
                _mutate(data.draw, m, name, data.draw(st.sampled_from(OPS), label="op"))
            focus = _near(graph, m.touched)
            conforms, found = compare_document(graph, focus)
            stats["cases"] += 1
            stats["refused" if not conforms else "accepted"] += 1
            stats.update(str(k[3]).rsplit("#", 1)[-1] for k in found)
        finally:
            m.undo()

    run()
    assert stats["cases"] >= 250, stats
    assert stats["refused"] >= 100, stats  # most changes break something...
    assert stats["accepted"] >= 10, stats  # ... not all
    for component in ("MinCount", "MaxCount", "Class", "Datatype", "Node", "Or", "In",
                      "QualifiedMinCount"):
        assert stats[f"{component}ConstraintComponent"], (component, stats)


# ---------------------------------------------------------------------------------------------
# One constraint component at a time, on small graphs
# ---------------------------------------------------------------------------------------------

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
"""

#: (name, shapes, data, the constraint components the data breaks)
UNITS: list[tuple[str, str, str, set[str]]] = [
    ("minCount", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 2 ] .""", """
        ex:a a ex:C ; ex:p 1 . ex:b a ex:C ; ex:p 1, 2 . ex:c a ex:C .""", {"MinCount"}),
    ("maxCount", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:maxCount 1 ] .""", """
        ex:a a ex:C ; ex:p 1, 2 . ex:b a ex:C ; ex:p "x" .""", {"MaxCount"}),
    ("class with subclasses", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:class ex:Animal ] .""", """
        ex:Dog rdfs:subClassOf ex:Mammal . ex:Mammal rdfs:subClassOf ex:Animal .
        ex:rex a ex:Dog . ex:rock a ex:Rock . ex:cat a ex:Animal, ex:Rock .
        ex:a a ex:C ; ex:p ex:rex, ex:rock, ex:cat, ex:nothing, "literal", [ a ex:Dog ] .
        """, {"Class"}),
    ("targetClass reaches subclasses", """
        ex:S a sh:NodeShape ; sh:targetClass ex:Animal ;
            sh:property [ sh:path ex:name ; sh:minCount 1 ] .""", """
        ex:Dog rdfs:subClassOf ex:Animal . ex:Puppy rdfs:subClassOf ex:Dog .
        ex:a a ex:Puppy . ex:b a ex:Dog ; ex:name "b" . ex:c a ex:Other .""", {"MinCount"}),
    ("datatype", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:int ; sh:datatype xsd:integer ] ;
            sh:property [ sh:path ex:str ; sh:datatype xsd:string ] ;
            sh:property [ sh:path ex:lang ; sh:datatype rdf:langString ] ;
            sh:property [ sh:path ex:date ; sh:datatype xsd:date ] ;
            sh:property [ sh:path ex:dec ; sh:datatype xsd:decimal ] ;
            sh:property [ sh:path ex:dt ; sh:datatype xsd:dateTime ] ;
            sh:property [ sh:path ex:ym ; sh:datatype xsd:gYearMonth ] ;
            sh:property [ sh:path ex:any ; sh:datatype rdfs:Literal ] .""", """
        ex:a a ex:C ; ex:int 1, "abc"^^xsd:integer, "1", 1.5, "7"^^xsd:nonNegativeInteger ;
            ex:str "plain", "typed"^^xsd:string, "en"@en, 3, ex:iri ;
            ex:lang "en"@en, "plain" ; ex:date "2011-11-02"^^xsd:date,
            "2011-02-30"^^xsd:date, "2011-11-02" ; ex:dec 1.5, "x"^^xsd:decimal, 2 ;
            ex:dt "2011-11-02T10:00:00"^^xsd:dateTime, "noon"^^xsd:dateTime ;
            ex:ym "2011-11"^^xsd:gYearMonth, "2011-13"^^xsd:gYearMonth ;
            ex:any "x", 1, "x"@fr, ex:iri .""", {"Datatype"}),
    ("nodeKind", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:iri ; sh:nodeKind sh:IRI ] ;
            sh:property [ sh:path ex:lit ; sh:nodeKind sh:Literal ] ;
            sh:property [ sh:path ex:bn ; sh:nodeKind sh:BlankNodeOrIRI ] .""", """
        ex:a a ex:C ; ex:iri ex:x, "x", [] ; ex:lit "x", ex:x ; ex:bn [], ex:x, 1 .""",
     {"NodeKind"}),
    ("node", """
        ex:Text a sh:NodeShape ;
            sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] ) .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:title ; sh:node ex:Text ] .""", """
        ex:a a ex:C ; ex:title "ok", "ok"@en, 5, ex:iri, "2011-01-01"^^xsd:date .""", {"Node"}),
    ("qualifiedValueShape", """
        ex:En a sh:NodeShape ; sh:nodeKind sh:Literal ; sh:languageIn ( "en" ) .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path rdfs:label ; sh:qualifiedValueShape ex:En ;
                          sh:qualifiedMinCount 1 ] ;
            sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ;
                          sh:qualifiedMaxCount 1 ; sh:qualifiedMinCount 1 ] .""", """
        ex:d1 a ex:D . ex:d2 a ex:D .
        ex:a a ex:C ; rdfs:label "fr"@fr, "plain" ; ex:p ex:d1, ex:d2 .
        ex:b a ex:C ; rdfs:label "en"@en-GB ; ex:p ex:d1, ex:x .
        ex:c a ex:C .""", {"QualifiedMinCount", "QualifiedMaxCount"}),
    ("hasValue", """
        ex:S a sh:NodeShape ; sh:targetClass ex:D ;
            sh:property [ sh:path rdf:type ; sh:hasValue ex:C ] ;
            sh:property [ sh:path ex:n ; sh:hasValue 1 ] .""", """
        ex:a a ex:D, ex:C ; ex:n 1 . ex:b a ex:D ; ex:n "1", 2 .""", {"HasValue"}),
    ("in", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:in ( "a" "b" ex:c 1 ) ] .""", """
        ex:a a ex:C ; ex:p "a", "b", ex:c, 1, "c", "a"@en, "a"^^xsd:string, "1"^^xsd:integer,
            "01"^^xsd:integer, ex:d .""", {"In"}),
    ("minLength and maxLength", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minLength 2 ; sh:maxLength 4 ] ;
            sh:property [ sh:path ex:q ; sh:minLength 0 ] .""", """
        ex:a a ex:C ; ex:p "ab", "a", "abcde", ""@en, 12, 123456, ex:i, [] ; ex:q "", [] .""",
     {"MinLength", "MaxLength"}),
    ("pattern", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:pattern "^[0-9]{3}$" ] ;
            sh:property [ sh:path ex:q ; sh:pattern "themes$" ; sh:flags "i" ] ;
            sh:property [ sh:path ex:r ; sh:pattern "b" ] .""", """
        ex:a a ex:C ; ex:p "004", "04", 123, "1234", "004"@en ;
            ex:q <http://x/id/scheme/themes>, <http://x/THEMES>, <http://x/other>, [] ;
            ex:r "abc", "ABC", "xbx" .""", {"Pattern"}),
    ("languageIn", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:languageIn ( "en" "pt-BR" ) ] .""", """
        ex:a a ex:C ; ex:p "a"@en, "b"@EN, "c"@en-GB, "d"@fr, "e", "f"@pt-br, "g"@pt,
            "h"@pt-BR-x, ex:i .""", {"LanguageIn"}),
    ("or, node level and property level", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:or ( [ sh:class ex:D ] [ sh:class ex:E ] ) ;
            sh:property [ sh:path ex:p ;
                          sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] ) ] .
        """, """
        ex:a a ex:C, ex:D ; ex:p "2011-11"^^xsd:gYearMonth, "2011-11-01"^^xsd:date .
        ex:b a ex:C ; ex:p "2011", "2011-11-31"^^xsd:date .""", {"Or"}),
    ("minInclusive and maxInclusive", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:n ; sh:minInclusive 0 ; sh:maxInclusive 1 ] ;
            sh:property [ sh:path ex:d ; sh:minInclusive "2000-01-01"^^xsd:date ] .""", """
        ex:a a ex:C ; ex:n 0, 1, 0.5, -1, 2, 1.0, "0.5"^^xsd:double, "abc"^^xsd:integer, "1",
            ex:iri, "1"^^xsd:nonNegativeInteger, true ;
            ex:d "2011-01-01"^^xsd:date, "1999-12-31"^^xsd:date, "2011-01-01T00:00:00"^^xsd:dateTime,
            "2011"^^xsd:gYear, 5 .""", {"MinInclusive", "MaxInclusive"}),
    ("minExclusive and maxExclusive", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:n ; sh:minExclusive 0 ; sh:maxExclusive 10 ] .""", """
        ex:a a ex:C ; ex:n 0, 1, 9.5, 10, 11, "x" .""", {"MinExclusive", "MaxExclusive"}),
    ("lessThanOrEquals", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:start ; sh:lessThanOrEquals ex:end ] .""", """
        ex:a a ex:C ; ex:start 1, 5 ; ex:end 3, 5 .
        ex:b a ex:C ; ex:start "2011-01-02"^^xsd:date ; ex:end "2011-01-01"^^xsd:date,
            "2011-02-01"^^xsd:date .
        ex:c a ex:C ; ex:start "b", ex:i ; ex:end "a", "c", 4 .
        ex:d a ex:C ; ex:start 1 . ex:e a ex:C ; ex:end 1 .
        ex:f a ex:C ; ex:start "2011-01-02"^^xsd:date ; ex:end 3 .""", {"LessThanOrEquals"}),
    ("equals on a sequence path", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:has ex:goal ) ; sh:equals ex:aligned ] .""", """
        ex:a a ex:C ; ex:has ex:x, ex:y ; ex:aligned ex:g1, ex:g3 .
        ex:x ex:goal ex:g1 . ex:y ex:goal ex:g2 .
        ex:b a ex:C ; ex:has ex:x ; ex:aligned ex:g1 . ex:c a ex:C .""", {"Equals"}),
    ("inversePath", """
        ex:S a sh:NodeShape ; sh:targetClass ex:Part ;
            sh:property [ sh:path [ sh:inversePath ex:hasPart ] ; sh:minCount 1 ;
                          sh:maxCount 1 ; sh:class ex:Whole ] .""", """
        ex:w a ex:Whole ; ex:hasPart ex:p1, ex:p2 . ex:n ex:hasPart ex:p2 .
        ex:p1 a ex:Part . ex:p2 a ex:Part . ex:p3 a ex:Part .""",
     {"MinCount", "MaxCount", "Class"}),
    ("sequence with an inverse step", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( [ sh:inversePath ex:of ] ex:name ) ; sh:minCount 2 ;
                          sh:datatype xsd:string ] .""", """
        ex:x ex:of ex:a ; ex:name "x" . ex:y ex:of ex:a ; ex:name 3 .
        ex:a a ex:C . ex:b a ex:C . ex:z ex:of ex:b ; ex:name "z" .""",
     {"MinCount", "Datatype"}),
    ("targetSubjectsOf, targetObjectsOf, targetNode", """
        ex:S1 a sh:NodeShape ; sh:targetSubjectsOf ex:span ;
            sh:property [ sh:path ex:span ; sh:class ex:Span ] .
        ex:S2 a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:nodeKind sh:IRI .
        ex:S3 a sh:NodeShape ; sh:targetNode ex:n ;
            sh:property [ sh:path ex:q ; sh:minCount 1 ] .""", """
        ex:a ex:span ex:s . ex:s a ex:Span . ex:b ex:span ex:t .
        ex:c ex:link ex:d, "lit", [] . ex:n ex:r 1 .""", {"Class", "NodeKind", "MinCount"}),
    ("not and and", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:not [ sh:datatype xsd:integer ] ] ;
            sh:property [ sh:path ex:q ; sh:and ( [ sh:datatype xsd:string ]
                                                    [ sh:minLength 2 ] ) ] .""", """
        ex:a a ex:C ; ex:p 1, "1" ; ex:q "ab", "a", 12 .""", {"Not", "And"}),
    ("severity and deactivated", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ] ;
            sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:deactivated true ] ;
            sh:property [ sh:path ex:r ; sh:node ex:W ] ;
            sh:property [ sh:path ex:s ; sh:or ( ex:W [ sh:datatype xsd:date ] ) ] .
        ex:W a sh:NodeShape ; sh:severity sh:Info ; sh:datatype xsd:integer .""", """
        ex:a a ex:C ; ex:s "x" .""", {"MinCount"}),
    ("a lenient result fails sh:node", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:r ; sh:node ex:W ] .
        ex:W a sh:NodeShape ; sh:severity sh:Info ; sh:datatype xsd:integer .""", """
        ex:a a ex:C ; ex:r "x", 1 .""", {"Node"}),
    ("messages", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "needs a p"@en ] .""",
     """ex:a a ex:C .""", {"MinCount"}),
]


@pytest.mark.parametrize("name, shapes_ttl, data_ttl, components", UNITS,
                         ids=[u[0] for u in UNITS])
def test_component(name: str, shapes_ttl: str, data_ttl: str, components: set[str]) -> None:
    shapes = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    data = Graph().parse(data=PREFIXES + data_ttl, format="turtle")
    engine = CompiledShapes.compile(shapes)
    focus = {*data.subjects(), *data.objects()}
    conforms, found = engine.validate(DataIndex(None, data), focus)
    their_conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                 allow_warnings=True)
    mine, theirs = engine_keys(found), report_keys(report)
    assert mine == theirs, f"engine only:\n{show(mine - theirs)}\npySHACL only:\n{show(theirs - mine)}"
    assert conforms == their_conforms
    assert {str(k[3]).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
            for k in mine} == components
    if name == "messages":
        assert [v.message for v in found] == ["needs a p"]
    if name == "severity and deactivated":
        assert conforms and {v.severity for v in found} == {SH.Warning}


def test_data_index_takes_any_triples() -> None:
    """A Graph, the loaders' Triples, a list: the same results."""
    graph = documents()["da-project-knowledge-management.txt"]
    broken = [t for t in graph if t[1] != OA.end]
    engine, ref = compiled_shapes(), reference_index(BASE)
    as_graph = Graph()
    for t in broken:
        as_graph.add(t)
    results = [engine_keys(engine.violations(index, index.document_subjects()))
               for index in (engine.index(ref, broken), engine.index(ref, Triples(broken)),
                             engine.index(ref, as_graph))]
    assert results[0] == results[1] == results[2] and results[0]


@pytest.mark.parametrize("shapes_ttl, construct", [
    ("ex:S sh:targetClass ex:C ; sh:xone ( [ sh:class ex:A ] [ sh:class ex:B ] ) .", "xone"),
    ("ex:S sh:targetClass ex:C ; sh:closed true .", "closed"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .",
     "uniqueLang"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ;"
     + " sh:minCount 1 ] .", "alternativePath"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ;"
     + " sh:minCount 1 ] .", "zeroOrMorePath"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern \"a\" ;"
     + " sh:flags \"s\" ] .", "sh:flags"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:fooBar 1 ] .", "fooBar"),
    ("ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
     "sparql"),
    ("ex:S sh:targetClass ex:C ; sh:node ex:S .", "recursive"),
    ("ex:S sh:targetClass ex:C ; sh:minCount 1 .", "node shape"),
])
def test_unsupported_constructs_are_refused(shapes_ttl: str, construct: str) -> None:
    shapes = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    with pytest.raises(UnsupportedShapeError, match=construct):
        CompiledShapes.compile(shapes)


def test_our_shapes_compile() -> None:
    engine = CompiledShapes.compile(shapes_graph())
    assert len(engine.by_class) >= 38 and engine.by_subjects_of
    assert engine.inverse_predicates == {str(CEPA.expectedAccomplishment), str(CEPA.activity),
                                         str(CEPA.hasAlignment)}


# ---------------------------------------------------------------------------------------------
# validate_graph
# ---------------------------------------------------------------------------------------------

def test_conforming_document_skips_pyshacl(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("pySHACL ran on a conforming document")

    monkeypatch.setattr(validation, "pyshacl_validate", fail)
    graph = documents()["cepa-session-05-2006.txt"]
    assert validate_graph(graph, base=BASE) == validation.ValidationReport(True, ())
    assert validate_graph(Triples(graph), base=BASE).conforms
    assert validate_graph([], base=BASE).conforms


def test_refused_document_is_explained_by_pyshacl() -> None:
    """Literal values checked through sh:node / sh:qualifiedValueShape count (pySHACL's own
    focus_nodes option would let them all pass)."""
    graph = Graph()
    graph += documents()["da-project-knowledge-management.txt"]
    doc = next(iter(graph.subjects(RDF.type, CEPA.SourceDocument)))
    title = URIRef("http://purl.org/dc/terms/title")
    graph.set((doc, title, Literal(5)))
    graph.set((doc, RDFS.label, Literal("document", lang="fr")))
    report = validate_graph(Triples(graph), base=BASE)
    assert not report.conforms
    assert {(v.focus, v.path) for v in report.violations} == {
        (str(doc), str(title)), (str(doc), str(RDFS.label))}
    assert all(v.message.startswith("A source document needs") for v in report.violations)


def test_escape_hatch_runs_pyshacl(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = validation.pyshacl_validate

    def spy(*args: object, **kwargs: object) -> tuple[bool, Graph]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "pyshacl_validate", spy)
    graph = documents()["da-project-inline-lists.txt"]
    assert validate_graph(Triples(graph), base=BASE).conforms
    assert not calls  # the compiled shapes decide, pySHACL is not run
    assert validate_graph(Triples(graph), base=BASE, validator="pyshacl").conforms
    assert calls


def test_engine_verdict_stands_when_pyshacl_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("pySHACL could not compare two values")

    monkeypatch.setattr(validation, "pyshacl_validate", broken)
    graph = Graph()
    graph += documents()["da-project-inline-lists.txt"]
    graph.remove((None, OA.end, None))
    report = validate_graph(graph, base=BASE)
    assert not report.conforms and report.violations
    assert {v.path for v in report.violations} == {str(OA.end)}


def test_blank_node_resources_are_validated() -> None:
    """A document's blank-node subject of a targeted class is a focus node too."""
    graph = Graph()
    graph += documents()["da-project-inline-lists.txt"]
    graph.add((BNode("x"), RDF.type, CEPA.Theme))
    report = validate_graph(graph, base=BASE)
    assert not report.conforms and {v.focus for v in report.violations} == {"x"}
