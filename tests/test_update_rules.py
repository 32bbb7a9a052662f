"""The update reader's rules for who organised, who took part, where a sentence ends and what
an event is called, each on a short text written for it (layouts of the real bulletins in
`loaders/layouts/update.md`, words and facts our own)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cepa_kg.loaders import update
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.document_dates import document_date
from cepa_kg.loaders.folding import WORD, fold, required_literal
from cepa_kg.loaders.goals import vocabulary
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.sentences import sentence_spans
from cepa_kg.loaders.spans import Span

GOAL_ITEMS = Path(__file__).parent / "data" / "goal_labels" / "items.jsonl"


def _bulletin(*items: str, month: str = "March 2016") -> str:
    body = "\n\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))
    return f"DPADM Monthly Bulletin\n\n{month}\n\n{body}\n"


def _names(text: str) -> list[str]:
    return [a.span.of(text) for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]


# -- names of organisations ----------------------------------------------------------------------


def test_a_known_name_and_the_next_one_are_two_organisations() -> None:
    text = "The course ran in cooperation with UNDP and the Tax Policy Bureau of Armenia."
    names = _names(text)
    assert "UNDP" in names and "Tax Policy Bureau of Armenia" in names
    assert not any("UNDP and" in n for n in names)
    text = ("It is organised with the United Nations Economic Commission for Africa and the "
            "Ministry of Public Works and Housing of Ghana.")
    names = _names(text)
    assert "Ministry of Public Works and Housing of Ghana" in names
    assert "United Nations Economic Commission for Africa" in names


def test_two_names_joined_by_and_the_and_a_name_ending_with_its_head() -> None:
    names = _names("The Cabinet Secretariat of Mongolia and the UN Secretariat met.")
    assert "Cabinet Secretariat of Mongolia" in names and "UN Secretariat" in names
    assert "IGF Secretariat" in _names("It was attended by the IGF Secretariat in Geneva.")
    assert "Pacific Health Managers’ Network" in _names(
        "A plan for the Pacific Health Managers’ Network was agreed.")


def test_an_office_of_a_person_and_a_known_body_are_two_and_a_city_names_a_university() -> None:
    names = _names("DPADM, in collaboration with the Office of the Prime Minister of Namibia "
                   "and the United Nations Economic Commission for Africa (ECA), organized it.")
    assert "Office of the Prime Minister of Namibia" in names
    doc = update.parse(_bulletin(
        "Seminar on trust\n\n"
        "On 4 March 2016 DPADM held a seminar on trust in government, under its collaboration "
        "with New York University (NYU)."))
    assert "New York University" in {a.label for a in doc.items[0].actors}


def test_an_unknown_name_joined_by_and_stays_one_name() -> None:
    names = _names("She spoke at the Centre for Ethics and Governance of Ghana last week.")
    assert "Centre for Ethics and Governance of Ghana" in names


# -- sentences -----------------------------------------------------------------------------------


def test_a_lead_paragraph_without_its_full_stop_is_a_sentence_of_its_own() -> None:
    text = ("A seminar on open budgets will be held in Quito on 4 May\n\n"
            "The Division is organizing it with the Ministry of Finance of Ecuador.")
    spans = sentence_spans(text, Span(0, len(text)), paragraphs=True)
    assert [s.of(text)[:9] for s in spans] == ["A seminar", "The Divis"]
    assert len(sentence_spans(text, Span(0, len(text)))) == 1  # without `paragraphs`


def test_a_page_break_inside_a_sentence_does_not_end_it() -> None:
    text = "The workshop was attended by officials of\n\nEthiopia and Kenya. It ended well."
    spans = sentence_spans(text, Span(0, len(text)), paragraphs=True)
    assert len(spans) == 2 and spans[0].of(text).endswith("Kenya.")


# -- organisers and participants -----------------------------------------------------------------


def test_an_organiser_who_arranged_it_with_others() -> None:
    doc = update.parse(_bulletin(
        "Workshop on Civil Service Reform in Yerevan\n\n"
        "A workshop on civil service reform took place in Yerevan from 8 to 10 March 2016; "
        "DPADM arranged it in cooperation with UNDP and the Tax Policy Bureau of Armenia. "
        "Thirty officials attended."))
    [event] = doc.items[0].events
    organisers = {a.label for a in event.organizers}
    assert "Tax Policy Bureau of Armenia" in organisers
    assert {"actor/dpadm", "actor/undp"} <= {a.path for a in event.organizers}


def test_who_invited_a_speaker_took_no_part_by_that() -> None:
    doc = update.parse(_bulletin(
        "Digital Summit in Accra\n\n"
        "At the invitation of the Government of Ghana, through its National Information "
        "Technology Agency, DPADM Adviser Mr. Kofi Mensah delivered a keynote at the Digital "
        "Summit held in Accra on 14-15 March 2016."))
    [event] = doc.items[0].events
    participants = {a.path for a in event.participants}
    assert "actor/dpadm" in participants
    assert "country/GHA" not in participants
    assert not any("Agency" in a.label for a in event.participants)


def test_a_welcome_is_a_meeting_of_both_sides_and_a_joint_plan_a_partnership() -> None:
    doc = update.parse(_bulletin(
        "UNPOG meets an expert of UNITAR\n\n"
        "UNPOG welcomed Ms. Sara Okafor, Senior Specialist of UNITAR, on 22 March 2016 for "
        "talks on an online course. UNPOG and UNITAR agreed to design the course jointly, "
        "starting with a shared outline."))
    [event] = doc.items[0].events
    assert {"actor/unpog", "actor/unitar"} <= {a.path for a in event.participants}
    [p] = doc.items[0].partnerships
    assert {a.path for a in p.parties} == {"actor/unpog", "actor/unitar"}
    assert p.status == "agreed" and p.purpose == "design the course"


def test_partners_paired_respectively() -> None:
    doc = update.parse(_bulletin(
        "DPADM at the Procurement Forum in Manila\n\n"
        "DPADM spoke at the Procurement Forum held in Manila on 9-11 March 2016. On its "
        "margins, UNITAR and UNDP offered, respectively, to co-host an online course on "
        "e-procurement with DPADM and to fund country clinics in partnership with DPADM."))
    pairs = {frozenset(a.path for a in p.parties): p for p in doc.items[0].partnerships}
    unitar = pairs[frozenset({"actor/unitar", "actor/dpadm"})]
    undp = pairs[frozenset({"actor/undp", "actor/dpadm"})]
    assert unitar.status == undp.status == "proposed"
    assert unitar.purpose.startswith("co-host an online course")
    assert undp.purpose.startswith("fund country clinics")


def test_a_request_from_a_government_and_ways_of_working_together() -> None:
    doc = update.parse(_bulletin(
        "Request from the Government of Malawi\n\n"
        "To answer a request from the Government of Malawi, DPADM will review the country's "
        "public service act in April 2016.",
        "Visit of the Estonian Information System Authority\n\n"
        "Ms. Anna Berg, Chief, DPADM met on 9 March 2016 with Mr. Jaan Tamm, Adviser, "
        "Estonian Information System Authority, to look into ways of working together on "
        "digital identity."))
    [malawi] = doc.items[0].partnerships
    assert malawi.status == "requested"
    assert {a.path for a in malawi.parties} == {"country/MWI", "actor/dpadm"}
    [estonia] = doc.items[1].partnerships
    assert estonia.status == "explored" and "actor/dpadm" in {a.path for a in estonia.parties}
    assert any("Estonian Information System Authority" in a.label for a in estonia.parties)


def test_a_unit_and_its_parents_after_slashes_are_one_organiser() -> None:
    doc = update.parse(_bulletin(
        "Regional Workshop on Data Governance\n\n"
        "On 14-15 March 2016 a regional workshop on data governance was co-organized by "
        "UNPOG/DPIDG/UN DESA in collaboration with UNITAR."))
    [event] = doc.items[0].events
    assert {a.path for a in event.organizers} == {"actor/unpog", "actor/unitar"}


def test_a_visit_arranged_with_others_and_the_officials_who_came() -> None:
    doc = update.parse(_bulletin(
        "Study visit on digital services\n\n"
        "Officials of Ghana and Malawi came for a study visit on digital public services "
        "(21 to 25 March 2016), arranged in collaboration with UNITAR."))
    [event] = doc.items[0].events
    assert "actor/unitar" in {a.path for a in event.organizers}
    assert {"country/GHA", "country/MWI"} <= {a.path for a in event.participants}


def test_an_event_word_inside_an_organisation_name_is_no_event() -> None:
    doc = update.parse(_bulletin(
        "Webinar on Artificial Intelligence\n\n"
        "A webinar on “Artificial Intelligence in Courts” took place on 12 March 2016, "
        "organized with the Asian and Pacific Training Centre for Information and "
        "Communication Technology for Development."))
    assert [e.kind for e in doc.items[0].events] == ["seminar"]


def test_the_two_sides_are_those_who_met_and_background_organises_nothing() -> None:
    doc = update.parse(_bulletin(
        "National School of Government visits DPADM\n\n"
        "A delegation of the National School of Government of Ghana called on the Director "
        "of DPADM on 9 March 2016. Last year, for instance, the School held a course for "
        "officials of Liberia in Monrovia. The two sides explored a joint course on policy "
        "evaluation for public service colleges."))
    [event] = doc.items[0].events
    school = "National School of Government of Ghana"
    assert school not in {a.label for a in event.organizers}
    assert school in {a.label for a in event.participants}
    [p] = doc.items[0].partnerships
    assert p.status == "explored"
    assert {a.label for a in p.parties} >= {school} and "country/LBR" not in {
        a.path for a in p.parties}


def test_a_title_and_an_e_word_organisation_after_a_person() -> None:
    doc = update.parse(_bulletin(
        "Visit of the Danish agency\n\n"
        "Mr. Lars Holm, Head of Cooperation, Danish Agency for Digitisation and eGovernment, met "
        "DPADM on 3 March 2016."))
    [person] = [p for p in doc.persons if p.name == "Lars Holm"]
    assert any(m.organization and m.organization.label ==
               "Danish Agency for Digitisation and eGovernment" for m in person.memberships)


def test_two_sides_who_held_a_meeting_took_part_and_the_division_by_its_name() -> None:
    doc = update.parse(_bulletin(
        "Director of DPADM meets the Permanent Representative of Chile\n\n"
        "The Permanent Representative of Chile and the DPADM Director held a meeting on 2 "
        "March 2016 on a draft resolution.",
        "Consultation in Doha\n\n"
        "DPADM added a one-day consultation with officials from Arab States to a study tour "
        "that had been organized by the Division in Doha."))
    [meeting] = doc.items[0].events
    assert {"actor/dpadm", "country/CHL"} <= {a.path for a in meeting.participants}
    assert not meeting.organizers
    events = doc.items[1].events
    assert len(events) == 2  # two meetings introduced at once, neither dated
    tour = next(e for e in events if "study tour" in e.name)
    assert "actor/dpadm" in {a.path for a in tour.organizers}  # "the Division"


def test_a_government_that_asked_for_support_requested_it() -> None:
    doc = update.parse(_bulletin(
        "Mission to Togo\n\n"
        "From 7 to 11 March 2016 a DPADM team was in Lome. Togo's Government had asked DESA "
        "for technical support to finish its public sector reform plan."))
    [p] = doc.items[0].partnerships
    assert p.status == "requested"
    assert {a.path for a in p.parties} == {"country/TGO", "actor/desa"}


def test_comments_received_are_no_meeting_with_whoever_received_them() -> None:
    doc = update.parse(_bulletin(
        "Consultation on rural e-services\n\n"
        "DPADM joined by videoconference, on 3 March 2016, a consultative meeting in Geneva. "
        "UNITAR will circulate a summary of the comments received together with a new note."))
    [event] = doc.items[0].events
    assert {a.path for a in event.participants} == {"actor/dpadm"}


def test_who_leads_a_body_s_delegation_is_of_that_body_and_a_signature_is_a_person() -> None:
    doc = update.parse(_bulletin(
        "Visit of the Ghana Institute of Management\n\n"
        "A delegation of the Ghana Institute of Management (GIMPA) led by its Rector, Dr. Kofi "
        "Asante, called on DPADM on 9 March 2016. An official delegation of the Permanent "
        "Mission of Peru to the United Nations, led by H.E. Mr. Luis Quispe, Permanent "
        "Representative, visited DPADM on 11 March 2016.\n\n"
        "Thank you for reading.\n\nPARK Ji-won\n"))
    people = {p.name: p for p in doc.persons}
    [asante] = people["Kofi Asante"].memberships
    assert asante.title == "Rector" and "Ghana Institute of Management" in asante.affiliation
    [quispe] = people["Luis Quispe"].memberships
    assert quispe.title == "Permanent Representative"
    assert quispe.organization is not None and "Permanent Mission of Peru" in \
        quispe.organization.label
    assert "PARK Ji-won" in people
    assert not any(name.startswith("DPADM ") for name in people)


# -- events --------------------------------------------------------------------------------------


def test_events_without_any_day_still_give_the_item_its_event() -> None:
    doc = update.parse("Capacity development news\n\nTraining for e-government officers\n\n"
                       "A training course for e-government officers and a workshop for their "
                       "managers are planned with the Government of Fiji. A forum closes the "
                       "programme.\n")
    assert sum(len(i.events) for i in doc.items) >= 1


def test_a_named_event_without_a_day_is_kept_beside_the_dated_one() -> None:
    doc = update.parse(_bulletin(
        "Third Regional Forum on Open Data in Almaty\n\n"
        "The third Regional Forum on Open Data was held in Almaty on 2-3 March 2016. One of "
        "its side workshops, on “Open Contracting for Municipalities”, was organized by "
        "DPADM."))
    names = [e.name for e in doc.items[0].events]
    assert "Open Contracting for Municipalities" in names and len(names) == 2


def test_counted_meetings_are_each_an_event_apart_from_their_host() -> None:
    doc = update.parse(_bulletin(
        "DPADM at the Governance Week in Nairobi\n\n"
        "At the Governance Week held in Nairobi on 7-11 March 2016, DPADM ran two training "
        "workshops for municipal planners and one consultation on the E-Government Survey."))
    events = doc.items[0].events
    kinds = [e.kind for e in events]
    assert kinds.count("workshop") == 2 and kinds.count("meeting") == 1
    assert {e.name for e in events if e.kind == "workshop"} == {
        "training workshops for municipal planners (1 of 2)",
        "training workshops for municipal planners (2 of 2)"}
    assert all("actor/dpadm" in {a.path for a in e.organizers} for e in events)


def test_an_event_said_to_be_a_side_event_is_still_one_event() -> None:
    doc = update.parse(_bulletin(
        "Workshop on Open Courts in Doha\n\n"
        "The workshop on open courts, held on 3-4 March 2016 in Doha, was a side event to "
        "the Conference of the Parties."))
    assert len(doc.items[0].events) == 1


def test_a_count_of_past_courses_without_days_is_no_list_of_meetings() -> None:
    doc = update.parse(_bulletin(
        "Courses for Chief Information Officers\n\n"
        "Since 2012 the Division has implemented four courses for CIOs with partners. A new "
        "workshop for CIOs took place in Muscat on 15 March 2016."))
    names = [e.name for e in doc.items[0].events]
    assert not any("(1 of 4)" in n for n in names)


def test_a_lead_note_before_the_numbered_items_is_read() -> None:
    text = ("DPADM Monthly Bulletin\n\nMarch 2016\n\n"
            "- Before its 70th session closed, the General Assembly reviewed the follow-up of "
            "the 2030 Agenda at a high-level event on 3-4 March.\n\n"
            "1. Workshop in Lima\n\nA workshop on open data was held in Lima on 9 March 2016.\n")
    doc = update.parse(text)
    assert [i.number for i in doc.items] == ["0", "1"]
    [event] = doc.items[0].events
    assert event.name == "high-level event" and str(event.dates.start) == "2016-03-03"


def test_a_mission_before_the_end_of_the_year_has_no_day() -> None:
    doc = update.parse(_bulletin(
        "Request from Liberia\n\n"
        "Ministers gathered in Monrovia on 22 March 2016 for a retreat. DPADM will send a "
        "scoping mission before the end of the year."))
    assert [e.kind for e in doc.items[0].events] == ["meeting"]


def test_a_forum_named_by_its_theme_where_the_item_s_other_events_were() -> None:
    doc = update.parse("Awards week in Kigali\n\n"
                       "Before the Awards Ceremony on 23 June 2016, the Kigali Convention Centre "
                       "will host two workshops. This year's Forum focuses on “Institutions "
                       "that Serve Everyone”.\n")
    forum = next(e for i in doc.items for e in i.events if e.kind == "forum")
    assert forum.name == "Institutions that Serve Everyone"
    assert forum.location is not None and forum.location.name == "Kigali Convention Centre"


def test_a_board_post_is_titled_by_its_dated_line_and_its_date_is_no_meeting_s() -> None:
    text = ("UNPOG : Theme - Capacity Development\n\n\n"
            "Joining the Public Service Training Workshop for Nepal's Ministries (4 June 2024, "
            "Virtual) June 10, 2024\n"
            "UNPOG joined as a resource person the Public Service Training Workshop in Nepal, "
            "attended by 30 participants. The workshop, organised by the Nepal Administrative "
            "Staff College, focused on results-based management.\n"
            "UNPOG : Joining the Public Service Training Workshop\n")
    doc = update.parse(text)
    assert doc.dated is not None and doc.dated.iso() == "2024-06-10"
    [item] = doc.items
    assert item.title.startswith("Joining the Public Service Training Workshop for Nepal")
    [event] = item.events
    assert str(event.dates.start) == "2024-06-04"  # the title's day, not the post's


def test_a_page_that_opens_with_its_story_reads_it_and_a_closing_heading_titles_nothing() -> None:
    text = ("The Workshop on “Digital Skills for Civil Servants” was convened from 4 to 6 March "
            "2019 in Bishkek, Kyrgyzstan. The Workshop was organized as a joint capacity "
            "development initiative of UN DESA, UNDP and the Bishkek Civil Service Hub with the "
            "support of the Academy of Public Administration.\n"
            "The Workshop aimed to help training institutes teach digital skills.\n"
            "Contact Information\n"
            "Division for Public Institutions and Digital Government (DPIDG)\n")
    doc = update.parse(text)
    [item] = doc.items
    assert item.title.startswith("The Workshop on")
    [event] = item.events
    assert event.name == "Digital Skills for Civil Servants"
    assert str(event.dates.start) == "2019-03-04"
    assert {"actor/desa", "actor/undp"} <= {a.path for a in event.organizers}
    assert "Bishkek Civil Service Hub" in {a.label for a in event.organizers}
    assert not any("Academy" in a.label for a in event.organizers)  # it supported


def test_meetings_long_before_the_page_s_date_are_background() -> None:
    doc = update.parse(_bulletin(
        "Councils in Africa\n\n"
        "Since their partnership began, the two bodies have held conferences (Lima, June 1-3 "
        "2014; Quito, November 4-5 2014). During the last Board meeting (Tunis, 2-3 March "
        "2016), it was agreed that a workshop for council staff will be organized in Nairobi.",
        month="June 2016"))
    names = [e.name for e in doc.items[0].events]
    assert not any("conference" in n.lower() for n in names), names
    assert not any("Board meeting" in n for n in names), names
    assert not any(e.dates and e.dates.start.year == 2014 for e in doc.items[0].events)


def test_a_fair_by_its_name_is_an_exhibition_and_a_fair_process_is_none() -> None:
    doc = update.parse(_bulletin(
        "UNPOG at the Digital Government Fair\n\n"
        "From 7 to 9 March 2016, UNPOG took part in the Digital Government Fair hosted by the "
        "Ministry of the Interior of the Republic of Korea.",
        "Procurement reform\n\n"
        "On 21 March 2016 DPADM held a seminar on a fair and open procurement process."))
    assert [e.kind for e in doc.items[0].events] == ["exhibition"]
    assert [e.kind for e in doc.items[1].events] == ["seminar"]


def test_a_division_s_parent_department_is_no_organiser() -> None:
    doc = update.parse(_bulletin(
        "Expert Group Meeting on Open Data\n\n"
        "The Division for Public Institutions and Digital Government (DPIDG) of the United "
        "Nations Department of Economic and Social Affairs (UN DESA) organised an Expert Group "
        "Meeting on open data, held in New York from 8 to 9 March 2016."))
    [event] = doc.items[0].events
    assert {a.path for a in event.organizers} == {"actor/dpidg"}


def test_co_organised_with_and_setting_a_course() -> None:
    doc = update.parse(_bulletin(
        "Side event in New York\n\n"
        "On 6 March 2016, DPADM co-organized with UNDP a side event on “Open Institutions” at "
        "United Nations Headquarters in New York.",
        "The new Agenda\n\n"
        "On 8 March 2016 the Assembly adopted a plan, setting the course for ending poverty."))
    [event] = doc.items[0].events
    assert {a.path for a in event.organizers} == {"actor/dpadm", "actor/undp"}
    assert not any(e.kind == "training" for e in doc.items[1].events)


def test_bodies_represented_took_part_and_a_venue_did_not() -> None:
    doc = update.parse(_bulletin(
        "Open consultations in Geneva\n\n"
        "The advisory group met on 2-4 March 2016 at the ITU headquarters in Geneva for open "
        "consultations. UN DESA was represented by the Chief of DMB, and the IGF Secretariat "
        "by its Programme Manager."))
    [event] = doc.items[0].events
    labels = {a.label for a in event.participants}
    assert "actor/desa" in {a.path for a in event.participants}
    assert "IGF Secretariat" in labels
    assert "actor/itu" not in {a.path for a in event.participants}


def test_a_title_names_the_event_with_its_year() -> None:
    doc = update.parse(_bulletin(
        "UNPOG attends the 2016 Steering Committee Meeting\n\n"
        "On 17 March 2016 UNPOG took part in the Steering Committee Meeting of the network, "
        "held at UN Headquarters in New York."))
    [event] = doc.items[0].events
    assert "2016 Steering Committee Meeting" in (event.name, *event.other_names)


def test_a_paragraph_that_mentions_news_is_no_series_title() -> None:
    text = ("Welcome to the United Nations\n\n"
            "Governance in brief\n\n"
            "Readers of this news service will recall that the Division promised a report on "
            "municipal budgets. The report was released on 3 March 2016 at a seminar in Lima.\n")
    doc = update.parse(text)
    assert doc.title != text.splitlines()[4]
    assert any(e.kind == "seminar" for i in doc.items for e in i.events)


def test_a_volume_and_number_line_dates_the_issue() -> None:
    text = "Volume 20, No.04 - April 2016\n\nCapacity development\n\nSome news.\n"
    dated = document_date(text)
    assert dated is not None and dated.iso() == "2016-04"


# -- the goal vocabulary's prefilter -------------------------------------------------------------


@pytest.mark.parametrize(("phrase", "literal"), [
    ("poverty", "poverty"), ("the poor", "poor"), ("undernourish\\w*", "undernourish"),
    ("smallholders?", "smallholder"), ("low-income (?:households|families)", "low-income"),
    ("public institutions", "institutions"), ("health services?", "health"),
    ("(?:the very )?poor", None), ("a|b", None), ("x{2}yz", None),
])
def test_the_word_every_match_of_a_phrase_holds(phrase: str, literal: str | None) -> None:
    assert required_literal(phrase) == literal


def test_the_goal_prefilter_never_hides_a_cue() -> None:
    """Every match of every cue, in every labelled item, holds one of the cue's words: so
    skipping a cue whose words a text lacks loses nothing."""
    texts = [json.loads(line)["text"] for line in
             GOAL_ITEMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append("Social safety nets, smallholder farmers, UNDERNOURISHED children, "
                 "\u017focial protection and e-government for the poorest.")
    matched = 0
    for cue in vocabulary():
        assert cue.literals is not None, cue.codes  # every phrase has a sure word
        for text in texts:
            for m in cue.pattern.finditer(text):
                matched += 1
                folded = fold(m.group(0))
                assert not cue.whole.isdisjoint(WORD.findall(folded)) or any(
                    w in folded for w in cue.parts), (cue.codes, m.group(0))
    assert matched > 300


# -- a page about one event ----------------------------------------------------------------------


def test_an_event_page_is_named_by_its_heading_not_by_its_field_lines() -> None:
    """An event page (heading, then "Date:" and "Location:" fields, then the story): the one
    item's title is the heading, and the event the story calls "an expert group meeting" is
    named by it; a field line is no title."""
    text = ("Expert Group Meeting on Open Data for the Budget Cycle\n"
            "Date: 3 - 5 May 2021\n"
            "Location: Geneva, Switzerland\n"
            "The Division for Public Institutions and Digital Government of UN DESA is "
            "organizing an expert group meeting to review how governments publish budget data "
            "and what citizens do with it.\n")
    doc = update.parse(text)
    (item,) = doc.items
    assert item.title.startswith("Expert Group Meeting on Open Data")
    (event,) = item.events
    assert event.kind == "meeting"
    assert event.name == "Expert Group Meeting on Open Data for the Budget Cycle"
    assert event.location is not None and event.location.name == "Geneva"


def test_a_named_event_keeps_its_own_name_under_a_page_heading() -> None:
    text = ("Officials from Bhutan learn about digital services\n"
            "A delegation of senior officials from Bhutan visited Seoul on 4 April 2019 for the "
            "Regional Dialogue on Digital Services, organized by UNPOG.\n")
    doc = update.parse(text)
    names = [e.name for item in doc.items for e in item.events]
    assert any(n.startswith("Regional Dialogue on Digital Services") for n in names), names


def test_a_news_post_dated_by_its_dotted_line_and_a_second_meeting_told_by_also() -> None:
    """UNU-EGOV's news layout: a heading, a section word, "• 2019•06•11  Lisbon"; a visit,
    then "also met with" another body (a second meeting), and a "possible" course that is
    only a topic of talks."""
    text = ("Partners Review a Research Agenda\n\nNews\n  • 2019•06•11     Lisbon\n\n"
            "Ms. Ana Duarte, Head of UNU-EGOV, visited the Division for Public Institutions "
            "and Digital Government (DPIDG) on 4 June 2019. The two sides discussed 1) a "
            "shared survey of city portals and 2) possible joint training for municipal "
            "officials.\n\nMs. Duarte also met with the Permanent Mission of Portugal to the "
            "United Nations.\n")
    doc = update.parse(text)
    assert doc.dated is not None and doc.dated.iso() == "2019-06-11"
    events = [e for item in doc.items for e in item.events]
    assert [e.kind for e in events] == ["meeting", "meeting"], [(e.kind, e.name) for e in events]
    assert not any("training" in e.name for e in events)
    (item,) = doc.items
    assert item.title == "Partners Review a Research Agenda"  # not the section word "News"


def test_organisers_through_a_unit_and_a_unit_after_its_division() -> None:
    """"X organized the workshop through the Project Office on Governance (UNPOG)": both
    organise; "DPIDG/UNPOG" names two bodies (a unit after its division), while "UNPOG/DPIDG"
    is UNPOG with its parent; "with support from" is no organiser."""
    doc = update.parse(_bulletin(
        "Workshop in Almaty\n\nThe Division for Public Institutions and Digital Government "
        "(DPIDG) organized the workshop through the United Nations Project Office on "
        "Governance (UNPOG) in Almaty on 3 May 2022.",
        "Seminar in Ulaanbaatar\n\nThe seminar on open data, organized by DPIDG/UNPOG in "
        "cooperation with UNDP and with support from KOICA, was held in Ulaanbaatar on 9 May "
        "2022.",
        "Forum in Incheon\n\nThe forum, organized by UNPOG/DPIDG, was held in Incheon on "
        "20 May 2022."))
    organisers = [sorted(a.path for a in e.organizers) for item in doc.items for e in item.events]
    assert organisers == [["actor/dpidg", "actor/unpog"],
                          ["actor/dpidg", "actor/undp", "actor/unpog"],
                          ["actor/unpog"]], organisers


def test_an_event_page_that_names_the_committee_below_its_heading_is_no_session_page() -> None:
    from cepa_kg.loaders.registry import detect
    text = ("Expert Group Meeting on Open Budgets\n\nLusaka\n3 - 4 June, 2014\n\n"
            "The Division for Public Administration and Development Management (DPADM) of UN "
            "DESA will convene an Expert Group Meeting on open budgets in Lusaka on 3 and 4 "
            "June. At the 13th session of the Committee of Experts on Public Administration "
            "(CEPA) earlier this year, members stressed open budget processes.\n")
    assert detect(text).kind == "dpadm-monthly-update"
    (event,) = [e for item in update.parse(text).items for e in item.events]
    assert [a.path for a in event.organizers] == ["actor/dpadm"]


def test_people_a_researcher_a_division_owned_by_its_department_and_a_representative() -> None:
    text = _bulletin(
        "A visit\n\nDr. Ana Lima, accompanied by Mr. Ricardo Almeida, Researcher, UNU-EGOV, met "
        "with DPADM on 3 March 2016. Ms. Ingrid Solheim, the Director of UN DESA’s Division for "
        "Public Administration and Development Management (DPADM), opened the meeting. She "
        "also met with the Permanent Mission of Portugal to the United Nations, represented "
        "by H.E. Mr. Tiago Ferreira, Permanent Representative.")
    people = {p.name: [(m.title, m.organization.path if m.organization else None)
                       for m in p.memberships] for p in update.parse(text).persons}
    assert people["Ricardo Almeida"] == [("Researcher", "actor/unu-egov")]
    assert people["Ingrid Solheim"][0][1] == "actor/dpadm"
    assert people["Tiago Ferreira"][0][1] is not None and "portugal" in people[
        "Tiago Ferreira"][0][1]


def test_a_list_a_sentence_opens_is_part_of_its_story() -> None:
    """UNPOG's media post: the story, then "... organised in three sessions:" and bullets
    about each session; the bullets are no items of the page, and "organised in Seoul, Republic
    of Korea, a Regional Consultation" names its organiser."""
    text = ("Regional Consultation on “Open Data for Cities”\n\nMarch 2, 2017\n\n"
            "From 6 to 7 March 2017, UNPOG organised in Seoul, Republic of Korea, a Regional "
            "Consultation on “Open Data for Cities”, a step towards the next Survey.\n\n"
            "The Consultation, attended by representatives of 12 countries, ran in three "
            "sessions:\n\n"
            "• The first session reviewed how cities of the region publish their data online "
            "today.\n"
            "• The second session collected comments on the draft indicators through group "
            "work and plenary discussion.\n")
    doc = update.parse(text)
    (item,) = doc.items
    events = item.events
    assert [e.name for e in events] == ["Open Data for Cities"], [e.name for e in events]
    assert [a.path for a in events[0].organizers] == ["actor/unpog"]


