"""Ratchets on the sixteenth to twenty-sixth studies of real pages (fixtures in our own words
in `tests/data/archive-<n>-study/<family>/`, the pages read in each README): the facts they
give today, and how many pages are read (not refused). Each README gives the figures of the
run made before any rule was written for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.archive_facts import check_study

DATA = Path(__file__).parent / "data"
BASE = "http://localhost:8000/"

#: (study, family, pages, pages read, facts found today)
STUDIES = [
    ("sixteenth", "session", 14, 14, 58),
    ("sixteenth", "project", 12, 12, 91),
    ("sixteenth", "update", 12, 12, 77),
    ("seventeenth", "project", 14, 14, 32),
    ("seventeenth", "update", 14, 14, 51),
    ("eighteenth", "session", 14, 13, 50),
    ("eighteenth", "project", 14, 13, 62),
    ("eighteenth", "update", 14, 14, 68),
    ("nineteenth", "session", 12, 10, 47),
    ("nineteenth", "project", 12, 12, 41),
    ("nineteenth", "update", 13, 13, 35),
    ("twentieth", "session", 14, 14, 62),
    ("twentieth", "project", 14, 11, 22),
    ("twentieth", "update", 14, 12, 31),
    ("twentyfirst", "project", 14, 10, 62),
    ("twentyfirst", "update", 14, 14, 56),
    ("twentysecond", "session", 14, 14, 52),
    ("twentysecond", "update", 14, 13, 66),
    ("twentythird", "session", 14, 14, 98),
    ("twentythird", "project", 14, 13, 37),
    ("twentythird", "update", 14, 13, 78),
    ("twentyfourth", "project", 14, 14, 38),
    ("twentyfourth", "update", 14, 14, 88),
    ("twentyfifth", "project", 11, 11, 56),
    ("twentyfifth", "session", 7, 7, 25),
    ("twentyfifth", "update", 14, 14, 77),
    ("twentyfifth", "update-people", 14, 14, 67),
    ("twentysixth", "project", 14, 12, 69),
    ("twentysixth", "update-events", 14, 13, 86),
    ("twentysixth", "update-languages", 14, 14, 28),
]


@pytest.mark.parametrize(("study", "family", "pages", "loaded", "found"), STUDIES,
                         ids=[f"{s}-{f}" for s, f, *_ in STUDIES])
def test_a_study_loses_nothing_read_today(study: str, family: str, pages: int, loaded: int,
                                          found: int) -> None:
    check_study(DATA / f"archive-{study}-study" / family, base=BASE, pages=pages,
                loaded=loaded, found=found)
