"""ontology/countries.ttl, the countries of the reference data, is what the loaders make of
pycountry and loaders/country_names.tsv today (core/ reads the file and imports no loader)."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders.reference_countries import countries_turtle

SHIPPED = Path(__file__).resolve().parent.parent / "ontology" / "countries.ttl"


def test_the_shipped_countries_are_those_the_loaders_make() -> None:
    made = countries_turtle()
    assert made.count("a cepa:Country") >= 249
    assert SHIPPED.read_text(encoding="utf-8") == made, (
        "ontology/countries.ttl is stale (country_names.tsv edited, or another pycountry): "
        "run `python tools/make_countries.py`")
