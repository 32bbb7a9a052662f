"""The SHACL shapes (shapes/*.ttl), run with real pySHACL as the loader runs them.

Each shape with a target has two fixtures in tests/data/shapes/: `<Name>.ok.ttl` conforms and
`<Name>.bad.ttl` fails for exactly the reasons listed in EXPECTED, given as (node shape, path).
Fixtures are read with base http://localhost:8000/ together with `_context.ttl` (a document, a
session, actors, a place), the ontology and the goal reference data, as a document graph is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from cepa_kg.namespaces import PREFIXES
from cepa_kg.resources import data_files, ontology_dir, shapes_dir

BASE = "http://localhost:8000/"
FIXTURES = Path(__file__).parent / "data" / "shapes"
CEPASH = Namespace("https://w3id.org/cepa-kg/shapes#")

# (node shape without "Shape", path: a CURIE, "^p" for an inverse path, "p/q" for a sequence)
Key = tuple[str, str | None]


def _kinds(name: str) -> dict[str, set[Key]]:
    return {name: {(name, "rdf:type")}}


EXPECTED: dict[str, set[Key]] = {
    "SourceDocument": {
        ("SourceDocument", "cepa:documentKind"),
        ("SourceDocument", "cepa:sha256"),
        ("SourceDocument", "prov:generatedAtTime"),
    },
    "SourceSpan": {("SourceSpan", "cepa:sourceSpan")},
    "SpecificResource": {
        ("SpecificResource", "oa:hasSource"),
        ("SpecificResource", "oa:hasSelector"),
    },
    "TextQuoteSelector": {("TextQuoteSelector", "oa:exact")},
    "TextPositionSelector": {
        ("TextPositionSelector", "oa:start"),
        ("TextPositionSelector", "oa:end"),
    },
    "Session": {
        ("Session", "prov:wasDerivedFrom"),
        ("Session", "cepa:sessionNumber"),
        ("Session", "schema:startDate"),
        ("Session", "cepa:mainTheme"),
    },
    "Theme": {
        ("Theme", "skos:prefLabel"),
        ("Theme", "skos:inScheme"),
        ("Theme", "skos:broader"),
    },
    "Recommendation": {
        ("Recommendation", "cepa:addressee"),
        ("Recommendation", "cepa:modality"),
        ("Recommendation", "cepa:order"),
        ("Recommendation", "cepa:alignedTo"),
        ("Recommendation", "cepa:hasAlignment/cepa:goal"),
    },
    "ResolutionParagraph": {
        ("ResolutionParagraph", "rdf:type"),
        ("ResolutionParagraph", "cepa:resolution"),
    },
    "Resolution": {
        ("Resolution", "cepa:session"),
        ("Resolution", "cepa:hasParagraph"),
    },
    "GoalAlignment": {
        ("GoalAlignment", "^cepa:hasAlignment"),
        ("GoalAlignment", "cepa:method"),
        ("GoalAlignment", "cepa:score"),
    },
    "Goal": {
        ("Goal", "rdfs:label"),
        ("Goal", "skos:notation"),
        ("Goal", "skos:inScheme"),
    },
    "Target": {("Target", "skos:notation"), ("Target", "skos:broader")},
    "Correspondence": {
        ("Correspondence", "dcterms:description"),
        ("Correspondence", "cepa:justification"),
    },
    "GoalCorrespondence": {
        ("GoalCorrespondence", "cepa:fromConcept"),
        ("GoalCorrespondence", "cepa:mappingRelation"),
        ("GoalCorrespondence", "cepa:toConcept"),
        ("GoalCorrespondence", "dcterms:isPartOf"),
    },
    "Actor": {("Actor", None), ("Actor", "rdfs:label")},
    "Organization": {
        ("Organization", "rdf:type"),
        ("Organization", "org:subOrganizationOf"),
        ("Organization", "cepa:country"),
    },
    "ActorGroup": {("ActorGroup", "rdf:type")},
    "Country": {
        ("Country", "cepa:iso3166Alpha3"),
        ("Country", "cepa:iso3166Alpha2"),
        ("Country", "cepa:m49"),
    },
    "Person": {
        ("Person", "rdf:type"),
        ("Person", "prov:wasDerivedFrom"),
        ("Person", "foaf:name"),
    },
    "Membership": {
        ("Membership", "rdfs:label"),
        ("Membership", "org:member"),
        ("Membership", "org:role"),
    },
    "Role": {("Role", "rdfs:label")},
    "Post": {("Post", "rdfs:label"), ("Post", "org:postIn"), ("Post", "org:heldBy")},
    "Place": {
        ("Place", "rdfs:label"),
        ("Place", "skos:altLabel"),
        ("Place", "schema:containedInPlace"),
    },
    "Event": {
        ("Event", "prov:wasDerivedFrom"),
        ("Event", "schema:startDate"),
        ("Event", "schema:location"),
    },
    **_kinds("Seminar"),
    **_kinds("Workshop"),
    **_kinds("Meeting"),
    **_kinds("Conference"),
    **_kinds("Training"),
    **_kinds("Forum"),
    **_kinds("Retreat"),
    **_kinds("Mission"),
    **_kinds("Briefing"),
    **_kinds("Exhibition"),
    **_kinds("AwardCeremony"),
    **_kinds("Launch"),
    "Partnership": {("Partnership", "cepa:party"), ("Partnership", "cepa:status")},
    "Project": {("Project", "cepa:objective"), ("Project", "dcterms:references")},
    "ExpectedAccomplishment": {
        ("ExpectedAccomplishment", "^cepa:expectedAccomplishment"),
        ("ExpectedAccomplishment", "cepa:order"),
    },
    "ProjectActivity": {
        ("ProjectActivity", "cepa:text"),
        ("ProjectActivity", "cepa:numbering"),
    },
    "UNDocument": {("UNDocument", "rdfs:label"), ("UNDocument", "cepa:symbol")},
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    g = Graph()
    for f in data_files(shapes_dir(), ".ttl"):
        g.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return g


@pytest.fixture(scope="module")
def own_reference() -> Graph:
    """Ontology + goals + MDG-SDG correspondence, read with BASE: what every fixture may rely on
    (gazetteer actors, places and countries it needs are in `_context.ttl`)."""
    g = Graph()
    for name in ("cepa.ttl", "goals.ttl", "mdg-sdg.ttl"):
        g.parse(data=(ontology_dir() / name).read_text(encoding="utf-8"), format="turtle",
                publicID=BASE)
    return g


def _data(reference: Graph, *fixtures: str) -> Graph:
    g = Graph()
    g += reference
    for name in ("_context", *fixtures):
        g.parse(FIXTURES / f"{name}.ttl", format="turtle", publicID=BASE)
    return g


def _run(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=None, inference="none"
    )
    return bool(conforms), report, text


def _curie(term: URIRef) -> str:
    for prefix, ns in PREFIXES.items():
        if str(term).startswith(ns):
            return f"{prefix}:{term[len(ns):]}"
    return str(term)


def _path(g: Graph, path: object) -> str | None:
    """A SHACL path as text: a CURIE, `^p` for an inverse path, `p/q` for a sequence."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _curie(path)
    inverse = g.value(path, SH.inversePath)  # type: ignore[arg-type]
    if inverse is not None:
        return "^" + _curie(inverse)
    return "/".join(_curie(step) for step in Collection(g, path))  # type: ignore[arg-type]


