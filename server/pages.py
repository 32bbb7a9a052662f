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
from cepa_kg.server.lookups import objects
from cepa_kg.server.page_cache import VersionCache, page_cache
from cepa_kg.server.site import public_of, render, root_of
from cepa_kg.server.state import app_state
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


async def _home(request: Request, root: str) -> dict[str, Any]:
    """`_home_data`, remembered for the data version (its queries read the whole store:
    0.2-0.6 s on the corpus × 50, bench/bench_pages.py)."""
    state = app_state(request)
    base = state.settings.base
    data: dict[str, Any] = await state.runner.call(
        page_cache(state).get, state.store, ("home", base, root),
        lambda: _home_data(state.store, base, root))
    return data


@router.api_route("/", methods=["GET", "HEAD"], summary="Home page", include_in_schema=False)
async def home(request: Request) -> Response:
    root = root_of(request)
    data = await _home(request, root)
    cite = dataset_citation(public_of(request) + "/", data["loaded"])
    body = render(request, "home.html", data | {"cite": cite})
    return represent(request, body, "text/html", modified=data["modified"])


# A class's instances in the order of its list page: by session number (theirs, or their
# session's), then `cepa:order`, then label, then IRI; a label is rdfs:label, else an English
# or untagged skos:prefLabel, else the IRI. One query with OPTIONALs for each took seconds for
# the 2,400 actors of the corpus × 50, past the budget for some classes (Oxigraph joined the
# whole properties): now each property of the instances is looked up by itself
# (lookups.objects), the order made in Python, and kept for the data version.
_INSTANCES = "SELECT DISTINCT ?s WHERE { ?s a {class} . FILTER(isIRI(?s)) }"


def _sort_value(term: Any) -> tuple[int, Any]:
    """ORDER BY's order for one value: unbound first, then numbers by value, then text."""
    if term is None:
        return (0, 0)
    if isinstance(term, ox.Literal):
        try:
            return (1, float(term.value))
        except ValueError:
            pass
    return (2, term.value)


def class_listing(store: Any, class_iri: str) -> list[tuple[str, str]]:
    """(IRI, label) of every instance of the class, in the list page's order."""
    term = str(ox.NamedNode(class_iri))
    instances = [r["s"] for r in store.select(_INSTANCES.replace("{class}", term))]
    labels = objects(store, instances, "rdfs:label")
    pref = objects(store, [s for s in instances if not labels.get(s)], "skos:prefLabel")
    numbers = objects(store, instances, "cepa:sessionNumber")
    sessions = objects(store, [s for s in instances if not numbers.get(s)], "cepa:session")
    session_numbers = objects(store, {x for xs in sessions.values() for x in xs},
                              "cepa:sessionNumber")
    orders = objects(store, instances, "cepa:order")
    rows = []
    for s in instances:
        english = [x for x in pref.get(s, []) if not x.language or
                   x.language.lower().split("-")[0] == "en"]
        label = min((x.value for x in labels.get(s, []) or english), default=s.value)
        number = min(numbers.get(s, []) or [n for x in sessions.get(s, [])
                                            for n in session_numbers.get(x, [])],
                     key=_sort_value, default=None)
        order = min(orders.get(s, []), key=_sort_value, default=None)
        rows.append(((_sort_value(number), _sort_value(order), label.lower(), s.value),
                     (s.value, label)))
    rows.sort(key=lambda r: r[0])
    return [item for _, item in rows]


def _list_data(store: Any, class_iri: str, page: int, base: str, root: str,
               cache: VersionCache | None = None) -> dict[str, Any]:
    listing = cache.get(store, ("browse", class_iri), lambda: class_listing(store, class_iri)) \
        if cache is not None else class_listing(store, class_iri)
    start = (page - 1) * PAGE_SIZE
    items = [{"label": label, "href": local_href(iri, base, root)}
             for iri, label in listing[start:start + PAGE_SIZE]]
    return {"total": len(listing), "items": items}


@router.get("/browse", summary="List of the classes", include_in_schema=False)
async def browse_index(request: Request) -> Response:
    data = await _home(request, root_of(request))
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
    data = await app_state(request).runner.call(
        _list_data, app_state(request).store, CEPA + name, page,
        app_state(request).settings.base, root, page_cache(app_state(request)))
    pages = max(1, -(-data["total"] // PAGE_SIZE))
    if page > pages:
        raise HttpError(404, f"page {page} of {pages}")
    body = render(request, "browse_class.html", {
        "name": name, "heading": CLASSES[name][0], "blurb": CLASSES[name][1],
        "items": data["items"], "total": data["total"], "page": page, "pages": pages,
        "first": (page - 1) * PAGE_SIZE + 1})
    return represent(request, body, "text/html")
