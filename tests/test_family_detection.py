"""Which family a page belongs to, on the signs that decide close cases (texts our own)."""

from __future__ import annotations

import pytest
from cepa_kg.loaders import project, registry
from cepa_kg.loaders.family_detection import project_score, session_score, update_score


def _kind(text: str) -> str:
    return registry.detect(text).kind


def test_a_project_page_that_speaks_of_capacity_building_is_a_project() -> None:
    text = ("Development Account\n\nStrengthening capacity building for statistics in the "
            "Sahel\n\nThe objective of this project is to strengthen the capacity of national "
            "statistical offices; DESA organized a workshop on 3 May 2015 for the project.\n")
    assert project_score(text) > update_score(text)


def test_a_capacity_development_heading_on_its_own_line_marks_a_news_section() -> None:
    text = ("Capacity development\n\nWorkshop in Apia\n\nA workshop on open data was held in "
            "Apia on 3-5 May 2015, organized by DPADM in collaboration with ESCAP.\n")
    assert _kind(text) == "dpadm-monthly-update"


def test_a_news_page_saying_the_committee_held_its_session_is_a_session_page() -> None:
    text = ("News and Events\n\nExperts on public administration meet in New York\n\n"
            "The Committee of Experts on Public Administration held its fifteenth session at "
            "United Nations Headquarters from 18 to 22 April 2016. The main subject of "
            "discussion was the meeting of the 2030 Agenda by effective institutions.\n")
    assert session_score(text) > update_score(text)
    assert _kind(text) == "cepa-session"


def test_a_monthly_update_reporting_on_the_session_stays_an_update() -> None:
    text = ("DPADM Monthly Update to CEPA Members: April 2016\n\n1. CEPA session\n\nThe "
            "Committee of Experts on Public Administration held its fifteenth session from 18 "
            "to 22 April 2016; DPADM organized two side events.\n")
    assert _kind(text) == "dpadm-monthly-update"


def test_a_news_item_that_names_a_meeting_and_the_division_is_an_update() -> None:
    text = ("UNPOG meets the e-government agency of Mongolia\n\nOn 14 March 2016 UNPOG "
            "received a delegation of the e-government agency of Mongolia; the meeting covered "
            "digital identity.\n")
    assert update_score(text) >= 0.5


@pytest.mark.parametrize("heading", ["当前项目", "Proyectos actuales", "Projets en cours",
                                     "Текущие проекты", "Current Projects"])
def test_a_listing_of_teasers_in_any_un_language_gives_one_project_per_teaser(
        heading: str) -> None:
    text = (f"{heading}\n\n"
            "This project helps the governments of Malawi and Zambia to design digital public "
            "services that reach rural communities, drawing on national consultations with…\n\n"
            "The project supports civil servants of Ecuador and Paraguay in applying risk-based "
            "approaches to integrity in public procurement, including through e-learning...\n")
    assert _kind(text) == "da-project"
    doc = project.parse(text)
    assert len(doc.projects) == 2
    assert {c.alpha3 for c in doc.projects[0].countries} >= {"MWI", "ZMB"}
    assert {c.alpha3 for c in doc.projects[1].countries} >= {"ECU", "PRY"}


@pytest.mark.parametrize("text", [
    # a ministry's news: the workshop "will be held with the collaboration of UNDESA"
    "News\n\nData workshop will be held with the collaboration of UNDESA\n\nThe Centre will "
    "hold a workshop on open data in the first week of May with the collaboration of UNDESA.",
    # a newsletter whose only heading is its issue line
    "Volume 9, Issue II June 2013\n\nForum on public service\n\nThe forum will be held in "
    "Manama from 24 to 27 June; 40 countries will take part.",
    # a call on the head of the department, named by post alone
    "The Minister has met with Under-Secretary-General of the United Nations for Economic and "
    "Social Affairs Jane Roe.\n\nThey spoke of the regional symposium to be held in the city.",
])
def test_news_of_the_department_named_otherwise_is_an_update(text: str) -> None:
    assert registry.detect(text).kind == "dpadm-monthly-update"


