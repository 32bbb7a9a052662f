"""The evidence of goal alignments as a reader checks it: the whole sentence around the cue,
and where the cue stands in its document (a link to the reader, `#evidence-{start}-{end}`).

One SELECT does the work for a page: the alignments of a recommendation (or project), or the
alignments to a goal, each with its cue's offsets and the sentence cut around it from the
passage that holds it (the recommendation's own quote, else its subtopic's or its session
theme's heading, where inherited cues stand), by SUBSTR and REPLACE in the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.highlight import anchor_id
from cepa_kg.server.lookups import objects
from cepa_kg.server.views import reader_href

#: A sentence starts after the last [.!?] and spaces before a capital, an opening bracket or
#: quote; it ends at the first [.!?] followed by spaces and such a start.
SENTENCE_START = r'^[\\s\\S]*[.!?]\\s+([A-Z(“\"])'
SENTENCE_END = r'^([\\s\\S]*?[.!?])\\s+[A-Z(“\"][\\s\\S]*$'

# The alignments of a traced resource, or to a goal or target, with their cues' offsets: two
# queries (one with a UNION of both ran for minutes on the corpus × 50: Oxigraph then joined
# every alignment of the store).
_ALIGNMENTS = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?alignment ?recommendation ?label ?span ?document ?evidenceStart ?evidenceEnd WHERE {
  {which}
  ?alignment cepa:sourceSpan ?span .
  ?span oa:hasSource ?document ; oa:hasSelector ?position .
  ?position oa:start ?evidenceStart ; oa:end ?evidenceEnd .
  OPTIONAL { ?recommendation rdfs:label ?label }
}
"""
_OF = "VALUES ?recommendation { {iri} } ?recommendation cepa:hasAlignment ?alignment ."
_TO = "?alignment cepa:goal {iri} . ?recommendation cepa:hasAlignment ?alignment ."
# The passages that may hold those cues, in the cue's document: the recommendation's own
# quote, its subtopic's and its session theme's headings (where inherited cues stand). Asked
# for the (recommendation, document) pairs found above only: in one query with the
# alignments (an OPTIONAL), Oxigraph read every span of the store for each page (30 s and
# more for a goal on the corpus × 50, bench/bench_pages.py).
_PASSAGES = """
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?recommendation ?own ?document ?ownStart ?ownEnd ?passage WHERE {
  VALUES (?recommendation ?document) { {pairs} }
  {holder}
  ?own oa:hasSource ?document ; oa:hasSelector ?ownPosition, ?ownQuote .
  ?ownPosition oa:start ?ownStart ; oa:end ?ownEnd .
  ?ownQuote oa:exact ?passage .
}
"""
#: One query each (a UNION of the three took four times as long).
_HOLDERS = ("?recommendation cepa:sourceSpan ?own .",
            "?recommendation cepa:subtopic ?holder . ?holder cepa:sourceSpan ?own .",
            "?recommendation cepa:session ?session . ?session cepa:mainTheme ?holder . "
            "?holder cepa:sourceSpan ?own .")
_START = re.compile(SENTENCE_START.replace("\\\\", "\\"))
_END = re.compile(SENTENCE_END.replace("\\\\", "\\"))


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
    term = str(ox.NamedNode(iri))
    rows = [{k: t.value for k, t in row.items()} for which in (_OF, _TO)
            for row in store.select(_ALIGNMENTS.replace("{which}", which).replace("{iri}", term))]
    passages = _passages(store, {(v["recommendation"], v["document"]) for v in rows})
    found: dict[str, Evidence] = {}
    rank: dict[str, tuple[bool, int]] = {}
    for v in rows:
        start, end = int(v["evidenceStart"]), int(v["evidenceEnd"])
        around = [("", "")] + [sentence_around(passage, start - own_start, end - own_start)
                               for own, own_start, own_end, passage in passages.get(
                                   (v["recommendation"], v["document"]), [])
                               if own != v["span"] and own_start <= start and end <= own_end]
        for before, after in around:
            mine = (not (before or after), len(before) + len(after))  # held, then shortest
            if v["alignment"] in rank and rank[v["alignment"]] <= mine:
                continue
            rank[v["alignment"]] = mine
            found[v["alignment"]] = Evidence(
                before, after, reader_href(v["document"], start, end, base, root),
                anchor_id(start, end), v["recommendation"], v.get("label", ""))
    return found


def _passages(store: Any, pairs: set[tuple[str, str]]
              ) -> dict[tuple[str, str], list[tuple[str, int, int, str]]]:
    """(span, start, end, quote) of the passages of each (recommendation, document) pair, in
    that document: _PASSAGES with each of _HOLDERS, by lookups of one property at a time
    (lookups.objects: in one join, Oxigraph took 2 s for a goal's thousand recommendations
    on the corpus × 50, bench/bench_pages.py)."""
    recs = {ox.NamedNode(r) for r, _ in pairs}
    subtopics = objects(store, recs, "cepa:subtopic", distinct=True)
    sessions = objects(store, recs, "cepa:session", distinct=True)
    themes = objects(store, {s for ss in sessions.values() for s in ss}, "cepa:mainTheme",
                     distinct=True)
    holders = {r: [r, *subtopics.get(r, []), *(t for s in sessions.get(r, [])
                                                for t in themes.get(s, []))] for r in recs}
    spans = objects(store, {h for hs in holders.values() for h in hs}, "cepa:sourceSpan",
                    distinct=True)
    owns = {o for os in spans.values() for o in os}
    sources = objects(store, owns, "oa:hasSource", distinct=True)
    selectors = objects(store, owns, "oa:hasSelector", distinct=True)
    every = {x for xs in selectors.values() for x in xs}
    starts, ends, exacts = (objects(store, every, f"oa:{p}", distinct=True)
                            for p in ("start", "end", "exact"))
    found: dict[tuple[str, str], list[tuple[str, int, int, str]]] = {}
    for rec, document in pairs:
        seen = set()
        for own in (o for h in holders.get(ox.NamedNode(rec), []) for o in spans.get(h, [])):
            if own in seen or ox.NamedNode(document) not in sources.get(own, []):
                continue
            seen.add(own)
            xs = selectors.get(own, [])
            for s, e, q in {(s, e, q) for x in xs for s in starts.get(x, [])
                            for e in ends.get(x, []) for y in xs for q in exacts.get(y, [])}:
                try:
                    found.setdefault((rec, document), []).append(
                        (own.value, int(s.value), int(e.value), q.value))
                except ValueError:
                    continue  # (no number: the query's comparison fails too)
    return found


def sentence_around(passage: str, start: int, end: int) -> tuple[str, str]:
    """The sentence of `passage` before and after the cue at [start, end): what the trace's
    named query cuts with REPLACE (queries/recommendations-by-goal.rq)."""
    return (_START.sub(r"\1", passage[:max(start, 0)], count=1),
            _END.sub(r"\1", passage[end:], count=1))