def test_a_copy_that_lost_its_blank_lines_keeps_its_items_and_field_lines() -> None:
    """A stored page's text often comes without blank lines: numbered title lines still make
    items when they read as titles and count 1, 2, 3; a field line ("Country: Bangkok") is a
    sentence of its own, so the story's place is the story's."""
    text = ("DPADM Monthly Bulletin\nMarch 2016\n"
            "1. Workshop on Open Data in Nairobi\n"
            "DPADM organized a workshop on open data in Nairobi, Kenya, on 3 March 2016.\n"
            "2. DPADM Meets with a Delegation from Chile\n"
            "On 9 March 2016, a delegation from Chile met with DPADM in New York.\n")
    doc = update.parse(text)
    assert [i.title for i in doc.items] == ["Workshop on Open Data in Nairobi",
                                            "DPADM Meets with a Delegation from Chile"]
    page = ("Forum on Digital Services\nEvent Date: -\nCountry: Bangkok, Thailand\n"
            "The Forum on Digital Services is organized by UN DESA and will be held from 19 to "
            "21 November 2024 in Chiang Mai, Thailand.\n")
    (event,) = [e for item in update.parse(page).items for e in item.events]
    assert event.location is not None and event.location.name == "Chiang Mai"


def test_an_ambassador_by_title_and_a_post_held_in_a_capacity() -> None:
    text = _bulletin(
        "Consultations in Geneva\n\nAmbassador Lucia Ferraz, Director of Digital Affairs, "
        "Ministry of Foreign Affairs, Brazil, co-chaired the consultations in Geneva on 3 "
        "March 2016, and Ms. Hanne Dahl from Denmark led the discussions in her capacity as "
        "MAG Chair. The Ambassador Extraordinary and Plenipotentiary of Chile also spoke.")
    people = {p.name: [m.title for m in p.memberships] for p in update.parse(text).persons}
    assert people.get("Lucia Ferraz") == ["Director of Digital Affairs"]
    assert people.get("Hanne Dahl") == ["MAG Chair"]
    assert not any(name.startswith("Extraordinary") for name in people)


