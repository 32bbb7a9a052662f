"""A calendar of meetings (DESA News' calendar pages): each meeting on two lines, its title with
the organisers as a slash-joined prefix, then its city and days. Texts our own, layout as seen
(`loaders/layouts/update.md`, "DESA News calendars")."""

from __future__ import annotations

import datetime as dt

from cepa_kg.loaders import update
from cepa_kg.loaders.update_calendar import calendar_pairs

CALENDAR = """DESA News Vol. 12, No. 9 September 2008

Commission for Social Development

47th session, New York, 2-11 September

DESA/ESCAP/Government of Fiji Subregional Workshop on Pacific Civil Service Records

Suva, 8-10 September

DESA/UNDP Expert Group Meeting on Local Budget Transparency

Geneva, 15-16 September

Seminar on Citizen Charters in Small States

Bridgetown, 22-24 September

World Tourism Day

27 September

The Day will be observed with events in many capitals.
"""


def _events() -> list[update.Event]:
    return [e for item in update.parse(CALENDAR).items for e in item.events]


def test_a_calendar_gives_one_meeting_per_pair_of_lines() -> None:
    assert len(calendar_pairs(CALENDAR, 0)) == 4
    doc = update.parse(CALENDAR)
    assert doc.date == dt.date(2008, 9, 1)  # ("No. 9 September 2008": the month)
    by_name = {e.name: e for e in _events()}
    fiji = by_name["Subregional Workshop on Pacific Civil Service Records"]
    assert (fiji.kind, fiji.start, fiji.end) == ("workshop", dt.date(2008, 9, 8),
                                                 dt.date(2008, 9, 10))
    assert fiji.location is not None and fiji.location.name == "Suva"
    assert {a.path for a in fiji.organizers} == {"actor/desa", "actor/escap", "country/FJI"}
    egm = by_name["Expert Group Meeting on Local Budget Transparency"]
    assert {a.path for a in egm.organizers} == {"actor/desa", "actor/undp"}
    assert egm.location is not None and egm.location.name == "Geneva"
    seminar = by_name["Seminar on Citizen Charters in Small States"]
    assert seminar.organizers == () and seminar.start == dt.date(2008, 9, 22)


def test_a_few_place_and_day_lines_are_no_calendar() -> None:
    text = ("DPADM Monthly Update\n\nMarch 2016\n\nWorkshop on open data\n\nNairobi, 3-4 March\n\n"
            "DPADM held a workshop on open data with the Government of Kenya, which brought "
            "together officials from ministries and counties to discuss the publication of "
            "budget data and the use of open formats by local governments in the region.\n\n"
            "Seminar on audits\n\nLusaka, 9 March\n")
    assert calendar_pairs(text, 0) == []
