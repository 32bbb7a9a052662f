"""The IRI paths of the seed corpus's recommendations, by session and order: tests name a
recommendation as a reader would ("session 8, recommendation 7"), and the path is its text key
(`iris.text_key`), as the loader mints it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cepa_kg.loaders import session
from cepa_kg.loaders.iris import text_key

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = {5: "cepa-session-05-2006.txt", 8: "cepa-session-08-2009.txt"}


@cache
def _doc(number: int) -> session.SessionDocument:
    return session.parse((CORPUS / FILES[number]).read_text(encoding="utf-8"))


def recommendation_path(number: int, order: int) -> str:
    """`session/8/recommendation/{key}` of the session's `order`-th recommendation."""
    rec = _doc(number).recommendations[order - 1]
    return f"session/{number}/recommendation/{text_key(rec.text)}"


def paragraph_path(number: int, order: int) -> str:
    """`session/5/resolution/{key}` of the `order`-th paragraph of the session's resolution."""
    para = _doc(number).resolution.paragraphs[order - 1]
    return f"session/{number}/resolution/{text_key(para.text)}"
