"""Where an event took place: "held in Kigali, Rwanda", gazetteer cities, "City, Country"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cepa_kg.loaders.anchored import matches_at
from cepa_kg.loaders.organisations_in_text import mention
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention, Location

__all__ = ["find_locations"]

# Words are taken whole (possessive): what follows a word here is never a word character.
_PLACE_NAME = (r"[A-Z][\w’'-]++"
               r"(?:[ \u00a0](?:of[ \u00a0](?:the[ \u00a0])?)?[A-Z][\w’'-]++){0,2}")
_HELD_IN = re.compile(
    r"\b(?:[Hh]eld|took\s+place|hosted|convened|organi[sz]ed|located|attended|opened|gathered|"
    r"met|taking\s+place|will\s+take\s+place|be\s+held|was|were|stayed)"
    # "organized by the Division in Doha"
    r"(?:\s+by\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?"
    r"(?:\s+(?:on|from)\s+\d[^.;\n]{0,30}?)?"
    # "took place on 14 May at the UNU-EGOV premises in Guimarães": a body's premises, then where
    r"(?:\s+at\s+the\s+(?:[\w’'-]+\s+){1,3}?(?:premises|headquarters|offices|campus))?"
    # "in the city of X"; "in the Kingdom of Morocco" (after "the": a country or a known place)
    r"\s+in\s+(?:the\s+city\s+of\s+|(?P<the>the\s+))?"
    rf"(?P<city>{_PLACE_NAME})(?:,\s*(?P<country>{_PLACE_NAME}))?"
)
#: Where a `_HELD_IN` match can start: its first word (after a word boundary, so never inside
#: another match of this, which is all letters).
_HELD_VERB = screened(re.compile(
    r"\b(?:[Hh]eld|took|taking|take|hosted|convened|organi[sz]ed|located|"
    r"attended|opened|gathered|met|be|was|were|stayed)"))
#: "Accra, capital of the Republic of Ghana, will host the Forum": the city hosts.
_CITY_HOSTS = re.compile(rf"(?P<city>{_PLACE_NAME})(?:,\s*(?P<country>{_PLACE_NAME}))?"
                         r"(?:,[^,.;\n]{0,60},)?\s+(?:will\s+)?host(?:s|ed)?\b(?!\s+by\b)")
_CITY_COUNTRY = screened(re.compile(rf"(?P<city>{_PLACE_NAME}),\s*(?P<country>{_PLACE_NAME})"))
_THEN_COUNTRY = re.compile(rf",\s*({_PLACE_NAME})")


@lru_cache(maxsize=4096)
def _resolve(gz: Any, name: str) -> Any:
    """`gz.resolve(name)`, remembered: the same few names are looked up again and again."""
    return gz.resolve(name)


def _country(gz: Any, name: str, start: int) -> ActorMention | None:
    hit = _resolve(gz, name)
    if hit is None or hit.kind != "country":
        return None
    return ActorMention(hit.path, hit.kind, hit.label, Span(start, start + len(name)))


#: A second place after a held-in one: "in Quetta in October and in Multan".
_AND_IN = re.compile(rf"(?:\s+in\s+[A-Z][a-z]+)?,?\s+and\s+in\s+(?P<city>{_PLACE_NAME})")
#: Where a visit went: "a four-day visit to Bhutan".
_VISIT_TO = re.compile(rf"\bvisits?\s+to\s+(?:the\s+)?(?P<city>{_PLACE_NAME})|"
                       # "she visited the University of Minho Rectorate in Braga"
                       r"\bvisited\s+(?:the\s+)?(?:[A-Z][\w’'-]*[ ](?:(?:of|for|and)[ ])?){1,8}"
                       rf"in[ ](?P<town>{_PLACE_NAME})")
#: A post, not a place, after "visit to (the)": "Director of ...", "Secretary-General".
_A_POST = re.compile(r"(?:Deputy\s+|Assistant\s+|Executive\s+|Vice[- ]|Under-)?(?:Director|Head|"
                     r"Minister|Secretary|President|Chair(?:man|person|woman)?|Rector|Dean|Mayor|"
                     r"Governor|Ambassador|Chief|Commissioner|Administrator|Coordinator)\b")
_VENUE_WORD = screened(re.compile(r"[Cc]ent(?:er|re)\b|Campus|Hotel|Hall\b"))
_HEADQUARTERS = re.compile(r"\b(?:United\s+Nations|UN)\s+Headquarters\b")
#: A venue by its own word: "at the Poytaht business-center", "in the City Hall".
_VENUE = screened(re.compile(
    r"\b(?:at|in)\s+the\s+(?:(?:[A-Z][\w-]*\s+(?:of\s+)?){0,3}[A-Z][\w-]*[’']s\s+)?"
    r"(?P<venue>(?:[A-Z][\w-]*\s+){1,3}"
    r"(?:[Bb]usiness[- ][Cc]ent(?:er|re)|Campus|Convention\s+Cent(?:er|re)|"
    r"Conference\s+Cent(?:er|re)|Hotel|Hall))\b"))
#: The town after a venue, the sentence going on after it: "at the X Hotel, Nadi, from ...".
_THEN_TOWN = re.compile(rf",[^\S\n]*(?P<city>{_PLACE_NAME})(?=[^\S\n]*[,.;]|[^\S\n]+(?:on|from|in)\b)")
#: A title that ends with where it happened: "Consultative Meeting on the Survey in Qatar".
_TITLE_IN = re.compile(rf"\bin\s+(?:the\s+)?(?P<city>{_PLACE_NAME})(?:,\s*(?P<country>"
                       rf"{_PLACE_NAME}))?[\s.]*$")


def find_locations(text: str, span: Span, gz: Any, *,
                   title: bool = False) -> tuple[Location, ...]:
    """The event's location first ("held ... in X[, Country]"), then other places named. In
    a `title`, also "... in X" at its end, where X is a known place or a country."""
    places = {p.span.start: p for p in (mention(m) for m in gz.find_places(text, span))}
    found: list[tuple[int, Location]] = []

    def add(rank: int, city: str, cstart: int, country: str | None, kstart: int | None) -> None:
        ctry = _country(gz, country, kstart) if country and kstart is not None else None
        end = (kstart + len(country)) if ctry and country and kstart is not None else (
            cstart + len(city))
        as_country = _country(gz, city, cstart)
        place = places.get(cstart)
        if place is None:
            hit = _resolve(gz, city)
            if hit is not None and hit.kind == "place":
                place = ActorMention(hit.path, hit.kind, hit.label, Span(cstart, cstart + len(city)))
            elif hit is not None and hit.kind != "country":
                return  # an organisation, not a place
        if as_country and place is None:
            ctry, place = as_country, None
        elif place is None and ctry is None and rank > 0:
            return  # "X, Y" proves nothing unless Y is a country
        key = place.path if place else clean(city).casefold()
        if any(loc.span.start <= cstart < loc.span.end
               or (loc.place.path if loc.place else loc.name.casefold()) == key
               for _, loc in found):
            return
        found.append((rank, Location(clean(city), Span(cstart, end), place, ctry)))

    verbs = (m.start() for m in _HELD_VERB.finditer(text, span.start, span.end))
    for m in matches_at(_HELD_IN, text, verbs, span.end):
        if m.group("the") and _resolve(gz, m.group("city")) is None:
            continue  # "held in the Main Hall", "in the Framework of ...": no known place
        add(0, m.group("city"), m.start("city"), m.group("country"),
            m.start("country") if m.group("country") else None)
        also = _AND_IN.match(text, m.end(), span.end)
        if also is not None:  # "held in Quetta in October and in Multan in November"
            add(0, also.group("city"), also.start("city"), None, None)
    # (each scan only where its word is: most spans have none)
    for m in (_VISIT_TO.finditer(text, span.start, span.end)
              if text.find("visit", span.start, span.end) >= 0 else ()):  # "a visit to Bhutan"
        group = "city" if m.group("city") else "town"
        if _A_POST.match(m.group(group)):
            continue  # "a courtesy visit to the Director of the ITU ...": a person, no place
        add(0, m.group(group), m.start(group), None, None)
    for m in (_HEADQUARTERS.finditer(text, span.start, span.end)
              if text.find("Headquarters", span.start, span.end) >= 0 else ()):
        add(0, m.group(0), m.start(), None, None)  # "United Nations Headquarters"
    for m in (_VENUE.finditer(text, span.start, span.end)
              if not places and _VENUE_WORD.search(text, span.start, span.end) else ()):
        town = _THEN_TOWN.match(text, m.end(), span.end)
        if town is not None:  # "at the Tanoa International Hotel, Nadi, from 11 to 13 ...":
            add(0, town.group("city"), town.start("city"), None, None)  # the town it is in
            continue
        add(0, m.group("venue"), m.start("venue"), None, None)  # "at the Poytaht
        # business-center", "in the X’s Gualtar Campus"
    if title and (ends := _TITLE_IN.search(text, span.start, span.end)) is not None:
        add(1, ends.group("city"), ends.start("city"), ends.group("country"),
            ends.start("country") if ends.group("country") else None)
    for m in (_CITY_HOSTS.finditer(text, span.start, span.end)
              if text.find("host", span.start, span.end) >= 0 else ()):  # "Accra ... will host"
        add(0, m.group("city"), m.start("city"), m.group("country"),
            m.start("country") if m.group("country") else None)
    for start, p in sorted(places.items()):
        after = _THEN_COUNTRY.match(text[p.span.end : p.span.end + 60])
        add(1, p.span.of(text), start, after.group(1) if after else None,
            p.span.end + after.start(1) if after else None)
    for m in _CITY_COUNTRY.finditer(text, span.start, span.end):
        if m.group("country").startswith("Government"):
            continue  # "Department of ... and Development, Government of Malawi": no place
        if _resolve(gz, m.group("city")) is None or m.start("city") in places:
            add(2, m.group("city"), m.start("city"), m.group("country"), m.start("country"))
    found.sort(key=lambda pair: (pair[0], pair[1].span.start))
    return tuple(loc for _, loc in found)
