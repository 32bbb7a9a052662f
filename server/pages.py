"""Pages for people: the home page and a list page per class (with paging).

Entity pages and the ontology are in linked_data.py, search in search.py, the query page in
query_page.py. Every store call runs off the event loop (`app.state.runner.call`).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from cepa_kg.namespaces import PREFIXES
from cepa_kg.server import question_pages
from cepa_kg.server.citation import dataset_citation, last_load
from cepa_kg.server.conneg import represent
from cepa_kg.server.describe import last_modified
from cepa_kg.server.errors import HttpError
from cepa_kg.server.site import public_of, render, root_of
from cepa_kg.server.views import local_href
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

router = APIRouter()
router.include_router(question_pages.router)  # /trace, /matrix, /network

CEPA = PREFIXES["cepa"]
PAGE_SIZE = 50

#: Classes with a list page: local name -> (plural heading, one-line description).
CLASSES: dict[str, tuple[str, str]] = {
    "Session": ("Sessions", "Annual sessions of the Committee"),
    "Recommendation": ("Recommendations", "Recommendations, conclusions and resolution paragraphs"),
    "Resolution": ("Resolutions", "Draft resolutions of the sessions"),
    "Theme": ("Themes", "Main themes and subtopics"),
    "Goal": ("Goals", "Millennium and Sustainable Development Goals"),
    "Target": ("Targets", "MDG targets"),
    "Actor": ("Actors", "Everyone addressed or named"),
    "Organization": ("Organizations", "UN entities and other organizations"),
    "ActorGroup": ("Actor groups", "Member States, donors and other groups"),
    "Person": ("People", "People named in the documents"),
    "Country": ("Countries", "Countries (ISO 3166)"),
    "Event": ("Events", "Seminars, workshops, meetings, conferences"),
    "Partnership": ("Partnerships", "Collaborations between actors"),
    "Project": ("Projects", "Development Account projects"),
    "Place": ("Places", "Cities and places"),
    "UNDocument": ("UN documents", "Resolutions and reports cited by symbol"),
    "SourceDocument": ("Source documents", "The documents the graph was read from"),
}

_PREFIX = "PREFIX cepa: <https://w3id.org/cepa-kg/def#>\n" \
    "PREFIX schema: <https://schema.org/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"

_HOME_SESSIONS = _PREFIX + """
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

_HOME_COUNTS = _PREFIX + """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  VALUES ?class {{ {} }}
  ?s a ?class
}} GROUP BY ?class
""".format(" ".join(f"cepa:{name}" for name in CLASSES))

# A recommendation serves a goal when aligned to it or to one of its targets (`broader?`: a
# target is one step under its goal; `broader*` took 230 ms on the corpus × 50, this 5 ms).
_HOME_GOALS = _PREFIX + """
SELECT ?goal ?scheme ?notation ?label (COUNT(DISTINCT ?rec) AS ?n) WHERE {
  ?goal a cepa:Goal ; skos:inScheme ?scheme ; skos:notation ?notation ; skos:prefLabel ?label .
  FILTER((LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")))
  FILTER(STRENDS(STR(?scheme), "/scheme/mdg") || STRENDS(STR(?scheme), "/scheme/sdg"))
  OPTIONAL { ?rec cepa:alignedTo ?x . ?x skos:broader? ?goal }
} GROUP BY ?goal ?scheme ?notation ?label
"""


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in rows]


def _home_data(store: Any, base: str, root: str) -> dict[str, Any]:
    sessions = _plain(store.select(_HOME_SESSIONS))
    for s in sessions:
        s["href"] = local_href(s["session"], base, root) or ""  # "": not to be a link
        if "theme" in s:
            s["themeHref"] = local_href(s["theme"], base, root) or ""
    goals = _plain(store.select(_HOME_GOALS))
    for g in goals:
        g["href"] = local_href(g["goal"], base, root) or ""
        g["kind"] = "MDG" if g["scheme"].endswith("/mdg") else "SDG"
        g["param"] = g["goal"].removeprefix(base)

    def number(g: dict[str, str]) -> tuple[int, str]:
        digits = "".join(c for c in g["notation"] if c.isdigit())
        return (int(digits) if digits else 0, g["notation"])

    goals.sort(key=number)
    counts = {row["class"].rsplit("#", 1)[-1]: int(row["n"])
              for row in _plain(store.select(_HOME_COUNTS))}
    return {"sessions": sessions,
            "mdgs": [g for g in goals if g["kind"] == "MDG"],
            "sdgs": [g for g in goals if g["kind"] == "SDG"],
            "counts": [(name, CLASSES[name][0], counts.get(name, 0)) for name in CLASSES],
            "modified": last_modified(store), "loaded": last_load(store)}


