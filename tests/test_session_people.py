"""The people a session page names besides the Committee's members: an official who opened
the session, a partner's director who took part. Each is a `cepa:Person` the document
mentions, with the post the page gives; a headline's verb is no part of a name."""

from __future__ import annotations

import pytest

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.people import people_named
from cepa_kg.namespaces import CEPA, ORG, SCHEMA
from rdflib import RDF, RDFS, Graph

from tests.page_graph import graph_of

NEWS = """Institute Director Takes Part in the 17th Session of CEPA

The Director of the Baltic Institute of Public Governance, Ms. Ilse Kalnina, took part in the
17th session of the Committee of Experts on Public Administration (CEPA), held at United
Nations Headquarters in New York from 23 to 27 April 2018.

In his opening address, the Under-Secretary-General for Economic and Social Affairs,
Mr. Omar Tadesse, reminded the experts of the pledge to leave no one behind. According to CEPA
Chairperson, Ms Runa Holm, the session would prepare the Committee's input to the forum.
"""


def _people(g: Graph) -> dict[str, object]:
    return {str(g.value(p, RDFS.label)): p for p in g.subjects(RDF.type, CEPA.Person)}


def test_the_people_a_session_page_names_are_persons_the_document_mentions() -> None:
    g = graph_of(NEWS, "news.txt")
    people = _people(g)
    assert {"Ilse Kalnina", "Omar Tadesse", "Runa Holm"} <= set(people)
    doc = next(g.subjects(SCHEMA.about, None))
    assert all((doc, SCHEMA.mentions, people[n]) in g for n in ("Ilse Kalnina", "Omar Tadesse"))
    titles = {str(t) for t in g.objects(people["Ilse Kalnina"], ORG.hasMembership / CEPA.title)}
    assert any("Director" in t for t in titles)


def test_a_name_written_with_and_without_its_honorific_is_one_person() -> None:
    names = [p.name for p in people_named(NEWS, Gazetteer.bundled())]
    assert "Runa Holm" in names and "Ms Runa Holm" not in names


def test_a_headline_verb_is_no_part_of_a_name() -> None:
    page = ("Professor Invited to the United Nations\n\n"
            "Ms. Dana Ferreira Joins the 25th Session of CEPA\n")
    names = [p.name for p in people_named(page, Gazetteer.bundled())]
    assert "Dana Ferreira" in names
    assert not any("Joins" in n or n == "Invited" for n in names)


def test_a_headline_verb_ends_a_name_whatever_follows_it() -> None:
    page = "Minister of State Dr. Ruth Okafor Takes Part in the 23rd Session of CEPA\n"
    names = [p.name for p in people_named(page, Gazetteer.bundled())]
    assert names == ["Ruth Okafor"]


def _posts(page: str) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.title, p.affiliation) for p in people_named(page, Gazetteer.bundled())}


def test_a_post_in_lower_case_before_the_name_in_portuguese_spanish_and_french() -> None:
    page = ("O governo foi representado pela secretária-executiva do Ministério, Carla Vidal, e "
            "pela presidenta da Escola, Rita Moura, que falaram na 23ª Sessão. O deputado federal "
            "Paulo Arruda (PT/BA) acompanhou a sessão. Asistió el director de la Escuela, "
            "Tomás Ibáñez, con la ministre de la Fonction publique, Awa Ndour.")
    posts = _posts(page)
    assert posts["Carla Vidal"] == ("secretária-executiva", "Ministério")
    assert posts["Rita Moura"] == ("presidenta", "Escola")
    assert posts["Paulo Arruda"][0] == "deputado federal"
    assert posts["Tomás Ibáñez"][0] == "director"
    assert posts["Awa Ndour"][0] == "ministre"
    # a body's name after its post is no person ("a presidenta da Escola Nacional de ...")
    assert "Nacional de Administração" not in " ".join(
        _posts("a presidenta da Escola Nacional de Administração Pública falou."))


def test_a_family_name_in_capitals_and_an_acronym_after_a_name() -> None:
    posts = _posts("The Director of the Academy, Dr. Nadia KABBAJ took part in the session. "
                   "Mr. Pedro Alves UNDP spoke next.")
    assert "Nadia KABBAJ" in posts
    assert "Pedro Alves" in posts and "Pedro Alves UNDP" not in posts


