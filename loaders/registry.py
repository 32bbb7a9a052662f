"""The known document kinds, and detection of a text's kind from its content."""

from __future__ import annotations

from cepa_kg.loaders import project, project_rdf, session, session_rdf, update, update_rdf
from cepa_kg.loaders.base import Loader

MIN_SCORE = 0.5

LOADERS: tuple[Loader, ...] = (
    Loader("cepa-session", "CEPA session summary", session.detect, session.parse,
           session_rdf.to_rdf),
    Loader("dpadm-monthly-update", "DPADM monthly update", update.detect, update.parse,
           update_rdf.to_rdf),
    Loader("da-project", "Development Account project page", project.detect, project.parse,
           project_rdf.to_rdf),
)


class UnknownKindError(ValueError):
    """The text is none of the known kinds of document."""


#: Detectors in the order they are tried: cheapest first. The first to be certain (1.0) wins
#: without the others being run (the session detector costs ~4 ms on a monthly update, the
#: update detector ~0.1 ms on anything).
DETECTION_ORDER = ("dpadm-monthly-update", "da-project", "cepa-session")


def detect(text: str) -> Loader:
    """The loader whose detector is surest about `text`; refuses when none is sure enough.
    A detector that is certain ends the search; otherwise the highest score wins (ties: the
    order of LOADERS)."""
    scores: dict[str, float] = {}
    for kind in DETECTION_ORDER:
        scores[kind] = by_kind(kind).detect(text)
        if scores[kind] >= 1.0:
            return by_kind(kind)
    scored = sorted(((scores[loader.kind], loader) for loader in LOADERS),
                    key=lambda pair: -pair[0])
    best_score, best = scored[0]
    if best_score < MIN_SCORE:
        kinds = ", ".join(loader.label for loader in LOADERS)
        raise UnknownKindError(
            f"not a document of a known kind (tried: {kinds}; best guess "
            f"{best.label} at {best_score:.2f}, needs {MIN_SCORE})"
        )
    return best


def by_kind(kind: str) -> Loader:
    for loader in LOADERS:
        if loader.kind == kind:
            return loader
    raise KeyError(kind)