@pytest.mark.parametrize("text", [
    # a project node of another UN office: a "Brief description" heading, outcomes in prose
    "Better Transit Data for Landlocked Countries\n\nStock photo\n\nBrief description\n\n"
    "Border delays keep trade costs high.\n\nThe first outcome of this UN-OHRLLS led project "
    "focuses on corridor data.\n\nThe second outcome focuses on joint management.",
    # an agency's record: its purpose told in prose, its partner "of this project"
    "Island Towns Facing Rising Seas\n\nThe main purpose of this activity is the coordination "
    "of island states on coastal towns. Detailed objectives tied to the project's expected "
    "accomplishments are:\n\n·  To share planning "
    "methods.\n\nNZAID, the main development partner of this project, supports it.",
])
def test_a_project_told_in_prose_by_another_office_is_a_project(text: str) -> None:
    assert registry.detect(text).kind == "da-project"


def test_a_press_release_on_one_of_the_division_s_global_forums_is_an_update() -> None:
    text = ("Press Release\n\n(Received from a UN Information Officer.)\n\nLIMA, 6 May -- "
            "Governments everywhere find it hard to renew their public administration, the "
            "Secretary-General said in a message read at the opening of the Sixth Global Forum "
            "on Reinventing Government, held in Lima from 3 to 6 May.\n")
    assert registry.detect(text).kind == "dpadm-monthly-update"


@pytest.mark.parametrize("text", [
    # another organisation's project page: the project named in quotation marks, its funder
    "Women in local councils of the Maghreb\n\nProject duration: 3 years\n\nThe project "
    "“Women in Local Councils” was drawn up to back national reforms, with funding from the "
    "Spanish cooperation and in partnership with UNFPA. The project closed in 2012.",
    # a programme page whose objectives are listed after "Its objectives were to:"
    "The Parliamentary Knowledge Hub\n\nThe Hub was a joint initiative of the IPU and UNDP "
    "launched in 2008.\n\nIts objectives were to:\n\n  • Help parliaments adopt ICT.\n\n"
    "  • Open parliamentary records to citizens.",
    # a country office's release fronted by who implements the initiative
    "UNICEF and the Ministry join forces for district services\n\nDili, 3 March 2020: "
    "Implemented by the United Nations Children's Fund (UNICEF) and the Ministry of State "
    "Administration (MSA), a new EU-funded initiative will help two districts plan services.",
])
def test_a_project_page_of_another_un_body_is_a_project(text: str) -> None:
    assert registry.detect(text).kind == "da-project"


def test_an_initiative_fronted_by_its_implementers_gives_them_all() -> None:
    text = ("UNICEF and the Ministry join forces for district services\n\nDili, 3 March 2020: "
            "Implemented by the United Nations Children's Fund (UNICEF) and the Ministry of "
            "State Administration (MSA), a new EU-funded initiative will help two districts "
            "plan their services together with their citizens.\n")
    [record] = project.parse(text).projects
    names = {n.name for n in record.implementers}
    assert "Ministry of State Administration" in names
    assert names & {"UNICEF", "United Nations Children's Fund"}
    assert not any("initiative" in n for n in names)


def test_partners_in_close_collaboration_are_partners() -> None:
    text = ("District Learning Initiative\n\nWorking in close collaboration with UNFPA and "
            "UN Women, the project helps two country teams plan joint work on gender "
            "equality. For more information about this project, write to us.\n")
    [record] = project.parse(text).projects
    assert {n.name for n in record.partners} >= {"UNFPA", "UN Women"}


def test_a_page_headed_by_the_committees_work_is_the_committees() -> None:
    text = ("Input to the 2021 HLPF\n\nUN CEPA sent a contribution to the High-level "
            "Political Forum, noting that institutions need more means to reach the goals.\n")
    assert _kind(text) == "cepa-session"


@pytest.mark.parametrize("text", [
    "Digital government moves ahead, new UN survey finds\n\n16 September 2026 - Countries "
    "stepped up their digital services, according to the 2026 edition of the United Nations "
    "E-Government Survey, launched by the United Nations today.\n",
    "Digital government in 2026\n\nUN E-Government Survey 2026\n\nReleased in 2026, this "
    "fourteenth edition of the United Nations E-Government Survey assesses all Member States.\n",
])
def test_the_release_of_the_survey_told_the_other_way_round_is_an_update(text: str) -> None:
    assert _kind(text) == "dpadm-monthly-update"


