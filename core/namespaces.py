"""RDF namespaces used across cepa-kg (one place, so every module spells them the same)."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD


class _Namespace(Namespace):
    """A Namespace whose terms are made once: `CEPA.Session` is then a plain attribute read
    (the loaders ask for terms ~100,000 times per 50 documents)."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # no dunder terms (pickle and copy probe for them)
            raise AttributeError(name)
        term = self.term(name)
        self.__dict__[name] = term
        return term


CEPA = _Namespace("https://w3id.org/cepa-kg/def#")
CEPA_DEF = "https://w3id.org/cepa-kg/def"
SCHEMA = _Namespace("https://schema.org/")
ORG = _Namespace("http://www.w3.org/ns/org#")
OA = _Namespace("http://www.w3.org/ns/oa#")
VOID = _Namespace("http://rdfs.org/ns/void#")
SDG = _Namespace("http://metadata.un.org/sdg/")
WD = _Namespace("http://www.wikidata.org/entity/")

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
