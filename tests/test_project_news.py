"""A news item about a project: its title is the name the story gives the project in
quotation marks, not the site's banner or the item's headline."""

from __future__ import annotations

import pytest

from cepa_kg.namespaces import CEPA
from rdflib import RDF, RDFS

from tests.page_graph import graph_of

NEWS = """Get the app for a lighter experience

Five countries train planners on accountability

Lomé, 3 March (Press) - Planners from five countries met this week under the project on
“Strengthening the capacities of African governments to plan for results” of the 12th tranche
of the United Nations Development Account, implemented by the Economic Commission for Africa.
"""


def test_the_quoted_name_a_news_item_gives_the_project_is_its_title() -> None:
    g = graph_of(NEWS, "news.txt")
    titles = [str(g.value(p, RDFS.label)) for p in g.subjects(RDF.type, CEPA.Project)]
    assert titles == ["Strengthening the capacities of African governments to plan for results"]


def test_an_objective_after_a_lead_in_naming_who_states_it() -> None:
    from cepa_kg.loaders.project_fields import objectives
    from cepa_kg.loaders.spans import Span

    text = ("The training went on. For the adviser, the final objective of the program is to "
            "give every ministry the same planning tools. It ends in May.")
    found = [o.text for o in objectives(text, Span(0, len(text)))]
    assert found and found[0].startswith("For the adviser, the final objective of the program")


def test_a_project_of_a_regional_commission_told_in_prose_is_a_project_page() -> None:
    from cepa_kg.loaders.registry import ranked

    page = ("Planners trained in Lomé\n\nOfficials from Togo and Benin met this week in a "
            "training organized by the Economic Commission for Africa (ECA). The two are pilot "
            "countries of the project, which is part of a wider regional project on results "
            "planning.\n")
    assert ranked(page)[0].kind == "da-project"
    # the same story about no entity that carries out the Account's projects is refused
    import pytest
    from cepa_kg.loaders.registry import UnknownKindError

    with pytest.raises(UnknownKindError):
        ranked(page.replace("the Economic Commission for Africa (ECA)", "a local institute"))


def test_the_body_that_organised_a_projects_training_implements_it_when_no_other_is_named() -> None:
    page = ("Planners trained in Lomé\n\nPlanners met under the project on “Planning for results "
            "in West Africa”, in a training organized by the Economic Commission for Africa "
            "(ECA), which runs until Friday.\n")
    g = graph_of(page, "news.txt")
    project = next(g.subjects(RDF.type, CEPA.Project))
    assert [str(i).rsplit("/", 1)[-1] for i in g.objects(project, CEPA.implementedBy)] == ["eca"]


def test_a_concept_paper_s_numbered_fields_and_a_slide_s_list_of_cooperating_agencies() -> None:
    from cepa_kg.loaders import project

    paper = ("Regional Statistics Project Concept Paper\n\n(i) Building statistical capacity in "
             "the region\n(ii) Implementing entities and U Secretariat partners: DESA jointly "
             "with ESCAP\n(iii) Background\nStatistics guide policy. This project is therefore "
             "designed to raise the availability of data in the region.\n")
    record = project.parse(paper).projects[0]
    assert [i.name for i in record.implementers] == ["DESA", "ESCAP"]
    objectives = [record.objective, *record.other_objectives]
    assert any(o is not None and o.text.startswith("This project is therefore designed to raise")
               for o in objectives)
    slides = ("Regional Statistics Project\n\nSteering Committee, 2005\n\nExecuting agency: "
              "UNSD/DESA\nCo-operating Agencies:\nSADC Secretariat\nESCAP\nThis development "
              "account comes at the right moment for the overhaul of statistical work at ECA\n"
              "The project is aimed at better data.\n")
    record = project.parse(slides).projects[0]
    assert [p.name for p in record.partners] == ["SADC Secretariat", "ESCAP"]


