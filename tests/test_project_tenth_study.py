"""The tenth study's rules for project pages (`loaders/layouts/project.md`, the entries after
`sdgs-publication-project-overview`): how pages name who carries a project out, list heads
with a dash or the Account's initials, titles told in prose, and pages of a country's
projects. Texts our own."""

from __future__ import annotations

from cepa_kg.loaders import project, registry
from cepa_kg.loaders.family_detection import project_score, update_score
from cepa_kg.loaders.project import _RECORD_HEAD, _names
from cepa_kg.loaders.spans import Span


def _one(text: str):
    records = project.parse(text).projects
    assert len(records) == 1
    return records[0]


def _implementers(text: str) -> list[str]:
    return [n.name for r in project.parse(text).projects for n in r.implementers]


# -- detection ---------------------------------------------------------------------------------

COUNTRY_PAGE = """Welcome to the United Nations
Department of Economic and Social Affairs
Capacity Development
Home About Areas of work Where we work Resources News Contact

Zambia

Water accounts for drought planning in southern Africa
Lead Division: DESA/Statistics Division
Funding Source: Regular Programme of Technical Cooperation
Status: Ongoing

Local reviews of the SDGs in secondary cities
Lead Division: DESA/DSDG
Funding Source: Regular Programme of Technical Cooperation
Status: Completed
"""


def test_a_page_of_project_records_under_a_capacity_development_heading_is_a_project_page() -> None:
    # "Capacity Development" alone on a line heads a news section; the record fields under
    # each title say these are projects
    assert project_score(COUNTRY_PAGE) > update_score(COUNTRY_PAGE)
    assert registry.detect(COUNTRY_PAGE).kind == "da-project"


def test_a_short_heading_ending_in_project_and_an_executed_by_sentence_make_a_project() -> None:
    text = ("ECA Project\n\nThe project \"Civil registration in the Sahel\" was executed by "
            "UNSD in 2004 to 2006 in collaboration with ECA. A workshop was held in Dakar.\n")
    assert registry.detect(text).kind == "da-project"


def test_projects_in_a_country_heads_a_page_of_projects() -> None:
    assert project_score("Projects in Ghana\n\nTwo projects are under way.\n") >= 0.3
    assert project_score("Projects in the pipeline were discussed at length.\n") == 0.0


# -- listing heads -----------------------------------------------------------------------------

SEARCH = """Projects

2023K - Fiscal space for social protection in the Andes

Main Expectations: Ministries cost their social protection floors.

Partners: ECLAC
Time Frame: May 2023 - 31 December 2025
Focus Countries:Bolivia, Ecuador, Peru

DA2023L: Open budget data for city governments in Asia

Brief Description: City finance offices publish budgets nobody can reuse.

Time Frame: June 2023 - June 2026
"""


def test_a_listing_head_may_join_code_and_title_with_a_spaced_dash_or_prefix_DA() -> None:
    records = project.parse(SEARCH).projects
    assert [(r.code, r.title) for r in records] == [
        ("2023K", "Fiscal space for social protection in the Andes"),
        ("2023L", "Open budget data for city governments in Asia")]
    assert {c.alpha3 for c in records[0].countries} >= {"BOL", "ECU", "PER"}


def test_a_year_range_or_a_code_inside_a_word_is_not_a_listing_head() -> None:
    assert _RECORD_HEAD.search("2019 - 2022 Strengthening tax offices in the Pacific") is None
    assert _RECORD_HEAD.search("XKEN/21/001: E-procurement in county governments") is None
    assert _RECORD_HEAD.search("DA 2023L: Open budget data").group("code") == "2023L"


# -- who carries the project out ---------------------------------------------------------------


def test_the_subject_that_launches_a_project_implements_it() -> None:
    text = ("Household surveys in the Caribbean\n\nThe United Nations Statistics Division is "
            "launching a Development Account project for four Caribbean countries - Belize, "
            "Guyana, Jamaica and Suriname. The project aims to strengthen survey offices.\n")
    assert _implementers(text) == ["United Nations Statistics Division"]


def test_executed_by_with_years_after_it_gives_the_implementer_and_the_years() -> None:
    record = _one("ESCAP Project\n\nThe project \"Energy statistics for Pacific island "
                  "countries\" was executed by UNSD in 2008 to 2011 in collaboration with the "
                  "Statistics Division of ESCAP.\n")
    assert record.title == "Energy statistics for Pacific island countries"
    assert [n.name for n in record.implementers] == ["UNSD"]
    assert [n.name for n in record.partners] == ["ESCAP"]
    assert (record.start_year, record.end_year) == (2008, 2011)


