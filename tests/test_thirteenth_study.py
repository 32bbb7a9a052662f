"""The thirteenth study's patterns of real pages that report events, agreements and people
(texts our own; the fixtures are in tests/data/archive-thirteenth-study/update/, the pages read
in its README), and a ratchet on the facts its fixtures give today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cepa_kg.loaders import update

from tests.archive_facts import check_study

STUDY = Path(__file__).parent / "data" / "archive-thirteenth-study" / "update"
BASE = "http://localhost:8000/"

#: The facts the study's update fixtures give today (87 of 94; 53 before its rules, 67 before
#: the family detection read its three refused pages, 79 before the fifteenth session's
#: rules): a ratchet, every page loaded.
THIRTEENTH_STUDY_UPDATE_FOUND = 87
THIRTEENTH_STUDY_UPDATE_LOADED = 13


def test_the_thirteenth_study_update_pages_lose_nothing_read_today() -> None:
    check_study(STUDY, base=BASE, pages=13, found=THIRTEENTH_STUDY_UPDATE_FOUND,
                loaded=THIRTEENTH_STUDY_UPDATE_LOADED)


def _people(text: str) -> dict[str, tuple[tuple[str | None, str | None], ...]]:
    doc = update.parse(text)
    return {p.name: tuple((m.title, m.organization.label if m.organization else m.affiliation)
                          for m in p.memberships) for p in doc.persons}


def _events(text: str) -> list[update.Event]:
    return list(update.parse(text).events)


# -- people --------------------------------------------------------------------------------------

def test_a_post_and_its_body_before_the_name_without_a_comma() -> None:
    text = ("Forum opens\n\nDeputy Prime Minister of Georgia Nino Beridze attended the opening. "
            "Speakers included Chairman of the Digital Governance Agency Levan Kapanadze, and "
            "Rector of Ilia State University Prof. Tamar Gelashvili.\n")
    people = _people(text)
    assert ("Deputy Prime Minister", "Georgia") in people["Nino Beridze"], people
    assert people["Levan Kapanadze"][0][0] == "Chairman", people
    assert "Digital Governance Agency" in (people["Levan Kapanadze"][0][1] or ""), people
    assert people["Tamar Gelashvili"][0][0] == "Rector", people


def test_an_under_secretary_general_of_the_un_for_a_field_before_the_name() -> None:
    text = ("News\n\nThe minister has met with Under-Secretary-General of the United Nations for "
            "Economic and Social Affairs Wei Zhang.\n")
    people = _people(text)
    assert people["Wei Zhang"] == (("Under-Secretary-General for Economic and Social Affairs",
                                    "United Nations"),), people


def test_a_post_after_a_name_stops_at_and_the_next_person_with_a_post() -> None:
    text = ("Agreement signed\n\n  • 2015•03•02     Guimarães\n\n    Ana Lobo, Vice-Rector of the "
            "United Nations University (UNU) and Pedro Reis, President of the Polytechnic "
            "Institute of Leiria signed a Cooperation Agreement between UNU acting through the "
            "UNU Operating Unit on Policy-Driven Electronic Governance, and the Polytechnic "
            "Institute of Leiria.\n")
    people = _people(text)
    assert people["Ana Lobo"][0] == ("Vice-Rector", "United Nations University"), people
    assert people["Pedro Reis"][0][0] == "President", people
    doc = update.parse(text)
    parts = [p for it in doc.items for p in it.partnerships]
    assert [(p.status, {a.label for a in p.parties}) for p in parts] == [
        ("agreed", {"United Nations University", "Polytechnic Institute of Leiria"})]


# -- events --------------------------------------------------------------------------------------

def test_the_2030_agenda_gives_no_year_to_a_date_written_without_one() -> None:
    text = ("Online Workshop on Foresight for the 2030 Agenda\n\nThe workshop will take place on "
            "9 and 11 March and 16 and 18 March 2021 and is organized by UNDESA.\n")
    (event,) = _events(text)
    assert event.dates is not None and event.dates.start == dt.date(2021, 3, 9), event.dates
    text = ("Volume 15, Issue I March 2016\n\n\n2016 United Nations Public Service Forum\n\nThe "
            "2016 UN Public Service Forum on the theme \"Implementing the 2030 Agenda\" will be "
            "held in Bogotá, Colombia from 21 to 23 June.\n")
    forum = next(e for e in _events(text) if e.kind == "forum")
    assert forum.dates is not None and forum.dates.start == dt.date(2016, 6, 21), forum.dates


def test_today_in_a_dated_news_item_is_the_item_s_day_and_a_venue_organises_nothing() -> None:
    text = (" date 2023-06-26 Baku, Azerbaijan, June 26\n\nTrend:\n\nCo-organized by the State "
            "Agency for Public Service and the United Nations, the Regional Forum on Digital "
            "Services has today opened at the Baku Congress Center.\n")
    (event,) = _events(text)
    assert event.dates is not None and event.dates.start == dt.date(2023, 6, 26)
    assert "Baku Congress Center" not in {a.label for a in event.organizers}, event.organizers


def test_partners_that_launched_a_workshop_organised_it_and_its_range_comes_after() -> None:
    text = ("Training of Trainers Workshop on Local Service Delivery\n\nNepal Administrative "
            "Staff College (NASC), in partnership with the United Nations Department of "
            "Economic and Social Affairs (UN DESA) through its Division for Public Institutions "
            "and Digital Government (DPIDG), along with UNDP Nepal, formally opened the Training "
            "of Trainers (ToT) Workshop on \"Local Service Delivery\", 8 September 2024. The "
            "programme runs from 8 to 11 September 2024.\n")
    (event,) = _events(text)
    assert event.kind == "workshop"
    assert {a.label for a in event.organizers} >= {
        "Nepal Administrative Staff College", "Division for Public Institutions and Digital "
        "Government", "United Nations Development Programme"}, event.organizers
    assert event.dates is not None and event.dates.end == dt.date(2024, 9, 11), event.dates


def test_a_host_thanked_for_hosting_organises_the_event() -> None:
    text = ("Opening Remarks at 2018 United Nations Public Service Forum\n\nI wish to thank the "
            "government and people of the Kingdom of Morocco for hosting this year's UN Public "
            "Service Forum.\n")
    forum = next(e for e in _events(text) if e.kind == "forum")
    assert [a.label for a in forum.organizers] == ["Morocco"], forum.organizers


def test_substantive_assistance_organises_nothing_and_a_body_s_country_office_is_the_body(
) -> None:
    text = ("Open data\n\nThe National Workshop on Open Data will take place in Chisinau, "
            "Republic of Moldova on 14-16 October. The event is organized by the State "
            "Chancellery of the Republic of Moldova in cooperation with United Nations "
            "Development Programme (UNDP) Country Office in Moldova and the e-Government Center "
            "with substantive assistance of UN DESA's Division for Public Administration and "
            "Development Management (DPADM).\n")
    (event,) = _events(text)
    labels = {a.label for a in event.organizers}
    assert labels == {"State Chancellery of the Republic of Moldova",
                      "United Nations Development Programme", "e-Government Center"}, labels


def test_offices_in_the_plural_name_a_body() -> None:
    text = ("Workshops\n\nOrganized by the United Nations Department of Economic and Social "
            "Affairs (UN DESA), Resident Coordinators Offices (RCOs) and the Pacific Islands "
            "Forum Secretariat (PIFS).\n\nThe partners named above held a series of virtual "
            "workshops. The last workshop will be held on 22 March 2023 via Zoom.\n")
    labels = {a.label for e in _events(text) for a in e.organizers}
    assert "Resident Coordinators Offices" in labels, labels


def test_a_unit_named_with_its_parent_is_also_known_by_its_own_name() -> None:
    """"the E-Government Branch of the United Nations Department of Economic and Social
    Affairs": a new organisation whose name ends with a known one's gets its own name as an
    alternative label (a later page names it so); a name that ends with no known body does
    not ("University of Minho")."""
    from cepa_kg.loaders.actor_rdf import _unit_name

    assert _unit_name("E-Government Branch of the United Nations Department of Economic and "
                      "Social Affairs") == "E-Government Branch"
    assert _unit_name("Division for Public Institutions and Digital Government of UN DESA") == (
        "Division for Public Institutions and Digital Government")
    assert _unit_name("University of Minho") is None
    assert _unit_name("Ministry of Finance") is None
