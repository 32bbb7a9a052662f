"""The loaders' screened patterns give exactly Python's matches (loaders/screened.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import cepa_kg.loaders as loaders
import pytest
from cepa_kg.loaders.screened import CASE_PAST_LATIN, Screened, screen_source, screened
from hypothesis import given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _screened_patterns() -> list[tuple[str, Screened]]:
    found = []
    for info in pkgutil.iter_modules(loaders.__path__):
        module = importlib.import_module(f"cepa_kg.loaders.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Screened):
                found.append((f"{info.name}.{name}", value))
    return found


PATTERNS = _screened_patterns()
#: Texts that stress the screen: letters past Latin-1 (each read as "?" by it), the letters
#: whose other case lies past Latin-1, spaces Python's \s knows and ASCII does not, a real "?".
_ODD = ("Komitee \u212aommittee \u017fession \u0131ts the\u00a0theme was\u2009“Good ſtuff”; "
        "КОМИТЕТ сессия 第十届会议 لجنة الخبراء ? Is it? \u0130stanbul, 4–8 April 2005.\n")


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) == 4
    return texts + [_ODD * 20, " ".join(texts)[:20000] + _ODD * 5]


def _found(pattern: re.Pattern[str], text: str, pos: int = 0, end: int = sys.maxsize
           ) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos, end)]


def test_the_loaders_screen_their_costliest_patterns() -> None:
    assert len(PATTERNS) >= 50


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_a_screened_pattern_finds_what_python_finds(name: str, pattern: Screened) -> None:
    for text in _texts():
        assert _found(pattern, text) == _found(pattern.python, text), name
        # ... from inside the text too (look-behinds and "^" see what lies before `pos`)
        pos, end = len(text) // 3, 2 * len(text) // 3
        assert _found(pattern, text, pos, end) == _found(pattern.python, text, pos, end), name
        first = pattern.search(text, pos)
        expected = pattern.python.search(text, pos)
        assert (first and first.span()) == (expected and expected.span()), name


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeiksthmAEIKST ,.:?\n\u00a0\u212a\u017f\u0131"
                                             "\u00e9\u00df\u1e9e\u0416\u2009\u201c")),
               min_size=200, max_size=400),
       st.sampled_from([r"\b(?:its|the)\s+theme\s*:", r"(?<!\w)k[a-z]+\b", r"[^\W\d]+s\b",
                        r"(?m)^[^\S\n]*[A-Z][a-z]+\s*:", r"ß+|ss", r"(?i)(?:IS|Kit)\s+\S"]))
def test_a_screen_keeps_every_match_of_any_text(text: str, source: str) -> None:
    for flags in (0, re.I):
        pattern = re.compile(source, flags)
        wrapped = screened(pattern)
        assert isinstance(wrapped, Screened)
        assert _found(wrapped, text) == _found(pattern, text)
        assert _found(wrapped, text, 50, 300) == _found(pattern, text, 50, 300)


def test_a_pattern_the_screen_cannot_express_runs_unscreened() -> None:
    back_reference = re.compile(r"(\w)\1")
    maybe_empty = re.compile(r"a*")
    assert screened(back_reference) is back_reference
    assert screened(maybe_empty) is maybe_empty
    assert screen_source(back_reference) is None


def test_letters_whose_other_case_lies_past_latin_1_are_the_ones_python_knows() -> None:
    """Asked of Python's own engine: every Latin-1 letter that matches, or is matched by, a
    character past Latin-1 under IGNORECASE (the screen reads those characters as "?")."""
    def forms(char: str) -> set[str]:
        return {c for form in (char.lower(), char.upper(), char.casefold()) for c in form}

    latin = [chr(b) for b in range(0x100)]
    related = {c for ch in latin for c in forms(ch) | {x for f in forms(ch) for x in forms(f)}
               if ord(c) >= 0x100}
    for code in range(0x100, sys.maxunicode + 1):
        if not 0xD800 <= code <= 0xDFFF and any(ord(c) < 0x100 for c in forms(chr(code))):
            related.add(chr(code))
    found = {ch for ch in latin for other in related if re.fullmatch(re.escape(ch), other, re.I)
             or re.fullmatch(re.escape(other), ch, re.I)}
    assert found == set(CASE_PAST_LATIN)
