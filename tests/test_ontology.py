"""The ontology (ontology/cepa.ttl) and the goal reference data (goals.ttl, mdg-sdg.ttl)."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from cepa_kg.namespaces import CEPA, CEPA_DEF
from cepa_kg.resources import data_files, ontology_dir, shapes_dir

BASE = "http://localhost:8000/"
SDG_KOS = "http://metadata.un.org/sdg/"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                RDF.Property)
MDG_TARGETS = ["1.A", "1.B", "1.C", "2.A", "3.A", "4.A", "5.A", "5.B", "6.A", "6.B", "6.C",
               "7.A", "7.B", "7.C", "7.D", "8.A", "8.B", "8.C", "8.D", "8.E", "8.F"]
CORE_NAMES = ["Session", "sessionNumber", "Theme", "mainTheme", "subtopic", "Recommendation",
              "text", "addressee", "modality", "session", "Resolution", "hasParagraph", "Actor",
              "Organization", "Person", "Country", "ActorGroup", "Partnership", "party",
              "purpose", "status", "Event", "Project", "SourceDocument", "Goal", "Target",
              "alignedTo", "GoalAlignment", "goal", "method", "score", "evidence"]


def _read(name: str, base: str = BASE) -> Graph:
    f = ontology_dir() / name
    return Graph().parse(data=f.read_text(encoding="utf-8"), format="turtle", publicID=base)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return _read("cepa.ttl")


@pytest.fixture(scope="module")
def goals() -> Graph:
    return _read("goals.ttl")


@pytest.fixture(scope="module")
def mdg_sdg() -> Graph:
    return _read("mdg-sdg.ttl")


def _id(path: str, base: str = BASE) -> URIRef:
    return URIRef(f"{base}id/{path}")


def _declared(onto: Graph) -> set[URIRef]:
    return {s for t in DECLARATIONS for s in onto.subjects(RDF.type, t)
            if isinstance(s, URIRef) and s.startswith(str(CEPA))}


def _english(g: Graph, s: URIRef, p: URIRef) -> list[Literal]:
    return [o for o in g.objects(s, p) if isinstance(o, Literal) and o.language == "en"]


# --- the ontology -------------------------------------------------------------------------------


def test_ontology_header(onto: Graph) -> None:
    o = URIRef(CEPA_DEF)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionInfo) is not None
    assert _english(onto, o, DCTERMS.title) and _english(onto, o, DCTERMS.description)
    assert onto.value(o, DCTERMS.license) is not None


def test_every_class_and_property_has_english_label_and_comment(onto: Graph) -> None:
    terms = _declared(onto)
    assert len(terms) > 60
    for term in terms:
        assert len(_english(onto, term, RDFS.label)) == 1, term
        assert _english(onto, term, RDFS.comment), term


def test_core_names_exist(onto: Graph) -> None:
    terms = _declared(onto)
    for name in CORE_NAMES:
        assert CEPA[name] in terms, name
    for cls in ["Session", "Theme", "Recommendation", "Resolution", "Actor", "Organization",
                "Person", "Country", "ActorGroup", "Partnership", "Event", "Project",
                "SourceDocument", "Goal", "Target", "GoalAlignment"]:
        assert (CEPA[cls], RDF.type, OWL.Class) in onto, cls


def test_every_class_is_placed_in_reused_vocabularies(onto: Graph) -> None:
    """Each class refines a class (ours or a reused one) or is matched to one."""
    for cls in onto.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef):
            assert (cls, RDFS.subClassOf, None) in onto or (cls, SKOS.closeMatch, None) in onto, cls


def test_actor_kinds_and_event_kinds_are_subclasses(onto: Graph) -> None:
    for kind in ["Organization", "ActorGroup", "Country", "Person"]:
        assert (CEPA[kind], RDFS.subClassOf, CEPA.Actor) in onto
    for kind in ["Seminar", "Workshop", "Meeting", "Conference", "Training", "Forum", "Retreat",
                 "Mission", "Briefing"]:
        assert (CEPA[kind], RDFS.subClassOf, CEPA.Event) in onto
    assert (CEPA.ResolutionParagraph, RDFS.subClassOf, CEPA.Recommendation) in onto


def test_undo_is_aligned_not_imported(onto: Graph) -> None:
    undo = "https://w3id.org/un/ontology/undo/"
    assert (None, OWL.imports, None) not in onto
    assert (CEPA.Resolution, SKOS.closeMatch, URIRef(undo + "Resolution")) in onto
    assert (CEPA.addressee, SKOS.closeMatch, URIRef(undo + "hasReceiver")) in onto
    assert (CEPA.SourceDocument, SKOS.closeMatch, URIRef(undo + "Document")) in onto
    assert set(onto.objects(CEPA.Recommendation, SKOS.relatedMatch)) | set(
        onto.objects(CEPA.Recommendation, SKOS.closeMatch)
    ) >= {URIRef(undo + "Recommendation"), URIRef(undo + "Relation")}


def _iris(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef)}


def test_ontology_has_only_absolute_iris() -> None:
    """Read with two different bases, the ontology has the same IRIs."""
    one, other = _read("cepa.ttl", "http://a.example/"), _read("cepa.ttl", "http://b.example/")
    assert _iris(one) == _iris(other)


def test_every_cepa_term_used_is_declared(onto: Graph) -> None:
    """Reference data, shapes and test fixtures use only terms the ontology declares."""
    declared = _declared(onto)
    graphs = [_read(f.name) for f in data_files(ontology_dir(), ".ttl")]
    graphs += [Graph().parse(data=f.read_text(encoding="utf-8"), format="turtle")
               for f in data_files(shapes_dir(), ".ttl")]
    for g in graphs:
        for triple in g:
            for term in triple:
                if isinstance(term, URIRef) and term.startswith(str(CEPA)):
                    assert term in declared, term


# --- goals.ttl ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["goals.ttl", "mdg-sdg.ttl"])
def test_reference_files_are_relative(name: str) -> None:
    """No @base and no host written in: read with another base, every data IRI moves with it."""
    other = "https://kg.example.org/"
    text = (ontology_dir() / name).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(@base|BASE)\b", text, re.MULTILINE | re.IGNORECASE)
    iris = _iris(_read(name, other))
    assert not any("localhost" in iri for iri in iris)
    assert any(iri.startswith(other + "id/goal/") for iri in iris)


def _in_scheme(g: Graph, cls: URIRef, scheme: str) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, cls)
            if (s, SKOS.inScheme, _id(f"scheme/{scheme}")) in g}


def test_eight_mdgs(goals: Graph) -> None:
    mdgs = _in_scheme(goals, CEPA.Goal, "mdg")
    assert mdgs == {_id(f"goal/mdg-{n}") for n in range(1, 9)}
    for n in range(1, 9):
        goal = _id(f"goal/mdg-{n}")
        assert goals.value(goal, SKOS.notation) == Literal(str(n))
        assert (goal, SKOS.topConceptOf, _id("scheme/mdg")) in goals
        assert (goal, SKOS.broader, _id("goal/iadg")) in goals
        assert (goal, RDF.type, SKOS.Concept) in goals
    assert _english(goals, _id("goal/mdg-8"), SKOS.prefLabel) == [
        Literal("Develop a global partnership for development", lang="en")
    ]


def test_twenty_one_mdg_targets(goals: Graph) -> None:
    targets = _in_scheme(goals, CEPA.Target, "mdg")
    assert len(targets) == 21
    notations = sorted(str(goals.value(t, SKOS.notation)) for t in targets)
    assert notations == MDG_TARGETS
    for code in MDG_TARGETS:
        goal, letter = code.split(".")
        target = _id(f"target/mdg-{goal}{letter.lower()}")
        assert goals.value(target, SKOS.notation) == Literal(code)
        assert (target, SKOS.broader, _id(f"goal/mdg-{goal}")) in goals
        assert (target, RDF.type, SKOS.Concept) in goals
        label = str(_english(goals, target, SKOS.prefLabel)[0])
        assert label.startswith(f"Target {code}: ")
    assert "1990 and 2015" in str(goals.value(_id("target/mdg-1a"), SKOS.prefLabel))


def test_target_8a_carries_the_good_governance_commitment(goals: Graph) -> None:
    note = str(goals.value(_id("target/mdg-8a"), SKOS.scopeNote))
    assert "good governance" in note


def test_seventeen_sdgs_match_the_un_sdg_kos(goals: Graph) -> None:
    sdgs = _in_scheme(goals, CEPA.Goal, "sdg")
    assert sdgs == {_id(f"goal/sdg-{n}") for n in range(1, 18)}
    for n in range(1, 18):
        goal = _id(f"goal/sdg-{n}")
        assert list(goals.objects(goal, SKOS.exactMatch)) == [URIRef(f"{SDG_KOS}{n}")]
        assert goals.value(goal, SKOS.notation) == Literal(str(n))
        assert (goal, SKOS.topConceptOf, _id("scheme/sdg")) in goals
        wikidata = [o for o in goals.objects(goal, SKOS.closeMatch)
                    if o.startswith("http://www.wikidata.org/entity/Q")]
        assert len(wikidata) == 1
    assert _english(goals, _id("goal/sdg-16"), SKOS.prefLabel) == [
        Literal("Peace, justice and strong institutions", lang="en")
    ]


def test_every_goal_resource_has_english_labels(goals: Graph) -> None:
    for s in set(goals.subjects(RDF.type, None)):
        assert _english(goals, s, RDFS.label), s
        assert _english(goals, s, SKOS.prefLabel), s


def test_schemes_cite_their_sources(goals: Graph) -> None:
    schemes = set(goals.subjects(RDF.type, SKOS.ConceptScheme))
    assert {_id("scheme/mdg"), _id("scheme/sdg")} <= schemes
    for scheme in schemes:
        assert goals.value(scheme, DCTERMS.source) is not None, scheme


# --- mdg-sdg.ttl --------------------------------------------------------------------------------


def _relations(g: Graph) -> set[tuple[URIRef, URIRef]]:
    return {(s, o) for s, o in g.subject_objects(SKOS.relatedMatch)}  # type: ignore[misc]


def test_every_mdg_target_has_a_related_sdg(goals: Graph, mdg_sdg: Graph) -> None:
    for target in _in_scheme(goals, CEPA.Target, "mdg"):
        related = list(mdg_sdg.objects(target, SKOS.relatedMatch))
        assert any(o.startswith(SDG_KOS) for o in related) or len(related) > 1, target
        assert any(o.startswith(BASE + "id/goal/sdg-") for o in related), target


def test_mdg_sdg_links_point_to_known_sdg_concepts(goals: Graph, mdg_sdg: Graph) -> None:
    sdgs = _in_scheme(goals, CEPA.Goal, "sdg")
    for s, o in _relations(mdg_sdg):
        if o.startswith(SDG_KOS):
            assert re.fullmatch(r"\d{1,2}\.([1-9]\d?|[a-z])", o.removeprefix(SDG_KOS)), o
        else:
            assert o in sdgs, o


def test_target_links_include_the_sdg_goal_of_each_sdg_target(mdg_sdg: Graph) -> None:
    for s, o in _relations(mdg_sdg):
        if o.startswith(SDG_KOS):
            goal = o.removeprefix(SDG_KOS).split(".")[0]
            assert (s, SKOS.relatedMatch, _id(f"goal/sdg-{goal}")) in mdg_sdg, (s, o)


def test_goal_links_are_derived_from_target_links(goals: Graph, mdg_sdg: Graph) -> None:
    derived = set()
    for s, o in _relations(mdg_sdg):
        if s.startswith(BASE + "id/target/") and o.startswith(BASE + "id/goal/sdg-"):
            derived.add((goals.value(s, SKOS.broader), o))
    stated = {(s, o) for s, o in _relations(mdg_sdg) if s.startswith(BASE + "id/goal/")}
    assert stated == derived


def test_governance_target_links_to_sdg_16(mdg_sdg: Graph) -> None:
    related = set(mdg_sdg.objects(_id("target/mdg-8a"), SKOS.relatedMatch))
    assert {URIRef(SDG_KOS + "16.6"), URIRef(SDG_KOS + "16.7"), URIRef(SDG_KOS + "17.10"),
            _id("goal/sdg-16"), _id("goal/sdg-17")} == related


def test_every_link_is_traced_as_editorial(mdg_sdg: Graph) -> None:
    dataset = _id("dataset/mdg-sdg-correspondence")
    assert (dataset, RDF.type, CEPA.Correspondence) in mdg_sdg
    assert mdg_sdg.value(dataset, CEPA.justification) == Literal("editorial")
    assert "not taken from a UN source" in str(mdg_sdg.value(dataset, DCTERMS.description))
    nodes = set(mdg_sdg.subjects(RDF.type, CEPA.GoalCorrespondence))
    described = set()
    for node in nodes:
        assert mdg_sdg.value(node, CEPA.justification) == Literal("editorial"), node
        assert (node, DCTERMS.isPartOf, dataset) in mdg_sdg, node
        assert _english(mdg_sdg, node, RDFS.label), node
        link = (mdg_sdg.value(node, CEPA.fromConcept), mdg_sdg.value(node, CEPA.toConcept))
        assert mdg_sdg.value(node, CEPA.mappingRelation) == SKOS.relatedMatch, node
        assert link in _relations(mdg_sdg), node  # describes a triple of the file
        described.add(link)
    assert described == _relations(mdg_sdg)
    assert len(nodes) == len(described)  # one node per link
