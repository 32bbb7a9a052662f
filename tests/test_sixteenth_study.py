"""The sixteenth study's rules (real pages in `tests/data/archive-sixteenth-study/`, the pages
read in each family's README; the rules' texts below are our own), and a ratchet on the facts
its pages give today."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders import registry
from cepa_kg.loaders.family_detection import project_score

from tests.page_graph import graph_of

STUDY = Path(__file__).parent / "data" / "archive-sixteenth-study"
BASE = "http://localhost:8000/"


def test_a_project_page_without_its_banner_is_known_by_the_project_s_objective() -> None:
    """A project page copied without the Account's banner: its title, a "To ..." line, the
    expected accomplishments and "The project’s objective was to ..." in its account of
    effects."""
    page = ("Better water statistics in the Andean countries\n\n\nThe Commission has long "
            "advised the region's statistical offices.\n\n\nTo build a network of water "
            "statisticians able to compile common accounts\n\nExpected accomplishments:\n\n"
            "  • Stronger skills of statisticians in water accounting;\n\nEffects and Impact:\n\n"
            "The project’s objective was to strengthen cooperation among statistical offices. "
            "The project reached it in part.\n")
    assert project_score(page) >= 0.5
    assert registry.detect(page).kind == "da-project"


def _people(text: str) -> dict[str, tuple[str, str]]:
    from cepa_kg.loaders import session

    return {m.name: (m.role, m.country) for m in session.parse(text).bureau}


def test_a_page_of_the_committee_s_members_is_a_session_page_with_its_members() -> None:
    """Member cards ("Name (Country)" alone on a line under "Current members") on a page about
    the Committee: a page of the session family, each card a member with a nationality, mapped
    as members of CEPA with no session (the page names none)."""
    from cepa_kg.namespaces import CEPA, ORG, SCHEMA
    from rdflib import URIRef

    page = ("In May 2021 the Council approved the nomination of 24 experts to the Committee of "
            "Experts on Public Administration for a four-year term.\n\nCurrent members\n\n"
            "Photo Ana Moreira\n\nAna Moreira (Portugal)\n\nProfessor of public law, Lisbon\n\n"
            "Kwame Asante (Ghana)\n\nFormer head of the civil service\n")
    assert registry.detect(page).kind == "cepa-session"
    assert _people(page) == {"Ana Moreira": ("Member", "Portugal"),
                             "Kwame Asante": ("Member", "Ghana")}
    g = graph_of(page, "members.txt")
    memberships = list(g.subjects(ORG.organization, URIRef(BASE + "id/actor/cepa")))
    assert len(memberships) == 2 and not any(g.value(m, CEPA.session) for m in memberships)
    assert URIRef(BASE + "id/country/GHA") in set(g.objects(None, SCHEMA.nationality))


def test_elections_appointments_and_the_chair_told_in_prose() -> None:
    """"Professor X of Y was elected ... as Vice Chairperson of the ... Committee", "X,
    professor at Y, secured a seat on the 24-member Committee", "Z sat on the committee",
    "The Committee ... is chaired by former minister Dr W", and the French "X fait désormais
    partie des 24 experts"; a demonym before a noun ("A Chilean jurist has been named a
    member") is no one."""
    elected = ("At its meeting in New York, Professor Lena Park of Harbor State University was "
               "elected to a two-year term as Vice Chairperson of the United Nations Committee "
               "of Experts on Public Administration.\n")
    assert _people(elected) == {"Lena Park": ("Vice-Chairperson", "")}
    seat = ("A Chilean jurist has been named a member of a U.N. expert committee on public "
            "administration.\nTomas Vidal, professor at the University of Chile, secured a seat "
            "on the 24-member Committee of Experts on Public Administration (CEPA) this week.\n"
            "Earlier, Rosa Ibarra sat on the committee from 2010 to 2017.\n")
    assert _people(seat) == {"Tomas Vidal": ("Member", ""), "Rosa Ibarra": ("Member", "")}
    chaired = ("The UN Committee of Experts on Public Administration (UN-CEPA) is chaired by "
               "former cabinet minister Dr Thandi Moyo, who led the public service ministry.\n")
    assert _people(chaired) == {"Thandi Moyo": ("Chair", "")}
    french = ("Awa Diallo fait désormais partie des 24 experts du Comité d’experts de "
              "l’administration publique des Nations Unies.\n")
    assert _people(french) == {"Awa Diallo": ("Member", "")}


