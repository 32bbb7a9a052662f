"""The network page reads the rows of partner-network in plain queries
(server/partner_network.py): the same rows as the named query, on the bundled corpus."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
import pytest
from cepa_kg.named_queries import named_queries
from cepa_kg.server.partner_network import VARIABLES, network_rows
from cepa_kg.server.queries import select_json
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"
SPLIT = {"statuses": " ", "purposes": " | ", "partnershipList": "\n"}


def _comparable(row: dict[str, Any]) -> dict[str, Any]:
    """A row with each GROUP_CONCAT as the set of its parts (SPARQL leaves their order open)."""
    return {k: (frozenset(v["value"].split(SPLIT[k])) if k in SPLIT else json.dumps(v, sort_keys=True))
            for k, v in row.items()}


@pytest.mark.parametrize("actor", [None, "id/actor/dpadm", "id/actor/unodc", "id/actor/undp",
                                   "id/nothing/here"])
def test_same_rows_as_the_named_query(corpus_store: OxigraphStore, actor: str | None) -> None:
    values = {"actor": actor} if actor else {}
    text = named_queries()["partner-network"].prepare(values, base=BASE)
    data = json.loads(select_json(corpus_store, text))
    assert data["head"]["vars"] == VARIABLES
    expected = data["results"]["bindings"]
    got = network_rows(corpus_store, ox.NamedNode(BASE + actor) if actor else None)
    assert [_comparable(r) for r in got] == [_comparable(r) for r in expected]
    if actor in (None, "id/actor/dpadm"):
        assert len(got) > 3