def test_a_page_that_names_the_division_needs_less_than_one_that_does_not() -> None:
    # (an event word and the place it was held: 0.2 of the update signs, too little for a
    # page that names none of the division's work, enough for one that does)
    seminar = "Public sector innovation\n\nA seminar was held in Lisbon with {} speakers.\n"
    assert _kind(seminar.format("UN DESA")) == "dpadm-monthly-update"
    with pytest.raises(registry.UnknownKindError):
        registry.detect(seminar.format("twelve"))


@pytest.mark.parametrize("text", [
    "Better statistics for the Sahel\nWhat is the project about\nThe national office needs "
    "help to report on the goals, and UNDP offers technical assistance to it.\n",
    "Open and trusted government services\n2018 – 2022 Completed\nLearn more\nArab States "
    "are moving services online. ESCWA helps Governments use new technologies.\n",
])
def test_a_project_page_known_by_its_heading_or_its_years_and_status(text: str) -> None:
    assert registry.detect(text).kind == "da-project"


def test_an_implementer_after_a_lead_in() -> None:
    text = ("Planning for change in the least developed countries\n\nIn response, the United "
            "Nations Conference on Trade and Development (UNCTAD) developed a project to build "
            "the capacity of planning ministries. The project was funded by the UN Development "
            "Account for 2015-2018.\n")
    [record] = project.parse(text).projects
    assert "United Nations Conference on Trade and Development" in {
        n.name for n in record.implementers}


def test_a_page_whose_subject_is_a_programme_of_a_un_body_is_a_project() -> None:
    text = ("Regional programme for economic statistics\n\nThe secretariat drew up the proposed "
            "regional programme with ESCAP's partners. The programme has four pillars, and each "
            "programme pillar has a lead country.\n")
    assert registry.detect(text).kind == "da-project"
    with pytest.raises(registry.UnknownKindError):  # (naming none of the UN's bodies)
        registry.detect(text.replace("ESCAP's", "its"))


def test_the_body_that_helps_is_the_implementer_when_no_other_is_named() -> None:
    text = ("Open and trusted government services\n2018 – 2022 Completed\nLearn more\nArab "
            "States are moving services online.\nESCWA helps Arab Governments to use new "
            "technologies by publishing case studies.\n")
    [record] = project.parse(text).projects
    assert [n.name for n in record.implementers] == ["ESCWA"]
    named = text.replace("Learn more", "Implemented by UNDP.")
    [record] = project.parse(named).projects
    assert "ESCWA" not in {n.name for n in record.implementers}


@pytest.mark.parametrize(("text", "objective"), [
    ("Skills for local statistics\n\nDevelopment Account\n\nThe Project’s objectives are to "
     "strengthen the capacity of national statistical offices. It runs in five countries.\n",
     "The Project’s objectives are to strengthen"),
    ("Skills for local statistics\n\nDevelopment Account\n\nThe project is aimed at setting up "
     "a network among statistical offices. It runs in five countries.\n",
     "The project is aimed at setting up"),
    ("Skills for local statistics\n\nDevelopment Account\n\nThe joint project aims at building "
     "up the skills of statisticians. It runs in five countries.\n",
     "The joint project aims at building"),
    ("Skills for local statistics\n\nDevelopment Account\n\nThe Development Account Project "
     "aims to strengthen statistical offices. It runs in five countries.\n",
     "The Development Account Project aims to strengthen"),
    ("Skills for local statistics\n\nDevelopment Account\n\nThis capacity building project "
     "(2013-2015) focussed to raise the skills of statisticians. It ran in five countries.\n",
     "This capacity building project (2013-2015) focussed to raise"),
    ("Skills for local statistics\n\nDevelopment Account\n\nIts principal mission is to "
     "strengthen statistical offices. It runs in five countries.\n",
     "Its principal mission is to strengthen"),
    ("Skills for local statistics\n\nDevelopment Account\n\nThe partnership was set up to "
     "bring statistical offices together. It runs in five countries.\n",
     "The partnership was set up to bring"),
    # the objective a noun phrase; a slide's "Main objectives of the Project were:"; the
    # project that "will strengthen" capacities
    ("Skills for local statistics\n\nDevelopment Account\n\nThe ultimate objective of the "
     "project was a statistical office that answers its users. It ran in five countries.\n",
     "The ultimate objective of the project was a statistical office"),
    ("Skills for local statistics\n\nDevelopment Account\n\nMain objectives of the Project "
     "were: to help statistical offices publish open data. It ran in five countries.\n",
     "Main objectives of the Project were: to help"),
    ("Skills for local statistics\n\nDevelopment Account\n\nThe project will strengthen "
     "national capacities for the production of local statistics. It runs in five countries.\n",
     "The project will strengthen national capacities"),
])
def test_objectives_stated_in_more_ways(text: str, objective: str) -> None:
    [record] = project.parse(text).projects
    assert record.objective is not None and record.objective.text.startswith(objective)


