"""What the server says about one of its named graphs (`{BASE}graph/actors`, ...): its size,
the documents it holds, where its data comes from.

The reference graphs (`core.reference`: goals, gazetteers, the MDG->SDG correspondence, the
countries) are named under `{BASE}graph/`; a document's graph is the document's own IRI and is
described with it under `/id/document/...`.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from cepa_kg.namespaces import CEPA
from cepa_kg.reference import COUNTRIES_GRAPH, REFERENCE_FILES, SHA_PROPERTY

__all__ = ["graph_description"]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
SD_NAMED_GRAPH = ox.NamedNode("http://www.w3.org/ns/sparql-service-description#NamedGraph")
SD_NAME = ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name")
VOID = "http://rdfs.org/ns/void#"
DCTERMS_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
ROOT_RESOURCE = ox.NamedNode(VOID + "rootResource")
CLASS_PARTITION = ox.NamedNode(VOID + "classPartition")
SHA256 = ox.NamedNode(SHA_PROPERTY)
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

# `{g}`: the graph's IRI as pyoxigraph writes it (checked and escaped by ox.NamedNode);
# substitutions cannot bind a variable that a projection leaves out.
_SIZE = ("SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) "
         "WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
_DOCUMENTS = ("SELECT DISTINCT ?doc ?label WHERE {{ GRAPH {g} {{ ?doc a <"
              + str(CEPA.SourceDocument)
              + "> OPTIONAL {{ ?doc <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }} }} "
              "ORDER BY ?doc")
_CLASSES = ("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH {g} {{ ?s a ?class }} }} "
            "GROUP BY ?class ORDER BY DESC(?n) ?class LIMIT 20")
_SHA = "SELECT ?sha WHERE {{ GRAPH {g} {{ {g} <" + SHA_PROPERTY + "> ?sha }} }}"


def _source(name: str) -> str:
    """Where a reference graph's data comes from (a file the package ships)."""
    if name == COUNTRIES_GRAPH:
        return ("the file ontology/countries.ttl shipped with cepa-kg (ISO 3166 countries, "
                "made from pycountry), loaded when the store is opened")
    return f"the file ontology/{name}.ttl shipped with cepa-kg, loaded when the store is opened"


def graph_description(store: Any, iri: str, base: str) -> list[ox.Triple]:
    """Triples describing the named graph `iri`: type, label, size (triples, subjects), the
    classes it holds most (`void:classPartition`), the source documents it holds
    (`void:rootResource`), its source and digest. Empty if the
    store has no such graph."""
    g = ox.NamedNode(iri)
    [size] = store.select(_SIZE.format(g=g))
    triples = int(size["triples"].value)
    if triples == 0:
        return []
    name = iri.removeprefix(f"{base}graph/")
    out = [ox.Triple(g, RDF_TYPE, SD_NAMED_GRAPH),
           ox.Triple(g, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
           ox.Triple(g, SD_NAME, g),
           ox.Triple(g, RDFS_LABEL, ox.Literal(f"graph {name}", language="en")),
           ox.Triple(g, ox.NamedNode(VOID + "triples"),
                     ox.Literal(str(triples), datatype=XSD_INTEGER)),
           ox.Triple(g, ox.NamedNode(VOID + "distinctSubjects"),
                     ox.Literal(size["subjects"].value, datatype=XSD_INTEGER))]
    if name == COUNTRIES_GRAPH or f"{name}.ttl" in REFERENCE_FILES:
        out.append(ox.Triple(g, DCTERMS_SOURCE, ox.Literal(_source(name), language="en")))
        out.append(ox.Triple(g, RDFS_COMMENT, ox.Literal(
            "reference data: no source document; every document's graph may point at it",
            language="en")))
    for row in store.select(_SHA.format(g=g)):
        out.append(ox.Triple(g, SHA256, row["sha"]))
    for row in store.select(_DOCUMENTS.format(g=g)):
        out.append(ox.Triple(g, ROOT_RESOURCE, row["doc"]))  # the documents it holds
        if row.get("label") is not None:
            out.append(ox.Triple(row["doc"], RDFS_LABEL, row["label"]))
    for number, row in enumerate(store.select(_CLASSES.format(g=g)), start=1):
        part = ox.NamedNode(f"{iri}#class-{number}")  # the classes it holds most, counted
        out += [ox.Triple(g, CLASS_PARTITION, part),
                ox.Triple(part, ox.NamedNode(VOID + "class"), row["class"]),
                ox.Triple(part, ox.NamedNode(VOID + "entities"),
                          ox.Literal(row["n"].value, datatype=XSD_INTEGER))]
    return out
