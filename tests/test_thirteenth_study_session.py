"""The thirteenth study's session pages (tests/data/archive-thirteenth-study/session/README.md:
real CEPA session pages read for their agenda items, themes, dates and bureau members), kept
apart: a ratchet on the facts found today (78 of 78; 47 before its rules), all loaded, none
refused."""

from __future__ import annotations

from pathlib import Path

from tests.archive_facts import check_fixture, fixture_documents

STUDY = Path(__file__).parent / "data" / "archive-thirteenth-study" / "session"
BASE = "http://localhost:8000/"
FOUND = 78


def test_the_thirteenth_study_session_pages_lose_nothing_read_today() -> None:
    results = [check_fixture(d, f, base=BASE) for d, f in fixture_documents(STUDY)]
    assert len(results) == 11
    assert all(r.outcome.status == "loaded" for r in results), \
        [(r.name, r.outcome.error) for r in results if r.outcome.status != "loaded"]
    found = sum(r.found for r in results)
    assert found >= FOUND, f"{found} of {sum(r.total for r in results)} facts"
