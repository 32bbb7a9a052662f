"""The twelfth study's rules for project pages (`loaders/layouts/project.md`, "Twelfth study";
`tests/data/archive-twelfth-study/README.md`): catalogue descriptions with no title, project
nodes with a "Title:" field or an "Objectives:" heading, an evaluation report's cover, prose
that names a project by its unquoted title, and the traps of earlier exercises, documents named
after a country and a donor's country. Texts our own."""

from __future__ import annotations

from cepa_kg.loaders import project, registry
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import MappingContext
from cepa_kg.loaders.family_detection import project_score, update_score
from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.project_rdf import to_rdf
from cepa_kg.namespaces import CEPA
from rdflib import Literal


def _one(text: str):
    records = project.parse(text).projects
    assert len(records) == 1
    return records[0]


def _names(items) -> list[str]:
    return [n.name for n in items]


# -- which pages are project pages -----------------------------------------------------------

DESCRIPTIONS = """This project aims to strengthen the capacity of Nauru, Palau and Samoa to plan \
for coastal hazards and to finance adaptation in their national budgets, drawing on DESA's tools.
The proposed project will help three landlocked countries in West Africa prepare for the \
renewal of their transit agreements and measure the cost of delays at the border; vulnerab"""


def test_catalogue_descriptions_opening_with_the_project_are_a_project_page() -> None:
    """A paragraph that opens with the project as its subject is a project's description."""
    assert project_score(DESCRIPTIONS) >= 0.5 > update_score(DESCRIPTIONS)
    assert registry.detect(DESCRIPTIONS).kind == "da-project"
    first = project.parse(DESCRIPTIONS).projects[0]
    assert first.objective is not None and first.objective.text.startswith("This project aims")
    assert [c.alpha3 for c in first.countries] == ["NRU", "PLW", "WSM"]


NODE = """Sorry, you need to enable JavaScript to visit this website.
Photo of Market

Title:\x20
Digital payments for small traders in selected least developed countries

About the Project:
Lead by UN DESA (DPIDG) and in partnership with ESCAP and UNITAR, this project aims to help \
Nepal and Lao People's Democratic Republic to bring small traders into digital payment systems.

Objective:
The project aims to support the selected countries to design rules for digital payments."""


def test_a_node_with_a_title_field_and_about_the_project_is_a_project_page() -> None:
    assert project_score(NODE) > update_score(NODE)
    rec = _one(NODE)
    assert rec.title.startswith("Digital payments for small traders")
    assert "UN DESA" in _names(rec.implementers)  # "Lead by UN DESA", the page's own spelling
    assert _names(rec.partners) == ["ESCAP", "UNITAR"]


COVER = """• Aucun résultat trouvé

transit corridors *

Texte intégral

(1)

Final Evaluation of ESCAP Project Account-

Strengthening the capacity of landlocked developing countries to manage transit

corridors *

Prepared by A. Evaluator

May 2019

(2)

1.1. General Information on ESCAP’s Project ... 5
"""


def test_the_cover_of_a_project_evaluation_gives_title_and_implementer() -> None:
    assert registry.detect(COVER).kind == "da-project"
    rec = _one(COVER)
    assert rec.title == ("Strengthening the capacity of landlocked developing countries to "
                         "manage transit corridors")
    assert _names(rec.implementers) == ["ESCAP"]


def test_a_country_page_of_short_records_is_one_project_not_refused() -> None:
    """A page whose body gives a project's fields but no line that reads as a title is read
    with what it has (its first line names it), not refused."""
    rec = _one("Bhutan\n\nLead Division: DESA/DSDG\nDuration: 2019-2022\n")
    assert rec.title == "Bhutan" and (rec.start_year, rec.end_year) == (2019, 2022)


# -- fields and objectives -------------------------------------------------------------------

def test_a_plural_objectives_heading_is_the_objective_field() -> None:
    rec = _one("A project office on digital skills (2012-2030)\n\nObjectives:\n\n"
               "The office helps governments train civil servants in digital skills.\n")
    assert rec.objective is not None and rec.objective.text.startswith("The office helps")


def test_an_introduction_ending_in_a_colon_carries_its_list_across_a_blank_line() -> None:
    rec = _one("A project office on digital skills (2012-2030)\n\nKey accomplishments\n\n"
               "The office works towards the following expected accomplishments:\n\n"
               "  • Improved skills of civil servants in data analysis.\n"
               "  • Strengthened training institutes in target countries.\n")
    assert [a.text for a in rec.accomplishments] == [
        "Improved skills of civil servants in data analysis.",
        "Strengthened training institutes in target countries."]


def test_an_objective_field_that_opens_with_background_gives_its_stated_objective() -> None:
    rec = _one("Main Expectations:\n\nThe Forum brings stakeholders together on data policy.\n\n"
               "Objective/Purpose of Project: Data policy was debated at two conferences. The "
               "main objective of the project is to build a shared understanding of data "
               "policy.\n")
    assert rec.objective.text.startswith("The main objective of the project is to build")


def test_an_objective_after_a_sentence_adverb_starts_at_its_article() -> None:
    rec = _one("Overview\nDistricts lack the means to maintain their buildings and networks. "
               "Therefore, the ultimate objective of this project is to improve district asset "
               "management in the pilot countries.\n")
    assert rec.objective.text.startswith("the ultimate objective of this project is")


