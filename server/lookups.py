"""Lookups Oxigraph answers by its indexes: one property of many subjects at a time.

A join of several patterns can make Oxigraph read whole properties of the store (on the
corpus × 50, bench/bench_pages.py: seconds, or past the query budget, where each property of
the subjects found, asked with `VALUES`, takes milliseconds). The pages that list many things
ask for them this way and join the answers in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

PREFIXES = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
_OBJECTS = PREFIXES + "SELECT {distinct} ?s ?o WHERE { VALUES ?s { {iris} } ?s {p} ?o }"
_ONE = PREFIXES + "SELECT {distinct} ?s ?o WHERE { ?s {p} ?o }"


def objects(store: Any, subjects: Iterable[Any], prop: str, *,
            distinct: bool = False) -> dict[Any, list[Any]]:
    """The objects of `prop` (a prefixed name, `<IRI>` or a variable) of each of `subjects`
    (terms), by subject. The default graph is the union of the graphs, where a triple stated
    in several graphs comes once per graph (as a query's pattern would match it), or once
    with `distinct`. With `?p` for `prop`: (property, object) pairs."""
    found: dict[Any, list[Any]] = defaultdict(list)
    subjects = set(subjects)
    pairs = prop.startswith("?")
    text = _OBJECTS.replace("{distinct}", "DISTINCT" if distinct else "").replace("{p}", prop)
    one = _ONE.replace("{distinct}", "DISTINCT" if distinct else "").replace("{p}", prop)
    if pairs:
        text = text.replace("?s ?o", f"?s {prop} ?o", 1)
        one = one.replace("?s ?o", f"?s {prop} ?o", 1)
    iris = " ".join(sorted(str(s) for s in subjects if isinstance(s, ox.NamedNode)))
    if iris:
        for row in store.select(text.replace("{iris}", iris)):
            found[row["s"]].append((row[prop[1:]], row["o"]) if pairs else row["o"])
    for subject in subjects:
        if isinstance(subject, ox.BlankNode):  # (a blank node cannot stand in VALUES)
            for row in store.select(one, substitutions={"s": subject}):
                found[subject].append((row[prop[1:]], row["o"]) if pairs else row["o"])
    return found


def json_cell(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    """A term as a value of SPARQL JSON results (what `queries.select_rows` gives, without
    `href`): for the pages that join lookups in Python instead of asking one query."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    cell = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        cell["datatype"] = term.datatype.value
    return cell
