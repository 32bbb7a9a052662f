"""Ratchets on the sixteenth to thirtieth studies of real pages (fixtures in our own words
in `tests/data/archive-<n>-study/<family>/`, the pages read in each README): the facts they
give today, and how many pages are read (not refused). Each README gives the figures of the
run made before any rule was written for it."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tests.archive_facts import check_study

DATA = Path(__file__).parent / "data"
BASE = "http://localhost:8000/"

#: (study, family, pages, pages read, facts found today)
STUDIES = [
    ("sixteenth", "session", 14, 14, 59),
    ("sixteenth", "project", 12, 12, 98),
    ("sixteenth", "update", 12, 12, 86),
    ("seventeenth", "project", 14, 14, 45),
    ("seventeenth", "update", 14, 14, 53),
    ("eighteenth", "session", 14, 13, 56),
    ("eighteenth", "project", 14, 13, 63),
    ("eighteenth", "update", 14, 14, 73),
    ("nineteenth", "session", 12, 10, 48),
    ("nineteenth", "project", 12, 12, 46),
    ("nineteenth", "update", 13, 13, 37),
    ("twentieth", "session", 14, 14, 63),
    ("twentieth", "project", 14, 13, 39),
    ("twentieth", "update", 14, 13, 36),
    ("twentyfirst", "project", 14, 11, 71),
    ("twentyfirst", "update", 14, 14, 56),
    ("twentysecond", "session", 14, 14, 55),
    ("twentysecond", "update", 14, 14, 70),
    ("twentythird", "session", 14, 14, 101),
    ("twentythird", "project", 14, 14, 46),
    ("twentythird", "update", 14, 13, 80),
    ("twentyfourth", "project", 14, 14, 40),
    ("twentyfourth", "update", 14, 14, 88),
    ("twentyfifth", "project", 11, 11, 56),
    ("twentyfifth", "session", 7, 7, 28),
    ("twentyfifth", "update", 14, 14, 80),
    ("twentyfifth", "update-people", 14, 14, 71),
    ("twentysixth", "project", 14, 14, 83),
    ("twentysixth", "update-events", 14, 14, 92),
    ("twentysixth", "update-languages", 14, 14, 32),
    ("twentyseventh", "session", 5, 5, 18),
    ("twentyseventh", "update-people", 14, 13, 64),
    ("twentyseventh", "update-events", 14, 14, 77),
    ("twentyseventh", "project-news", 14, 14, 81),
    ("twentyseventh", "project-docs", 14, 13, 43),
    ("twentyeighth", "session-news", 4, 4, 26),
    ("twentyeighth", "session-people", 14, 12, 22),
    ("twentyeighth", "session-languages", 7, 7, 45),
    ("twentyeighth", "update-partnerships", 14, 13, 68),
    ("twentyeighth", "update-events", 14, 13, 45),
    ("twentyeighth", "project-partners", 9, 9, 50),
    ("twentyeighth", "project-bodies", 14, 14, 123),
    ("twentyeighth", "session-documents", 3, 3, 18),
    ("twentyeighth", "project-documents", 7, 7, 45),
    ("twentyeighth", "project-languages", 2, 2, 6),
    ("twentyeighth", "update-people", 14, 12, 42),
    ("twentyninth", "session-third-party", 4, 3, 14),
    ("twentyninth", "update-event-pages", 9, 9, 69),
    ("twentyninth", "update-partnership-news", 14, 14, 84),
    ("twentyninth", "project-partner-sites", 12, 12, 35),
    ("thirtieth", "project-entities", 11, 10, 53),
    ("thirtieth", "update-officials", 14, 14, 77),
    ("thirtieth", "update-romance-news", 14, 14, 44),
]


def _checked(row: tuple[str, str, int, int, int]) -> str | None:
    """One study checked (in a worker process): None, or why it fails."""
    study, family, pages, loaded, found = row
    try:
        check_study(DATA / f"archive-{study}-study" / family, base=BASE, pages=pages,
                    loaded=loaded, found=found)
    except AssertionError as error:
        return f"{type(error).__name__}: {error}"
    return None


@pytest.fixture(scope="module")
def checked() -> dict[str, str | None]:
    """Every study checked once, two at a time (the machine's two cores: the studies are a
    minute of the test run one after the other)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip((f"{s}-{f}" for s, f, *_ in STUDIES), pool.map(_checked, STUDIES),
                        strict=True))


@pytest.mark.parametrize(("study", "family", "pages", "loaded", "found"), STUDIES,
                         ids=[f"{s}-{f}" for s, f, *_ in STUDIES])
def test_a_study_loses_nothing_read_today(study: str, family: str, pages: int, loaded: int,
                                          found: int, checked: dict[str, str | None]) -> None:
    failure = checked[f"{study}-{family}"]
    assert failure is None, failure
