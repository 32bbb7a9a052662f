"""The thirteenth study's session pages (tests/data/archive-thirteenth-study/session/README.md:
real CEPA session pages read for their agenda items, themes, dates and bureau members), kept
apart: a ratchet on the facts found today (78 of 78; 47 before its rules), all loaded, none
refused."""

from __future__ import annotations

from pathlib import Path

from tests.archive_facts import check_study

STUDY = Path(__file__).parent / "data" / "archive-thirteenth-study" / "session"
BASE = "http://localhost:8000/"
FOUND = 78


def test_the_thirteenth_study_session_pages_lose_nothing_read_today() -> None:
    check_study(STUDY, base=BASE, pages=11, found=FOUND)