@pytest.mark.parametrize("sentence", [
    "Through this project, the Department of Economic and Social Affairs aimed to deepen the "
    "understanding of tax treaties.",
    "The Commission is leading a project funded by the European Commission that is aimed at "
    "deepening trade integration.",
    "This is an evaluation.The broad development objective of the project identified in the "
    "project documents is, to raise the efficiency of firms.",
])
def test_an_objective_told_after_a_lead_in_or_mid_sentence(sentence: str) -> None:
    from cepa_kg.loaders import project

    page = f"Tax Treaties Project\n\nDevelopment Account project of UN DESA.\n\n{sentence}\n"
    record = project.parse(page).projects[0]
    objectives = [o.text for o in (record.objective, *record.other_objectives) if o is not None]
    assert any(o.split()[0] in ("Through", "aimed", "The") for o in objectives), objectives


def test_an_office_s_acronym_glued_to_the_heading_before_it() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.spans import Span

    text = "Asset Management in Least Developed CountriesFSDO and UNCDF have piloted a project"
    start = text.index("FSDO")
    found = Gazetteer.bundled().find_actors(text, Span(start, len(text)))
    assert [m.path for m in found] == ["actor/fsdo", "actor/uncdf"]


_NO_CUE = ("Water Accounts Project\n\nDevelopment Account project, 10th tranche.\n\n"
           "Statisticians from Jordan and Oman compared their water balances at a meeting in "
           "Amman, where {who} presented the new handbook{partner}.\n")


@pytest.mark.parametrize("who, partner, expected", [
    # the one entity of the Account the page names carries the project out
    ("ESCWA", "", ["ESCWA"]),
    # one named as a partner is no implementer; the other one is
    ("ESCWA", ", prepared in partnership with UNCTAD", ["ESCWA"]),
    # two entities and no sentence saying which runs it: no guess
    ("ESCWA and ESCAP", "", []),
    # a body that is no entity of the Account is not taken
    ("UNDP", "", []),
])
def test_the_one_entity_of_the_account_a_page_names_implements_its_project(
        who: str, partner: str, expected: list[str]) -> None:
    from cepa_kg.loaders import project

    record = project.parse(_NO_CUE.format(who=who, partner=partner)).projects[0]
    assert [i.name for i in record.implementers] == expected


@pytest.mark.parametrize("sentence, objective", [
    ("The workshop is part of a UN project that aims to strengthen the planning of local "
     "governments.", "aims to strengthen the planning of local governments."),
    ("Its programme seeks to steer public purchasing towards cleaner goods.",
     "seeks to steer public purchasing towards cleaner goods."),
    ("L'atelier s'inscrit dans le projet qui vise à renforcer les institutions de planification.",
     "vise à renforcer les institutions de planification."),
])
def test_an_aim_told_in_a_relative_clause_is_read_from_its_verb(sentence: str,
                                                                objective: str) -> None:
    from cepa_kg.loaders.project_fields import objectives
    from cepa_kg.loaders.spans import Span

    text = f"Officials met this week. {sentence} It closes on Friday."
    assert [o.text for o in objectives(text, Span(0, len(text)))] == [objective]
    # a relative clause on a programme that states no aim gives none
    other = "This document sets out the programme, which the secretariat drew up last year."
    assert objectives(other, Span(0, len(other))) == []


@pytest.mark.parametrize("heading, title", [
    ("Independent project evaluation - Building export skills in small island states",
     "Building export skills in small island states"),
    ("Development Account -Tranche 6 Regional cooperation on trade statistics in Africa",
     "Regional cooperation on trade statistics in Africa"),
    # a code and a body are no title: the line is kept as it is
    ("Transcript of Project Evaluation ROA-61 - ESCAP · 2018",
     "Transcript of Project Evaluation ROA-61 - ESCAP · 2018"),
])
def test_a_title_line_without_what_a_document_site_or_an_evaluation_puts_before_it(
        heading: str, title: str) -> None:
    from cepa_kg.loaders import project

    page = ("+ All Categories\nShare this document with a friend\nTranscript\n\n"
            f"{heading}\n\nDevelopment Account project of ESCAP, 2015-2018. The project aims to "
            "raise trade skills in the region.\n")
    assert project.parse(page).projects[0].title == title


