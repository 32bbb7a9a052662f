"""The look-ahead that speeds up the event-word scan (`update_events.EVENT_INITIALS`) loses no
word: on every page of the repository's fixtures and corpus, the scan finds what the plain
alternatives find."""

from __future__ import annotations

import re
from pathlib import Path

from cepa_kg.loaders.update_events import _WORD, _WORD_ALTERNATIVES, EVENT_INITIALS

ROOT = Path(__file__).resolve().parent.parent
PLAIN = re.compile(rf"\b(?:{_WORD_ALTERNATIVES})\b", re.I)


def _pages() -> list[str]:
    found = [p for folder in ("tests/data", "corpus") for p in (ROOT / folder).rglob("*.txt")]
    return [p.read_text(encoding="utf-8", errors="replace") for p in found]


def test_the_look_ahead_loses_no_event_word() -> None:
    pages = _pages()
    assert len(pages) > 50
    seen = 0
    for text in pages:
        plain = [(m.start(), m.end(), m.lastgroup) for m in PLAIN.finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in _WORD.finditer(text)] == plain
        seen += len(plain)
    assert seen > 300


def test_every_initial_is_used() -> None:
    """No letter in the look-ahead that no word begins with (it would only cost time)."""
    for letter in EVENT_INITIALS:
        assert any(re.match(rf"(?:{_WORD_ALTERNATIVES})", word, re.I)
                   for word in _sample_words() if word[0] == letter), letter


def _sample_words() -> list[str]:
    return ["award ceremony", "briefing", "conference", "dialogue", "expert group meeting",
            "forum", "hackathon", "launch", "meeting", "online event", "panel", "retreat",
            "seminar", "training", "visit", "workshop"]