def test_a_post_after_a_name_a_post_before_a_surname_and_a_title_of_address() -> None:
    page = ("Opening remarks of Mr. Tomas Eriksen Under-Secretary-General for Economic and Social "
            "Affairs\n\nMinister Okafor, Excellencies, Ladies and Gentlemen,\n\nI thank "
            "Secretary-General Lindahl for his message. The Honourable Mary Nandi opened the "
            "day.\n")
    posts = _posts(page)
    assert "Tomas Eriksen" in posts and not any("Under-Secretary" in n for n in posts)
    assert posts["Okafor"][0] == "Minister" and posts["Lindahl"][0] == "Secretary-General"
    assert "Mary Nandi" in posts and "Minister" not in posts


def test_a_programme_s_speaker_with_the_post_and_body_on_the_line_below() -> None:
    page = ("Workshop on Trust in Government\n\n09:00 Opening\n\nDr. Lena Moretti\n"
            "Chief, Governance Branch, DPADM\nDepartment of Economic and Social Affairs\n\n"
            "Dr. Kofi Mensah\nChief Technical Adviser,\nUnited Nations Governance Centre (UNGC)\n"
            "\nOpening words by the Chair\nHonourable Madame Claire Dubois\nPresident Emeritus\n")
    posts = _posts(page)
    assert posts["Lena Moretti"] == ("Chief", "Governance Branch, DPADM")
    assert posts["Kofi Mensah"] == ("Chief Technical Adviser",
                                    "United Nations Governance Centre (UNGC)")
    # (a French honorific is no part of the name)
    assert "Claire Dubois" in posts and not any("Madame" in n for n in posts)


def test_a_body_s_possessive_before_the_post_before_a_name() -> None:
    page = "Over the two days, UNDESA’s Under-Secretary-General Zhou Anping said it could help.\n"
    people = {p.name: [(m.title, m.affiliation) for m in p.memberships]
              for p in people_named(page, Gazetteer.bundled())}
    # (one membership: the post read again without its body is the same)
    assert people == {"Zhou Anping": [("Under-Secretary-General", "UNDESA")]}


def test_his_excellency_before_a_name_and_a_second_post_on_a_header_line() -> None:
    page = ("I thank His Excellency Kwame Mensah-Boateng, Secretary-General of the United "
            "Nations, for backing our initiative.\n")
    assert _posts(page) == {"Kwame Mensah-Boateng": ("Secretary-General", "United Nations")}
    header = ("Mr. Tomas Lindholm Under-Secretary-General for Economic and Social Affairs, "
              "Secretary-General for the Third International Conference\n\nRemarks\n")
    assert _posts(header) == {"Tomas Lindholm": (
        "Under-Secretary-General for Economic and Social Affairs", None)}


def test_a_post_in_lower_case_after_a_name_and_a_list_of_such_in_semicolons() -> None:
    page = ("Piotr Nowak, head of the Center for Electronic Governance at UNU-IIST, was "
            "interviewed. The panel included: Jens Holm, director-general of the Agency for "
            "Digitisation, Denmark; Kaarel Tamm, president, Estonia; and Mei Zhao, director, "
            "Division for Public Administration and Development Management, UNDESA.\n")
    assert _posts(page) == {
        "Piotr Nowak": ("head", "Center for Electronic Governance at UNU-IIST"),
        "Jens Holm": ("director-general", "Agency for Digitisation"),
        "Kaarel Tamm": ("president", "Estonia"),
        "Mei Zhao": ("director", "Division for Public Administration and Development "
                                 "Management")}


def test_a_post_of_two_words_after_an_honorific_is_no_person() -> None:
    page = "Under the leadership of the Honourable Prime Minister, the work goes on.\n"
    assert _posts(page) == {}
    assert list(_posts("The Honourable Grace Mensah spoke.\n")) == ["Grace Mensah"]


def test_a_second_post_before_a_name_after_and() -> None:
    page = ("The Minister of the Interior, Dr. Jan van Dalen, and Under-Secretary-General of the "
            "United Nations, Mr. Chen Weiguo, will welcome the participants.\n")
    posts = _posts(page)
    assert posts["Chen Weiguo"] == ("Under-Secretary-General", "the United Nations")
    assert posts["Jan van Dalen"] == ("Minister", "the Interior")