def _doers(page: str) -> tuple[list[str], list[str]]:
    from cepa_kg.loaders import project

    record = project.parse(page).projects[0]
    return [n.name for n in record.implementers], [n.name for n in record.partners]


def test_the_bodies_a_joint_project_brings_together_carry_it_out_not_who_funds_it() -> None:
    page = ("Safer ports in times of pandemics\n\n1 May 2021 to 30 April 2023|Project\n\n"
            "The project aims to keep ports open while the virus spreads.\n\nThe initiative "
            "brings together the regional commissions for Africa (ECA) and Western Asia (ESCWA) "
            "with UNCTAD and funding managed by the UN Department of Economic and Social "
            "Affairs.\n")
    implementers, partners = _doers(page)
    assert sorted(implementers) == ["ECA", "ESCWA", "UNCTAD"] and partners == []


def test_the_one_a_joint_project_says_leads_it_carries_it_out_the_others_are_partners() -> None:
    page = ("Reviving small firms after the crisis\n\nThe project aims to help small firms "
            "recover.\n\nThe initiative brings together UNCTAD, who also acts as a lead agency— "
            "UN DESA and the regional commissions for Africa (ECA) and Europe (ECE) with funding "
            "provided by the UN Development Account.\n")
    implementers, partners = _doers(page)
    assert implementers == ["UNCTAD"]
    assert {"ECA", "ECE"} <= set(partners) and "UNCTAD" not in partners


@pytest.mark.parametrize("sentence", [
    "A new joint UN project is seeking to help ports stay open.",
    "Launched in 2020, the inter-agency project was aimed at helping ports stay open.",
])
def test_an_aim_a_project_is_seeking_or_was_aimed_at(sentence: str) -> None:
    from cepa_kg.loaders.project_fields import objectives
    from cepa_kg.loaders.spans import Span

    page = f"Ports in a pandemic\n\n{sentence} Ports matter.\n"
    assert [o.text for o in objectives(page, Span(0, len(page)))] == [
        sentence[sentence.find(",") + 2 if "," in sentence else 0:]]


@pytest.mark.parametrize("sentence", [
    "This project intends to help ports stay open.",
    "This project, formulated jointly by ECA and UN-Habitat, intends to help ports stay open.",
    "The OETS project aims to help ports stay open.",
])
def test_an_aim_a_project_intends_with_more_said_of_it_before_the_verb(sentence: str) -> None:
    from cepa_kg.loaders.project_fields import objectives
    from cepa_kg.loaders.spans import Span

    page = f"Ports in a pandemic\n\n{sentence} Ports matter.\n"
    assert [o.text for o in objectives(page, Span(0, len(page)))] == [sentence]


def test_the_bodies_a_project_benefits_from_collaboration_with_are_partners() -> None:
    from cepa_kg.loaders.project_fields import partner_phrases
    from cepa_kg.loaders.spans import Span

    page = ("The entity's work on the project benefits from collaboration with UNDP, UNEP and the "
            "OECS Commission, among others.\n")
    assert [p.of(page) for p in partner_phrases(page, Span(0, len(page)))] == [
        "UNDP, UNEP and the OECS Commission, among others"]


def test_a_project_told_in_paragraphs_without_a_title_line_is_one_project() -> None:
    from cepa_kg.loaders import project

    page = ("The Global Initiative for the revival of small firms rests on a resolution of the "
            "General Assembly adopted in April 2020 and on the UN framework for the response.\n\n"
            "The objective of the project is to develop tools that help small firms in developing "
            "countries recover from the crisis.\n\nThe initiative brings together UNCTAD, who "
            "also acts as a lead agency— UN DESA and the regional commissions for Africa (ECA) "
            "and Europe (ECE) with funding provided by the UN Development Account.\n\nThe project "
            "is organised in five clusters that address the areas most critical to recovery.\n")
    records = project.parse(page).projects
    assert len(records) == 1
    assert [n.name for n in records[0].implementers] == ["UNCTAD"]
    # (a listing whose paragraphs each state a project's aim stays a project each)
    listing = ("This project aims to strengthen the capacity of Comoros and Belize to plan "
               "budgets for the goals in their national plans and policies.\n\nThis project "
               "aims to help four small island states to build statistical systems for climate "
               "data and policies.\n")
    assert len(project.parse(listing).projects) == 2


