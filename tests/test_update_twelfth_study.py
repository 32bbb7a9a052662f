"""The twelfth study's patterns of real pages that report events, agreements and people (texts
our own; the fixtures are in tests/data/archive-twelfth-study/update/)."""

from __future__ import annotations

from cepa_kg.loaders import update


def _people(text: str) -> dict[str, tuple[tuple[str | None, str | None], ...]]:
    doc = update.parse(text)
    return {p.name: tuple((m.title, m.organization.label if m.organization else m.affiliation)
                          for m in p.memberships) for p in doc.persons}


def _partnerships(text: str) -> list[tuple[str, set[str]]]:
    doc = update.parse(text)
    return [(p.status, {a.label for a in p.parties}) for it in doc.items
            for p in it.partnerships]


# -- people: the post written before the name ---------------------------------------------------

def test_a_list_that_goes_post_first_gives_each_name_the_post_before_it() -> None:
    text = ("Training programme\n\n  • 2018•05•02     Braga\n\n    The first seminar took place "
            "on 4 May. It was attended by the Vice-Rector of the University of Porto, Prof. Rita "
            "Lobo, the Head of UNU-EGOV, Vasco Pina, and the Councillor of Braga Municipality, "
            "Inês Rocha.\n")
    people = _people(text)
    assert [t for t, _ in people["Rita Lobo"]] == ["Vice-Rector"], people
    assert [t for t, _ in people["Vasco Pina"]] == ["Head"], people
    assert [t for t, _ in people["Inês Rocha"]] == ["Councillor"], people


def test_a_list_that_goes_name_first_keeps_the_post_after_each_name() -> None:
    text = ("Opening\n\n  • 2018•05•02     Braga\n\n    The ceremony included the speeches "
            "delivered by Rui Lobo, the Minister of Culture, Ana Pires, the Rector of the "
            "University of Porto, and Jorge Silva, the Mayor of Braga.\n")
    people = _people(text)
    assert [t for t, _ in people["Ana Pires"]] == ["Rector"], people
    assert [t for t, _ in people["Jorge Silva"]] == ["Mayor"], people


def test_posts_in_lower_case_and_a_capital_the_before_the_name() -> None:
    text = ("News\n\nThe agreement was signed by the director of UNU-EGOV, Helena Matos, and the "
            "director-general of the National Institute of Statistics, Tomás Neves, in Braga. "
            "The Minister of Public Administration, Clara Dias, attended the signing.\n")
    people = _people(text)
    assert people["Helena Matos"][0][0] == "Director", people
    assert people["Tomás Neves"][0][0].startswith("Director-general"), people
    assert people["Tomás Neves"][0][1] == "National Institute of Statistics", people
    assert people["Clara Dias"][0][0].startswith("Minister"), people


def test_a_photo_caption_with_positions_and_a_post_as_a_prefix() -> None:
    text = ("News\n\nThe meeting was opened by President Rosa Tavares of Uruguay.\n\nMarta "
            "Reis (left), Head of UNU-EGOV, and Rana Odeh (right), the Director of the "
            "Jordanian Institute of Public Administration.\n")
    people = _people(text)
    assert people["Rosa Tavares"] == (("President", "Uruguay"),), people
    assert people["Marta Reis"][0][0] == "Head", people
    assert people["Rana Odeh"][0][0].startswith("Director"), people
    assert people["Rana Odeh"][0][1] == "Jordanian Institute of Public Administration", people


# -- partnerships ------------------------------------------------------------------------------

def test_a_memorandum_signed_with_a_day_between_and_a_country_in_brackets() -> None:
    text = ("News\n\nThe UN University unit (UNU-EGOV), in Guimarães (Portugal), and the "
            "National Institute of Electronic Government (INAGE) of Mozambique signed this "
            "Tuesday a memorandum of understanding on digital government.\n")
    found = _partnerships(text)
    assert found and found[0][0] == "agreed", found
    parties = found[0][1]
    assert "Portugal" not in parties and "Mozambique" not in parties, parties
    assert any("Electronic Governance" in p for p in parties), parties
    assert "National Institute of Electronic Government" in parties, parties


