"""The fifteenth study's real pages (fixtures in our own words in
tests/data/archive-fifteenth-study/{update,project}/, the pages read in each README): a ratchet
on the facts they give today, every page loaded."""

from __future__ import annotations

from pathlib import Path

from tests.archive_facts import check_study

STUDY = Path(__file__).parent / "data" / "archive-fifteenth-study"
BASE = "http://localhost:8000/"

#: Facts found today (update: 57 of 116 before this session's rules, two pages refused;
#: project: 48 of 82, two refused).
FIFTEENTH_STUDY_UPDATE_FOUND = 80
FIFTEENTH_STUDY_PROJECT_FOUND = 55


def test_the_fifteenth_study_update_pages_lose_nothing_read_today() -> None:
    check_study(STUDY / "update", base=BASE, pages=12, found=FIFTEENTH_STUDY_UPDATE_FOUND)


def test_the_fifteenth_study_project_pages_lose_nothing_read_today() -> None:
    check_study(STUDY / "project", base=BASE, pages=11, found=FIFTEENTH_STUDY_PROJECT_FOUND)
