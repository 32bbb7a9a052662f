"""Where to write the labels of points in an SVG so that none is cut by the drawing's edge or
lies on another (pure: no I/O). Used by the partnership network and the map of places.

Text is measured by an estimate (an average glyph width for the font size), so boxes carry a
margin; a label that fits nowhere goes where it overlaps least.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Average advance of a glyph of a sans-serif font, as a fraction of the font size.
GLYPH = 0.58


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Box) -> float:
        """The area this box shares with `other`."""
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0

    def outside(self, width: float, height: float) -> float:
        """How far the box reaches past the drawing's edges (0: inside)."""
        return (max(0.0, -self.left) + max(0.0, self.right - width)
                + max(0.0, -self.top) + max(0.0, self.bottom - height))


@dataclass(frozen=True)
class Placed:
    """A label's lines, its anchor point (x, y of the first line's baseline) and alignment
    (`start`, `middle`, `end`: SVG text-anchor)."""

    lines: tuple[str, ...]
    x: float
    y: float
    anchor: str
    box: Box
    leader: tuple[float, float] | None = None  # a far label: where a line to it ends


def wrap(text: str, width: int, most: int = 3) -> tuple[str, ...]:
    """`text` in at most `most` lines of about `width` characters, cut at spaces; the last
    line ends with "…" when the text goes on.

    >>> wrap("United Nations Office on Drugs and Crime", 20)
    ('United Nations', 'Office on Drugs and', 'Crime')
    """
    lines: list[str] = []
    rest = text.strip()
    while rest and len(lines) < most:
        if len(rest) <= width:
            lines.append(rest)
            rest = ""
            break
        cut = rest.rfind(" ", 0, width + 1)
        cut = cut if cut > width // 3 else width
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    if rest:
        lines[-1] = lines[-1][:width - 1].rstrip() + "…"
    return tuple(lines)


def text_box(lines: tuple[str, ...], x: float, y: float, anchor: str, size: float) -> Box:
    """The box of `lines` written at (x, y) with `anchor`, `size` the font size."""
    width = max(len(line) for line in lines) * size * GLYPH
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return Box(left - 1, y - size, left + width + 1,
               y + size * 0.3 + (len(lines) - 1) * size * 1.15)


def place_labels(points: list[tuple[float, float, str]], width: float, height: float, *,
                 size: float, gap: float, chars: int = 28, most: int = 3,
                 prefer: list[str] | None = None) -> list[Placed]:
    """A label for each (x, y, text), in the order given: each tries the candidate positions
    around its point ("right", "left", "above", "below", "right-down", "left-down", "right-up",
    "left-up", "above-far", "below-far"; `prefer`: the ones to try first, per point) and takes
    the first that stays inside the drawing and clear of the points and of the labels placed
    so far, else the one that overlaps least."""
    dots = [Box(x - gap / 2, y - gap / 2, x + gap / 2, y + gap / 2) for x, y, _ in points]
    taken: list[Box] = []
    placed = []
    for i, (x, y, text) in enumerate(points):
        lines = wrap(text, chars, most)
        extra = (len(lines) - 1) * size * 1.15
        line = size * 1.15
        spots = {"right": (x + gap, y + size * 0.35 - extra / 2, "start"),
                 "left": (x - gap, y + size * 0.35 - extra / 2, "end"),
                 "above": (x, y - gap - extra, "middle"),
                 "below": (x, y + gap + size, "middle"),
                 "right-down": (x + gap * 0.7, y + gap + size * 0.6, "start"),
                 "left-down": (x - gap * 0.7, y + gap + size * 0.6, "end"),
                 "right-up": (x + gap * 0.7, y - gap - extra, "start"),
                 "left-up": (x - gap * 0.7, y - gap - extra, "end"),
                 "above-far": (x, y - gap - extra - 2 * line, "middle"),
                 "below-far": (x, y + gap + size + 2 * line, "middle")}
        order = (prefer[i].split() if prefer else []) + list(spots)
        best: tuple[float, Placed] | None = None
        for name in dict.fromkeys(order):
            sx, sy, anchor = spots[name]
            box = text_box(lines, sx, sy, anchor, size)
            cost = box.outside(width, height) * 1000 + sum(box.overlap(t) for t in taken) \
                + sum(box.overlap(d) for j, d in enumerate(dots) if j != i)
            if best is None or cost < best[0]:
                leader = None if not name.endswith("-far") else (
                    round(x, 1), round(box.bottom if name.startswith("above") else box.top, 1))
                best = (cost, Placed(lines, round(sx, 1), round(sy, 1), anchor, box, leader))
            if cost == 0:
                break
        assert best is not None
        taken.append(best[1].box)
        placed.append(best[1])
    return placed