def test_a_partner_s_news_of_the_committee_s_last_meeting_is_a_session_page() -> None:
    page = ("News 2016\n\nUN experts back stronger audit offices\n\nThe UN Committee of Experts "
            "on Public Administration (CEPA) calls for stronger audit offices.\n\nThe experts "
            "made the call at their most recent meeting, which took place at the UN Headquarters "
            "in New York from 18 to 22 April 2016.\n")
    from cepa_kg.loaders import registry

    assert registry.detect(page).kind == "cepa-session"


@pytest.mark.parametrize("opening", [
    "UNPOG undertook a research project on open data with the Korea Institute in 2014–2015.",
    "DESA launched a new project to help island States keep their services running. Dubbed "
    "“Services that Last”, the project works with five ministries.",
    "The Commission is carrying out the project entitled “Statistics for Local Planning”.",
])
def test_a_news_item_that_opens_on_a_project_it_names_is_a_project_page(opening: str) -> None:
    text = (f"News\n\n{opening} The project is implemented by the Department of Economic and "
            "Social Affairs in Apia on 3 May 2016, where a workshop met.\n")
    assert _kind(text) == "da-project"
    # (a meeting held within the framework of a project is an event's page)
    event = ("News\n\nDESA is organizing a workshop on open data in Apia on 3 May 2016 within "
             "the framework of the project on “Statistics for Local Planning”, which is being "
             "implemented by the Department of Economic and Social Affairs.\n")
    assert _kind(event) == "dpadm-monthly-update"


def test_objectives_listed_under_its_objectives_were_to_are_one_each() -> None:
    text = ("Development Account\n\nGlobal Centre for ICT in Parliament\n\nIts objectives were "
            "to:\n\n  • Encourage parliaments to adopt ICT so that they become open.\n\n  • Give "
            "parliaments a stronger hand in passing laws.\n\nTo reach them, the Centre works.\n")
    [record] = project.parse(text).projects
    assert record.objective is not None
    assert [record.objective.text, *(o.text for o in record.other_objectives)] == [
        "Encourage parliaments to adopt ICT so that they become open.",
        "Give parliaments a stronger hand in passing laws."]


@pytest.mark.parametrize("text", [
    # a survey's ranking told by the Spanish and Portuguese press
    "El informe, que abarca a los 193 miembros de Naciones Unidas, comprende el índice de "
    "Gobierno Electrónico. Uruguay es el primero de América Latina en el ránking.\n",
    "A Pesquisa de Governo Eletrônico, criada pelo Departamento de Assuntos Econômicos e "
    "Sociais das Nações Unidas, coloca o Brasil em 54º lugar em governo digital.\n",
    # the Forum, its name misspelt ("Nation Unies")
    "Les participants au Forum des Nation Unies sur le service public ont parlé de "
    "gouvernance à Marrakech.\n",
])
def test_the_division_s_news_in_spanish_portuguese_and_french(text: str) -> None:
    assert _kind(text) == "dpadm-monthly-update"


