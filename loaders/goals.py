"""Goal alignment: which MDG goals and targets a recommendation serves, and why.

`align(text, rec, subtopic=None, theme=None)` -> the MDG goals and targets a recommendation
serves. `text` is the whole document text; `rec`, `subtopic`, `theme` are spans of the
recommendation, its subtopic heading and its session's main theme (or the ministerial review
theme for AMR recommendations). Each Alignment carries the evidence phrase and its absolute
span. Guarantees: at most one Alignment per code; whenever a target (mdg-8a) is aligned its goal
(mdg-8) is aligned too; with a theme span, at least one Alignment.

The aligner is a pure rule system (tables in `cepa_kg.loaders.goal_rules`), in three layers:

explicit
    "MDG 3", "Goal 6", "target 8.F" give that goal or target (score 1.0). A generic mention
    ("Millennium Development Goals", "MDGs", "IADGs", "internationally agreed development
    goals/agenda", "Millennium Declaration") raises every goal the rest of the recommendation
    clearly points at (cue score >= 0.6) to an explicit alignment (0.8-0.9) with the mention as
    evidence; if the text points at nothing else, it gives the governance anchor MDG 8 / target
    8.A (0.6).
thematic
    word-bounded cue phrases (health -> 4, 5, 6; women -> 3, 3.A; ICT -> 8, 8.F; corruption ->
    8, 8.A; ...), scored by cue strength (0.5-0.85), +0.05 for each further distinct phrase.
inherited
    the same rules run over the subtopic heading and the theme, for goals the recommendation's
    own text does not give (0.3-0.5). With nothing at all and a theme given: 8 / 8.A from the
    theme (0.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from dataclasses import dataclass
from typing import Literal

from cepa_kg.loaders import goal_rules as R
from cepa_kg.loaders.spans import Span

Method = Literal["explicit", "thematic", "inherited"]

_METHOD_RANK = {"explicit": 2, "thematic": 1, "inherited": 0}
_CODE = re.compile(r"^mdg-([1-8])([a-f]?)$")


@dataclass(frozen=True)
class Alignment:
    code: str  # "mdg-6" (goal) or "mdg-8a" (target)
    method: Method
    score: float  # 0..1
    evidence: str  # the exact phrase from the document
    span: Span | None  # absolute offsets of the evidence phrase


@dataclass(frozen=True)
class _Hit:
    """One rule firing: a phrase at an absolute span that points at some codes."""

    codes: tuple[str, ...]
    score: float
    span: Span
    phrase: str


@lru_cache(maxsize=256)
def goal_of(code: str) -> str:
    """The goal code of a goal or target code.

    >>> goal_of("mdg-8a"), goal_of("mdg-6")
    ('mdg-8', 'mdg-6')
    """
    m = _CODE.match(code)
    if not m:
        raise ValueError(f"not an MDG goal or target code: {code!r}")
    return f"mdg-{m.group(1)}"


def _with_goals(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The codes plus the goal of each target, in order, without repeats."""
    out: list[str] = []
    for code in codes:
        for c in (goal_of(code), code):
            if c not in out:
                out.append(c)
    return tuple(out)


def _sort_key(code: str) -> tuple[int, str]:
    m = _CODE.match(code)
    assert m is not None
    return int(m.group(1)), m.group(2)


# --- rule firing -------------------------------------------------------------------------------


def _cue_hits(text: str, scope: Span, *, exhaustive: bool = False) -> Iterator[_Hit]:
    """Every cue's matches in the scope. A cue none of whose literal hints the scope holds is
    skipped, as it cannot match (`exhaustive` runs every cue: for tests)."""
    piece = scope.of(text)
    folded = None if exhaustive else R.folded_text(piece)
    for cue in R.CUES:
        if folded is not None and not R.may_match(cue.hints, folded):
            continue
        for m in cue.pattern.finditer(piece):
            window = piece[max(0, m.start() - R.WINDOW) : m.end() + R.WINDOW]
            if cue.veto is not None and cue.veto.search(window):
                continue
            if cue.needs is not None and not cue.needs.search(window):
                continue
            span = Span(scope.start + m.start(), scope.start + m.end())
            yield _Hit(_with_goals(cue.codes), cue.score, span, m.group(0))


