"""The text of `ontology/countries.ttl`: every ISO 3166-1 country (and the CEPA-era withdrawn
ones) as the loaders describe a country they meet (`actors.add_country`: types, labels, ISO
3166-1 and M49 codes), made from pycountry and `country_names.tsv`. The file is reference data
that core/ reads like the others (no import of the loaders); `tools/make_countries.py` writes
it, and tests/test_reference_countries.py fails when it is not what this makes (after an edit
of country_names.tsv or a new pycountry)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from cepa_kg.loaders.actors import add_country, country_entries
from cepa_kg.loaders.iris import Iris

_BASE = "http://cepa-kg.invalid/"
_PREFIXES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "a",
    "https://w3id.org/cepa-kg/def#": "cepa:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
}
HEADER = """\
# cepa-kg countries: every ISO 3166-1 country and the CEPA-era withdrawn ones, as the loaders
# describe a country (cepa_kg.loaders.actors.add_country), from pycountry and
# loaders/country_names.tsv. Generated: do not edit; run `python tools/make_countries.py`.
#
# Graph: {BASE}graph/countries. IRIs are RELATIVE (<id/country/KOR>): loaded with base = BASE.

@prefix cepa: <https://w3id.org/cepa-kg/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _term(term: object) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(_BASE):
            return f"<{text.removeprefix(_BASE)}>"
        for namespace, prefix in _PREFIXES.items():
            if text == namespace:
                return prefix
            if text.startswith(namespace) and prefix.endswith(":"):
                return prefix + text.removeprefix(namespace)
        return f"<{text}>"
    assert isinstance(term, Literal)
    return term.n3()


def countries_turtle() -> str:
    """The file's text: a block per country, sorted by code, its statements sorted."""
    graph, iris = Graph(), Iris(_BASE)
    for entry in country_entries():
        add_country(graph, iris, entry.path.removeprefix("country/"))
    blocks = []
    for subject in sorted(set(graph.subjects()), key=str):
        lines = sorted(f"{_term(p)} {_term(o)}" for p, o in graph.predicate_objects(subject))
        blocks.append(f"{_term(subject)}\n    " + " ;\n    ".join(lines) + " .\n")
    return HEADER + "\n" + "\n".join(blocks)