def test_a_noun_is_no_bare_imperative_objective() -> None:
    rec = _one("UN Pilot Brings Asset Management to Districts\n\nThe project has followed a "
               "strategy, consisting of:\n\n  • Support for a regular dialogue between central "
               "and district governments on asset management\n")
    assert rec.objective is None


# -- countries, implementers, partners, titles -----------------------------------------------

def test_a_country_that_names_a_strategy_is_no_beneficiary() -> None:
    rec = _one("Development Account Projects\n\nStrengthening Caribbean SIDS to carry out the "
               "Mauritius Strategy\n\nThe project will help small island developing States "
               "apply the Samoa Pathway and the Mauritius Strategy in Grenada.\n")
    assert [c.alpha3 for c in rec.countries] == ["GRD"]


def test_a_focus_field_that_names_a_region_keeps_the_donor_out_of_the_countries() -> None:
    rec = _one("A project office on digital skills (2012-2030)\n\nPartners: Ministry of "
               "Public Service of the Government of Morocco\nDonor: Morocco\n"
               "Focus Countries: Africa\n")
    assert rec.countries == ()


def test_who_carried_out_an_earlier_exercise_does_not_implement_the_project() -> None:
    rec = _one("Development Account Projects\n\nStrengthening SIDS to prepare national "
               "strategies\n\nThe project will extend earlier reviews of national strategies "
               "carried out by DESA and ECLAC to all small island developing States of the "
               "subregion.\n")
    assert rec.implementers == ()


def test_acronyms_glued_after_a_heading_that_pilot_a_project_implement_it() -> None:
    rec = _one("UN Pilot Brings Asset Management to District Councils\n\nBrings Asset "
               "Management to District CouncilsFSDO and UNCDF have piloted a project to "
               "introduce asset management in Malawi and Haiti.\n")
    assert _names(rec.implementers) == ["FSDO", "UNCDF"]


def test_a_fronted_partner_phrase_ends_before_the_subject_and_keeps_a_given_acronym() -> None:
    text = ("Overview\nThe District Asset Management for Resilient Public Services in Selected "
            "LDCs project was approved under the 12th Tranche of the United Nations Development "
            "Account (UNDA). Carried out in partnership with the Municipal Asset "
            "Facility (MAF), the Financing for Sustainable Development Office (FSDO), "
            "a division within the United Nations Department of Economic and Social Affairs "
            "(UNDESA), set out to strengthen officials in Haiti.\n")
    rec = _one(text)
    assert rec.title == ("District Asset Management for Resilient Public Services in "
                         "Selected LDCs")
    # (a body the gazetteer lacks: its name, and the acronym it is given)
    assert _names(rec.partners) == ["Municipal Asset Facility"]
    iris = Iris("http://localhost:8000/")
    ctx = MappingContext(iris, iris.document("evaluation"), text, Gazetteer.bundled())
    to_rdf(project.parse(text), ctx)
    assert Literal("MAF") in set(ctx.graph.objects(None, CEPA.acronym))


def test_a_list_of_partners_with_articles_inside_a_sentence_goes_on() -> None:
    rec = _one("Development Account Projects\n\nCouncils that listen: citizen engagement in "
               "local government\n\nThe project will involve cooperation of the United Nations "
               "Development Programme (UNDP), the United Nations Human Settlements Programme "
               "(UN-Habitat) and ESCAP, which will link the councils with ministries.\n")
    gz = Gazetteer.bundled()
    assert {gz.resolve(n.name).path for n in rec.partners} == {
        gz.resolve(name).path for name in ("UNDP", "UN-Habitat", "ESCAP")}


def test_the_portal_category_other_un_entities_names_no_partner() -> None:
    rec = _one("Project Info\nProject Code\n2326K\nTitle\nResilient national plans for small "
               "island developing states\nEntities\nImplementing Entity (Lead)\nDESA\n"
               "Collaborating DA Entities\nECLAC\nOther Collaborating Entities\nOther UN "
               "entities\n")
    assert _names(rec.partners) == ["ECLAC"]


RUN_ON = """FINAL ASSESSMENT REPORT ASSESSMENT OF DEVELOPMENT ACCOUNT PROJECT 16/17 AB

Transcription

1 ASSESSMENT OF DEVELOPMENT ACCOUNT PROJECT 16/17 AB Cleaner buses for secondary cities: \
policy options for low-emission public transport June 2020

2 This report was prepared by an external consultant under the guidance of ECLAC."""


def test_a_cover_transcribed_as_one_line_gives_code_title_and_date() -> None:
    """The title runs from the code (slash form, a space before its letters) to the month."""
    doc = project.parse(RUN_ON)
    rec = doc.projects[0]
    assert rec.code == "16/17AB"
    assert rec.title == ("Cleaner buses for secondary cities: policy options for low-emission "
                         "public transport")
    assert doc.dated is not None and doc.dated.iso() == "2020-06"


def test_a_review_cover_ends_its_title_at_the_draft_mark() -> None:
    rec = _one("Transcription\n\n1 EVALUATIVE REVIEW of the Development Account Project "
               "Strengthening Regional Cooperation on Clean Cooking FINAL DRAFT Evaluator: A. B., "
               "Commissioned by: ESCAP / Energy Division (ED) 1\n")
    assert rec.title == "Strengthening Regional Cooperation on Clean Cooking"
    assert rec.implementers == ()  # (who commissioned the review is not said to implement)


def test_a_cover_month_below_its_author_dates_the_document() -> None:
    assert project.parse(COVER).dated.iso() == "2019-05"
