"""The timeline of sessions and events (`/timeline`) and the map of the places they were held
in (`/map`), drawn on the server: no script, nothing fetched from elsewhere.

The timeline lists every session and event by year, each with its dates, kind, places and an
anchor (`#session-5`, `#event-2011-10-20-seminar-…`) that their pages link to. The map draws
the places on the shipped world outline (world_map) as dots linking to their pages, with the
same places as a list beside it, each with its events; `?place=` marks one place (its page's
link), events or none.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urljoin

import pyoxigraph as ox
from cepa_kg.server.connected import anchor_of
from cepa_kg.server.conneg import represent
from cepa_kg.server.errors import HttpError
from cepa_kg.server.label_layout import place_labels
from cepa_kg.server.lookups import objects
from cepa_kg.server.page_cache import page_cache
from cepa_kg.server.site import render, root_of
from cepa_kg.server.state import app_state
from cepa_kg.server.views import local_href
from cepa_kg.server.world_map import HEIGHT, WIDTH, land_path, project
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()

_PREFIX = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_TIMELINE = _PREFIX + """
SELECT ?item ?number ?label ?start ?end ?kind ?place ?placeLabel WHERE {
  { ?item a cepa:Session . BIND("Session" AS ?kind) OPTIONAL { ?item cepa:sessionNumber ?number } }
  UNION
  { ?item a cepa:Event . OPTIONAL { ?item a ?class .
      FILTER(?class != cepa:Event && STRSTARTS(STR(?class), STR(cepa:)))
      BIND(STRAFTER(STR(?class), STR(cepa:)) AS ?kind) } }
  FILTER(isIRI(?item))
  OPTIONAL { ?item rdfs:label ?label }
  OPTIONAL { ?item schema:startDate ?start }
  OPTIONAL { ?item schema:endDate ?end }
  OPTIONAL { ?item schema:location ?place . OPTIONAL { ?place rdfs:label ?placeLabel } }
}
"""
_PLACES = _PREFIX + """
SELECT ?place ?label ?lat ?long ?item ?itemLabel ?start WHERE {
  { { ?item a cepa:Event } UNION { ?item a cepa:Session } ?item schema:location ?place .
    OPTIONAL { ?item rdfs:label ?itemLabel } OPTIONAL { ?item schema:startDate ?start } }
  MARKED
  FILTER(isIRI(?place))
  OPTIONAL { ?place rdfs:label ?label }
  OPTIONAL { ?place schema:latitude ?lat ; schema:longitude ?long }
}
"""

# The rows of _TIMELINE and _PLACES (each row once), by lookups of one property of many
# resources at a time (lookups.objects): in one query, Oxigraph joined every copy of the
# places' and actors' triples (the default graph is the union of the graphs, where a place
# named by 50 documents comes 50 times): past the 10 s budget on the corpus × 50
# (bench/bench_pages.py). tests/test_time_place_pages.py checks them against the queries.
_OF_CLASS = _PREFIX + "SELECT DISTINCT ?item WHERE { ?item a {class} . FILTER(isIRI(?item)) }"
_CEPA = "https://w3id.org/cepa-kg/def#"


def _of_class(store: Any, name: str) -> list[Any]:
    return [r["item"] for r in store.select(_OF_CLASS.replace("{class}", f"cepa:{name}"))]


def _rows(fixed: dict[str, str], choices: list[tuple[str, list[Any]]]) -> list[dict[str, str]]:
    """One row per combination of the values of each name (an empty list: left unbound)."""
    rows = [dict(fixed)]
    for name, values in choices:
        if values:
            rows = [row | {name: v.value} for row in rows for v in values]
    return rows


def timeline_rows(store: Any) -> list[dict[str, str]]:
    """The rows of _TIMELINE, each once."""
    sessions, events = _of_class(store, "Session"), _of_class(store, "Event")
    items = set(sessions) | set(events)
    labels, starts, ends, places = (objects(store, items, p, distinct=True) for p in (
        "rdfs:label", "schema:startDate", "schema:endDate", "schema:location"))
    numbers = objects(store, sessions, "cepa:sessionNumber", distinct=True)
    kinds = objects(store, events, "a", distinct=True)
    place_labels_ = objects(store, {p for ps in places.values() for p in ps}, "rdfs:label",
                            distinct=True)
    found: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    for item, kind_rows in [(s, [{"kind": "Session"}]) for s in sessions] + [
            (e, [{"kind": k.value.removeprefix(_CEPA)} for k in kinds.get(e, [])
                 if k.value != _CEPA + "Event" and k.value.startswith(_CEPA)] or [{}])
            for e in events]:
        for kind in kind_rows:
            fixed = {"item": item.value} | kind
            numbered = numbers.get(item, []) if kind.get("kind") == "Session" and \
                item in numbers else []
            for row in _rows(fixed, [("number", numbered), ("label", labels.get(item, [])),
                                     ("start", starts.get(item, [])),
                                     ("end", ends.get(item, []))]):
                located = [row | {"place": p.value} | ({"placeLabel": x.value} if x else {})
                           for p in places.get(item, [])
                           for x in place_labels_.get(p, []) or [None]] or [row]
                for r in located:
                    found.setdefault(tuple(sorted(r.items())), r)
    return list(found.values())


def places_rows(store: Any, marked: str = "") -> list[dict[str, str]]:
    """The rows of _PLACES (with the marked place), each once."""
    items = set(_of_class(store, "Event")) | set(_of_class(store, "Session"))
    located = objects(store, items, "schema:location", distinct=True)
    labels, starts = (objects(store, items, p, distinct=True)
                      for p in ("rdfs:label", "schema:startDate"))
    rows = [{"place": p.value} | r for item in items for p in located.get(item, [])
            if isinstance(p, ox.NamedNode)
            for r in _rows({"item": item.value}, [("itemLabel", labels.get(item, [])),
                                                  ("start", starts.get(item, []))])]
    if marked:
        rows.append({"place": marked})
    places = {ox.NamedNode(r["place"]) for r in rows}
    place_labels_, lats, longs = (objects(store, places, p, distinct=True) for p in (
        "rdfs:label", "schema:latitude", "schema:longitude"))
    found: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    for row in rows:
        place = ox.NamedNode(row["place"])
        coordinates = [{"lat": a.value, "long": b.value} for a in lats.get(place, [])
                       for b in longs.get(place, [])] or [{}]
        for r in _rows(row, [("label", place_labels_.get(place, []))]):
            for c in coordinates:
                full = r | c
                found.setdefault(tuple(sorted(full.items())), full)
    return list(found.values())


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_range(start: str, end: str = "") -> str:
    """Dates as people write them: "20–21 October 2011", "30 March – 3 April 2009",
    "November 2011" (a month only), "" for none.

    >>> date_range("2011-10-20", "2011-10-21")
    '20–21 October 2011'
    >>> date_range("2009-03-30", "2009-04-03")
    '30 March – 3 April 2009'
    >>> date_range("2011-11")
    'November 2011'
    """
    a, b = _DATE.match(start), _DATE.match(end) if end else None
    if not a:
        return start

    def words(match: re.Match[str], year: bool = True, month: bool = True) -> str:
        y, m, d = match.groups()
        parts = [str(int(d))] if d else []
        parts += [MONTHS[int(m) - 1]] if m and month else []
        parts += [y] if year else []
        return " ".join(parts)

    if not b or b.group(0) == a.group(0):
        return words(a)
    if a.group(1) != b.group(1):
        return f"{words(a)} – {words(b)}"
    if a.group(2) == b.group(2) and a.group(3) and b.group(3):
        return f"{words(a, year=False, month=False)}–{words(b)}"
    return f"{words(a, year=False)} – {words(b)}"


def timeline_view(rows: list[dict[str, str]], base: str, root: str = "") -> dict[str, Any]:
    """Rows of _TIMELINE as years of items (sessions and events), by start date; an item
    without a date in a last group, "Undated"."""
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = items.setdefault(r["item"], {
            "iri": r["item"], "href": local_href(r["item"], base, root),
            "anchor": anchor_of(r["item"], base), "label": "", "start": "", "end": "",
            "kinds": set(), "places": {}})
        if "number" in r:
            item["label"] = f"Session {r['number']}"
        elif r.get("label") and not item["label"]:
            item["label"] = r["label"]
        for key in ("start", "end"):
            if r.get(key) and (not item[key] or r[key] < item[key]):
                item[key] = r[key]
        if r.get("kind"):
            item["kinds"].add(r["kind"])
        if r.get("place"):
            item["places"][r["place"]] = {"label": r.get("placeLabel", r["place"]),
                                          "href": local_href(r["place"], base, root)}
    years: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(items.values(), key=lambda i: (i["start"] or "9999", i["label"])):
        kinds = sorted(item.pop("kinds"))
        item["kind"] = next((k for k in kinds if k != "Event"), "Event") if kinds else "Event"
        item["places"] = list(item["places"].values())
        item["label"] = item["label"] or item["iri"].rsplit("/", 1)[-1]
        item["dates"] = date_range(item["start"], item["end"])
        years.setdefault(item["start"][:4] or "Undated", []).append(item)
    return {"years": [{"year": y, "anchor": f"year-{y.lower()}", "entries": v}
                      for y, v in years.items()],
            "count": len(items)}


@router.get("/timeline", include_in_schema=False)
async def timeline_page(request: Request) -> Response:
    """Every session and event, by year and date, each with its dates, kind and places."""
    if request.query_params:
        raise HttpError(400, "the timeline takes no parameters (the named query /queries/"
                        "timeline narrows it by year, actor or place)")
    state = app_state(request)
    rows = await state.runner.call(page_cache(state).get, state.store, ("timeline",),
                                   lambda: timeline_rows(state.store))
    base, root = app_state(request).settings.base, root_of(request)
    view = timeline_view(rows, base, root)
    body = render(request, "timeline.html", view | {
        "csv": f"{root}/queries/timeline?format=csv", "api": f"{root}/queries/timeline"})
    return represent(request, body, "text/html")


def map_view(rows: list[dict[str, str]], base: str, root: str = "",
             marked: str = "") -> dict[str, Any]:
    """Rows of _PLACES as places with their events, those with coordinates as dots on the
    outline (a radius growing with the events held there) with their labels placed apart."""
    places: dict[str, dict[str, Any]] = {}
    for r in rows:
        place = places.setdefault(r["place"], {
            "iri": r["place"], "href": local_href(r["place"], base, root),
            "anchor": anchor_of(r["place"], base), "label": r.get("label", r["place"]),
            "marked": r["place"] == marked, "events": {}, "x": None, "y": None})
        if "lat" in r and "long" in r and place["x"] is None:
            try:
                place["x"], place["y"] = project(float(r["lat"]), float(r["long"]))
            except ValueError:
                pass  # not a latitude and longitude: listed, not drawn
        if r.get("item"):
            place["events"][r["item"]] = {"href": local_href(r["item"], base, root),
                                          "label": r.get("itemLabel", r["item"]),
                                          "start": r.get("start", "")}
    ordered = sorted(places.values(), key=lambda p: p["label"].lower())
    for place in ordered:
        place["events"] = sorted(place["events"].values(), key=lambda e: e["start"])
        place["dates"] = [date_range(e["start"]) for e in place["events"]]
        place["r"] = round(1.4 + 0.6 * math.sqrt(len(place["events"])), 2)
    drawn = [p for p in ordered if p["x"] is not None]
    labels = place_labels([(p["x"], p["y"], p["label"]) for p in drawn], WIDTH, HEIGHT,
                          size=4.2, gap=3.2, chars=20)
    for place, label in zip(drawn, labels, strict=True):
        place["label_at"] = label
    return {"places": ordered, "drawn": drawn, "width": WIDTH, "height": HEIGHT,
            "events": sum(len(p["events"]) for p in ordered)}


def _marked(request: Request) -> str:
    """The `place` parameter as an IRI ("" when none); 400 for anything else."""
    for name in request.query_params:
        if name != "place":
            raise HttpError(400, f"unknown parameter {name!r} (parameters: place)")
    values = request.query_params.getlist("place")
    if len(values) > 1:
        raise HttpError(400, "give the parameter 'place' at most once")
    if not values or not values[0]:
        return ""
    if re.search(r"[\s<>\"{}|\\^`\x00-\x1f]", values[0]):
        raise HttpError(400, "place is an IRI, e.g. id/place/rabat")
    iri = urljoin(app_state(request).settings.base, values[0])
    try:
        return ox.NamedNode(iri).value
    except ValueError as error:
        raise HttpError(400, f"place is an IRI, e.g. id/place/rabat ({error})") from error


@router.get("/map", include_in_schema=False)
async def map_page(request: Request) -> Response:
    """The places where sessions and events were held, as dots on a world outline and as a
    list; `place` marks one place (drawn and listed, events or none)."""
    marked = _marked(request)
    state = app_state(request)
    rows = await state.runner.call(page_cache(state).get, state.store, ("places", marked),
                                   lambda: places_rows(state.store, marked))
    base, root = app_state(request).settings.base, root_of(request)
    view = map_view(rows, base, root, marked)
    body = render(request, "map.html", view | {"land": land_path(), "marked": marked})
    return represent(request, body, "text/html")
