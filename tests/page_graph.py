"""A page's graph as the pipeline builds it (parse, map, validate), for tests that look at the
triples one document gives."""

from __future__ import annotations

from cepa_kg.pipeline import build_document
from cepa_kg.sources import SourceText
from rdflib import Graph

BASE = "http://localhost:8000/"


def graph_of(text: str, name: str = "page.txt", *, base: str = BASE) -> Graph:
    """The triples `build_document` makes of `text` (refused as a load would be)."""
    built = build_document(SourceText(name, text, "0" * 64, "utf-8"), base=base)
    g = Graph()
    for triple in built.triples:
        g.add(triple)
    return g