def _keys(report: Graph, shapes: Graph) -> set[Key]:
    """(owning node shape, result path) for every top-level result of a report (not details)."""
    keys: set[Key] = set()
    for result in report.objects(None, SH.result):
        source = report.value(result, SH.sourceShape)
        owner = source if (source, RDF.type, SH.NodeShape) in shapes else shapes.value(
            None, SH.property, source
        )
        assert isinstance(owner, URIRef), f"result from an unowned shape {source}"
        path = report.value(result, SH.resultPath)
        keys.add((str(owner).removeprefix(str(CEPASH)).removesuffix("Shape"), _path(report, path)))
    return keys


def _targeted_shapes(shapes: Graph) -> set[str]:
    out = set()
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        if (s, SH.targetClass, None) in shapes or (s, SH.targetSubjectsOf, None) in shapes:
            out.add(str(s).removeprefix(str(CEPASH)).removesuffix("Shape"))
    return out


def test_every_targeted_shape_has_fixtures_and_expectations(shapes: Graph) -> None:
    names = _targeted_shapes(shapes)
    assert names == set(EXPECTED)
    for name in names:
        assert (FIXTURES / f"{name}.ok.ttl").is_file(), name
        assert (FIXTURES / f"{name}.bad.ttl").is_file(), name


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        if (node, SH.targetClass, None) in shapes or (node, SH.targetSubjectsOf, None) in shapes:
            for prop in shapes.objects(node, SH.property):
                path = shapes.value(prop, SH.path)
                assert shapes.value(prop, SH.message) is not None, (node, path)
            if (node, SH["or"], None) in shapes:
                assert shapes.value(node, SH.message) is not None, node


