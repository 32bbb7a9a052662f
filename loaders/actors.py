"""Actor and place resolution against the gazetteer: organisations and actor groups from
`ontology/actors.ttl`, places from `ontology/places.ttl`, countries from pycountry.

Interface used by the mappers:

- `Gazetteer.bundled()` -> the gazetteer from the shipped reference files (built once, cached).
- `gz.find_actors(text, span=None)` -> every organisation, actor group and country named in
  `text[span]` (whole text when span is None), longest match first at each position, no overlaps,
  sorted by position; spans are absolute offsets into `text`.
- `gz.find_places(text, span=None)` -> the same for places (cities).
- `gz.resolve(name)` -> the match for a whole name (label, acronym or alias), or None.
- `add_actor(ctx, match)` -> the actor's IRI; adds to the document graph what the graph needs
  about an actor that is not in the reference files (countries: type, label, ISO codes).

Additions: `gz.entry(path)`, `gz.country(alpha3)`, `gz.referenced_countries()`,
`add_country(graph, iris, alpha3)`, and the `Entry` and `CountryInfo` records.

How names are matched (one compiled trie-shaped regex over every name, so a long text is scanned
once):

- Names are a resource's `rdfs:label`, `skos:prefLabel` and `skos:altLabel`s. A `cepa:acronym` is
  matched in running text only when it is also an altLabel (so ambiguous acronyms such as "NAO"
  stay out); `resolve()` accepts every acronym.
- Acronyms, one-word names ("Korea", "Governments", "Secretariat") and all-capital names are
  matched case-sensitively; longer names case-insensitively ("Member states", "civil society").
  Runs of white space in the text (line breaks, tabs) match a space in a name, and "e- Government"
  matches "e-Government". Matches start and end at word boundaries.
- At each position the longest name wins and matches never overlap, so "Ministry of Culture,
  Sports and Tourism of the Republic of Korea" is one organisation (not also Korea) and
  "United Nations Office on Drugs and Crime" is UNODC (not the UN).
- "United Nations"/"UN" directly followed by a capitalised word names something else (the
  "United Nations Public Service Awards", the "UN Convention against Corruption", the
  "United Nations Millennium Declaration"): such a match is dropped, as are a few names listed in
  `NOT_ACTORS`. A place followed by "declaration", "convention" and the like is a document title,
  not a place ("Marrakech declaration").
- Countries: the ISO 3166-1 short name, official name and common name (pycountry), the UN-style
  order ("Republic of Korea" for "Korea, Republic of"), a few customary aliases ("Korea", "USA",
  "Tanzania", "Turkey"), and three States that existed in CEPA's time (Serbia and Montenegro,
  Yugoslavia, Netherlands Antilles). A national adjective counts only before a word that makes it
  an actor: "Korean Government", "Korean delegation", "Iraqi ministry", "Mexican authorities"
  (not "Korean language"). A gazetteer name beats a country name spelled the same
  ("Mexican Mission" is the Permanent Mission of Mexico).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from typing import Literal as Kind

import pycountry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS

from cepa_kg.loaders.domain_data import country_names, not_actors
from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.spans import Span
from cepa_kg.loaders.triples import Triples
from cepa_kg.namespaces import CEPA, SCHEMA

ActorKind = Kind["organization", "group", "country", "place"]


@dataclass(frozen=True)
class ActorMatch:
    path: str  # IRI path under {BASE}id/: "actor/unodc", "country/KOR", "place/marrakesh"
    kind: ActorKind
    label: str  # preferred label
    span: Span  # where it was found (absolute offsets); Span(0, 0) for resolve()


@dataclass(frozen=True)
class Entry:
    """One resolvable thing: its IRI path, kind, preferred label and the names it goes by.

    `names` are matched in running text; `acronyms` decide case-sensitivity and are accepted by
    `Gazetteer.resolve`; `exact` names are always matched case-sensitively.
    """

    path: str
    kind: ActorKind
    label: str
    names: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # the bodies it is a unit of (org:subOrganizationOf)


@dataclass(frozen=True)
class CountryInfo:
    """What the graph says about a country (ISO 3166-1 and UN M49 codes, names)."""

    alpha3: str
    alpha2: str
    m49: str  # ISO numeric = M49, three digits with leading zeros
    label: str  # the common (UN-style) name: "Republic of Korea"
    alt_labels: tuple[str, ...] = field(default=())  # official and ISO names when different


# Names that contain an actor's name but denote a programme, prize, treaty or publication.
# They are matched (so nothing inside them matches) and then dropped. Data: not_actors.tsv.
NOT_ACTORS: tuple[str, ...] = not_actors()

# Stands for the NOT_ACTORS names in the lookup tables: matched, then dropped.
_NOT_AN_ACTOR = Entry("-", "organization", "(not an actor)", NOT_ACTORS)

# A country named by its adjective counts as an actor only before one of these words.
_ACTOR_NOUNS = (
    "Government", "government", "Governments", "governments", "delegation", "delegations",
    "Delegation", "authorities", "Authorities", "ministry", "ministries", "Ministry", "Mission",
    "mission", "officials", "Parliament", "parliament", "President", "Prime Minister",
)

# Country names beside pycountry's (data: country_names.tsv): adjectives, the UN's short
# names where the ISO name is inverted or differs, customary names, and ISO 3166-3 (withdrawn)
# countries that existed while CEPA has met (since 2002).
_NAMES = country_names()
_DEMONYMS: dict[str, tuple[str, ...]] = _NAMES.demonyms
_UN_NAMES: dict[str, str] = _NAMES.un_names
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = _NAMES.aliases
_HISTORIC: dict[str, tuple[str, ...]] = _NAMES.historic

_PARSE_BASE = "http://cepa-kg.invalid/"
_ID = _PARSE_BASE + "id/"
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_WS = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*-\s*")
_UN_FOLLOWED_BY_NAME = re.compile(r"\s+[A-Z0-9]|-[A-Z]")  # ("UN-APCICT": one name)
#: A word that makes a bare group name ("States") part of another name: "Arab States",
#: "United States", "small island developing States", "landlocked States".
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?!(?:Both|The|All|Other|Some|Many|These|Those|Most|Several|And|Or|Their|Its)\b)"
    r"[A-Z][\w'-]*|\b(?:developing|island|landlocked|coastal|small|federated|neighbouring|"
    r"neighboring|donor|fragile|non-member|observer))[ \t\u00a0]+$")
_TITLE_WORDS = re.compile(
    r"\s+(?:declaration|convention|agreement|accord|consensus|principles|plan of action"
    r"|statement|communiqu[eé])\b",
    re.IGNORECASE,
)


def normalize_name(name: str) -> str:
    """The lookup key of a name: white space collapsed, none around hyphens, straight quotes,
    "&" between words read as "and" ("Division for Public Administration & Development")."""
    name = name.replace("’", "'").replace("‘", "'").replace(" & ", " and ")
    return _HYPHEN.sub("-", _WS.sub(" ", name).strip())


def _is_case_sensitive(name: str, acronyms: Iterable[str], exact: Iterable[str]) -> bool:
    letters = [c for c in name if c.isalpha()]
    return (
        name in acronyms
        or name in exact
        or " " not in name
        or (bool(letters) and all(c.isupper() for c in letters))
    )


class _Node:
    """A trie node over name characters. Letters are keyed lower-case; `chars` records which
    spellings of the edge into this node some name accepts ({"K"} for "Korea", {"K", "k"} for a
    case-insensitive name), so one trie serves both and the regex stays leftmost-longest."""

    __slots__ = ("chars", "children", "end")

    def __init__(self) -> None:
        self.chars: set[str] = set()
        self.children: dict[str, _Node] = {}
        self.end = False

    def insert(self, name: str, case_sensitive: bool) -> None:
        node = self
        for c in name:
            key = c.lower() if c.lower() != c.upper() else c
            node = node.children.setdefault(key, _Node())
            if case_sensitive or key == c.upper():
                node.chars.add(c)
            else:
                node.chars.update((c.lower(), c.upper()))
        node.end = True

    def regex(self, last: str = "") -> str:
        """This node's continuations; a longer continuation is tried before ending here.
        `last`: the character that leads here (a name that ends in a Chinese, Japanese or
        Korean character may be followed by more of them: those scripts write no spaces
        between words, and Korean glues its particles on: "유엔은")."""
        branches: list[str] = []
        for key, child in self.children.items():
            frag = [_edge(key, child.chars)]
            while not child.end and len(child.children) == 1:  # chains need no group
                ((key, child),) = child.children.items()
                frag.append(_edge(key, child.chars))
            branches.append("".join(frag) + child.regex(key))
        if self.end:
            branches.append("" if _CJK.match(last) else r"(?!\w)")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


#: Chinese, Japanese and Korean characters: no word boundary around names written in them.
_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_CJK = re.compile(f"[{_CJK_CHARS}]")


def _edge(key: str, chars: set[str]) -> str:
    if key == " ":
        return r"\s+"
    if key == "-":
        return r"-\s*"
    if key == "'":
        return "['’]"
    if len(chars) == 1:
        return re.escape(next(iter(chars)))
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


#: A country's Government acts as the country ("the Government of the Republic of Korea").
_GOVERNMENT_OF = re.compile(r"^(?:national\s+|federal\s+)?Government\s+of\s+(.+)$", re.I)


#: The shipped gazetteer: organisations, the places of our documents, the world's capitals and
#: the UN's meeting cities (generated by tools/make_world_places.py).
GAZETTEER_FILES = ("actors.ttl", "places.ttl", "places-world.ttl")


class Gazetteer:
    """Finds organisations, actor groups, countries and places in text and resolves names."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        """Build the matcher. Earlier entries win when two spell a name the same way; the
        `NOT_ACTORS` names come last."""
        self._entries: dict[str, Entry] = {}
        self._exact: dict[str, Entry] = {}  # case-sensitive names
        self._folded: dict[str, Entry] = {}  # case-insensitive names, casefolded
        self._any: dict[str, Entry] = {}  # every name and acronym, casefolded (resolve)
        self.collisions: list[tuple[str, str, str]] = []  # (name, kept path, dropped path)
        self._rank: dict[str, int] = {}  # path -> order of first appearance (earlier wins)
        trie = _Node()
        for e in (*entries, _NOT_AN_ACTOR):
            self._entries.setdefault(e.path, e)
            self._rank.setdefault(e.path, len(self._rank))
            for raw in dict.fromkeys(e.names):
                name = normalize_name(raw)
                if not name:
                    continue
                cs = _is_case_sensitive(name, e.acronyms, e.exact)
                table, key = (self._exact, name) if cs else (self._folded, name.casefold())
                kept = table.get(key) or self._lookup(name)
                if kept is not None:
                    if kept.path != e.path:
                        self.collisions.append((name, kept.path, e.path))
                    continue
                table[key] = e
                trie.insert(name, cs)
            for raw in (*e.names, *e.acronyms):
                self._any.setdefault(normalize_name(raw).casefold(), e)
        self._pattern = re.compile(rf"(?<![^\W{_CJK_CHARS}])" + trie.regex()) \
            if trie.children else None
        # Parsers ask for the actors and the places of the same item text several times.
        self._scan = lru_cache(maxsize=128)(self._scan_text)
        # ...and for those of many overlapping spans of one page: the page is scanned once.
        self._whole = lru_cache(maxsize=16)(self._scan_whole)
        self._entry_for = lru_cache(maxsize=4096)(self._lookup)  # (a page names few, often)

    @classmethod
    @lru_cache(maxsize=1)
    def bundled(cls) -> Gazetteer:
        """The gazetteer of the shipped `actors.ttl` and `places.ttl` plus every country."""
        from cepa_kg.resources import ontology_dir

        folder = ontology_dir()
        graphs = []
        for name in GAZETTEER_FILES:
            g = Graph()
            g.parse(data=folder.joinpath(name).read_text(encoding="utf-8"), format="turtle",
                    publicID=_PARSE_BASE)
            graphs.append(g)
        return cls([*(e for g in graphs for e in entries_from_graph(g)), *country_entries()])

    @classmethod
    def from_files(cls, *paths: str | Path, countries: bool = True) -> Gazetteer:
        """A gazetteer from gazetteer Turtle files written like the bundled ones."""
        entries: list[Entry] = []
        for p in paths:
            g = Graph()
            g.parse(str(p), format="turtle", publicID=_PARSE_BASE)
            entries.extend(entries_from_graph(g))
        if countries:
            entries.extend(country_entries())
        return cls(entries)

    # -- lookups ---------------------------------------------------------------------------

    def _lookup(self, matched: str) -> Entry | None:
        key = normalize_name(matched)
        found = [e for e in (self._exact.get(key), self._folded.get(key.casefold())) if e]
        return min(found, key=lambda e: self._rank[e.path]) if found else None

    def _iter(self, text: str, span: Span | None) -> Iterator[tuple[Entry, Span]]:
        return iter(self._scan(text, span or Span(0, len(text))))

    def _scan_text(self, text: str, span: Span) -> tuple[tuple[Entry, Span], ...]:
        return tuple(self._matches(text, span))

    def _scan_whole(self, text: str) -> tuple[list[int], list[tuple[int, int, str]]]:
        """Every name the pattern finds in the whole `text`: (their starts, the matches)."""
        assert self._pattern is not None
        found = [(m.start(), m.end(), m.group(0)) for m in self._pattern.finditer(text)]
        return [start for start, _, _ in found], found

    def _names_in(self, text: str, span: Span) -> Iterable[tuple[int, int, str]]:
        """The pattern's matches in `text[span]`: those of the whole text that lie inside it,
        which are the matches a scan of the span alone would give unless a match of the whole
        text straddles one of its ends or the span ends inside a word (then it is scanned)."""
        assert self._pattern is not None
        starts, found = self._whole(text)
        first = bisect_left(starts, span.start)
        last = bisect_left(starts, span.end, first)
        straddles = (first > 0 and found[first - 1][1] > span.start) or (
            last > first and found[last - 1][1] > span.end)
        cut_word = span.end < len(text) and span.end > 0 and (
            text[span.end].isalnum() or text[span.end] == "_")
        if 0 < span.start < len(text) and text[span.start - 1].islower() and \
                text[span.start].isupper():
            # a span that starts at a capital glued to a word ("... in Least Developed
            # CountriesFSDO and UNCDF have piloted"): scanned as if it began the text
            piece = text[span.start: span.end]
            return [(span.start + m.start(), span.start + m.end(), m.group(0))
                    for m in self._pattern.finditer(piece)]
        if straddles or cut_word:
            return [(m.start(), m.end(), m.group(0))
                    for m in self._pattern.finditer(text, span.start, span.end)]
        return found[first:last]

    def _matches(self, text: str, span: Span) -> Iterator[tuple[Entry, Span]]:
        if self._pattern is None:
            return
        for start, end, name in self._names_in(text, span):
            e = self._entry_for(name)  # None: the case does not fit ("korea")
            if e is None or e is _NOT_AN_ACTOR:
                continue
            if e.path == "actor/united-nations" and _UN_FOLLOWED_BY_NAME.match(
                    text, end, span.end):
                continue  # "United Nations Public Service Awards", "UN Convention ..."
            if e.kind == "place" and _TITLE_WORDS.match(text, end, span.end):
                continue  # "Marrakech declaration"
            if e.kind == "group" and " " not in name and name[0].isupper() \
                    and _QUALIFIER_BEFORE.search(
                    text, max(0, start - 40), start):
                continue  # "Arab States" is not the Member States
            yield e, Span(start, end)

    def find_actors(self, text: str, span: Span | None = None) -> list[ActorMatch]:
        """Organisations, actor groups and countries named in `text[span]`, by position."""
        return [ActorMatch(e.path, e.kind, e.label, s) for e, s in self._iter(text, span)
                if e.kind != "place"]

    def find_places(self, text: str, span: Span | None = None) -> list[ActorMatch]:
        """Places (cities) named in `text[span]`, by position."""
        return [ActorMatch(e.path, e.kind, e.label, s) for e, s in self._iter(text, span)
                if e.kind == "place"]

    def resolve(self, name: str) -> ActorMatch | None:
        """The actor or place a whole name denotes (label, alias or acronym; a leading "the"
        and letter case are ignored when the exact spelling is unknown), or None.

        >>> Gazetteer.bundled().resolve("the Secretariat").path
        'actor/secretariat'
        """
        key = normalize_name(_ARTICLE.sub("", name.strip()))
        e = self._entry_for(key) or self._any.get(key.casefold())
        if e is None and (gov := _GOVERNMENT_OF.match(key)):  # "the Government of Korea"
            country = self.resolve(gov.group(1))
            return country if country is not None and country.kind == "country" else None
        if e is None or e is _NOT_AN_ACTOR:
            return None
        return ActorMatch(e.path, e.kind, e.label, Span(0, 0))

    def is_unit_of(self, path: str, ancestor: str) -> bool:
        """Whether `path` is a unit of `ancestor` (at any depth: UNPOG of DPADM of DESA)."""
        todo, seen = [path], set()
        while todo:
            entry = self._entries.get(todo.pop())
            for parent in entry.parents if entry is not None else ():
                if parent == ancestor:
                    return True
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return False

    def entry(self, path: str) -> Entry | None:
        """The entry with IRI path `path` ("actor/unodc", "country/KOR"), if any."""
        return self._entries.get(path)

    def country_of(self, path: str) -> str | None:
        """The country path ("country/UZB") a gazetteer place is in, if the gazetteer says."""
        entry = self._entries.get(path)
        return next((p for p in entry.parents if p.startswith("country/")), None) \
            if entry is not None else None

    def entries(self) -> list[Entry]:
        """Every entry (organisations, groups, places, countries)."""
        return [e for e in self._entries.values() if e is not _NOT_AN_ACTOR]

    def country(self, alpha3: str) -> CountryInfo | None:
        """ISO codes and names of a country by alpha-3 code."""
        return country_info(alpha3)

    @staticmethod
    def referenced_countries() -> set[str]:
        """Alpha-3 codes of the countries the bundled gazetteer files point to (`cepa:country`,
        `schema:containedInPlace`): whoever loads the reference graphs can add them."""
        return set(_referenced_countries())


# -- reading the gazetteer files -----------------------------------------------------------


def _kind_of(g: Graph, s: URIRef) -> ActorKind | None:
    types = set(g.objects(s, RDF.type))
    if CEPA.Place in types:
        return "place"
    if CEPA.Country in types:
        return "country"
    if CEPA.ActorGroup in types:
        return "group"
    if CEPA.Organization in types:
        return "organization"
    return None


def _english(values: Iterable[Any]) -> str | None:
    vals = [v for v in values if isinstance(v, Literal)]
    for v in vals:
        if v.language == "en":
            return str(v)
    return str(vals[0]) if vals else None


def entries_from_graph(g: Graph) -> list[Entry]:
    """Entries for every organisation, group, place (and country) in a gazetteer graph parsed
    with base `_PARSE_BASE`; sorted by path so the result does not depend on triple order."""
    out: list[Entry] = []
    for s in set(g.subjects(RDF.type, None)):
        if not isinstance(s, URIRef) or not str(s).startswith(_ID):
            continue
        kind = _kind_of(g, s)
        if kind is None:
            continue
        label = _english(g.objects(s, SKOS.prefLabel)) or _english(g.objects(s, RDFS.label))
        if label is None:
            continue
        names = [str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                 for o in g.objects(s, p)]
        acronyms = tuple(sorted(str(o) for o in g.objects(s, CEPA.acronym)))
        # (a body's parents, and a place's country: `Gazetteer.country_of`)
        parents = tuple(sorted(str(o)[len(_ID):] for p in (ORG.subOrganizationOf,
                                                           SCHEMA.containedInPlace)
                               for o in g.objects(s, p) if str(o).startswith(_ID)))
        out.append(Entry(str(s)[len(_ID):], kind, label, tuple(sorted(set(names))), acronyms,
                         parents=parents))
    return sorted(out, key=lambda e: e.path)


@lru_cache(maxsize=1)
def _referenced_countries() -> frozenset[str]:
    from cepa_kg.resources import ontology_dir

    codes: set[str] = set()
    for name in GAZETTEER_FILES:
        g = Graph()
        g.parse(data=ontology_dir().joinpath(name).read_text(encoding="utf-8"), format="turtle",
                publicID=_PARSE_BASE)
        for p in (CEPA.country, SCHEMA.containedInPlace):
            for o in g.objects(None, p):
                if str(o).startswith(_ID + "country/"):
                    codes.add(str(o).rsplit("/", 1)[1])
    return frozenset(codes)


# -- countries -----------------------------------------------------------------------------


def _uninvert(name: str) -> str | None:
    """'Korea, Republic of' -> 'Republic of Korea'; None when the name is not inverted."""
    head, sep, tail = name.partition(", ")
    if sep and re.search(r"\bof(?: the)?$", tail, re.IGNORECASE):
        return f"{tail[0].upper()}{tail[1:]} {head}"
    return None


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


@lru_cache(maxsize=None)
def country_info(alpha3: str) -> CountryInfo | None:
    """ISO codes and names of a current (ISO 3166-1) or CEPA-era withdrawn country."""
    code = alpha3.upper()
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        if code not in _HISTORIC:
            return None
        h = pycountry.historic_countries.get(alpha_3=code)
        label = _HISTORIC[code][0]
        return CountryInfo(code, h.alpha_2, h.numeric, label, ()) if h else None
    iso = c.name
    official = getattr(c, "official_name", None)
    common = getattr(c, "common_name", None)
    label = _UN_NAMES.get(code) or _uninvert(iso) or iso
    alts = [n for n in (_strip_the(official) if official else None, iso, common) if n]
    return CountryInfo(code, c.alpha_2, c.numeric, label,
                       tuple(n for n in dict.fromkeys(alts) if n != label))


def _country_names(code: str, info: CountryInfo) -> tuple[list[str], list[str]]:
    """(names, adjective phrases) a country goes by."""
    names = [info.label, *info.alt_labels, *_COUNTRY_ALIASES.get(code, ()),
             *_HISTORIC.get(code, ())]
    for n in list(names):
        if (u := _uninvert(n)) is not None:
            names.append(u)
            head, _, tail = n.partition(", ")
            names.append(f"{head} ({tail})")  # the UN's "Iran (Islamic Republic of)"
    names = [n for n in names if ", " not in n or n == info.label]
    adjectives = [f"{adj} {noun}" for adj in _DEMONYMS.get(code, ()) for noun in _ACTOR_NOUNS]
    return list(dict.fromkeys(names)), adjectives


@lru_cache(maxsize=1)
def country_entries() -> tuple[Entry, ...]:
    """An entry per ISO 3166-1 country (and the CEPA-era withdrawn ones)."""
    out: list[Entry] = []
    for code in [c.alpha_3 for c in pycountry.countries] + list(_HISTORIC):
        info = country_info(code)
        if info is None:
            continue
        names, adjectives = _country_names(code, info)
        out.append(Entry(f"country/{code}", "country", info.label,
                         tuple(names + adjectives), exact=tuple(adjectives)))
    return tuple(out)


# -- adding actors to a document graph ------------------------------------------------------


def add_country(graph: Graph | Triples, iris: Iris, alpha3: str, *,
                source: URIRef | None = None) -> URIRef:
    """Add a country's description to `graph`: types, labels, ISO 3166-1 codes and M49 code
    (and `prov:wasDerivedFrom source` when given). Raises ValueError for an unknown code.

    >>> from cepa_kg.loaders.iris import Iris
    >>> g = Graph()
    >>> str(add_country(g, Iris("http://localhost:8000/"), "KOR"))
    'http://localhost:8000/id/country/KOR'
    """
    info = country_info(alpha3)
    if info is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-3 code {alpha3!r}")
    iri = iris.country(info.alpha3)
    for t in (CEPA.Country, CEPA.Actor, SCHEMA.Country):
        graph.add((iri, RDF.type, t))
    graph.add((iri, RDFS.label, Literal(info.label, lang="en")))
    graph.add((iri, SKOS.prefLabel, Literal(info.label, lang="en")))
    for alt in info.alt_labels:
        graph.add((iri, SKOS.altLabel, Literal(alt, lang="en")))
    graph.add((iri, CEPA.iso3166Alpha3, Literal(info.alpha3)))
    graph.add((iri, CEPA.iso3166Alpha2, Literal(info.alpha2)))
    graph.add((iri, CEPA.m49, Literal(info.m49)))
    if source is not None:
        graph.add((iri, PROV.wasDerivedFrom, source))
    return iri


def add_actor(ctx: Any, match: ActorMatch) -> URIRef:
    """The IRI of a matched actor (or place). For a country, also adds its description to
    `ctx.graph` (see `add_country`), so that the document's graph names it; like all countries
    it is reference data (also in `{BASE}graph/countries`), not derived from the document.
    Organisations, groups and places are described by the reference graphs: nothing added."""
    if match.kind == "country":
        return add_country(ctx.graph, ctx.iris, match.path.split("/", 1)[1])
    iri: URIRef = ctx.iris.path(match.path)
    return iri


__all__ = [
    "ActorKind", "ActorMatch", "CountryInfo", "Entry", "Gazetteer", "NOT_ACTORS",
    "add_actor", "add_country", "country_entries", "country_info", "entries_from_graph",
    "normalize_name",
]
