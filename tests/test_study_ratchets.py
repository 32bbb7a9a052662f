"""Ratchets on the sixteenth to twenty-fourth studies of real pages (fixtures in our own words
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
    ("sixteenth", "project", 12, 12, 88),
    ("sixteenth", "update", 12, 12, 76),
    ("seventeenth", "project", 14, 13, 31),
    ("seventeenth", "update", 14, 14, 47),
    ("eighteenth", "session", 14, 13, 49),
    ("eighteenth", "project", 14, 9, 45),
    ("eighteenth", "update", 14, 14, 60),
    ("nineteenth", "session", 12, 9, 46),
    ("nineteenth", "project", 12, 12, 40),
    ("nineteenth", "update", 13, 13, 35),
    ("twentieth", "session", 14, 13, 58),
    ("twentieth", "project", 14, 9, 13),
    ("twentieth", "update", 14, 8, 23),
    ("twentyfirst", "project", 14, 9, 58),
    ("twentyfirst", "update", 14, 10, 41),
    ("twentysecond", "session", 14, 14, 44),
    ("twentysecond", "update", 14, 13, 64),
    ("twentythird", "session", 14, 13, 47),
    ("twentythird", "project", 14, 8, 23),
    ("twentythird", "update", 14, 13, 72),
    ("twentyfourth", "project", 14, 14, 38),
    ("twentyfourth", "update", 14, 14, 80),
]


@pytest.mark.parametrize(("study", "family", "pages", "loaded", "found"), STUDIES,
                         ids=[f"{s}-{f}" for s, f, *_ in STUDIES])
def test_a_study_loses_nothing_read_today(study: str, family: str, pages: int, loaded: int,
                                          found: int) -> None:
    check_study(DATA / f"archive-{study}-study" / family, base=BASE, pages=pages,
                loaded=loaded, found=found)
