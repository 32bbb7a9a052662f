"""The update reader on partner and press pages (ministries, news agencies, UNU-EGOV news,
DESA News, capacity-request records): each rule on a short text written for it, our own words
keeping the layouts catalogued in `loaders/layouts/update.md`."""

from __future__ import annotations

from cepa_kg.loaders import update
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.spans import Span


def _names(text: str) -> list[str]:
    return [a.span.of(text) for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]


def _labels(text: str) -> list[str]:
    return [a.label for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]


# -- names of organisations ----------------------------------------------------------------------


def test_a_name_wrapped_after_and_is_one_name() -> None:
    text = ("Kenya’s School of Leadership and\nPublic Policy (KSLPP) signed the note on "
            "Monday.")
    assert "School of Leadership and Public Policy" in _labels(text)


def test_a_possessive_before_a_name_is_no_part_of_it() -> None:
    text = "Ghana’s Civil Service Training Centre hosted the course."
    labels = _labels(text)
    assert "Civil Service Training Centre" in labels
    assert not any(label.startswith("Ghana’s") for label in labels)


def test_people_of_a_body_are_no_part_of_its_name() -> None:
    text = "He met the Chairperson and Commissioners of the Royal Audit Commission."
    assert "Royal Audit Commission" in _labels(text)


def test_a_name_goes_on_under_the_office_it_reports_to() -> None:
    text = ("The forum is co-organized by the State Agency for Civil Registration under the "
            "President of the Republic of Armenia and UNDP.")
    assert ("State Agency for Civil Registration under the President of the Republic of Armenia"
            in _labels(text))


def test_a_page_s_own_acronym_names_the_body_again() -> None:
    text = ("The Tanzania Public Service College (TPSC) opened a course. TPSC Executive Director "
            "Amina Juma said the course would run yearly.")
    found = find_actors(text, Span(0, len(text)), Gazetteer.bundled())
    by_acronym = [a for a in found if a.span.of(text) == "TPSC"]
    assert by_acronym and by_acronym[0].label == "Tanzania Public Service College"
    assert by_acronym[0].acronym == "TPSC"
    doc = update.parse(text)
    (person,) = [p for p in doc.persons if p.name == "Amina Juma"]
    assert person.memberships[0].organization is not None
    assert person.memberships[0].organization.label == "Tanzania Public Service College"


# -- titles and items --------------------------------------------------------------------------


def test_a_link_line_is_no_series_title() -> None:
    text = ("Requesting Country\nGhana\nNotes\nThe national workshop was organised by the Civil "
            "Service Training Centre in Accra on 4-5 May 2019 for forty officials of the "
            "ministries.\nEvent page: https://example.org/en/news-and-events/calendar/1\n")
    doc = update.parse(text)
    assert not doc.title.startswith("Event page")
    (event,) = doc.events
    assert event.kind == "workshop" and str(event.start) == "2019-05-04"


def test_a_wrapped_line_of_prose_is_no_item_title() -> None:
    text = ("Officials sign note on training\n8 March 2022\nKenya’s School of Leadership and\n"
            "Public Policy (KSLPP) signed a note on training with the United Nations Department "
            "of Economic and Social Affairs that will see joint courses for senior officials.\n")
    doc = update.parse(text)
    assert doc.items[0].title != "Kenya’s School of Leadership and"
    assert "School of Leadership and Public Policy" in [a.label for a in doc.items[0].actors]


# -- partnerships --------------------------------------------------------------------------------


def test_a_memorandum_signed_with_pairs_its_parties_over_a_phrase_in_commas() -> None:
    text = ("Kenya’s School of Leadership and Public Policy (KSLPP) signed a Memorandum of "
            "Understanding (MoU), on Monday, with the United Nations Department of Economic "
            "and Social Affairs (UN DESA) that will see cooperation on training.\n")
    doc = update.parse(text)
    parties = [{a.label for a in p.parties} for p in doc.items[0].partnerships]
    assert {"School of Leadership and Public Policy",
            "United Nations Department of Economic and Social Affairs"} in parties


# -- people --------------------------------------------------------------------------------------


def _person(text: str, name: str) -> tuple[str | None, str | None]:
    doc = update.parse(text)
    (person,) = [p for p in doc.persons if p.name == name]
    ms = person.memberships[0] if person.memberships else None
    org = ms.organization.label if ms is not None and ms.organization is not None else None
    return (ms.title if ms is not None else None), org


def test_of_two_posts_joined_by_and_the_first_is_kept_with_its_body() -> None:
    text = ("Lena Okafor, the Rector of the United Nations University and Under-Secretary-"
            "General of the United Nations, visited the city on 5 May 2016.")
    assert _person(text, "Lena Okafor") == ("Rector", "United Nations University")