def test_the_words_that_open_a_post_after_a_name_are_no_part_of_it() -> None:
    from cepa_kg.loaders.people import _name_words

    assert _name_words(["Ana", "Reis", "Interregional", "Advisor"], False) == ["Ana", "Reis"]
    assert _name_words(["Ana", "Reis", "Programme", "Management"], True) == ["Ana", "Reis"]
    # a three-part name keeps its words when no post follows or opens
    assert _name_words(["Noora", "Khalid", "Al-Suwaidi"], False) == [
        "Noora", "Khalid", "Al-Suwaidi"]
    assert _name_words(["Noora", "Khalid", "Al-Suwaidi", "Chief"], False) == [
        "Noora", "Khalid", "Al-Suwaidi"]


def test_posts_before_names_as_partners_news_write_them() -> None:
    from cepa_kg.loaders.session import parse

    doc = parse("At the 21st session of CEPA, APRM CEO Eddy Mbeki presented progress. The "
                "session heard from IIAS Director General Ruth Lorenz and President Gert "
                "Bosman. UN Secretary-General Rafael Quintero Alves has said governance "
                "matters. Minister Fraser-Nkosi will attend the session. CEPA Chair Grace "
                "Fraser-Nkosi opened it.")
    named = {p.name: p.title for p in doc.named}
    assert named["Eddy Mbeki"] == "CEO"
    assert named["Ruth Lorenz"] == "Director General" and named["Gert Bosman"] == "President"
    assert named["Rafael Quintero Alves"] == "Secretary-General"
    assert "Quintero Alves" not in named
    # the Minister is the Chair named in full: one person, the Committee's member
    assert "Fraser-Nkosi" not in named
    assert [p.name for p in doc.bureau] == ["Grace Fraser-Nkosi"]
    alone = parse("Minister Fraser-Nkosi will attend the fifth session of CEPA.")
    assert {p.name: p.title for p in alone.named} == {"Fraser-Nkosi": "Minister"}


def test_a_post_before_a_name_whatever_verb_or_word_follows_and_a_middle_initial() -> None:
    page = ("Mayor Ana Reis received the award on behalf of the city from UN Under-Secretary-"
            "General Li Wenbo during the ceremony, which was attended by Deputy Secretary-"
            "General Amina K. Osei.\n")
    people = {p.name: [m.title for m in p.memberships]
              for p in people_named(page, Gazetteer.bundled())}
    assert people == {"Ana Reis": ["Mayor"], "Li Wenbo": ["Under-Secretary-General"],
                      "Amina K. Osei": ["Deputy Secretary-General"]}


def test_a_list_of_speakers_with_no_honorifics_names_each_and_the_body_they_are_of() -> None:
    page = ("Speakers at the launch included Ana Reis Lopes, Assistant Secretary-General for "
            "Policy Coordination and Inter-Agency Affairs, Tomas Berg of UN DESA and Lin Wei "
            "from the OECD.\n")
    people = {p.name: sorted(m.affiliation or "" for m in p.memberships)
              for p in people_named(page, Gazetteer.bundled())}
    assert set(people) == {"Ana Reis Lopes", "Tomas Berg", "Lin Wei"}
    assert people["Tomas Berg"] == ["UN DESA"] and people["Lin Wei"] == ["OECD"]
    # (a body no speaker: "from the city" names no body the gazetteer knows)
    assert people_named("Speakers included Ivo Mars from the city.\n", Gazetteer.bundled()) == ()


def test_a_post_and_a_surname_alone_elected_is_the_person_the_page_names_in_full() -> None:
    from cepa_kg.loaders import session

    opening = ("The 5th session of the Committee of Experts on Public Administration was held "
               "in New York from 27 to 31 March 2006.\n\nMinister Fraser-Nkosi is a member of the "
               "Committee and was elected its vice-chairperson in 2005.\n")
    named_first = "Minister Grace Fraser-Nkosi to attend UN meeting\n\n" + opening
    assert [(p.name, p.role) for p in session.parse(named_first).bureau] == [
        ("Grace Fraser-Nkosi", "Vice-Chairperson")]
    # (no full name on the page: the surname, not the post with it)
    assert [p.name for p in session.parse(opening).bureau] == ["Fraser-Nkosi"]


