"""Agenda items written as a plain list in a sentence: a one-word item among three or more
("accountability, ethical leadership, ..."), and a last item cut at "and" before a gerund
("responsive service delivery and fostering innovation")."""

from __future__ import annotations

import pytest
from cepa_kg.loaders.session_fields import agenda_items


def test_one_word_items_and_a_last_item_cut_before_a_gerund() -> None:
    page = ("The matters discussed at the session were integrity, open budgets, local service "
            "delivery; digital inclusion and reaching remote communities.")
    assert [i.text for i in agenda_items(page)] == [
        "integrity", "open budgets", "local service delivery", "digital inclusion",
        "reaching remote communities"]


def test_a_lone_word_after_a_cue_is_no_item() -> None:
    assert agenda_items("The agenda items included: budgets.") == ()


def test_what_the_committee_discussed_in_a_sentence_when_no_items_are_listed() -> None:
    page = ("During the week the experts discussed local public finance, climate institutions, "
            "digital identity and peacebuilding.")
    assert [i.text for i in agenda_items(page)] == [
        "local public finance", "climate institutions", "digital identity", "peacebuilding"]
    report = ("It reported to the Council, particularly focusing on the themes of civil service "
              "reform, open data, and local governance, among others.")
    assert [i.text for i in agenda_items(report)] == [
        "civil service reform", "open data", "local governance"]


def test_a_sentence_of_clauses_or_of_the_items_gives_no_bare_split() -> None:
    # (the clause whole, what was discussed; not "how ministries", "cities", "donors ...")
    assert [i.text for i in agenda_items(
        "The Committee discussed how ministries, cities and donors could work together, and "
        "noted progress.")] == ["how ministries, cities and donors could work together"]
    page = ("The matters discussed at the session were the reach of e-services, the cost of "
            "reform and the position of women and young people in the civil service.")
    assert [i.text for i in agenda_items(page)][-1] == (
        "the position of women and young people in the civil service")


def test_items_separated_by_commas_after_a_colon() -> None:
    page = ("Some of the sub-themes to be covered are: open budgets for citizens, skills for the "
            "public sector, trust in local government, as well as")
    assert [i.text for i in agenda_items(page)] == [
        "open budgets for citizens", "skills for the public sector", "trust in local government"]


@pytest.mark.parametrize("lead", [
    "Among the issues on the agenda are",
    "Key issues to be discussed include",
    "The session focused on",
    "Topics covered",
    "The themes of the session were",
    "Discussions centred around",
    "During the week, the experts addressed issues such as",
    "The agenda of the meeting includes:",
    "The meeting will focus on three issues:",
])
def test_a_list_of_a_b_and_c_after_the_ways_pages_say_what_a_session_discussed(lead: str) -> None:
    page = f"{lead} rural service delivery, e-procurement and civil service pay."
    assert [i.text for i in agenda_items(page)] == [
        "rural service delivery", "e-procurement", "civil service pay"]


def test_list_lines_after_what_the_session_examined() -> None:
    page = "The session examined:\n• rural service delivery\n• e-procurement\n• civil service pay"
    assert [i.text for i in agenda_items(page)] == [
        "rural service delivery", "e-procurement", "civil service pay"]


@pytest.mark.parametrize("page", [
    "The session's theme was “Trust in local government”.",
    "The 19th session focused on “Trust in local government”.",
    "The theme for 2020 is “Trust in local government”.",
    "The Committee met under the overarching theme of trust in local government.",
    "CEPA 2020 theme: Trust in local government",
    "The session, themed “Trust in local government”, opened on Monday.",
])
def test_a_sessions_theme_in_the_ways_partners_news_state_it(page: str) -> None:
    from cepa_kg.loaders.session_fields import main_theme

    theme = main_theme(page)
    assert theme is not None and theme.text.lower() == "trust in local government"


