"""How partners' news and other languages' pages name a session, its theme and what it
discussed (the twenty-third study's wordings; texts our own)."""

from __future__ import annotations

import pytest
from cepa_kg.loaders import registry, session
from cepa_kg.loaders.session_fields import agenda_items, main_theme


def _items(text: str) -> list[str]:
    return [t.text for t in agenda_items(text)]


@pytest.mark.parametrize(("text", "number"), [
    ("Participation du réseau à la 21ème session annuelle du Comité d’experts en "
     "administration publique de l’ONU (CEPA)\n\nLa 21ème session du Comité d’experts en "
     "administration publique de l’ONU s’est tenue à New York du 4 au 8 avril 2022.\n", 21),
    ("افتتح أمس في نيويورك الدورة 12 للجنة الخبراء المعنية بالإدارة العامة.\n", 12),
    ("The 2015 United Nations Committee of Experts on Public Administration (UN-CEPA) "
     "welcomed observers to its debates on the new goals. Delegates included the Chair.\n", 14),
])
def test_a_session_named_in_other_ways_is_a_session(text: str, number: int) -> None:
    assert registry.detect(text).kind == "cepa-session"
    assert session.parse(text).number == number


def test_a_heading_that_opens_with_meeting_as_a_verb_names_no_other_meeting() -> None:
    text = ("Meeting the tests of good governance\n\n“Institutions must be open,” said the "
            "Under-Secretary-General of UN DESA at the opening of the 15th session of the UN "
            "Committee of Experts on Public Administration (CEPA). The 15th session of CEPA "
            "convened in New York on 18-22 April, with its new members and a workshop.\n")
    assert registry.detect(text).kind == "cepa-session"


@pytest.mark.parametrize(("text", "theme"), [
    ("He added that “this year’s theme, ‘building trust in public institutions’, comes at the "
     "right moment.”", "building trust in public institutions"),
    ("CEPA 19 is considering the theme, ‘Institutions for a Fair Recovery,’ as it meets.",
     "Institutions for a Fair Recovery"),
    ("Session XX, avril 2021. - Thème général de la Session: “Des institutions pour tous”",
     "Des institutions pour tous"),
    ("The session was devoted to the role of local government in the goals. Experts spoke.",
     "the role of local government in the goals"),
])
def test_a_theme_as_news_states_it(text: str, theme: str) -> None:
    found = main_theme(text)
    assert found is not None and found.text == theme


def test_what_a_session_meets_to_discuss_is_an_item() -> None:
    text = ("On 3-7 April, the Committee will meet in New York for its 22nd annual session to "
            "discuss the first steps cities can take towards the goals. More news follows.")
    assert _items(text) == ["the first steps cities can take towards the goals"]


def test_the_agenda_topic_of_a_session_and_its_lettered_items() -> None:
    text = ("Last year the Committee met to consider the specific agenda topic of Reaching the "
            "goals together: trust and means. We covered the role for the goals of: (a) trust "
            "in public servants; (b) the needs of local authorities; (c) budgets that last.")
    items = _items(text)
    assert items[:3] == ["trust in public servants", "the needs of local authorities",
                         "budgets that last"]
    assert any(i.startswith("Reaching the goals together") for i in items)


def test_items_numbered_within_a_paragraph_after_notamment() -> None:
    text = ("Le Comité a examiné une série de questions de gouvernance, notamment : 1. Les "
            "institutions et le climat. 2. Les finances publiques. 3. L’administration "
            "numérique.\n")
    assert _items(text) == ["Les institutions et le climat", "Les finances publiques",
                            "L’administration numérique"]


def test_what_the_committee_has_examined_without_its_qualifiers() -> None:
    text = ("Over the years, the Committee has examined how to grow leaders who change things, "
            "build skills and deepen the ethics of civil servants, including for the 2030 Agenda "
            "and in the digital age.")
    items = _items(text)
    assert items[0] == "how to grow leaders who change things"
    assert not any(i.startswith(("including", "in the")) for i in items)


def test_topics_being_examined_by_the_committee_keep_a_long_last_item() -> None:
    text = ("Topics being examined by the Committee include: open institutions; coherent "
            "policies; budgets for the goals; and strengthening and equipping institutions in "
            "towns and villages to support the changes in society that the 2030 Agenda calls "
            "for.\n")
    assert _items(text)[-1].startswith("strengthening and equipping institutions in towns")


