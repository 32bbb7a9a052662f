"""The rows of the named query recommendations-by-goal (queries/recommendations-by-goal.rq)
for the pages built on it (the trace, a matrix cell), in plain queries Oxigraph evaluates well.

The named query in one piece is slow on a large store: its OPTIONALs over the alignment's
span and over the recommendation's passages (filtered on the offsets) made Oxigraph join every
span of the store for each row (the SDG 16 trace ran past the 10 s budget on the corpus × 50,
bench/bench_pages.py). Here, as in evidence.py: the alignments to the goal (or to a target
under it) first; then, for those only (VALUES), the recommendations with their sessions, the
alignments' spans, and the recommendations' own passages in the spans' documents; the offsets
are joined and the sentence cut in Python over these small results. The rows are those of the
named query (same variables and values, one row per passage that holds the cue, none when no
passage does), in its order; tests/test_goal_trace.py checks them against it on the corpus.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.evidence import sentence_around
from cepa_kg.server.lookups import json_cell, objects

_PREFIX = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
# The alignments to the goal or to a target under it (the named query's UNION).
_ALIGNMENTS = _PREFIX + """
SELECT ?alignment ?alignedTo WHERE {
  VALUES ?goal { {goal} }
  { ?alignment cepa:goal ?goal . BIND(?goal AS ?alignedTo) }
  UNION
  { ?alignedTo skos:broader ?goal . ?alignment cepa:goal ?alignedTo . }
}
"""
# Then one property of many subjects at a time (lookups.objects).
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_GOAL_ALIGNMENT = "https://w3id.org/cepa-kg/def#GoalAlignment"
VARIABLES = ["goal", "session", "sessionNumber", "recommendation", "order", "text", "alignedTo",
             "alignedToNotation", "method", "score", "evidence", "evidenceStart", "evidenceEnd",
             "document", "before", "after"]
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _iris(terms: Any) -> str:
    return " ".join(sorted({str(t) for t in terms}))



def _integer(term: ox.Literal) -> int | None:
    try:
        return int(term.value)
    except ValueError:
        return None


def trace_rows(store: Any, goal: ox.NamedNode, method: ox.Literal | None = None,
               session_number: ox.Literal | None = None) -> list[dict[str, dict[str, str]]]:
    """The rows of recommendations-by-goal for these parameter values (terms as the named
    query binds them), each value a dict with `type` and `value` as in SPARQL JSON results."""
    aligned = [(r["alignment"], r["alignedTo"])
               for r in store.select(_ALIGNMENTS.replace("{goal}", str(goal)))]
    if not aligned:
        return []
    ids = [a for a, _ in aligned]
    kinds = objects(store, ids, _TYPE)
    ids = [a for a in ids if any(k.value == _GOAL_ALIGNMENT for k in kinds.get(a, []))]
    methods = objects(store, ids, "cepa:method")
    if method is not None:
        methods = {a: [m for m in ms if m == method] for a, ms in methods.items()}
    ids = [a for a in ids if methods.get(a)]
    of = {"method": methods, "recommendation": objects(store, ids, "cepa:recommendation")}
    recs = {r for rs in of["recommendation"].values() for r in rs}
    sessions = objects(store, recs, "cepa:session")
    numbers = objects(store, {s for ss in sessions.values() for s in ss}, "cepa:sessionNumber")
    if session_number is not None:  # the session's alignments only, from here on
        numbers = {s: [n for n in ns if n == session_number] for s, ns in numbers.items()}
        recs = {r for r in recs if any(numbers.get(s) for s in sessions.get(r, []))}
        ids = [a for a in ids if any(r in recs for r in of["recommendation"].get(a, []))]
    of |= {name: objects(store, ids, f"cepa:{name}") for name in ("score", "evidence")}
    texts = objects(store, recs, "cepa:text")
    orders = objects(store, recs, "cepa:order")
    notations = objects(store, {t for _, t in aligned}, "skos:notation")
    own_spans = objects(store, ids, "cepa:sourceSpan")
    span_ids = {s for ss in own_spans.values() for s in ss}
    rec_spans = objects(store, recs, "cepa:sourceSpan")
    all_spans = span_ids | {s for ss in rec_spans.values() for s in ss}
    sources = objects(store, all_spans, "oa:hasSource")
    selectors = objects(store, all_spans, "oa:hasSelector")
    all_selectors = {x for xs in selectors.values() for x in xs}
    starts = objects(store, all_selectors, "oa:start")
    ends = objects(store, all_selectors, "oa:end")
    exacts = objects(store, all_selectors, "oa:exact")

    def positions(span: Any) -> list[tuple[Any, Any]]:
        return [(s, e) for x in selectors.get(span, [])
                for s in starts.get(x, []) for e in ends.get(x, [])]

    def located(span: Any) -> list[dict[str, Any]]:
        """The span's (document, start, end) as the named query's OPTIONAL joins them."""
        return [{"span": span, "document": d, "evidenceStart": s, "evidenceEnd": e}
                for d in sources.get(span, []) for s, e in positions(span)]

    def own_located(alignment: Any) -> list[dict[str, Any] | None]:
        """Where the alignment's own spans are, or [None] (its rows then have none)."""
        return [x for s in own_spans.get(alignment, []) for x in located(s)] or [None]

    def passages(rec: Any, document: Any) -> list[dict[str, Any]]:
        return [{"own": own, "ownStart": s, "ownEnd": e, "passage": q}
                for own in rec_spans.get(rec, []) if document in sources.get(own, [])
                for s, e in positions(own)
                for x in selectors.get(own, []) for q in exacts.get(x, [])]

    found: list[tuple[tuple[Any, ...], dict[str, dict[str, str]]]] = []
    aligned_to = defaultdict(list)
    for a, t in aligned:
        aligned_to[a].append(t)
    for a in dict.fromkeys(ids):
        for to, rec, m, score, evidence in itertools.product(
                aligned_to[a], of["recommendation"].get(a, []), of["method"].get(a, []),
                of["score"].get(a, []), of["evidence"].get(a, [])):
            for text, session, order, notation, span in itertools.product(
                    texts.get(rec, []), sessions.get(rec, []), orders.get(rec) or [None],
                    notations.get(to) or [None],
                    own_located(a)):
                for number in numbers.get(session, []):
                    row = {"goal": goal, "session": session, "sessionNumber": number,
                           "recommendation": rec, "order": order, "text": text,
                           "alignedTo": to, "alignedToNotation": notation, "method": m,
                           "score": score, "evidence": evidence}
                    held: list[tuple[str, str] | None] = [None]
                    if span is not None:
                        row |= {k: span[k] for k in ("evidenceStart", "evidenceEnd", "document")}
                        held = [cut for p in passages(rec, span["document"])
                                if (cut := _cut(p, span)) is not None] or [None]
                    for sentence in held:
                        full = dict(row)
                        if sentence is not None:
                            full["before"], full["after"] = (ox.Literal(x) for x in sentence)
                        cells = {k: json_cell(v) for k, v in full.items() if v is not None}
                        found.append((_order_key(full), cells))
    found.sort(key=lambda kv: kv[0])
    return [cells for _, cells in found]


def _cut(passage: dict[str, Any], span: dict[str, Any]) -> tuple[str, str] | None:
    """The sentence before and after the cue in this passage, or None where the passage does
    not hold it (the named query's FILTER: another span, the cue within the passage's
    offsets, compared as numbers)."""
    if passage["own"] == span["span"]:
        return None
    own_start, own_end = _integer(passage["ownStart"]), _integer(passage["ownEnd"])
    start, end = _integer(span["evidenceStart"]), _integer(span["evidenceEnd"])
    if None in (own_start, own_end, start, end):
        return None
    if not (own_start <= start and end <= own_end):  # type: ignore[operator]
        return None
    return sentence_around(passage["passage"].value, start - own_start,  # type: ignore[operator]
                           end - own_start)  # type: ignore[operator]


def _order_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """ORDER BY ?sessionNumber ?recommendation ?alignedTo (numbers as numbers)."""
    number = row["sessionNumber"]
    n = _integer(number) if isinstance(number, ox.Literal) else None
    return ((0, n, "") if n is not None else (1, 0, str(number)),
            row["recommendation"].value, row["alignedTo"].value)
