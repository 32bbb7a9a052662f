"""The SPARQL 1.1 Service Description of `/sparql` (W3C Recommendation 2013), as RDF."""

from __future__ import annotations

import pyoxigraph as ox
from cepa_kg.settings import Settings

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG",
                  "N-Quads")
INPUT_FORMATS = ("Turtle", "N-Triples", "RDF_XML", "JSON-LD")


def service_description(endpoint: str, void_iri: str, settings: Settings) -> list[ox.Triple]:
    """Triples describing the endpoint at `endpoint`: languages, formats, features and the
    default dataset (the union of the named graphs, described by VoID at `void_iri`)."""
    service = ox.NamedNode(endpoint + "#service")
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"),
                  ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
        ox.Triple(dataset, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
                  ox.NamedNode(void_iri)),
    ]
    if settings.update_token is not None:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if settings.federation_allowed_hosts:
        triples.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    for name in RESULT_FORMATS:
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + name)))
    if settings.update_token is not None:
        for name in INPUT_FORMATS:
            triples.append(ox.Triple(service, sd("inputFormat"), ox.NamedNode(FORMATS + name)))
    return triples