def test_the_head_word_alone_is_the_body_named_before() -> None:
    text = ("She visited the School of Law of the city, where she was hosted by Paulo Reis, "
            "the Dean of the School, on 5 May 2016.")
    assert _person(text, "Paulo Reis") == ("Dean", "School of Law")


def test_a_post_before_the_name_ends_with_its_body() -> None:
    text = ("The forum will be attended by Assistant Secretary-General for Policy Coordination "
            "of the United Nations Ann Whitlow, as well as ministers.")
    assert _person(text, "Ann Whitlow") == ("Assistant Secretary-General for Policy Coordination",
                                            "United Nations")


def test_a_list_of_people_ends_with_the_body_they_are_from() -> None:
    text = ("The meeting was also attended by Rosa Lindt,\nChief of the Data Branch, and Omar "
            "Haddad, Senior Governance Officer,\nfrom DPIDG.")
    dpidg = "Division for Public Institutions and Digital Government"
    assert _person(text, "Rosa Lindt") == ("Chief of the Data Branch", dpidg)
    assert _person(text, "Omar Haddad") == ("Senior Governance Officer", dpidg)


def test_two_people_share_a_plural_post_and_the_body_named_before_them() -> None:
    text = ("Experts from the Tanzania Public Service College (TPSC) Ms. Amina Juma and Mr. Peter "
            "Mwita, senior advisors on records management, arrived on 2 May 2016.")
    for name in ("Amina Juma", "Peter Mwita"):
        assert _person(text, name) == ("senior advisors on records management",
                                       "Tanzania Public Service College")


def test_a_name_opening_a_sentence_before_a_verb_of_speech_is_a_person() -> None:
    text = ("The session closed at noon. Ingrid Solberg thanked the speakers for their work. "
            "United Nations said nothing.")
    names = [p.name for p in update.parse(text).persons]
    assert "Ingrid Solberg" in names and "United Nations" not in names


# -- events, days and places ---------------------------------------------------------------------


def test_a_month_first_range_without_a_year_takes_the_page_s_year() -> None:
    import datetime as dt

    from cepa_kg.loaders.dates import find_date_ranges

    text = "The workshop will be held in Baku on October 16-18. May 5 is no range."
    ranges = find_date_ranges(text, reference=dt.date(2017, 10, 2))
    assert [(str(r.start), str(r.end)) for r in ranges] == [("2017-10-16", "2017-10-18")]


def test_workshops_a_launch_told_of_are_the_events_each_where_the_text_says() -> None:
    text = ("Provincial workshops\n\nUN DESA’s Division for Public Institutions and Digital "
            "Government (DPIDG), in collaboration with the United Nations Resident Coordinator "
            "Office in Nepal, launched a series of workshops for district administrations. The "
            "first two workshops were held in Pokhara in March and in Biratnagar in May, and "
            "brought together officials of the districts.\n")
    events = update.parse(text).events
    assert [e.kind for e in events] == ["workshop", "workshop"]
    assert [e.location.name for e in events if e.location] == ["Pokhara", "Biratnagar"]
    for e in events:
        assert {a.label for a in e.organizers} == {
            "Division for Public Institutions and Digital Government",
            "United Nations Resident Coordinator Office in Nepal"}


def test_a_venue_by_its_own_word_is_where_the_event_was() -> None:
    text = ("Experts arrive\n\nThe experts arrived on 2 November 2016 for talks with the "
            "ministries. At a workshop held on 4 November 2016, at the Navoi business-center, "
            "officials will learn to use the assessment tool.\n")
    (workshop,) = [e for e in update.parse(text).events if e.kind == "workshop"]
    assert workshop.location is not None and workshop.location.name == "Navoi business-center"


# -- the page's own date, a body by its usual acronym ----------------------------------------------


def test_a_series_month_after_for_dates_the_page() -> None:
    from cepa_kg.loaders.document_dates import document_date

    dated = document_date("DESA News for June 2014\n\nFeature Articles\n\nA story.\n")
    assert dated is not None and dated.iso() == "2014-06"


def test_a_board_entry_whose_title_the_next_line_repeats_dates_the_page() -> None:
    from cepa_kg.loaders.document_dates import document_date

    text = ("Rates from 14/03/2025\nSearch\nSociety 03/11/2016 Experts arrive in Tashkent\n"
            "Experts arrive in Tashkent\nTashkent -- Experts arrived on 2 November 2016.\n")
    dated = document_date(text)
    assert dated is not None and dated.iso() == "2016-11-03"
    assert document_date("Rates from 14/03/2025\nSociety 03/11/2016 Experts arrive\nOther\n") \
        is None