def test_a_name_whose_complement_runs_past_a_second_head_and_adjectives_listed_with_commas() -> None:
    """`_ORG` stops at the last head word it can reach ("... Councils"); the name's first head
    has a longer complement ("... and Similar Bodies"). Adjectives listed before a name, after
    "the", with commas, are the name's; a known body after the name's complement is not."""
    names = _names("UNDP and the International Federation of Statistical and Planning Councils "
                   "and Similar Bodies (IFSPC) signed it.")
    assert "International Federation of Statistical and Planning Councils and Similar Bodies " \
           "(IFSPC)" in names
    names = _names("DPADM, the Economic, Cultural and Social Council of Benin and UNDP met.")
    assert "Economic, Cultural and Social Council of Benin" in names and "UNDP" in names
    assert not any(n.endswith("and UNDP") for n in names)


def test_partners_who_organise_together_and_participants_who_will_come() -> None:
    text = _bulletin(
        "Councils workshop in Lome\n\nA workshop on budget oversight will be held in Lome from "
        "4 to 6 April 2016. DPADM, the Economic, Cultural and Social Council of Togo and UNDP "
        "have partnered to organize the workshop. Participants will come from Benin, Côte "
        "d'Ivoire, Ghana and Togo.")
    (event,) = [e for item in update.parse(text).items for e in item.events]
    assert {a.label for a in event.organizers} >= {
        "Economic, Cultural and Social Council of Togo"}
    assert {"actor/dpadm", "actor/undp"} <= {a.path for a in event.organizers}
    assert {"country/BEN", "country/CIV", "country/GHA", "country/TGO"} <= {
        a.path for a in event.participants}


