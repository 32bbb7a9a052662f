"""Entity descriptions are read by lookups (server/describe.py): the same triples as the
CONSTRUCT queries that say what a description holds (_OUTBOUND, _INBOUND), on the corpus."""

from __future__ import annotations

import pytest
from cepa_kg.server import describe as d
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"
PREFIX = "PREFIX cepa: <https://w3id.org/cepa-kg/def#>\n"


def _sample(store: OxigraphStore) -> list[str]:
    """An entity of each kind, with the most links of its kind."""
    iris = ["id/goal/sdg-16", "id/goal/mdg-8", "id/target/sdg-16-6", "id/actor/dpadm",
            "id/actor/unodc", "id/actor/member-states"]
    for cls in ("Session", "Recommendation", "ResolutionParagraph", "Person", "Event",
                "Partnership", "Project", "Place", "Country", "Theme", "UNDocument",
                "SourceDocument", "Organization", "ActorGroup"):
        rows = store.select(PREFIX + f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s a cepa:{cls} . "
                            "?x ?p ?s FILTER(isIRI(?s)) } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 2")
        iris += [r["s"].value.removeprefix(BASE) for r in rows]
    return iris + ["id/nothing/here"]


def test_same_triples_as_the_construct_queries(corpus_store: OxigraphStore) -> None:
    iris = _sample(corpus_store)
    assert len(iris) > 25
    for local in iris:
        iri = BASE + local
        terms = d._terms(iri)
        outbound = d._unique(corpus_store.construct(d._fill(d._OUTBOUND, terms)))
        inbound = d._unique(corpus_store.construct(d._fill(d._INBOUND, terms)))
        got = d.describe(corpus_store, iri)
        assert got[0] == outbound, local
        assert got[1] == inbound, local


@pytest.mark.parametrize("local", ["id/session/8", "id/actor/dpadm"])
def test_a_description_has_hash_iris_and_labels(corpus_store: OxigraphStore, local: str) -> None:
    outbound, inbound = d.describe(corpus_store, BASE + local)
    assert any("#" in t.subject.value for t in outbound) or local.startswith("id/actor")
    assert any(t.predicate.value.endswith("#label") for t in outbound + inbound)
    assert inbound
