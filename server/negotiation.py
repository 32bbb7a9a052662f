"""HTTP content negotiation: `Accept` with q-values and wildcards (RFC 9110, section 12.5.1)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(MediaRange(t, s, q, order))
    return ranges


def negotiate(header: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers: the highest q of the most specific range that matches it;
    ties go to the order of `offers` (the server's preference). None if nothing is acceptable."""
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        most_specific = max(matching, key=lambda r: (r.specificity, r.q))
        if most_specific.q <= 0:
            continue
        key = (most_specific.q, most_specific.specificity, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def prefers_html(header: str | None) -> bool:
    """A browser-style request: text/html named explicitly and acceptable."""
    return (header is not None and "text/html" in header.lower()
            and negotiate(header, ["text/html"]) is not None)