def test_a_surname_after_an_honorific_takes_the_given_names_the_page_wrote_before() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.people import people_named

    page = ("Photo Lucinda Farrow\n\nLucinda Farrow at the United Nations.\n\nThis spring, "
            "lecturer Lucinda Farrow went to New York as an observer. Dr. Farrow also spoke for "
            "her institute.\n")
    assert [p.name for p in people_named(page, Gazetteer.bundled())] == ["Lucinda Farrow"]


def test_a_post_with_no_article_after_an_opening_phrase_is_the_next_name_s() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.people import people_named

    page = ("The workshop opened in Doha. Attending virtually, Chief of Digital Government at "
            "UN DESA, Ana Reis-Lund, underlined the value of the event.\n")
    people = people_named(page, Gazetteer.bundled())
    assert [(p.name, [m.title for m in p.memberships]) for p in people] == [
        ("Ana Reis-Lund", ["Chief"])]
    # (after a name and its comma, a post is that name's: "Ms. A, President of X, Mr. B")
    page = ("I thank Ms. Ana Reis, President of the Government of Catalonia, Mr. Joan Puig, "
            "Deputy Mayor of Barcelona.\n")
    people = people_named(page, Gazetteer.bundled())
    assert [m.title for m in people[1].memberships] != ["President"]


@pytest.mark.parametrize("page", [
    "The Committee elected Ana Reis Lopes (Brazil) as Chair, Tomas Berg (Sweden) and Lin Wei "
    "(China) as Vice-Chairs, and Omar Haddad (Jordan) as Rapporteur.\n",
    "Bureau\nChair: Ana Reis Lopes (Brazil)\nVice-Chairs: Mr. Tomas Berg (Sweden), Ms. Lin Wei "
    "(China)\nRapporteur: Omar Haddad (Jordan)\n",
    # the vice-chairs joined by "with", the rapporteur by "and" after a comma
    "The Committee elected Ms. Ana Reis Lopes (Brazil) as Chair, with Mr. Tomas Berg (Sweden) "
    "and Ms. Lin Wei (China) as Vice-Chairs, and Mr. Omar Haddad (Jordan) as Rapporteur.\n",
    # each role a label inside the sentence, after a colon or a semicolon
    "The following were elected as members of the Bureau of the Committee: Chair: Ms. Ana Reis "
    "Lopes (Brazil); Vice-Chairs: Mr. Tomas Berg (Sweden) and Ms. Lin Wei (China); Rapporteur: "
    "Mr. Omar Haddad (Jordan).\n",
    # "served as", the last officer's verb left out
    "At the Committee's session, Ms. Ana Reis Lopes of Brazil served as Chair. Mr. Tomas Berg of "
    "Sweden and Ms. Lin Wei of China served as Vice-Chairs, and Mr. Omar Haddad of Jordan as "
    "Rapporteur.\n",
    # the role first, then the people; "was chosen as"
    "The Committee met. Elected as Chair was Ana Reis Lopes (Brazil). Elected as Vice-Chairs "
    "were Tomas Berg (Sweden) and Lin Wei (China), while Omar Haddad (Jordan) was chosen as "
    "Rapporteur.\n",
])
def test_the_officers_a_report_says_were_elected_or_a_bureau_list_gives_several_of(page: str) -> None:
    from cepa_kg.loaders.session_fields import bureau

    people = {(p.name, p.role, p.country) for p in bureau(page)}
    assert people == {("Ana Reis Lopes", "Chair", "Brazil"), ("Tomas Berg", "Vice-Chair", "Sweden"),
                      ("Lin Wei", "Vice-Chair", "China"), ("Omar Haddad", "Rapporteur", "Jordan")}


def test_a_member_list_in_dash_lines_and_a_surname_with_a_glued_particle() -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.committee_members import members

    page = ("Members of the Committee of Experts on Public Administration\n\n- Ana Reis - Brazil\n"
            "- Emmanuelle d'Achon - France\n- Tomas Berg - Sweden\n")
    assert [(p.name, p.country) for p in members(page, Gazetteer.bundled())] == [
        ("Ana Reis", "Brazil"), ("Emmanuelle d'Achon", "France"), ("Tomas Berg", "Sweden")]


