"""The pages built on named queries: a goal's trace (`/trace`), the session × goal matrix
(`/matrix`, a cell's recommendations at `/matrix/cell`) and an actor's partnership network
(`/network`); the timeline and the map (time_place_pages) are included here.

Each runs the named query behind it (linked as CSV and SPARQL JSON), names goals by their codes
and labels, offers its parameters as lists of labels (`<select>`), and takes `session` (a
session number) to narrow the trace and the matrix to one session.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlencode

from cepa_kg.named_queries import NamedQuery, named_queries
from cepa_kg.server import time_place_pages
from cepa_kg.server.codes import coded_label, goal_code
from cepa_kg.server.connected import parameter
from cepa_kg.server.conneg import represent
from cepa_kg.server.errors import HttpError
from cepa_kg.server.goal_trace import trace_rows as goal_trace_rows
from cepa_kg.server.label_layout import place_labels
from cepa_kg.server.page_cache import page_cache
from cepa_kg.server.partner_network import network_rows
from cepa_kg.server.queries import plain, prepared, select_rows
from cepa_kg.server.site import render, root_of
from cepa_kg.server.state import app_state
from cepa_kg.server.views import local_href, reader_href
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()
router.include_router(time_place_pages.router)  # /timeline, /map

METHODS = ("explicit", "thematic", "inherited", "correspondence")
#: Recommendations on a page of a trace (SDG 16 has about 1,000 on the corpus × 50: a page
#: of 1.3 MB took 0.3-0.5 s to render, bench/bench_pages.py).
TRACE_PAGE = 100

_GOALS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?goal ?label WHERE {
  VALUES ?class { cepa:Goal cepa:Target }
  ?goal a ?class ; skos:prefLabel ?label ; skos:inScheme ?scheme .
  FILTER((LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")))
  FILTER(STRENDS(STR(?scheme), "/scheme/mdg") || STRENDS(STR(?scheme), "/scheme/sdg"))
}
"""
_SESSIONS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
SELECT ?session ?number WHERE { ?session a cepa:Session ; cepa:sessionNumber ?number }
ORDER BY ?number
"""
_ACTORS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT * WHERE { {
SELECT ?actor (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?p) AS ?partnerships) WHERE {
  ?p a cepa:Partnership ; cepa:party ?actor . ?actor rdfs:label ?l
} GROUP BY ?actor } } ORDER BY LCASE(STR(?label))
"""


def _goal_key(iri: str) -> tuple[int, int, int, str]:
    """Reading order of goals and targets: MDGs then SDGs, by goal, the goal before its
    targets, targets by number then letter."""
    match = re.search(r"/(goal|target)/(mdg|sdg)-(\d+)-?([0-9a-z]*)$", iri)
    if not match:
        return (2, 0, 0, iri)
    _, framework, goal, target = match.groups()
    sub = int(target) if target.isdigit() else 100 + ord(target[0]) if target else -1
    return (0 if framework == "mdg" else 1, int(goal), sub, iri)


