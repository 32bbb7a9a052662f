"""Goal tracing: which SDGs and MDGs (goals and targets) a text serves, how we know, and the
phrase that shows it.

`align(text, span, subtopic=None, theme=None)` reads the text at `span` (a recommendation, a
bulletin item, a project objective) and gives one `Alignment` per goal or target, each with
its method, score, and evidence phrase with its offsets into `text`:

explicit
    the text names the goal or target: "SDG 16", "Goals 16 and 17", "target 16.6", "MDG 5",
    "the Millennium Development Goal on maternal health", "the health-related MDGs". Score 1.
thematic
    the text's subject matches the goal's or target's meaning: a phrase of the vocabulary
    (`goal_vocabulary.toml`, data), outside the names and contexts that empty it ("Internet
    Governance Forum" is a name; "health institutions" is health, "schools of public
    administration" no education). Scored by the phrase's weight, a little more for each
    further phrase of the same goal.
inherited
    the same reading of the subtopic heading and the theme the text stands under, for goals its
    own words do not give; weaker, and kept apart.

A generic mention of a framework ("the MDGs", "the internationally agreed development goals",
"the 2030 Agenda", "the SDGs") names no single goal: `frameworks()` reports it, and it gives no
alignment. There is no default: a text about nothing goal-specific has no goal.

Codes: SDG goals "sdg-16", SDG targets "sdg-16-6" / "sdg-16-a", MDG goals "mdg-6", MDG targets
"mdg-8f". A target's goal is always aligned with it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Literal

from cepa_kg.loaders.folding import WORD, fold, required_literal, whole_word
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span

__all__ = ["Alignment", "FrameworkMention", "align", "alignment_order", "frameworks", "goal_of",
           "is_target",
           "notation"]

Method = Literal["explicit", "thematic", "inherited"]
_RANK = {"explicit": 2, "thematic": 1, "inherited": 0}
_CODE = re.compile(r"^(?P<fw>sdg|mdg)-(?P<goal>\d{1,2})(?:-(?P<t>[0-9a-z]{1,2})|(?P<m>[a-f]))?$")

#: Explicit alignments are sure; a thematic score is the phrase's weight, raised by this for
#: each further phrase of the same goal, up to the cap; inherited ones are scaled down.
EXPLICIT_SCORE = 1.0
CORROBORATION = 0.05
THEMATIC_CAP = 0.95
INHERITED_FACTOR = 0.95  # calibrated: inherited links were right 78% of the time at 0.6 x the weight
#: Around a match, the characters `unless` and `needs` look at.
WINDOW = 100


@dataclass(frozen=True)
class Alignment:
    code: str  # "sdg-16", "sdg-16-6", "mdg-6", "mdg-8f"
    method: Method
    score: float  # 0..1
    evidence: str  # the exact phrase of the text
    span: Span | None  # its absolute offsets


@dataclass(frozen=True)
class FrameworkMention:
    scheme: str  # "sdg", "mdg", "iadg"
    phrase: str
    span: Span


# --- codes ------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def goal_of(code: str) -> str:
    """The goal code of a goal or target code.

    >>> goal_of("sdg-16-6"), goal_of("mdg-8a"), goal_of("sdg-3")
    ('sdg-16', 'mdg-8', 'sdg-3')
    """
    m = _CODE.match(code)
    if not m:
        raise ValueError(f"not a goal or target code: {code!r}")
    return f"{m.group('fw')}-{m.group('goal')}"


def is_target(code: str) -> bool:
    return goal_of(code) != code


def notation(code: str) -> str:
    """"sdg-16-6" -> "16.6", "mdg-8f" -> "8.F", "sdg-3" -> "3"."""
    m = _CODE.match(code)
    if not m:
        raise ValueError(f"not a goal or target code: {code!r}")
    if m.group("t"):
        return f"{m.group('goal')}.{m.group('t')}"
    if m.group("m"):
        return f"{m.group('goal')}.{m.group('m').upper()}"
    return m.group("goal")


def _sdg_target(goal: str, target: str) -> str | None:
    code = f"sdg-{int(goal)}-{target.lower().lstrip('0') or '0'}"
    return code if code in _sdg_targets() else None


@lru_cache(maxsize=1)
def _sdg_targets() -> frozenset[str]:
    """The 169 SDG target codes (from ontology/sdg-targets.ttl)."""
    text = resources.files("cepa_kg.ontology").joinpath("sdg-targets.ttl").read_text("utf-8")
    return frozenset(re.findall(r"^<id/target/(sdg-[0-9a-z-]+)>", text, re.M))


_MDG_TARGETS = frozenset(f"mdg-{t}" for t in (
    "1a 1b 1c 2a 3a 4a 5a 5b 6a 6b 6c 7a 7b 7c 7d 8a 8b 8c 8d 8e 8f".split()))


# --- explicit mentions ------------------------------------------------------------------------

_NUM = r"(?:1[0-7]|[1-9])"
_NAMED = r"(?:\s*\([^()\n]{1,40}\))?"  # "13 (climate action)"
_LIST = rf"{_NUM}{_NAMED}(?:\s*(?:,|and|&|or|to|-|–)\s*{_NUM}{_NAMED})*"
_SDG_GOALS = screened(re.compile(
    rf"\b(?:SDGs?\s*#?\s*(?P<a>{_LIST})|Sustainable\s+Development\s+Goals?\s+(?:No\.\s*)?(?P<b>{_LIST})"
    rf"|Goals?\s+(?P<c>{_LIST})\s+(?:of|in)\s+the\s+(?:2030\s+Agenda|Sustainable\s+Development\s+Goals|SDGs))\b"))
_SDG_TARGET = screened(re.compile(
    r"\b(?:SDG\s*|(?:SDG\s+)?targets?\s+)(?P<g>1[0-7]|[1-9])\.(?P<t>[1-9]\d?|[a-d])\b"
    r"(?P<more>(?:\s*(?:,|and)\s*(?:1[0-7]|[1-9])\.(?:[1-9]\d?|[a-d])\b)*)"))
_MDG_GOALS = screened(re.compile(
    r"\b(?:MDGs?\s*#?\s*(?P<a>[1-8](?:\s*(?:,|and|&|or|to|-|–)\s*[1-8])*)"
    r"|Millennium\s+Development\s+Goals?\s+(?P<b>[1-8](?:\s*(?:,|and|&|or|to|-|–)\s*[1-8])*))\b"))
_MDG_TARGET = screened(re.compile(
    r"\b(?:MDG\s*|(?:MDG\s+)?targets?\s+)(?P<g>[1-8])\.?(?P<t>[A-F])\b"))
_BARE_GOAL = screened(re.compile(rf"\bGoals?\s+(?P<n>{_LIST})\b"))
#: "the Millennium Development Goal(s) on maternal health", "the health-related MDGs"
_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "poverty": ("1",), "hunger": ("1",), "education": ("2",), "primary education": ("2",),
    "gender": ("3",), "gender equality": ("3",), "women": ("3",), "child mortality": ("4",),
    "child health": ("4",), "maternal health": ("5",), "maternal mortality": ("5",),
    "health": ("4", "5", "6"), "hiv": ("6",), "hiv/aids": ("6",), "malaria": ("6",),
    "diseases": ("6",), "environment": ("7",), "environmental sustainability": ("7",),
    "water": ("7",), "partnership": ("8",), "global partnership": ("8",),
}
_TOPIC = "|".join(sorted((re.escape(k) for k in _TOPIC_WORDS), key=len, reverse=True))
_MDG_BY_TOPIC = screened(re.compile(
    rf"\b(?:(?P<t1>{_TOPIC})[- ]related\s+(?:MDGs?|Millennium\s+Development\s+Goals?)"
    rf"|(?:MDGs?|Millennium\s+Development\s+Goals?)\s+(?:on|for|of|related\s+to|relating\s+to|"
    rf"concerning)\s+(?:the\s+)?(?P<t2>{_TOPIC}))\b", re.I))

_FRAMEWORKS = (
    ("mdg", re.compile(r"\bMillennium\s+Development\s+Goals?\b|\bMDGs?\b|\bMillennium\s+Declaration\b")),
    ("sdg", re.compile(r"\bSustainable\s+Development\s+Goals?\b|\bSDGs?\b|\b2030\s+Agenda\b|"
                       r"\bAgenda\s+2030\b")),
    ("iadg", re.compile(r"\binternationally[\s-]+agreed\s+development\s+(?:goals|agenda)\b|\bIADGs?\b",
                        re.I)),
)


def _numbers(listed: str) -> list[int]:
    """"16 and 17" -> [16, 17]; "3 to 5" -> [3, 4, 5]."""
    out: list[int] = []
    tokens = re.findall(r"\d+|to|-|–", re.sub(r"\([^()]*\)", " ", listed))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isdigit():
            if out and i >= 1 and tokens[i - 1] in ("to", "-", "–"):
                out.extend(range(out[-1] + 1, int(tok) + 1))
            else:
                out.append(int(tok))
        i += 1
    return out


def _explicit(text: str, scope: Span, era: str | None) -> list[tuple[tuple[str, ...], Span]]:
    """(codes, span) for each place the text names goals or targets."""
    piece = scope.of(text)
    found: list[tuple[tuple[str, ...], Span]] = []
    taken: list[tuple[int, int]] = []

    def add(codes: list[str], m: re.Match[str]) -> None:
        if codes and not any(a <= m.start() < b for a, b in taken):
            found.append((tuple(dict.fromkeys(codes)), Span(scope.start + m.start(),
                                                            scope.start + m.end())))
            taken.append((m.start(), m.end()))

    for m in _SDG_TARGET.finditer(piece):
        pairs = [(m.group("g"), m.group("t"))] + re.findall(
            r"(1[0-7]|[1-9])\.([1-9]\d?|[a-d])", m.group("more") or "")
        add([c for g, t in pairs if (c := _sdg_target(g, t))], m)
    for m in _MDG_TARGET.finditer(piece):
        if not re.match(r"MDG|target", m.group(0), re.I):
            continue
        code = f"mdg-{m.group('g')}{m.group('t').lower()}"
        add([code] if code in _MDG_TARGETS else [], m)
    for m in _SDG_GOALS.finditer(piece):
        listed = m.group("a") or m.group("b") or m.group("c")
        add([f"sdg-{n}" for n in _numbers(listed) if 1 <= n <= 17], m)
    for m in _MDG_GOALS.finditer(piece):
        listed = m.group("a") or m.group("b")
        add([f"mdg-{n}" for n in _numbers(listed) if 1 <= n <= 8], m)
    for m in _MDG_BY_TOPIC.finditer(piece):
        topic = (m.group("t1") or m.group("t2")).lower()
        add([f"mdg-{n}" for n in _TOPIC_WORDS[topic]], m)
    for m in _BARE_GOAL.finditer(piece):  # "Goal 6": which framework, by the text and its era
        numbers = _numbers(m.group("n"))
        fw = _framework_of(piece, era, numbers)
        if fw:
            add([f"{fw}-{n}" for n in numbers if 1 <= n <= (17 if fw == "sdg" else 8)], m)
    return found


def _framework_of(piece: str, era: str | None, numbers: list[int]) -> str | None:
    says_sdg = bool(_FRAMEWORKS[1][1].search(piece))
    says_mdg = bool(_FRAMEWORKS[0][1].search(piece))
    if says_sdg != says_mdg:
        return "sdg" if says_sdg else "mdg"
    if any(n > 8 for n in numbers):
        return "sdg"
    return era


def frameworks(text: str, span: Span) -> list[FrameworkMention]:
    """The frameworks the text mentions as a whole ("the MDGs", "the 2030 Agenda"): no goal."""
    piece = span.of(text)
    named = [where for _, where in _explicit(text, span, "sdg")]  # "SDG 16" names a goal
    out = []
    for scheme, pattern in _FRAMEWORKS:
        for m in pattern.finditer(piece):
            at = Span(span.start + m.start(), span.start + m.end())
            if not any(w.start <= at.start < w.end for w in named):
                out.append(FrameworkMention(scheme, m.group(0), at))
    return out


# --- the vocabulary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    codes: tuple[str, ...]
    pattern: re.Pattern[str]
    weight: float
    unless: re.Pattern[str] | None
    needs: re.Pattern[str] | None
    #: A word per phrase that its every match contains (lower case): a text that has none of
    #: them holds no match, and the search is skipped (most cues, most texts). Those that stand
    #: as whole words are tested against the text's set of words, the others (word starts,
    #: "r&d") as substrings. Both empty: some phrase has no sure word, the cue is always tried.
    whole: frozenset[str] = frozenset()
    parts: tuple[str, ...] = ()

    @property
    def literals(self) -> tuple[str, ...] | None:
        """Every sure word, or None when the cue is always tried."""
        return (*sorted(self.whole), *self.parts) or None

    @cached_property
    def sectoral(self) -> bool:
        """A cue of a sector's goal (SDGs 1-15: energy, health ...), not of the institutions
        and means (16, 17) or of the MDGs."""
        return all(c.startswith("sdg-") and int(goal_of(c).split("-")[1]) <= 15
                   for c in self.codes)


def _words(phrases: list[str], *, case: bool = False) -> re.Pattern[str]:
    body = "|".join(p.replace(" ", r"\s+") for p in phrases)
    return screened(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", 0 if case else re.I))


@lru_cache(maxsize=1)
def _data() -> dict[str, object]:
    return tomllib.loads(resources.files("cepa_kg.loaders").joinpath(
        "goal_vocabulary.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _knowledge_work() -> re.Pattern[str]:
    """An opening that asks for knowledge work: a verb, then its object within a few words."""
    spec = _data()["knowledge_work"]
    verbs = "|".join(v.replace(" ", r"\s+") for v in spec["verbs"])  # type: ignore[index]
    objects = "|".join(o.replace(" ", r"\s+") for o in spec["objects"])  # type: ignore[index]
    alone = "|".join(a.replace(" ", r"\s+") for a in spec["alone"])  # type: ignore[index]
    return re.compile(rf"(?<![\w-])(?:(?:{verbs})(?![\w-])[^.;:]{{0,80}}?(?<![\w-])(?:{objects})"
                      rf"|(?:{alone}))(?![\w-])", re.I)


def knowledge_work(text: str, span: Span) -> bool:
    """The text at `span` opens by asking for a report, research, good practices (rule 6)."""
    opening = text[span.start: min(span.end, span.start + OPENING)]
    return bool(_knowledge_work().search(opening))


#: The characters of a text's opening that say what it asks for.
OPENING = 120
#: A Development Account project builds capacity in developing countries: international
#: capacity-building support (SDG 17.9, MDG 8), shown by the phrase that says so.
_CAPACITY = re.compile(r"(?<![\w-])(?:strengthen\w*|enhanc\w*|build\w*|develop\w*|improv\w*|"
                       r"support\w*|help\w*|assist\w*)\s+(?:\w+\s+){0,4}?capacit(?:y|ies)\b"
                       r"|capacity[- ]building|capacity development", re.I)
PROJECT_SUPPORT_SCORE = 0.85


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Cue, ...]:
    """The cues of `goal_vocabulary.toml`, compiled; every code checked against the goals."""
    data = _data()
    cues = []
    for entry in data["cue"]:  # type: ignore[union-attr,attr-defined]
        codes = tuple(entry["codes"])
        for code in codes:
            goal_of(code)
            if is_target(code) and code not in _sdg_targets() | _MDG_TARGETS:
                raise ValueError(f"goal_vocabulary.toml: no such target {code}")
        cues.append(Cue(
            codes, _words(entry["phrases"], case=entry.get("case", False)),
            float(entry["weight"]),
            _words(entry["unless"]) if entry.get("unless") else None,
            _words(entry["needs"]) if entry.get("needs") else None,
            *_literals(entry["phrases"])))
    return tuple(cues)


def _literals(phrases: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, word parts) a cue's matches hold one of; both empty when some phrase has
    no sure word."""
    words = [required_literal(p) for p in phrases]
    if any(w is None for w in words):
        return frozenset(), ()
    whole = frozenset(w for p, w in zip(phrases, words) if w and whole_word(p, w))
    return whole, tuple(dict.fromkeys(w for w in words if w and w not in whole))