def test_a_unit_of_another_body_is_that_body_and_a_unit_of_its_own_department_is_itself() -> None:
    def known(s: str) -> list[str]:
        return [n.name for n in _names(s, Span(0, len(s)), known_only=True)]
    assert known("with the Statistics Division of ECLAC.") == ["ECLAC"]
    assert known("with the Statistics Division of DESA.") == ["Statistics Division"]
    assert known("with the Division for Public Institutions and Digital Government (DPIDG) of "
                 "UN DESA") == ["Division for Public Institutions and Digital Government",
                                "DPIDG"]
    assert known("UN DESA’s Division for Public Institutions and Digital Government") == [
        "Division for Public Institutions and Digital Government"]
    assert known("with UNSD and ESCWA") == ["UNSD", "ESCWA"]


def test_the_body_in_a_relative_clause_or_before_executed_projects_implements_it() -> None:
    text = ("Lessons from ECA Executed Projects\n\nThe Sahel project, starting now, is the third "
            "project that UNSD is executing (2011-2014)\n")
    record = _one(text)
    assert {n.name for n in record.implementers} == {"ECA", "UNSD"}
    assert (record.start_year, record.end_year) == (2011, 2014)


def test_a_listing_opening_paragraph_names_whose_projects_are_listed_below() -> None:
    text = ("Projects\n\nAt the request of Member States, UN DESA’s Division for Public "
            "Institutions and Digital Government (DPIDG) gives policy advice to governments. "
            "The development cooperation projects listed below are one way it does so.\n\n"
            "KEN/21/001: E-procurement in county governments\n\nDivision: DMB\n\n"
            "GHA/22/002: Records management for the civil service\n\nTime Frame: 2022 - 2024\n")
    records = project.parse(text).projects
    assert [n.name for n in records[0].implementers] == ["DMB"]  # its own field first
    assert [n.name for n in records[1].implementers] == [
        "Division for Public Institutions and Digital Government", "DPIDG"]


def test_a_listing_without_such_a_paragraph_lends_no_implementer() -> None:
    text = ("Projects\n\nUN DESA helps governments.\n\nKEN/21/001: E-procurement in county "
            "governments\n\nGHA/22/002: Records management for the civil service\n")
    assert _implementers(text) == []


def test_entities_with_a_value_on_its_line_names_the_implementers() -> None:
    record = _one("Regional trade data for landlocked countries\n\nEntities: ECA, ESCAP\n"
                  "Status: Active\n\nThe objective of this project is to help customs "
                  "offices share data.\n")
    assert [n.name for n in record.implementers] == ["ECA", "ESCAP"]


def test_entities_alone_heads_the_portal_fields_and_names_no_one() -> None:
    record = _one("Project Info\n\nTitle\nRegional trade data for landlocked countries\n\n"
                  "Entities\n\nImplementing Entity (Lead)\nUNCTAD\nCollaborating DA Entities\n"
                  "ECA\n")
    assert [n.name for n in record.implementers] == ["UNCTAD"]


# -- titles told in prose ----------------------------------------------------------------------


def test_a_title_before_its_code_and_the_word_project_is_the_title() -> None:
    text = ("Development Account project success stories\n\nBetter census maps\n\nTen countries "
            "took part in the Mapping the census with open geodata in West Africa (10/11Q) "
            "project (http://example.org/).\n")
    record = _one(text)
    assert record.title == "Mapping the census with open geodata in West Africa"
    assert record.code == "10/11Q"


def test_the_body_that_is_the_lead_agency_or_leads_the_project_implements_it() -> None:
    head = "Port data for landlocked countries\n\nThe objective of this project is to help ports. "
    assert _implementers(head + "The Department of Economic and Social Affairs (DESA) is the "
                         "lead agency for the project.\n") == [
        "Department of Economic and Social Affairs"]
    assert _implementers(head + "ESCWA will lead the project in the Arab region.\n") == ["ESCWA"]
    assert _implementers(head + "The project is a joint initiative of ECA and ESCAP, with "
                         "support from UNCTAD.\n") == ["ECA", "ESCAP"]


def test_governments_that_lead_the_work_at_home_are_no_implementer() -> None:
    assert _implementers("Port data for landlocked countries\n\nThe objective of this project "
                         "is to help ports. Governments lead the project in their countries.\n"
                         ) == []