@pytest.mark.parametrize(("page", "post"), [
    ("Mr. Lin Zhaowei Under-Secretary-General for Economic and Social Affairs\n\nWelcome "
     "Remarks\n\nExcellencies, it is a pleasure.\n",
     "Under-Secretary-General for Economic and Social Affairs"),
    ("Honorable Mr. Ana Reis-Lund\nUnited Nations Under Secretary General,\n\nExcellencies, "
     "welcome.\n", "United Nations Under Secretary General"),
    ("Ms. Ana Reis-Lund\nUnder-Secretary-General for Economic and Social Affairs at the Public "
     "Service Day\n\nExcellencies, welcome.\n",
     "Under-Secretary-General for Economic and Social Affairs"),
])
def test_a_statement_s_header_gives_its_speaker_s_post(page: str, post: str) -> None:
    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.people import people_named

    people = people_named(page, Gazetteer.bundled())
    assert [m.title for p in people for m in p.memberships] == [post]


@pytest.mark.parametrize("sentence", [
    "During the opening, Council Vice President Anele Dlamini (Eswatini) said the Committee "
    "had put the Agenda at the centre of its work.",
    "Vice-President Anele Dlamini (Eswatini) noted the Committee's role.",
])
def test_a_post_before_a_name_and_its_country_in_brackets_as_meeting_reports_write_them(
        sentence: str) -> None:
    page = ("CEPA 17 looks at institutions\n\nNew York, 27 April 2018: The Committee of Experts "
            f"on Public Administration held its 17th session.\n\n{sentence}\n")
    g = graph_of(page, "news.txt")
    person = _people(g)["Anele Dlamini"]
    assert [str(c).rsplit("/", 1)[-1] for c in g.objects(person, SCHEMA.nationality)] == ["SWZ"]


@pytest.mark.parametrize("sentence, name", [
    ("\"Trust matters more than ever,\" Administration Minister Lee Seo-yeon said in her "
     "opening remarks.", "Lee Seo-yeon"),
    ("The Authority's Chief Executive Officer Khalid Yousef Al Mansoori presented the "
     "outcomes.", "Khalid Yousef Al Mansoori"),
])
def test_a_minister_or_chief_executive_named_after_the_post(sentence: str, name: str) -> None:
    page = ("CEPA 17 looks at institutions\n\nNew York, 27 April 2018: The Committee of Experts "
            f"on Public Administration held its 17th session. {sentence}\n")
    assert name in _people(graph_of(page, "news.txt"))


def test_a_body_s_chief_named_with_an_honorific_and_a_person_after_a_body_s_possessive() -> None:
    page = ("CEPA 17 looks at institutions\n\nNew York, 27 April 2018: The Committee of Experts "
            "on Public Administration held its 17th session. APRM CEO Prof. Amadou Keita "
            "presented the report. UN DESA's Lena Marsh noted that the Committee has a role. "
            "UNDESA's Under-Secretary-General Ken Ito said the work matters.\n")
    g = graph_of(page, "news.txt")
    people = _people(g)
    assert {"Amadou Keita", "Lena Marsh"} <= set(people)
    assert not any("Secretary" in name for name in people)  # (a post is no name)
    orgs = {str(o).rsplit("/", 1)[-1] for m in g.objects(people["Lena Marsh"], ORG.hasMembership)
            for o in g.objects(m, ORG.organization)}
    assert orgs == {"desa"}


def _bureau(text: str) -> dict[str, tuple[str, str]]:
    from cepa_kg.loaders import session

    return {m.name: (m.role, m.country) for m in session.parse(text).bureau}


_OPENING = ("The 16th session of the UN Committee of Experts on Public Administration was held "
            "in New York from 24 to 28 April 2017.\n")


def test_the_session_chaired_by_someone_of_a_country() -> None:
    page = _OPENING + ("The session was chaired by Greta Lindqvist of Sweden, who said the "
                       "experts had reviewed the indicators.\n")
    assert _bureau(page) == {"Greta Lindqvist": ("Chair", "Sweden")}
    # (a meeting chaired by someone, on no session's or Committee's words, is no one's chair)
    assert "Omar Said" not in _bureau(_OPENING + "A side event was chaired by Omar Said.\n")


def test_a_post_written_as_a_title_before_a_member_s_name_is_no_part_of_it() -> None:
    page = _OPENING + ("Minister Thandiwe Mokoena, who serves on the Committee, told the "
                       "meeting that trust was falling.\n")
    assert _bureau(page) == {"Thandiwe Mokoena": ("Member", "")}


