"""The ontology, the reference data (goals, correspondence, gazetteers) and the shapes: where
they live in the store, and as rdflib graphs for validation."""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

import pyoxigraph as ox
from cepa_kg.namespaces import CEPA_DEF
from cepa_kg.resources import data_files, ontology_dir, shapes_dir
from cepa_kg.store import GraphStore, StorageFullError
from rdflib import Graph

log = logging.getLogger("cepa_kg.reference")

ONTOLOGY_FILE = "cepa.ttl"
REFERENCE_FILES = ("goals.ttl", "sdg-targets.ttl", "goal-labels.ttl", "mdg-sdg.ttl", "actors.ttl",
                   "places.ttl", "places-world.ttl", "countries.ttl")
SHA_PROPERTY = "https://w3id.org/cepa-kg/def#sha256"
#: The graph of every ISO 3166-1 country (`countries.ttl`, generated from pycountry by
#: tools/make_countries.py: the gazetteers and the documents point at them).
COUNTRIES_GRAPH = "countries"


def reference_graph_iri(base: str, filename: str) -> str:
    """`goals.ttl` -> `{base}graph/goals`; the ontology's graph is its own IRI."""
    if filename == ONTOLOGY_FILE:
        return CEPA_DEF
    return f"{base}graph/{filename.removesuffix('.ttl')}"


def _read(filename: str) -> bytes:
    return ontology_dir().joinpath(filename).read_bytes()


def install_reference(store: GraphStore, base: str) -> list[str]:
    """Put the ontology and every reference file in its own graph, replacing a graph only
    when its file changed. Returns the graphs written. On a full disk, what is not written
    is said in one line and left for a later run: the store still reads."""
    try:
        return _install(store, base)
    except StorageFullError as error:
        log.warning("cepa-kg: the reference data in the store was not updated (%s)", error)
        return []


def _install(store: GraphStore, base: str) -> list[str]:
    written = []
    for filename in (ONTOLOGY_FILE, *REFERENCE_FILES):
        if not ontology_dir().joinpath(filename).is_file():
            continue
        data = _read(filename)
        digest = hashlib.sha256(data + base.encode()).hexdigest()
        graph = reference_graph_iri(base, filename)
        if store.ask(f'ASK {{ GRAPH <{graph}> {{ <{graph}> <{SHA_PROPERTY}> "{digest}" }} }}'):
            continue
        marker = f'\n<{graph}> <{SHA_PROPERTY}> "{digest}" .\n'.encode()
        store.replace_graph(graph, data + marker, format=ox.RdfFormat.TURTLE, base_iri=base)
        written.append(graph)
    return written


@lru_cache(maxsize=4)
def reference_graph(base: str) -> Graph:
    """Ontology plus reference data as one rdflib graph (what shapes check documents against).
    Cached: treat it as read-only."""
    graph = Graph()
    for filename in (ONTOLOGY_FILE, *REFERENCE_FILES):
        if ontology_dir().joinpath(filename).is_file():
            graph.parse(data=_read(filename), format="turtle", publicID=base)
    return graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    graph = Graph()
    for file in data_files(shapes_dir(), ".ttl"):
        graph.parse(data=file.read_bytes(), format="turtle")
    return graph
