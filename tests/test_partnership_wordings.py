"""A news item that reports an agreement is the division's news, and the agreement is a
partnership between the parties the text names, whichever way it is worded."""

from __future__ import annotations

import pytest
from cepa_kg.namespaces import CEPA
from rdflib import RDF

from tests.page_graph import graph_of


@pytest.mark.parametrize("sentence, parties", [
    ("The Division for Public Institutions and Digital Government and the Smart Dubai Office "
     "agreed to cooperate on digital government.", 2),
    ("An agreement between UN DESA and the Government of Ghana was signed to extend the "
     "project.", 2),
    ("The UN Project Office on Governance and the Incheon Metropolitan City renewed their "
     "partnership agreement.", 2),
    ("UN DESA and UNDP launched a joint programme on public service reform in Africa.", 2),
    ("The Government of Azerbaijan requested the support of UN DESA to design its strategy.", 2),
    ("Through a letter of intent, the Ministry of Public Administration of Slovenia and UN DESA "
     "committed to work together.", 2),
    ("The Chairman of the Ministry of Digital Affairs of Moldova signed a letter of intent with "
     "UNDP, and UN DESA at the Forum.", 3),
    ("The meeting reviewed the work under the Contribution Agreement signed between the "
     "Government of Moldova and the United Nations on 3 May 2018.", 2),
    # (what the agreement is about between its name and its signing)
    ("At the Forum, a Declaration of Intent on e-government cooperation was signed between the "
     "State Agency for Public Service of Azerbaijan, the Ministry of Transport of Turkey and "
     "the Turkish Cooperation and Coordination Agency.", 3),
    ("Conscients de l'enjeu, l'UNODC et le Département des affaires économiques et sociales "
     "des Nations Unies (UNDESA) ont convenu de collaborer à une nouvelle catégorie du Prix.", 2),
    # (a unit's department after "of", and where a party is, are no parties of their own)
    ("The guide came out of collaboration between the Division for Public Institutions and "
     "Digital Government of the United Nations Department of Economic and Social Affairs "
     "(DPIDG/UN DESA) and the Chinese Academy of Governance (CAG), China and was printed in "
     "Beijing.", 2),
])
def test_an_agreement_reported_in_other_words_is_read(sentence: str, parties: int) -> None:
    page = (f"DPIDG News\n\nMay 2018\n\n{sentence}\n\nThe Division for Public Institutions and "
            "Digital Government of UN DESA reports this news.\n")
    g = graph_of(page, "news.txt")  # (refused before: no event, no signing word)
    found = list(g.subjects(RDF.type, CEPA.Partnership))
    assert len(found) == 1
    assert len(set(g.objects(found[0], CEPA.party))) == parties


def test_a_signing_still_to_come_is_proposed_and_memorandums_are_one_with_each() -> None:
    from rdflib import RDFS

    page = ("DPIDG News\n\nMay 2018\n\nOn the sidelines of the forum, Ghana is also scheduled to "
            "hold talks with several delegations, and to sign memorandums of understanding (MOUs) "
            "with Kenya and Uganda. Rwanda looks to sign an MoU with Ghana next year. The Agency "
            "is planning to sign cooperation agreements with a number of partners.\n\nThe "
            "Division for Public Institutions and Digital Government of UN DESA reports this "
            "news.\n")
    g = graph_of(page, "news.txt")
    found = sorted(
        (sorted(str(g.value(p, RDFS.label)) for p in g.objects(x, CEPA.party)),
         [str(s) for s in g.objects(x, CEPA.status)])
        for x in g.subjects(RDF.type, CEPA.Partnership))
    assert found == [(["Ghana", "Kenya"], ["proposed"]), (["Ghana", "Rwanda"], ["proposed"]),
                     (["Ghana", "Uganda"], ["proposed"])]


@pytest.mark.parametrize("sentence", [
    "UN DESA partnered with the Government of Ghana to train civil servants.",
    "UN DESA teamed up with the European Union to deliver the course.",
    "UNDP and UN DESA launched a new partnership on digital government.",
    "The initiative is a joint effort of UN DESA and the ITU.",
    "UN DESA and the Government of Morocco signed a host country agreement for the forum.",
    "The Government of Korea and UN DESA renewed the trust fund agreement for the office.",
    "UN DESA will work with UNDP to roll out the toolkit.",
    "Since 2012, UN DESA partners with the Government of Nepal in digital government.",
    "The memorandum was signed by Ambassador Ana Reis for Portugal and Under-Secretary-General "
    "Li Wei for UN DESA.",
    "UN DESA is partnering with UNITAR to expand digital skills training for civil servants.",
    "UN DESA and UNITAR have joined forces to offer an online course on leadership.",
])
def test_a_partnership_told_with_other_verbs(sentence: str) -> None:
    page = (f"DPIDG News\n\nMay 2018\n\n{sentence}\n\nThe Division for Public Institutions and "
            "Digital Government of UN DESA reports this news.\n")
    g = graph_of(page, "news.txt")
    found = list(g.subjects(RDF.type, CEPA.Partnership))
    assert len(found) == 1 and len(list(g.objects(found[0], CEPA.party))) == 2


def test_a_meeting_two_bodies_organise_together_is_no_partnership_of_its_own() -> None:
    page = ("DPIDG News\n\nMay 2018\n\nUN DESA and ESCWA jointly developed the online course on "
            "digital government.\n\nThe Division for Public Institutions and Digital Government "
            "of UN DESA reports this news.\n")
    assert not list(graph_of(page, "news.txt").subjects(RDF.type, CEPA.Partnership))


def test_a_working_relationship_and_agreements_a_body_entered_into_with_several() -> None:
    def parties_of(body: str) -> list[list[str]]:
        g = graph_of(f"AAPAM Newsletter\n\nMay 2018\n\n{body}\n", "news.txt")
        return sorted(sorted(str(p).rsplit("/", 1)[-1] for p in g.objects(x, CEPA.party))
                      for x in g.subjects(RDF.type, CEPA.Partnership))

    assert parties_of("The Africa Public Service Day took place on 23 June 2018. IIAS has a "
                      "working relationship with UN DESA since 2005.") == [["desa", "iias"]]
    # ("we" is the page's own body, named above: one agreement with each, none between them)
    each = parties_of("In this issue, we report on the Africa Public Service Day of 23 June "
                      "2018. So far, we have entered into agreement with Stellenbosch University "
                      "and the United Nations Public Administration Network (UNPAN).")
    assert each == [["aapam", "stellenbosch-university"], ["aapam", "unpan"]]


def test_bodies_working_as_partners_with_others_are_no_partnership() -> None:
    page = ("DPIDG News\n\nMay 2018\n\nSuccess needs UNDP and UNICEF working as partners with the "
            "Government of Nepal.\n\nThe Division for Public Institutions and Digital Government "
            "of UN DESA reports this news.\n")
    g = graph_of(page, "news.txt")
    assert list(g.subjects(RDF.type, CEPA.Partnership)) == []
