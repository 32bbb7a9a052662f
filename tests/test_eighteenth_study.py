"""The eighteenth study's rules (real pages in `tests/data/archive-eighteenth-study/`, read in
each README; the texts below are our own): members of the Committee named in other wordings
and languages, a speaker at a session, hard-wrapped releases, and a page whose best family's
reader finds nothing read by the next family."""

from __future__ import annotations

import pytest
from cepa_kg.loaders import registry, session
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.committee_members import members

from tests.page_graph import graph_of


def _people(text: str) -> dict[str, str]:
    return {p.name: p.role for p in members(text, Gazetteer.bundled())}


@pytest.mark.parametrize(("text", "people"), [
    # a release hard-wrapped at 75 characters: the sentence goes on over its line breaks
    ("Minister Ana Lopes elected Vice President of UN Committee\n\nAna Lopes, Minister for "
     "Public Service,\nwas chosen as Vice President of the second Committee of Experts on "
     "Public\nAdministration this week in New York. Lopes also sat on the first Committee.\n",
     {"Ana Lopes": "Vice President"}),
    # a surname alone, of a name the page gave in full
    ("Former minister Ruth Banda has taken up a new post.\nBanda was sworn in this week as VP "
     "of the second committee of experts on public administration.\n", {"Ruth Banda": "VP"}),
    ("Lina Ortiz, dean of the school, was named by the Secretary-General as one of 24 experts "
     "from around the world to sit on the Committee of Experts on Public Administration.\n",
     {"Lina Ortiz": "Member"}),
    ("Statement by Mr. Omar Haddad, Under-Secretary-General, to the 9th Session of the "
     "Committee of Experts on Public Administration\n", {"Omar Haddad": ""}),
    ("Nadia Benali, élue vice-présidente du comité des experts de l’administration publique "
     "de l’ONU.\n", {"Nadia Benali": "Vice-Présidente"}),
    ("A ministra da Função Pública, Rosa Tembe, foi escolhida pelo Secretário-Geral para um "
     "comité de peritos em Administração Pública.\n", {"Rosa Tembe": "Member"}),
    ("Jana Nováková z Katedry financí byla nominována za členku Komise expertů pro veřejnou "
     "správu (CEPA).\n", {"Jana Nováková": "Member"}),
    ("김민수 서울대 교수, 유엔 공공행정전문가위원회 위원에 임명\n", {"김민수": "Member"}),
    # not a name: a date that opens the sentence
    ("In May 2021 the Council approved the nomination of 24 experts to the Committee.\n", {}),
])
def test_members_named_in_other_wordings_and_languages(text: str, people: dict[str, str]) -> None:
    assert _people(text) == people


@pytest.mark.parametrize("text", [
    ("Rosa Tembe foi nomeada membro do Comitê de Peritos em Administração Pública das Nações "
     "Unidas.\n"),
    "김민수 서울대 교수, 유엔 공공행정전문가위원회 위원에 임명\n",
    ("Jana Nováková byla nominována za členku Komise expertů pro veřejnou správu.\n"),
])
def test_the_committee_named_in_other_languages_makes_a_session_page(text: str) -> None:
    assert registry.detect(text).kind == "cepa-session"
    assert session.parse(text).bureau


def test_a_page_the_best_family_cannot_read_is_read_by_the_next() -> None:
    """A French item naming the Committee's vice-chair, with no name the members reader can
    take, no session number, dates or theme: the session reader finds nothing; the page is
    read as the division's news (a conference that the Committee's vice-chair gave)."""
    from cepa_kg.pipeline import build_document
    from cepa_kg.sources import SourceText

    page = ("L'experte, qui occupe le poste de vice-présidente du Comité d'experts de "
            "l'administration publique des Nations Unies, a présenté mardi lors d'une conférence "
            "de presse à New York les réformes de la fonction publique.\n")
    kinds = [loader.kind for loader in registry.ranked(page)]
    assert kinds[0] == "cepa-session" and "dpadm-monthly-update" in kinds
    with pytest.raises(Exception, match="nothing about a session"):
        session.parse(page)
    built = build_document(SourceText("fr.txt", page, "0" * 64, "utf-8"),
                           base="http://localhost:8000/")
    assert built.kind == "dpadm-monthly-update"


def test_a_speaker_at_a_session_attends_it_and_is_no_member() -> None:
    from cepa_kg.namespaces import ORG, SCHEMA
    from rdflib import URIRef

    page = ("Statement by Mr. Omar Haddad, Under-Secretary-General, to the 9th Session of the "
            "Committee of Experts on Public Administration, held in New York from 2 to 6 April "
            "2010.\n")
    g = graph_of(page, "s.txt")
    person = URIRef("http://localhost:8000/id/person/omar-haddad")
    assert (URIRef("http://localhost:8000/id/session/9"), SCHEMA.attendee, person) in g
    assert g.value(person, ORG.hasMembership) is None