def goal_options(request: Request, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The goals and targets as option groups ("Millennium Development Goals", ...), each
    option its parameter value and its coded label."""
    base = app_state(request).settings.base
    groups: dict[str, list[dict[str, str]]] = {"Millennium Development Goals": [],
                                               "Sustainable Development Goals": []}
    for row in sorted(plain(rows), key=lambda r: _goal_key(r["goal"])):
        name = "Millennium" if "/mdg-" in row["goal"] else "Sustainable"
        groups[f"{name} Development Goals"].append(
            {"value": parameter(row["goal"], base), "iri": row["goal"],
             "label": coded_label(row["goal"], row["label"])})
    return [{"label": k, "options": v} for k, v in groups.items() if v]


async def _sessions(request: Request) -> list[dict[str, str]]:
    return plain(await _invariant_rows(request, _SESSIONS))


def _query_args(request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
    """The page's parameters: each at most once, none unknown; an empty one not given."""
    args: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name == "lang":  # the language of goal labels (languages.py)
            continue
        if name not in allowed:
            raise HttpError(400, f"unknown parameter {name!r} (parameters: {', '.join(allowed)})")
        if name in args:
            raise HttpError(400, f"give the parameter {name!r} at most once")
        if value:
            args[name] = value
    if "session" in args and not args["session"].isdigit():
        raise HttpError(400, "session is a session number, e.g. 8")
    if "method" in args and args["method"] not in METHODS:
        raise HttpError(400, f"method is one of {', '.join(METHODS)}")
    return args


def _api(name: str, values: dict[str, str], fmt: str | None = None) -> str:
    params = dict(values) | ({"format": fmt} if fmt else {})
    return f"/queries/{name}" + (f"?{urlencode(params)}" if params else "")


def _prefixed(root: str, view: dict[str, Any]) -> dict[str, Any]:
    """The view's links under the path prefix."""
    return view | {k: root + view[k] for k in ("csv", "api") if k in view}


# -- the trace ---------------------------------------------------------------------------


@router.get("/trace", include_in_schema=False)
async def trace_page(request: Request) -> Response:
    """A goal's trace: goal ← recommendations ← sessions, each link with its method, score and
    the sentence of its evidence (the cue marked, linked to the reader); `session` narrows it."""
    args = _query_args(request, ("goal", "method", "session", "page"))
    if not args.get("page", "1").isdigit() or int(args.get("page", "1")) < 1:
        raise HttpError(400, "page is a page number, 1 or more")
    query = named_queries()["recommendations-by-goal"]
    values = {k: v for k, v in args.items() if k in ("goal", "method")}
    if "session" in args:
        values["sessionNumber"] = args["session"]
    prepared(request, query, values)  # 400 on a bad value
    base, root = app_state(request).settings.base, root_of(request)
    goal_iri = query.bind(values, base=base)["goal"].value
    rows = await trace_rows(request, query, values)
    goal_rows = await _invariant_rows(request, _GOALS)
    options = goal_options(request, goal_rows)
    labels = {o["iri"]: o["label"] for g in options for o in g["options"]}
    recommendations = list(dict.fromkeys(r["recommendation"]["value"] for r in rows))
    pages = max(1, -(-len(recommendations) // TRACE_PAGE))
    page = int(args.get("page", "1"))
    if page > pages:
        raise HttpError(400, f"page {page} is past the last page ({pages})")
    shown = set(recommendations[(page - 1) * TRACE_PAGE: page * TRACE_PAGE])
    keep = {k: v for k, v in args.items() if k != "page"}

    def page_href(n: int) -> str:
        return f"{root}/trace?" + urlencode(keep | ({"page": str(n)} if n > 1 else {}))

    body = render(request, "trace.html", _prefixed(root, {
        "goal": goal_iri, "goal_label": labels.get(goal_iri, goal_iri),
        "goal_value": parameter(goal_iri, base),
        "goal_href": local_href(goal_iri, base, root), "options": options,
        "sessions": trace_tree([r for r in rows if r["recommendation"]["value"] in shown],
                               base, root),
        "links": len(rows), "session_count": len({r["session"]["value"] for r in rows}),
        "recommendation_count": len(recommendations), "page": page, "pages": pages,
        "first": (page - 1) * TRACE_PAGE + 1, "last": min(page * TRACE_PAGE, len(recommendations)),
        "prev_href": page_href(page - 1) if page > 1 else "",
        "next_href": page_href(page + 1) if page < pages else "",
        "session_options": await _sessions(request), "session": args.get("session", ""),
        "methods": METHODS, "method": args.get("method", ""),
        "csv": _api(query.name, values, "csv"), "api": _api(query.name, values)}))
    return represent(request, body, "text/html")


async def trace_rows(request: Request, query: NamedQuery,
                     values: dict[str, str]) -> list[dict[str, Any]]:
    """The rows of recommendations-by-goal for `values` (checked by `prepared`): the named
    query's answer in plain queries (goal_trace.py), remembered for the data version."""
    terms = query.bind(values, base=app_state(request).settings.base)
    args = (terms["goal"], terms.get("method"), terms.get("sessionNumber"))
    rows: list[dict[str, Any]] = await _remembered(request, ("trace", *map(str, args)),
                                                   goal_trace_rows, *args)
    return rows


def _linked(rows: list[dict[str, Any]], base: str) -> list[dict[str, Any]]:
    """Rows as `select_rows` gives them: each IRI with its local `href`."""
    return [{k: (v | {"href": local_href(v["value"], base)} if v["type"] == "uri" else v)
             for k, v in row.items()} for row in rows]


async def _remembered(request: Request, key: tuple[str, ...], compute: Any, *args: Any) -> Any:
    """`compute(store, *args)` on the runner's threads, remembered for the data version."""
    state = app_state(request)
    cache = page_cache(state)
    return await state.runner.call(cache.get, state.store, key,
                                   lambda: compute(state.store, *args))


async def _invariant_rows(request: Request, text: str) -> list[dict[str, Any]]:
    """The rows of a SELECT whose answer depends on the data only (the goals, sessions and
    actors the pickers offer, a matrix), remembered for the data version."""
    cache, version = page_cache(app_state(request)), app_state(request).store.version
    found, rows = cache.peek(version, ("select", text))
    if not found:
        _, rows = await select_rows(request, text)
        cache.put(version, ("select", text), rows)
    return rows  # type: ignore[no-any-return]


def trace_tree(rows: list[dict[str, Any]], base: str, root: str = "") -> list[dict[str, Any]]:
    """Rows of recommendations-by-goal grouped: session → recommendation → alignments."""
    sessions: dict[str, dict[str, Any]] = {}
    for row in rows:
        v = {k: c["value"] for k, c in row.items()}
        session = sessions.setdefault(v["session"], {
            "iri": v["session"], "href": local_href(v["session"], base, root),
            "number": v["sessionNumber"], "recommendations": {}})
        rec = session["recommendations"].setdefault(v["recommendation"], {
            "iri": v["recommendation"], "href": local_href(v["recommendation"], base, root),
            "text": v["text"], "alignments": []})
        reader = reader_href(v["document"], v["evidenceStart"], v["evidenceEnd"], base, root) \
            if "evidenceStart" in v and "document" in v else None
        rec["alignments"].append({
            "code": goal_code(v["alignedTo"]) or v["alignedTo"],
            "href": local_href(v["alignedTo"], base, root), "method": v["method"],
            "score": v["score"], "evidence": v["evidence"], "before": v.get("before", ""),
            "after": v.get("after", ""), "reader": reader,
            "start": v.get("evidenceStart", ""), "end": v.get("evidenceEnd", "")})
    return [dict(s, recommendations=list(s["recommendations"].values()))
            for s in sessions.values()]


# -- the matrix --------------------------------------------------------------------------

_FRAMEWORK_NAMES = {"mdg": ("MDG", "Millennium Development Goals"),
                    "sdg": ("SDG", "Sustainable Development Goals")}


@router.get("/matrix", include_in_schema=False)
async def matrix_page(request: Request) -> Response:
    """The session × goal matrix as a shaded table: `?goals=sdg` (the default) or `mdg`;
    `?method=` narrows it to one method, `?session=` to one session; a cell opens the list of
    that session's recommendations serving that goal (`/matrix/cell`)."""
    args = _query_args(request, ("goals", "method", "session"))
    framework = args.get("goals", "sdg")
    if framework not in _FRAMEWORK_NAMES:
        raise HttpError(400, 'goals is "sdg" or "mdg"')
    if args.get("method") == "correspondence":
        raise HttpError(400, "the matrix counts explicit, thematic or inherited links")
    query = named_queries()[f"session-{framework}-matrix"]
    values = {k: v for k, v in args.items() if k == "method"}
    if "session" in args:
        values["sessionNumber"] = args["session"]
    rows = await _invariant_rows(request, prepared(request, query, values))
    base, root = app_state(request).settings.base, root_of(request)
    short, name = _FRAMEWORK_NAMES[framework]
    other = "mdg" if framework == "sdg" else "sdg"
    keep = {k: v for k, v in args.items() if k != "goals"}
    view = matrix_view(rows, base, root, method=args.get("method", ""))
    body = render(request, "matrix.html", _prefixed(root, view | {
        "csv": _api(query.name, values, "csv"), "api": _api(query.name, values),
        "short": short, "name": name, "framework": framework, "method": args.get("method"),
        "methods": METHODS[:3], "session": args.get("session", ""),
        "session_options": await _sessions(request),
        "whole": f"{root}/matrix?" + urlencode({"goals": framework} | (
            {"method": args["method"]} if "method" in args else {})),
        "other": {"href": f"{root}/matrix?" + urlencode({"goals": other} | keep),
                  "name": _FRAMEWORK_NAMES[other][1]},
        "switch": [{"href": f"{root}/matrix?" + urlencode({"goals": f} | keep),
                    "short": _FRAMEWORK_NAMES[f][0], "name": _FRAMEWORK_NAMES[f][1],
                    "current": f == framework} for f in ("mdg", "sdg")]}))
    return represent(request, body, "text/html")


@router.get("/matrix/cell", include_in_schema=False)
async def matrix_cell_page(request: Request) -> Response:
    """One cell of the matrix: the recommendations of one session (`session`, its number)
    serving one goal (`goal`, with its targets), each linking to its page with how it serves
    the goal; the alignments the matrix counts (explicit, thematic, inherited, or `method`)."""
    args = _query_args(request, ("session", "goal", "method"))
    if "session" not in args or "goal" not in args:
        raise HttpError(400, "give a session number and a goal, e.g. session=8&goal=id/goal/sdg-3")
    if args.get("method") == "correspondence":
        raise HttpError(400, "the matrix counts explicit, thematic or inherited links")
    query = named_queries()["recommendations-by-goal"]
    values = {"goal": args["goal"], "sessionNumber": args["session"]} | (
        {"method": args["method"]} if "method" in args else {})
    prepared(request, query, values)  # 400 on a bad value
    base, root = app_state(request).settings.base, root_of(request)
    goal_iri = query.bind(values, base=base)["goal"].value
    framework = _goal_of_matrix(goal_iri)
    rows = await trace_rows(request, query, values)
    rows = [r for r in rows if r["method"]["value"] != "correspondence"]
    goal_rows = await _invariant_rows(request, _GOALS)
    labels = {r["goal"]: coded_label(r["goal"], r["label"]) for r in plain(goal_rows)}
    if goal_iri not in labels:
        raise HttpError(404, f"no goal or target {args['goal']!r}")
    sessions = trace_tree(rows, base, root)
    recommendations = sessions[0]["recommendations"] if sessions else []
    session_iri = sessions[0]["iri"] if sessions else f"{base}id/session/{args['session']}"
    keep = {"method": args["method"]} if "method" in args else {}
    body = render(request, "matrix_cell.html", _prefixed(root, {
        "session": args["session"], "session_href": local_href(session_iri, base, root),
        "goal": goal_iri, "code": goal_code(goal_iri) or labels[goal_iri],
        "goal_label": labels[goal_iri], "goal_href": local_href(goal_iri, base, root),
        "method": args.get("method", ""), "recommendations": recommendations,
        "matrix": f"{root}/matrix?" + urlencode({"goals": framework, "session": args["session"]}
                                                | keep),
        "trace": f"{root}/trace?" + urlencode({"goal": parameter(goal_iri, base)} | keep),
        "csv": _api(query.name, values, "csv"), "api": _api(query.name, values)}))
    return represent(request, body, "text/html")


def _goal_of_matrix(iri: str) -> str:
    """The matrix a goal or target is counted in: "mdg" or "sdg"."""
    return "mdg" if "/mdg-" in iri else "sdg"


def matrix_view(rows: list[dict[str, Any]], base: str = "", root: str = "",
                method: str = "") -> dict[str, Any]:
    """Rows of session-{mdg,sdg}-matrix as a table: goals as columns (each with its slug as
    an anchor), sessions as rows, each cell with its count, a shade in [0, 1] (count / largest
    count) and a link to the list of that session's recommendations serving that goal."""
    goals: dict[str, dict[str, str | None]] = {}
    sessions: dict[str, dict[str, Any]] = {}
    largest = max((int(r["recommendations"]["value"]) for r in rows), default=0) or 1
    for r in rows:
        goal = r["goal"]["value"]
        goals.setdefault(goal, {"iri": goal, "href": local_href(goal, base, root) if base
                                else r["goal"]["href"],
                                "anchor": goal.rsplit("/", 1)[-1],
                                "notation": r["notation"]["value"], "label": r["label"]["value"]})
        number = r["sessionNumber"]["value"]
        session = sessions.setdefault(r["session"]["value"], {
            "href": local_href(r["session"]["value"], base, root) if base
            else r["session"]["href"], "number": number, "cells": {}})
        count = int(r["recommendations"]["value"])
        cell = {"session": number, "goal": parameter(goal, base) if base else goal} | (
            {"method": method} if method else {})
        session["cells"][goal] = {"count": count, "shade": round(count / largest, 3),
                                  "href": f"{root}/matrix/cell?" + urlencode(cell)}
    return {"goals": list(goals.values()), "sessions": list(sessions.values()),
            "largest": largest}


# -- the network -------------------------------------------------------------------------


@router.get("/network", include_in_schema=False)
async def network_page(request: Request) -> Response:
    """An actor's partnership network as an SVG and a list of edges; the actor chosen from
    those that are party to a partnership."""
    args = _query_args(request, ("actor",))
    query = named_queries()["partner-network"]
    values = {"actor": args.get("actor", "id/actor/dpadm")}
    prepared(request, query, values)  # 400 on a bad value
    base, root = app_state(request).settings.base, root_of(request)
    term = query.bind(values, base=base)["actor"]
    actor = term.value
    rows = _linked(await _remembered(request, ("network", str(term)), network_rows, term), base)
    actor_rows = await _invariant_rows(request, _ACTORS)
    actors = [{"value": parameter(a["actor"], base), "iri": a["actor"], "label": a["label"],
               "count": a["partnerships"]} for a in plain(actor_rows)]
    label = next((a["label"] for a in actors if a["iri"] == actor), actor)
    view = network_view(rows, actor, base=base, root=root)
    body = render(request, "network.html", _prefixed(root, view | {
        "actor": actor, "actor_label": label, "actor_value": parameter(actor, base),
        "actor_href": local_href(actor, base, root), "actors": actors,
        "csv": _api(query.name, values, "csv"), "api": _api(query.name, values)}))
    return represent(request, body, "text/html")


def network_view(rows: list[dict[str, Any]], centre: str | None, size: int = 640,
                 base: str = "", root: str = "") -> dict[str, Any]:
    """Rows of partner-network as nodes on an ellipse (the centre actor in the middle) and
    edges between them, with coordinates for an SVG `size` high and half as wide again; each
    label placed beside its node where it is cut by no edge of the drawing and lies on no
    other label (label_layout), in at most two lines."""
    nodes: dict[str, dict[str, Any]] = {}
    for r in rows:
        for end in ("source", "target"):
            iri = r[end]["value"]
            nodes.setdefault(iri, {"iri": iri, "label": r[end + "Label"]["value"],
                                   "href": local_href(iri, base, root) if base
                                   else r[end]["href"]})
    ring = [n for iri, n in sorted(nodes.items(), key=lambda kv: kv[1]["label"])
            if iri != centre]
    width = round(size * 1.5)
    middle_x, middle_y = width / 2, size / 2
    across, down = width / 2 - size * 0.3, size / 2 - size * 0.13  # an ellipse, room for labels
    sides = []
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        node["x"] = round(middle_x + across * cos, 1)
        node["y"] = round(middle_y + down * sin, 1)
        outward = "above" if sin < 0 else "below"
        sides.append(f"right {outward}" if cos > 0.3 else f"left {outward}" if cos < -0.3
                     else f"{outward} {outward}-far")
    points = ring[:]
    if centre in nodes:
        nodes[centre].update(x=middle_x, y=middle_y, centre=True)
        points.insert(0, nodes[centre])
        sides.insert(0, "above")
    labels = place_labels([(n["x"], n["y"], n["label"]) for n in points], width, size,
                          size=12, gap=10, chars=26, prefer=sides)
    for node, label in zip(points, labels, strict=True):
        node["label_at"] = label
    edges = []
    for r in rows:
        a, b = nodes[r["source"]["value"]], nodes[r["target"]["value"]]
        edges.append({"source": a, "target": b, "count": int(r["partnerships"]["value"]),
                      "statuses": r["statuses"]["value"], "purposes": r["purposes"]["value"],
                      "agreed": "agreed" in r["statuses"]["value"].split(),
                      "partnerships": _partnerships(r, base, root)})
    return {"nodes": list(nodes.values()), "edges": edges, "size": size, "width": width}


def _partnerships(row: dict[str, Any], base: str, root: str) -> list[dict[str, Any]]:
    """The partnerships of an edge (partnershipList: "IRI label" lines) with their links."""
    found = []
    for line in sorted(row.get("partnershipList", {}).get("value", "").splitlines()):
        iri, _, label = line.partition(" ")
        found.append({"href": local_href(iri, base, root) if base else iri, "label": label or iri})
    return found