def test_a_meeting_in_brackets_is_an_example_and_its_dates_are_its_own() -> None:
    """Earlier work listed in brackets is no meeting the item reports; the day in brackets after
    a past meeting ("At the last Board meeting (Tunis, 2-3 March 2016)") is that meeting's, not
    the workshop's agreed at it."""
    text = _bulletin(
        "Councils workshop\n\nA workshop on budget oversight will be held in Lome from 4 to 6 "
        "April 2016.\n\nDPADM and the council network have worked together (a survey; seminar "
        "on dialogue, Rabat, 8-9 November 2015; conference on youth, Niamey, 14-16 February "
        "2016). At the last Board meeting (Tunis, 2-3 March 2016), it was agreed that a "
        "training workshop for council staff would be held.")
    events = [e for item in update.parse(text).items for e in item.events]
    assert [(e.kind, e.start) for e in events] == [("workshop", dt.date(2016, 4, 4))]
    assert events[0].location is not None and events[0].location.name == "Lome"


def test_people_as_news_agencies_write_them() -> None:
    """A post "at" a body and its acronym before the name; a name, its role in lower case
    between commas, then "said"."""
    text = ("THE VALLEY TIMES\nOfficials call for open contracts data\n"
            "POKHARA, May 3: Officials have called for open contracting data.\n"
            "Secretary at the Ministry of Urban Works and Local Affairs (MoUWLA) Bina Sharma "
            "said that the data must be published.\n"
            "Hari Prasad Joshi, chair of a provincial assembly panel, said that citizens need "
            "it. Lena Kowalski, programme officer at DPADM, UNDESA, said that open data "
            "supports good governance.\n")
    people = {p.name: [(m.title, m.organization.path if m.organization else None)
                       for m in p.memberships] for p in update.parse(text).persons}
    assert people["Bina Sharma"][0][0] == "Secretary"
    assert people["Hari Prasad Joshi"] == [("chair of a provincial assembly panel", None)]
    assert people["Lena Kowalski"] == [("programme officer", "actor/dpadm")]
    assert not any(name.startswith(("Officials", "POKHARA")) for name in people)