def test_a_post_on_the_committee_said_of_its_holder() -> None:
    page = ("Speakers\n\nProf. Dr Anneke de Vries is member and at present vice chair of the "
            "United Nations Committee of Experts on Public Administration (CEPA), and guest "
            "professor at Ghent University.\n")
    assert _bureau(page) == {"Anneke de Vries": ("Vice-Chair", "")}


def test_a_post_between_commas_after_a_name_is_no_person() -> None:
    page = ("The 2016 lecture was given by Fiona Marsh (UK), Independent Consultant, Chair of "
            "UN-CEPA, at the congress.\n")
    assert "Independent Consultant" not in [p.name for p in people_named(
        page, Gazetteer.bundled())]


@pytest.mark.parametrize("page, name, role", [
    ("Essa é a avaliação de Clara Moura, vice-presidente do Comitê de Especialistas em "
     "Administração Pública da ONU, professora da FGV.\n", "Clara Moura", "Vice-Presidente"),
    ("La Dre Nadia Berrada, membre du Comité des experts de l'administration publique de "
     "l'ONU, a reçu le prix.\n", "Nadia Berrada", "Member"),
    ("Awa Ndour Faye figure parmi les 24 experts retenus pour conseiller les États membres des "
     "Nations Unies. Le Comité se réunit à New York.\n", "Awa Ndour Faye", "Member"),
])
def test_a_member_named_by_a_post_after_the_name_or_among_the_24_experts(
        page: str, name: str, role: str) -> None:
    from cepa_kg.loaders import session

    assert {(m.name, m.role) for m in session.parse(page).bureau} == {(name, role)}


def test_a_post_on_the_committee_between_commas_after_a_name_and_its_country() -> None:
    page = ("The 2016 lecture was given by Fiona Marsh (UK), Independent Consultant, Chair of "
            "UN-CEPA (UN Committee of Experts on Public Administration), at the congress.\n")
    assert _bureau(page) == {"Fiona Marsh": ("Chair", "UK")}
    page = "Tomas Berg, member of the Committee of Experts on Public Administration, spoke.\n"
    assert _bureau(page) == {"Tomas Berg": ("Member", "")}
    page = ("Prof. dr. Pieter Aerts: president of the International Institute of "
            "Administrative Sciences (IIAS) and Member of the United Nations Committee of "
            "Experts on Public Administration (UN CEPA)\n")
    assert _bureau(page) == {"Pieter Aerts": ("Member", "")}
    # (a chair of another body is none of the Committee's)
    assert _bureau("Tomas Berg, Chair of the Audit Board, spoke to CEPA.\n") == {}


def test_a_given_name_alone_of_the_one_person_the_page_named_in_full() -> None:
    page = ("Fiona Marsh is an independent consultant on governance. Fiona is the present "
            "Chair of the United Nations Committee of Experts in Public Administration.\n")
    assert _bureau(page) == {"Fiona Marsh": ("Chair", "")}


def test_the_chair_a_statement_salutes_by_name() -> None:
    page = ("Statement to the Committee of Experts on Public Administration, 19th Session\n\n"
            "Madame Chairperson (Thandeka Zulu of South Africa),\nDistinguished CEPA Members,\n\n"
            "I am glad to speak to the Committee.\n")
    assert _bureau(page) == {"Thandeka Zulu": ("Chairperson", "South Africa")}


def test_people_a_korean_text_names_by_name_body_and_post() -> None:
    page = ("유엔 전자정부 포럼 개막\n\n조현석 안행부 장관은 “포럼이 성공하기를 바란다”고 말했다. "
            "유엔거버넌스센터(원장 윤석호)는 이틀 동안 워크숍을 연다. 서울시 행정국장이 참석했다. "
            "연세대 교수들도 참석했다.\n")
    people = {p.name: [m.title for m in p.memberships]
              for p in people_named(page, Gazetteer.bundled())}
    assert people == {"조현석": ["장관"], "윤석호": ["원장"]}