def test_a_known_body_written_a_little_differently_is_known_by_its_acronym() -> None:
    # (a variant the gazetteer lacks: "for" is one of its own names now)
    text = "Experts from the United Nations Department on Economic and Social Affairs (UN-DESA) came."
    found = find_actors(text, Span(0, len(text)), Gazetteer.bundled())
    assert [a.path for a in found if a.kind == "organization"] == ["actor/desa"]
    text = "Experts from the National Department for Economic and Social Affairs (UN-DESA) came."
    found = find_actors(text, Span(0, len(text)), Gazetteer.bundled())
    assert "actor/desa" not in [a.path for a in found if a.span.start < 60]


_RECORD = ("Notes\nThe first national training of trainers workshop was jointly organised by the "
           "Department of Human Resource Management and Development, Government of Malawi and "
           "the United Nations Department of Economic and Social Affairs. The workshop was hosted "
           "by the Staff Development Institute in Mpemba on 12-14 March 2019. A total of 38 "
           "trainers from 3 training institutions participated (see the list of workshop "
           "participants). A follow-up workshop took place in Blantyre on 5-6 September 2019 to "
           "review the first courses delivered by the trainers.\nRequest summary\nThe Government "
           "of Malawi requested DPIDG to hold the First National Training of Trainers Workshop, "
           "Mpemba, 12-14 March 2019.\n")


def test_a_record_s_meetings_are_its_workshops_not_words_that_qualify_or_are_reviewed() -> None:
    events = update.parse(_RECORD).events
    assert [(e.kind, str(e.start)) for e in events] == [("workshop", "2019-03-12"),
                                                         ("workshop", "2019-09-05")]


def test_a_name_in_title_case_keeps_its_of() -> None:
    first = update.parse(_RECORD).events[0]
    assert "First National Training of Trainers Workshop" in (first.name, *first.other_names)


def test_a_government_set_off_after_a_body_is_whose_body_it_is_not_a_place_or_organiser() -> None:
    first = update.parse(_RECORD).events[0]
    assert first.location is not None and first.location.name == "Mpemba"
    assert "Malawi" not in [a.label for a in first.organizers]
    assert "Department of Human Resource Management and Development" in [
        a.label for a in first.organizers]


def test_those_who_signed_took_part() -> None:
    text = ("Institute and UN DESA sign note\n\nThe note was signed by UNDP Administrator Ana Ruiz "
            "and Ivo Mars, Director of the Division for Public Institutions and Digital "
            "Government (DPIDG), at a meeting in New York on 8 March 2022.\n")
    (event,) = update.parse(text).events
    labels = {a.label for a in event.participants}
    assert "Division for Public Institutions and Digital Government" in labels


_PROGRAMME = ("Mr. Tom Reyes, Director of the Division for Public Institutions and Digital "
              "Government of the United Nations Department of Economic and Social Affairs (UN "
              "DESA), is on a four-day visit to Nepal from 6-10 March 2023.\n\nMr. Reyes will call "
              "on the Hon’ble Prime Minister on 7 March to discuss digital services. The Nepal "
              "Report on Digital Government 2023 will also be launched during his visit.\n\n"
              "UN DESA calls on Member States to act on the report.\n")


def test_a_visit_programme_told_in_one_paragraph_gives_each_its_event() -> None:
    events = update.parse(_PROGRAMME).events
    assert [(e.kind, e.start and str(e.start)) for e in events] == [
        ("meeting", "2023-03-06"), ("meeting", "2023-03-07"), ("launch", None)]
    assert events[2].name.startswith("The Nepal Report on Digital Government")


def test_a_visit_to_a_country_is_there_and_the_visitor_takes_part() -> None:
    visit, call, _ = update.parse(_PROGRAMME).events
    assert visit.location is not None and visit.location.name == "Nepal"
    dpidg = "Division for Public Institutions and Digital Government"
    assert [a.label for a in visit.participants] == [dpidg]
    assert [a.label for a in call.participants] == [dpidg]


def test_both_sides_of_a_meeting_between_them_took_part() -> None:
    text = ("DESA and APCICT to work together\n\nAfter a working meeting between UN-APCICT and "
            "UNPOG on 8 March, the Division for Public Administration and Development "
            "Management (DPADM) and UN-APCICT agreed to collaborate on training.\n")
    (event,) = update.parse(text).events
    assert {a.path for a in event.participants} == {"actor/apcict", "actor/unpog"}


_STEPS = ("Rector visits the University\n\nAna Sousa, the Rector of the United Nations University, "
          "visited the University of Porto on 5 October 2016.\n\nFirst, she visited the "
          "University of Porto Rectorate in Braga, hosted by two Vice-Rectors. Then, she visited "
          "the School of Sciences in the University of Porto’s Asprela Campus. On the following "
          "day, she also met several faculty members of the School.\n")


def test_the_steps_of_a_visit_told_in_order_are_its_meetings_with_their_days() -> None:
    events = update.parse(_STEPS).events
    assert [str(e.start) for e in events] == ["2016-10-05", "2016-10-05", "2016-10-06"]
    assert [e.location.name if e.location else None for e in events] == [
        "Braga", "Asprela Campus", None]