def test_an_awards_ceremony_is_an_event_of_its_own_unless_one_name_holds_both() -> None:
    forum_and_awards = _bulletin(
        "Public Service Forum\n\nThe Public Service Forum will be held in Lima from 20 to 22 "
        "June 2016.\n\nPublic Service Awards\n\nOn Public Service Day on 23 June 2016, ten "
        "institutions will be awarded for excellence in public service.",
        month="March 2016")
    events = [e for item in update.parse(forum_and_awards).items for e in item.events]
    assert sorted((e.kind, e.start) for e in events) == [
        ("award", dt.date(2016, 6, 23)), ("forum", dt.date(2016, 6, 20))]
    evening = _bulletin("Tourism awards\n\nOn 14 February 2020, the awards evening of the city's "
                        "convention programme was held in Baku.")
    assert [e.kind for item in update.parse(evening).items for e in item.events] == ["award"]
    one_name = _bulletin("Forum in Accra\n\nAccra will host the Public Service Forum, Day and "
                         "Awards Ceremony from 20 to 23 June 2016.")
    assert len([e for item in update.parse(one_name).items for e in item.events]) == 1


def test_an_event_page_heading_with_small_words_titles_its_one_item() -> None:
    """A long heading in title case keeps its small words in lower case ("on", "and", "for",
    "the", "in"): still the page's heading, and the title of the one meeting it is about."""
    page = ("Sorry, you need to enable JavaScript to visit this website.\n\n"
            "Online Training Workshop on Open Data and Service Design for an Inclusive Recovery "
            "of the Public Sector in the Pacific region\n\nEvent Date:\n\n"
            "The Online Training Workshop will take place on 9 and 11 March 2021 and is "
            "organized by UNDESA in cooperation with ESCAP.\n")
    (event,) = [e for item in update.parse(page).items for e in item.events]
    assert {event.name, *event.other_names} >= {
        "Online Training Workshop on Open Data and Service Design for an Inclusive Recovery "
        "of the Public Sector in the Pacific region"}


