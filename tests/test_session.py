"""CEPA session summaries: parsing (text -> model) and mapping (model -> RDF).

The expected recommendations below were typed by reading the two corpus documents
(`cat -A corpus/cepa-session-0*.txt`), one item per bullet, per semicolon item after a lead-in
ending in ":", per "X should / need(s) to" sentence and per statement without a directive
(a conclusion, addressed to the list it stands in).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from cepa_kg.loaders import registry, session, session_rdf
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import MappingContext, ParseError
from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.spans import clean
from cepa_kg.namespaces import CEPA, OA, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "sessions"
BASE = "http://localhost:8000/"

S5_FILE = CORPUS / "cepa-session-05-2006.txt"
S8_FILE = CORPUS / "cepa-session-08-2009.txt"

MS, SEC = ("Member States",), ("The Secretariat",)
R, C = "recommendation", "conclusion"

# (first words, modality, addressee names as written, subtopic index, kind)
S5_EXPECTED = [
    # row 1 (its subtopic cell is empty): "Member States should: • ..."
    ("pursue ethically sustainable innovations", "should", MS, None, R),
    ("have: (i) the willingness to change", "should", MS, None, R),
    ("In that regard, national human resources", "other", MS, None, C),
    ("It is also important to institutionalize", "other", MS, None, C),
    ("prepare young professionals", "should", MS, None, R),
    # "The Secretariat should facilitate innovations ... by: • ..."
    ("maximizing the use of the United Nations Online Network", "should", SEC, None, R),
    ("strengthen its function as a forum", "should", SEC, None, R),
    ("conducting analytical research", "should", SEC, None, R),
    ("documenting and disseminating knowledge", "should", SEC, None, R),
    ("providing leadership capacity-building", "should", SEC, None, R),
    # "The Secretariat should also: • focus ...; examine ...; continue ..."
    ("focus on good policies and legislation", "should", SEC, None, R),
    ("examine several key questions", "should", SEC, None, R),
    ("continue to focus on uncovering", "should", SEC, None, R),
    # row 2: "Searching for a bottom-up approach ... sound public administration"
    ("Member States should strengthen their participatory", "should", MS, 0, R),
    ("place its technical advisory facilities", "should", SEC, 0, R),
    ("undertake a review of literature", "should", SEC, 0, R),
]

S8_EXPECTED = [
    ("Member States need to strengthen the institutional", "should", MS, 0, R),
    ("The Secretariat needs to put more emphasis", "should", SEC, 0, R),
    ("Member States need to review governance", "should", MS, 1, R),
    ("Because accountability is crucial", "should", MS, 1, R),
    ("The Secretariat should support the deepening", "should", SEC, 1, R),
    ("Given the potential power of information", "should", MS, 2, R),
    ("Both donors and multinational", "should",
     ("donors", "multinational information technology companies"), 2, R),
    ("The Secretariat should increase the provision", "should", SEC, 2, R),
    ("strengthen the capacities of management development", "should", MS, 3, R),
    ("pay particular attention", "should", MS, 3, R),
    ("pay special attention", "should", MS, 3, R),
    ("The UN should recognize and promote", "should", ("The UN",), 3, R),
    # Annual Ministerial Review: "Member states should: raise ...; develop ...; ..."
    ("raise awareness in all sectors", "should", ("Member states",), None, R),
    ("develop an integrated health policy", "should", ("Member states",), None, R),
    ("adopt participatory and citizen-centered", "should", ("Member states",), None, R),
    ("promote reforms of health institutions", "should", ("Member states",), None, R),
    ("establish a strategy based on primary care", "should", ("Member states",), None, R),
    ("cooperate with each other", "should", ("Member states",), None, R),
    ("promote long-term funding", "should", ("Member states",), None, R),
    ("involve civil society organizations", "should", ("Member states",), None, R),
]

THE_SEC = ("the Secretariat",)
S5_RESOLUTION = [
    ("Encourages Governments to create an environment", "encourages", ("Governments",)),
    ("Encourages Member States to strengthen citizen trust", "encourages", MS),
    ("work with Governments with a view to", "requests", THE_SEC),
    ("respond expeditiously to requests", "requests", THE_SEC),
    ("continue to assist Member States", "requests", THE_SEC),
]
S8_RESOLUTION = [
    ("continue to give due recognition", "requests", THE_SEC),
    ("further enhance its support for capacity building", "requests", THE_SEC),
    ("enhance its important work", "requests", THE_SEC),
    ("continue to support and facilitate", "requests", THE_SEC),
    ("work with relevant partners", "requests", THE_SEC),
]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def s5() -> tuple[str, session.SessionDocument]:
    text = _read(S5_FILE)
    return text, session.parse(text)


@pytest.fixture(scope="module")
def s8() -> tuple[str, session.SessionDocument]:
    text = _read(S8_FILE)
    return text, session.parse(text)


def _check_items(doc: session.SessionDocument, expected: list) -> None:
    got = [(r.text, r.modality, r.addressees, r.subtopic, r.kind) for r in doc.recommendations]
    assert len(got) == len(expected), [g[0][:40] for g in got]
    for k, ((text, modality, names, sub, kind), exp) in enumerate(zip(got, expected, strict=True), start=1):
        first, e_modality, e_names, e_sub, e_kind = exp
        assert text.startswith(first), (k, text[:60], first)
        assert (modality, names, sub, kind) == (e_modality, e_names, e_sub, e_kind), (k, text[:60])
    assert [r.order for r in doc.recommendations] == list(range(1, len(expected) + 1))


# --------------------------------------------------------------------------------------------
# Parsing the corpus


def test_session5_heading(s5):
    text, doc = s5
    assert doc.number == 5 and doc.slug == "cepa-session-5"
    assert doc.start == dt.date(2006, 3, 27) and doc.end == dt.date(2006, 3, 31)
    assert doc.date is None  # the page has no issue date; the session's dates are the session's
    assert doc.title == "CEPA session 5 (2006)"
    assert doc.dates_span.of(text) == "27-31 March 2006"
    assert doc.main_theme.text == (
        "Innovations in governance and public administration for the achievement of the "
        "internationally agreed development goals, including the MDGs")
    assert doc.main_theme.span.of(text) == doc.main_theme.text
    assert [t.text for t in doc.subtopics] == [
        "Searching for a bottom-up approach and methodologies for developing foundations and "
        "principles of sound public administration"]
    sub = doc.subtopics[0]
    # broken over three lines, interleaved with the right column: the span is the first piece
    assert sub.span.of(text) == "Searching for a bottom-up approach and methodologies for"
    assert [p.of(text) for p in sub.pieces] == [
        "Searching for a bottom-up approach and methodologies for", "developing",
        "foundations and principles of sound public administration"]
    assert doc.amr_theme is None


def test_session5_recommendations(s5):
    _check_items(s5[1], S5_EXPECTED)


def test_session5_broken_row_is_not_swallowed(s5):
    text, doc = s5
    recs = doc.recommendations
    examine, cont = recs[11], recs[12]
    assert "How do new ideas get accepted?" in examine.text
    assert "process of innova the public sector, given that" in examine.text
    assert examine.text.endswith("and thus encounters resistance")
    assert "\n\n\t" in examine.span.of(text)  # the span runs across the break, exactly
    assert cont.text.startswith("continue to focus on uncovering the \"black box\"")
    assert "examine" not in cont.text
    # bullets lose their marker and their trailing "; and"
    assert recs[8].text.endswith("United Nations Public Service Awards")
    assert not any(r.text.startswith("\u2022") for r in recs)
    assert recs[0].from_lead_in and recs[0].addressee_phrase == "Member States"
    assert recs[13].from_lead_in is False


def test_session8_heading(s8):
    text, doc = s8
    assert doc.number == 8 and doc.slug == "cepa-session-8"
    assert (doc.start, doc.end) == (dt.date(2009, 3, 30), dt.date(2009, 4, 3))
    assert doc.dates_span.of(text) == "30 March - 3 April 2009"
    assert doc.main_theme.text == "The human factor in capacity-building and development"
    assert [t.text for t in doc.subtopics] == [
        "Human resources management regime",
        "Accountability, transparency and citizen trust in government",
        "Serving the information age",
        "Leadership and learning",
    ]
    for t in doc.subtopics:
        assert t.span.of(text) == t.text
    assert doc.amr_theme is not None
    assert doc.amr_theme.text == ("Implementing the internationally agreed goals and commitments"
                                  " in regard to global public health")
    assert doc.ministerial_review_theme.span.of(text) == doc.amr_theme.text


def test_session8_recommendations(s8):
    _, doc = s8
    _check_items(doc, S8_EXPECTED)
    assert [r.amr for r in doc.recommendations] == [False] * 12 + [True] * 8
    un = doc.recommendations[11]
    assert un.text.endswith("partnerships among public administration bodies.")
    leadership = doc.recommendations[8]
    assert leadership.text.endswith("in public service for current and future generations")


@pytest.mark.parametrize("fixture,expected", [("s5", S5_RESOLUTION), ("s8", S8_RESOLUTION)])
def test_resolution_paragraphs(request, fixture, expected):
    text, doc = request.getfixturevalue(fixture)
    assert doc.resolution is not None and doc.resolution.title == "Resolution"
    paras = doc.resolution.paragraphs
    assert len(paras) == len(expected)
    for k, (p, (first, verb, names)) in enumerate(zip(paras, expected, strict=True), start=1):
        assert p.order == k
        assert p.text.startswith(first), (k, p.text[:60])
        assert (p.modality, p.addressees) == (verb, names)
        assert clean(p.span.of(text)) == p.text
        assert not p.text.endswith(";")


def test_session5_resolution_item_joins_its_lines(s5):
    text, doc = s5
    first = doc.resolution.paragraphs[2]
    assert first.text == ("work with Governments with a view to assisting them to deepen the "
                          "impact of the United Nations Public Service Awards by promoting and "
                          "disseminating innovation in governance and public administration")
    assert first.span.of(text).count("\n") == 2


@pytest.mark.parametrize("fixture", ["s5", "s8"])
def test_every_span_recovers_its_text(request, fixture):
    text, doc = request.getfixturevalue(fixture)
    for r in doc.recommendations:
        assert clean(r.span.of(text)) == r.text, r.order
        assert r.addressee_span is not None
        assert clean(r.addressee_span.of(text)) == r.addressee_phrase
        for name in r.addressees:
            assert name in r.addressee_phrase
    assert clean(doc.main_theme.span.of(text)) == doc.main_theme.text


# --------------------------------------------------------------------------------------------
# Detection and errors


def test_detect_scores():
    assert session.detect(_read(S5_FILE)) >= 0.7
    assert session.detect(_read(S8_FILE)) >= 0.7
    assert session.detect(_read(CORPUS / "dpadm-monthly-update-2011-11.txt")) <= 0.1
    assert session.detect(_read(CORPUS / "da-project-knowledge-management.txt")) <= 0.1
    assert session.detect("") == 0.0
    for path in sorted(DATA.glob("*.txt")):
        assert session.detect(_read(path)) >= 0.5, path.name


def test_a_page_without_session_number_keeps_its_facts_and_says_so():
    """A page without its number is read, not refused: a year after 2001 gives the number
    (one session a year), and with neither the page says what it lacks."""
    dated = session.parse("Main theme: Something\n27-31 March 2006\n\nMember States should act.\n")
    assert (dated.number, dated.year_only, dated.start) == (5, True, dt.date(2006, 3, 27))
    bare = session.parse("Main theme: Something\n\nMember States should act.\n")
    assert bare.number is None and any("no session number" in w for w in bare.warnings)
    assert [r.addressees for r in bare.recommendations] == [("Member States",)]


def test_a_page_without_dates_or_recommendations_is_read_with_what_it_has():
    no_dates = session.parse("Session 4\n\nMain theme: Something\n\nSubtopics\t"
                             "Major Recommendations\nA\tMember States should act.\n")
    assert (no_dates.number, no_dates.start, no_dates.end) == (4, None, None)
    assert len(no_dates.recommendations) == 1
    no_recs = session.parse("Session 4\n4 to 8 April 2005\nMain theme: Something\n\n"
                            "Subtopics\tMajor Recommendations/Conclusions\n")
    assert (no_recs.number, no_recs.start, no_recs.recommendations) == (
        4, dt.date(2005, 4, 4), ())


def test_other_kinds_are_not_taken_for_sessions():
    for name in ("dpadm-monthly-update-2011-11.txt", "da-project-knowledge-management.txt"):
        assert registry.detect(_read(CORPUS / name)).kind != "cepa-session", name


@pytest.mark.parametrize("written,start,end", [
    ("27-31 March 2006", dt.date(2006, 3, 27), dt.date(2006, 3, 31)),
    ("30 March - 3 April 2009", dt.date(2009, 3, 30), dt.date(2009, 4, 3)),
    ("4 to 8 April 2011", dt.date(2011, 4, 4), dt.date(2011, 4, 8)),
    ("from 4 to 8 April 2011", dt.date(2011, 4, 4), dt.date(2011, 4, 8)),
    ("30 March\u20133 April 2009", dt.date(2009, 3, 30), dt.date(2009, 4, 3)),
    ("29 December 2014 - 2 January 2015", dt.date(2014, 12, 29), dt.date(2015, 1, 2)),
    ("April 4-8, 2011", dt.date(2011, 4, 4), dt.date(2011, 4, 8)),
    ("16 April 2018", dt.date(2018, 4, 16), dt.date(2018, 4, 16)),
])
def test_date_forms(written, start, end):
    text = (f"Session 9 {written}\n\nMain theme: A theme\n\n"
            "Subtopics\tMajor Recommendations/Conclusions\nA subtopic\tMember States should act.\n")
    doc = session.parse(text)
    assert (doc.number, doc.start, doc.end) == (9, start, end)
    assert written.endswith(doc.dates_span.of(text))


# --------------------------------------------------------------------------------------------
# Synthetic documents of the same family, other wording and layout


def test_fixture_session10_headings_and_dash_bullets():
    text = _read(DATA / "cepa-session-10-2011.txt")
    doc = session.parse(text)
    assert (doc.number, doc.start, doc.end) == (10, dt.date(2011, 4, 4), dt.date(2011, 4, 8))
    assert doc.main_theme.text == ("Public administration and development: the role of public "
                                   "service in achieving sustainable development")
    assert "\n" in doc.main_theme.span.of(text)
    assert [t.text for t in doc.subtopics] == ["Public service delivery",
                                               "Financing public administration"]
    assert doc.amr_theme.text.endswith("commitments in regard to education")
    expected = [
        ("adopt citizen charters", "should", MS, 0, R, False),
        ("publish service standards", "should", MS, 0, R, False),
        ("train front-line staff", "should", MS, 0, R, False),
        ("Transparency in service delivery is essential", "other", (), 0, C, False),  # no one
        ("Donors should align", "should", ("Donors",), 1, R, False),
        ("collect good practices in participatory budgeting", "should", SEC, 1, R, False),
        ("share them through", "should", SEC, 1, R, False),
        ("expand access to primary schooling", "should", ("Governments",), None, R, True),
        ("monitor learning outcomes", "should", ("Governments",), None, R, True),
    ]
    got = doc.recommendations
    assert len(got) == len(expected)
    for r, (first, modality, names, sub, kind, amr) in zip(got, expected, strict=True):
        assert r.text.startswith(first), r.text
        assert (r.modality, _bare(r.addressees), r.subtopic, r.kind, r.amr) == (
            modality, _bare(names), sub, kind, amr), r.text
        assert clean(r.span.of(text)) == r.text
    assert got[1].text == "publish service standards and report on them every year"
    paras = doc.resolution.paragraphs
    assert doc.resolution.title == "Draft resolution"
    assert [(p.modality, _bare(p.addressees)) for p in paras] == [
        ("invites", MS), ("requests", _bare(THE_SEC)), ("requests", _bare(THE_SEC))]
    assert paras[1].text == "prepare a report on public service delivery for the next session"


def test_fixture_session12_tab_table_with_inline_bullets():
    text = _read(DATA / "cepa-session-12-2013.txt")
    doc = session.parse(text)
    assert (doc.number, doc.start, doc.end) == (12, dt.date(2013, 4, 15), dt.date(2013, 4, 19))
    assert [t.text for t in doc.subtopics] == ["Local governance and decentralization",
                                               "Public sector leadership"]
    expected = [
        ("decentralize responsibilities", "should", MS, 0, R),
        ("build the capacities of local authorities", "should", MS, 0, R),
        ("It is essential to involve citizens", "other", MS, 0, C),
        ("The Secretariat should document", "should", SEC, 0, R),
        ("Both Governments and donors", "should", ("Governments", "donors"), 1, R),
        ("prepare guidelines on leadership", "should", THE_SEC, 1, R),
        ("organize regional workshops", "should", THE_SEC, 1, R),
    ]
    _check_items(doc, expected)
    # a cell broken across an empty line stays one recommendation, its span exact
    doc_rec = doc.recommendations[3]
    assert doc_rec.text.endswith("share them with Member States, in particular the least "
                                 "developed countries.")
    assert clean(doc_rec.span.of(text)) == doc_rec.text
    paras = doc.resolution.paragraphs
    assert [(p.modality, p.addressees) for p in paras] == [
        ("encourages", ("Governments",)), ("calls-upon", ("Member States", "the Secretariat"))]
    assert paras[0].text.startswith("Encourages Governments")  # the "1." is not part of it


def test_fixture_session3_ordinal_and_interleaved_cells():
    text = _read(DATA / "cepa-session-03-2004.txt")
    doc = session.parse(text)
    assert (doc.number, doc.start, doc.end) == (3, dt.date(2004, 3, 29), dt.date(2004, 4, 2))
    assert doc.slug == "cepa-session-3"
    assert [t.text for t in doc.subtopics] == ["E-government and knowledge management",
                                               "Human resources in the public sector"]
    expected = [
        ("develop national e-government strategies", "encourages", MS, 0, R),
        ("measure their progress", "encourages", MS, 0, R),
        ("The Ruritanian Guild of Clerks should", "should", ("The Ruritanian Guild of Clerks",),
         0, R),
        ("The Secretariat should also support training institutes in developing countries. "
         "Such institutes", "should", SEC, 1, R),
    ]
    _check_items(doc, expected)
    # the last one runs across a subtopic cell: its pieces rebuild the text, the span is exact
    last = doc.recommendations[-1]
    assert " ".join(clean(p.of(text)) for p in last.pieces) == last.text
    assert last.span == last.pieces[0]


# --------------------------------------------------------------------------------------------
# RDF


def _ctx(text: str, slug: str) -> MappingContext:
    ctx = MappingContext(Iris(BASE), URIRef(f"{BASE}id/document/{slug}"), text,
                         Gazetteer.bundled())
    ctx.warnings = []  # type: ignore[attr-defined]
    return ctx


def _mapped(path: Path) -> tuple[session.SessionDocument, MappingContext]:
    text = _read(path)
    doc = session.parse(text)
    ctx = _ctx(text, doc.slug)
    session_rdf.to_rdf(doc, ctx)
    return doc, ctx


@pytest.fixture(scope="module", params=[S5_FILE, S8_FILE], ids=["session5", "session8"])
def mapped(request):
    return _mapped(request.param)


def test_rdf_session_and_themes(mapped):
    doc, ctx = mapped
    g, iris = ctx.graph, ctx.iris
    s = iris.session(doc.number)
    assert (s, RDF.type, CEPA.Session) in g
    assert g.value(s, CEPA.sessionNumber) == Literal(doc.number, datatype=XSD.integer)
    assert g.value(s, SCHEMA.startDate) == Literal(doc.start.isoformat(), datatype=XSD.date)
    assert g.value(s, SCHEMA.endDate) == Literal(doc.end.isoformat(), datatype=XSD.date)
    assert str(g.value(s, RDFS.label)) == f"CEPA session {doc.number} ({doc.start.year})"
    main = g.value(s, CEPA.mainTheme)
    assert main == iris.theme(doc.main_theme.text)
    scheme = iris.scheme("themes")
    subtopics = set(g.objects(s, CEPA.subtopic))
    assert len(subtopics) == len(doc.subtopics)
    for t in subtopics | {main}:
        assert (t, RDF.type, CEPA.Theme) in g
        assert (t, SKOS.inScheme, scheme) in g
        assert g.value(t, SKOS.prefLabel) is not None
    for t in subtopics:
        assert (t, SKOS.broader, main) in g
    amr = g.value(s, CEPA.ministerialReviewTheme)
    assert (amr is not None) == (doc.amr_theme is not None)
    if amr is not None:
        assert (amr, SKOS.prefLabel, Literal(doc.amr_theme.text, lang="en")) in g


def test_rdf_recommendations(mapped):
    doc, ctx = mapped
    g, iris, n = ctx.graph, ctx.iris, doc.number
    recs = set(g.subjects(RDF.type, CEPA.Recommendation))
    paras = set(g.subjects(RDF.type, CEPA.ResolutionParagraph))
    assert len(recs) == len(doc.recommendations) + len(doc.resolution.paragraphs)
    assert paras <= recs
    for rec in recs:
        assert len(set(g.objects(rec, CEPA.addressee))) >= 1, rec
        assert g.value(rec, CEPA.session) == iris.session(n)
        for p in (CEPA.text, CEPA.modality, CEPA.order):
            assert g.value(rec, p) is not None, (rec, p)
        for actor in g.objects(rec, CEPA.addressee):
            assert (ctx.doc_iri, SCHEMA.mentions, actor) in g
    orders = sorted(int(g.value(iris.recommendation(iris.session(n), r.text), CEPA.order))
                    for r in doc.recommendations)
    assert orders == list(range(1, len(doc.recommendations) + 1))
    res = iris.resolution(n)
    assert (res, RDF.type, CEPA.Resolution) in g
    assert (iris.session(n), CEPA.resolution, res) in g
    assert str(g.value(res, RDFS.label)) == f"Draft resolution of CEPA session {n}"
    for p in doc.resolution.paragraphs:
        iri = iris.resolution_paragraph(n, p.text)
        assert {(iri, RDF.type, CEPA.ResolutionParagraph), (iri, RDF.type, CEPA.Recommendation),
                (iri, CEPA.resolution, res), (res, CEPA.hasParagraph, iri)} <= set(g)
        assert g.value(iri, CEPA.modality) == Literal(p.modality)
    # the span written for each recommendation is its exact source quote
    for r in doc.recommendations:
        iri = iris.recommendation(iris.session(n), r.text)
        src = g.value(iri, CEPA.sourceSpan)
        quote = next(q for q in g.objects(src, OA.hasSelector)
                     if (q, RDF.type, OA.TextQuoteSelector) in g)
        assert str(g.value(quote, OA.exact)) == r.span.of(ctx.text)
        kind = g.value(iri, CEPA.recommendationKind)
        assert str(kind) == r.kind
        if r.subtopic is not None:
            assert g.value(iri, CEPA.subtopic) == iris.theme(doc.subtopics[r.subtopic].text)
    assert ctx.warnings == []  # every addressee resolved


def test_rdf_addressees_of_the_corpus():
    doc, ctx = _mapped(S5_FILE)
    g, iris = ctx.graph, ctx.iris
    ms, sec = iris.actor("member-states"), iris.actor("secretariat")
    for r, exp in zip(doc.recommendations, S5_EXPECTED, strict=True):
        want = ms if exp[2] == MS else sec
        assert set(g.objects(iris.recommendation(iris.session(5), r.text), CEPA.addressee)) == {want}
    for k in (3, 4, 5):
        assert set(g.objects(iris.resolution_paragraph(5, doc.resolution.paragraphs[k - 1].text), CEPA.addressee)) == {sec}
    doc8, ctx8 = _mapped(S8_FILE)
    both = set(ctx8.graph.objects(iris.recommendation(iris.session(8), doc8.recommendations[6].text), CEPA.addressee))
    assert len(both) == 2 and ms not in both  # donors and the IT companies, no fallback
    un = set(ctx8.graph.objects(iris.recommendation(iris.session(8), doc8.recommendations[11].text), CEPA.addressee))
    assert un and ms not in un and sec not in un


def test_rdf_labels_and_provenance(mapped):
    doc, ctx = mapped
    g = ctx.graph
    actors = set(g.subjects(RDF.type, CEPA.Actor))
    for subject in set(g.subjects()):
        types = set(g.objects(subject, RDF.type))
        if subject == ctx.doc_iri or subject in actors or any(str(t).startswith(str(OA))
                                                              for t in types):
            continue
        assert g.value(subject, RDFS.label) is not None, subject
        assert (subject, PROV.wasDerivedFrom, ctx.doc_iri) in g, subject
    n = doc.number
    first = str(g.value(ctx.iris.recommendation(ctx.iris.session(n), doc.recommendations[0].text),
                        RDFS.label))
    assert first.startswith(f"Session {n} recommendation: ")
    assert len(first) <= len(f"Session {n} recommendation: ") + 82
    if n == 5:  # an item of a list reads with its lead-in
        assert first.startswith("Session 5 recommendation: Member States should pursue "
                                "ethically sustainable")
        para = str(g.value(ctx.iris.resolution_paragraph(5, doc.resolution.paragraphs[2].text),
                           RDFS.label))
        assert para.startswith("Session 5 resolution: requests the Secretariat to work with "
                               "Governments")


def test_rdf_amr_recommendations_use_the_review_theme():
    doc, ctx = _mapped(S8_FILE)
    amr = ctx.iris.theme(doc.amr_theme.text)
    for r in doc.recommendations:
        iri = ctx.iris.recommendation(ctx.iris.session(8), r.text)
        assert ((iri, CEPA.subtopic, amr) in ctx.graph) == r.amr


def test_rdf_unknown_addressee_is_named_as_written_never_replaced():
    """An addressee the gazetteer does not know is a group of its own, named as the text names
    it; it is never replaced by Member States."""
    doc, ctx = _mapped(DATA / "cepa-session-03-2004.txt")
    guild = next(r for r in doc.recommendations if "Ruritanian" in r.text)
    iri = ctx.iris.recommendation(ctx.iris.session(3), guild.text)
    minted = ctx.iris.actor("ruritanian-guild-of-clerks")
    assert set(ctx.graph.objects(iri, CEPA.addressee)) == {minted}
    assert (minted, RDF.type, CEPA.ActorGroup) in ctx.graph
    assert str(ctx.graph.value(minted, RDFS.label)) == "Ruritanian Guild of Clerks"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_rdf_fixtures_map(name):
    doc, ctx = _mapped(DATA / name)
    g = ctx.graph
    recs = set(g.subjects(RDF.type, CEPA.Recommendation))
    assert recs
    for rec in recs:
        assert g.value(rec, RDFS.label) is not None and g.value(rec, CEPA.text) is not None
        for actor in g.objects(rec, CEPA.addressee):
            assert str(actor).startswith(ctx.iris.id + "actor/"), actor
        # an operative sentence addresses someone; a conclusion or "Reaffirms that" may not
        if str(g.value(rec, CEPA.modality)) in ("urges", "requests", "invites", "should"):
            assert set(g.objects(rec, CEPA.addressee)), rec


# --------------------------------------------------------------------------------------------
# Other years, other layouts: expectations typed by hand from reading each file
# (first words, modality, addressee names, subtopic index, kind, in the AMR part)

CASES = {
    # prose heading ("held its first session ... from 22 to 26 July 2002", "Its theme was “...”"),
    # subtopic headings on their own lines, "The Committee urges / recommends / requests"
    "cepa-session-01-2002.txt": dict(
        number=1, start=dt.date(2002, 7, 22), end=dt.date(2002, 7, 26),
        dates="22 to 26 July 2002",
        theme="Public administration and the Millennium Declaration",
        subtopics=["Capacity of the State", "Information and communication technologies"],
        amr=None,
        recs=[
            ("The Committee considers that a capable", "other", (), 0, C, False),
            ("The Committee urges Governments to invest", "urges", ("Governments",), 0, R, False),
            ("The Committee recommends that Member States review", "recommends", MS, 0, R,
             False),
            ("Developing countries need to integrate", "should", ("Developing countries",), 1,
             R, False),
            ("compile a world public sector report", "requests", THE_SEC, 1, R, False),
            ("maintain the United Nations Online Network", "requests", THE_SEC, 1, R, False),
        ],
        resolution=[],
    ),
    # Windows line ends; a subtopic and a bullet broken across tab rows; "(i)" resolution items
    "cepa-session-04-2005.txt": dict(
        number=4, start=dt.date(2005, 4, 4), end=dt.date(2005, 4, 8), dates="4-8 April 2005",
        theme="Revitalizing public administration: strategic directions for the future",
        subtopics=["Public sector workforce development", "Leadership capacity"],
        amr=None,
        recs=[
            ("treat human resources as the most important asset of public administration",
             "should", MS, 0, R, False),
            ("establish merit-based recruitment", "should", MS, 0, R, False),
            ("The Secretariat should continue its work", "should", SEC, 0, R, False),
            ("Donors need to support leadership", "should", ("Donors",), 1, R, False),
            ("Strong leadership is critical", "other", ("Donors",), 1, C, False),
        ],
        resolution=[
            ("Reaffirms that a professional", "reaffirms", ()),
            ("Underscores the importance of leadership", "underscores", ()),
            ("assist Member States in the design", "requests", THE_SEC),
            ("report to the Committee at its fifth session.", "requests", THE_SEC),
        ],
    ),
    # non-breaking spaces everywhere in the heading; "Seventh session"; "Subtopic N:" headings;
    # a statement with no addressee; "Invites the regional commissions", "notes"
    "cepa-session-07-2008.txt": dict(
        number=7, start=dt.date(2008, 4, 14), end=dt.date(2008, 4, 18),
        dates="14\u00a0-\u00a018\u00a0April\u00a02008",
        theme="Building capacities for development: the public administration perspective",
        subtopics=["Participatory governance", "Public service professionalism"],
        amr=None,
        recs=[
            ("Citizen participation strengthens", "other", (), 0, C, False),
            ("Local governments need to open", "should", ("Local governments",), 0, R, False),
            ("Member States should adopt codes of conduct for all public servants and make them",
             "should", MS, 1, R, False),
            ("The Secretariat needs to document", "should", SEC, 1, R, False),
        ],
        resolution=[
            ("Urges Member States to strengthen", "urges", MS),
            ("Invites the regional commissions", "invites", ("the regional commissions",)),
            ("Takes note of the report", "notes", ()),
        ],
    ),
    # "The eleventh session ... was held ... from 16 to 20 April 2012. The main theme of the
    # session was ..."; bare headings between blank lines; "(i)" bullets with wrapped lines
    "cepa-session-11-2012.txt": dict(
        number=11, start=dt.date(2012, 4, 16), end=dt.date(2012, 4, 20),
        dates="16 to 20 April 2012",
        theme="promoting responsive and accountable public governance",
        subtopics=["Public governance for sustainable development",
                   "Governance in post-conflict countries"],
        amr=None,
        recs=[
            ("place the principles of equity and participation at the centre of public "
             "governance", "should", MS, 0, R, False),
            ("measure the performance", "should", MS, 0, R, False),
            ("share their experience", "should", MS, 0, R, False),
            ("Countries emerging from conflict need to rebuild", "should",
             ("Countries emerging from conflict",), 1, R, False),
            ("The international community should align", "should",
             ("The international community",), 1, R, False),
        ],
        resolution=[
            ("Calls upon Member States", "calls-upon", MS),
            ("Encourages Governments to use", "encourages", ("Governments",)),
        ],
    ),
    # ordinal heading with an en dash range; wrapped main theme; tab table with "-" bullets and
    # curly quotes; the AMR part with "The Committee recommends that"; inline ";" items
    "cepa-session-14-2015.txt": dict(
        number=14, start=dt.date(2015, 4, 20), end=dt.date(2015, 4, 24),
        dates="20\u201324 April 2015",
        theme=("Building trust in government in pursuit of the Sustainable Development Goals: "
               "what will it take?"),
        subtopics=["Trust in government", "Public service leadership"],
        amr=("Managing the transition from the Millennium Development Goals to the Sustainable "
             "Development Goals"),
        recs=[
            ("build institutions that are effective", "should", MS, 0, R, False),
            ("involve citizens in the design", "should", MS, 0, R, False),
            ("apply the \u201cleave no one behind\u201d principle", "should", MS, 0, R, False),
            ("Governments need to develop leaders who can work across sectors", "should",
             ("Governments",), 1, R, False),
            ("It is important to address corruption", "other", ("Governments",), 1, C,
             False),
            ("The Committee recommends that Member States align", "recommends", MS, None, R,
             True),
        ],
        resolution=[
            ("Stresses the need for effective", "stresses", ()),
            ("continue its work on trust in government", "requests", THE_SEC),
            ("support Member States in the implementation", "requests", THE_SEC),
        ],
    ),
}


def _bare(names: tuple[str, ...]) -> tuple[str, ...]:
    """Names without their article: the readers of different layouts keep it or not."""
    return tuple(re.sub(r"^the\s+", "", n, flags=re.I) for n in names)


def _read_exact(path: Path) -> str:
    """The file as written: no newline translation, so offsets are into the bytes' text."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def test_new_fixtures_vary_the_input():
    texts = {name: _read_exact(DATA / name) for name in CASES}
    assert "\r\n" in texts["cepa-session-04-2005.txt"]
    assert "\u00a0" in texts["cepa-session-07-2008.txt"]
    assert "\u201c" in texts["cepa-session-01-2002.txt"]
    assert "\n(i) " in texts["cepa-session-11-2012.txt"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_other_years(name):
    text, exp = _read_exact(DATA / name), CASES[name]
    assert session.detect(text) >= 0.5
    doc = session.parse(text)
    assert (doc.number, doc.start, doc.end) == (exp["number"], exp["start"], exp["end"])
    assert doc.dates_span.of(text) == exp["dates"]
    assert doc.main_theme.text == exp["theme"]
    assert [t.text for t in doc.subtopics] == exp["subtopics"]
    assert (doc.amr_theme.text if doc.amr_theme else None) == exp["amr"]
    got = doc.recommendations
    assert len(got) == len(exp["recs"]), [r.text[:40] for r in got]
    for r, (first, modality, names, sub, kind, amr) in zip(got, exp["recs"], strict=True):
        assert r.text.startswith(first), (r.text, first)
        assert (r.modality, _bare(r.addressees), r.subtopic, r.kind, r.amr) == (
            modality, _bare(names), sub, kind, amr), r.text
    paras = doc.resolution_paragraphs
    assert [(p.modality, _bare(p.addressees)) for p in paras] == [
        (e[1], _bare(e[2])) for e in exp["resolution"]]
    for p, (first, _, _) in zip(paras, exp["resolution"], strict=True):
        assert p.text.startswith(first), (p.text, first)
        assert not p.text.endswith(";")


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_fixture_spans_are_exact_slices(name):
    text = _read_exact(DATA / name)
    doc = session.parse(text)
    assert doc.number_span.of(text).lower().find("session") >= 0
    themes = [doc.main_theme, *doc.subtopics] + ([doc.amr_theme] if doc.amr_theme else [])
    for t in themes:
        assert " ".join(clean(p.of(text)) for p in t.pieces) == t.text
    for r in doc.recommendations:
        if len(r.pieces) <= 1 or r.span != r.pieces[0]:
            assert clean(r.span.of(text)) == r.text, r.order
        assert " ".join(clean(p.of(text)) for p in r.pieces) == r.text
        if r.addressee_span is not None:
            assert clean(r.addressee_span.of(text)) == r.addressee_phrase
    for p in doc.resolution_paragraphs:
        assert clean(p.span.of(text)) == p.text


def test_fixture_crlf_spans_do_not_swallow_line_ends():
    text = _read_exact(DATA / "cepa-session-04-2005.txt")
    doc = session.parse(text)
    for r in (*doc.recommendations, *doc.resolution_paragraphs):
        quote = r.span.of(text)
        assert not quote.endswith(("\r", "\n")) and not quote.startswith(("\r", "\n"))
    assert doc.resolution_paragraphs[2].span.of(text) == (
        "assist Member States in the design of human resources strategies")
    # the bullet broken across rows keeps both pieces, the tab cell between them excluded
    first = doc.recommendations[0]
    assert [clean(p.of(text)) for p in first.pieces] == [
        "treat human resources as the most important", "asset of public administration"]


@pytest.mark.parametrize("text,line,message", [
    ("", 1, "empty document"),
    ("\r\n \r\n", 1, "empty document"),
    ("Some notes on the weather\n\nIt rained all week.\n", 1, "nothing about a session"),
])
def test_parse_errors_name_the_reason_and_line(text, line, message):
    with pytest.raises(ParseError, match=message) as err:
        session.parse(text)
    assert err.value.line == line


@pytest.mark.parametrize("name", sorted(CASES))
def test_rdf_every_selector_recovers_its_quote(name):
    text = _read_exact(DATA / name)
    doc = session.parse(text)
    ctx = _ctx(text, doc.slug)
    session_rdf.to_rdf(doc, ctx)
    g = ctx.graph
    positions = list(g.subjects(RDF.type, OA.TextPositionSelector))
    assert len(positions) > len(doc.recommendations)
    for pos in positions:
        start, end = g.value(pos, OA.start).toPython(), g.value(pos, OA.end).toPython()
        src = next(g.subjects(OA.hasSelector, pos))
        quote = next(q for q in g.objects(src, OA.hasSelector)
                     if (q, RDF.type, OA.TextQuoteSelector) in g)
        assert str(g.value(quote, OA.exact)) == text[start:end]
