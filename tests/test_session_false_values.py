"""What a session page holds that is no fact of the session: a report's imprint ("Nations
Unies • New York, 2008") is where it was published; a heading word ("Note") and a
participant's remark ("she stressed the need to ...") are no recommendations of the Committee."""

from __future__ import annotations

from cepa_kg.loaders.session import parse

REPORT = """E/2009/44

Comité d’experts de l’administration publique
Rapport sur les travaux de la huitième session (30 mars-3 avril 2009)

Nations Unies • New York, 2009

Note

Les cotes des documents de l’Organisation se composent de lettres et de chiffres.
"""

NEWS = """The Director of the Academy took part in the 17th session of the Committee of Experts
on Public Administration, held in April 2018.

On this point, she stressed the need to keep the global agendas coherent and integrated.
The Committee recommends that Member States strengthen their statistical offices.
"""


def test_a_report_imprint_is_no_session_place_and_a_heading_word_no_recommendation() -> None:
    doc = parse(REPORT)
    assert doc.number == 8
    assert doc.places == ()
    assert doc.recommendations == ()


def test_the_city_before_a_year_in_prose_is_still_the_place() -> None:
    doc = parse("The eighth session of the Committee of Experts on Public Administration "
                "met in New York, 2009\n")
    assert [p.name for p in doc.places] == ["New York"]


def test_a_participants_remark_is_no_recommendation_of_the_committee() -> None:
    texts = [r.text for r in parse(NEWS).recommendations]
    assert not any("she stressed" in t for t in texts)
    assert any(t.startswith("The Committee recommends") for t in texts)


def test_another_bodys_session_and_one_the_page_dates_from_give_no_session_number() -> None:
    from cepa_kg.loaders.session_fields import session_number

    assert session_number("It goes to the Committee for Programme and Coordination at its "
                          "forty-eighth session.") is None
    found = session_number("Since its first session the Committee has met yearly. At its 19th "
                           "session (2020), it discussed budgets.")
    assert found is not None and found[0] == 19
    assert session_number("Inputs are invited in preparation for its 23rd session.") is None


def test_days_without_a_year_take_the_pages_own_date_when_no_session_is_numbered() -> None:
    page = ("DESA News Vol. 13, No. 04 April 2009\n\nExperts on public administration gather in "
            "New York from 30 March-3 April\n\nThe Committee of Experts on Public Administration "
            "meets in New York to discuss the public service in times of crisis.\n")
    doc = parse(page)
    assert (str(doc.start), str(doc.end)) == ("2009-03-30", "2009-04-03")
    assert doc.number == 8 and doc.year_only


def test_a_page_about_the_committee_that_names_people_or_items_but_no_session_is_read() -> None:
    page = ("The Committee of Experts on Public Administration\n\nThe Committee of Experts on "
            "Public Administration (CEPA) heard from the Director of the Academy, Ms. Rana "
            "Haddad. The Committee addressed: civil service pay, open budgets and digital "
            "identity.\n")
    doc = parse(page)
    assert doc.number is None
    assert [p.name for p in doc.named] == ["Rana Haddad"]
    assert len(doc.subtopics) == 3


def test_a_session_number_with_the_committees_name_or_a_kind_between() -> None:
    from cepa_kg.loaders.session_fields import session_number

    for text, n in (("IIAS took part in the 23rd United Nations Committee of Experts on Public "
                     "Administration (CEPA) Session.", 23),
                    ("She spoke at the 20th UN CEPA session.", 20),
                    ("The 16th annual session of CEPA opened.", 16),
                    ("the twenty-second CEPA session", 22)):
        found = session_number(text)
        assert found is not None and found[0] == n, text


def test_the_day_a_session_opened_is_its_start_and_no_end() -> None:
    from cepa_kg.namespaces import CEPA
    from rdflib import RDF, SDO

    from tests.page_graph import graph_of

    page = ("The 22nd session of the Committee of Experts on Public Administration opened on "
            "27 March 2023 in New York.\n")
    doc = parse(page)
    assert (str(doc.start), doc.end) == ("2023-03-27", None)
    g = graph_of(page, "s.txt")
    session = next(g.subjects(RDF.type, CEPA.Session))
    assert [str(d) for d in g.objects(session, SDO.startDate)] == ["2023-03-27"]
    assert list(g.objects(session, SDO.endDate)) == []
    held = parse("The 20th session of CEPA was held on 12 April 2021.\n")
    assert held.start == held.end  # (a day it was held: its first and last)


def test_the_day_a_session_closes_said_in_the_next_sentence_is_its_end() -> None:
    page = ("New York, 12 April 2021 - The Committee of Experts on Public Administration opened "
            "its twentieth session today. The session runs until 16 April.\n")
    doc = parse(page)
    assert (str(doc.start), str(doc.end)) == ("2021-04-12", "2021-04-16")
    later = ("The 20th session of the Committee of Experts on Public Administration opened on "
             "12 April 2021. A report on budgets is due on 16 April.\n")
    assert parse(later).end != parse(page).end  # (a day of something else: no closing day)