def _graph_of(text: str):  # type: ignore[no-untyped-def]
    from tests.page_graph import graph_of
    return graph_of(text)


def test_people_named_with_their_country_in_brackets_have_that_nationality() -> None:
    from cepa_kg.namespaces import CEPA, SCHEMA
    from rdflib import RDF, RDFS
    text = ("The 2016 United Nations Committee of Experts on Public Administration (UN-CEPA) met "
            "observers. Delegates included the CEPA Chair, Dr. Okonkwo (Nigeria), Ms. Lindqvist "
            "(Sweden), Mr. Tan (Singapore), and other scholars.\n")
    graph = _graph_of(text)
    nationality = {str(graph.value(p, RDFS.label)): str(graph.value(p, SCHEMA.nationality))
                   for p in graph.subjects(RDF.type, CEPA.Person)}
    assert nationality["Okonkwo"].endswith("/country/NGA")  # (the honorific is no name)
    assert nationality["Lindqvist"].endswith("/country/SWE")


def test_french_honorifics_before_a_name() -> None:
    from cepa_kg.namespaces import CEPA
    from rdflib import RDF, RDFS
    text = ("La 22ème session du Comité d’experts en administration publique de l’ONU (CEPA) "
            "s’est tenue à New York du 3 au 7 avril 2023. L’ouverture a été marquée par S.E. "
            "Mme Inès Carvalho, présidente de l’ECOSOC, et de M. Omar Haddad, sous-secrétaire "
            "général.\n")
    graph = _graph_of(text)
    names = {str(graph.value(p, RDFS.label)) for p in graph.subjects(RDF.type, CEPA.Person)}
    assert {"Inès Carvalho", "Omar Haddad"} <= names


def test_a_middle_initial_is_no_french_honorific() -> None:
    from cepa_kg.loaders.people import _HON_PERSON
    assert [m.group("name") for m in _HON_PERSON.finditer("John M. Smith said so.")] == []
    assert [m.group("name") for m in _HON_PERSON.finditer("ouverte par M. Karim Said, ministre")] == [
        "Karim Said"]


@pytest.mark.parametrize(("text", "iso"), [
    ("Committee news\n\n19 April 2019: The UN Committee of Experts is meeting this week.\n",
     "2019-04-19"),
    ("Survey ranks countries\n\n16 September 2026 – Countries stepped up their services.\n",
     "2026-09-16"),
    ("United Nations E/C.16/2014/3 Economic and Social Council Distr.: General 21 January 2014 "
     "Original: English\n", "2014-01-21"),
    ("Visit continues\n\nThe delegation met officials.\n\nDate: 15-04-2025 11:20\n", "2025-04-15"),
    ("Workshop for officials\n23 -05-2015\nOn 21 May 2015 a workshop was held.\n", "2015-05-23"),
    ("The Hub\n\nThe Hub was a joint initiative.\n\nLast update: 11 June 2019\n", "2019-06-11"),
])
def test_a_document_dated_as_partners_and_un_documents_date_themselves(text: str,
                                                                        iso: str) -> None:
    from cepa_kg.loaders.document_dates import document_date
    found = document_date(text)
    assert found is not None and found.iso() == iso


@pytest.mark.parametrize(("text", "items"), [
    ("At its 21st session (2022), the Committee reviewed the case of institution-building in "
     "Timor-Leste. It stressed that progress takes time.",
     ["the case of institution-building in Timor-Leste"]),
    ("For several years, the Committee has discussed what open data means for public "
     "institutions, for good and ill.", ["what open data means for public institutions"]),
    ("In addition to this main theme, the Committee will work on a shared vocabulary for "
     "public administration, and the public administration angle on climate action.",
     ["a shared vocabulary for public administration",
      "the public administration angle on climate action"]),
    ("During the session, experts from around the world discussed ways to build trust in "
     "institutions. More followed.", ["ways to build trust in institutions"]),
])
def test_one_or_two_things_the_committee_discussed(text: str, items: list[str]) -> None:
    assert _items(text) == items


def test_what_it_discussed_is_no_item() -> None:
    assert _items("The Committee discussed it at length. Members agreed.") == []