def _partnerships(text: str) -> list[tuple[set[str], str]]:
    from cepa_kg.loaders import update

    return [({a.path for a in p.parties}, p.status)
            for item in update.parse(text).items for p in item.partnerships]


def test_an_agreement_named_before_its_parties_and_a_party_represented_by_its_agency() -> None:
    text = ("UN to take the one-stop-shop model to three continents\n\nA Contribution Agreement "
            "has been concluded between the United Nations and the Government of the Republic "
            "of Azerbaijan, represented by the State Agency for Public Service and Social "
            "Innovations. It will fund workshops in Africa and Asia.\n")
    ((parties, status),) = _partnerships(text)
    assert status == "agreed"
    assert {"actor/united-nations", "country/AZE"} <= parties and len(parties) == 3


def test_endorsed_communication_and_coordination_with_a_division_is_a_partnership() -> None:
    text = ("Cooperation with the United Nations\n\nThe Digital Government Authority (DGA) has "
            "endorsed close communication and coordination for workshops and studies with the "
            "Division for Public Institutions and Digital Government (DPIDG) of UNDESA.\n")
    ((parties, status),) = _partnerships(text)
    assert status == "agreed" and "actor/dpidg" in parties and len(parties) >= 2


def test_the_signatories_of_an_mou_are_no_new_party() -> None:
    """"The MoU was signed by <a post> of X and <a post> of Y": the people who signed, not a
    second agreement (X and Y are the parties the first sentence already paired)."""
    text = ("X and UN DESA sign MoU\n\nThe National Institute of Governance (NIG) signed a "
            "Memorandum of Understanding with UN DESA on Monday. The MoU was signed by NIG "
            "Executive Director Ana Reis and Ivo Mars, Director of the Division for Public "
            "Institutions and Digital Government (DPIDG) of UN DESA.\n")
    assert all("actor/dpidg" not in parties for parties, _ in _partnerships(text))


def test_a_list_of_members_under_its_heading() -> None:
    """"Members of the Committee ..." then a line a member: a glyph, an honorific, the name
    (the family name perhaps in capitals), the country in brackets, the post; or rows of a
    table as text (name, tab, country), three or more."""
    page = ("Members of the Committee of Experts on Public Administration (2018-2021)\n\n"
            "• Ms. Ana Reis (Portugal), Professor of Public Law, University of Lisbon\n"
            "• Mr. Rolf BECKER (Germany), Secretary of State\n• Dr. Kwame Asante (Ghana)\n")
    assert registry.detect(page).kind == "cepa-session"
    assert {(b.name, b.country, b.post) for b in session.parse(page).bureau} == {
        ("Ana Reis", "Portugal", "Professor of Public Law, University of Lisbon"),
        ("Rolf BECKER", "Germany", "Secretary of State"), ("Kwame Asante", "Ghana", "")}
    rows = ("Members of the Committee\nAna Reis\tPortugal\nRolf Becker\tGermany\n"
            "Kwame Asante\tGhana\n")
    assert _people(rows) == {"Ana Reis": "Member", "Rolf Becker": "Member",
                             "Kwame Asante": "Member"}
    assert _people("Ana Reis\tPortugal\nRolf Becker\tGermany\n") == {}  # (two rows: no table)


def _project(text: str):
    from cepa_kg.loaders import project

    (record,) = project.parse(text).projects
    return record


def test_project_years_and_implementers_in_more_wordings() -> None:
    """"for the period 2014–2017", a title that ends "(January 2025 – December 2027)", an
    "Overall term:" field, "Lead executing agency:", "UN Women, in collaboration with X, is
    implementing a ... project", "UNCTAD developed a project"."""
    page = ("Project Info\nTitle\nData for trade policy\nBrief Description\nUNCTAD developed a "
            "project to help ministries use trade data, funded by the Development Account for "
            "the period 2014–2017.\n")
    record = _project(page)
    assert (record.start_year, record.end_year) == (2014, 2017)
    assert [n.name for n in record.implementers] == ["UNCTAD"]
    titled = ("Resilient public institutions in Central America (January 2025 – December 2027)"
              "\n\nThe overall objective of the project is to strengthen the capacities of "
              "ministries to plan for disasters. The project is led by DESA.\n")
    record = _project(titled)
    assert (record.start_year, record.end_year) == (2025, 2027)
    fields = ("Project Info\nTitle\nLocal governance reform\nLead executing agency: UNDP\n"
              "Overall term: 2017 to 2023\nObjective: To help municipalities plan budgets.\n")
    record = _project(fields)
    assert [n.name for n in record.implementers] == ["UNDP"]
    assert (record.start_year, record.end_year) == (2017, 2023)
    prose = ("Project Info\nTitle\nWomen in public service\nBrief Description\nUN Women, in "
             "collaboration with ECLAC and with funding from Spain, is implementing a multi-year "
             "project to raise the share of women in senior posts.\n")
    assert "UN Women" in [n.name for n in _project(prose).implementers]