def test_by_signing_a_memorandum_is_an_agreement() -> None:
    text = ("News\n\nThe Ministry of Digital Economy and the United Nations University (UNU) have "
            "taken a step by signing a memorandum of understanding on digital governance.\n")
    assert ("agreed", {"Ministry of Digital Economy", "United Nations University"}) in \
        _partnerships(text)


def test_meetings_to_discuss_collaboration_between_the_two_institutions_explore_it() -> None:
    text = ("News\n\n  • 2022•09•12     Braga\n\n    The day marked the visit of experts from the "
            "Jordanian Institute of Public Administration (JIPA). With UNU-EGOV’s staff, the "
            "day was given to meetings to discuss further collaboration between the two "
            "institutions.\n")
    found = _partnerships(text)
    assert found and found[0][0] == "explored", found
    assert "Jordanian Institute of Public Administration" in found[0][1], found


# -- family ------------------------------------------------------------------------------------

def test_news_of_a_memorandum_with_the_un_university_is_an_update() -> None:
    from cepa_kg.loaders import registry
    text = ("Monday, March 3, 2025\nMinistry Signed MoU with United Nations University\n"
            "The Ministry of Digital Affairs and the United Nations University (UNU) took a step "
            "by signing a memorandum of understanding on digital governance.\nThe memorandum was "
            "signed by Mr. Ali Karimov, Chairman of the Data Committee, and Dr. Ana Reis, "
            "Director of UNU-EGOV.\n")
    assert registry.detect(text).kind == "dpadm-monthly-update"


def test_news_that_a_country_will_host_the_un_public_service_forum_is_an_update() -> None:
    from cepa_kg.loaders import registry
    text = ("Ghana to host 20th UN Public Service Forum in June\n\nThe announcement was made "
            "during an online UN meeting to mark Public Service Day, attended by Ama Owusu, "
            "Minister of Public Service.\n\nGhana has been chosen to host the forum.\n")
    assert registry.detect(text).kind == "dpadm-monthly-update"


# -- events and the page's date ----------------------------------------------------------------

def test_a_date_line_at_the_page_s_foot_does_not_hide_the_story() -> None:
    text = ("Ghana to host 20th UN Public Service Forum in June\n\nThe announcement was made "
            "during an online UN meeting, attended by Ama Owusu, Minister of Public Service.\n\n"
            "Ghana has been chosen to host the forum, which will gather more than 900 officials "
            "from governments around the world to discuss public service delivery.\n\n"
            "“We will welcome the world,” she said.\n\nPublished: June 24, 2023 08:40 PM\n")
    assert "Ama Owusu" in _people(text)


def test_a_country_that_hosts_an_event_organises_it_and_a_list_goes_on_past_a_count() -> None:
    text = ("Peru\n\nPeru hosted from 3-4 May 2019 the 7th Regional Meeting of e-Government "
            "Leaders. The meeting was attended by ministers and senior officials from IDB, 18 "
            "Latin American countries, as well as Spain and the Republic of Korea.\n")
    events = update.parse(text).events
    meeting = next(e for e in events if "Regional Meeting" in e.name)
    assert [a.label for a in meeting.organizers] == ["Peru"]
    assert {"Spain", "Republic of Korea"} <= {a.label for a in meeting.participants}
    # (a country where an event is held is still no organiser)
    held = update.parse("News\n\nThe 7th Regional Meeting was held in Lima, Peru on 3 May "
                        "2019.\n").events
    assert all(not e.organizers for e in held)


