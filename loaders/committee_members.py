"""The Committee's members, as pages about its membership name them.

A session page lists its bureau ("Chairperson: X (Canada)", `session_fields.bureau`); pages
about the Committee itself name its members otherwise: member cards ("Henrike Vogt (Germany)"
alone on a line, under "Current members"), elections and appointments told in prose ("Professor
X of Y University was elected ... as Vice Chairperson of the United Nations Committee ...",
"X, professor at Y, secured a seat on the 24-member Committee", "Z sat on the committee from
2006 to 2013"), who chairs it ("The UN Committee ... is chaired by former minister Dr X"), and
the same in French ("X fait désormais partie des 24 experts", "X a été nommée membre").
Each is read only in a sentence about the Committee; the role is the bureau post the sentence
names, else "Member".
"""

from __future__ import annotations

import re
from typing import Any

from cepa_kg.loaders.session_fields import Person
from cepa_kg.loaders.spans import Span, clean

__all__ = ["members"]

_TOK = r"[A-ZÀ-Ý][\w’'-]*[a-zà-ÿ][\w’'-]*"
_PARTICLE = r"(?:de|da|del|van|von|der|bin|al|la|le|di|dos|das)"
_NAME = rf"{_TOK}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_TOK}){{1,3}}"
_HON = (r"(?:(?:former\s+)?(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador|Judge|H\.\s?E)\.?"
        r"[ \u00a0]+)")
_ROLE = (r"(?P<role>Vice[- ]Chair(?:person|man|woman)?|Chair(?:person|man|woman)?|Rapporteur|"
         r"members?|membres?|miembros?)")
#: The Committee, as the sentences about its members name it.
_COMMITTEE = re.compile(r"\bCommittee\b|\bCEPA\b|\bcommittee\b|expert\s+body|\bComit[ée]\b|"
                        r"\bcomit[ée]\b|\b24\s+(?:experts|membres|miembros)\b")
#: "... was elected to a two-year term as Vice Chairperson of ...", "has been named a member
#: of ...", "a été nommée membre du Comité".
_CHOSEN = re.compile(rf"\b(?:was|were|has\s+been|have\s+been|had\s+been|is|been|a\s+été|ha\s+sido)"
                     rf"\s+(?:re-?)?(?:elected|named|appointed|nominated|chosen|élue?|nommée?|"
                     rf"elegid[oa]|nombrad[oa])\b[^.\n]{{0,80}}?\b(?:as\s+(?:its\s+|the\s+)?|"
                     rf"an?\s+|comme\s+|)(?:new\s+)?{_ROLE}\b", re.I)
#: "X ... secured a seat on the ... Committee", "X sat on the committee", "X fait désormais
#: partie des 24 experts".
_SEAT = re.compile(r"\b(?:secured|won|took|holds?|obtained|gained)\s+a\s+seat\s+on\b|"
                   r"\b(?:sat|served|serves)\s+on\s+the\s+(?:\w+\s+){0,3}?committee\b|"
                   r"\bfait\s+(?:désormais\s+|dorénavant\s+)?(?:partie\s+)?des\s+\d{1,2}\s+(?:experts|"
                   r"membres)\b", re.I)
#: "The Committee ... is chaired by former minister Dr X".
_CHAIRED_BY = re.compile(r"\b(?:is|was|will\s+be)\s+chaired\s+by\s+", re.I)
#: A member's card: the name, then the country in brackets, alone on a line.
_CARD = re.compile(rf"^[^\S\n]*(?P<name>{_NAME})[^\S\n]*\((?P<country>[^()\n]{{2,40}})\)[^\S\n]*$",
                   re.M)
_NAME_RX = re.compile(_NAME)
_HON_NAME = re.compile(rf"{_HON}+(?P<name>{_NAME})")
#: Words no person's name holds: bodies, places and the Committee's own words.
_NOT_A_NAME = re.compile(r"\b(?:Committee|Council|Nations|United|Experts?|Public|Administration|"
                         r"Session|Bureau|Department|Secretariat|Assembly|General|Members?|"
                         r"University|Institute|School|Ministry|Government|Headquarters|"
                         r"Academy|Centre|Center|Office|Association|Society|Foundation|Bank|"
                         r"Agenda|Goals?|Development|Affairs|Economic|Social|Republic|Kingdom|"
                         r"Graduate|College|Program(?:me)?|Professor|Doctor|Comité|Conseil|"
                         r"Objectifs?|Programme)\b")
