"""Pages that are a DESA/DPADM event or report one (the eleventh study's patterns, texts our
own): which family they are, and what the update reader takes from them."""

from __future__ import annotations

from cepa_kg.loaders import registry
from cepa_kg.loaders.family_detection import session_score, update_score


def _kind(text: str) -> str:
    return registry.detect(text).kind


# -- family ------------------------------------------------------------------------------------

def test_a_speech_opening_with_glued_salutations_is_read_as_an_update() -> None:
    text = ("Excellency, Mr. Tae-yang Cho,Ambassador Ms. Hye-rin Yoo,Deputy Mayor, City of "
            "Busan, Mr. Jin-su HanDistinguished Guests,Colleagues,\nIt is a pleasure to welcome "
            "you to the opening ceremony of the new premises of UNPOG. My Department thanks "
            "the host city for its support.\n")
    assert update_score(text) >= 0.5
    assert _kind(text) == "dpadm-monthly-update"
    # (without the salutations the same remarks are too weak to be taken for news)
    assert update_score(text.split("\n", 1)[1]) < 0.5


def test_an_undated_public_service_forum_page_with_organizers_heading_is_an_update() -> None:
    text = ("2014 - Seoul, Republic of Korea\n\n2014 United Nations Public Service Forum\n\n"
            "The United Nations Public Service Day is observed on 23 June. The Ministry of "
            "Security and Public Administration will co-sponsor and host the event.\n\n"
            "Organizers and Partners\n\nAna Ruiz, Forum Coordinator at @email\n\n"
            "Capacity Building Workshops\n\nWorkshop 1 - Open Data for Services\n")
    assert _kind(text) == "dpadm-monthly-update"


def test_a_post_about_attending_a_committee_session_is_an_update_not_a_session() -> None:
    text = ("UNPOG : Theme - Capacity Development\n\n20th CEPA 2021 April 20, 2021\n"
            "UNPOG took part in the 20th session of the Committee of Experts on Public "
            "Administration (CEPA) held from April 12-20, 2021. The Committee considered "
            "building institutions for the Goals. Ms. Rosa Ng, Head of UNPOG, attended the "
            "meetings and briefed the Division on the office's work plan.\n")
    assert _kind(text) == "dpadm-monthly-update"


def test_a_news_page_on_the_session_itself_stays_a_session_page() -> None:
    text = ("News\n\nThe Committee of Experts on Public Administration held its twentieth "
            "session from 12 to 20 April 2021. Its main theme was building institutions. "
            "Experts attended from twenty countries; DESA organized side events.\n")
    assert session_score(text) > update_score(text)


# -- organisations -----------------------------------------------------------------------------

def test_a_local_government_is_named_as_a_body_but_a_city_stays_a_place() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.organisations_in_text import find_actors
    from cepa_kg.loaders.spans import Span
    text = ("Meetings were held with the Municipality of Braga, Daegu Metropolitan City "
            "and the UNDP, then in Mexico City.")
    labels = {a.label for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())
              if a.kind == "organization"}
    assert {"Municipality of Braga", "Daegu Metropolitan City"} <= labels
    assert not any("Mexico" in label for label in labels)


# -- people ------------------------------------------------------------------------------------

def _people(text: str) -> dict[str, tuple[tuple[str | None, str | None], ...]]:
    from cepa_kg.loaders import update
    doc = update.parse(text)
    return {p.name: tuple((m.title, m.organization.label if m.organization else None)
                          for m in p.memberships) for p in doc.persons}


def test_two_people_then_a_plural_post_from_a_body_each_hold_it() -> None:
    text = ("Capacity development\n\nVisit to Braga on 4 May 2019\n\nThe meetings were attended "
            "by Nuno Reis and Sara Pinto, Researchers from UNU-EGOV, and by officials of "
            "DPADM.\n")
    people = _people(text)
    for name in ("Nuno Reis", "Sara Pinto"):
        assert any(t == "Researcher" and o and "Electronic Governance" in o
                   for t, o in people[name]), people


def test_a_body_s_staff_then_their_names_after_a_dash_are_of_that_body() -> None:
    text = ("Capacity development\n\nMission to Bangkok on 3 May 2022\n\nUNPOG staff members – "
            "Mr. Ho-jin Lee and Ms. Mei Chen went on a mission to Bangkok on 3 May 2022.\n")
    people = _people(text)
    for name in ("Ho-jin Lee", "Mei Chen"):
        assert any(o and "UNPOG" in o or o and "Project Office on Governance" in o
                   for _, o in people[name]), people


def test_a_post_of_a_body_whose_name_ends_in_a_place_keeps_the_body() -> None:
    from cepa_kg.loaders.people import _split_appositive
    assert _split_appositive("the Rector of the University of Braga") == \
        ("the Rector", "University of Braga")
    assert _split_appositive("Mayor of the Municipality of Porto") == \
        ("Mayor", "Municipality of Porto")
    # (a last "of" that names a body still wins)
    assert _split_appositive("Dean of School of Public Policy of Tsinghua University") == \
        ("Dean of School of Public Policy", "Tsinghua University")


# -- dates -------------------------------------------------------------------------------------

def test_a_range_of_days_with_of_before_the_month_is_a_range() -> None:
    import datetime as dt
    from cepa_kg.loaders.dates import find_date_ranges
    found = find_date_ranges("The workshop will be held in Suva from 4 to 6 of May 2021.")
    assert [(r.start, r.end) for r in found] == [(dt.date(2021, 5, 4), dt.date(2021, 5, 6))]


# -- places ------------------------------------------------------------------------------------

def test_a_venue_followed_by_its_town_gives_the_town() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.places_in_text import find_locations
    from cepa_kg.loaders.spans import Span
    text = "The workshop will be held at the Coral Bay Hotel, Lautoka, from 4 to 6 May 2021."
    found = find_locations(text, Span(0, len(text)), Gazetteer.bundled())
    assert found and found[0].name == "Lautoka"
    alone = "The workshop will be held at the Coral Bay Hotel from 4 to 6 May 2021."
    assert find_locations(alone, Span(0, len(alone)), Gazetteer.bundled())[0].name == \
        "Coral Bay Hotel"


def test_an_event_at_a_body_s_premises_in_a_town_is_in_that_town() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.places_in_text import find_locations
    from cepa_kg.loaders.spans import Span
    text = ("The ceremony took place on 2 June 2019 at the UNU-EGOV premises in Braga. Envoys "
            "posted in Lisbon attended.")
    assert find_locations(text, Span(0, len(text)), Gazetteer.bundled())[0].name == "Braga"


# -- events ------------------------------------------------------------------------------------

def test_a_launch_ceremony_is_a_launch_not_an_award_ceremony() -> None:
    from cepa_kg.loaders import update
    text = ("Capacity development\n\nLaunch of a training programme\n\nThe launch ceremony of "
            "the joint UNU-EGOV and UN DESA training programme took place on 2 June 2019 in "
            "Braga.\n")
    kinds = {e.kind for e in update.parse(text).events}
    assert "launch" in kinds and "award" not in kinds, kinds