def test_officers_a_page_says_were_elected_before_the_verb() -> None:
    """'A (X) and B (Y) were elected Vice-Chairs, and C of Z was elected Rapporteur': the
    officers stand before the verb, each clause its own."""
    page = _OPENING + (
        "Ms. Ruth Okello, a member of the Committee from Kenya, was elected Chairperson. "
        "Mr. Tomas Berg (Sweden) and Ms. Lin Wei (China) were elected Vice-Chairpersons, and "
        "Mr. Omar Haddad of Jordan was elected Rapporteur.\n")
    assert _bureau(page) == {"Ruth Okello": ("Chairperson", ""),
                             "Tomas Berg": ("Vice-Chairperson", "Sweden"),
                             "Lin Wei": ("Vice-Chairperson", "China"),
                             "Omar Haddad": ("Rapporteur", "Jordan")}
    # (a chair of another body is no officer of the session)
    from cepa_kg.loaders.session_fields import bureau

    other = "Ms. Ana Reis was elected Chair of the Statistical Commission.\n"
    assert [p.name for p in bureau(other)] == []


def test_a_speaker_of_a_country_and_a_post_a_body_was_represented_by() -> None:
    g = graph_of(_OPENING + (
        "The Institute was represented by its Secretary General, Prof. Rui Matos, and Committee "
        "member Ms. Lina Haddad of Jordan spoke on trust. The Chair of CEPA, Ambassador Carlos "
        "Mendes, closed the session.\n"), "news.txt")
    people = _people(g)
    assert {"Rui Matos", "Lina Haddad", "Carlos Mendes"} <= set(people)
    assert "Ambassador Carlos Mendes" not in people  # (one person, not two)
    titles = {str(t) for t in g.objects(people["Rui Matos"], ORG.hasMembership / CEPA.title)}
    assert titles == {"Secretary General"}
    assert {str(c).rsplit("/", 1)[-1] for c in g.objects(people["Lina Haddad"],
                                                         SCHEMA.nationality)} == {"JOR"}


def test_a_member_titled_before_the_name_and_a_speaker_of_bodies_between_commas() -> None:
    page = _OPENING + ("Committee member Aminata Sall (Senegal) said that trust was earned. "
                       "Wen Li, DPIDG, UN DESA, presented the Secretariat's note.\n")
    assert _bureau(page) == {"Aminata Sall": ("Member", "Senegal")}
    g = graph_of(page, "news.txt")
    assert "Wen Li" in _people(g)
    # (a sentence that opens with two words and a body is no speaker unless every piece
    # between the commas is a body the gazetteer knows)
    other = graph_of(_OPENING + "Public Finance, Budget Office, Ruritania, presented a plan.\n",
                     "news.txt")
    assert "Public Finance" not in _people(other)


def test_a_post_after_a_name_with_its_country_s_adjective_or_an_initial_in_the_name() -> None:
    page = ("The forum's confirmed guests include Ana Reis Lopes, Brazilian president,; Lin Wei, "
            "Thai prime minister,; and Juma K. Omari, vice president of Tanzania.\n")
    people = {p.name: [(m.title, m.affiliation) for m in p.memberships]
              for p in people_named(page, Gazetteer.bundled())}
    assert people == {"Ana Reis Lopes": [("president", "Brazil")],
                      "Lin Wei": [("prime minister", "Thailand")],
                      "Juma K. Omari": [("vice president", "Tanzania")]}
    # (a capitalised word before the post that is no country's adjective: no such reading)
    other = people_named("It names Ana Reis, Senior president, today.\n", Gazetteer.bundled())
    assert all(m.affiliation != "Senior" for p in other for m in p.memberships)


def test_a_name_with_no_honorific_and_its_post_in_capitals_between_commas() -> None:
    page = ("ABU DHABI, 3 July 2019 (WAM) Salma Rashid Al Harbi, Minister of Social Development, "
            "has signed the declaration. The speech was given by Mr. Rui Matos Under "
            "Secretary-General for Economic and Social Affairs.\n")
    people = {p.name: [(m.title, m.affiliation) for m in p.memberships]
              for p in people_named(page, Gazetteer.bundled())}
    assert people["Salma Rashid Al Harbi"] == [("Minister of Social Development", None)]
    assert "Rui Matos" in people  # (not "Rui Matos Under": the post's first word)


def test_a_post_and_name_before_for_at_or_on() -> None:
    page = "Message of UN Secretary-General Rui Matos for Public Service Day, 23 June.\n"
    people = {p.name: [(m.title, m.affiliation) for m in p.memberships]
              for p in people_named(page, Gazetteer.bundled())}
    assert people == {"Rui Matos": [("Secretary-General", "UN")]}
