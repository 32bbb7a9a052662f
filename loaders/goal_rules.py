"""The rule tables of the goal aligner: explicit-mention patterns and thematic cues.

Data only (plus two tiny pattern builders); the matching logic is in `cepa_kg.loaders.goals`.
Codes are the goal and target codes of the vocabulary contract: `mdg-6` (goal), `mdg-6c`
(target 6.C). A cue names the target only where its phrase fits the target's wording; its goal
is implied (the aligner adds it).

Every pattern is a word-bounded regular expression in which a space stands for any run of white
space (so a phrase broken over a line still matches, and the match is the exact source text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

#: Characters either side of a match that `Cue.veto` and `Cue.needs` look at.
WINDOW = 80


def words(*alternatives: str, case: bool = False) -> re.Pattern[str]:
    """A word-bounded pattern matching any of `alternatives`; a space matches any white space.

    >>> bool(words("public health").search("global public\\n health"))
    True
    >>> bool(words("ICT", case=True).search("the Icthyosaur"))
    False
    """
    body = "|".join(a.replace(" ", r"\s+") for a in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?!\w)", 0 if case else re.IGNORECASE)


#: Characters that re.IGNORECASE matches to an ASCII letter although their lower case is not
#: that letter (dotless i, dotted I, long s, Kelvin sign): a text with one gets no prefilter.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_PREFIX_END = re.compile(r"[^\w/'-]|.(?=[?*+{])")


def literal_hints(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case words one of which every match of a `words()` pattern contains: the literal
    start of each alternative ("pandemics?" -> "pandemic"). None when an alternative starts
    with no literal of three characters or more (then nothing can be skipped).

    >>> literal_hints(words("public health", "malaria", case=True))
    ('public', 'malaria')
    >>> literal_hints(words("(?:major )?diseases?"))
    ('disease',)
    >>> literal_hints(words("(?:ICT|software) firms"))
    ('ict', 'software')
    >>> literal_hints(words(r"\\w+ firms")) is None
    True
    """
    body = pattern.pattern.removeprefix(r"(?<![\w-])(?:").removesuffix(r")(?!\w)")
    if body == pattern.pattern:
        return None
    hints = _hints_of_body(body)
    return None if hints is None else tuple(dict.fromkeys(hints))


def _hints_of_body(body: str) -> list[str] | None:
    hints: list[str] = []
    for alternative in _top_level_alternatives(body):
        found = _hints_of_alternative(alternative)
        if found is None:
            return None
        hints.extend(found)
    return hints