def test_a_partner_phrase_ends_where_the_sentence_s_subject_and_verb_begin() -> None:
    from cepa_kg.loaders.project_fields import partner_phrases
    from cepa_kg.loaders.spans import Span

    page = ("To that end, and in partnership with the United Nations Population Fund and the "
            "League of Arab States, ESCWA organized a regional conference.\n")
    assert [p.of(page) for p in partner_phrases(page, Span(0, len(page)))] == [
        "the United Nations Population Fund and the League of Arab States"]


def test_the_years_a_project_was_implemented_between_with_a_day_before_a_month() -> None:
    from cepa_kg.loaders.project_fields import prose_years
    from cepa_kg.loaders.spans import Span

    page = ("The project was funded under the Account and implemented by UNCTAD between May 2014 "
            "and 31 October 2018, including an extension.\n")
    assert prose_years(page, Span(0, len(page)))[:2] == (2014, 2018)


def test_a_title_quoted_after_an_account_funded_project_and_its_code() -> None:
    from cepa_kg.loaders import project

    page = ("Final evaluation\n\nThis abstract concerns the independent evaluation of the United "
            "Nations Development Account (UNDA) funded project 1415N titled “Helping small "
            "fisheries in the least developed countries export more.” The evaluation looks at "
            "results.\n")
    assert project.parse(page).projects[0].title == (
        "Helping small fisheries in the least developed countries export more")


def test_the_month_after_an_evaluation_s_authors_on_a_cover_run_into_one_line() -> None:
    from cepa_kg.loaders import project

    page = ("External Evaluation of Development Account Project 0809AM Safer Border Crossings in "
            "Landlocked Countries* Prepared by Ana R. Sousa February 2015 *This report was "
            "commissioned by UNCTAD.\n")
    dated = project.parse(page).dated
    assert dated is not None and dated.iso() == "2015-02"


def test_the_funding_line_of_a_table_flattened_without_colons() -> None:
    from cepa_kg.loaders import project

    page = ("Executive summary\nProject Code 1213J\nExecuting Entity UNCTAD\nFunding US$563,000 "
            "from UNDA 8th tranche\n\nThe project aims to train trade officials.\n")
    budget = project.parse(page).projects[0].budget
    assert budget is not None and budget.usd == 563000


@pytest.mark.parametrize("sentence, partner", [
    ("Coastal work goes on throughout the project (with support from the World Bank).",
     "the World Bank"),
    ("The Forum meets once a year under the sponsorship of the Asian Development Bank.",
     "the Asian Development Bank"),
    ("The Asian Development Bank, the main development partner of this project, set its aims.",
     "The Asian Development Bank"),
])
def test_a_partner_named_as_support_sponsor_or_partner_of_the_project(
        sentence: str, partner: str) -> None:
    from cepa_kg.loaders.project_fields import partner_phrases
    from cepa_kg.loaders.spans import Span

    page = f"{sentence}\n"
    assert [p.of(page).rstrip(").") for p in partner_phrases(page, Span(0, len(page)))] == [
        partner]


@pytest.mark.parametrize("sentence", [
    "The subprogrammes of the main implementing partners of the project, ECA, ESCAP and the "
    "Department of Economic and Social Affairs, already work closely together.",
    "The implementing entities are ECA, ESCAP and the Department of Economic and Social Affairs.",
])
def test_the_implementing_partners_a_project_page_lists(sentence: str) -> None:
    from cepa_kg.loaders import project

    page = ("Development Account\n\nStatistics on informal employment\n\nThe objective of the "
            f"project is to strengthen statistics on informal work. {sentence}\n")
    record = project.parse(page).projects[0]
    assert [n.name for n in record.implementers] == [
        "ECA", "ESCAP", "Department of Economic and Social Affairs"]


