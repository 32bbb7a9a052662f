"""The rows of the named query partner-network (queries/partner-network.rq) for the network
page, in plain queries Oxigraph evaluates well.

In one piece, Oxigraph joined the actors' labels before the partnerships (every label of the
store against every pair of parties): the network of an actor party to most partnerships
ran past the 10 s budget on the corpus × 50 (bench/bench_pages.py). Here: the partnerships
(of the actor), then their parties, statuses, purposes and labels (VALUES of those found),
then the parties' labels; the pairs are grouped and counted in Python. The rows are those of
the named query (same groups, counts and concatenated values; a GROUP_CONCAT's order is not
defined in SPARQL: here sorted), in its order; tests/test_partner_network.py checks them.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import pyoxigraph as ox
from cepa_kg.server.lookups import json_cell

_PREFIX = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_PARTNERSHIPS = _PREFIX + "SELECT DISTINCT ?partnership WHERE { {which} }"
_OF_ACTOR = "VALUES ?actor { {actor} } ?partnership cepa:party ?actor . " \
    "?partnership a cepa:Partnership ."
_EVERY = "?partnership a cepa:Partnership ."
# One query per property: one with `VALUES ?p { ... }` as well took 25 times as long.
_FACT = _PREFIX + ("SELECT ?partnership ?o WHERE { VALUES ?partnership { {iris} } "
                   "?partnership {p} ?o }")
_PROPERTIES = {"party": "cepa:party", "status": "cepa:status", "purpose": "cepa:purpose",
               "label": "rdfs:label"}
_LABELS = _PREFIX + "SELECT ?x ?label WHERE { VALUES ?x { {iris} } ?x rdfs:label ?label }"
VARIABLES = ["source", "sourceLabel", "target", "targetLabel", "partnerships", "statuses",
             "purposes", "partnershipList"]
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"



def _text(term: Any) -> str:
    """STR() of a term as CONCAT reads it (a literal's lexical form)."""
    return str(term.value)


def network_rows(store: Any, actor: ox.NamedNode | None = None) -> list[dict[str, dict[str, str]]]:
    """The rows of partner-network (of `actor`, or of every partnership), each value a dict
    with `type` and `value` as in SPARQL JSON results."""
    which = _OF_ACTOR.replace("{actor}", str(actor)) if actor is not None else _EVERY
    partnerships = [r["partnership"] for r in store.select(
        _PARTNERSHIPS.replace("{which}", which))]
    if not partnerships:
        return []
    facts: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    iris = " ".join(sorted(str(p) for p in partnerships))
    for name, prop in _PROPERTIES.items():
        for row in store.select(_FACT.replace("{iris}", iris).replace("{p}", prop)):
            facts[row["partnership"].value][name].append(row["o"])
    parties = {t for f in facts.values() for t in f["party"]}
    labels: dict[Any, list[Any]] = defaultdict(list)
    if parties:
        for row in store.select(_LABELS.replace("{iris}", " ".join(sorted(map(str, parties))))):
            labels[row["x"]].append(row["label"])
    groups: dict[tuple[Any, ...], dict[str, set[Any]]] = {}
    for p in partnerships:
        f = facts.get(p.value)
        if not f or not f["status"] or not f["purpose"]:
            continue
        named = [_text(p) + " " + _text(label) for label in f["label"]] or \
            [_text(p) + " " + _text(purpose) for purpose in f["purpose"]]
        ends = sorted({t for t in f["party"] if labels.get(t)}, key=lambda t: t.value)
        for source, target in itertools.combinations(ends, 2):
            if not source.value < target.value:
                continue
            for sl, tl in itertools.product(labels[source], labels[target]):
                group = groups.setdefault((source, sl, target, tl), {
                    "partnerships": set(), "statuses": set(), "purposes": set(), "list": set()})
                group["partnerships"].add(p.value)
                group["statuses"].update(s.value for s in f["status"])
                group["purposes"].update(s.value for s in f["purpose"])
                group["list"].update(named)
    rows = []
    for (source, sl, target, tl), g in groups.items():
        rows.append({
            "source": json_cell(source), "sourceLabel": json_cell(sl),
            "target": json_cell(target), "targetLabel": json_cell(tl),
            "partnerships": {"type": "literal", "value": str(len(g["partnerships"])),
                             "datatype": _XSD_INTEGER},
            "statuses": {"type": "literal", "value": " ".join(sorted(g["statuses"]))},
            "purposes": {"type": "literal", "value": " | ".join(sorted(g["purposes"]))},
            "partnershipList": {"type": "literal", "value": "\n".join(sorted(g["list"]))}})
    rows.sort(key=lambda r: (-int(r["partnerships"]["value"]), r["sourceLabel"]["value"],
                             r["targetLabel"]["value"]))
    return rows