def test_a_town_hosted_by_people_is_no_host_city() -> None:
    from cepa_kg.loaders.places_in_text import find_locations

    text = "First, she went to the Rectorate in Braga, hosted by two Vice-Rectors."
    names = [loc.name for loc in find_locations(text, Span(0, len(text)), Gazetteer.bundled())]
    assert "First" not in names


_MINUTES = ("Minutes of the Meeting of the Working Group on Public Service Training\n\n"
            "United Nations Headquarters\n\nTuesday, 21 October 2014\n\nPresent:\n\n"
            "DPADM/UNDESA\n"
            "Mr. Ian Brook, Chief, Public Institutions Unit (PIU)/Acting Director, DPADM\n"
            "Ms. Ruth Sowa(Co-Chair), Chief, Development Management Branch (DMB)\n"
            "Mr. Ken Hall, Chief, eGovernment Branch (EGB)\n"
            "Ms. Rosa Ibarra (note-taker)\n"
            "Other\n"
            "Ms. Leyla Aliyeva (Permanent Mission of Azerbaijan to the UN)\n"
            "  • Mr. Colm Fitz(Co-Chair), Director a.i., Democratic Governance Group, UN "
            "Development Programme (UNDP), New York office of the programme\n"
            "  • Ms. Paula Echeverri, Expert, UN Economic Commission for Latin America and the "
            "Caribbean (UN-ECLAC), Santiago office of the commission\n\n"
            "Follow-up actions:\n\n"
            "  • Members will share their 2015 work plans on governance before the next meeting "
            "and keep them updated on the site.\n")


def _posts(doc: update.UpdateDocument, name: str) -> list[tuple[str | None, str | None]]:
    (person,) = [p for p in doc.persons if p.name == name]
    return [(m.title, m.organization.label if m.organization else None)
            for m in person.memberships]


def test_glyph_lines_under_a_label_are_its_list_not_the_page_s_items() -> None:
    doc = update.parse(_MINUTES)
    assert len(doc.items) == 1
    assert doc.items[0].title.startswith("Minutes of the Meeting")


def test_minutes_present_list_gives_each_person_their_posts() -> None:
    doc = update.parse(_MINUTES)
    dpadm = "Division for Public Administration and Development Management"
    assert _posts(doc, "Ian Brook") == [("Chief", "Public Institutions Unit"),
                                        ("Acting Director", dpadm)]
    assert _posts(doc, "Ruth Sowa") == [("Chief", "Development Management Branch")]
    assert _posts(doc, "Ken Hall") == [("Chief", "eGovernment Branch")]
    assert _posts(doc, "Rosa Ibarra") == [("note-taker", None), (None, dpadm)]  # (listed under
    # DPADM's label)
    assert _posts(doc, "Leyla Aliyeva") == [(None, "Permanent Mission of Azerbaijan to the UN")]
    assert _posts(doc, "Colm Fitz") == [("Director a.i.", "United Nations Development Programme")]


_PRESENT = ("Minutes of the Meeting of the Working Group on Training\n\nUnited Nations "
            "Headquarters\n\nTuesday, 21 October 2014 from 10:00AM to 11:30AM,\n\nPresent:\n\n"
            "DPADM/UNDESA[1]\n"
            "Mr. Ian Brook, Chief, Public Institutions Unit (PIU)\n"
            "DSD/UNDESA[2]\nMs. Hanna Wolk\n"
            "Other\nMs. Leyla Aliyeva (Permanent Mission of Azerbaijan to the UN)\n\n"
            "Follow-up actions:\n\nMembers will share their work plans with UNDP before the next "
            "meeting.\n")


def test_minutes_present_list_says_who_was_at_the_meeting() -> None:
    doc = update.parse(_PRESENT)
    (event,) = doc.events
    assert event.location is not None and event.location.name == "United Nations Headquarters"
    assert str(event.start) == "2014-10-21"
    labels = [a.label for a in event.participants]
    assert labels == ["Division for Public Administration and Development Management", "DSD",
                      "Permanent Mission of Azerbaijan to the UN"]  # (not UNDP, after the list)


def test_a_person_listed_under_a_body_s_label_came_for_it() -> None:
    doc = update.parse(_PRESENT)
    assert _posts(doc, "Hanna Wolk") == [(None, "DSD")]
    assert _posts(doc, "Ian Brook") == [("Chief", "Public Institutions Unit")]  # (their own)


def test_reading_a_page_twice_gives_the_same_model() -> None:
    text = ("TPSC Executive Director Amina Juma opened the course.\n\nThe Tanzania Public Service "
            "College (TPSC) hosted the course in Dodoma on 4 May 2019.\n")
    first = update.parse(text)
    assert update.parse(text) == first