def test_minutes_record_the_meeting_their_heading_names_not_the_next_one() -> None:
    page = ("Minutes of the Meeting of the Joint Committee on Statistical Cooperation (JCSC) "
            "on Data and Governance Cluster\n\nUnited Nations Headquarters\n\n"
            "Thursday, 6 November 2014 from 10:00AM to 11:00AM,\n\nPresent:\n\nDPADM\n"
            "Mr. Jon Arvik, Chief\n\nFollow-up actions:\n\n"
            "  • Members will share their work plans before the next meeting.\n")
    doc = update.parse(page)
    (event,) = [e for item in doc.items for e in item.events]
    assert event.name.startswith("Meeting of the Joint Committee on Statistical Cooperation")
    assert event.start == dt.date(2014, 11, 6)
    assert "Joint Committee on Statistical Cooperation" in {
        a.label.split(" (")[0] for item in doc.items for a in item.actors}


def test_a_mission_and_a_courtesy_visit_on_it_are_two_events() -> None:
    """Staff "went on a mission" (the trip: they take part in it); "The staff members paid a
    courtesy visit to X, and convened meetings with Y": a meeting with X, named so, whose
    participants are the staff's body and X (not Y, met in another act)."""
    text = ("UNPOG : Theme - Capacity Development\n\n\n"
            "Mission to Bangkok on UNPOG's Outreach March 10, 2023\n"
            "UNPOG staff members – Mr. Min-su Kang and Ms. Priya Nair went on a mission to "
            "Bangkok on 6 – 7 March 2023. The staff members paid a courtesy visit to the "
            "Executive Secretary of ESCAP, Ms. Lena Holm, and convened meetings with colleagues "
            "at UNDP and UNICEF.\n")
    events = [e for item in update.parse(text).items for e in item.events]
    assert [e.kind for e in events] == ["mission", "meeting"]
    mission, visit = events
    assert mission.name.startswith("Mission to Bangkok")
    assert (mission.start, mission.end) == (dt.date(2023, 3, 6), dt.date(2023, 3, 7))
    assert {a.path for a in mission.participants} == {"actor/unpog"}
    assert visit.name.startswith("courtesy visit to the Executive Secretary of ESCAP")
    assert {a.path for a in visit.participants} == {"actor/unpog", "actor/escap"}


def test_a_country_by_its_adjective_acts_through_its_delegation_or_government() -> None:
    text = _bulletin("Study tour\n\nA Lao delegation on a study tour visited UNPOG on 10 March "
                     "2016 to learn about online services in Incheon.")
    (event,) = [e for item in update.parse(text).items for e in item.events]
    assert {a.path for a in event.participants} == {"country/LAO", "actor/unpog"}
    text = _bulletin("Workshop in Nairobi\n\nThe Kenyan Government hosted a workshop on open "
                     "data in Nairobi on 3 March 2016.")
    (event,) = [e for item in update.parse(text).items for e in item.events]
    assert "country/KEN" in {a.path for a in event.organizers}


def test_the_day_a_sentence_schedules_is_its_subjects_and_a_collaboration_organises() -> None:
    text = ("Council and DESA join forces for a civil society briefing\n"
            "Geneva, 11 February 2019 (Council News) — A civil society briefing on access of "
            "NGOs to United Nations meetings is scheduled for February 21 at the Palais in "
            "Geneva. The event is a collaboration between the Council of Voluntary "
            "Organizations and UNITAR.\n")
    events = [e for item in update.parse(text).items for e in item.events]
    briefing = next(e for e in events if e.start == dt.date(2019, 2, 21))
    assert briefing.kind == "meeting" and "briefing" in briefing.name
    assert len(events) == 1  # (not "United Nations meetings" besides it)
    assert "actor/unitar" in {a.path for a in briefing.organizers}


def test_two_people_given_one_post_after_a_known_name_and_its_acronym() -> None:
    """"experts from the <known body> (ACR) Ms. A and Mr. B, senior advisors on X": the body
    is read as its name and then its acronym, and the experts' cue stands before the name."""
    text = _bulletin(
        "Mission to Tashkent\n\nInternational experts from the United Nations Department of "
        "Economic and Social Affairs (UN DESA) Ms. Ana Lind and Mr. Piet Mol, senior advisors "
        "on e-government, arrived in Tashkent on 2 March 2016.")
    people = {p.name: [m.organization.path if m.organization else None for m in p.memberships]
              for p in update.parse(text).persons}
    assert people == {"Ana Lind": ["actor/desa"], "Piet Mol": ["actor/desa"]}


def test_the_secretary_general_named_with_the_body_before_the_post() -> None:
    text = _bulletin("Forum opens\n\nUnited Nations Secretary-General Ana Reis has said that the "
                     "Forum held in Lima on 3 March 2016 matters.")
    people = {p.name: [(m.title, m.organization.path if m.organization else None)
                       for m in p.memberships] for p in update.parse(text).persons}
    assert people["Ana Reis"] == [("Secretary-General", "actor/united-nations")]


def test_a_press_release_on_a_numbered_forum_hosted_by_a_country() -> None:
    """The release's subheading calls it a meeting; the sentence that says it "will be held"
    names it (the Fifth ... Forum); "hosted by Peru" makes Peru a host; the dateline city is
    where the release was issued, not the Forum's place."""
    text = ("3 May 2005\n\nLeaders to Meet at Fifth Global Forum on Public Service, in Lima, Peru, "
            "14 - 17 June\n\nHigh-Level Meeting to Focus on Integrity in Public Service\n\n"
            "NEW YORK, 1 May -- Heads of State and ministers will gather in Lima later this month "
            "for a four-day meeting on public administration. The Fifth Global Forum on Public "
            "Service, hosted by Peru in cooperation with the United Nations, will be held from "
            "14 to 17 June.\n")
    (forum,) = [e for item in update.parse(text).items for e in item.events]
    assert (forum.kind, forum.name) == ("forum", "Fifth Global Forum on Public Service")
    assert {a.path for a in forum.organizers} == {"country/PER", "actor/united-nations"}
    assert forum.location is not None and forum.location.name == "Lima"


