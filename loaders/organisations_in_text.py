"""Organisations, groups and countries named in a text: gazetteer matches, plus capitalised
names ending in an organisation word ("... University", "Ministry of ...") the gazetteer lacks."""

from __future__ import annotations

import re
from typing import Any

from cepa_kg.loaders.actors import ActorMatch
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention

__all__ = ["find_actors", "first_each", "mention"]

_ORG_HEAD = (r"(?:University|Ministry|Office|Bank|Institute|Centre|Center|Commission|Committee|"
             r"Agency|Council|Department|Division|Organi[sz]ation|Association|Foundation|School|"
             r"Academy|Secretariat|Authority|Bureau|College|Parliament|Court|Tribunal)")
_CAP = r"[A-Z][\w’'&-]*"
_ORG = re.compile(
    rf"(?:{_CAP}\s+(?:(?:of|for|and|on|the|de|del|la)\s+)*)*{_ORG_HEAD}\b"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+(?:and\s+)?{_CAP})*){{0,2}}"
    r"(?:\s*\([A-Z][\w-]*\))?"
)
_NOT_ORG_START = re.compile(
    r"^(?:(?:The|A|An|At|In|On|Of|For|And|During|Following|Additionally|Furthermore|Also|"
    r"Director|Chief|Dean|Head|Minister|Ministers|Vice|Deputy|Assistant|Officer|Secretary|"
    r"President|Chair|Chairperson|Adviser|Advisor|Professor|Executive|Senior|Coordinator|"
    r"Manager|Member|Representative|Ambassador|Mr|Ms|Dr|Prof|of|for|and|the)\b\.?\s*)+"
)


def mention(m: ActorMatch, *, known: bool = True) -> ActorMention:
    return ActorMention(m.path, m.kind, m.label, m.span, known)


def find_actors(text: str, span: Span, gz: Any) -> list[ActorMention]:
    """Gazetteer matches, plus organisation names the gazetteer lacks (resolved when it can)."""
    found = [mention(m) for m in gz.find_actors(text, span)]
    for m in _ORG.finditer(text, span.start, span.end):
        s = Span(m.start(), m.end())
        lead = _NOT_ORG_START.match(m.group(0))
        if lead:
            s = Span(s.start + lead.end(), s.end)
        name = clean(s.of(text))
        if len(name.split()) < 2:
            continue
        inside = [a for a in found if s.start < a.span.end and a.span.start < s.end]
        # a country inside an organisation's name only qualifies it ("Ministry of Local
        # Government of Kenya", "Korea Institute of Public Administration")
        if any(a.kind != "country" or not (s.start <= a.span.start and a.span.end <= s.end)
               for a in inside):
            continue
        found = [a for a in found if a not in inside]
        bare = re.sub(r"\s*\([^)]*\)$", "", name)
        hit = gz.resolve(bare) or gz.resolve(name)
        if hit is not None and hit.kind != "place":
            found.append(ActorMention(hit.path, hit.kind, hit.label, s, True))
        else:
            found.append(ActorMention(f"actor/{slugify(bare, max_length=120)}", "organization",
                                      bare, s, False))
    return sorted(found, key=lambda a: a.span)


def first_each(mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    seen: dict[str, ActorMention] = {}
    for a in mentions:
        seen.setdefault(a.path, a)
    return tuple(seen.values())
