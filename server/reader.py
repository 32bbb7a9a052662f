"""The reader (`/id/document/{slug}/read`): a source document's text with every span a fact was
read from marked and anchored (`#evidence-{start}-{end}`), and the list of those facts.

One query gathers the spans of the document (a recommendation's passage, a goal's cue, a
theme's heading, ...) with what each is the source of; the text is then marked in one pass
(highlight.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.codes import coded_label, goal_code
from cepa_kg.server.conneg import represent
from cepa_kg.server.errors import HttpError
from cepa_kg.server.highlight import Span, anchor_id, highlight
from cepa_kg.server.lookups import objects
from cepa_kg.server.site import render, root_of
from cepa_kg.server.state import app_state
from cepa_kg.server.views import curie, local_href
from fastapi import Request
from fastapi.responses import Response

_SPANS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?start ?end ?about (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) ?goal
       (SAMPLE(?gl) AS ?goalLabel) (SAMPLE(?m) AS ?method) (SAMPLE(?sc) AS ?score)
WHERE {
  ?span oa:hasSource {doc} ; oa:hasSelector ?position .
  ?position oa:start ?start ; oa:end ?end .
  ?about cepa:sourceSpan ?span .
  OPTIONAL { ?about rdfs:label ?l }
  OPTIONAL { ?about a ?t . FILTER(STRSTARTS(STR(?t), STR(cepa:))) }
  OPTIONAL { ?about cepa:goal ?goal ; cepa:method ?m ; cepa:score ?sc .
             OPTIONAL { ?goal skos:prefLabel ?gl FILTER((LANG(?gl) = "" || LANGMATCHES(LANG(?gl), "en"))) } }
}
GROUP BY ?start ?end ?about ?goal
ORDER BY ?start DESC(?end) ?about
"""  # noqa: E501 - the query's text as written
_DOCUMENT = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?text ?title WHERE { {doc} cepa:sourceText ?text . OPTIONAL { {doc} dcterms:title ?title } }
"""


# The rows of _SPANS by lookups (lookups.objects): the document's spans and what they are
# about, then the labels, types and goal alignments of those. In one query Oxigraph joined
# every copy of each label and type (the default graph is the union of the graphs, where a
# person named by 50 documents comes 50 times): past the 10 s budget for an update on the
# corpus × 50 (bench/bench_pages.py). tests/test_page_lookups.py checks them.
_ABOUT = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?span ?about WHERE { ?span oa:hasSource {doc} . ?about cepa:sourceSpan ?span }
"""
_SUBCLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?narrower ?type WHERE { ?narrower rdfs:subClassOf ?type FILTER(?narrower != ?type) }
"""
_CEPA = "https://w3id.org/cepa-kg/def#"


def _number(term: Any) -> tuple[int, float | str]:
    try:
        return (0, float(term.value))
    except ValueError:
        return (1, term.value)


def span_rows(store: Any, iri: str) -> list[dict[str, Any]]:
    """The rows of _SPANS for the document `iri` (terms by variable), in its order."""
    found = [(r["span"], r["about"]) for r in store.select(
        _ABOUT.replace("{doc}", str(ox.NamedNode(iri))))]
    spans, abouts = {s for s, _ in found}, {a for _, a in found}
    selectors = objects(store, spans, "oa:hasSelector", distinct=True)
    every = {x for xs in selectors.values() for x in xs}
    starts, ends = (objects(store, every, f"oa:{p}", distinct=True) for p in ("start", "end"))
    labels, kinds, goals, methods, scores = (objects(store, abouts, p, distinct=True) for p in (
        "rdfs:label", "a", "cepa:goal", "cepa:method", "cepa:score"))
    goal_labels = objects(store, {g for gs in goals.values() for g in gs}, "skos:prefLabel",
                          distinct=True)
    broader: dict[Any, set[Any]] = {}
    for row in store.select(_SUBCLASSES):
        broader.setdefault(row["type"], set()).add(row["narrower"])
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for span, about in found:
        aligned = [(g, m, sc) for g in goals.get(about, []) for m in methods.get(about, [])
                   for sc in scores.get(about, [])]
        for x in selectors.get(span, []):
            for start, end in ((a, b) for a in starts.get(x, []) for b in ends.get(x, [])):
                for goal in {g for g, _, _ in aligned} or {None}:
                    key = (start, end, about, goal)
                    if key in rows:
                        continue
                    row = {"start": start, "end": end, "about": about}
                    label = min(labels.get(about, []), key=str, default=None)
                    own = [t for t in kinds.get(about, []) if t.value.startswith(_CEPA)]
                    kind = min([t for t in own if not broader.get(t, set()) & set(own)] or own,
                               key=str, default=None)  # the narrowest (SAMPLE: any)
                    row |= ({"label": label} if label else {}) | ({"type": kind} if kind else {})
                    if goal is not None:
                        method, score = min((m, sc) for g, m, sc in aligned if g == goal)
                        english = [x for x in goal_labels.get(goal, [])
                                   if (x.language or "en").lower().split("-")[0] == "en"]
                        row |= {"goal": goal, "method": method, "score": score} | (
                            {"goalLabel": min(english, key=str)} if english else {})
                    rows[key] = row
    return sorted(rows.values(), key=_order)


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    """ORDER BY ?start DESC(?end) ?about (numbers as numbers), then the goal."""
    end = _number(row["end"])
    return (_number(row["start"]),
            (0, -end[1]) if end[0] == 0 else end,  # type: ignore[operator]  # 0: a number
            row["about"].value,
            row["goal"].value if "goal" in row else "")


@dataclass
class Fact:
    """One fact read from the document, as the list under the text shows it."""

    anchor: str
    start: int
    end: int
    text: str  # what it is: "Recommendation: ...", "SDG 16 (thematic, score 0.6)"
    href: str | None  # its page (a goal alignment: its row on its recommendation's page)
    goal_href: str | None = None


def _fact(row: dict[str, Any], base: str, root: str) -> Fact:
    value = {k: v.value for k, v in row.items()}
    start, end = int(value["start"]), int(value["end"])
    about = value["about"]
    if "goal" in value:  # a goal alignment: its cue, for this goal, in this recommendation
        goal = value["goal"]
        code = goal_code(goal) or coded_label(goal, value.get("goalLabel", curie(goal)))
        text = f"{code}: {value.get('method', '')}, score {value.get('score', '')}"
        # the alignment's own IRI: its row on the recommendation's page
        return Fact(anchor_id(start, end), start, end, text, local_href(about, base, root),
                    local_href(goal, base, root))
    kind = value.get("type", "").rsplit("#", 1)[-1]
    label = value.get("label") or curie(about)
    text = f"{kind}: {label}" if kind else label
    return Fact(anchor_id(start, end), start, end, text, local_href(about, base, root))


def reader_data(store: Any, iri: str, base: str, root: str) -> dict[str, Any] | None:
    """The reader's model of the document `iri`, or None when no text is kept for it."""
    doc = str(ox.NamedNode(iri))  # a term rendered (validated, escaped) by pyoxigraph
    head = store.select(_DOCUMENT.replace("{doc}", doc))
    if not head:
        return None
    text = head[0]["text"].value
    title = head[0]["title"].value if "title" in head[0] else curie(iri)
    facts = [_fact(row, base, root) for row in span_rows(store, iri)]
    spans = [Span(f.start, f.end, f.text) for f in facts]
    return {"iri": iri, "title": title, "text": highlight(text, spans), "facts": facts,
            "passages": len({(f.start, f.end) for f in facts}), "length": len(text)}


async def reader_page(request: Request, iri: str) -> Response:
    """The reader of the document `iri` (an HTML page); 404 when no text is kept for it."""
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise HttpError(404, f"not an IRI of this dataset: {error}") from error
    root = root_of(request)
    data = await app_state(request).runner.call(
        reader_data, app_state(request).store, iri, app_state(request).settings.base, root)
    if data is None:
        raise HttpError(404, f"no text is kept for <{iri}>")
    page = local_href(iri, app_state(request).settings.base, root)
    body = render(request, "reader.html", data | {"doc_href": page,
                                                  "text_href": f"{page}/text" if page else None})
    return represent(request, body, "text/html", headers={"Link": f'<{iri}>; rel="describes"'})
