"""Goal tracing for any text, as JSON: what `cepa-kg goals` prints and `POST /goals` answers.

One entry per alignment: `goal` is the goal's IRI in the graph (`{BASE}id/goal/sdg-16`),
`target` the target's IRI or null for a goal-level alignment, `method`, `score`, and the
`evidence` phrase with its character offsets into the text given.
"""

from __future__ import annotations

from typing import Any

from cepa_kg.loaders.goals import align, frameworks, goal_of, is_target
from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.spans import Span

__all__ = ["trace", "MAX_TEXT"]

#: The longest text traced on demand (characters): a page, not a book.
MAX_TEXT = 100_000


def trace(text: str, *, base: str, era: str | None = None) -> dict[str, Any]:
    """{"alignments": [...], "frameworks": [...]} for `text` (see the module's docstring)."""
    if len(text) > MAX_TEXT:
        raise ValueError(f"the text has {len(text):,} characters; at most {MAX_TEXT:,} are traced")
    if era not in (None, "mdg", "sdg"):
        raise ValueError(f'era is "mdg" or "sdg", not {era!r}')
    iris = Iris(base)
    whole = Span(0, len(text))
    out = []
    for a in align(text, whole, era=era):
        goal = str(iris.goal(goal_of(a.code)))
        out.append({
            "goal": goal,
            "target": str(iris.target(a.code)) if is_target(a.code) else None,
            "method": a.method,
            "score": a.score,
            "evidence": {"text": a.evidence, "start": a.span.start if a.span else None,
                         "end": a.span.end if a.span else None},
        })
    mentioned = [{"framework": str(iris.scheme(m.scheme)), "text": m.phrase,
                  "start": m.span.start, "end": m.span.end} for m in frameworks(text, whole)]
    return {"alignments": out, "frameworks": mentioned}
