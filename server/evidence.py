"""The evidence of goal alignments as a reader checks it: the whole sentence around the cue,
and where the cue stands in its document (a link to the reader, `#evidence-{start}-{end}`).

One SELECT does the work for a page: the alignments of a recommendation (or project), or the
alignments to a goal, each with its cue's offsets and the sentence cut around it from the
passage that holds it (the recommendation's own quote, else its subtopic's or its session
theme's heading, where inherited cues stand), by SUBSTR and REPLACE in the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.highlight import anchor_id
from cepa_kg.server.views import reader_href

#: A sentence starts after the last [.!?] and spaces before a capital, an opening bracket or
#: quote; it ends at the first [.!?] followed by spaces and such a start.
SENTENCE_START = r'^[\\s\\S]*[.!?]\\s+([A-Z(“\"])'
SENTENCE_END = r'^([\\s\\S]*?[.!?])\\s+[A-Z(“\"][\\s\\S]*$'

# The pattern the trace's named query (queries/recommendations-by-goal.rq) repeats.
_EVIDENCE = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?alignment ?recommendation ?label ?document ?evidenceStart ?evidenceEnd ?before ?after
WHERE {
  { {iri} cepa:hasAlignment ?alignment . BIND({iri} AS ?recommendation) }
  UNION
  { ?alignment cepa:goal {iri} . ?recommendation cepa:hasAlignment ?alignment . }
  OPTIONAL { ?recommendation rdfs:label ?label }
  ?alignment cepa:sourceSpan ?span .
  ?span oa:hasSource ?document ; oa:hasSelector ?position .
  ?position oa:start ?evidenceStart ; oa:end ?evidenceEnd .
  OPTIONAL {
    { BIND(?recommendation AS ?holder) } UNION { ?recommendation cepa:subtopic ?holder }
    UNION { ?recommendation cepa:session/cepa:mainTheme ?holder }
    ?holder cepa:sourceSpan ?own .
    ?own oa:hasSource ?document ; oa:hasSelector ?ownPosition, ?ownQuote .
    ?ownPosition oa:start ?ownStart ; oa:end ?ownEnd .
    ?ownQuote oa:exact ?passage .
    FILTER(?own != ?span && ?ownStart <= ?evidenceStart && ?evidenceEnd <= ?ownEnd)
  }
  BIND(REPLACE(SUBSTR(?passage, 1, ?evidenceStart - ?ownStart), "{start}", "$1") AS ?before)
  BIND(REPLACE(SUBSTR(?passage, ?evidenceEnd - ?ownStart + 1), "{end}", "$1") AS ?after)
}
""".replace("{start}", SENTENCE_START).replace("{end}", SENTENCE_END)


@dataclass(frozen=True)
class Evidence:
    """Where one alignment's cue stands: the sentence around it and its passage in the
    reader."""

    before: str  # the sentence up to the cue ("" when no passage holds it)
    after: str  # the sentence after the cue
    reader: str | None  # the reader at the cue, `.../read#evidence-{start}-{end}`
    anchor: str  # `evidence-{start}-{end}`
    holder: str = ""  # the recommendation (or project) the alignment belongs to
    holder_label: str = ""


def evidence_of(store: Any, iri: str, base: str, root: str = "") -> dict[str, Evidence]:
    """The evidence of every alignment of `iri` (a traced resource) or to `iri` (a goal or
    target), by the alignment's IRI. Where several passages hold a cue, the shortest wins."""
    query = _EVIDENCE.replace("{iri}", str(ox.NamedNode(iri)))
    found: dict[str, Evidence] = {}
    rank: dict[str, tuple[bool, int]] = {}
    for row in store.select(query):
        v = {k: t.value for k, t in row.items()}
        before, after = v.get("before", ""), v.get("after", "")
        mine = (not (before or after), len(before) + len(after))  # held, then shortest
        if v["alignment"] in rank and rank[v["alignment"]] <= mine:
            continue
        rank[v["alignment"]] = mine
        found[v["alignment"]] = Evidence(
            before, after, reader_href(v["document"], v["evidenceStart"], v["evidenceEnd"], base,
                                       root),
            anchor_id(int(v["evidenceStart"]), int(v["evidenceEnd"])), v["recommendation"],
            v.get("label", ""))
    return found