def test_a_contact_block_gives_the_post_and_the_body_of_each_name() -> None:
    page = ("Expert Group Meeting on Public Sector Data\n\nThe meeting will be held in New York "
            "on 12 and 13 October 2023, organized by DPIDG.\n\nContact Information\n"
            "Ms. Ana Reis\nProgramme Management Officer\nDPIDG/UN DESA\n@email\n"
            "Mr. Piet Mol\nAssociate Information Officer\nDPIDG/UN DESA\n@email\n")
    people = {p.name: [(m.title, m.organization.path if m.organization else None)
                       for m in p.memberships] for p in update.parse(page).persons}
    assert people == {"Ana Reis": [("Programme Management Officer", "actor/dpidg")],
                      "Piet Mol": [("Associate Information Officer", "actor/dpidg")]}


def test_an_organiser_named_through_the_units_it_belongs_to_is_one_organiser() -> None:
    """"the X Branch (XB), Division of Y (DPIDG), the Department of Z (UN DESA)" places the
    branch in its division and department: one organiser, not three; "DPIDG, UNDP and ESCAP"
    are three (no unit there is part of the one before it)."""
    text = ("The Workshop on Public Sector Data is organized by the Digital Records Branch (DRB), "
            "Division for Public Institutions and Digital Government (DPIDG), the United Nations "
            "Department of Economic and Social Affairs (UN DESA). It will take place on 3 May "
            "2024 in Geneva.\n")
    (event,) = [e for item in update.parse(text).items for e in item.events]
    assert [a.label for a in event.organizers] == ["Digital Records Branch"]
    text = ("The Workshop on Public Sector Data is organized by the Division for Public "
            "Institutions and Digital Government (DPIDG), UNDP and ESCAP. It will take place on "
            "3 May 2024 in Geneva.\n")
    (event,) = [e for item in update.parse(text).items for e in item.events]
    assert {a.path for a in event.organizers} == {"actor/dpidg", "actor/undp", "actor/escap"}


@pytest.mark.parametrize(("item", "parties"), [
    # something two bodies launched
    ("A centre for parliaments opens in Rome\n\nThe Global Centre for Parliaments was "
     "launched by DESA and the Inter-Parliamentary Union in Tunis in 2005. Its office will open "
     "in Rome on 22 November 2006.", {"actor/desa", "actor/ipu"}),
    # a body two have established together
    ("Standards for schools of administration\n\nUNITAR and IASIA have established in 2024 a "
     "Task Force to review the standards of excellence for public administration education. It "
     "met in New York on 3 May 2024.", {"actor/unitar", "actor/iasia"}),
])
def test_what_two_bodies_launched_or_established_is_their_partnership(
        item: str, parties: set[str]) -> None:
    doc = update.parse(_bulletin(item))
    assert parties in [{a.path for a in p.parties} for it in doc.items for p in it.partnerships]


def test_bodies_that_will_be_hosting_an_event_organise_it() -> None:
    doc = update.parse(_bulletin(
        "Open data workshop in Accra\n\n"
        "On 23 June 2021, UN DESA in collaboration with the Government of Ghana will be "
        "hosting a workshop on open government data in Accra."))
    organisers = {a.path for item in doc.items for e in item.events for a in e.organizers}
    assert {"actor/desa", "country/GHA"} <= organisers


def test_posts_before_an_honorific_and_catalan_names() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.people import people_named
    text = ("The team met Senior Minister Hon. Ama Owusu-Darko; Minister of Trade and Industry "
            "Hon. Dr. Kofi Mensah-Bonsu; Central Bank Governor Dr. Yaw Adjei-Boateng and "
            "others. Mr. Pere Soler i Vidal, Deputy Mayor, welcomed them.\n")
    people = {p.name: [m.title for m in p.memberships] for p in
              people_named(text, Gazetteer.bundled())}
    assert people["Ama Owusu-Darko"] == ["Senior Minister"]
    assert people["Kofi Mensah-Bonsu"] == ["Minister of Trade and Industry"]
    assert people["Yaw Adjei-Boateng"] == ["Governor"]
    assert "Pere Soler i Vidal" in people
    assert "Hon" not in people


def test_the_secretariats_posts_are_held_in_the_united_nations() -> None:
    from cepa_kg.namespaces import ORG
    from rdflib import URIRef
    from tests.page_graph import graph_of
    graph = graph_of(_bulletin(
        "Forum opens in Rabat\n\n"
        "The Forum was opened in Rabat on 3 June 2015 by Mr. Lars Eriksen-Moe, "
        "Under-Secretary-General for Economic and Social Affairs, and Ms. Ana Reis, Director "
        "of the Division."))
    person = URIRef("http://localhost:8000/id/person/lars-eriksen-moe")
    orgs = {str(o) for m in graph.objects(person, ORG.hasMembership)
            for o in graph.objects(m, ORG.organization)}
    assert orgs == {"http://localhost:8000/id/actor/united-nations"}
    # (the post's body only: no participant the text does not name)
    events = [e for item in update.parse(_bulletin(
        "Workshop in Rabat\n\nA workshop on open data was held in Rabat on 3 March 2016 with "
        "the Ministry of Digital Transition. Mr. Lars Eriksen-Moe, Under-Secretary-General for "
        "Economic and Social Affairs, opened it.")).items for e in item.events]
    assert events and not any("actor/united-nations" in {a.path for a in e.participants +
                                                          e.organizers} for e in events)


def test_an_event_keeps_the_number_its_name_is_given_later_and_two_numbers_are_two_events() -> None:
    from cepa_kg.loaders.update_events import find_events
    from cepa_kg.loaders.spans import Span
    import datetime as dt

    text = ("Ministers expected at Global Forum on Civil Service Reform in Lima. The 4th Global "
            "Forum on Civil Service Reform opened on 3 May 2010 in Lima.")
    events = find_events(text, Span(0, len(text)), None, dt.date(2010, 5, 10))
    assert [e.name for e in events] == ["4th Global Forum on Civil Service Reform"]
    text = ("During the 4th Global Forum held in Lima on 3 May 2010, the Minister invited "
            "participants to the 5th Global Forum held in Quito on 9 May 2011.")
    events = find_events(text, Span(0, len(text)), None, dt.date(2011, 6, 1))
    assert [e.name for e in events] == ["4th Global Forum", "5th Global Forum"]


@pytest.mark.parametrize(("sentence", "name"), [
    ("The 2014 UN Public Service Forum and Awards Ceremony was held in Goyang from 24 to 27 "
     "June 2014.", "2014 UN Public Service Forum and Awards Ceremony"),
    ("The 2011 United Nations Public Service Forum, Day and Awards Ceremony took place in Dar "
     "es Salaam from 20 to 23 June 2011.",
     "2011 United Nations Public Service Forum, Day and Awards Ceremony"),
])
def test_a_forum_and_its_awards_ceremony_named_together_are_one_forum(sentence: str,
                                                                     name: str) -> None:
    from cepa_kg.loaders.update_events import find_events
    from cepa_kg.loaders.spans import Span
    import datetime as dt

    events = find_events(sentence, Span(0, len(sentence)), None, dt.date(2014, 7, 1))
    assert [(e.kind, e.name) for e in events] == [("forum", name)]


def test_a_site_s_counters_and_language_bar_are_no_item_title_and_make_no_event() -> None:
    from cepa_kg.loaders.page_lines import is_chrome

    for line in ("Kiswahili | English", "Gestern 6058", "Total site visits: 2984417.",
                 "Bitte besuchen Sie/Please visit", "Site Keyword Search:"):
        assert is_chrome(line), line
    for line in ("Visits to the Forum rose", "Please visit our stand at the Forum"):
        assert not is_chrome(line), line


