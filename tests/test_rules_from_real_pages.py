"""Rules the eighth study of real pages taught (`loaders/layouts/update.md` and `project.md`,
the layouts after `desanews-capacity-item-2014` and `dpidg`'s survey), each on a short text of
our own: the update reader (items, dates, events, organisers, places, people, partnerships,
names) and the project reader (titles, years, objectives, accomplishments, who implements)."""

from __future__ import annotations

import datetime as dt

from cepa_kg.loaders import project, update
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.document_dates import document_date
from cepa_kg.loaders.family_detection import project_score
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.spans import Span


def _events(text: str) -> list[update.Event]:
    return [e for item in update.parse(text).items for e in item.events]


def _paths(mentions) -> set[str]:
    return {a.path for a in mentions}


# -- the update reader: items and dates ------------------------------------------------------


def test_a_numbered_list_a_sentence_opens_is_no_list_of_items() -> None:
    text = ("The\nSeminar, which will be held in Accra, Ghana\nfrom 3 to 5 May 2011, is organized by "
            "the\nDivision for Public Administration and Development\nManagement (DPADM) and "
            "the United Nations Development Programme.\nThe themes it will take up include:\n"
            "1. Open Budgets for Local Councils\n2. Records and Archives in Ministries\n"
            "3. Mobile Payments for Public Fees\n")
    doc = update.parse(text)
    assert len(doc.items) == 1  # not three items titled by the themes
    [event] = doc.items[0].events
    assert event.kind == "seminar" and event.dates.start == dt.date(2011, 5, 3)
    assert _paths(event.organizers) == {"actor/dpadm", "actor/undp"}


def test_a_wrapped_line_of_prose_with_a_series_word_is_no_series_title() -> None:
    text = ("The Workshop took place in Lusaka, Zambia on 4 June 2012 and reviewed\n"
            "progress made by ministries and to assess capacity building needs for\n"
            "the coming year. It was organized by DPADM.\n")
    doc = update.parse(text)
    assert doc.title_span.start == 0  # the first line titles the page, not the third
    assert update._series_line(text) is None
    assert update._series_line("UNPOG\n\nCapacity Building\n\nA workshop ...") is not None


def test_an_item_title_may_open_with_its_year() -> None:
    text = ("Coming meetings\n\nBelow are meetings that the United Nations Department of Economic "
            "and Social Affairs is organizing this year.\n\n"
            "1. 2014 United Nations Public Service Forum, to take place in Seoul, Republic of "
            "Korea, 23-26 June 2014.\n\n"
            "2. Regional Workshop on Open Data, to take place in Nairobi, Kenya, on 2-4 "
            "September 2014.\n")
    doc = update.parse(text)
    titles = [i.title for i in doc.items]
    assert titles[-2].startswith("2014 United Nations Public Service Forum")
    events = _events(text)
    assert [e.kind for e in events] == ["forum", "workshop"]  # the lead's "meetings" is none
    assert all(_paths(e.organizers) == {"actor/desa"} for e in events)  # the lead says who


def test_a_page_dated_by_digits_or_by_its_draft() -> None:
    assert document_date("Title line\n\nA lead sentence here.\n\n14-05-2018\n\nBody.").iso() \
        == "2018-05-14"
    assert document_date("Title\n\n05/14/2018\n").iso() == "2018-05-14"  # month first: 14 > 12
    assert document_date("Title\n\n31-02-2018\n") is None  # no such day
    assert document_date("AIDE MEMOIRE Regional Forum, Lima, 2-3 May 2014 (Draft of March "
                         "2014)\n").iso() == "2014-03"


# -- events ----------------------------------------------------------------------------------


def test_a_course_the_workshop_is_part_of_is_no_event_of_its_own() -> None:
    text = ("UNPOG supports training\n\nOn 3 April 2017, UNPOG organized a workshop on data "
            "governance in Incheon for 20 officials, as part of a 3-week international training "
            "course run by a national institute.\n")
    events = _events(text)
    assert [e.kind for e in events] == ["workshop"]


