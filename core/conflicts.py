"""Where documents disagree: one thing (a session, a project, an event) given two values of a
property that has one (two start dates for one session), each value by another document.

Both values stay in the graph, each in its document's named graph with its source span; this
module finds them for `cepa-kg validate`, which reports them. One SPARQL query over the named
graphs: the store does the work, whatever its size."""

from __future__ import annotations

from dataclasses import dataclass

from cepa_kg.store import GraphStore

#: Properties with one value per thing: a second value from another document is a conflict.
SINGLE_VALUED = (
    "https://schema.org/startDate",
    "https://schema.org/endDate",
    "https://w3id.org/cepa-kg/def#mainTheme",
    "https://w3id.org/cepa-kg/def#budget",
    "https://w3id.org/cepa-kg/def#tranche",
    "https://w3id.org/cepa-kg/def#projectStatus",
    "https://w3id.org/cepa-kg/def#startYear",
    "https://w3id.org/cepa-kg/def#endYear",
)

_QUERY = """
SELECT ?thing ?property ?value ?document WHERE {
  VALUES ?property { {properties} }
  GRAPH ?document { ?thing ?property ?value }
  GRAPH ?other { ?thing ?property ?otherValue }
  FILTER(?other != ?document && ?otherValue != ?value)
}
ORDER BY ?thing ?property ?value ?document
""".replace("{properties}", " ".join(f"<{p}>" for p in SINGLE_VALUED))


@dataclass(frozen=True)
class Conflict:
    """One thing, one property, the values the documents give (value -> documents)."""

    thing: str
    property: str
    values: tuple[tuple[str, tuple[str, ...]], ...]

    def text(self) -> str:
        said = "; ".join(f"{value} ({', '.join(docs)})" for value, docs in self.values)
        return f"conflict: <{self.thing}> <{self.property}>: {said}"


def find_conflicts(store: GraphStore) -> list[Conflict]:
    """Every thing to which two documents give different values of a single-valued property."""
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in store.select(_QUERY):
        key = (row["thing"].value, row["property"].value)  # type: ignore[union-attr]
        docs = found.setdefault(key, {}).setdefault(row["value"].value, set())  # type: ignore[union-attr]
        docs.add(row["document"].value)  # type: ignore[union-attr]
    return [Conflict(thing, prop, tuple((v, tuple(sorted(d))) for v, d in sorted(values.items())))
            for (thing, prop), values in sorted(found.items())]
