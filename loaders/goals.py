"""Goal alignment (INTERIM VERSION: interface fixed, internals being replaced).

`align(text, rec, subtopic=None, theme=None)` -> the MDG goals and targets a recommendation
serves. `text` is the whole document text; `rec`, `subtopic`, `theme` are spans of the
recommendation, its subtopic heading and its session's main theme (or the ministerial review
theme for AMR recommendations). Each Alignment carries the evidence phrase and its absolute
span. Guarantees: at most one Alignment per code; whenever a target (mdg-8a) is aligned its goal
(mdg-8) is aligned too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cepa_kg.loaders.spans import Span

Method = Literal["explicit", "thematic", "inherited"]


@dataclass(frozen=True)
class Alignment:
    code: str  # "mdg-6" (goal) or "mdg-8a" (target)
    method: Method
    score: float  # 0..1
    evidence: str  # the exact phrase from the document
    span: Span | None  # absolute offsets of the evidence phrase


def align(
    text: str, rec: Span, *, subtopic: Span | None = None, theme: Span | None = None
) -> list[Alignment]:
    source = theme or rec
    return [Alignment("mdg-8", "inherited", 0.3, source.of(text), source)]
