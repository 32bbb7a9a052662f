"""Actor and place resolution against the gazetteer (INTERIM VERSION: the interface is fixed,
the internals are being replaced by one that reads ontology/actors.ttl and places.ttl and
uses pycountry for countries).

Interface used by the mappers:
- `Gazetteer.bundled()` -> the gazetteer from the shipped reference files (cached).
- `gz.find_actors(text, span=None)` -> every organisation, actor group and country named in
  `text[span]` (whole text when span is None), longest match first at each position, no overlaps,
  sorted by position; spans are absolute offsets into `text`.
- `gz.find_places(text, span=None)` -> the same for places (cities).
- `gz.resolve(name)` -> the match for a whole name (label, acronym or alias), or None.
- `add_actor(ctx, match)` -> the actor's IRI; adds to the document graph what the graph needs
  about an actor that is not in the reference files (countries: type, label, ISO codes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal as Kind

from rdflib import URIRef

from cepa_kg.loaders.spans import Span

ActorKind = Kind["organization", "group", "country", "place"]


@dataclass(frozen=True)
class ActorMatch:
    path: str  # IRI path under {BASE}id/: "actor/unodc", "country/KOR", "place/marrakech"
    kind: ActorKind
    label: str  # preferred label
    span: Span  # where it was found (absolute offsets); Span(0, 0) for resolve()


@dataclass(frozen=True)
class _Entry:
    path: str
    kind: ActorKind
    label: str
    names: tuple[str, ...]


_INTERIM = (
    _Entry("actor/member-states", "group", "Member States", ("Member States", "Member states")),
    _Entry("actor/secretariat", "organization", "United Nations Secretariat", ("Secretariat",)),
    _Entry("actor/unodc", "organization", "United Nations Office on Drugs and Crime",
           ("United Nations Office on Drugs and Crime", "UNODC")),
    _Entry("actor/dpadm", "organization", "Division for Public Administration and Development Management",
           ("DPADM",)),
)


class Gazetteer:
    def __init__(self, entries: tuple[_Entry, ...]) -> None:
        self._entries = entries
        names = sorted(((n, e) for e in entries for n in e.names), key=lambda p: -len(p[0]))
        self._by_name = {n.casefold(): e for n, e in names}
        self._pattern = re.compile(
            r"\b(" + "|".join(re.escape(n) for n, _ in names) + r")\b"
        )

    @classmethod
    @lru_cache(maxsize=1)
    def bundled(cls) -> "Gazetteer":
        return cls(_INTERIM)

    def _find(self, text: str, span: Span | None, places: bool) -> list[ActorMatch]:
        span = span or Span(0, len(text))
        out = []
        for m in self._pattern.finditer(text, span.start, span.end):
            e = self._by_name[m.group(1).casefold()]
            if (e.kind == "place") == places:
                out.append(ActorMatch(e.path, e.kind, e.label, Span(m.start(1), m.end(1))))
        return out

    def find_actors(self, text: str, span: Span | None = None) -> list[ActorMatch]:
        return self._find(text, span, places=False)

    def find_places(self, text: str, span: Span | None = None) -> list[ActorMatch]:
        return self._find(text, span, places=True)

    def resolve(self, name: str) -> ActorMatch | None:
        e = self._by_name.get(name.strip().casefold())
        return ActorMatch(e.path, e.kind, e.label, Span(0, 0)) if e else None


def add_actor(ctx: "object", match: ActorMatch) -> URIRef:
    """IRI of the matched actor; interim version adds nothing to the graph."""
    return ctx.iris.path(match.path)  # type: ignore[attr-defined]
