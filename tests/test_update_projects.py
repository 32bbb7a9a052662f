"""A news page read as the division's news that also tells of a project it names: the page
describes the project too (its implementers, partners, countries), beside its events; a project
the story does not name is not made up from the headline."""

from __future__ import annotations

from cepa_kg.namespaces import CEPA, SCHEMA
from cepa_kg.pipeline import build_document
from cepa_kg.sources import SourceText
from cepa_kg.validation import validate_graph
from rdflib import RDF, RDFS, URIRef

from tests.page_graph import BASE, graph_of

NEWS = """UN DESA News

Officials trained to serve citizens online in Lusaka

Lusaka, 9 March 2017 - Thirty civil servants from five ministries attended a three-day workshop
in Lusaka from 7 to 9 March 2017, organized by UN DESA and the Economic Commission for Africa.
The Minister of Communications opened the workshop and a high-level meeting followed on 9 March.

The workshop was held within the framework of {project}, implemented by UN DESA in partnership
with the International Telecommunication Union in Zambia, Malawi and Botswana.

Participants reviewed the online portals of the three countries and agreed to meet again at a
regional forum in Gaborone in June 2017.
"""
NAMED = NEWS.format(project="the project “Digital Services for Rural Communities”")
UNNAMED = NEWS.format(project="a project")
CODED = NEWS.format(project="Development Account project 1617K")


def _kind(text: str) -> str:
    return build_document(SourceText("news.txt", text, "0" * 64, "utf-8"), base=BASE).kind


def test_a_news_page_that_names_its_project_describes_the_project_too() -> None:
    assert _kind(NAMED) == "dpadm-monthly-update"
    g = graph_of(NAMED, "news.txt")
    projects = list(g.subjects(RDF.type, CEPA.Project))
    assert [str(g.value(p, RDFS.label)) for p in projects] == [
        "Digital Services for Rural Communities"]
    project = projects[0]
    assert set(g.objects(project, CEPA.implementedBy)) == {URIRef(BASE + "id/actor/desa")}
    assert set(g.objects(project, CEPA.partner)) == {URIRef(BASE + "id/actor/itu")}
    assert {str(c).rsplit("/", 1)[-1] for c in g.objects(project, CEPA.beneficiaryCountry)} == {
        "ZMB", "MWI", "BWA"}
    assert (None, SCHEMA.about, project) in g
    assert list(g.subjects(RDF.type, CEPA.Event)), "the news's events stay"


def test_the_graph_with_the_project_passes_the_shapes() -> None:
    built = build_document(SourceText("news.txt", NAMED, "0" * 64, "utf-8"), base=BASE)
    assert validate_graph(built.triples, base=BASE).conforms


def test_a_project_the_story_does_not_name_is_not_titled_by_the_headline() -> None:
    assert _kind(UNNAMED) == "dpadm-monthly-update"
    g = graph_of(UNNAMED, "news.txt")
    assert list(g.subjects(RDF.type, CEPA.Project)) == []


def test_a_project_named_by_its_code_is_labelled_by_it() -> None:
    assert _kind(CODED) == "dpadm-monthly-update"
    g = graph_of(CODED, "news.txt")
    project = URIRef(BASE + "id/project/1617k")
    assert (project, RDF.type, CEPA.Project) in g
    assert str(g.value(project, RDFS.label)) == "Development Account project 1617K"


def test_the_division_s_monthly_update_tells_of_no_project() -> None:
    from cepa_kg.cli.commands import bundled_corpus_paths

    update = next(p for p in bundled_corpus_paths() if "monthly-update" in p.name)
    g = graph_of(update.read_text(encoding="utf-8"), update.name)
    assert list(g.subjects(RDF.type, CEPA.Project)) == []
