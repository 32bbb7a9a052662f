"""Write ontology/countries.ttl (the countries of the reference data) from pycountry and
loaders/country_names.tsv; run after editing that file or upgrading pycountry:

    python tools/make_countries.py
"""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders.reference_countries import countries_turtle

OUT = Path(__file__).resolve().parents[1] / "ontology" / "countries.ttl"

if __name__ == "__main__":
    OUT.write_text(countries_turtle(), encoding="utf-8")
    print(f"wrote {OUT}")