def _specific_hits(text: str, scope: Span) -> Iterator[_Hit]:
    piece = scope.of(text)
    for m in R.SPECIFIC_GOALS.finditer(piece):
        codes = tuple(dict.fromkeys(f"mdg-{n}" for n in re.findall(r"[1-8]", m.group("nums"))))
        yield _Hit(codes, R.SPECIFIC_SCORE, Span(scope.start + m.start(), scope.start + m.end()),
                   m.group(0))
    for m in R.SPECIFIC_TARGET.finditer(piece):
        code = f"mdg-{m.group('goal')}{m.group('letter').lower()}"
        yield _Hit(_with_goals((code,)), R.SPECIFIC_SCORE,
                   Span(scope.start + m.start(), scope.start + m.end()), m.group(0))


def _generic_mention(text: str, scope: Span) -> _Hit | None:
    """The strongest (then first) generic MDG/IADG mention in the scope, if any."""
    piece = scope.of(text)
    best: _Hit | None = None
    for pattern, score in R.GENERIC_MENTIONS:
        for m in pattern.finditer(piece):
            hit = _Hit(R.ANCHOR_CODES, score, Span(scope.start + m.start(), scope.start + m.end()),
                       m.group(0))
            if best is None or (hit.score, -hit.span.start) > (best.score, -best.span.start):
                best = hit
    return best


def _thematic(hits: list[_Hit], method: Method) -> dict[str, Alignment]:
    """Per code: the strongest hit, raised for each further distinct phrase (capped)."""
    by_code: dict[str, list[_Hit]] = {}
    for hit in hits:
        for code in hit.codes:
            by_code.setdefault(code, []).append(hit)
    out: dict[str, Alignment] = {}
    for code, group in by_code.items():
        best = max(group, key=lambda h: (h.score, -h.span.start))
        phrases = {re.sub(r"\s+", " ", h.phrase.lower()) for h in group}
        score = best.score
        if len(phrases) > 1:
            bonus = R.CORROBORATION_BONUS * (len(phrases) - 1)
            score = max(score, min(R.THEMATIC_CAP, score + bonus))
        out[code] = Alignment(code, method, round(score, 3), best.phrase, best.span)
    return out


def _merge(into: dict[str, Alignment], new: dict[str, Alignment]) -> None:
    """Keep, per code, the stronger alignment (score, then method, then earlier evidence)."""
    for code, a in new.items():
        old = into.get(code)
        if old is None or _rank(a) > _rank(old):
            into[code] = a


def _rank(a: Alignment) -> tuple[float, int, int]:
    return (a.score, _METHOD_RANK[a.method], -(a.span.start if a.span else 0))


def _own(text: str, rec: Span, *, raise_by_mention: bool = True) -> dict[str, Alignment]:
    """Explicit and thematic alignments from the text of a span.

    A generic MDG/IADG mention raises the goals the text points at (`raise_by_mention`), or, if
    it points at none, gives the governance anchor.
    """
    out: dict[str, Alignment] = {}
    thematic = _thematic(list(_cue_hits(text, rec)), "thematic")
    _merge(out, thematic)
    specific = list(_specific_hits(text, rec))
    for hit in specific:
        explicit = {c: Alignment(c, "explicit", hit.score, hit.phrase, hit.span) for c in hit.codes}
        _merge(out, explicit)
    generic = _generic_mention(text, rec)
    if generic is not None and not specific:
        # The explicit commitment to the MDGs backs every goal the text clearly points at.
        backed = {c: a for c, a in thematic.items() if a.score >= R.SUPPORTED_MIN}
        if backed and raise_by_mention:
            raised = {
                code: Alignment(
                    code,
                    "explicit",
                    R.SUPPORTED_SCORE_STRONG if a.score >= 0.7 else R.SUPPORTED_SCORE_WEAK,
                    generic.phrase,
                    generic.span,
                )
                for code, a in backed.items()
            }
            _merge(out, raised)
        elif not backed:
            _merge(out, {c: Alignment(c, "explicit", R.ANCHOR_SCORE, generic.phrase, generic.span)
                         for c in R.ANCHOR_CODES})
    return out


