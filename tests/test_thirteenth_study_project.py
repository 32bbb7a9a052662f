"""The thirteenth study's project pages (tests/data/archive-thirteenth-study/project/README.md:
evaluation and assessment covers on document sites and repositories, UNECE country pages,
UNEP's evaluation records, devaccount pages), kept apart: a ratchet on the facts found today
(62 of 63; 12 before its rules, six pages refused), none refused; and the rules it taught."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders import project
from cepa_kg.loaders.family_detection import project_score, update_score

from tests.archive_facts import check_study

STUDY = Path(__file__).parent / "data" / "archive-thirteenth-study"
BASE = "http://localhost:8000/"
THIRTEENTH_STUDY_PROJECT_FOUND = 62


def test_the_thirteenth_study_project_pages_lose_nothing_read_today() -> None:
    check_study(STUDY, base=BASE, pages=13, found=THIRTEENTH_STUDY_PROJECT_FOUND,
                family="project")


def test_a_cover_in_capitals_over_lines_gives_code_title_and_month() -> None:
    text = ("FINAL ASSESSMENT REPORT\n\nASSESSMENT OF DEVELOPMENT\nACCOUNT PROJECT 12/13 AB\n\n"
            "Water statistics for river basin management\n\n\nin the Andes\nJune 2017\n"
            "This report was prepared by an external consultant.\n")
    assert project_score(text) >= 0.5
    doc = project.parse(text)
    record = doc.projects[0]
    assert record.code == "12/13AB"
    assert record.title.startswith("Water statistics for river basin management")
    assert (doc.dated.year, doc.dated.month) == (2017, 6)


def test_a_report_of_the_project_takes_its_quoted_title_and_the_code_in_parentheses() -> None:
    quoted = project.parse("Evaluation Report of the Project\n\n“Improving road safety data "
                           "in small island States”\n\nBy\n\nA. Author\n")
    assert quoted.projects[0].title == "Improving road safety data in small island States"
    coded = project.parse("Evaluation of Development Account Project (Code 1819Q)\n\nBetter "
                          "tax data for local budgets\n\nMay 2022 Evaluator: A. Author\n")
    assert coded.projects[0].code == "1819Q"
    assert (coded.dated.year, coded.dated.month) == (2022, 5)


def test_whose_project_it_is_before_the_word_or_after_its_code() -> None:
    record = project.parse("Terminal evaluation of the UNEP UNDA project: Greener public "
                           "budgets for ecosystem services\n\nThis is a terminal evaluation of "
                           "a project implemented between 2011 and 2014.\n").projects[0]
    assert any("UNEP" in n.name for n in record.implementers)
    assert (record.start_year, record.end_year) == (2011, 2014)
    cover = project.parse("Evaluation of the project\n\n“Safer dams for the rivers of Central "
                          "Asia” Project E301, UNECE\n\nPrepared by: A. Author\n").projects[0]
    assert cover.code == "E301"
    assert [n.name for n in cover.implementers] == ["UNECE"]


def test_a_country_page_of_a_project_item_is_a_project_page_and_names_the_country() -> None:
    text = ("Skip to main content\n\nMongolia\n\nEVAL_Report_E299\n\nThis evaluation assesses "
            "the relevance of the UNECE Geneva E299 Project entitled “Cleaner air policies "
            "for secondary cities”. Project was managed by the Environment Division.\n\n"
            "Evaluation Project E 299: Cleaner air policies for secondary cities\n")
    assert project_score(text) >= 0.5
    record = project.parse(text).projects[0]
    assert record.title == "Cleaner air policies for secondary cities"
    assert [n.name for n in record.implementers] == ["UNECE"]
    assert any(c.alpha3 == "MNG" for c in record.countries)


def test_a_country_page_of_news_stays_news() -> None:
    text = ("Uruguay\n\nUruguay hosted on 3 May the regional meeting of e-government leaders, "
            "attended by ministers of twenty countries; a technical cooperation project of UN "
            "DESA paid for the translation of the project's survey.\n")
    assert update_score(text) > project_score(text)


def test_partners_a_sentence_or_a_list_introduces() -> None:
    record = project.parse("Development Account Projects\n\nCleaner buses for Andean cities\n\n"
                           "The project will help five cities plan clean bus fleets.\n\n"
                           "Collaboration with UNEP will be sought in the preparation of "
                           "guidelines. The work is carried out with regional partners, "
                           "including UNFPA, Eurostat and UN-Women.\n").projects[0]
    names = {n.name for n in record.partners}
    assert {"UNEP", "UNFPA", "Eurostat", "UN-Women"} <= names