#: Three or more single-word items in a row ("climate, energy and biodiversity"): the areas a
#: main action spans, none of them its subject (rule 4 of tests/data/goal_labels/README.md).
_LIST_OF_AREAS = re.compile(r"(?<![\w-])[a-z][\w-]*(?:,\s+[a-z][\w-]*)+,?\s+(?:and|or)\s+"
                            r"[a-z][\w-]*(?![\w-])")


def _in_a_list(piece: str, start: int, end: int) -> bool:
    for m in _LIST_OF_AREAS.finditer(piece, max(0, start - 80), min(len(piece), end + 80)):
        if m.start() <= start and end <= m.end():
            return True
    return False


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, tuple[int, ...]], ...],
                          tuple[int, ...]]:
    """The cues (their places in `vocabulary()`) by each sure whole word and by each sure word
    part, and those always tried: a text's words pick its few candidate cues at once, instead of
    every cue testing its words against the text."""
    by_word: dict[str, list[int]] = {}
    by_part: dict[str, list[int]] = {}
    always = []
    for i, cue in enumerate(vocabulary()):
        if not (cue.whole or cue.parts):
            always.append(i)
        for w in cue.whole:
            by_word.setdefault(w, []).append(i)
        for w in cue.parts:
            by_part.setdefault(w, []).append(i)
    return ({w: tuple(ix) for w, ix in by_word.items()},
            tuple((w, tuple(ix)) for w, ix in by_part.items()), tuple(always))


