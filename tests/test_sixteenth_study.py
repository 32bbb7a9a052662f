"""The sixteenth study's rules (real pages in `tests/data/archive-sixteenth-study/`, the pages
read in each family's README; the rules' texts below are our own), and a ratchet on the facts
its pages give today."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders import registry
from cepa_kg.loaders.family_detection import project_score

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
    from rdflib import Graph, URIRef

    from cepa_kg.namespaces import CEPA, ORG, SCHEMA
    from cepa_kg.pipeline import build_document
    from cepa_kg.sources import SourceText

    page = ("In May 2021 the Council approved the nomination of 24 experts to the Committee of "
            "Experts on Public Administration for a four-year term.\n\nCurrent members\n\n"
            "Photo Ana Moreira\n\nAna Moreira (Portugal)\n\nProfessor of public law, Lisbon\n\n"
            "Kwame Asante (Ghana)\n\nFormer head of the civil service\n")
    assert registry.detect(page).kind == "cepa-session"
    assert _people(page) == {"Ana Moreira": ("Member", "Portugal"),
                             "Kwame Asante": ("Member", "Ghana")}
    built = build_document(SourceText("members.txt", page, "0" * 64, "utf-8"), base=BASE)
    g = Graph()
    for triple in built.triples:
        g.add(triple)
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
