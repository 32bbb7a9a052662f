"""DPADM monthly updates: detection, parsing (expected values read from the documents by hand)
and the RDF mapping."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cepa_kg.loaders import update, update_rdf
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import MappingContext, ParseError
from cepa_kg.loaders.dates import find_date_ranges
from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.spans import clean
from cepa_kg.namespaces import CEPA, FOAF, ORG, PROV, RDF, RDFS, SCHEMA, XSD
from rdflib import Literal, URIRef

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).parent / "data" / "updates"
D = dt.date


@pytest.fixture(scope="module")
def text() -> str:
    return (CORPUS / "dpadm-monthly-update-2011-11.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(text: str) -> update.UpdateDocument:
    return update.parse(text)


def _paths(actors) -> set[str]:
    return {a.path for a in actors}


# --------------------------------------------------------------------------------------------
# detect


def test_detect_scores(text: str) -> None:
    assert update.detect(text) >= 0.9
    for name in ("cepa-session-05-2006.txt", "cepa-session-08-2009.txt",
                 "da-project-knowledge-management.txt"):
        assert update.detect((CORPUS / name).read_text(encoding="utf-8")) <= 0.1, name
    for f in FIXTURES.glob("*.txt"):
        assert update.detect(f.read_text(encoding="utf-8")) >= 0.9, f.name


# --------------------------------------------------------------------------------------------
# document and items


def test_document(doc: update.UpdateDocument) -> None:
    assert doc.slug == "dpadm-monthly-update-2011-11"
    assert doc.title == "DPADM Monthly Update to CEPA Members: November 2011"
    assert (doc.date, doc.month, doc.year) == (D(2011, 11, 1), 11, 2011)
    assert doc.issuer is not None and doc.issuer.path == "actor/dpadm"


# number, kind, start, end, place (gazetteer path, or country path, or None)
EXPECTED_ITEMS = [
    ("1", "seminar", D(2011, 10, 20), D(2011, 10, 21), "place/rabat"),
    ("2", "workshop", D(2011, 10, 26), D(2011, 10, 27), "place/marrakesh"),
    ("3", "meeting", None, None, None),
    ("4", "meeting", D(2011, 11, 1), D(2011, 11, 1), None),
    ("5", "meeting", D(2011, 10, 17), D(2011, 10, 17), None),
    ("6", "conference", D(2011, 10, 24), D(2011, 10, 28), "place/marrakesh"),
    ("7", "meeting", D(2011, 11, 8), D(2011, 11, 8), None),
    ("8", "forum", D(2011, 11, 1), D(2011, 11, 2), "place/kigali"),
    ("9", "meeting", D(2011, 11, 11), D(2011, 11, 11), None),
    ("10", "meeting", D(2011, 11, 14), D(2011, 11, 14), None),
    ("10", "conference", D(2011, 10, 17), D(2011, 10, 18), "place/poznan"),
    ("11", "conference", D(2011, 11, 21), D(2011, 11, 25), "place/bali"),
    ("13", "training", None, None, None),
    ("14", "briefing", None, None, None),
    ("15", "workshop", D(2011, 11, 14), D(2011, 11, 18), "place/lilongwe"),
    ("16", "retreat", D(2011, 11, 21), D(2011, 11, 21), None),
]
COUNTRIES = {"8": "country/RWA", "11": "country/IDN", "15": "country/MWI"}


def test_items(doc: update.UpdateDocument) -> None:
    assert len(doc.items) == 16  # two items "10", no item "12"
    got = [
        (i.number, i.kind, i.start, i.end, i.location.place.path if i.location and
         i.location.place else None)
        for i in doc.items
    ]
    assert got == EXPECTED_ITEMS
    assert [i.position for i in doc.items] == list(range(1, 17))
    for item in doc.items:
        if item.number in COUNTRIES:
            assert item.location.country.path == COUNTRIES[item.number]
    assert doc.items[10].location.country.path == "country/POL"


def test_titles(doc: update.UpdateDocument, text: str) -> None:
    first = doc.items[0]
    assert first.title_quote.startswith("Seminar on “Challenges")
    assert first.title_quote.endswith("Institutions”")
    assert first.title.startswith("Seminar on Challenges and Opportunities")
    assert "“" not in first.title and "”" not in first.title
    assert doc.items[9].title == "Republic of Korea Shares with DPADM its Government Initiative"
    assert doc.items[14].title == "Workshop for Ministers of Local Governments in Africa"
    assert doc.items[14].number == "15"  # "15 Workshop" has no dot
    assert doc.items[8].title == "DPADM to Collaborate with China’s Tsinghua University"


def test_deadline_is_not_the_event_date(doc: update.UpdateDocument) -> None:
    item4 = doc.items[3]
    assert "before 31 December" in item4.body.of(doc_text())
    assert item4.start == D(2011, 11, 1)
    assert doc.items[12].start is None  # "after April 2012" is not the training's date


def doc_text() -> str:
    return (CORPUS / "dpadm-monthly-update-2011-11.txt").read_text(encoding="utf-8")


def test_organisations(doc: update.UpdateDocument) -> None:
    assert {"actor/dpadm", "actor/eca", "actor/escwa", "actor/un-habitat"} <= _paths(
        doc.items[0].actors)
    assert {"actor/dpadm", "actor/unodc", "actor/undp"} <= _paths(doc.items[1].actors)
    assert "actor/swedish-national-audit-office" in _paths(doc.items[2].actors)
    assert {"actor/dpadm", "actor/eca", "actor/escwa"} <= _paths(doc.items[0].organizers)
    assert "actor/pacb" in _paths(doc.items[14].organizers)  # facilitated by ... DPADM/PACB


# --------------------------------------------------------------------------------------------
# persons

EXPECTED_PERSONS = {
    "haiyan-qian": ("Haiyan Qian", None, "Director", "DPADM", "actor/dpadm"),
    "anders-hjertstrand": ("Anders Hjertstrand", "Mr.",
                           "Director of International Development Cooperation",
                           "Swedish National Audit Office (NAO)",
                           "actor/swedish-national-audit-office"),
    "lan-xue": ("Lan Xue", "Prof.", "Dean of School of Public Policy and Management (SPPM)",
                "Tsinghua University", "actor/tsinghua-university"),
    "john-mary-kauzya": ("John-Mary Kauzya", "Mr.", "Chief", "DPADM/PACB", "actor/pacb"),
    "thuli-radebe": ("Thuli Radebe", "Ms.", "Chief Executive Officer",
                     "Centre for Public Service Innovation (CPSI)", "actor/cpsi"),
    "uriel-marquez-carrasco": ("Uriel Márquez Carrasco", "Mr.",
                               "Vice Minister of Public Administration", "Mexico", None),
    "alphonse-mekolo": ("Alphonse Mekolo", "Mr.", "Inter Regional Adviser", "DPADM",
                        "actor/dpadm"),
    "sara-luna": ("Sara Luna", "Ms.", None, "ECOSOC's Second Committee", "actor/ecosoc"),
    "bon-suk-kong": ("Bon Suk Kong", "Mr.",
                     "Information Technology and Statistics Officer Director",
                     "Ministry of Culture, Sports and Tourism",
                     "actor/korea-ministry-of-culture-sports-and-tourism"),
}


def test_persons(doc: update.UpdateDocument) -> None:
    assert {p.key for p in doc.persons} == set(EXPECTED_PERSONS)
    for p in doc.persons:
        name, hon, title, aff, org = EXPECTED_PERSONS[p.key]
        assert (p.name, p.honorific, p.title, p.affiliation) == (name, hon, title, aff), p.key
        got_org = p.memberships[0].organization
        if org is None:
            assert got_org is None or got_org.kind == "country"
        else:
            assert got_org is not None and got_org.path == org, p.key
    qian = doc.person("haiyan-qian")
    assert qian.memberships[0].label == "Haiyan Qian, Director, DPADM"


def test_person_mentions_across_items(doc: update.UpdateDocument, text: str) -> None:
    with_qian = [i.number for i in doc.items if "haiyan-qian" in {p.key for p in i.persons}]
    assert with_qian == ["3", "4", "9", "10", "10"]
    # "Mr. Carrasco" (item 5) and "Mr. Uriel Marquez Carrasco" (item 14) are one person
    assert "uriel-marquez-carrasco" in {p.key for p in doc.items[4].persons}
    item14 = {p.key: p for p in doc.items[13].persons}
    assert item14["uriel-marquez-carrasco"].span.of(text) == "Mr. Uriel Marquez Carrasco"
    # "Prof. Xue" is Lan Xue
    assert [p.key for p in doc.items[8].persons] == ["haiyan-qian", "lan-xue"]


# --------------------------------------------------------------------------------------------
# partnerships


def _find(item: update.UpdateItem, parties: set[str], status: str) -> update.Partnership:
    for p in item.partnerships:
        if parties <= _paths(p.parties) and p.status == status:
            return p
    raise AssertionError(f"no {status} partnership of {parties} in item {item.number}: "
                         f"{[(sorted(_paths(p.parties)), p.status) for p in item.partnerships]}")


def test_required_partnerships(doc: update.UpdateDocument) -> None:
    items = doc.items
    p = _find(items[1], {"actor/dpadm", "actor/unodc"}, "agreed")
    assert "anti-corruption capacity building" in p.purpose
    assert _paths(p.parties) == {"actor/dpadm", "actor/unodc"}
    _find(items[1], {"actor/undp"}, "explored")
    p = _find(items[3], {"actor/dpadm", "actor/korea-ministry-of-culture-sports-and-tourism"},
              "agreed")
    assert "translating" in p.purpose and "Korean" in p.purpose
    assert "country/KOR" not in _paths(p.parties)  # "... of the Republic of Korea" qualifies
    p = _find(items[0], {"actor/dpadm", "actor/eca", "actor/escwa"}, "agreed")
    assert "capacity building" in p.purpose and "participatory governance" in p.purpose
    _find(items[0], {"actor/un-habitat"}, "explored")
    _find(items[0], {"actor/international-idea", "actor/osce", "actor/council-of-europe"},
          "explored")
    _find(items[2], {"actor/dpadm", "actor/swedish-national-audit-office"}, "explored")
    _find(items[5], {"actor/dpadm", "actor/unodc"}, "agreed")
    _find(items[6], {"actor/dpadm", "actor/boston-university-school-of-management"}, "explored")
    _find(items[6], {"actor/dpadm", "actor/boston-university"}, "agreed")
    p = _find(items[8], {"actor/dpadm", "actor/tsinghua-university"}, "agreed")
    assert p.purpose.startswith("providing scholarships")
    _find(items[11], {"actor/african-development-bank", "actor/ebrd"}, "proposed")
    _find(items[12], {"actor/dpadm", "actor/undp"}, "agreed")
    p = _find(items[15], {"country/SSD", "actor/dpadm"}, "requested")
    assert p.purpose.startswith("reconstructing governance")


def test_partnerships_are_wellformed(doc: update.UpdateDocument) -> None:
    for item in doc.items:
        for p in item.partnerships:
            assert len(_paths(p.parties)) >= 2
            assert p.status in update.STATUSES
            assert p.purpose and p.purpose == p.purpose.strip()
            assert len(p.names) == len(p.parties)
    assert not doc.items[9].partnerships  # a presentation, no collaboration
    assert not doc.items[14].partnerships  # "Development partners, including DESA" is no party


# --------------------------------------------------------------------------------------------
# spans


def _spans(doc: update.UpdateDocument):
    yield doc.title_span, doc.title
    for p in doc.persons:
        yield p.span, None
        for m in p.memberships:
            yield m.span, m.label
    for i in doc.items:
        yield i.title_span, i.title_quote
        yield i.body, None
        yield i.span, None
        if i.kind_span:
            yield i.kind_span, None
        if i.dates:
            yield i.dates.span, None
        for loc in i.locations:
            yield loc.span, None
        for a in i.actors + i.organizers:
            yield a.span, None
        for pm in i.persons:
            yield pm.span, None
        for p in i.partnerships:
            yield p.span, None
            yield p.cue, None
            for a in p.parties:
                yield a.span, None


def test_spans_are_exact_slices(doc: update.UpdateDocument, text: str) -> None:
    from cepa_kg.loaders.spans import clean

    for span, expected in _spans(doc):
        piece = span.of(text)
        assert piece and piece == piece.strip(), span
        if expected is not None:
            assert clean(piece) == clean(expected)
    assert doc.items[7].dates.span.of(text) == "1 - 2 November 2011"
    assert doc.items[14].dates.span.of(text) == "14 to 18 November 2011"
    assert doc.items[11].dates.span.of(text) == "21 – 25 November 2011"
    assert doc.items[8].dates.span.of(text) == "11 November, 2011"
    assert doc.items[7].location.span.of(text) == "Kigali, Rwanda"
    assert doc.person("lan-xue").memberships[0].span.of(text) == (
        "Prof. Lan Xue, Dean of School of Public Policy and Management (SPPM) of Tsinghua "
        "University")


# --------------------------------------------------------------------------------------------
# errors


def test_parse_errors() -> None:
    for empty in ("", "\n \n", "Home\nSearch\n"):  # nothing, or only the site's wrapping
        with pytest.raises(ParseError) as err:
            update.parse(empty)
        assert err.value.line == 1


def test_a_page_without_numbered_items_or_month_is_read_with_what_it_has() -> None:
    """Items unnumbered, no month: the page is one item, undated, and its parts say so (the
    load's coverage report shows it); nothing is refused for a missing part."""
    whole = update.parse("DPADM Monthly Update to CEPA Members: May 2012\n\n"
                         "Nothing numbered here.\n")
    assert whole.date == dt.date(2012, 5, 1) and [i.title for i in whole.items] == [
        "Nothing numbered here"]
    undated = update.parse("\n\nDPADM Monthly Update\n\n1. Workshop on X\n\nBody.\n")
    assert undated.date is None and undated.parts["date"] is False
    assert [i.title for i in undated.items] == ["Workshop on X"]


# --------------------------------------------------------------------------------------------
# other months (synthetic updates of the same family)


def _fixture(name: str) -> tuple[str, update.UpdateDocument]:
    t = (FIXTURES / name).read_text(encoding="utf-8")
    return t, update.parse(t)


def test_fixture_may_2012() -> None:
    t, d = _fixture("dpadm-monthly-update-2012-05.txt")
    assert d.slug == "dpadm-monthly-update-2012-05" and d.date == D(2012, 5, 1)
    assert [(i.number, i.kind) for i in d.items] == [
        ("1", "workshop"), ("2", "meeting"), ("3", "forum")]
    first = d.items[0]
    assert (first.start, first.end) == (D(2012, 5, 3), D(2012, 5, 5))  # "from 3 to 5 May 2012"
    assert first.location.place.path == "place/seoul"
    assert "- mobile services" in first.body.of(t)  # "-" bullets stay in the body
    assert {"actor/dpadm", "actor/unpog"} <= _paths(first.organizers)
    p = _find(first, {"actor/dpadm", "actor/undp"}, "agreed")
    assert p.purpose == "e-government capacity building in Africa"
    second = d.items[1]
    assert second.start == D(2012, 5, 10)
    lopez = d.person("maria-lopez")
    assert (lopez.honorific, lopez.title, lopez.memberships[0].organization.path) == (
        "Ms.", "Chief", "actor/pacb")
    _find(second, {"country/BRA", "actor/dpadm"}, "explored")  # Mr. Silva, of Brazil
    assert [p.key for p in d.items[2].persons] == ["maria-lopez"]  # "Ms. Lopez"


def test_fixture_january_2012() -> None:
    t, d = _fixture("dpadm-monthly-update-2012-01.txt")
    assert d.date == D(2012, 1, 1)
    assert [i.number for i in d.items] == ["1", "2", "4"]
    first, second, third = d.items
    assert (first.kind, first.start, first.end) == ("training", D(2012, 1, 30), D(2012, 2, 2))
    assert first.location.name == "Nairobi" and first.location.place.path == "place/nairobi"
    assert first.location.country.path == "country/KEN"
    unknown = [a for a in first.actors if not a.known]
    assert [a.label for a in unknown] == ["Nairobi Institute of Governance"]
    _find(first, {"country/KEN", "actor/desa"}, "requested")
    # "on 12 December" in a January update is the December before
    assert (second.kind, second.start) == ("meeting", D(2011, 12, 12))
    p = _find(second, {"actor/escap", "actor/world-bank", "actor/dpadm"}, "agreed")
    assert p.purpose == "preparing a guidance note on participatory budgeting"
    assert third.kind == "briefing" and third.start is None
    assert d.person("haiyan-qian").title == "Director"


def test_fixture_march_2013() -> None:
    t, d = _fixture("dpadm-monthly-update-2013-03.txt")
    assert d.issuer.path == "actor/dpadm"
    first, second = d.items
    assert (first.kind, first.start) == ("conference", D(2013, 3, 5))  # "March 5, 2013"
    assert first.location.place.path == "place/addis-ababa"
    assert first.location.country.path == "country/ETH"
    _find(first, {"actor/african-development-bank", "actor/dpadm"}, "proposed")
    yusuf = d.person("amina-yusuf")
    assert (yusuf.honorific, yusuf.title, yusuf.affiliation) == (
        "Prof.", "Dean of the Faculty of Public Administration", "Makerere University")
    assert [p.key for p in second.persons] == ["amina-yusuf"]  # "Prof. Yusuf"
    assert (second.kind, second.start, second.end) == ("seminar", D(2013, 3, 20), D(2013, 3, 21))
    assert second.location.place.path == "place/geneva"


# --------------------------------------------------------------------------------------------
# RDF


def _graph(text: str, doc: update.UpdateDocument) -> tuple[MappingContext, URIRef]:
    iris = Iris("http://localhost:8000/")
    doc_iri = iris.document(doc.slug)
    ctx = MappingContext(iris, doc_iri, text, Gazetteer.bundled())
    update_rdf.to_rdf(doc, ctx)
    return ctx, doc_iri


def _annotation_nodes(g) -> set:
    """The source-span nodes `MappingContext.source_span` writes (described by base.py)."""
    from cepa_kg.namespaces import OA

    sources = set(g.objects(None, CEPA.sourceSpan))
    return sources | {sel for src in sources for sel in g.objects(src, OA.hasSelector)}


def test_rdf_every_subject_has_label_and_provenance(doc, text) -> None:
    ctx, doc_iri = _graph(text, doc)
    g = ctx.graph
    skip = _annotation_nodes(g) | {doc_iri}
    countries = set(g.subjects(RDF.type, CEPA.Country))  # reference data, named here
    for s in set(g.subjects()) - skip:
        assert g.value(s, RDFS.label) is not None, s
        assert s in countries or (s, PROV.wasDerivedFrom, doc_iri) in g, s


def test_rdf_events(doc, text) -> None:
    ctx, doc_iri = _graph(text, doc)
    g = ctx.graph
    events = set(g.subjects(RDF.type, CEPA.Event))
    assert len(events) == 18  # one per meeting: item 6 reports two (the Conference of the
    # States Parties and the intersessional meeting before it), the second item 10 two, the Iraq
    # item the visit it was invited to and "a five day training on e-governance" before it
    for e in events:
        assert g.value(e, SCHEMA.startDate) is not None, e
        assert (e, CEPA.reportedIn, doc_iri) in g
        assert g.value(e, CEPA.sourceSpan) is not None
    base = "http://localhost:8000/id/event/"
    seminar = URIRef(base + "2011-10-20-seminar-on-challenges-and-opportunities-of")
    assert (seminar, RDF.type, CEPA.Seminar) in g
    assert g.value(seminar, SCHEMA.startDate) == Literal("2011-10-20", datatype=XSD.date)
    assert g.value(seminar, SCHEMA.endDate) == Literal("2011-10-21", datatype=XSD.date)
    assert g.value(seminar, SCHEMA.location) == URIRef("http://localhost:8000/id/place/rabat")
    assert (seminar, SCHEMA.organizer, URIRef("http://localhost:8000/id/actor/eca")) in g
    assert g.value(seminar, CEPA.itemNumber) == Literal("1")
    undated = URIRef(base + "2011-11-possible-collaboration-with-the-swedish-national")
    assert g.value(undated, SCHEMA.startDate) == Literal("2011-11", datatype=XSD.gYearMonth)
    assert (undated, RDF.type, CEPA.Meeting) in g
    qian = URIRef("http://localhost:8000/id/person/haiyan-qian")
    assert (undated, SCHEMA.attendee, qian) in g


def test_rdf_persons(doc, text) -> None:
    ctx, doc_iri = _graph(text, doc)
    g = ctx.graph
    persons = set(g.subjects(RDF.type, CEPA.Person))
    assert len(persons) == len(EXPECTED_PERSONS)
    qian = URIRef("http://localhost:8000/id/person/haiyan-qian")
    assert (qian, RDF.type, CEPA.Actor) in g and (qian, RDF.type, FOAF.Person) in g
    assert g.value(qian, FOAF.name) == Literal("Haiyan Qian")
    ms = URIRef(f"{qian}#membership-dpadm")
    assert (qian, ORG.hasMembership, ms) in g and (ms, ORG.member, qian) in g
    assert g.value(ms, ORG.organization) == URIRef("http://localhost:8000/id/actor/dpadm")
    assert g.value(ms, RDFS.label) == Literal("Haiyan Qian, Director, DPADM", lang="en")
    assert g.value(ms, CEPA.title) == Literal("Director")
    role = g.value(ms, ORG.role)
    assert role == URIRef("http://localhost:8000/id/role/director")
    assert (role, RDF.type, ORG.Role) in g and g.value(role, RDFS.label) is not None
    carrasco = URIRef("http://localhost:8000/id/person/uriel-marquez-carrasco")
    assert g.value(carrasco, CEPA.honorific) == Literal("Mr.")
    assert len(set(g.subjects(SCHEMA.attendee, carrasco))) == 2  # items 5 and 14
    assert (doc_iri, SCHEMA.mentions, qian) in g


def test_rdf_posts_are_held_by_persons_and_shared_by_title_and_organization(doc, text) -> None:
    ctx, _ = _graph(text, doc)
    g = ctx.graph
    post = URIRef("http://localhost:8000/id/post/dpadm--director")
    qian = URIRef("http://localhost:8000/id/person/haiyan-qian")
    assert (post, RDF.type, ORG.Post) in g
    assert (qian, ORG.holds, post) in g and (post, ORG.heldBy, qian) in g
    assert g.value(post, ORG.postIn) == URIRef("http://localhost:8000/id/actor/dpadm")
    assert g.value(post, ORG.role) == URIRef("http://localhost:8000/id/role/director")
    # every titled membership in a known organization fills a post; untitled ones do not
    for ms in g.subjects(RDF.type, ORG.Membership):
        person, org, title = g.value(ms, ORG.member), g.value(ms, ORG.organization), \
            g.value(ms, CEPA.title)
        posts = {p for p in g.objects(person, ORG.holds) if g.value(p, ORG.postIn) == org}
        assert bool(posts) == (org is not None and title is not None), ms
    # the same title in the same organization, written in another document, is the same post
    other = text.replace("Haiyan Qian", "Maria Lopez")
    ctx2, _ = _graph(other, update.parse(other))
    lopez = URIRef("http://localhost:8000/id/person/maria-lopez")
    assert (lopez, ORG.holds, post) in ctx2.graph


def test_rdf_partnerships(doc, text) -> None:
    ctx, doc_iri = _graph(text, doc)
    g = ctx.graph
    partnerships = set(g.subjects(RDF.type, CEPA.Partnership))
    assert len(partnerships) == sum(len(i.partnerships) for i in doc.items)
    for p in partnerships:
        assert len(set(g.objects(p, CEPA.party))) >= 2, p
        assert str(g.value(p, CEPA.status)) in update.STATUSES
        assert g.value(p, CEPA.purpose) is not None
        assert (g.value(p, CEPA.event), RDF.type, CEPA.Event) in g
        for party in g.objects(p, CEPA.party):
            assert (doc_iri, SCHEMA.mentions, party) in g
    p = URIRef("http://localhost:8000/id/partnership/2011-11-item-2-dpadm-unodc")
    assert str(g.value(p, RDFS.label)).startswith("DPADM – UNODC: anti-corruption capacity")
    assert g.value(p, CEPA.status) == Literal("agreed")
    # countries named get their description from the gazetteer's add_actor
    ssd = URIRef("http://localhost:8000/id/country/SSD")
    assert g.value(ssd, RDFS.label) is not None


def test_rdf_fixture_minted_resources() -> None:
    t, d = _fixture("dpadm-monthly-update-2012-01.txt")
    ctx, doc_iri = _graph(t, d)
    g = ctx.graph
    nairobi = URIRef("http://localhost:8000/id/place/nairobi")  # the gazetteer's place
    assert nairobi in set(g.objects(None, SCHEMA.location))
    nig = URIRef("http://localhost:8000/id/actor/nairobi-institute-of-governance")
    assert (nig, RDF.type, CEPA.Organization) in g and (doc_iri, SCHEMA.mentions, nig) in g
    for s in set(g.subjects()) - _annotation_nodes(g) - {doc_iri}:
        assert g.value(s, RDFS.label) is not None, s


@pytest.mark.parametrize("path", [CORPUS / "dpadm-monthly-update-2011-11.txt",
                                  *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_rdf_conforms_to_shapes(path: Path) -> None:
    from cepa_kg.loaders.document_rdf import describe_document
    from cepa_kg.validation import validate_graph

    t = path.read_text(encoding="utf-8")
    d = update.parse(t)
    ctx, _ = _graph(t, d)
    describe_document(ctx, kind="dpadm-monthly-update", title=d.title, date=d.date,
                      sha256="0" * 64, loader_version="test",
                      loaded_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), file_name=None)
    report = validate_graph(ctx.graph, base="http://localhost:8000/")
    assert report.conforms, report.violations[:5]


# --------------------------------------------------------------------------------------------
# The family: documents written for the tests, with their extraction written by hand in
# `<name>.expected.json` (items: number, kind, dates, place; persons with titles; partnerships
# with parties and status). Files are read as bytes so "\r\n" line ends stay as written.

FAMILY = sorted(p.with_suffix("").with_suffix(".txt")
                for p in FIXTURES.glob("*.expected.json"))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def test_family_has_the_variations() -> None:
    texts = [_read(p) for p in FAMILY]
    assert len(FAMILY) >= 5
    assert any("\r\n" in t for t in texts)
    assert any("\u00a0" in t for t in texts)
    assert any("“" in t for t in texts)


@pytest.mark.parametrize("path", FAMILY, ids=lambda p: p.name)
def test_family_items(path: Path) -> None:
    text, exp = _read(path), _expected(path)
    d = update.parse(text)
    assert d.slug == exp["slug"] and d.issuer is not None and d.issuer.path == exp["issuer"]
    got = [{"number": i.number, "kind": i.kind, "start": _iso(i.start), "end": _iso(i.end),
            "place": (i.location.place.path if i.location and i.location.place else
                      i.location.country.path if i.location and i.location.country
                      and not i.location.place else None),
            "country": (i.location.country.path if i.location and i.location.country
                        and i.location.place else None),
            "title": i.title} for i in d.items]
    assert got == exp["items"]


@pytest.mark.parametrize("path", FAMILY, ids=lambda p: p.name)
def test_family_persons(path: Path) -> None:
    d, exp = update.parse(_read(path)), _expected(path)
    got = {p.key: [p.honorific, p.title, p.affiliation,
                   next((m.organization.path for m in p.memberships if m.organization), None)]
           for p in d.persons}
    assert got == exp["persons"]
    where = {key: [i.position for i in d.items if key in {pm.key for pm in i.persons}]
             for key in got}
    assert where == exp["person_items"]


@pytest.mark.parametrize("path", FAMILY, ids=lambda p: p.name)
def test_family_partnerships(path: Path) -> None:
    d, exp = update.parse(_read(path)), _expected(path)
    got = [[i.position, sorted(a.path for a in p.parties), p.status]
           for i in d.items for p in i.partnerships]
    assert got == exp["partnerships"]
    for i in d.items:
        for p in i.partnerships:
            assert p.purpose and len(p.parties) >= 2


@pytest.mark.parametrize("path", FAMILY, ids=lambda p: p.name)
def test_family_spans_are_exact_slices(path: Path) -> None:
    text = _read(path)
    d = update.parse(text)
    assert clean(d.title_span.of(text)) == d.title
    for i in d.items:
        assert i.title_quote == i.title_span.of(text)
        assert i.span.start <= i.title_span.start < i.body.end <= i.span.end
        if i.dates:
            assert find_date_ranges(text, i.dates.span, reference=d.date) == [i.dates]
        if i.location:
            assert clean(i.location.span.of(text)).startswith(i.location.name)
        for a in i.actors:
            assert a.span.of(text).strip() == a.span.of(text) and a.span.of(text)
        for p in i.partnerships:
            assert p.cue.start >= p.span.start and p.cue.end <= p.span.end
    for p in d.persons:
        assert clean(p.span.of(text)).endswith(p.name)
        for m in p.memberships:
            assert clean(m.span.of(text)) == m.label


def test_crlf_and_nbsp_spans_point_into_the_text_as_given() -> None:
    crlf = _read(FIXTURES / "dpadm-monthly-update-2009-06.txt")
    assert "\r\n" in crlf
    d = update.parse(crlf)
    assert d.items[0].dates.span.of(crlf) == "3 to 5 June 2009"
    assert not d.items[0].title_span.of(crlf).endswith("\r")
    nbsp = _read(FIXTURES / "dpadm-monthly-update-2010-12.txt")
    d = update.parse(nbsp)
    kamau = d.person("edward-mwangi-kamau")
    assert kamau.span.of(nbsp) == "Mr.\u00a0Edward Mwangi Kamau"
    assert d.items[1].dates.span.of(nbsp) == "6–10\u00a0December"


# --------------------------------------------------------------------------------------------
# One resource per real thing, across documents


def _doc_graph(name: str):
    text = _read(FIXTURES / name) if (FIXTURES / name).exists() else (
        CORPUS / name).read_text(encoding="utf-8")
    return _graph(text, update.parse(text))[0].graph


def _id(path: str) -> URIRef:
    return URIRef(f"http://localhost:8000/id/{path}")


def test_same_person_is_one_resource_across_documents() -> None:
    qian = _id("person/haiyan-qian")
    for name in ("dpadm-monthly-update-2009-06.txt", "dpadm-monthly-update-2011-04.txt",
                 "dpadm-monthly-update-2013-09.txt", "dpadm-monthly-update-2011-11.txt"):
        g = _doc_graph(name)
        assert (qian, RDF.type, CEPA.Person) in g, name
        posts = {(str(g.value(m, CEPA.title)), g.value(m, ORG.organization))
                 for m in g.objects(qian, ORG.hasMembership)}
        assert ("Director", _id("actor/dpadm")) in posts, name
        # every item that names her points to the one resource
        assert len({p for p in g.subjects(FOAF.name, Literal("Haiyan Qian"))}) == 1
    a, b = (_doc_graph(n) for n in ("dpadm-monthly-update-2009-06.txt",
                                     "dpadm-monthly-update-2011-04.txt"))
    hj = _id("person/anders-hjertstrand")
    assert (hj, RDF.type, CEPA.Person) in a and (hj, RDF.type, CEPA.Person) in b


def test_place_and_country_spellings_are_one_resource() -> None:
    marrakesh = _id("place/marrakesh")
    assert marrakesh in set(_doc_graph("dpadm-monthly-update-2009-06.txt").objects(
        None, SCHEMA.location))  # "Marrakech"
    assert marrakesh in set(_doc_graph("dpadm-monthly-update-2011-11.txt").objects(
        None, SCHEMA.location))  # "Marrakesh"
    korea = _id("country/KOR")
    assert korea in set(_doc_graph("dpadm-monthly-update-2010-12.txt").objects(
        None, CEPA.party))  # "The Government of Korea proposed ..."
    incheon = _doc_graph("dpadm-monthly-update-2013-09.txt")  # "Incheon, Republic of Korea":
    assert _id("place/incheon") in set(incheon.objects(None, SCHEMA.location))  # where it was,
    assert korea not in set(incheon.objects(None, SCHEMA.attendee))  # not who attended
    workshop = update.parse(_read(FIXTURES / "dpadm-monthly-update-2013-09.txt")).events[0]
    assert workshop.location.country.path == "country/KOR"


# --------------------------------------------------------------------------------------------
# Documents that are not updates


@pytest.mark.parametrize(("name", "title", "dated"), [
    ("no-heading.txt", "Minutes of the DPADM staff retreat", False),
    ("heading-without-month.txt", "DPADM Monthly Update to CEPA Members", False),
    ("no-items.txt", "DPADM Monthly Update to CEPA Members: May 2012", True),
])
def test_pages_missing_a_part_keep_the_rest(name: str, title: str, dated: bool) -> None:
    doc = update.parse(_read(FIXTURES / "bad" / name))
    assert doc.title == title and len(doc.items) == 1
    assert doc.parts["date"] is dated


def test_the_cue_trigger_never_hides_a_cue() -> None:
    """`_TRIGGER` is a prefilter: every text any partnership cue matches contains a trigger
    word. Checked on each cue's own matches in every update we have, and on phrases written
    for each cue."""
    from cepa_kg.loaders import partnerships as P
    from cepa_kg.loaders.spans import Span

    texts = [p.read_text(encoding="utf-8") for p in
             [*sorted((Path(__file__).parent / "data" / "updates").glob("*.txt")),
              *sorted(Path(update.__file__).parents[1].joinpath("corpus").glob("dpadm-*.txt"))]]
    texts.append(
        "proposed a new partnership; suggested that they work with; appealed to; called upon; "
        "has been requested to assist; requested advisory services; invited them to support; "
        "agreed to pursue; the agreed outcome; will jointly cooperate; working closely with; "
        "have implemented; pledged its support; signed an MoU; co-organised by; at the "
        "invitation of; in cooperation with; partnership between; an exploratory mission; "
        "expressed keen interest; interested in; ready to partner; agreed to consider; "
        "possible ways of collaboration")
    matched = 0
    for text in texts:
        for _, _, rx in P._CUES:
            for m in rx.finditer(text):
                matched += 1
                assert P._TRIGGER.search(m.group(0)), m.group(0)
        whole = Span(0, len(text))
        assert [c.span for c in P._cues(text, whole)] == [c.span for c in P._all_cues(text, whole)]
    assert matched > 50


def test_rdf_a_new_body_named_with_the_new_body_it_belongs_to() -> None:
    """"X Centre of the Y Organization of Iran": the centre, also known by its own name, is a
    sub-organisation of Y, an organisation of its own (the shapes accept both)."""
    from cepa_kg.loaders.iris import slugify
    from cepa_kg.namespaces import SKOS
    from cepa_kg.validation import validate_graph

    text = ("DPADM Monthly Bulletin\n\nMarch 2016\n\n1. Open data workshop in Tehran\n\n"
            "Following the planning of the Data Quality Monitoring Centre of the Digital "
            "Services Organization of Iran, DPADM held a workshop on open data in Tehran on 8 "
            "March 2016.\n")
    from cepa_kg.pipeline import build_document
    from cepa_kg.sources import SourceText
    from rdflib import Graph

    built = build_document(SourceText("tehran.txt", text, "0" * 64, "utf-8"),
                           base="http://localhost:8000/")
    g = Graph()
    for triple in built.triples:
        g.add(triple)
    base = "http://localhost:8000/id/actor/"
    centre = URIRef(base + slugify(
        "Data Quality Monitoring Centre of the Digital Services Organization of Iran",
        max_length=120))
    parent = URIRef(base + slugify("Digital Services Organization of Iran", max_length=120))
    assert (centre, SKOS.altLabel, Literal("Data Quality Monitoring Centre", lang="en")) in g
    assert (centre, ORG.subOrganizationOf, parent) in g
    assert (parent, RDF.type, CEPA.Organization) in g
    assert g.value(parent, RDFS.label) == Literal("Digital Services Organization of Iran",
                                                  lang="en")
    report = validate_graph(built.triples, base="http://localhost:8000/")
    assert report.conforms, report.text()


def test_names_in_other_scripts_get_slugs_of_their_own() -> None:
    from cepa_kg.loaders.iris import slugify

    # (two Korean people named on one page are two resources, not one "unnamed")
    assert slugify("조현석") == "jo-hyeon-seog" and slugify("윤석호") == "yun-seog-ho"
    assert slugify("王建国") == "wang-jian-guo"
    assert slugify("Márquez") == "marquez" and slugify("—") == "unnamed"