def test_each_thing_a_report_says_was_discussed_in_its_own_sentence() -> None:
    page = ("The 2016 Committee of Experts gathered observers for open discussions on the "
            "reform of municipal courts. One strategy discussed was the use of mobile payments "
            "for local taxes. Another of the issues raised at the meeting concerns pension "
            "reform in small states. Several discussions were held around citizen audits of "
            "schools.")
    assert [i.text for i in agenda_items(page)] == [
        "the reform of municipal courts", "the use of mobile payments for local taxes",
        "pension reform in small states", "citizen audits of schools"]


def test_every_sentence_of_what_the_committee_discussed_is_read() -> None:
    page = ("At its 20th session, the Committee discussed rural land registers. At its 21st "
            "session, the Committee reviewed the pay of teachers in remote areas.")
    assert [i.text for i in agenda_items(page)] == [
        "rural land registers", "the pay of teachers in remote areas"]


@pytest.mark.parametrize("page", [
    "At the meeting, which was dedicated to “Trust in local government”, the Secretariat spoke.",
    "Es un gusto abrir el período de sesiones del Comité, cuyo tema es “Trust in local government”.",
    "La session, dont le thème est « Trust in local government », s'ouvre lundi.",
    # (an adjective and a colon before the quoted name: "le thème décisif : « X »")
    "La session met l'accent sur le thème décisif : « Trust in local government » cette année.",
    "Une session placée sous le thème du «Trust in local government» et ouverte à tous.",
    "Unter dem Thema „Trust in local government“ berieten die Fachleute.",
    "A 22ª reunião do Comitê traz o tema \"Trust in local government\" para a sede.",
])
def test_a_theme_a_meeting_was_dedicated_to_or_whose_theme_is(page: str) -> None:
    from cepa_kg.loaders.session_fields import main_theme

    theme = main_theme(page)
    assert theme is not None and theme.text.lower() == "trust in local government"


def test_the_item_a_secretariat_note_is_written_for() -> None:
    glued = ("Committee of Experts on Public Administration Eleventh session New York, April "
             "2012 Item 3 (a) of the provisional agenda* Local public governance and "
             "administration that deliver results Relations and arrangements between levels of "
             "government Note by the Secretariat By the present note ...")
    assert [i.text for i in agenda_items(glued)] == [
        "Local public governance and administration that deliver results",
        "Relations and arrangements between levels of government"]
    bilingual = ("Item 4 of the provisional agendaالبند 4 من جدول الأعمال المؤقت\n"
                 "Review of the United Nations Programme in Public Administration"
                 "استعراض برنامج الأمم المتحدة\n")
    assert [i.text for i in agenda_items(bilingual)] == [
        "Review of the United Nations Programme in Public Administration"]


def test_an_official_agenda_and_a_programme_s_item_lines_without_the_procedural_items() -> None:
    agenda = ("Committee of Experts on Public Administration\nNineteenth session\n\nProvisional "
              "agenda\n\n1. Election of officers.\n2. Adoption of the agenda and other "
              "organizational matters.\n3. Building institutions that are effective and "
              "inclusive.\n4. Public sector workforce issues.\n5. Provisional agenda for the "
              "twentieth session of the Committee.\n")
    assert [i.text for i in agenda_items(agenda)] == [
        "Building institutions that are effective and inclusive", "Public sector workforce issues"]
    programme = ("Monday, 8 April\n10:00 - 10:30 Item 1. Opening of the session\n10:30 - 13:00 "
                 "Item 4. Sound policymaking and public financial management\nModerator: Ms. A\n"
                 "Item 5: Local governance and the SDGs\n")
    assert [i.text for i in agenda_items(programme)] == [
        "Sound policymaking and public financial management", "Local governance and the SDGs"]


def test_the_last_lettered_item_ends_with_its_sentence() -> None:
    # (a report's summary goes on after the run on the next line of the same paragraph)
    page = ("The Committee dealt with the following substantive items: (a) training for the "
            "public service; (b) review of the work programme; and (c) trust in government, "
            "including (i) open data and (ii) audit institutions.\nBased on these topics, the "
            "Committee proposed a draft resolution to the Council.")
    assert [i.text for i in agenda_items(page)] == [
        "training for the public service", "review of the work programme",
        "trust in government", "open data", "audit institutions"]


