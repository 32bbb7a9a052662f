"""Linked-data dereferencing of `/id/...` IRIs and the pages for people (home, entities, /def).

An entity IRI answers 200 with the description in the negotiated format and a
`Content-Location` naming the format-specific document (`/id/session/5.ttl`), rather than a
303 redirect: one round trip instead of two, and the representation is still identified.
"""

from __future__ import annotations

import io
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from cepa_kg.formats import GRAPH_MEDIA_TYPES
from cepa_kg.namespaces import CEPA_DEF, PREFIXES
from cepa_kg.server.describe import describe
from cepa_kg.server.errors import HttpError
from cepa_kg.server.negotiation import negotiate
from cepa_kg.server.views import entity_view, local_href

router = APIRouter()

SUFFIXES = {
    ".ttl": "text/turtle", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
    ".nt": "application/n-triples", ".html": "text/html",
}
SUFFIX_OF = {media: suffix for suffix, media in SUFFIXES.items()}
OFFERS = ["text/turtle", "text/html", "application/ld+json", "application/rdf+xml",
          "application/n-triples", "application/xhtml+xml", "application/x-turtle",
          "application/json", "text/plain"]
CANONICAL = {"application/xhtml+xml": "text/html", "application/x-turtle": "text/turtle",
             "application/json": "application/ld+json", "text/plain": "application/n-triples"}


def _split_suffix(path: str) -> tuple[str, str | None]:
    for suffix, media in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], media
    return path, None


def _media_type(request: Request, fixed: str | None) -> str:
    if fixed:
        return fixed
    chosen = negotiate(request.headers.get("accept"), OFFERS)
    if chosen is None:
        raise HttpError(406, "no acceptable representation; available: "
                        + ", ".join(SUFFIXES.values()))
    return CANONICAL.get(chosen, chosen)


def _serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    out = io.BytesIO()
    ox.serialize(triples, out, format=GRAPH_MEDIA_TYPES[media_type], prefixes=PREFIXES)
    return out.getvalue()


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Dereference an entity")
async def entity(request: Request, path: str) -> Response:
    settings = request.app.state.settings
    path, fixed = _split_suffix(path)
    iri = f"{settings.base}id/{path}"
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise HttpError(404, f"not an IRI of this dataset: {error}") from error
    media_type = _media_type(request, fixed)
    outbound, inbound = await request.app.state.runner.call(describe, request.app.state.store, iri)
    if not outbound and not inbound:
        raise HttpError(404, f"nothing is known about <{iri}>")
    headers = {
        "Vary": "Accept",
        "Content-Location": f"/id/{path}{SUFFIX_OF[media_type]}",
        "Link": ", ".join(f'</id/{path}{s}>; rel="alternate"; type="{m}"'
                          for s, m in SUFFIXES.items()),
    }
    if media_type == "text/html":
        view = entity_view(iri, outbound, inbound, settings.base)
        return request.app.state.templates.TemplateResponse(
            request, "entity.html", {"view": view, "path": f"/id/{path}", "suffixes": SUFFIXES},
            headers=headers)
    body = _serialize(outbound + inbound, media_type)
    return Response(body, media_type=f"{media_type}; charset=utf-8", headers=headers)


_HOME_SESSIONS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?session ?number ?start ?end ?theme ?themeLabel
       (COUNT(DISTINCT ?rec) AS ?recommendations)
WHERE {
  ?session a cepa:Session ; cepa:sessionNumber ?number .
  OPTIONAL { ?session schema:startDate ?start }
  OPTIONAL { ?session schema:endDate ?end }
  OPTIONAL { ?session cepa:mainTheme ?theme . ?theme rdfs:label ?themeLabel }
  OPTIONAL { ?rec cepa:session ?session ; a cepa:Recommendation }
}
GROUP BY ?session ?number ?start ?end ?theme ?themeLabel
ORDER BY ?number
"""

_HOME_COUNTS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?class { cepa:Session cepa:Recommendation cepa:Actor cepa:Event cepa:Partnership
                  cepa:Project cepa:Goal cepa:Target cepa:SourceDocument }
  ?s a ?class
} GROUP BY ?class
"""

_HOME_GOALS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?goal ?notation ?label (COUNT(DISTINCT ?rec) AS ?n) WHERE {
  ?goal a cepa:Goal ; skos:inScheme ?scheme ; skos:notation ?notation ; skos:prefLabel ?label .
  FILTER(STRENDS(STR(?scheme), "/scheme/mdg"))
  OPTIONAL { ?rec cepa:alignedTo ?goal }
} GROUP BY ?goal ?notation ?label ORDER BY ?notation
"""


def _home_data(store: Any, base: str) -> dict[str, Any]:
    def plain(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{k: v.value for k, v in row.items()} for row in rows]

    sessions = plain(store.select(_HOME_SESSIONS))
    for s in sessions:
        s["href"] = local_href(s["session"], base)
    goals = plain(store.select(_HOME_GOALS))
    for g in goals:
        g["href"] = local_href(g["goal"], base)
    counts = {row["class"].rsplit("#", 1)[-1]: row["n"] for row in plain(store.select(_HOME_COUNTS))}
    return {"sessions": sessions, "goals": goals, "counts": counts}


@router.get("/", summary="Home page", include_in_schema=False)
async def home(request: Request) -> Response:
    data = await request.app.state.runner.call(
        _home_data, request.app.state.store, request.app.state.settings.base)
    return request.app.state.templates.TemplateResponse(request, "home.html", data)


def _ontology(store: Any) -> list[ox.Triple]:
    return store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CEPA_DEF}> {{ ?s ?p ?o }} }}")


@router.api_route("/def", methods=["GET", "HEAD"], summary="The cepa-kg ontology")
async def ontology(request: Request) -> Response:
    media_type = _media_type(request, None)
    triples = await request.app.state.runner.call(_ontology, request.app.state.store)
    if not triples:
        raise HttpError(404, "the ontology is not loaded")
    headers = {"Vary": "Accept"}
    if media_type == "text/html":
        terms = _terms(triples)
        return request.app.state.templates.TemplateResponse(
            request, "ontology.html", {"terms": terms}, headers=headers)
    return Response(_serialize(triples, media_type), media_type=f"{media_type}; charset=utf-8",
                    headers=headers)


def _terms(triples: list[ox.Triple]) -> list[dict[str, str]]:
    info: dict[str, dict[str, str]] = {}
    for t in triples:
        s = t.subject.value
        if not s.startswith(CEPA_DEF + "#"):
            continue
        entry = info.setdefault(s, {"iri": s, "name": s.split("#", 1)[1]})
        p = t.predicate.value
        if p.endswith("#label"):
            entry["label"] = t.object.value
        elif p.endswith("#comment"):
            entry["comment"] = t.object.value
        elif p.endswith("#type"):
            entry["kind"] = "class" if t.object.value.endswith("Class") else "property"
    return sorted(info.values(), key=lambda e: (e.get("kind", ""), e["name"]))