@router.api_route("/", methods=["GET", "HEAD"], summary="Home page", include_in_schema=False)
async def home(request: Request) -> Response:
    root = root_of(request)
    data = await request.app.state.runner.call(
        _home_data, request.app.state.store, request.app.state.settings.base, root)
    cite = dataset_citation(public_of(request) + "/", data["loaded"])
    body = render(request, "home.html", data | {"cite": cite})
    return represent(request, body, "text/html", modified=data["modified"])


_LIST = _PREFIX + """
SELECT * WHERE { {
SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?sn) AS ?number) (SAMPLE(?o) AS ?order) WHERE {
  ?s a {class} . FILTER(isIRI(?s))
  OPTIONAL { ?s rdfs:label ?l0 }
  OPTIONAL { ?s skos:prefLabel ?l1 FILTER((LANG(?l1) = "" || LANGMATCHES(LANG(?l1), "en"))) }
  BIND(COALESCE(?l0, ?l1, STR(?s)) AS ?l)
  OPTIONAL { ?s cepa:sessionNumber ?sn0 } OPTIONAL { ?s cepa:session/cepa:sessionNumber ?sn1 }
  BIND(COALESCE(?sn0, ?sn1) AS ?sn)
  OPTIONAL { ?s cepa:order ?o }
} GROUP BY ?s } } ORDER BY ?number ?order LCASE(STR(?label)) ?s
LIMIT {limit} OFFSET {offset}
"""
_COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a {class} . FILTER(isIRI(?s)) }"


def _list_data(store: Any, class_iri: str, page: int, base: str, root: str) -> dict[str, Any]:
    term = str(ox.NamedNode(class_iri))
    total = int(store.select(_COUNT.replace("{class}", term))[0]["n"].value)
    query = _LIST.replace("{class}", term).replace("{limit}", str(PAGE_SIZE)).replace(
        "{offset}", str((page - 1) * PAGE_SIZE))
    items = [{"label": r["label"].value, "href": local_href(r["s"].value, base, root)}
             for r in store.select(query)]
    return {"total": total, "items": items}


@router.get("/browse", summary="List of the classes", include_in_schema=False)
async def browse_index(request: Request) -> Response:
    data = await request.app.state.runner.call(
        _home_data, request.app.state.store, request.app.state.settings.base, root_of(request))
    body = render(request, "browse.html", {"counts": data["counts"], "classes": CLASSES})
    return represent(request, body, "text/html")


@router.api_route("/browse/{name}", methods=["GET", "HEAD"], summary="Instances of a class",
                  description="Instances of a cepa class (`Session`, `Recommendation`, "
                  "`Actor`, ...), 50 per page, with their labels and links.")
async def browse(request: Request, name: str,
                 page: int = Query(1, ge=1, le=100000)) -> Response:
    if name not in CLASSES:
        raise HttpError(404, f"no list of {name!r}; lists: {', '.join(CLASSES)}")
    root = root_of(request)
    data = await request.app.state.runner.call(
        _list_data, request.app.state.store, CEPA + name, page,
        request.app.state.settings.base, root)
    pages = max(1, -(-data["total"] // PAGE_SIZE))
    if page > pages:
        raise HttpError(404, f"page {page} of {pages}")
    body = render(request, "browse_class.html", {
        "name": name, "heading": CLASSES[name][0], "blurb": CLASSES[name][1],
        "items": data["items"], "total": data["total"], "page": page, "pages": pages,
        "first": (page - 1) * PAGE_SIZE + 1})
    return represent(request, body, "text/html")