def test_is_organizing_in_collaboration_with_names_three_organisers() -> None:
    text = ("AIDE MEMOIRE\n\nThe Department of Economic and Social Affairs (UNDESA), through its "
            "Division for Public Administration and Development Management (DPADM), is "
            "organizing, in collaboration with the Government of Fiji, the Pacific e-Leadership "
            "Meeting in Suva, Fiji, on 4-6 May 2013.\n")
    [event] = _events(text)
    assert _paths(event.organizers) >= {"actor/dpadm", "country/FJI"}
    text = ("DESA’s Statistics Division and ECLAC are jointly organizing the workshop in Quito "
            "on 2-4 July 2013, in cooperation with the National Institute of Statistics of "
            "Ecuador.\n")
    [event] = _events("Training statisticians\n\n" + text)
    assert {"actor/unsd", "actor/eclac"} <= _paths(event.organizers)


def test_a_meeting_named_with_its_year_is_dated_in_that_year() -> None:
    text = ("DPADM Monthly Update\n\nJanuary 2013\n\n1. Looking back\n\nThe 2012 United Nations "
            "Public Service Forum, which took place in New York from 25 to 27 June, was "
            "organized by DPADM.\n")
    mentions = update.find_events(text, Span(text.index("The 2012"), len(text)), None,
                                  dt.date(2013, 1, 1))
    assert mentions[0].dates.start == dt.date(2012, 6, 25)


def test_a_dateline_after_the_heading_places_the_meeting_before_background() -> None:
    text = ("Size: px\n\nDownload \"AIDE MEMOIRE THE E-LEADERSHIP MEETING. Colombo, Sri Lanka, "
            "12-14 March, 2013 (Draft of January 2013)\"\n\nTranscription\n\nAIDE MEMOIRE THE "
            "E-LEADERSHIP MEETING Colombo, Sri Lanka, 12-14 March, 2013. UNDESA, through DPADM, is "
            "organizing the meeting for chief information officers. The 2012 Forum, which took "
            "place in New York, from 25 to 27 June, brought together ministers of many countries.\n")
    events = _events(text)
    assert events and events[0].location is not None and events[0].location.name == "Colombo"


def test_a_quoted_title_after_the_event_word_is_one_of_its_names() -> None:
    text = ("Sharing innovations\n\nDPADM convened an Expert Group Meeting (EGM) on “Scaling up "
            "service innovations in small towns”, from 10 to 11 June 2013 in Addis Ababa.\n")
    [event] = _events(text)
    assert "Scaling up service innovations in small towns" in event.other_names


def test_a_photo_caption_is_no_item_heading() -> None:
    text = ("DESA News\n\nCapacity development\n\nTraining on surveys\n\nA regional workshop "
            "will be held in Lima, Peru on 8-11 July\n\nTraining on surveys (UN Photo/A. Person)"
            "\n\nDESA’s Statistics Division is organizing the workshop with ECLAC, which will "
            "train national statisticians in designing surveys and using their results.\n\n"
            "Reviewing e-government\n\nA consultation will take place in Suva, Fiji, on 23-25 "
            "July\n\nThe consultation will be organized by DPADM and UNDP for the officials of "
            "the islands.\n")
    titles = [i.title for i in update.parse(text).items]
    assert not any("Photo" in t for t in titles)


def test_people_of_a_list_of_countries_take_part_for_them() -> None:
    text = ("Training of trainers\n\nDPIDG organized a training of trainers on integrity in "
            "Pretoria on 5 May 2019. Ten trainers from civil service colleges of Botswana, "
            "Lesotho, Malawi and Zambia participated in the training.\n")
    [event] = _events(text)
    assert {"country/BWA", "country/LSO", "country/MWI", "country/ZMB"} <= \
        _paths(event.participants)


def test_a_body_named_as_a_venue_organises_nothing() -> None:
    text = ("Expert meeting\n\nOESC, in collaboration with DPADM, organized an Expert Group "
            "Meeting at UNICEF House, New York on 3-4 March 2014.\n")
    [event] = _events(text)
    assert "actor/unicef" not in _paths(event.organizers)
    assert {"actor/oesc", "actor/dpadm"} <= _paths(event.organizers)


# -- partnerships and people -----------------------------------------------------------------