def test_the_committees_members_as_partners_news_name_them() -> None:
    from cepa_kg.namespaces import CEPA, ORG
    from rdflib import RDF, RDFS
    text = ("The network took part in the 21st session of CEPA\n\nThe 21st session of the "
            "Committee of Experts on Public Administration (CEPA) was held from 4 to 8 April "
            "2022. CEPA member Ms. Awa Ndiaye (Senegal) chaired a panel. Mr. Tomas Lind, a member "
            "of the Committee, spoke. IIAS Director General Ana Reis took part in the debate.\n")
    graph = _graph_of(text)
    roles: dict[str, set[tuple[str, str]]] = {}
    for p in graph.subjects(RDF.type, CEPA.Person):
        for m in graph.objects(p, ORG.hasMembership):
            for r in graph.objects(m, ORG.role):
                for o in graph.objects(m, ORG.organization):
                    roles.setdefault(str(graph.value(p, RDFS.label)), set()).add(
                        (str(graph.value(r, RDFS.label)), str(o).rsplit("/", 1)[-1]))
    assert ("Member", "cepa") in roles["Awa Ndiaye"]
    assert ("Member", "cepa") in roles["Tomas Lind"]
    assert "Ana Reis" in {str(graph.value(p, RDFS.label))
                          for p in graph.subjects(RDF.type, CEPA.Person)}


@pytest.mark.parametrize(("text", "number", "days"), [
    # the session's number after "its session the-" ("دورتها الـ22"), its days in Arabic
    # months, New York with a preposition glued to it
    ("شارك الخبير في الاجتماعات السنوية للجنة الخبراء المعنية بالإدارة العامة CEPA في دورتها "
     "الـ22 المنعقدة خلال الفترة من 17-21 أبريل 2023 بنيويورك.\n", 22, ("2023-04-17", "2023-04-21")),
    # an ordinal in words, the Committee as the news names it
    ("انتخبت الخبيرة نائبة لرئيس لجنة خبراء الأمم المتحدة المعنية بأمور الحوكمة والإدارة العامة "
     "(CEPA) في افتتاح دورتها الثانية والعشرين في نيويورك.\n", 22, None),
    # "the 16th annual meeting", the Levantine month
    ("شاركت الخبيرة في الاجتماع السنوي السادس عشر للجنة خبراء الإدارة العامة UN-CEPA الذي "
     "انعقد من 24 إلى 28 نيسان 2017 في نيويورك.\n", 16, ("2017-04-24", "2017-04-28")),
])
def test_a_session_told_in_arabic_news(text: str, number: int,
                                       days: tuple[str, str] | None) -> None:
    assert registry.detect(text).kind == "cepa-session"
    doc = session.parse(text)
    assert doc.number == number
    assert [p.name for p in doc.places] == ["New York"]
    found = (doc.start.isoformat(), doc.end.isoformat()) if doc.start and doc.end else None
    assert found == days


def test_headquarters_written_in_lower_case_is_the_session_s_place() -> None:
    text = ("IIAS at the 22nd UN CEPA session\n\nFrom 27 to 31 March 2023, the 22nd session of "
            "the United Nations Committee of Experts on Public Administration took place at UN "
            "headquarters.\n")
    assert [p.name for p in session.parse(text).places] == ["United Nations Headquarters"]


@pytest.mark.parametrize("sentence", [
    "Among the issues to be discussed are open budgets, local services and the skills of "
    "public servants.",
    "CEPA will consider a number of issues, including open budgets, local services and the "
    "skills of public servants.",
    "The Committee is expected to discuss open budgets, local services and the skills of "
    "public servants.",
    "Members will deliberate on open budgets, local services and the skills of public servants.",
    "The session will also look into open budgets, local services and the skills of public "
    "servants.",
    "The experts also debated open budgets, local services and the skills of public servants.",
])
def test_what_a_news_item_says_the_committee_will_discuss(sentence: str) -> None:
    from cepa_kg.loaders.session_fields import agenda_items

    text = ("CEPA 2016\n\nThe fifteenth session of the Committee of Experts on Public "
            f"Administration will be held from 18 to 22 April 2016 in New York. {sentence}\n")
    assert [t.text for t in agenda_items(text)] == [
        "open budgets", "local services", "the skills of public servants"]
