"""An organisation's name written with "&" for "and" is one name, and the gazetteer knows it
by either spelling."""

from __future__ import annotations

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.spans import Span


def _names(text: str) -> list[tuple[str, bool]]:
    return [(a.label, a.known) for a in find_actors(text, Span(0, len(text)),
                                                      Gazetteer.bundled())]


def test_a_new_name_with_an_ampersand_is_read_whole() -> None:
    assert ("Digital & Data Agency of Ruritania", False) in _names(
        "The meeting was hosted by the Digital & Data Agency of Ruritania.")


def test_a_known_name_with_an_ampersand_resolves() -> None:
    names = _names("Experts from the Division for Public Administration & Development "
                   "Management took part.")
    assert ("Division for Public Administration and Development Management", True) in names
