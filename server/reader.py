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
from cepa_kg.server.site import render, root_of
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
"""
_DOCUMENT = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?text ?title WHERE { {doc} cepa:sourceText ?text . OPTIONAL { {doc} dcterms:title ?title } }
"""


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
    facts = [_fact(row, base, root) for row in store.select(_SPANS.replace("{doc}", doc))]
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
    data = await request.app.state.runner.call(
        reader_data, request.app.state.store, iri, request.app.state.settings.base, root)
    if data is None:
        raise HttpError(404, f"no text is kept for <{iri}>")
    page = local_href(iri, request.app.state.settings.base, root)
    body = render(request, "reader.html", data | {"doc_href": page,
                                                  "text_href": f"{page}/text" if page else None})
    return represent(request, body, "text/html", headers={"Link": f'<{iri}>; rel="describes"'})
