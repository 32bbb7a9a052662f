"""The page model of an entity (server/views.entity_view): each value of a property once, even
when the same triple is both outbound and inbound (an entity linking to itself) or stated twice
(the store gives a triple once per graph that states it)."""

from __future__ import annotations

import pyoxigraph as ox

from cepa_kg.server.views import entity_view

BASE = "http://localhost:8000/"
ACTOR = ox.NamedNode(BASE + "id/actor/dpadm")
PART_OF = ox.NamedNode("http://www.w3.org/ns/org#subOrganizationOf")
ACRONYM = ox.NamedNode("https://w3id.org/cepa-kg/def#acronym")


def test_a_triple_both_outbound_and_inbound_shows_once() -> None:
    self_link = ox.Triple(ACTOR, PART_OF, ACTOR)
    acronym = ox.Triple(ACTOR, ACRONYM, ox.Literal("DPADM"))
    view = entity_view(ACTOR.value, [self_link, acronym, acronym], [self_link], BASE)
    rows = {row.prop: row for row in view.rows}
    assert len(rows[PART_OF.value].values) == 1
    assert len(rows[ACRONYM.value].values) == 1
