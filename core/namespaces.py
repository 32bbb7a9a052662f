"""RDF namespaces used across cepa-kg (one place, so every module spells them the same)."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

CEPA = Namespace("https://w3id.org/cepa-kg/def#")
CEPA_DEF = "https://w3id.org/cepa-kg/def"
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
VOID = Namespace("http://rdfs.org/ns/void#")
SDG = Namespace("http://metadata.un.org/sdg/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "cepa": str(CEPA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "oa": str(OA),
    "sdg": str(SDG),
    "wd": str(WD),
}

__all__ = [
    "CEPA", "CEPA_DEF", "SCHEMA", "ORG", "OA", "VOID", "SDG", "WD", "PREFIXES",
    "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
]