def test_a_discussion_of_something_focused_on_a_list_in_semicolons() -> None:
    # (the first item opens "the need for": in a list of semicolons it is an item all the same)
    page = ("The experts' discussion of reform options focused on the need for quick responses; "
            "skills for leaders in the civil service; services built around users; and open "
            "budgets.")
    assert [i.text for i in agenda_items(page)] == [
        "the need for quick responses", "skills for leaders in the civil service",
        "services built around users", "open budgets"]


def test_the_theme_the_committee_adopted_as_its_main_agenda_item() -> None:
    from cepa_kg.loaders.session_fields import main_theme

    page = ("The Committee adopted the theme of people at the heart of capacity building, as the "
            "main agenda item for its eighth session (see decision 2008/254).")
    theme = main_theme(page)
    assert theme is not None and theme.text == "people at the heart of capacity building"


def test_the_report_the_committee_adopted_speaks_for_it() -> None:
    from cepa_kg.loaders import session

    page = ("The 23rd session of the Committee of Experts on Public Administration was held in "
            "New York from 8 to 12 April 2024.\n\nThe draft report adopted by CEPA underscored "
            "the need for regular reviews of spending on poverty. A report by a consultant "
            "underscored the cost of delay.\n")
    recs = [(r.text[:30], r.modality) for r in session.parse(page).recommendations]
    assert recs == [("The draft report adopted by CE", "underscores")]


@pytest.mark.parametrize("cover, items", [
    # a note's cover run into one line: the item, its sub-item after the colon (the paper's
    # title after it left on it), up to the note's own words
    ("Naciones Unidas E/C.16/2018/5 Consejo Económico y Social Distr. general 12 de febrero de "
     "2018 Español Comité de Expertos en Administración Pública 17º período de sesiones Nueva "
     "York, 23 a 27 de abril de 2018 Tema 4 a) del programa provisional* Instituciones eficaces "
     "en todos los niveles: principios de buena gobernanza para el desarrollo sostenible "
     "Principios de buena gobernanza para el desarrollo sostenible a partir de la labor del "
     "Comité Nota de la Secretaría Resumen El Comité ...",
     ["Instituciones eficaces en todos los niveles",
      "principios de buena gobernanza para el desarrollo sostenible Principios de buena "
      "gobernanza para el desarrollo sostenible a partir de la labor del Comité"]),
    ("Nations Unies E/C.16/2020/3 Distr. générale 17 janvier 2020 Comité d’experts de "
     "l’administration publique Dix-neuvième session 31 mars-4 avril 2020 Point 6 de l’ordre "
     "du jour provisoire* Gouvernance efficace et développement durable Note du Secrétariat "
     "Résumé À sa dix-septième session ...",
     ["Gouvernance efficace et développement durable"]),
])
def test_the_item_a_spanish_or_french_note_is_written_for(cover: str, items: list[str]) -> None:
    from cepa_kg.loaders.document_dates import document_date
    from cepa_kg.loaders.session_fields import session_number

    assert [i.text for i in agenda_items(cover)] == items
    number = session_number(cover)
    assert number is not None and number[0] in (17, 19)  # (not "31" of "31 mars")
    assert document_date(cover) is not None


def test_the_issue_the_committee_addressed_whole_with_its_bracket() -> None:
    page = ("The Committee addressed the issue of making sure the goals are met (through "
            "leadership, action and means. A summary follows.")
    assert [i.text for i in agenda_items(page)] == [
        "making sure the goals are met (through leadership, action and means"]


@pytest.mark.parametrize("page, number", [
    ("O secretário participou da 23ª edição do Comitê de Especialistas em Administração Pública "
     "das Nações Unidas, realizada em Nova York.", 23),
    ("Asistió a la 12.ª edición del Comité de Expertos en Administración Pública.", 12),
])
def test_an_edition_of_the_committee_is_its_session(page: str, number: int) -> None:
    from cepa_kg.loaders.session_fields import session_number

    found = session_number(page)
    assert found is not None and found[0] == number
    # (an edition of a prize or a forum is no session of the Committee)
    assert session_number("A 23ª edição do Prêmio de Inovação foi realizada em Brasília.") is None


