"""The known document kinds, and detection of a text's kind from its content."""

from __future__ import annotations

from cepa_kg.loaders import project, project_rdf, session, session_rdf, update, update_rdf
from cepa_kg.loaders.base import Loader
from cepa_kg.loaders.family_detection import (
    MIN_SCORE,
    NAMED_MIN_SCORE,
    PROJECT_MIN_SCORE,
    UN_NEWS_MIN_SCORE,
    fits_family,
    names_the_un,
)

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


def ranked(text: str) -> list[Loader]:
    """Every loader whose family the text fits well enough, best first (a page whose best
    family's reader finds nothing of it is read by the next); refuses with the best guesses
    when none does."""
    scored = sorted(((loader.detect(text), loader) for loader in LOADERS),
                    key=lambda pair: -pair[0])
    update_score = next(score for score, loader in scored
                        if loader.kind == "dpadm-monthly-update")
    fit = [loader for score, loader in scored
           if fits_family(score, text, project=loader.kind == "da-project", rival=update_score)]
    if not fit:  # (the last chance: the division's news as a partner's site tells it)
        fit = [loader for score, loader in scored if loader.kind == "dpadm-monthly-update"
               and score >= UN_NEWS_MIN_SCORE and names_the_un(text)]
    if not fit:
        guesses = ", ".join(f"{loader.label} {score:.2f}" for score, loader in scored)
        raise UnknownKindError(
            f"not a document of a known kind (best guesses: {guesses}; needs {MIN_SCORE} (a "
            f"project page {PROJECT_MIN_SCORE}), or "
            f"{NAMED_MIN_SCORE} on a page that names the division's work, or a project page "
            f"that names an entity carrying out the Account's projects)")
    return fit


def detect(text: str) -> Loader:
    """The loader whose family the text's content fits best (`family_detection`); refuses
    with the best guesses when none fits well enough (less is enough on a page that names
    the division's work)."""
    return ranked(text)[0]


def by_kind(kind: str) -> Loader:
    for loader in LOADERS:
        if loader.kind == kind:
            return loader
    raise KeyError(kind)