def test_a_memorandum_between_two_bodies_is_theirs_not_the_signers_units() -> None:
    text = ("UNU and Timor-Leste sign memorandum\n\nOn 2 May 2022, in Dili, the Head of UNU-EGOV"
            " – Prof. Ana Costa Lima – and the Minister of State Administration of Timor-Leste – "
            "Dr. José Pereira Soares – signed a memorandum of understanding between the United "
            "Nations University and the Democratic Republic of Timor-Leste.\n")
    doc = update.parse(text)
    [partnership] = [p for i in doc.items for p in i.partnerships]
    assert _paths(partnership.parties) == {"actor/unu", "country/TLS"}
    people = {p.name: p for p in doc.persons}
    lima = people["Ana Costa Lima"]
    assert any(ms.title == "Head" and ms.organization is not None and
               ms.organization.path == "actor/unu-egov" for ms in lima.memberships)


def test_a_broken_name_then_its_known_acronym_is_that_body() -> None:
    text = "The Office for ECOSOC Sup\nport and Coordination (OESC) organized it."
    paths = [a.path for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]
    assert set(paths) == {"actor/oesc"}
    # ... but a name followed by another body's acronym stays itself
    text = ("DPADM, with the Office of the Prime Minister of Namibia and the United Nations "
            "Economic Commission for Africa (ECA), organized it.")
    paths = [a.path for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]
    assert "actor/office-of-the-prime-minister-of-namibia" in paths


def test_un_hyphen_names_are_one_body() -> None:
    text = "UN-APCICT and UNPOG held a workshop."
    paths = [a.path for a in find_actors(text, Span(0, len(text)), Gazetteer.bundled())]
    assert paths == ["actor/apcict", "actor/unpog"]


# -- the project reader ----------------------------------------------------------------------


PROGRAMME = """Governance Programme for the Caucasus (GPC)

The Governance Programme for the Caucasus (GPC) is implemented by the Division for Public \
Institutions and Digital Government (DPIDG) of UN DESA. Its main purpose is to strengthen \
public institutions in the subregion.

GPC was launched in May 2020 at the request of the Governments of Armenia and Georgia. In 2024 \
the programme was extended to the end of 2028.

GPC works with the participating countries to achieve the following expected accomplishments:

Expected Accomplishment 1 Strengthened capacity of ministries to plan for the SDGs.

Expected Accomplishment 2 Improved ability of civil service agencies to train staff.
"""


def test_a_programme_page_without_fields() -> None:
    assert project_score(PROGRAMME) >= 0.5
    [record] = project.parse(PROGRAMME).projects
    assert [a.text[:26] for a in record.accomplishments] == ["Strengthened capacity of m",
                                                             "Improved ability of civil "]
    assert (record.start_year, record.end_year) == (2020, 2028)
    assert [i.name for i in record.implementers][0].startswith("Division for Public Institutions")
    assert record.objective is not None and record.objective.text.startswith("Its main purpose")


def test_a_report_about_a_project_named_in_quotes() -> None:
    text = ("An Overview of CITY2030: Cities Report on the SDGs\n\nPublication Year: 2024\n\n"
            "This report tells the story of ‘CITY2030: Cities Report on the SDGs’, an EU funded "
            "project, implemented by the Division for Public Institutions and Digital Government "
            "(DPIDG) of UN DESA from 2020 to 2023 in Ghana, Nepal and Peru.\n")
    [record] = project.parse(text).projects
    assert record.title == "CITY2030: Cities Report on the SDGs"
    assert (record.start_year, record.end_year) == (2020, 2023)
    assert {c.alpha3 for c in record.countries} == {"GHA", "NPL", "PER"}
    assert any(i.name.startswith("Division for Public Institutions") for i in record.implementers)