def _hints_of_alternative(alternative: str) -> list[str] | None:
    """The literal start of one alternative, after optional groups; a leading group that must
    match gives the starts of its own alternatives ("(?:ICT|software) firms": ict, software)."""
    alternative = _without_leading_optional_groups(alternative)
    if alternative.startswith("(?:"):
        close = _closing(alternative)
        if alternative[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        return _hints_of_body(alternative[3:close])
    end = _PREFIX_END.search(alternative)
    prefix = alternative[: end.start() if end else len(alternative)]
    return [prefix.lower()] if len(prefix) >= 3 else None


def _scan(text: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, bracket depth after it) of each character not escaped by `\\`."""
    depth, escaped = 0, False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        yield i, ch, depth


def _closing(text: str) -> int:
    """The index of the parenthesis that closes the one `text` starts with."""
    return next((i for i, ch, depth in _scan(text) if ch in ")]" and depth == 0),
                len(text) - 1)


def _without_leading_optional_groups(alternative: str) -> str:
    """"(?:extreme\\s+)?poverty" -> "poverty": what follows optional groups is in every match."""
    while alternative.startswith("(?:"):
        close = _closing(alternative)
        if alternative[close + 1 : close + 2] != "?" or alternative[close + 2 : close + 3] in "?+":
            return alternative
        alternative = alternative[close + 2 :]
    return alternative


def _top_level_alternatives(body: str) -> list[str]:
    parts, start = [], 0
    for i, ch, depth in _scan(body):
        if ch == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def may_match(hints: tuple[str, ...] | None, folded: str | None) -> bool:
    """False only when no match is possible: `folded` (the text in lower case, None when it
    has a character `_FOLDS_TO_ASCII` names) holds none of the hints."""
    return hints is None or folded is None or any(h in folded for h in hints)


def folded_text(text: str) -> str | None:
    """The text in lower case for `may_match`, or None when lower case cannot stand for
    re.IGNORECASE."""
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


@dataclass(frozen=True)
class Cue:
    """A thematic cue: a phrase pattern that points at some goals and targets.

    `score` is the cue's strength (strong 0.75-0.85, weak 0.5-0.6). `veto` cancels the cue when
    it matches the text around the phrase (within `WINDOW` characters, inside the same span);
    `needs` requires such a match (a cue that only counts in company).
    """

    family: str
    pattern: re.Pattern[str]
    codes: tuple[str, ...]
    score: float
    veto: re.Pattern[str] | None = None
    needs: re.Pattern[str] | None = None
    #: Words one of which every match contains (`literal_hints`), for a cheap first test.
    hints: tuple[str, ...] | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hints", literal_hints(self.pattern))


# --- explicit mentions -------------------------------------------------------------------------

#: "MDG 3", "Goal 6", "Millennium Development Goals 4, 5 and 6", "goals 4 and 5".
SPECIFIC_GOALS = re.compile(
    r"(?<![\w-])(?:Millennium\s+Development\s+Goals?|MDGs?|(?i:goals?))\s*(?:(?i:no)\.?\s*)?-?\s*"
    r"(?P<nums>[1-8](?:\s*(?:,|&|(?i:and|or))\s*[1-8])*)(?!\w|\.\w)"
)
#: "target 8.F", "MDG target 6.C".
SPECIFIC_TARGET = re.compile(
    r"(?<![\w-])(?:MDG\s+)?(?i:targets?)\s+(?P<goal>[1-8])\.?(?P<letter>[A-Fa-f])(?!\w)"
)
#: Generic mentions of the MDG framework or the IADGs, strongest first.
GENERIC_MENTIONS: tuple[tuple[re.Pattern[str], float], ...] = (
    (words(r"Millennium Development Goals(?: ?\(MDGs\))?", r"MDGs?(?! ?-?\d)", case=True), 0.9),
    (words("Millennium Declaration", case=True), 0.9),
    (
        words(
            r"internationally agreed development (?:goals|agenda)(?: and commitments)?"
            r"(?: ?\(IADGs?\))?",
            r"internationally agreed goals(?: and commitments)?(?: ?\(IADGs?\))?",
        ),
        0.85,
    ),
    (words("IADGs?", case=True), 0.85),
)

#: Score of an alignment carried by an explicit "MDG 3"/"target 8.F" mention.
SPECIFIC_SCORE = 1.0
#: Score of a goal the text points at, raised by a generic MDG/IADG mention.
SUPPORTED_SCORE_STRONG = 0.9  # when the cue itself is strong (>= 0.7)
SUPPORTED_SCORE_WEAK = 0.8
#: Weak cues alone (score below this) are not raised; the mention then gives the anchor.
SUPPORTED_MIN = 0.6
#: A generic mention alone: the governance anchor (MDG 8, target 8.A).
ANCHOR_CODES = ("mdg-8", "mdg-8a")
ANCHOR_SCORE = 0.6

# --- thematic cues -----------------------------------------------------------------------------

HEALTH = ("mdg-4", "mdg-5", "mdg-6")
_PA_CONTEXT = words(
    r"public (?:service|services|administration|sector|servants|managers|officials)",
    r"civil serv(?:ice|ants)",
    r"capacity[- ]building",
    r"management development",
    r"leadership",
    r"human resources",
    r"(?:ministry|government) officials",
)
_TECH_CONTEXT = words(
    r"technolog(?:y|ies)", "ICTs?", "Internet", "digital", "online", "e-government", "software"
)

CUES: tuple[Cue, ...] = (
    # Health: MDGs 4, 5, 6; named diseases and pandemics point at 6 (6.A, 6.C).
    Cue("health", words("public health", "global health", r"primary (?:health )?care"), HEALTH,
        0.8),
    Cue("health", words(r"health(?:[- ]care)?", "healthcare"), HEALTH, 0.75),
    Cue("disease", words("pandemics?", "epidemics?", r"(?:major |infectious |communicable )?"
                         r"diseases?", r"illness(?:es)?"), ("mdg-6", "mdg-6c"), 0.75),
    Cue("disease", words("HIV", "AIDS", "HIV/AIDS", case=True), ("mdg-6", "mdg-6a"), 0.85),
    Cue("disease", words("malaria", "tuberculosis"), ("mdg-6", "mdg-6c"), 0.85),
    Cue("child", words("child mortality", "under-five", r"infant(?: mortality)?",
                       r"immuni[sz]ations?", r"vaccin\w*"), ("mdg-4", "mdg-4a"), 0.8),
    Cue("maternal", words(r"maternal(?: health| mortality)?", "childbirth", "midwi\\w*"),
        ("mdg-5", "mdg-5a"), 0.8),
    Cue("maternal", words("reproductive health", "family planning"), ("mdg-5", "mdg-5b"), 0.8),
    Cue("drugs", words(r"essential (?:drugs|medicines)", r"pharmaceutical (?:companies|industry)"),
        ("mdg-8", "mdg-8e"), 0.8),
    # Gender: MDG 3.
    Cue("gender", words(r"gender(?: equality| parity| disparity| disparities)?", "women",
                        "girls", r"empower(?:ing|ment of)? women", "female"), ("mdg-3", "mdg-3a"),
        0.75),
    # Poverty and hunger: MDG 1.
    Cue("poverty", words(r"(?:extreme )?poverty", "the poor", "poor people", "poorest"),
        ("mdg-1", "mdg-1a"), 0.75),
    Cue("poverty", words(r"incomes?"), ("mdg-1", "mdg-1a"), 0.5),
    Cue("poverty", words("hunger", r"malnutrition", "undernourish\\w*", "food security"),
        ("mdg-1", "mdg-1c"), 0.75),
    Cue("poverty", words("decent work", r"(?:full |productive )?employment"), ("mdg-1", "mdg-1b"),
        0.5),
    # Education: MDG 2. Training public servants is capacity-building (MDG 8), not MDG 2.
    Cue("education", words(r"(?:universal )?primary (?:education|schooling|schools?)",
                           r"school enrol(?:l)?ment", "literacy"), ("mdg-2", "mdg-2a"), 0.85),
    Cue("education", words("education", "schooling"), ("mdg-2", "mdg-2a"), 0.6, veto=_PA_CONTEXT),
    # Environment: MDG 7. "an environment that is supportive of change" is not one.
    Cue("environment", words(r"environmental(?:ly)?(?: sustainability)?", "biodiversity",
                             "climate change", "natural resources", "deforestation",
                             r"(?:protect\w*|protection of|our common|natural|physical) (?:the )?"
                             r"environment"), ("mdg-7", "mdg-7a"), 0.75),
    Cue("environment", words("sustainable development"), ("mdg-7", "mdg-7a"), 0.5),
    Cue("water", words(r"(?:safe |drinking )?water", "sanitation"), ("mdg-7", "mdg-7c"), 0.75),
    Cue("slum", words(r"slums?(?: dwellers)?", "informal settlements"), ("mdg-7", "mdg-7d"), 0.8),
    # New technologies with the private sector: 8.F.
    Cue("ict", words(r"information and communications? technolog(?:y|ies)",
                     "information technology", "e-government", "information society"),
        ("mdg-8", "mdg-8f"), 0.75),
    Cue("ict", words("ICTs?", case=True), ("mdg-8", "mdg-8f"), 0.75),
    Cue("ict", words("online", "Internet", "digital", "new technologies", "e-governance"),
        ("mdg-8", "mdg-8f"), 0.6),
    Cue("ict", words(r"(?:technology|ICT|telecommunications?|software) "
                     r"(?:companies|firms|industry)",
                     "private sector"), ("mdg-8", "mdg-8f"), 0.85, needs=_TECH_CONTEXT),
    # Global partnership for development: MDG 8 (8.A trade, 8.B LDCs and ODA, 8.C, 8.D debt).
    Cue("partnership", words(r"(?:global |public-private )?partnerships?", "donors?", "partners",
                             r"(?:development|foreign|international) (?:aid|assistance)",
                             r"financial (?:support|assistance)", "developing countries"),
        ("mdg-8",), 0.7),
    Cue("partnership", words(r"cooperat\w* (?:with each other|with (?:global|international) "
                             r"\w+|among (?:governments|countries|states)|between "
                             r"(?:governments|countries))",
                             r"(?:international|regional|south-south|global) cooperation"),
        ("mdg-8",), 0.65),
    Cue("aid", words("official development assistance", "ODA", r"least developed countries",
                     "LDCs"), ("mdg-8", "mdg-8b"), 0.8),
    Cue("aid", words("landlocked", "small island developing states?", "SIDS"),
        ("mdg-8", "mdg-8c"), 0.8),
    Cue("debt", words(r"debt(?: relief| sustainability)?"), ("mdg-8", "mdg-8d"), 0.75),
    Cue("trade", words(r"trade(?!-off)", r"trading system", "market access"), ("mdg-8", "mdg-8a"),
        0.6),
    # Good governance (the 8.A commitment): CEPA's anchor.
    Cue("governance", words("good governance", "rule-of-law", "rule of law",
                            r"(?:anti-)?corruption",
                            "integrity", r"innovations? in (?:governance|government|public "
                            r"administration|the public sector)"), ("mdg-8", "mdg-8a"), 0.8),
    Cue("governance", words("governance", "public administration", "accountability",
                            "transparency", r"citizen (?:trust|participation|engagement)",
                            "trust in government", "civic engagement", r"democra(?:tic|cy)",
                            r"civil serv(?:ice|ants)", r"public sector reforms?",
                            r"(?:public )?service delivery", r"delivery of public services",
                            r"Public Service (?:Awards?|Day)", "e-government"),
        ("mdg-8", "mdg-8a"), 0.75),
    Cue("governance", words(r"public (?:sector|services?|servants|managers|officials)",
                            r"participat(?:ory|ion)", r"institutions?", "institutional",
                            r"capacity[- ]building", "human resources", "civil society",
                            "government performance", r"decentrali[sz]ation",
                            "change management"), ("mdg-8", "mdg-8a"), 0.6),
    Cue("governance", words(r"innovat\w*"), ("mdg-8", "mdg-8a"), 0.5),
)

#: Extra score for each further distinct cue phrase pointing at the same code, and the cap.
CORROBORATION_BONUS = 0.05
THEMATIC_CAP = 0.85

#: Inherited scores: cue score times the factor, clamped to [INHERITED_MIN, cap].
SUBTOPIC_FACTOR, SUBTOPIC_CAP = 0.6, 0.5
THEME_FACTOR, THEME_CAP = 0.5, 0.45
INHERITED_MIN = 0.3
#: Nothing anywhere: the governance anchor inherited from the theme (or, with no theme, from
#: CEPA's mandate, with the recommendation itself as evidence).
FALLBACK_SCORE = 0.3
MANDATE_SCORE = 0.2