def _candidate_cues(folded: str, words: set[str]) -> list[Cue]:
    by_word, by_part, always = _cue_index()
    chosen = set(always)
    for w in words.intersection(by_word):
        chosen.update(by_word[w])
    for w, ix in by_part:
        if w in folded:
            chosen.update(ix)
    cues = vocabulary()
    return [cues[i] for i in sorted(chosen)]  # (the vocabulary's order: ties break alike)


def _thematic(text: str, scope: Span, method: Method,
              context: Span | None = None) -> dict[str, Alignment]:
    piece = scope.of(text)
    around = context.of(text) if context is not None else ""
    hits: dict[str, list[tuple[float, str, Span]]] = {}
    folded = fold(piece)
    words = set(WORD.findall(folded))
    for cue in _candidate_cues(folded, words):
        for m in cue.pattern.finditer(piece):
            if cue.sectoral and _in_a_list(piece, m.start(), m.end()):
                continue  # "climate, energy and biodiversity responsibilities": example areas
            window = piece[max(0, m.start() - WINDOW): m.end() + WINDOW]
            if cue.unless is not None and cue.unless.search(window):
                continue  # a name that holds it, or a context that empties it
            if cue.needs is not None and not (cue.needs.search(window) or
                                              cue.needs.search(around)):
                continue
            span = Span(scope.start + m.start(), scope.start + m.end())
            for code in cue.codes:
                for c in (goal_of(code), code):
                    hits.setdefault(c, []).append((cue.weight, m.group(0), span))
    out: dict[str, Alignment] = {}
    for code, found in hits.items():
        weight, phrase, span = max(found, key=lambda h: (h[0], -h[2].start))
        distinct = {" ".join(p.lower().split()) for _, p, _ in found}
        score = min(THEMATIC_CAP, weight + CORROBORATION * (len(distinct) - 1))
        out[code] = Alignment(code, method, round(score, 3), phrase, span)
    return out