@lru_cache(maxsize=64)  # the same heading is inherited by each of its recommendations
def _inherited_items(text: str, scope: Span, factor: float, cap: float
                     ) -> tuple[tuple[str, Alignment], ...]:
    return tuple(_inherited(text, scope, factor, cap).items())


def _inherited(text: str, scope: Span, factor: float, cap: float) -> dict[str, Alignment]:
    """Alignments a recommendation inherits from a heading: the heading's own, scaled down.

    A heading's cue phrase is better evidence than its generic MDG mention, so the mention does
    not raise the heading's goals here.
    """
    own = _own(text, scope, raise_by_mention=False)
    return {
        code: Alignment(
            code,
            "inherited",
            round(min(cap, max(R.INHERITED_MIN, a.score * factor)), 3),
            a.evidence,
            a.span,
        )
        for code, a in own.items()
    }


def align(
    text: str, rec: Span, *, subtopic: Span | None = None, theme: Span | None = None
) -> list[Alignment]:
    """The MDG goals and targets the recommendation at `rec` serves, with evidence.

    Args:
        text: the whole document text.
        rec: the span of the recommendation's text.
        subtopic: the span of its subtopic heading, if any.
        theme: the span of the session's main theme (or the AMR theme), if any.

    Returns:
        One Alignment per goal or target code, sorted by goal number (goal before its targets);
        each target's goal is present with at least the target's score. Non-empty whenever
        `theme` is given (and also without: the governance anchor from CEPA's mandate).

    Raises:
        ValueError: a span lies outside `text`.

    >>> doc = "Member States should fight corruption."
    >>> [(a.code, a.method, a.evidence) for a in align(doc, Span(0, len(doc)))]
    [('mdg-8', 'thematic', 'corruption'), ('mdg-8a', 'thematic', 'corruption')]
    """
    for span in (rec, subtopic, theme):
        if span is not None and span.end > len(text):
            raise ValueError(f"span [{span.start}, {span.end}) outside a text of {len(text)}")
    out = _own(text, rec)
    own_goals = {goal_of(c) for c in out}
    heritage: dict[str, Alignment] = {}
    if subtopic is not None:
        _merge(heritage, dict(_inherited_items(text, subtopic, R.SUBTOPIC_FACTOR,
                                               R.SUBTOPIC_CAP)))
    if theme is not None:
        _merge(heritage, dict(_inherited_items(text, theme, R.THEME_FACTOR, R.THEME_CAP)))
    _merge(out, {c: a for c, a in heritage.items() if goal_of(c) not in own_goals})
    if not out:
        source = (theme or rec).strip(text)
        score = R.FALLBACK_SCORE if theme is not None else R.MANDATE_SCORE
        out = {c: Alignment(c, "inherited", score, source.of(text), source) for c in R.ANCHOR_CODES}
    _ensure_goals(out)
    return sorted(out.values(), key=lambda a: _sort_key(a.code))


def _ensure_goals(out: dict[str, Alignment]) -> None:
    """Give every aligned target its goal (same evidence), at least as strong as the target."""
    for code, a in list(out.items()):
        goal = goal_of(code)
        if goal != code and (goal not in out or _rank(out[goal]) < _rank(a)):
            out[goal] = Alignment(goal, a.method, a.score, a.evidence, a.span)
