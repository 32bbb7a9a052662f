"""A legislature's house is a body a page names: "Chamber", "Assembly", "Senate" head its name
as "Ministry" or "Institute" do (texts our own)."""

from __future__ import annotations

import pytest
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.spans import Span


@pytest.mark.parametrize(("text", "name"), [
    ("The alliance grew out of talks led by Ana Lobo, President of the Chilean Chamber of "
     "Deputies, with speakers of parliaments.", "Chilean Chamber of Deputies"),
    ("The conference was co-organized by the IPU and the National Assembly of Ruritania.",
     "National Assembly of Ruritania"),
    ("The Ruritanian Senate ratified the agreement with the United Nations on Tuesday.",
     "Ruritanian Senate"),
])
def test_a_legislature_s_house_is_a_body(text: str, name: str) -> None:
    found = [a.label for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]
    assert name in found