# --- the tracer -------------------------------------------------------------------------------


def _stronger(a: Alignment, b: Alignment | None) -> bool:
    return b is None or (a.score, _RANK[a.method]) > (b.score, _RANK[b.method])


def align(text: str, span: Span, *, subtopic: Span | None = None, theme: Span | None = None,
          era: str | None = None, context: Span | None = None,
          project: bool = False) -> list[Alignment]:
    """The goals and targets the text at `span` serves (see the module's docstring), sorted
    by framework and number. `era` ("mdg" or "sdg") decides a bare "Goal 6" when the text does
    not; `subtopic` and `theme` give inherited alignments; `context` (the list lead-in an item
    goes on from: "The Secretariat should:") is where a cue's `needs` may also be met. A text
    that asks for knowledge work (a report, research) gets no thematic goal; the objective of a
    Development Account `project` that builds capacity serves SDG 17.9 and MDG 8.

    >>> doc = "Member States should fight corruption in the health sector."
    >>> [(a.code, a.method, a.evidence) for a in align(doc, Span(0, len(doc)))][:3]
    [('sdg-3', 'thematic', 'health'), ('sdg-16', 'thematic', 'corruption'), ('sdg-16-5', 'thematic', 'corruption')]
    """
    for s in (span, subtopic, theme):
        if s is not None and s.end > len(text):
            raise ValueError(f"span [{s.start}, {s.end}) outside a text of {len(text)}")
    out = {} if knowledge_work(text, span) else _thematic(text, span, "thematic", context)
    if project:  # a project's objective: its capacity phrase, else its opening words
        capacity = _CAPACITY.search(text, span.start, span.end)
        where = (Span(capacity.start(), capacity.end()) if capacity else
                 Span(span.start, min(span.end, span.start + 60)).strip(text))
        for code in ("sdg-17", "sdg-17-9", "mdg-8"):
            if _stronger(Alignment(code, "thematic", PROJECT_SUPPORT_SCORE, "", None),
                         out.get(code)):
                out[code] = Alignment(code, "thematic", PROJECT_SUPPORT_SCORE, where.of(text),
                                      where)
    for codes, where in _explicit(text, span, era):
        for code in codes:
            for c in (goal_of(code), code):
                out[c] = Alignment(c, "explicit", EXPLICIT_SCORE, where.of(text), where)
    own_goals = {goal_of(c) for c in out}
    for heading in (subtopic, theme):
        if heading is None:
            continue
        for code, a in _heading_cues(text, heading.start, heading.end).items():
            if goal_of(code) in own_goals:
                continue
            weaker = Alignment(code, "inherited", round(a.score * INHERITED_FACTOR, 3),
                               a.evidence, a.span)
            if _stronger(weaker, out.get(code)):
                out[code] = weaker
    return sorted(out.values(), key=alignment_order)


