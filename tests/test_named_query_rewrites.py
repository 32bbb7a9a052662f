"""The named queries rewritten so that each triple counts once (DISTINCT rows, DISTINCT
sub-selects for labels and types): on the bundled corpus each gives the same set of rows as
the text it replaced (kept in tests/data/named_queries_before/), for its defaults and for
other parameter values. GROUP_CONCAT values are compared as sets (their order is undefined).

The default graph is the union of the documents' graphs and Oxigraph returns a triple once per
graph that states it: where a query was not grouped, the old text returned a row once per copy
(at the corpus × 50, 38,815 rows for the 1,085 recommendations addressed to Member States);
the new text returns the distinct rows. So rows are compared as sets, and the new text must
not repeat a row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cepa_kg.named_queries import named_queries, parse_named_query
from cepa_kg.store import OxigraphStore
from tests.corpus_iris import recommendation_path

BASE = "http://localhost:8000/"
BEFORE = Path(__file__).parent / "data" / "named_queries_before"

#: The GROUP_CONCAT variables of each query and their separators.
CONCATS = {
    "partnerships-by-actor": {"partners": " | "},
    "partner-network": {"statuses": " ", "purposes": " | ", "partnershipList": "\n"},
    "timeline": {"organizers": " | "},
}

CASES = [
    ("recommendations-to-actor", {}),
    ("recommendations-to-actor", {"actor": "id/actor/secretariat"}),
    ("recommendations-to-actor", {"actor": "id/actor/donors"}),
    ("sessions", {}),
    ("session-sdg-matrix", {}),
    ("session-sdg-matrix", {"method": "explicit"}),
    ("session-sdg-matrix", {"method": "correspondence", "sessionNumber": "8"}),
    ("session-mdg-matrix", {}),
    ("session-mdg-matrix", {"method": "thematic", "sessionNumber": "5"}),
    ("themes-across-sessions", {}),
    ("themes-across-sessions", {"keyword": "trust"}),
    ("themes-across-sessions", {"keyword": "public health", "sessionNumber": "8"}),
    ("partnerships-by-actor", {}),
    ("partnerships-by-actor", {"actor": "id/actor/unodc"}),
    ("partner-network", {}),
    ("partner-network", {"actor": "id/actor/unodc"}),
    ("timeline", {}),
    ("timeline", {"year": "2011"}),
    ("timeline", {"actor": "id/actor/unodc"}),
    ("timeline", {"at": "id/place/rabat"}),
    ("sources-of-entity", {}),
    ("sources-of-entity", {"entity": "id/" + recommendation_path(8, 1)}),
    ("sources-of-entity", {"entity": "id/actor/dpadm"}),
    ("recommendations-by-goal", {}),
    ("recommendations-by-goal", {"goal": "id/goal/sdg-3"}),
    ("recommendations-by-goal", {"goal": "id/goal/sdg-16", "method": "thematic"}),
    ("recommendations-by-goal", {"goal": "id/target/mdg-8f", "sessionNumber": "8"}),
]


def _rows(store: OxigraphStore, name: str, text: str, values: dict[str, str]) -> list[tuple]:
    query = parse_named_query(name, text)
    concats = CONCATS.get(name, {})
    got = []
    for row in store.select(query.prepare(values, base=BASE)):
        got.append(tuple(sorted(
            (key, frozenset(term.value.split(concats[key])) if key in concats else str(term))
            for key, term in row.items())))
    return got


@pytest.mark.parametrize(("name", "values"), CASES,
                         ids=[f"{n}-{'-'.join(v.values()) or 'defaults'}" for n, v in CASES])
def test_the_rewritten_query_gives_the_rows_of_the_old_text(
        corpus_store: OxigraphStore, name: str, values: dict[str, str]) -> None:
    old = (BEFORE / f"{name}.rq").read_text("utf-8")
    new = named_queries()[name].text
    assert new != old
    before, after = _rows(corpus_store, name, old, values), _rows(corpus_store, name, new, values)
    assert len(after) == len(set(after))  # each row once
    assert set(after) == set(before)
    assert after, "a case that checks nothing"


def test_every_old_text_kept_is_a_named_query() -> None:
    assert {p.stem for p in BEFORE.glob("*.rq")} <= set(named_queries())
    assert {n for n, _ in CASES} == {p.stem for p in BEFORE.glob("*.rq")}
