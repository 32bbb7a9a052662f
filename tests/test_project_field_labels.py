"""A project page's fields in more labels: implementing and technical partners in bullets,
other implementing entities, the project's start and end dates; a partner written with its
acronym is the body the acronym names, and a new one keeps its acronym."""

from __future__ import annotations

import pytest
from cepa_kg.loaders import project
from cepa_kg.namespaces import CEPA
from rdflib import RDF, RDFS, URIRef

from tests.page_graph import BASE, graph_of

PAGE = """Skip to main content

UNDA 14th tranche project on resilient public finance in secondary cities

The project is financed by the United Nations Development Account (UNDA) 14th tranche.

Project start date: March 2022

Project end date: 31 December 2025

Implementing entities and partners

  • Executing agencies: United Nations Economic Commission for Europe (UNECE)
  • Implementing partners: United Nations Economic and Social Commission for West Asia (ESCWA) \
and United Nations Economic Commission for Africa (UNECA)
  • Technical collaboration partners: Municipal Finance Facility of Ruritania (MFFR)
"""


def test_partners_in_bullets_and_the_projects_start_and_end_dates() -> None:
    g = graph_of(PAGE, "project.txt")
    project = next(g.subjects(RDF.type, CEPA.Project))
    partners = set(g.objects(project, CEPA.partner))
    assert {URIRef(BASE + "id/actor/escwa"), URIRef(BASE + "id/actor/eca")} <= partners
    new = [p for p in partners if str(p).endswith("municipal-finance-facility-of-ruritania")]
    assert new and str(g.value(new[0], CEPA.acronym)) == "MFFR"
    assert str(g.value(new[0], RDFS.label)) == "Municipal Finance Facility of Ruritania"
    assert not any("Social Commission for West Asia" == str(g.value(p, RDFS.label))
                   for p in partners)
    assert (str(g.value(project, CEPA.startYear)), str(g.value(project, CEPA.endYear))) == (
        "2022", "2025")


def test_sums_with_the_currency_after_and_the_accounts_tranche_shorthand() -> None:
    from cepa_kg.loaders.project_fields import amount, tranche
    from cepa_kg.loaders.spans import Span

    def usd(text: str) -> float | None:
        found = amount(text, Span(0, len(text)))
        return found.usd if found else None

    assert usd("a total of 850,000 US dollars") == 850000.0
    assert usd("Budget (USD): 520 000") == 520000.0
    assert usd("with 1.2 million USD") == 1200000.0

    def number(text: str) -> int | None:
        found = tranche(text, Span(0, len(text)))
        return found[0] if found else None

    assert number("a DA14 project") == 14 and number("UNDA 12") == 12
    assert number("the DA 2025 plan") is None and number("ref DA12345") is None


# -- a label alone on its line, its value on the next (the trust fund records and mirrors) ----

TRUST_FUND_RECORD = """Resilient water utilities in small island states

Reference
TF-SDG-2021-04
Implementing Entity/ies
UNDESA, UNEP
{partner_label}
UNDP, ESCAP, ECLAC
Duration
May 2022 – April 2025
Location
Fiji, Samoa, Tonga
Approved Budget
$ 1,210,400
Description
Island utilities lose much of the water they treat. The project aims to strengthen the \
capacity of water regulators to plan investments and to report on service levels.
"""


def _trust_fund_record(partner_label: str = "Collaborating Partners"):
    records = project.parse(TRUST_FUND_RECORD.format(partner_label=partner_label)).projects
    assert len(records) == 1
    return records[0]


def _sorted_names(items) -> list[str]:
    return sorted(n.name for n in items)


def test_a_slashed_plural_label_names_the_implementers() -> None:
    """'Implementing Entity/ies' serves one entity or several: its line below names them."""
    assert _sorted_names(_trust_fund_record().implementers) == ["UNDESA", "UNEP"]


@pytest.mark.parametrize("label", ["Collaborating Partners", "Collaborating Agencies",
                                   "Collaborating Organizations"])
def test_collaborating_bodies_under_their_label_are_partners(label: str) -> None:
    assert _sorted_names(_trust_fund_record(label).partners) == ["ECLAC", "ESCAP", "UNDP"]


def test_the_partners_label_does_not_take_the_implementers() -> None:
    rec = _trust_fund_record()
    assert not set(_sorted_names(rec.partners)) & set(_sorted_names(rec.implementers))


# -- partners named in prose that the gazetteer does not know -----------------------------


@pytest.mark.parametrize(("sentence", "partners"), [
    ("The project is implemented by DESA in collaboration with the Government of Malta and "
     "CARIPAD.", ["CARIPAD", "Government of Malta"]),
    ("Implementation is led by ESCWA, in partnership with the League of Arab States.",
     ["League of Arab States"]),
    ("The project was carried out by UNSD in cooperation with the University of the South "
     "Seas and the Ministry of Finance of Ghana.",
     ["Ministry of Finance of Ghana", "University of the South Seas"]),
])
def test_a_partner_phrase_names_bodies_by_their_head_word(sentence: str,
                                                          partners: list[str]) -> None:
    records = project.parse("Development Account project 1617X: Resilient statistics\n\n"
                            + sentence + "\n").projects
    assert _sorted_names(records[0].partners) == partners


def test_an_implementer_named_by_its_head_word_and_partners_a_sentence_lists() -> None:
    head = "Development Account project 1617X: Resilient statistics\n\n"
    rec = project.parse(head + "The project is implemented by the Pacific Centre for Public "
                        "Administration in collaboration with DESA.\n").projects[0]
    assert _sorted_names(rec.implementers) == ["Pacific Centre for Public Administration"]
    rec = project.parse(head + "Key partners include the Commonwealth Secretariat, the OECD "
                        "and the Asian Development Bank.\n").projects[0]
    assert _sorted_names(rec.partners) == ["Asian Development Bank", "Commonwealth Secretariat",
                                           "OECD"]
    rec = project.parse(head + "ESCAP will work closely with the Economic Commission for "
                        "Africa to deliver the training.\n").projects[0]
    assert _sorted_names(rec.partners) == ["Economic Commission for Africa"]


@pytest.mark.parametrize(("sentence", "implementers", "partners"), [
    # the supporters of the body that leads it are partners, not its implementers
    ("The initiative is led by ECA with support from the African Development Bank and the "
     "World Bank.", ["ECA"], ["African Development Bank", "World Bank"]),
    # a partner named before the word "partner"
    ("The project will be executed by ESCWA, with the League of Arab States as a partner.",
     ["ESCWA"], ["League of Arab States"]),
    # a fronted partner phrase ends where the sentence's subject and its "will" begin
    ("In collaboration with CARIPAD and the OECD, DESA will assist governments of the region.",
     ["DESA"], ["CARIPAD", "OECD"]),
])
def test_partners_that_support_the_lead_body_or_are_named_before_the_word(
        sentence: str, implementers: list[str], partners: list[str]) -> None:
    rec = project.parse("Development Account project 1617X: Resilient statistics\n\n"
                        + sentence + "\n").projects[0]
    assert _sorted_names(rec.implementers) == implementers
    assert _sorted_names(rec.partners) == partners


def test_support_from_no_leading_body_names_no_partner() -> None:
    rec = project.parse("Development Account project 1617X: Resilient statistics\n\nThis "
                        "project is funded by the Development Account with support of UNDESA."
                        "\n").projects[0]
    assert _sorted_names(rec.partners) == []