def test_a_document_site_s_page_counter_and_a_cookie_banner_are_chrome() -> None:
    from cepa_kg.loaders.page_lines import is_chrome

    for line in ("You are on page 1of 27", "Sie sind auf Seite 1von 104",
                 "By continuing to browse this site, you agree to our use of cookies."):
        assert is_chrome(line), line
    assert not is_chrome("You are on the page of the Forum")


def test_an_event_page_s_field_lines_title_no_item() -> None:
    from cepa_kg.loaders.page_lines import page_lines
    from cepa_kg.loaders.update import _is_heading_line

    for line in ("WHEN: June 22 – 25, 2015", "WHERE: Medellín, Colombia",
                 "Date & place of event: 21-23 October 2019, Shymkent, Kazakhstan"):
        assert not _is_heading_line(page_lines(line)[0]), line
    assert _is_heading_line(page_lines("Training Schools of Government")[0])


@pytest.mark.parametrize("post", ["Under-Secretary-General for Economic and Social Affairs",
                                  "United Nations Under-Secretary-General for Economic and "
                                  "Social Affairs"])
def test_the_secretariat_s_post_is_held_in_the_united_nations(post: str) -> None:
    from tests.page_graph import graph_of
    from cepa_kg.namespaces import CEPA
    from rdflib import RDF, Namespace

    org = Namespace("http://www.w3.org/ns/org#")
    page = (f"DESA News\n\nMay 2012\n\n“The winners have shown real devotion,” said Tomasz "
            f"Wei, {post}. The awards were given at the Forum organized by UN DESA.\n")
    g = graph_of(page, "news.txt")
    person = next(iter(g.subjects(RDF.type, CEPA.Person)))
    bodies = {str(o) for m in g.subjects(org.member, person) for o in g.objects(m, org.organization)}
    assert any(b.endswith("/id/actor/united-nations") for b in bodies), bodies


def test_what_a_release_says_happened_today_happened_in_its_dateline_s_town() -> None:
    text = ("18 November 2005\n\nUN launches a parliamentary network\n\nTUNIS, 17 November "
            "(DESA) -- The Under-Secretary-General, Mr. Omar Haddad, today launched the Global "
            "Centre for ICT in Parliament, an alliance of assemblies.\n")
    (launch,) = [e for item in update.parse(text).items for e in item.events]
    assert launch.kind == "launch"
    assert launch.location is not None and launch.location.name == "Tunis"
    assert launch.location.span.of(text) == "TUNIS"


def test_a_meeting_another_follows_up_is_no_event_of_the_news() -> None:
    text = ("As a follow up to the Regional Symposium held on 18-20 November 2019, the Head of "
            "UNPOG and the Director of the Seoul centre had a productive meeting on 23 December "
            "2019 to explore further collaboration.\n")
    events = [e for item in update.parse(text).items for e in item.events]
    assert [e.name for e in events] == ["productive meeting"]


def test_a_day_after_an_event_s_name_in_title_case_is_no_part_of_it() -> None:
    text = "UNPOG and the Academy held the First Meeting of the Task Force on April 20, 2023.\n"
    (meeting,) = [e for item in update.parse(text).items for e in item.events]
    assert meeting.name == "First Meeting of the Task Force"
    assert str(meeting.dates.start) == "2023-04-20"


def test_a_statement_s_speaker_named_above_its_title_is_a_person_of_the_page() -> None:
    page = ("Mr. Tomas Halvorsen Under-Secretary-General for Economic and Social Affairs\n\n"
            "Welcome Remarks\nLaunch of the 2020 United Nations E-Government Survey\n\n"
            "Colleagues and friends,\n\nI am glad to join you for this launch of the Survey by "
            "the Division for Public Institutions and Digital Government on 10 July 2020.\n")
    doc = update.parse(page)
    assert [p.name for p in doc.persons] == ["Tomas Halvorsen"]
    # (a header line that names no post names no one: "DSPD Banner")
    banner = page.replace("Mr. Tomas Halvorsen Under-Secretary-General for Economic and Social "
                          "Affairs", "DSPD Banner")
    assert [p.name for p in update.parse(banner).persons] == []


@pytest.mark.parametrize("title", ["Press Release", "Thursday, 19 November 2020",
                                   "Mittwoch, 19.11.2025", "Transcription"])
def test_a_title_line_that_names_no_meeting_does_not_name_the_event(title: str) -> None:
    story = ("DESA visited the Ministry of Finance of Ghana in Accra on 19 November 2020 to "
             "discuss the survey.\n")
    names = [e.name for e in update.parse(f"DESA News\n\n{title}\n\n{story}").events]
    assert names and title not in names
    # (a title that names the meeting does)
    assert [e.name for e in update.parse(f"DESA News\n\nMinistry visit\n\n{story}").events] == [
        "Ministry visit"]


def test_one_long_named_event_told_by_two_items_is_two_events_each_of_its_item() -> None:
    from cepa_kg.namespaces import CEPA
    from rdflib import RDF

    from tests.page_graph import graph_of

    item = ("DESA organized the Study Tour on Open Government Data for Sustainable Development "
            "in Bogota from 6 to 9 June 2016.")
    page = f"DESA News\n\nJune 2016\n\n1. Tour\n\n{item}\n\n2. Tour again\n\n{item}\n"
    g = graph_of(page)  # (refused before: one event IRI with two item numbers)
    events = set(g.subjects(RDF.type, CEPA.Event))
    assert len(events) == 2
    assert all(len(set(g.objects(e, CEPA.itemNumber))) == 1 for e in events)


def test_a_country_that_hosts_yields_to_the_city_of_it_the_item_names() -> None:
    page = ("News\n\nUzbekistan hosts the UN Public Service Forum on 24 June 2025. The Forum is "
            "taking place in the historic city of Samarkand and has drawn many.\n")
    [event] = update.parse(page).events
    assert event.location is not None and event.location.name == "Samarkand"
    # (a city of another country is not the place)
    other = page.replace("Samarkand", "Geneva")
    [event] = update.parse(other).events
    assert event.location is not None and event.location.name != "Geneva"


def test_an_award_received_somewhere_on_a_day_is_an_award_event() -> None:
    page = ("News\n\nThe city of Mandaluyong received the 2013 United Nations Public Service "
            "Award in Manama, Bahrain on 27 June 2013.\n")
    [event] = update.parse(page).events
    assert (event.kind, event.name) == ("award", "2013 United Nations Public Service Award")
    assert event.location is not None and event.location.name == "Manama"
    # (an award named with no one receiving it is no event; a ceremony named after is the one)
    assert update.parse("News\n\nNominations for the 2024 UN Public Service Awards in all "
                        "categories are open until 3 May 2024.\n").events == ()


def test_the_capacity_an_organiser_acts_in_names_no_other_organiser() -> None:
    page = ("WSIS Forum 2025\n\nSession 400: Digital government\n\n10 July 2025\n\nOrganized by "
            "UN DESA as Secretariat for the WSIS+20 Overall Review by the United Nations General "
            "Assembly\n\nThe session discussed digital government.\n")
    [event] = update.parse(page).events
    assert [a.path for a in event.organizers] == ["actor/desa"]
    fronted = ("WSIS Forum\n\nActing as the secretariat of the review that the United Nations "
               "General Assembly will close, UN DESA will run this session on 10 July 2025 in "
               "Geneva.\n")
    [event] = update.parse(fronted).events
    assert [a.path for a in event.organizers] == ["actor/desa"]