def test_an_evaluation_cover_s_title_in_guillemets_after_its_colon() -> None:
    from cepa_kg.loaders import project

    page = ("Final Evaluation of the Project: «Building the Capacities of Human Resource Managers "
            "in Africa» ROA Addis, November 27, 2014\n\nDownload \"Final Evaluation\"\n\n"
            "The objective of the project is to build the capacities of managers.\n")
    assert project.parse(page).projects[0].title == (
        "Building the Capacities of Human Resource Managers in Africa")


def test_a_project_document_s_cover_line_gives_the_title_without_its_kind_and_entity() -> None:
    from cepa_kg.loaders import project

    page = ("PROJECT DOCUMENT. Knowledge networks through ICT access points for remote "
            "communities. Economic and Social Commission for Western Asia (ESCWA)\n\nThe "
            "objective of the project is to build knowledge networks.\n")
    assert project.parse(page).projects[0].title == (
        "Knowledge networks through ICT access points for remote communities")


def test_partners_a_lead_will_collaborate_with_aims_told_with_also_or_launched_and_an_end() -> None:
    from cepa_kg.loaders import project

    page = ("Development Account\n\nStatistics on informal employment\n\nThis project was "
            "launched to strengthen the capacity of select countries. The project also aims to "
            "encourage the use of the accounts. It is under way in Africa and runs until "
            "mid-2024. UNDESA/FSDO will closely collaborate with ECA, ECLAC and UNCTAD.\n")
    record = project.parse(page).projects[0]
    assert [p.name for p in record.partners] == ["ECA", "ECLAC", "UNCTAD"]
    assert record.objective is not None and record.objective.text.startswith(
        "This project was launched to strengthen")
    assert [o.text[:30] for o in record.other_objectives] == ["The project also aims to encou"]
    assert (record.start_year, record.end_year) == (None, 2024)


@pytest.mark.parametrize("page, title", [
    # a draft guide's cover run into one line: the code, the title, the Department's name
    ("ning for peace · a guide for those who run training courses on...\n\n64\n--- DRAFT --- 1 "
     "TRAINERS GUIDE DRAFT Planning for Peace Development Account Project (ROA 131) Building "
     "Public Service Capacity for Post-Crisis Recovery in Selected Countries United Nations "
     "Department of Economic and Social Affairs Division for Public Administration\n",
     "Building Public Service Capacity for Post-Crisis Recovery in Selected Countries"),
    # a job board's notice: the title after the code and a colon, up to ", which"
    ("By continuing to use this site, you agree to our use of cookies. See our privacy notice\n\nReview Team Member\n\n"
     "  • Organization: ECA - Economic Commission for Africa\n  • Location: Addis Ababa\n  • "
     "Closing Date: Closed\n\nResult of Service\n\nThe review of the Development Account Joint "
     "Project 1819K: Safer Supply Chains for Small Island States, which closes this year, "
     "will deliver a report.\n",
     "Safer Supply Chains for Small Island States"),
])
def test_the_title_right_after_the_project_s_code(page: str, title: str) -> None:
    from cepa_kg.loaders.project import parse

    assert [r.title for r in parse(page).projects] == [title]


@pytest.mark.parametrize("sentence", [
    "Implemented by the UNDP and the Ministry of Planning, a new donor-funded initiative ‘Open "
    "Budgets for Every District’ will help three provinces publish their spending.",
    "The project, known as “Open Budgets for Every District”, will receive 500,000 dollars.",
    "In the course of the project being implemented by ECA and UNDP on “Open Budgets for Every "
    "District”, a workshop was held.",
    "ESCAP undertook a project in 2019–2020 on “Open Budgets for Every District”, in "
    "partnership with UNPOG.",
])
def test_a_project_named_in_quotation_marks_after_its_word(sentence: str) -> None:
    from cepa_kg.loaders.project import named_title
    from cepa_kg.loaders.spans import Span

    found = named_title(sentence, Span(0, len(sentence)))
    assert found is not None and found.of(sentence) == "Open Budgets for Every District"


