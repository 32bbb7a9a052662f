"""The world outline the map of places is drawn on, and the projection of a place onto it
(pure but for reading the shipped outline once).

The outline is `static/world.svg`, made by tools/make_world_outline.py (equirectangular, one
unit a degree, x = longitude + 180, y = 84 - latitude; 360 × 142): shipped with the package,
nothing is fetched when a page is drawn.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

TOP, BOTTOM = 84.0, -58.0
WIDTH, HEIGHT = 360.0, TOP - BOTTOM


@lru_cache(maxsize=1)
def land_path() -> str:
    """The path data (`d`) of the world's land, lakes as holes (even-odd fill)."""
    svg = files("cepa_kg.server").joinpath("static/world.svg").read_text(encoding="utf-8")
    found = re.search(r'<path id="land"[^>]* d="([^"]+)"', svg)
    if found is None:
        raise ValueError("static/world.svg has no path with id 'land'")
    return found.group(1)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """(x, y) of a point on the outline, rounded to 0.01 unit; latitudes past the outline's
    top or bottom are drawn at its edge.

    >>> project(0, 0)
    (180.0, 84.0)
    >>> project(34.0132, -6.8326)  # Rabat
    (173.17, 49.99)
    """
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"not a latitude and longitude: {latitude}, {longitude}")
    y = TOP - min(max(latitude, BOTTOM), TOP)
    return round(float(longitude) + 180, 2), round(float(y), 2)
