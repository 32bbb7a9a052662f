"""Organisations, groups and countries named in a text: gazetteer matches, plus capitalised
names ending in an organisation word ("... University", "Ministry of ...") the gazetteer lacks."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cepa_kg.loaders.actors import ActorMatch, Gazetteer
from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention

__all__ = ["ORG_HEAD", "find_actors", "first_each", "follows_slash", "forget_acronyms",
           "mention"]

_ORG_HEAD = (r"(?:University|Ministry|Office|Bank|Institute|Centre|Center|Commission|Committee|"
             r"Agency|Council|Department|Division|Organi[sz]ation|Association|Foundation|School|"
             r"Academy|Secretariat|Authority|Bureau|College|Parliament|Court|Tribunal|Mission|"
             r"Government|Delegation|Union|Councils|Commissions|Network|Alliance|Consortium|"
             r"Federation|Hub|Corporation|Fund|Chancellery|Offices|League|"
             # a legislature's house ("the Italian Chamber of Deputies", "the National Assembly
             # of Viet Nam", "the Senate of Kazakhstan")
             r"Chamber|Assembly|Senate|"
             # a local government as a body ("the Municipality of Guimarães", "Incheon
             # Metropolitan City"; a bare "City" is a place: "Mexico City")
             r"Municipality|Metropolitan[^\S\n]+(?:City|Government)|City[^\S\n]+(?:Government|"
             r"Council|Hall))")
# A capitalised word, taken whole (possessive: what follows it in `_ORG` is never a word
# character, so giving characters back could not help, and trying it was slow).
_CAP = r"(?:[A-Z]|e-?(?=[A-Z]))[\w’'&-]*+"  # "eGovernment", "e-Government" too
_SP = r"[^\S\n]+"  # a name never runs across a line break (a title line and its body) ...
_WRAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"  # ... except after "of": "University of\nMongolia"
_ORG = re.compile(
    rf"(?:{_CAP}{_SP}(?:(?:of|for|and|&|on|the|de|del|la){_WRAP})*)*{_ORG_HEAD}\b"
    # (a complement may wrap after "and": "Institute for Governance and\nSustainable ...";
    # "under" too: "State Agency for ... under the President of the Republic of X")
    rf"(?:{_SP}(?:of|for|on|to|under){_WRAP}(?:the{_SP})?{_CAP}(?:(?:{_SP}(?:and|&){_WRAP}|{_SP}){_CAP})*)"
    r"{0,4}"
    r"(?:[^\S\n]*\([A-Z][\w-]*\))?"
)
_NOT_ORG_START = re.compile(
    r"^(?:(?:The|A|An|At|In|On|Of|For|And|During|Following|Additionally|Furthermore|Also|"
    r"Director|Chief|Dean|Head|Minister|Ministers|Vice|Deputy|Assistant|Officer|Secretary|"
    r"President|Chair|Chairperson|Adviser|Advisor|Professor|Executive|Senior|Coordinator|"
    r"Manager|Member|Representative|Ambassador|Mr|Ms|Dr|Prof|of|for|and|the)\b\.?\s*)+"
)

_HEAD = re.compile(_ORG_HEAD)
_UNIT_OF = re.compile(r"(?P<unit>(?:[A-Z][\w’'-]*[^\S\n]+){2,6}(?:Branch|Unit|Section|Service))"
                      r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
_AND_THE = re.compile(r"[^\S\n]+and[^\S\n]+The[^\S\n]+")
#: A head's complement (as `_ORG` reads one), from the end of the head word.
_COMPLEMENT = re.compile(
    rf"(?:{_SP}(?:of|for|on|to|under){_WRAP}(?:the{_SP})?{_CAP}(?:(?:{_SP}(?:and|&){_WRAP}|{_SP}){_CAP})*)"
    r"{1,4}(?:[^\S\n]*\([A-Z][\w-]*\))?")
#: Adjectives listed before a name's last one, after "the": "the Economic, Social and
#: Environmental Council of X" (one name, its commas included).
_LISTED_ADJECTIVES = re.compile(r"\b[Tt]he[^\S\n]+((?:[A-Z][a-z]+(?:ic|al|ive),[^\S\n]+)+)$")
#: The word that makes a name an organisation's ("Centre", "Institute", "Ministry" ...).
ORG_HEAD = re.compile(rf"\b{_ORG_HEAD}\b")
#: A known name after the head's complement only qualifies it ("Permanent Mission of Chile to
#: the United Nations").
_QUALIFIER = re.compile(rf"{_ORG_HEAD}\b.*\b(?:of|to|for)\s+(?:the\s+)?$")
#: Heads that make a name only with their complement ("Government of Samoa").
_NEEDS_OF = re.compile(r"\b(?:Government|Delegation|Union|Councils|Commissions|League)"
                       r"(?:\s*\([^)]*\))?$")
#: A name complete before an "and": its head and the head's complement ("... of Mongolia").
_COMPLETE = re.compile(rf"{_ORG_HEAD}\b(?:\s+(?:of|for|on|to)\s+(?:the\s+)?[A-Z][\w’'-]*"
                       rf"(?:\s+(?:and\s+)?[A-Z][\w’'-]*)*)+$")  # ("... of Administration and
# Public Service of the Kingdom of Morocco and the United Nations ...": two names)
#: What makes "Secretary-General" part of another post: "Under-Secretary-General", "Assistant
#: Secretary-General", "Deputy Secretary-General" (a person, not the Secretary-General).
_PART_OF_A_POST = re.compile(r"(?:Under|Assistant|Deputy)[- ]$")
#: A name that ends with its head word: "Incheon Metropolitan City" (and the Green Climate Fund).
_ENDS_IN_HEAD = re.compile(rf"{_ORG_HEAD}$")
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


def _whole_name(text: str, m: re.Match[str]) -> Span:
    """A match of `_ORG` made whole: `_ORG` reads as much as it can before a head word, so in
    "the Association of Economic and Social Councils and Similar Institutions" it stops at
    "Councils"; the complement of the name's first head may run further. And adjectives
    listed before the name with commas ("the Economic, Social and Environmental Council")
    belong to it."""
    start, end = m.start(), m.end()
    first = _HEAD.search(text, start, end)
    if first is not None and first.end() < end:
        rest = _COMPLEMENT.match(text, first.end())
        if rest is not None and rest.end() > end:
            end = rest.end()
    listed = _LISTED_ADJECTIVES.search(text, max(0, start - 80), start)
    if listed is not None:
        start = listed.start(1)
    return Span(start, end)


def mention(m: ActorMatch, *, known: bool = True) -> ActorMention:
    return ActorMention(m.path, m.kind, m.label, m.span, known)


#: What may stand between a name and its acronym in brackets: the rest of a broken name.
_THEN_BRACKET = re.compile(r"[^().;,\n]{0,40}\n?[^().;,\n]{0,40}\(\s*\Z")


def _initials(name: str) -> str:
    """The capitals that start a name's words: "Office for ECOSOC Sup port and Coordination
    (" gives "OESC"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper())


def find_actors(text: str, span: Span, gz: Any, *, local: bool = True) -> list[ActorMention]:
    """Gazetteer matches, plus organisation names the gazetteer lacks (resolved when it can),
    and, with `local`, such a name again where the page names it by the acronym it gave it."""
    found = [mention(m) for m in gz.find_actors(text, span)
             if not (m.path == "actor/secretary-general" and _PART_OF_A_POST.search(
                 text, max(0, m.span.start - 12), m.span.start))]
    todo = [_whole_name(text, m) for m in _org_names(text, span)]
    while todo:
        s = todo.pop(0)
        lead = _NOT_ORG_START.match(s.of(text))
        if lead:
            s = Span(s.start + lead.end(), s.end)
        owner = _OWNER.match(text, s.start, s.end)
        if owner:  # "Egypt’s National Institute for ...": the institute
            s = Span(owner.end(), s.end)
        unit = _UNIT_OF.match(text, s.start, s.end)
        if unit is not None and any(a.kind == "organization" and a.span.start == unit.end()
                                    and a.span.end <= s.end for a in found):
            # "the Public Administration Capacity Building Branch of the Division for ...": a
            # unit named with the known body it belongs to, a name of its own before "of"
            s = Span(s.start, s.start + len(unit.group("unit")))
        head = ORG_HEAD.search(text, s.start, s.end)  # a whole word: not the "Commission"
        # of "Commissioners of the Royal Civil Service Commission"
        before_head = text[s.start: head.start()] if head else ""
        of = list(re.finditer(r"\s(?:of|from)\s(?:the\s)?", before_head))
        if of:  # "Laura Bennett of Columbia University": the name before "of" is a person's
            s = Span(s.start + of[-1].end(), s.end)
        capital_the = _AND_THE.search(text, s.start, s.end)
        if capital_the is not None:  # "the MoFAGA and The Division of ...": a capital article
            # after "and" opens a second name (no name holds "and The")
            todo.insert(0, Span(capital_the.end() - 3, s.end))
            s = Span(s.start, capital_the.start())
            if not ORG_HEAD.search(text, s.start, s.end):
                continue
        last_head = max(_HEAD.finditer(text, s.start, s.end), key=lambda h: h.start(),
                        default=None)
        for joint in re.finditer(r"\s+and\s+(?:the\s+)?", text[s.start: last_head.start()]
                                 if last_head else ""):
            # "UNDP and the Civil Service Bureau of Georgia": two names, the first one known
            if any(a.span.start == s.start and a.span.end == s.start + joint.start()
                   for a in found):
                s = Span(s.start + joint.end(), s.end)
                break
            left = Span(s.start, s.start + joint.start())
            if joint.group(0).rstrip().endswith("the") and _HEAD.search(
                    text, left.start, left.end) and (_COMPLETE.search(left.of(text)) or
                                                     _ENDS_IN_HEAD.search(left.of(text))):
                # "the Cabinet Secretariat of Mongolia and the UN Secretariat": two names
                todo.insert(0, Span(s.start + joint.end(), s.end))
                s = left
                break
        for tail in re.finditer(r"\s+and\s+(?=\S)", text[s.start: s.end]):
            if head and s.start + tail.start() > head.end() and any(
                    a.span.start == s.start + tail.end() for a in found):
                s = Span(s.start, s.start + tail.start())  # "... of Georgia and UNDP"
                break
        where = _OFFICE_IN.match(text, s.end) if _IN_PLACE_HEAD.search(text, s.start, s.end) \
            else None
        if where is not None and (c := gz.resolve(where.group(1))) is not None and \
                c.kind == "country":  # "the UN Resident Coordinator Office in Pakistan"
            s = Span(s.start, where.end())
        name = clean(s.of(text))
        if _ITS_OFFICE.match(name) and any(
                a.known and a.kind == "organization" and a.span.end < s.start and
                _GAP.fullmatch(text, a.span.end, s.start) for a in found):
            continue  # "UNDP Country Office in Moldova": UNDP's own office, UNDP
        if len(name.split()) < 2 or _NEEDS_OF.search(name) and not re.search(
                r"\b(?:of|for|to)\s+[A-Z]", name):
            continue  # "Local Government", "Public Service": a name needs "of" after such words
        inside = [a for a in found if s.start < a.span.end and a.span.start < s.end]
        # a country inside an organisation's name only qualifies it ("Ministry of Local
        # Government of Kenya", "Korea Institute of Public Administration")
        # a one-word gazetteer name inside a longer name is part of it ("Cabinet Secretariat
        # of Mongolia" is not the UN Secretariat)
        if any((a.kind != "country" and (len(a.span.of(text).split()) > 1 or
                                         len(name.split()) < 3)
                and not _QUALIFIER.search(text[s.start: a.span.start])
                and not (a.span.start == s.start and _HEAD.match(text, a.span.end + 1))
                and not _HEAD.fullmatch(a.span.of(text)))  # "IGF Secretariat": the head itself
               or not (s.start <= a.span.start and a.span.end <= s.end) for a in inside):
            continue
        found = [a for a in found if a not in inside]
        bare = re.sub(r"\s*\([^)]*\)$", "", name)
        hit = gz.resolve(bare) or gz.resolve(name) or _by_own_acronym(name, bare, gz)
        # "The Office for ECOSOC Sup\nport and Coordination (OESC)": a name the page breaks (or
        # words differently), then the known acronym in brackets: that body
        known = next((a for a in found if a.known and a.span.start >= s.end and
                      _THEN_BRACKET.match(text, s.end, a.span.start) and
                      _initials(text[s.start: a.span.start]) == a.span.of(text)), None) \
            if hit is None else None
        if hit is not None and hit.kind != "place":
            found.append(ActorMention(hit.path, hit.kind, hit.label, s, True))
        elif known is not None and known.kind == "organization":
            found.append(ActorMention(known.path, known.kind, known.label, s, True))
        else:
            acronym = _BRACKETED.search(name)
            minted = ActorMention(f"actor/{slugify(bare, max_length=120)}", "organization",
                                  bare, s, False, acronym.group(1) if acronym else None)
            found.append(minted)
            if minted.acronym is not None:
                _given(text).setdefault(minted.acronym, minted)
    found += _units_placed(text, span, found)
    if local:
        found += _by_local_acronym(text, span, found)
    return sorted(found, key=lambda a: a.span)


#: A unit named, then the body it belongs to after a comma: "the Digital Records Branch (DRB),
#: Division for ...". ("Branch" alone is no head word: most branches the pages name are the
#: known ones', and "branch" ends many phrases that name no body.)
_UNIT_BEFORE = screened(re.compile(r"(?<![\w’'-])(?P<unit>(?:[A-Z][\w’'-]*[^\S\n]+){1,6}"
                          r"(?:Branch|Unit|Section))"
                          r"(?:[^\S\n]*\((?P<acr>[A-Z][\w/-]*)\))?[^\S\n]*,[^\S\n]*(?:the[^\S\n]+)?"))
_POST_OF = re.compile(r"\b(?:Chief|Head|Director|Officer|Manager|Coordinator|Adviser|Advisor|"
                      r"Expert|Specialist|Member|Staff)s?\b[^.;:()\n]{0,50}$", re.I)
_UNIT_OF_WORDS = re.compile(r"\b(?:Division|Department|Office|Commission)\b")


@lru_cache(maxsize=8)  # (asked once per item and per sentence of a page: scanned once)
def _unit_matches(text: str) -> tuple[re.Match[str], ...]:
    if "Branch" not in text and "Unit" not in text and "Section" not in text:
        return ()
    return tuple(_UNIT_BEFORE.finditer(text))


def _units_placed(text: str, span: Span, found: list[ActorMention]) -> list[ActorMention]:
    """Units the gazetteer lacks, placed by the larger body named right after them."""
    matches = [m for m in _unit_matches(text) if span.start <= m.start() and m.end() <= span.end]
    if not matches:
        return []
    bodies = {a.span.start: a for a in found if a.kind == "organization"}
    out = []
    for m in matches:
        body = bodies.get(m.end())
        unit = Span(m.start("unit"), m.end("acr") + 1 if m.group("acr") else m.end("unit"))
        if body is None or not _UNIT_OF_WORDS.search(body.label + " " + body.span.of(text)) \
                or any(a.span.start < unit.end and unit.start < a.span.end for a in found):
            continue
        if _POST_OF.search(text, max(0, unit.start - 60), unit.start):
            continue  # "Mr. A, Chief of the X Branch, DPADM": a person's post, the body DPADM
            # (and "Ms. B, Chief, Governance and X Section, ECA": ECA)
        lead = re.match(r"(?:The|A|An|Its|Their|Our)\s+", text[unit.start:unit.end])
        if lead:
            unit = Span(unit.start + lead.end(), unit.end)
        bare = clean(text[unit.start: m.end("unit")])
        if len(bare.split()) < 2:
            continue
        minted = ActorMention(f"actor/{slugify(bare, max_length=120)}", "organization", bare,
                              unit, False, m.group("acr"))
        out.append(minted)
        if minted.acronym is not None:
            _given(text).setdefault(minted.acronym, minted)
    return out


def _by_own_acronym(name: str, bare: str, gz: Any) -> ActorMatch | None:
    """A known body written a little differently, its acronym as usual: "United Nations
    Department for Economic and Social Affairs (UN-DESA)" is UN DESA (its initials are the
    acronym's letters)."""
    bracket = _BRACKETED.search(name)
    if bracket is None:
        return None
    hit = gz.resolve(bracket.group(1))
    letters = re.sub(r"[^A-Z]", "", bracket.group(1))
    return hit if hit is not None and hit.kind == "organization" and \
        _initials(bare) == letters else None


#: A body's office after its name: "UNDP Country Office in Moldova" (UNDP's).
_GAP = re.compile(r"\s*(?:\([A-Z][\w-]{1,12}\)\s*)?")  # (its acronym between: "UNDP (UNDP) ...")
_ITS_OFFICE = re.compile(r"(?:Country|Regional|Liaison|Field|Project)\s+Office\b")
#: An office named by the country it is in: "... Coordinator Office in Pakistan".
_IN_PLACE_HEAD = re.compile(r"\b(?:Office|Mission|Delegation)$")
_OFFICE_IN = re.compile(r"[^\S\n]+in[^\S\n]+([A-Z][\w’'-]*(?:[^\S\n]+[A-Z][\w’'-]*){0,2})\b")
#: A possessive before a name: "Egypt’s National Institute ...".
_OWNER = re.compile(r"[A-Z][\w.-]*[’']s\s+(?=[A-Z])")
_BRACKETED = re.compile(r"\(([A-Z][\w-]*)\)$")




@lru_cache(maxsize=8)
def _given(text: str) -> dict[str, ActorMention]:
    """The acronyms the page gave names the gazetteer lacks, as they are read ("... Sustainable
    Development (NIGSD)": NIGSD), each to its name's first mention."""
    return {}


def forget_acronyms(text: str) -> None:
    """Start a reading of `text` afresh: the acronyms an earlier reading of it remembered are
    dropped, so that reading it again gives the same model."""
    _given(text).clear()


@lru_cache(maxsize=32)
def _acronym_uses(text: str, words: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Where the page writes those acronyms."""
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    return tuple((m.start(), m.group(0)) for m in rx.finditer(text))


def _by_local_acronym(text: str, span: Span, found: list[ActorMention]) -> list[ActorMention]:
    """A name the page gave its own acronym, named again by it after that ("NIGSD Executive
    Director")."""
    given = _given(text)
    if not given:
        return []  # (most pages)
    uses = _acronym_uses(text, tuple(sorted(given)))
    out = []
    for at, word in uses[bisect_left(uses, (span.start, "")):]:
        if at >= span.end:
            break
        if any(a.span.start <= at < a.span.end for a in found):
            continue  # (the bracket itself, inside its name)
        named = given[word]
        out.append(ActorMention(named.path, named.kind, named.label, Span(at, at + len(word)),
                                False, word))
    return out


def first_each(mentions: list[ActorMention]) -> tuple[ActorMention, ...]:
    seen: dict[str, ActorMention] = {}
    for a in mentions:
        seen.setdefault(a.path, a)
    return tuple(seen.values())


_SLASHED = re.compile(r"[\w)]\s?/\s?$")


def follows_slash(text: str, span: Span, path: str | None = None) -> bool:
    """A name after a slash that names the unit's parent, not another actor: "UNPOG/DPIDG/UN
    DESA organized ..." is UNPOG; "DPADM/DESA" is DPADM. Given the name's `path`, a unit after
    its parent is an actor of its own ("DPIDG/UNPOG": both); an unknown name before the slash
    keeps the rule."""
    if not _SLASHED.search(text[max(0, span.start - 4): span.start]):
        return False
    if path is None:
        return True
    gz = Gazetteer.bundled()
    slash = text.rindex("/", max(0, span.start - 4), span.start)
    before = [m for m in gz.find_actors(text, Span(max(0, slash - 80), slash))
              if slash - m.span.end <= 1]
    return not before or gz.is_unit_of(before[-1].path, path)