def test_every_cepa_class_shape_requires_an_english_label(shapes: Graph) -> None:
    """Each shape on a top-level class (not a subclass checked through its parent) has one."""
    subclass_shapes = {"ResolutionParagraph", "Organization", "ActorGroup", "Country", "Person",
                       "Seminar", "Workshop", "Meeting", "Conference", "Training", "Forum",
                       "Retreat", "Mission", "Briefing", "Exhibition", "AwardCeremony", "Launch",
                       "SourceSpan", "SpecificResource",
                       "TextQuoteSelector", "TextPositionSelector"}
    for name in _targeted_shapes(shapes) - subclass_shapes:
        shape = CEPASH[name + "Shape"]
        paths = {shapes.value(p, SH.path) for p in shapes.objects(shape, SH.property)}
        assert URIRef("http://www.w3.org/2000/01/rdf-schema#label") in paths, name


def test_context_conforms(shapes: Graph, own_reference: Graph) -> None:
    conforms, _, text = _run(_data(own_reference), shapes)
    assert conforms, text


def test_reference_data_conforms(shapes: Graph) -> None:
    """The whole reference data the pipeline validates documents with (ontology, goals, MDG-SDG,
    actors, places, countries) passes the shapes: else every document would be refused."""
    from cepa_kg.reference import reference_graph

    conforms, _, text = _run(reference_graph(BASE), shapes)
    assert conforms, text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_conforming_fixture(name: str, shapes: Graph, own_reference: Graph) -> None:
    conforms, _, text = _run(_data(own_reference, f"{name}.ok"), shapes)
    assert conforms, text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_violating_fixture(name: str, shapes: Graph, own_reference: Graph) -> None:
    conforms, report, text = _run(_data(own_reference, f"{name}.bad"), shapes)
    assert not conforms
    assert _keys(report, shapes) == EXPECTED[name], text


def test_alignment_link_without_trace_is_refused(shapes: Graph, own_reference: Graph) -> None:
    """Every cepa:alignedTo needs a cepa:GoalAlignment with that goal (sh:equals on a path)."""
    data = _data(own_reference, "Recommendation.ok")
    rec = URIRef(BASE + "id/session/5/recommendation/1")
    data.add((rec, URIRef(PREFIXES["cepa"] + "alignedTo"), URIRef(BASE + "id/goal/mdg-6")))
    conforms, report, text = _run(data, shapes)
    assert not conforms
    assert _keys(report, shapes) == {("Recommendation", "cepa:hasAlignment/cepa:goal")}, text


def test_alignment_trace_without_link_is_refused(shapes: Graph, own_reference: Graph) -> None:
    """...and every alignment's goal must be one the recommendation is cepa:alignedTo."""
    data = _data(own_reference, "Recommendation.ok")
    rec = URIRef(BASE + "id/session/5/recommendation/1")
    data.remove((rec, URIRef(PREFIXES["cepa"] + "alignedTo"), None))
    conforms, report, text = _run(data, shapes)
    assert not conforms
    # (a recommendation may serve no goal: no minimum on cepa:alignedTo, only the trace rule)
    assert _keys(report, shapes) == {("Recommendation", "cepa:hasAlignment/cepa:goal")}, text


def test_subclass_instances_are_checked_as_their_parent(
    shapes: Graph, own_reference: Graph
) -> None:
    """A workshop typed cepa:Event and cepa:Workshop without a start date fails on EventShape."""
    data = _data(own_reference, "Workshop.ok")
    event = URIRef(BASE + "id/event/2011-10-20-workshop")
    data.remove((event, URIRef(PREFIXES["schema"] + "startDate"), None))
    conforms, report, text = _run(data, shapes)
    assert not conforms
    assert _keys(report, shapes) == {("Event", "schema:startDate")}, text