@lru_cache(maxsize=256)
def _heading_cues(text: str, start: int, end: int) -> dict[str, Alignment]:
    """What a subtopic or theme says, read once for all the recommendations under it (a
    session's hundred recommendations share a few headings). Not to be changed by callers."""
    return _thematic(text, Span(start, end), "inherited")


def alignment_order(a: Alignment) -> tuple[str, int, int, str]:
    """SDGs before MDGs, then by goal and target number."""
    m = _CODE.match(a.code)
    assert m is not None
    target = m.group("t") or m.group("m") or ""
    return (m.group("fw") == "mdg" and "1" or "0", int(m.group("goal")),
            int(target) if target.isdigit() else (100 if target else 0), target)


def check_vocabulary(text: str) -> None:
    """Check the text of a goal vocabulary as `vocabulary()` reads it: TOML, every cue with
    its codes (goals and targets that exist), phrases that compile and a weight in (0, 1].
    Raises ValueError naming the cue (by number and first phrase) and what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not TOML: {error}") from error
    for number, entry in enumerate(data.get("cue", []), start=1):
        phrases = entry.get("phrases") or []
        name = f"cue {number} ({phrases[0]!r})" if phrases else f"cue {number}"
        missing = [key for key in ("codes", "phrases", "weight") if key not in entry]
        if missing:
            raise ValueError(f"{name}: no {', '.join(missing)}")
        for code in entry["codes"]:
            try:
                goal = goal_of(code)
            except (KeyError, ValueError, IndexError) as error:
                raise ValueError(f"{name}: no such goal {code!r}") from error
            if not re.fullmatch(r"sdg-(?:1[0-7]|[1-9])|mdg-[1-8]", goal):
                raise ValueError(f"{name}: no such goal {code!r}")
            if is_target(code) and code not in _sdg_targets() | _MDG_TARGETS:
                raise ValueError(f"{name}: no such target {code!r}")
        if not 0 < float(entry["weight"]) <= 1:
            raise ValueError(f"{name}: weight {entry['weight']} is not in (0, 1]")
        for key in ("phrases", "unless", "needs"):
            try:
                _words(entry.get(key) or ["x"])
            except re.error as error:
                raise ValueError(f"{name}: {key} do not compile: {error}") from error