#: A capitalised pair that qualifies the noun after it is no name ("A South Korean public
#: policy scholar has been named ..."): a name is followed by a comma, a bracket, a verb or "of".
_QUALIFIES = re.compile(r"[ \u00a0]+(?!(?:of|from|at|in|was|were|has|had|is|who|and|sat|served|"
                        r"serves|secured|won|took|holds|obtained|gained|fait|a|est|ha|de|du)\b)"
                        r"[a-zà-ÿ]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n")


def _sentences(text: str) -> list[Span]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append(Span(start, m.start()))
        start = m.end()
    if start < len(text):
        out.append(Span(start, len(text)))
    return out


def _is_place(name: str, gz: Any) -> bool:
    hit = gz.resolve(name)
    return hit is not None and hit.kind in ("country", "place")


def _subject(text: str, sentence: Span, before: int, gz: Any) -> Span | None:
    """The person a sentence's verb at `before` is about: the last name written with an
    honorific before it, else the first name there that is no body or place."""
    honoured = [m for m in _HON_NAME.finditer(text, sentence.start, before)
                if not _NOT_A_NAME.search(m.group("name"))]
    if honoured:
        m = honoured[-1]
        return Span(m.start("name"), m.end("name"))
    for m in _NAME_RX.finditer(text, sentence.start, before):
        name = m.group(0)
        if not _NOT_A_NAME.search(name) and not _is_place(name, gz) and \
                not _QUALIFIES.match(text, m.end()):
            return Span(m.start(), m.end())
    return None


def _role(written: str) -> str:
    word = written.lower()
    if word.startswith(("member", "membre", "miembro")):
        return "Member"
    role = re.sub(r"\s+", " ", written.strip()).title()
    return role.replace("Vice Chair", "Vice-Chair").replace("Vice-chair", "Vice-Chair")


def members(text: str, gz: Any) -> tuple[Person, ...]:
    """The Committee's members the page names, first mention each (see the module)."""
    out: dict[str, Person] = {}

    def add(span: Span, role: str, country: str = "", post: str = "") -> None:
        name = clean(span.of(text))
        known = out.get(name)
        if known is None or (known.role == "Member" and role != "Member"):
            out[name] = Person(name, span, role, "", country or (known.country if known else ""),
                               post)

    for m in _CARD.finditer(text):
        country = gz.resolve(clean(m.group("country")))
        if country is not None and country.kind == "country" and \
                not _NOT_A_NAME.search(m.group("name")):
            add(Span(m.start("name"), m.end("name")), "Member", clean(m.group("country")))
    for sentence in _sentences(text):
        piece = sentence.of(text)
        if not _COMMITTEE.search(piece):
            continue
        for m in _CHOSEN.finditer(text, sentence.start, sentence.end):
            who = _subject(text, sentence, m.start(), gz)
            if who is not None:
                add(who, _role(m.group("role")))
        for m in _SEAT.finditer(text, sentence.start, sentence.end):
            who = _subject(text, sentence, m.start(), gz)
            if who is not None:
                add(who, "Member")
        for m in _CHAIRED_BY.finditer(text, sentence.start, sentence.end):
            rest = Span(m.end(), sentence.end)
            hon = _HON_NAME.search(text, rest.start, rest.end)
            plain = _NAME_RX.search(text, rest.start, rest.end)
            found = hon if hon is not None and hon.start() - rest.start < 80 else None
            if found is not None:
                add(Span(found.start("name"), found.end("name")), "Chair")
            elif plain is not None and plain.start() - rest.start < 80 and \
                    not _NOT_A_NAME.search(plain.group(0)):
                add(Span(plain.start(), plain.end()), "Chair")
    return tuple(sorted(out.values(), key=lambda p: p.span.start))