def test_a_programme_s_session_line_is_no_series_title_and_collaborating_on_organising() -> None:
    text = ("2 March 2010\n09:00–17:00\n\nWorkshop\n\nOpen Services in Arab States\n\n"
            "UN-ESCWA is collaborating with UNDESA on the organization of a two-day Workshop on "
            "\"Open Services in Arab States,\" during2-3 March 2010, at the UN-ESCWA "
            "Headquarters, Beirut, Lebanon.\nThe thematic areas of the Workshop include:\n"
            "Session I: Open Services: An Overview\nSession II: Capacity Building for open "
            "services\n")
    doc = update.parse(text)
    workshop = next(e for e in doc.events if e.kind == "workshop")
    assert {a.label for a in workshop.organizers} >= {
        "United Nations Department of Economic and Social Affairs"}, workshop.organizers
    assert len(workshop.organizers) == 2, workshop.organizers
    assert not doc.title.startswith("Session"), doc.title


def test_a_post_after_a_name_does_not_run_on_into_the_next_person_of_the_list() -> None:
    from cepa_kg.loaders.people import _split_appositive
    assert _split_appositive("Rector of the University of Porto, Ana Costa, President of the "
                             "Agency for Modernization") == ("Rector", "University of Porto")
    # (a post, then its body after a comma, as before)
    assert _split_appositive("Director of Policy, Ministry of Finance") == \
        ("Director of Policy", "Ministry of Finance")


def test_a_link_label_below_the_story_is_no_series_heading() -> None:
    text = ("2017 - Quito, Ecuador\n\n2017 United Nations Public Service Forum, Day and Awards "
            "Ceremony\n\nThe 2017 United Nations Public Service Forum, Day and Awards Ceremony "
            "will take place in Quito, Ecuador from 20 to 23 June 2017, organized by UNDESA in "
            "collaboration with the hosting Government of Ecuador.\n\nProgramme Handbook\n\n"
            "2017 UNPSA in the News\n\nMedia Coverage\n")
    doc = update.parse(text)
    assert not doc.title.startswith("2017 UNPSA in the News"), doc.title
    forum = [e for e in doc.events if e.kind == "forum"]
    assert forum and forum[0].location is not None and forum[0].location.name == "Quito"


def test_the_town_of_a_news_post_s_date_line_places_an_event_that_names_none() -> None:
    text = ("Programme launched\n\n  • 2022•09•12     Guimarães\n\n    12 September 2022 marked "
            "the launch event of a training programme, with a visit of experts from the "
            "Jordanian Institute of Public Administration (JIPA).\n")
    events = update.parse(text).events
    assert events and events[0].location is not None and events[0].location.name == "Guimarães"
    assert text[events[0].location.span.start:events[0].location.span.end] == "Guimarães"


def test_an_offer_to_extend_support_to_an_office_is_a_proposed_partnership() -> None:
    text = ("Remarks\n\nThe Government of the Republic of Korea offered to extend its support to "
            "UNPOG until 2035. I welcome this generous offer.\n")
    found = _partnerships(text)
    assert found and found[0][0] == "proposed", found
    assert any("Korea" in p for p in found[0][1]) and len(found[0][1]) == 2, found


def test_a_body_that_will_be_organizing_a_workshop_organises_it() -> None:
    text = ("Capacity development\n\nRegional workshop\n\nDESA will be organizing a regional "
            "capacity building workshop on budgeting from 19-23 July 2010 in Tegucigalpa.\n")
    events = update.parse(text).events
    assert events and any("Economic and Social Affairs" in a.label
                          for a in events[0].organizers), events


def test_a_courtesy_visit_to_a_post_gives_no_place() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.places_in_text import find_locations
    from cepa_kg.loaders.spans import Span
    text = ("They paid a courtesy visit to the Director of the ITU Telecommunication Development "
            "Bureau, Mr. Ivo Kern.")
    assert not find_locations(text, Span(0, len(text)), Gazetteer.bundled())
    other = "They paid a four-day visit to Bhutan."
    assert find_locations(other, Span(0, len(other)), Gazetteer.bundled())[0].name == "Bhutan"