def test_things_a_sentence_says_are_discussed_listed_as_its_subject_or_after_such_as() -> None:
    page = ("In particular, since the role of towns, the weight of leadership, citizen trust "
            "and the use of open data are under discussion at the Committee, the tools may "
            "help. Closer ties between the Centre, the Committee and the Council is also under "
            "discussion.")
    assert [i.text for i in agenda_items(page)] == [
        "the role of towns", "the weight of leadership", "citizen trust", "the use of open data"]
    page = ("At the session, issues such as public trust, digital government and local "
            "governance will be discussed.")
    assert [i.text for i in agenda_items(page)] == [
        "public trust", "digital government", "local governance"]


def test_the_general_words_before_including_are_no_item() -> None:
    page = ("The Committee will look at central administrative questions of public service, "
            "including reforming civil service recruitment, financing local governments and "
            "protecting public data.")
    assert [i.text for i in agenda_items(page)] == [
        "reforming civil service recruitment", "financing local governments",
        "protecting public data"]


@pytest.mark.parametrize(("text", "item"), [
    # a panel of the session and the topic it discussed, quoted
    ("At its 24th session, the Committee's working group on finance held an expert panel to "
     "discuss the topic of “pension funds as investors in public infrastructure”, drawing on "
     "its paper.", "pension funds as investors in public infrastructure"),
    # the panel that discussed X, up to the comma
    ("Speaking on the panel that discussed how open data could help cities plan, the mayor "
     "said that data alone do not build trust.", "how open data could help cities plan"),
    # (a release wrapped by hand: the line break ends nothing)
    ("Speaking on the panel that discussed how open data\ncould help cities plan, the mayor "
     "said\nthat data alone do not build trust.", "how open data could help cities plan"),
])
def test_the_topic_a_panel_of_the_session_discussed(text: str, item: str) -> None:
    assert [t.text for t in agenda_items(text)] == [item]


def test_sittings_devoted_to_things_and_the_issues_addressed_at_the_session() -> None:
    page = ("Its meetings were devoted to budget transparency, civil registration, and the "
            "digital skills of public servants.")
    assert [i.text for i in agenda_items(page)] == [
        "budget transparency", "civil registration", "the digital skills of public servants"]
    page = ("Among the topics addressed at the session were tax administration, water "
            "governance and public sector pay.")
    assert [i.text for i in agenda_items(page)] == [
        "tax administration", "water governance", "public sector pay"]


@pytest.mark.parametrize("page", [
    "Among other business, the Committee discussed, among other things, open budgets, "
    "digital identity and local service delivery.",
    "The five-day meeting addressed issues related to open budgets, digital identity and "
    "local service delivery.",
    "The programme was organised around three thematic areas: open budgets, digital identity "
    "and local service delivery.",
    "The discussions centred on three themes, namely open budgets, digital identity and local "
    "service delivery.",
    "Sessions were held on open budgets, digital identity, and local service delivery.",
    "The Committee will take up several topics, including open budgets, digital identity and "
    "local service delivery.",
    # (one list: not the list again as one thing "discussions on" led to)
    "The session featured discussions on open budgets, digital identity and local service "
    "delivery.",
])
def test_the_things_a_session_discussed_after_the_words_news_put_before_them(page: str) -> None:
    assert [i.text for i in agenda_items(page)] == [
        "open budgets", "digital identity", "local service delivery"]


def test_sessions_held_on_a_day_and_a_theme_taken_up_give_no_items() -> None:
    assert agenda_items("Sessions were held on 4 April and 5 April 2016 in New York.") == ()
    assert agenda_items("Panels were held on Monday and Tuesday, with a reception.") == ()
    assert agenda_items("The new members will take up the theme of rethinking public "
                        "administration for sustainable development.") == ()
