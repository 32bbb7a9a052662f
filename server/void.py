"""`/.well-known/void`: a VoID description computed from the data (size, class and property
partitions, named graphs with their source documents, vocabularies, example resources, the
endpoint and the dump), cached per data version (`store.version`, per process)."""

from __future__ import annotations

import threading
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.openapi_responses import VOID as VOID_ANSWERS
from cepa_kg.server.rdf_documents import choose_type, serialize
from cepa_kg.server.state import app_state
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()

VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
CEPA = "https://w3id.org/cepa-kg/def#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
EXAMPLE_CLASSES = ("Session", "Recommendation", "Resolution", "Organization", "Goal", "Project",
                   "Event")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def statistics(store: Any, base: str) -> dict[str, Any]:
    """The figures VoID reports, by SPARQL over the named graphs (call in a worker thread)."""
    space = str(ox.Literal(f"{base}id/"))
    one = store.select
    count = one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    # (the subjects first, then the filter: over every triple, the filter took 6 s of the
    # 27 s VoID took on the corpus × 50; the graphs' sizes, titles and file names apart: the
    # OPTIONALs in one query over every triple took 17 s)
    entities = one("SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s WHERE { GRAPH ?g { "
                   f"?s ?p ?o }} }} }} FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space})) }}")
    subjects = one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    objects = one("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    classes = one("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } "
                  "FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c")
    properties = one("SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                     "GROUP BY ?p ORDER BY ?p")
    graphs = one("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                 "GROUP BY ?g ORDER BY ?g")
    named: dict[str, dict[str, Any]] = {}
    for key, prop in (("title", "http://purl.org/dc/terms/title"),
                      ("file", "https://w3id.org/cepa-kg/def#fileName")):
        for row in one(f"SELECT ?g (SAMPLE(?x) AS ?{key}) WHERE {{ GRAPH ?g {{ ?g <{prop}> ?x }} "
                       "} GROUP BY ?g"):
            named.setdefault(row["g"].value, {})[key] = row.get(key)
    graphs = [row | named.get(row["g"].value, {}) for row in graphs]
    examples = one("SELECT ?c (MIN(STR(?s)) AS ?e) WHERE { GRAPH ?g { ?s a ?c } "
                   f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {space})) "
                   "FILTER(?c IN (" + ", ".join(f"<{CEPA}{c}>" for c in EXAMPLE_CLASSES)
                   + ")) } GROUP BY ?c ORDER BY ?c")

    def n(rows: list[dict[str, Any]]) -> int:
        return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0

    return {
        "triples": n(count), "entities": n(entities), "subjects": n(subjects),
        "objects": n(objects),
        "classes": [(r["c"].value, int(r["n"].value)) for r in classes],
        "properties": [(r["p"].value, int(r["n"].value)) for r in properties],
        "graphs": [(r["g"].value, int(r["n"].value), r.get("title"), r.get("file"))
                   for r in graphs],
        "examples": [r["e"].value for r in examples if "e" in r],
    }


def void_triples(stats: dict[str, Any], *, site: str, base: str) -> list[ox.Triple]:
    """The VoID graph for `stats`; `site` is where clients reach this server."""
    dataset = ox.NamedNode(site + ".well-known/void#dataset")

    def v(name: str) -> ox.NamedNode:
        return ox.NamedNode(VOID + name)

    def add(s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: Any) -> None:
        out.append(ox.Triple(s, p, o))

    out: list[ox.Triple] = []
    add(dataset, RDF_TYPE, v("Dataset"))
    add(dataset, ox.NamedNode(DCTERMS + "title"),
        ox.Literal("cepa-kg: the UN Committee of Experts on Public Administration", language="en"))
    add(dataset, v("sparqlEndpoint"), ox.NamedNode(site + "sparql"))
    add(dataset, v("dataDump"), ox.NamedNode(site + "dump"))
    add(dataset, v("uriSpace"), ox.Literal(f"{base}id/"))
    add(dataset, v("feature"), ox.NamedNode("http://www.w3.org/ns/formats/N-Quads"))
    for name in ("triples", "entities"):
        add(dataset, v(name), _int(stats[name]))
    add(dataset, v("distinctSubjects"), _int(stats["subjects"]))
    add(dataset, v("distinctObjects"), _int(stats["objects"]))
    add(dataset, v("classes"), _int(len(stats["classes"])))
    add(dataset, v("properties"), _int(len(stats["properties"])))
    vocabularies = sorted({_namespace(c) for c, _ in stats["classes"]}
                          | {_namespace(p) for p, _ in stats["properties"]})
    for vocabulary in vocabularies:
        add(dataset, v("vocabulary"), ox.NamedNode(vocabulary))
    for example in stats["examples"]:
        add(dataset, v("exampleResource"), ox.NamedNode(example))
    for cls, entities in stats["classes"]:
        part = ox.BlankNode()
        add(dataset, v("classPartition"), part)
        add(part, v("class"), ox.NamedNode(cls))
        add(part, v("entities"), _int(entities))
    for prop, triples in stats["properties"]:
        part = ox.BlankNode()
        add(dataset, v("propertyPartition"), part)
        add(part, v("property"), ox.NamedNode(prop))
        add(part, v("triples"), _int(triples))
    for graph, triples, title, file_name in stats["graphs"]:
        subset = ox.NamedNode(graph)
        add(dataset, v("subset"), subset)
        add(subset, RDF_TYPE, v("Dataset"))
        add(subset, v("triples"), _int(triples))
        if title is not None:  # a source document's own graph: the document is its source
            add(subset, ox.NamedNode(DCTERMS + "title"), title)
            add(subset, ox.NamedNode(DCTERMS + "source"), ox.NamedNode(graph))
        if file_name is not None:
            add(subset, ox.NamedNode(CEPA + "fileName"), file_name)
    return out


class VoidCache:
    """The statistics by data version (the slow part: ~0.6 s at the corpus × 50), and the
    serialized documents by (data version, site, media type): a site or format asked for
    the first time costs the serialization only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats: tuple[int, dict[str, Any]] | None = None
        self._entries: dict[tuple[int, str, str], bytes] = {}

    def get(self, store: Any, base: str, site: str, media_type: str) -> bytes:
        """The document for the store's current version (call in a worker thread)."""
        version = store.version
        key = (version, site, media_type)
        with self._lock:
            if key in self._entries:
                return self._entries[key]
            known = self._stats
        if known is not None and known[0] == version:
            stats = known[1]
        else:
            stats = statistics(store, base)
            with self._lock:
                self._stats = (version, stats)
        body = serialize(void_triples(stats, site=site, base=base), media_type)
        with self._lock:
            self._entries = {k: b for k, b in self._entries.items() if k[0] == version}
            self._entries[key] = body
        return body


@router.get("/.well-known/void", summary="VoID description of the dataset", responses=VOID_ANSWERS,
            response_class=Response)
async def void(request: Request) -> Response:
    media_type = choose_type(request)
    state = app_state(request)
    cache = getattr(state, "void_cache", None)
    if cache is None:
        cache = state.void_cache = VoidCache()
    site = str(request.base_url)
    body = await state.runner.call(cache.get, state.store, state.settings.base, site, media_type)
    return Response(body, media_type=f"{media_type}; charset=utf-8", headers={"Vary": "Accept"})
