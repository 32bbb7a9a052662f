"""Organisations, groups and countries named in a text: gazetteer matches, plus capitalised
names ending in an organisation word ("... University", "Ministry of ...") the gazetteer lacks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cepa_kg.loaders.actors import ActorMatch
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention

__all__ = ["find_actors", "first_each", "mention"]

_ORG_HEAD = (r"(?:University|Ministry|Office|Bank|Institute|Centre|Center|Commission|Committee|"
             r"Agency|Council|Department|Division|Organi[sz]ation|Association|Foundation|School|"
             r"Academy|Secretariat|Authority|Bureau|College|Parliament|Court|Tribunal|Mission|"
             r"Government|Delegation|Cabinet|Network|Programme|Unit|Service)")
# A capitalised word, taken whole (possessive: what follows it in `_ORG` is never a word
# character, so giving characters back could not help, and trying it was slow).
_CAP = r"[A-Z][\w’'&-]*+"
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

_HEAD = re.compile(_ORG_HEAD)
#: A character no `_ORG` match contains: names lie between two of them.
_BREAK = re.compile(r"[^\w\s’'&()-]")


def _org_names(text: str, span: Span) -> Iterator[re.Match[str]]:
    """`_ORG.finditer` over `span`, run only on the stretches between two `_BREAK`
    characters that hold an organisation word (a name needs one); most of a text has none."""
    back = text[span.start : span.end][::-1]  # to find the break before a word
    pos = span.start
    while (head := _HEAD.search(text, pos, span.end)) is not None:
        before = _BREAK.search(back, span.end - head.start(), span.end - pos)
        start = span.end - before.start() if before else pos
        after = _BREAK.search(text, head.end(), span.end)
        end = after.start() if after else span.end
        yield from _ORG.finditer(text, start, end)
        pos = end


def mention(m: ActorMatch, *, known: bool = True) -> ActorMention:
    return ActorMention(m.path, m.kind, m.label, m.span, known)


def find_actors(text: str, span: Span, gz: Any) -> list[ActorMention]:
    """Gazetteer matches, plus organisation names the gazetteer lacks (resolved when it can)."""
    found = [mention(m) for m in gz.find_actors(text, span)]
    for m in _org_names(text, span):
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
        # a one-word gazetteer name inside a longer name is part of it ("Cabinet Secretariat
        # of Mongolia" is not the UN Secretariat)
        if any((a.kind != "country" and (len(a.span.of(text).split()) > 1 or
                                         len(name.split()) < 3))
               or not (s.start <= a.span.start and a.span.end <= s.end) for a in inside):
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