@pytest.mark.parametrize("text", [
    # a forum's record of another body: its objective and a key accomplishments heading
    "Objective/Purpose of Project: the forum is asked to open a dialogue on water rights "
    "among many parties.\nKey Accomplishments (to-date):\nYearly meetings took place in "
    "Lima and Oslo.\n",
    # a handbook's page: made as part of a joint project, the project's goal told after
    "A guide to customs valuation for small states\n\nThis guide was written as part of a "
    "project implemented jointly by a tax office and a donors' compact.\n\nThe ultimate goal "
    "of this project was to give customs officers tools of their own.\n",
])
def test_a_project_page_with_two_signs_is_read_though_it_names_none_of_ours(text: str) -> None:
    # (two signs of a project give 0.40; half the signs, 0.5, is what the other families need)
    assert 0.4 <= project_score(text) < 0.5
    assert registry.detect(text).kind == "da-project"


def test_one_sign_of_a_project_is_not_enough_on_a_page_that_names_none_of_ours() -> None:
    text = "Notes on the harbour\n\nThe survey of its old piers is part of a mapping project.\n"
    assert project_score(text) < 0.4
    with pytest.raises(registry.UnknownKindError, match=r"a project page 0\.4"):
        registry.detect(text)


@pytest.mark.parametrize("text", [
    # a Spanish daily: a plan born of a project the Department carried out, its programme
    "Antes de fin de año, Bolivia adoptará una política de datos abiertos. El plan nace de un "
    "proyecto que el Departamento de Asuntos Económicos y Sociales de las Naciones Unidas "
    "ejecutó en el país en 2016, y forma parte de un programa más amplio de gobierno digital.\n",
    # the cover of a regional commission's evaluation, in Spanish: CEPAL and its programme
    "COMISION ECONOMICA PARA AMERICA LATINA Y EL CARIBE\n\nEvaluación del Programa de "
    "Cooperación Técnica de la CEPAL 2014-2016 “Capacidades para la planificación”\n\n"
    "Antecedentes del programa: el programa apoyó a los ministerios de planificación.\n",
    # a business daily: a UN body starts a programme it names by its capitals
    "UNDP starts a clean transport scheme for cities\n\nThe United Nations Development "
    "Programme (UNDP) is starting a scheme to move city fleets to cleaner fuels.\n\nThe "
    "Programme on Clean Urban Fleets will be led by UNDP and two city networks.\n",
    # a conference room paper's cover: the regional programme it is the plan of
    "CONFERENCE ROOM PAPER Economic and Social Commission for Asia and the Pacific Plan for "
    "running the Regional Programme for the Improvement of Labour Statistics Note by the "
    "secretariat\n",
    # a topic page: one sign of a programme where the department's office is named
    "Customs and trade\n\nMany countries lack the skills to apply trade treaties. The first "
    "focus of the Capacity Programme on Customs Matters, begun in 2015, has been the training "
    "of officials. The Financing for Sustainable Development Office has written a handbook.\n",
], ids=["es-proyecto-programa", "es-cepal", "programme-on", "programme-for", "ffdo"])
def test_a_programme_named_by_its_capitals_or_in_spanish_is_a_project(text: str) -> None:
    assert registry.detect(text).kind == "da-project"


def test_a_body_named_programme_is_no_sign_of_one() -> None:
    # ("United Nations Development Programme (UNDP)": a name, no programme on anything)
    text = "The United Nations Development Programme (UNDP) met its donors in Oslo.\n"
    assert project_score(text) == 0


@pytest.mark.parametrize("text", [
    # a French copy of a Secretariat note whose apostrophes were lost in transcription
    "Nations Unies E/C.16/2005/2 Conseil économique et social Comité d experts de l "
    "administration publique Quatrième session New York, 4-8 avril 2005 Point 4 de l ordre "
    "du jour Rapport du Secrétariat\n",
    # a Portuguese radio story: the Committee called a Commission, "da ONU sobre"
    "Uma perita de Angola, membro da Comissão de Especialistas da ONU sobre Administração "
    "Pública, falou à rádio sobre a sessão de Nova Iorque.\n",
    # an English page calling it the Committee of Experts "in" Public Administration
    "Our director at the UN\n\nThe director took part in the sixteenth session of the UN "
    "Committee of Experts in Public Administration, held in New York from 24 to 28 April "
    "2017.\n",
])
def test_the_committee_named_as_pages_misname_it_makes_a_session_page(text: str) -> None:
    assert _kind(text) == "cepa-session"