def test_nineteenth_study_session_wordings() -> None:
    """Session numbers as Portuguese and German write them ("11ª Sessão", "die 12. Tagung"),
    "The central theme of the 14th Session this year was", "had as its main subject", the
    Committee's German name, "(UN-CEPA) Meetings", French "retenue parmi les 24 experts
    désignés"."""
    from cepa_kg.loaders.family_detection import session_score
    from cepa_kg.loaders.session_fields import main_theme, session_number

    assert session_number("Abertura da 11ª Sessão do Comitê")[0] == 11  # type: ignore[index]
    assert session_number("Die 12. Tagung des Ausschusses begann")[0] == 12  # type: ignore[index]
    theme = main_theme("The central theme of the 14th Session this year was building trust in "
                       "government.")
    assert theme is not None and theme.text == "building trust in government"
    theme = main_theme("The session had as its main subject “Governance for all”.")
    assert theme is not None and theme.text == "Governance for all"
    german = ("Die 12. Tagung des Sachverständigenausschusses der Vereinten Nationen für "
              "öffentliche Verwaltung fand in New York statt.\n")
    assert registry.detect(german).kind == "cepa-session"
    assert session_score("News of the network (UN-CEPA) Meetings in New York this April, where "
                         "the Committee of Experts on Public Administration met.\n") >= 0.5
    assert _people("Awa Sarr a été retenue parmi les 24 experts désignés pour siéger au Comité "
                   "d’experts de l’administration publique.\n") == {"Awa Sarr": "Member"}


def test_a_session_page_in_german_and_a_city_in_portuguese() -> None:
    """"die 16. Sitzung des VN-Expertenkomitees für öffentliche Verwaltung"; "Nova Iorque"
    is New York (its written name kept as a label in Portuguese)."""
    from cepa_kg.loaders.session_fields import session_place

    german = ("Vom 17. bis 21. April 2017 tagte in New York die 16. Sitzung des "
              "Expertenkomitees für öffentliche Verwaltung der VN.\n")
    assert registry.detect(german).kind == "cepa-session"
    assert session.parse(german).number == 16
    places = session_place("A reunião ocorre na sede da ONU, em Nova Iorque.", None)
    assert [(p.name, p.lang) for p in places] == [("New York", "pt")]


def test_agenda_items_after_a_count_of_themes_and_matters_emphasised() -> None:
    from cepa_kg.loaders.session_fields import agenda_items

    pt = ("O Comitê vai examinar questões ligadas a quatro temas aprovados pelo Conselho: Regimes "
          "de governança entre níveis de governo; Capacitação do serviço público; Transparência "
          "e participação social; e Proposta de programa de trabalho.")
    assert [i.text for i in agenda_items(pt)] == [
        "Regimes de governança entre níveis de governo", "Capacitação do serviço público",
        "Transparência e participação social", "Proposta de programa de trabalho"]
    en = ("The central theme was trust, and the matters emphasised under it were open data "
          "portals, ethical leadership, participatory governance; and responsive service "
          "delivery.")
    assert [i.text for i in agenda_items(en)] == [
        "open data portals", "ethical leadership", "participatory governance",
        "responsive service delivery"]


def test_document_dates_after_labels_in_other_languages_and_on_source_lines() -> None:
    """"등록일 : 2006.09.07", "Fecha: 2019-07-03", "Source: Xinhua 2018-06-21 03:15:48",
    "Quelle/Source: eGov, 17.03.2009"; a source line's date ends no header and titles nothing
    (the sixteenth study's aggregator page: its story is read again)."""
    from cepa_kg.loaders.document_dates import document_date, on_source_line
    from cepa_kg.loaders.spans import Span

    for text, day in (("Title\n등록일 : 2006.09.07\nText", (2006, 9, 7)),
                      ("x\nFecha: 2019-07-03\n", (2019, 7, 3)),
                      ("Head\n\nSource: Xinhua   2018-06-21 03:15:48\nbody", (2018, 6, 21)),
                      ("News\nQuelle/Source: eGov-Portal, 17.03.2009\nbody", (2009, 3, 17))):
        found = document_date(text)
        assert found is not None and (found.year, found.month, found.day) == day, text
    assert on_source_line("a\nQuelle/Source: eGov, 17.03.2009\n", Span(22, 32))
    assert not on_source_line("a\nPublished: 17.03.2009\n", Span(13, 23))