def test_an_about_page_in_prose() -> None:
    text = ("About the project\n\nIn June 2019, the United Nations Statistics Division (UNSD) "
            "formally agreed with the Ministry for Foreign Affairs of Norway to carry out a "
            "project supporting eight countries of two regions in using the records their "
            "ministries already keep for the indicators of the Goals, and in making the data "
            "available to those who make policy. The project will run until the end of 2023.\n\n"
            "The impact goal of the project is Better use of registers for the SDGs. Further, "
            "the project will work with ESCAP and the Economic Commission for Africa in "
            "organizing regional trainings, and it will help the countries write down the "
            "agreements under which statistical offices and ministries share their records.\n")
    [record] = project.parse(text).projects
    assert (record.start_year, record.end_year) == (2019, 2023)
    assert record.objective is not None and record.objective.text.startswith("The impact goal")
    assert any("Statistics Division" in i.name for i in record.implementers)
    assert {"ESCAP", "Economic Commission for Africa"} <= {p.name for p in record.partners}


# -- the ninth study's rules -----------------------------------------------------------------


def _people(text: str) -> dict[str, object]:
    return {p.name: p for p in update.parse(text).persons}


def test_a_possessive_after_a_name_is_no_part_of_it() -> None:
    text = ("Roundtable on open data\n\nUNPOG organised “Roundtable on Open Data for Cities” on 3 "
            "May 2016. The roundtable began with Head of UNPOG, Mr. Min-ho Seo's opening "
            "remarks on the year's work.\n")
    people = _people(text)
    assert "Min-ho Seo" in people and not any(name.endswith("'s") for name in people)
    [event] = _events(text)
    assert _paths(event.organizers) == {"actor/unpog"}  # 'organised “...”': a quoted name


def test_a_post_written_before_the_name() -> None:
    text = ("NIPA, UN DESA sign MoU\n\n4 May 2022\n\nThe MoU was signed by NIPA Executive "
            "Director Leila Haddad and Ivo Mars, Director of the Division for Public Institutions"
            " and Digital Government of the United Nations Department of Economic and Social "
            "Affairs. Jordan’s Minister of Digital Economy and Entrepreneurship Karim Nasser, "
            "who chairs the board, welcomed it.\n")
    people = _people(text)
    assert [(m.title, m.affiliation) for m in people["Leila Haddad"].memberships] == \
        [("Executive Director", "NIPA")]
    [mars] = people["Ivo Mars"].memberships
    assert mars.title == "Director" and mars.organization.path == "actor/dpidg"  # the unit
    assert people["Karim Nasser"].memberships[0].title == \
        "Minister of Digital Economy and Entrepreneurship"


def test_a_one_day_meeting_ends_that_day_and_titles_lose_their_article() -> None:
    from cepa_kg.pipeline import build_document
    from cepa_kg.sources import SourceText

    text = ("UNPOG meets with NIA\n\nOn 12 June 2018, UNPOG held a meeting with the National "
            "Information Society Agency in Incheon. Ms. Hana Lee, the Head of UNPOG, opened "
            "it.\n")
    built = build_document(SourceText("one-day.txt", text, "0" * 64, "utf-8"), base="http://x/")
    ends = {str(o) for _, p, o in built.triples.triples((None, None, None))
            if str(p).endswith("endDate")}
    assert ends == {"2018-06-12"}
    assert _people(text)["Hana Lee"].memberships[0].title == "Head"


def test_training_of_trainers_workshop_is_a_workshop() -> None:
    text = ("Malawi workshop\n\nThe first national training of trainers workshop took place in "
            "Lilongwe on 4-6 March 2019.\n")
    assert [e.kind for e in _events(text)] == ["workshop"]


def test_unu_egov_news_is_the_division_family() -> None:
    from cepa_kg.loaders.family_detection import update_score

    text = ("UNU Rector visits a university\n\n  • 2016•10•06     Guimarães\n\nThe Rector of the "
            "United Nations University visited the university on 5 October 2016, with the Head "
            "of UNU-EGOV. She met the Vice-Rectors and visited a school.\n")
    assert update_score(text) >= 0.5


def test_a_government_that_requested_the_division_to_hold_a_workshop() -> None:
    text = ("Malawi record\n\nThe Government of Zambia requested DPIDG to hold a national workshop"
            " on the public service curriculum in Lusaka on 2-4 April 2019.\n")
    [partnership] = [p for i in update.parse(text).items for p in i.partnerships]
    assert partnership.status == "requested"
    assert _paths(partnership.parties) == {"country/ZMB", "actor/dpidg"}