_PARTNER_NEWS = (
    "Parliaments and open data: a conference in Geneva\n\nPosted on 12 March 2015 by the "
    "editor\n\nThe conference on open parliamentary data, co-organized in cooperation with "
    "{}, opened in Geneva on 10 March 2015 with speakers from thirty parliaments.\n")


def test_a_partner_s_news_of_a_meeting_held_with_the_un_is_an_update() -> None:
    # (0.4 of the update's signs: not enough for a page that names none of ours, enough as the
    # last chance for one that names the United Nations)
    text = _PARTNER_NEWS.format("the United Nations")
    assert update_score(text) == 0.4
    assert _kind(text) == "dpadm-monthly-update"


def test_the_same_news_without_the_un_is_refused() -> None:
    with pytest.raises(registry.UnknownKindError):
        registry.detect(_PARTNER_NEWS.format("a donors' network"))


def test_the_last_chance_takes_no_page_another_family_fits() -> None:
    # (a project's page with an event on it: the project, as before)
    text = ("Ocean data for coastal towns\n\nThe project aims to help coastal towns use ocean "
            "data. Within the project, a workshop co-organized with the United Nations opened "
            "in Suva on 3 May 2016.\n")
    assert _kind(text) == "da-project"


@pytest.mark.parametrize("text", [
    # Arabic: the UN after "for" ("للأمم المتحدة"), digital government, a workshop
    "شاركت تونس في ورشة عمل الحكومة الرقمية المنعقدة في عمّان بالتعاون مع إدارة الشؤون "
    "الاقتصادية والاجتماعية التابعة للأمم المتحدة.\n",
    # Russian: the Secretary-General's message on the division's Day
    "Добро пожаловать в ООН.\n\nПослание Генерального секретаря по случаю Дня государственной "
    "службы\n\nМы чтим тех, кто служит людям.\n",
    # Italian: the UN written "Onu", the English word for governance in the Italian press
    "Aperto a Lima il Forum sulla pubblica amministrazione\n\nIl forum, dedicato a una "
    "governance trasparente e partecipativa, si è aperto oggi con un saluto del "
    "sottosegretario generale dell’Onu.\n",
], ids=["ar-digital-government-workshop", "ru-public-service-day", "it-onu-governance"])
def test_the_division_s_news_in_arabic_and_russian(text: str) -> None:
    assert _kind(text) == "dpadm-monthly-update"


_DAY_ANNOUNCED = ("Honouring the public servants of the pandemic\n\nThe United Nations will mark "
                  "Public Service Day on 23 June. A virtual event will bring together public "
                  "servants and leaders to talk about their work.\n")


@pytest.mark.parametrize("text", [
    # "a virtual event", "a side event": an event; the Day names the division's work
    _DAY_ANNOUNCED,
    # a webinar's opening remarks headed by the ASG's name and post, the Department unnamed
    "Ms. Ana Lobo Assistant Secretary-General for Policy Coordination and Inter-Agency Affairs"
    "\n\nOpening Remarks\nWebinar on digital government in the Andes\n\nIt is my pleasure to "
    "welcome you to this webinar.\n",
    # the Awards told the other way round
    "Ghana wins UN award\n\nAccra. Ghana has received one of the United Nations awards for "
    "public service delivery, in a ceremony held in Accra on 23 June.\n",
], ids=["virtual-event", "assistant-secretary-general", "awards-for-public-service"])
def test_the_division_s_news_by_its_day_s_event_its_officials_or_its_awards(text: str) -> None:
    assert _kind(text) == "dpadm-monthly-update"


def test_the_day_announced_without_its_event_is_refused() -> None:
    with pytest.raises(registry.UnknownKindError):
        registry.detect(_DAY_ANNOUNCED.replace("A virtual event", "The day"))
