"""Search over labels (with aliases and acronyms) and recommendation texts (`/search?q=`).

A case-insensitive substring match in SPARQL (CONTAINS over LCASE), one property at a time,
then the matches' types, labels and texts by lookups (`search_rows`). The search words are
bound as a literal rendered by pyoxigraph (so escaped by the library), never pasted into the
query text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.conneg import represent
from cepa_kg.server.lookups import objects
from cepa_kg.server.page_cache import page_cache
from cepa_kg.server.site import render, root_of
from cepa_kg.server.state import app_state
from cepa_kg.server.views import local_href
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

router = APIRouter()

LIMIT = 100
MAX_QUERY = 200

_SEARCH = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT * WHERE { {
SELECT ?s (SAMPLE(?label) AS ?name) (SAMPLE(?text) AS ?body) (SAMPLE(?type) AS ?kind)
WHERE {
  VALUES ?needle { {needle} }
  ?s a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(cepa:)) && isIRI(?s))
  FILTER NOT EXISTS { ?s a ?narrower . ?narrower rdfs:subClassOf ?type FILTER(?narrower != ?type) }
  OPTIONAL { ?s cepa:text ?text }
  OPTIONAL { ?s skos:altLabel|cepa:acronym ?alt }
  FILTER(CONTAINS(LCASE(STR(?label)), ?needle)
         || (BOUND(?alt) && CONTAINS(LCASE(STR(?alt)), ?needle))
         || (BOUND(?text) && CONTAINS(LCASE(STR(?text)), ?needle)))
}
GROUP BY ?s
} }
ORDER BY LCASE(STR(?name)) ?s
LIMIT 101
"""


@dataclass
class Hit:
    label: str
    href: str | None  # None: an IRI that may not be a link (see views.is_web_iri)
    kind: str
    before: str = ""  # the text around the match, for a snippet
    match: str = ""
    after: str = ""


def _snippet(text: str, needle: str, width: int = 90) -> tuple[str, str, str]:
    at = text.lower().find(needle)
    if at < 0:
        return (text[: 2 * width] + ("…" if len(text) > 2 * width else ""), "", "")
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return (("…" if start else "") + text[start:at], text[at: at + len(needle)],
            text[at + len(needle): end] + ("…" if end < len(text) else ""))


# The rows of _SEARCH by lookups (lookups.objects): the resources whose label, alias or
# text holds the words (one filtered pattern each), then their types, labels and texts. In
# one query Oxigraph joined every copy of each label and type (the default graph is the
# union of the graphs, where an actor named by 50 documents comes 50 times): past the 10 s
# budget on the corpus × 50 (bench/bench_pages.py). tests/test_page_lookups.py checks them.
_MATCHING = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s WHERE { ?s {p} ?v . FILTER(isIRI(?s) && CONTAINS(LCASE(STR(?v)), {needle})) }
"""
_SUBCLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?narrower ?type WHERE { ?narrower rdfs:subClassOf ?type FILTER(?narrower != ?type) }
"""
_CEPA = "https://w3id.org/cepa-kg/def#"


def search_rows(store: Any, needle: str) -> list[dict[str, Any]]:
    """The rows of _SEARCH (`s`, `name`, `body` where a text is, `kind`) for `needle` (lower
    case), in its order, at most 101."""
    term = str(ox.Literal(needle))
    found = {r["s"] for p in ("rdfs:label", "skos:altLabel", "cepa:acronym", "cepa:text")
             for r in store.select(_MATCHING.replace("{p}", p).replace("{needle}", term))}
    labels, alts, acronyms, texts, kinds = (objects(store, found, p, distinct=True) for p in (
        "rdfs:label", "skos:altLabel", "cepa:acronym", "cepa:text", "a"))
    broader: dict[Any, set[Any]] = {}
    for row in store.select(_SUBCLASSES):
        broader.setdefault(row["type"], set()).add(row["narrower"])

    def holds(term: Any) -> bool:
        return term is not None and needle in term.value.lower()

    rows = []
    for s in found:
        own = kinds.get(s, [])
        types = sorted((t for t in own if t.value.startswith(_CEPA)
                        and not broader.get(t, set()) & set(own)), key=str)
        names, bodies = sorted(labels.get(s, []), key=str), sorted(texts.get(s, []), key=str)
        aliases = alts.get(s, []) + acronyms.get(s, [])
        hits = [(name, body) for name in names for body in bodies or [None]
                if holds(name) or holds(body) or any(holds(a) for a in aliases)]
        if not types or not hits:
            continue
        name, body = hits[0]
        rows.append({"s": s, "name": name, "kind": types[0]} | ({"body": body} if body else {}))
    rows.sort(key=lambda r: (r["name"].value.lower(), r["s"].value))
    return rows[:101]


def search(store: Any, words: str, base: str, root: str) -> list[Hit]:
    needle = " ".join(words.split()).lower()
    if not needle:
        return []
    hits = []
    for row in search_rows(store, needle):
        label = row["name"].value
        text = row["body"].value if "body" in row else ""
        hit = Hit(label, local_href(row["s"].value, base, root),
                  row["kind"].value.rsplit("#", 1)[-1])
        source = text if needle in text.lower() and needle not in label.lower() else ""
        if source:
            hit.before, hit.match, hit.after = _snippet(source, needle)
        hits.append(hit)
    return hits


@router.api_route("/search", methods=["GET", "HEAD"], summary="Search labels and texts",
                  description="Entities whose label or recommendation text contains the words "
                  "(case-insensitive).")
async def search_page(request: Request,
                      q: str = Query("", max_length=MAX_QUERY)) -> Response:
    root = root_of(request)
    state = app_state(request)
    needle = " ".join(q.split()).lower()
    hits = await state.runner.call(
        page_cache(state).get, state.store, ("search", needle, root),
        partial(search, state.store, needle, state.settings.base, root)) if needle else []
    body = render(request, "search.html", {"q": q, "hits": hits[:LIMIT],
                                           "more": len(hits) > LIMIT})
    return represent(request, body, "text/html")