def test_meetings_with_a_list_of_parties_are_one_meeting_each() -> None:
    text = ("Visit to partners\n\n  • 2019•11•08     Braga\n\n    Three meetings were held with "
            "Rui Lobo, Rector of the University of Porto, Ana Costa, President of the Agency "
            "for Administrative Modernization, and Paulo Reis, Mayor of the Municipality of "
            "Braga.\n")
    meetings = [e for e in update.parse(text).events if e.kind == "meeting"]
    assert len(meetings) == 3, meetings
    assert [a.label for e in meetings for a in e.participants[:1]] == [
        "University of Porto", "Agency for Administrative Modernization",
        "Municipality of Braga"], meetings
    # (a count the list does not match splits nothing)
    two = text.replace("Three meetings", "Two meetings")
    assert len([e for e in update.parse(two).events if e.kind == "meeting"]) < 3


def test_a_name_that_ends_with_its_head_word_then_and_the_another_is_two_names() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.organisations_in_text import find_actors
    from cepa_kg.loaders.spans import Span
    text = "meetings with Busan Metropolitan City and the Global Green Growth Institute (GGGI)."
    names = [a.span.of(text) for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]
    assert "Busan Metropolitan City" in names, names


def test_a_study_visit_and_a_workshop_named_in_full_after_it_are_two_events() -> None:
    text = ("DPADM is organizing a study visit for officials of small island States. The study "
            "tour will take place from 9 to 14 March 2014 in Mauritius.\nThe Regional Workshop "
            "on Open Government Data to be hosted by the Ministry of Communication and jointly "
            "organized by UN DESA and UNECA will bring together senior officials. The event will "
            "take place in Tunis on 11-13 November.\n")
    kinds = sorted(e.kind for e in update.parse("Trends\n\n" + text).events)
    assert kinds == ["meeting", "workshop"], kinds


def test_two_meetings_named_in_one_sentence_are_two_and_keep_their_ordinals() -> None:
    text = ("Chile\n\nChile hosted from 4-5 May 2018 the 4th e-Government Ministerial Meeting of "
            "Latin America and the 11th Annual Meeting of the e-Government Leaders Network.\n")
    names = [e.name for e in update.parse(text).events if e.kind == "meeting"]
    assert len(names) == 2, names
    assert any(n.startswith("11th Annual Meeting") for n in names), names


def test_an_under_or_assistant_secretary_general_is_no_mention_of_the_secretary_general() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.organisations_in_text import find_actors
    from cepa_kg.loaders.spans import Span
    for text in ("Ms. Ana Ruiz, Assistant Secretary-General for Economic Development, spoke.",
                 "Mr. Li, Under-Secretary-General for Economic and Social Affairs, spoke.",
                 "The Deputy Secretary-General opened the forum."):
        found = find_actors(text, Span(0, len(text)), Gazetteer.bundled())
        assert not any(a.path == "actor/secretary-general" for a in found), (text, found)
    text = "The Secretary-General opened the forum."
    assert any(a.path == "actor/secretary-general"
               for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled()))


def test_an_under_secretary_general_named_with_the_post_as_a_prefix() -> None:
    text = ("News\n\nThe Head of UNPOG also called on Under-Secretary-General Li Wenhua to brief "
            "him on the programme.\n")
    assert _people(text)["Li Wenhua"][0][0] == "Under-Secretary-General"


def test_an_undated_event_named_with_its_number_is_kept_beside_another() -> None:
    text = ("Ghana to host 20th UN Public Service Forum\n\nThe announcement was made during an "
            "online UN meeting to mark Public Service Day.\n\nGhana has been chosen to host the "
            "20th UN Public Service Forum in June.\n")
    kinds = sorted(e.kind for e in update.parse(text).events)
    assert kinds == ["forum", "meeting"], kinds