def test_a_long_list_of_partners_is_read_to_its_end() -> None:
    from cepa_kg.loaders.project import parse

    page = ("Trade Statistics for Small Economies\n\nThe project is financed by the Development "
            "Account. It will be implemented in collaboration with the Economic and Social "
            "Commission for Asia and the Pacific (ESCAP), the Economic Commission for Latin "
            "America and the Caribbean (ECLAC), the United Nations Economic Commission for Africa "
            "(ECA), the United Nations Department of Economic and Social Affairs (DESA), the "
            "International Labour Organization (ILO) and the World Trade Organization (WTO).\n")
    partners = {n.name for r in parse(page).projects for n in r.partners}
    assert {"International Labour Organization", "World Trade Organization"} <= partners


def test_the_verb_after_a_partner_list_s_comma_ends_it() -> None:
    from cepa_kg.loaders.project import parse

    page = ("Development Account project 1819G\n\nLast month the Ministry of Home Affairs, in "
            "partnership with UN DESA and the United Nations Development Programme (UNDP), "
            "organized a technical workshop on the implementation of One-Stop-Shop Centres (OSSCs). The project aims "
            "to help the country bring its services closer to citizens.\n")
    partners = {n.name for r in parse(page).projects for n in r.partners}
    assert "United Nations Development Programme" in partners
    assert not any("One-Stop-Shop" in p for p in partners)


def test_a_new_project_aimed_at_states_its_aim_another_named_one_does_not() -> None:
    from cepa_kg.loaders.project_fields import objectives
    from cepa_kg.loaders.spans import Span

    text = ("The commission recently launched a new project aimed at helping small towns publish "
            "their budgets online. Last year the Pacific project aimed at training auditors.")
    assert [o.text for o in objectives(text, Span(0, len(text)))] == [
        "aimed at helping small towns publish their budgets online."]


@pytest.mark.parametrize(("page", "phrase"), [
    ("Implemented by UN DESA and ESCAP, with the collaboration of the Pacific Community (SPC), "
     "this project aims to build statistical skills.\n", "the Pacific Community (SPC)"),
    ("Status: In coordination with the activities of the Regional Centre for Water Law and "
     "the basin authorities.\n",
     "the activities of the Regional Centre for Water Law and the basin authorities"),
])
def test_a_partner_after_with_the_collaboration_of_or_in_coordination_with(
        page: str, phrase: str) -> None:
    from cepa_kg.loaders.project_fields import partner_phrases
    from cepa_kg.loaders.spans import Span

    assert [p.of(page) for p in partner_phrases(page, Span(0, len(page)))] == [phrase]


@pytest.mark.parametrize(("sentence", "title"), [
    ("The workshop is organized under the project titled Improved local capacities for "
     "resilient services, funded by the UN Development Account.",
     "Improved local capacities for resilient services"),
    ("The project, known as Accountability frameworks for local governments, was launched in "
     "2015.", "Accountability frameworks for local governments"),
    # (a title with no quotation marks ends before the place and the day it runs on into)
    ("The Office organized a meeting on the project titled Open Data Standards for Local "
     "Services in the Office premises on 14 March 2017.", "Open Data Standards for Local Services"),
])
def test_a_project_s_name_after_titled_or_known_as_without_quotation_marks(sentence: str,
                                                                          title: str) -> None:
    from cepa_kg.loaders import project

    page = "Capacity workshop news\n\n" + sentence + " The project is implemented by DESA.\n"
    assert project.parse(page).projects[0].title == title


def test_an_aim_after_the_project_s_quoted_name_or_its_years_but_not_another_s() -> None:
    from cepa_kg.loaders import project

    page = ("Governance\n\nESCWA implements the Development Account project “Institutional "
            "development for Arab countries” (2020-2023), which aims to strengthen public "
            "institutions in Libya and Iraq.\n")
    record = project.parse(page).projects[0]
    assert record.objective is not None
    assert record.objective.text.startswith("aims to strengthen public institutions")
    # (a toolkit's aim, in a sentence that names no project, is no objective of the project)
    page = ("Governance\n\nThe Development Account project 1819X is implemented by ESCWA.\n\n"
            "ESCWA also published the toolkit “Open budgets”, which aims to guide ministries.\n")
    record = project.parse(page).projects[0]
    assert record.objective is None
