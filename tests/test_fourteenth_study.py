"""The fourteenth study's patterns of real pages that report events (texts our own; the
fixtures are in tests/data/archive-fourteenth-study/update/, the pages read in its README), and
a ratchet on the facts its fixtures give today."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders import update

from tests.archive_facts import check_study

STUDY = Path(__file__).parent / "data" / "archive-fourteenth-study" / "update"
BASE = "http://localhost:8000/"

#: The facts the study's update fixtures give today (48 of 57; 30 before its rules, 38 after): a
#: ratchet. One page (a regional office's event page) is refused by the family detection.
FOURTEENTH_STUDY_UPDATE_FOUND = 48
FOURTEENTH_STUDY_UPDATE_LOADED = 10


def test_the_fourteenth_study_update_pages_lose_nothing_read_today() -> None:
    check_study(STUDY, base=BASE, pages=11, found=FOURTEENTH_STUDY_UPDATE_FOUND,
                loaded=FOURTEENTH_STUDY_UPDATE_LOADED)


def _events(text: str) -> list[update.Event]:
    return list(update.parse(text).events)


def _organisers(e: update.Event) -> set[str]:
    return {a.label for a in e.organizers}


def test_counted_meetings_on_listed_days_get_a_day_each_and_these_refers_back() -> None:
    text = ("Awards briefings\n\nDPADM held two briefing sessions for Member States on 4 and 19 "
            "March 2014. These sessions were attended by Permanent Missions of Chile, Ghana and "
            "Norway.\n")
    events = _events(text)
    assert [str(e.dates.start) for e in events] == ["2014-03-04", "2014-03-19"], events
    for e in events:
        assert {a.label for a in e.participants} == {"Chile", "Ghana", "Norway"}, e


def test_a_capital_the_after_and_opens_a_second_organiser() -> None:
    text = ("Workshop\n\nThe Ministry of Federal Affairs and General Administration (MoFAGA) "
            "called for open data. The MoFAGA and The Division of Public Administration and "
            "Development Management (DPADM) organized the two-day workshop on open data.\n")
    (event,) = _events(text)
    assert len(event.organizers) == 2, _organisers(event)


def test_a_meeting_the_workshop_goes_with_organises_nothing() -> None:
    text = ("Open budgets\n\nThe workshop is arranged by DPADM and co-organized with the Office "
            "of the Prime Minister of Namibia in conjunction with the yearly United Nations Public "
            "Administration Network (UNPAN) Partners Meeting.\n")
    events = _events(text)
    assert not any("Network" in o for e in events for o in _organisers(e)), events


def test_the_hosting_government_hosts() -> None:
    text = ("Forum\n\nThe Forum will take place in Nairobi from 20 to 23 June 2016. It is "
            "organized by DPADM collaborating with UNDP and with support from the hosting "
            "Government of the Republic of Kenya.\n")
    (event,) = _events(text)
    assert "Kenya" in _organisers(event), _organisers(event)


def test_a_unit_named_with_the_body_it_belongs_to_organises() -> None:
    text = ("Workshop\n\nThe Capacity Building Workshop on Leadership is organized by the Public "
            "Administration Capacity Building Branch of the Division for Public Administration "
            "and Development Management.\n")
    (event,) = _events(text)
    assert _organisers(event) == {"Public Administration Capacity Building Branch"}, \
        _organisers(event)


def test_a_conference_room_is_no_conference() -> None:
    text = ("Briefing\n\nA last briefing session will be held on 9 April 2014 at Two United "
            "Nations Plaza, Conference Room DC2 2330, New York.\n")
    assert [e.kind for e in _events(text)] == ["meeting"]