def test_french_session_numbers_in_figures_and_themes_after_sur_le_theme_de() -> None:
    from cepa_kg.loaders.session_fields import main_theme, session_number

    text = ("La 14e session du Comité d'experts de l'administration publique s'est tenue à New "
            "York. Les membres ont débattu sur le thème de la confiance dans les institutions "
            "publiques.\n")
    found = session_number(text)
    assert found is not None and found[0] == 14
    theme = main_theme(text)
    assert theme is not None and theme.text == "la confiance dans les institutions publiques"


def _events(text: str):
    from cepa_kg.loaders import update

    return [e for item in update.parse(text).items for e in item.events]


def test_meetings_listed_by_place_and_month_are_an_event_each() -> None:
    """"national workshops organized by DPADM: Mongolia (November 2015); Ghana (February
    2016); and Peru (2016)": three workshops, each with its country and month (a year alone
    gives none), organised by DPADM; "workshops supported by DPADM, in Armenia (September
    2014) and Jordan (April 2016)": two, organised by no one the text names."""
    from cepa_kg.namespaces import SCHEMA, XSD
    from rdflib import Literal

    page = ("E-Participation tools\n\nThree countries will apply the toolkit in 2015 and 2016, "
            "through national workshops organized by DPADM: Mongolia (November 2015); Ghana "
            "(February 2016); and Peru (2016).\n\nThe toolkit was also used at two further "
            "national workshops supported by DPADM, in Armenia (September 2014) and Jordan "
            "(April 2016).\n")
    events = _events(page)
    assert [(e.kind, e.location.name if e.location else None,
             e.month.isoformat() if e.month else None,
             [a.path for a in e.organizers]) for e in events] == [
        ("workshop", "Mongolia", "2015-11-01", ["actor/dpadm"]),
        ("workshop", "Ghana", "2016-02-01", ["actor/dpadm"]),
        ("workshop", "Peru", None, ["actor/dpadm"]),
        ("workshop", "Armenia", "2014-09-01", []),
        ("workshop", "Jordan", "2016-04-01", [])]
    g = graph_of(page, "list.txt")
    assert Literal("2015-11", datatype=XSD.gYearMonth) in set(g.objects(None, SCHEMA.startDate))


def test_sessions_listed_as_dated_bullets_under_a_lead_are_an_event_each() -> None:
    """A page's story above its first section heading is read too; "UN DESA is organizing
    consultation sessions ... on these dates:" then a bullet a day: a meeting each, organised
    by UN DESA."""
    page = ("Consultations ahead of the Survey\n\nTo prepare the next edition of the Survey and "
            "improve its method, UN DESA is organizing consultation sessions with stakeholders "
            "to collect their comments and suggestions.\n\nThe sessions are arranged by region, "
            "on these dates:\n\n  • 7th May 2025: 2PM GMT (for Africa)\n  • 9th May 2025: 3AM "
            "GMT (for Asia)\n\nAbout the Survey\nSince 2001 the Survey has ranked every Member "
            "State by the online services its government offers to people and to businesses.\n")
    events = _events(page)
    assert [(e.kind, e.start.isoformat() if e.start else None, [a.path for a in e.organizers])
            for e in events] == [("meeting", "2025-05-07", ["actor/desa"]),
                                 ("meeting", "2025-05-09", ["actor/desa"])]
