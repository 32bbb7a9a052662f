"""Development Account project pages: detection, parsing (exact spans) and the RDF mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cepa_kg.loaders import project
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import MappingContext, ParseError
from cepa_kg.loaders.iris import Iris
from cepa_kg.loaders.project import ProjectDocument
from cepa_kg.loaders.project_model import ProjectRecord
from cepa_kg.loaders.project_rdf import project_iri, to_rdf
from cepa_kg.loaders.spans import clean
from cepa_kg.namespaces import CEPA, DCTERMS, FOAF, OA, PROV, RDF, RDFS, SCHEMA, XSD
from rdflib import URIRef

from tests.page_graph import graph_of

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "projects"
KM = CORPUS / "da-project-knowledge-management.txt"
BASE = "http://localhost:8000/"

KM_TITLE = (
    "Promoting knowledge-management, innovation and the use of information technology in the "
    "public sector to meet the Millennium Declaration Goals"
)
# first words of each item, typed by hand from reading the page
KM_ACCOMPLISHMENTS = [
    "Facilitated dialogue and exchange between Government and citizens",
    "Effective contribution to the development of human resources",
    "Further promotion of linkages and cooperation",
]
KM_ACTIVITIES = [
    ("(i)", "conducted extensive research on the availability"),
    ("(ii)", "recruited an expert to develop the global e-readiness knowledge base"),
    ("(iii)", "designed the global e-readiness knowledge base (a)"),
    ("(iv)", "designed for the users"),
    ("(v)", "consolidated and entered all the necessary information"),
    ("(vi)", "developed the interactive knowledge bank"),
    ("(vii)", "promoted participation and interest on a daily basis"),
    ("(viii)", "providing help-desk services to the UNPAN users"),
    ("(ix)", "recruited an expert to assist DPADM"),
    ("(x)", "created an online Discussion Board"),
]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def km_text() -> str:
    return read(KM)


@pytest.fixture(scope="module")
def km_doc(km_text: str) -> ProjectDocument:
    return project.parse(km_text)


@pytest.fixture(scope="module")
def km(km_doc: ProjectDocument) -> ProjectRecord:
    return one(km_doc)


def one(doc: ProjectDocument) -> ProjectRecord:
    """The page's only project."""
    assert len(doc.projects) == 1, [p.title for p in doc.projects]
    return doc.projects[0]


def all_spans(doc: ProjectDocument):
    """(span, the clean text it should read as, or None) for every span in the model."""
    rec = one(doc)
    yield rec.title_span, rec.title
    yield rec.objective.span, rec.objective.text
    if rec.background:
        yield rec.background.span, rec.background.text
    for a in rec.accomplishments:
        yield a.span, a.text
    for a in rec.activities:
        yield a.span, a.text
    for ref in doc.documents:
        for m in ref.mentions:
            yield m.span, m.written
    for named in rec.implementers:
        yield named.span, None  # the name is the gazetteer's; the span is as written


def assert_exact_spans(doc: ProjectDocument, text: str) -> None:
    for span, expected in all_spans(doc):
        quote = text[span.start : span.end]
        assert quote == span.of(text)
        assert quote == quote.strip(), f"span not trimmed: {quote!r}"
        assert expected is None or clean(quote) == expected, (quote, expected)


# ---------------------------------------------------------------------------------- detection


def test_detect_scores_the_corpus():
    scores = {p.name: project.detect(read(p)) for p in sorted(CORPUS.glob("*.txt"))}
    assert scores["da-project-knowledge-management.txt"] >= 0.8
    for name in ("cepa-session-05-2006.txt", "cepa-session-08-2009.txt",
                 "dpadm-monthly-update-2011-11.txt"):
        assert scores[name] <= 0.1, (name, scores[name])
    assert len(scores) == 4


def test_detect_synthetic_pages_and_junk():
    for p in DATA.glob("da-project-*.txt"):
        assert project.detect(read(p)) >= 0.5, p.name
    assert project.detect("") == 0.0
    assert project.detect("Session 9\n\nMain theme: Objective: nothing") < 0.1


# ---------------------------------------------------------------------------------- the page


def test_title_skips_site_chrome(km, km_doc):
    assert km.title == KM_TITLE == km_doc.title
    assert km_doc.slug.startswith("da-project-promoting-knowledge-management")
    assert len(km_doc.slug) <= 60
    assert km_doc.date is None  # the page states no date of its own


def test_background_and_objective(km, km_text):
    assert km.background is not None
    assert km.background.text.startswith("Strengthening of state institutions")
    assert km.background.text.endswith("E/2002/84, para.25.")
    assert km.objective.text.startswith(
        "Assist Member States, particularly those from the least developed countries"
    )
    assert km.objective.text.endswith("public and private partnerships.")
    assert "Objective" not in km.objective.span.of(km_text)


def test_expected_accomplishments(km):
    assert [a.order for a in km.accomplishments] == [1, 2, 3]
    for a, start in zip(km.accomplishments, KM_ACCOMPLISHMENTS, strict=True):
        assert a.text.startswith(start)
        assert "•" not in a.text
    assert km.accomplishments[0].text.endswith("e-knowledge management and training")


def test_activities(km):
    assert len(km.activities) == 10
    assert [a.order for a in km.activities] == list(range(1, 11))
    for act, (numbering, start) in zip(km.activities, KM_ACTIVITIES, strict=True):
        assert act.numbering == numbering
        assert act.text.startswith(start), (act.text, start)
        assert not act.text.endswith(";")
    assert km.activities[-1].text.endswith("improve the existing UNPAN portal.")
    assert km.activities[7].text.endswith("etc.")  # "(viii) ... etc.;" loses only the ";"


def test_un_document_symbols(km_doc, km_text):
    km = km_doc
    assert set(km.symbols) == {"E/2001/45", "A/RES/56/213", "E/2002/84"}
    assert km.symbols == ["E/2001/45", "A/RES/56/213", "E/2002/84"]  # order of first mention
    refs = {r.symbol: r for r in km.documents}
    written = [m.written for m in refs["A/RES/56/213"].mentions]
    assert written == ["A/RES/56/213", "A/Res/56/213", "A/Res/56/213"]
    assert len(refs["E/2002/84"].mentions) == 2
    assert refs["E/2002/84"].mentions[1].paragraph == "25"
    assert refs["A/RES/56/213"].mentions[2].paragraph == "3"
    assert refs["E/2001/45"].date == dt.date(2002, 1, 10)
    assert refs["A/RES/56/213"].date == dt.date(2002, 2, 28)
    assert refs["E/2002/84"].date is None
    for r in km.documents:
        for m in r.mentions:
            assert km_text[m.span.start : m.span.end] == m.written


def test_implementer(km, km_text):
    assert [(i.name, i.span.of(km_text)) for i in km.implementers] == [("DPADM", "DPADM")]


def test_every_span_is_an_exact_slice(km_doc, km_text):
    assert_exact_spans(km_doc, km_text)


@pytest.mark.parametrize("written, symbol", [
    ("A/Res/56/213", "A/RES/56/213"),
    ("E/C.16/2006/4", "E/C.16/2006/4"),
    ("e/res/2005/3", "E/RES/2005/3"),
    ("A/60/L.1/rev.1", "A/60/L.1/Rev.1"),
    ("A/56/213/and", "A/56/213"),
    ("A/RES/S-26/2", "A/RES/S-26/2"),
    ("E/or", None),
    ("A/B", None),
])
def test_normalise_symbol(written, symbol):
    assert project.normalise_symbol(written) == symbol


def test_find_symbols_general_patterns():
    text = ("See E/C.16/2006/4, A/61/255 and E/RES/2007/38 of 27 July 2007; also "
            "A/HRC/RES/7/1 and a date 10/01/2002 and S/he.")
    refs = project.find_symbols(text)
    assert [r.symbol for r in refs] == ["E/C.16/2006/4", "A/61/255", "E/RES/2007/38",
                                        "A/HRC/RES/7/1"]
    assert refs[2].date == dt.date(2007, 7, 27)


# ---------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("text", [
    "",
    "\n\n",
    "Welcome to the United Nations. It's your world.\nDevelopment Account Projects\n\n"
    "This is a long paragraph of prose that says something. It has several sentences. "
    "It is not a title at all.\n",
])
def test_parse_error_without_any_project(text):
    with pytest.raises(ParseError, match="no project") as err:
        project.parse(text)
    assert err.value.line == 1


def test_a_project_without_objective_is_read_with_what_it_has():
    """Every part but the title may be missing: the record keeps what the page gives and its
    parts say what is missing (the load's coverage report shows it)."""
    doc = project.parse("Development Account Projects\n\nA project with no objective\n\n"
                        "Background:\n\nSome background text that states no aim.\n")
    rec = one(doc)
    assert rec.title == "A project with no objective" and rec.objective is None
    assert rec.background.text == "Some background text that states no aim."
    assert doc.parts["objective"] is False
    empty = one(project.parse("A project on public service training\n\nObjective:\n\nExpected "
                              "accomplishments:"
                              "\n\n• a trained workforce\n"))
    assert empty.objective is None
    assert [a.text for a in empty.accomplishments] == ["a trained workforce"]


# ---------------------------------------------------------------------------------- other pages


def test_page_with_dash_bullets_and_numbered_activities():
    text = read(DATA / "da-project-statistics-line-lists.txt")
    doc = project.parse(text)
    rec = one(doc)
    assert doc.title == ("Strengthening capacities of public institutions for citizen "
                         "engagement in Africa")
    assert doc.date == dt.date(2008, 3, 14) and doc.date_precision == "day"
    assert rec.background is not None and rec.background.text.startswith("At its fifth session")
    assert rec.objective.text.startswith("To strengthen the capacity of public institutions")
    assert [a.text for a in rec.accomplishments] == [
        "Improved knowledge of participatory approaches among senior public servants in the "
        "beneficiary countries",
        "Enhanced networking among public administration schools",
        "Increased use of the UNPAN portal by national focal points",
    ]
    assert [(a.numbering, a.text.split()[0]) for a in rec.activities] == [
        ("1.", "Organized"), ("2.", "Prepared"), ("3.", "Launched")]
    assert rec.activities[1].text.endswith("(see E/C.16/2006/4, para. 12)")
    assert doc.symbols == ["E/C.16/2006/4", "A/RES/60/34"]
    refs = {r.symbol: r for r in doc.documents}
    assert refs["A/RES/60/34"].date == dt.date(2005, 11, 30)
    assert refs["E/C.16/2006/4"].mentions[1].paragraph == "12"
    assert [i.name for i in rec.implementers] == ["DPADM"]
    assert_exact_spans(doc, text)


def test_page_without_headings():
    text = read(DATA / "da-project-paragraph-only.txt")
    doc = project.parse(text)
    rec = one(doc)
    assert doc.title == "Building e-government capacity in small island developing States"
    assert doc.slug == "da-project-building-e-government-capacity-in-small-island"
    assert rec.objective.text.startswith("The objective of the project is to assist small island")
    assert rec.objective.text.endswith("(E/2003/44).")
    assert rec.accomplishments == () and rec.activities == ()
    assert doc.symbols == ["A/RES/57/277", "E/2003/44"]
    assert_exact_spans(doc, text)


def test_page_with_inline_headings_bullets_and_numerals():
    text = read(DATA / "da-project-inline-lists.txt")
    doc = project.parse(text)
    rec = one(doc)
    assert doc.title == ("Enhancing public sector ethics and accountability in transition "
                         "economies")
    assert rec.objective.text.startswith("To enhance the capacity of Governments")
    assert [a.text for a in rec.accomplishments] == [
        "Increased awareness of ethics frameworks among policy makers",
        "Strengthened national integrity systems in participating countries",
    ]
    assert [a.numbering for a in rec.activities] == ["i)", "ii)", "iii)", "iv)"]
    assert rec.activities[2].text == "published the proceedings (E/C.16/2007/2)"
    assert rec.activities[3].text == "trained 40 civil servants."
    assert doc.symbols == ["E/RES/2005/3", "A/RES/59/55", "E/C.16/2007/2"]
    assert [i.name for i in rec.implementers] == ["UN-DESA/DPADM"]  # as written
    assert_exact_spans(doc, text)


# ---------------------------------------------------------------------------------- RDF


def mapped(doc: ProjectDocument, text: str) -> MappingContext:
    iris = Iris(BASE)
    ctx = MappingContext(iris, iris.document(doc.slug), text, Gazetteer.bundled())
    to_rdf(doc, ctx)
    return ctx


@pytest.fixture(scope="module")
def km_ctx(km_doc, km_text) -> MappingContext:
    return mapped(km_doc, km_text)


def test_rdf_project(km, km_ctx):
    g, iris = km_ctx.graph, km_ctx.iris
    p = project_iri(km_ctx, km)
    assert p == URIRef(BASE + "id/project/" + p.split("/project/")[1])
    assert {CEPA.Project, PROV.Activity, SCHEMA.Project} <= set(g.objects(p, RDF.type))
    assert str(g.value(p, RDFS.label)) == KM_TITLE
    assert g.value(p, RDFS.label).language == "en"
    assert str(g.value(p, CEPA.objective)).startswith("Assist Member States")
    assert str(g.value(p, DCTERMS.description)).startswith("Strengthening of state institutions")
    assert g.value(p, CEPA.implementedBy) == iris.actor("dpadm")
    assert g.value(p, PROV.wasDerivedFrom) == km_ctx.doc_iri


def test_rdf_links_counts(km, km_ctx):
    g = km_ctx.graph
    p = project_iri(km_ctx, km)
    accomplishments = set(g.objects(p, CEPA.expectedAccomplishment))
    activities = set(g.objects(p, CEPA.activity))
    un_docs = set(g.objects(p, DCTERMS.references))
    assert len(accomplishments) == 3 and len(activities) == 10 and len(un_docs) == 3
    assert accomplishments == {URIRef(f"{p}/accomplishment/{k}") for k in range(1, 4)}
    assert activities == {URIRef(f"{p}/activity/{k}") for k in range(1, 11)}
    for a in accomplishments:
        assert (a, RDF.type, CEPA.ExpectedAccomplishment) in g
        assert g.value(a, CEPA.text) is not None
        assert g.value(a, CEPA.order).datatype == XSD.integer
    act4 = URIRef(f"{p}/activity/4")
    assert (act4, RDF.type, CEPA.ProjectActivity) in g
    assert str(g.value(act4, CEPA.numbering)) == "(iv)"
    assert g.value(act4, CEPA.order).toPython() == 4
    assert str(g.value(act4, CEPA.text)).startswith("designed for the users")


def test_rdf_un_documents(km, km_ctx, km_text):
    g, iris, doc = km_ctx.graph, km_ctx.iris, km_ctx.doc_iri
    p = project_iri(km_ctx, km)
    for symbol in ("E/2001/45", "A/RES/56/213", "E/2002/84"):
        u = iris.un_document(symbol)
        assert {CEPA.UNDocument, FOAF.Document} <= set(g.objects(u, RDF.type))
        assert str(g.value(u, CEPA.symbol)) == symbol
        assert str(g.value(u, RDFS.label)) == symbol
        assert (p, DCTERMS.references, u) in g
        assert (doc, DCTERMS.references, u) in g
        assert g.value(u, PROV.wasDerivedFrom) == doc
        src = g.value(u, CEPA.sourceSpan)
        assert src is not None
    u = iris.un_document("A/RES/56/213")
    assert u == URIRef(BASE + "id/un-document/A-RES-56-213")
    assert g.value(u, DCTERMS.date).toPython() == dt.date(2002, 2, 28)
    assert g.value(iris.un_document("E/2002/84"), DCTERMS.date) is None


def test_rdf_every_resource_is_labelled_derived_and_spanned(km_ctx, km_text):
    g, doc = km_ctx.graph, km_ctx.doc_iri
    selector_types = {OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector}
    subjects = {s for s in g.subjects() if s != doc}
    # goal alignments (blank-node-like fragments of the project) are checked in test_goals
    resources = [s for s in subjects if not (set(g.objects(s, RDF.type)) & (
        selector_types | {CEPA.GoalAlignment}))]
    assert len(resources) == 1 + 3 + 10 + 3
    for s in resources:
        assert g.value(s, RDFS.label) is not None, s
        assert g.value(s, PROV.wasDerivedFrom) == doc, s
        src = g.value(s, CEPA.sourceSpan)
        assert src is not None, s
        selectors = list(g.objects(src, OA.hasSelector))
        quote = next(x for x in selectors if (x, RDF.type, OA.TextQuoteSelector) in g)
        pos = next(x for x in selectors if (x, RDF.type, OA.TextPositionSelector) in g)
        start = g.value(pos, OA.start).toPython()
        end = g.value(pos, OA.end).toPython()
        assert str(g.value(quote, OA.exact)) == km_text[start:end]


def test_rdf_document_mentions_actors(km_ctx):
    g, doc, iris = km_ctx.graph, km_ctx.doc_iri, km_ctx.iris
    mentioned = set(g.objects(doc, SCHEMA.mentions))
    assert iris.actor("dpadm") in mentioned
    assert iris.actor("member-states") in mentioned


@pytest.mark.parametrize("name", ["da-project-statistics-line-lists.txt",
                                  "da-project-paragraph-only.txt",
                                  "da-project-inline-lists.txt"])
def test_rdf_synthetic_pages(name):
    text = read(DATA / name)
    doc = project.parse(text)
    rec = one(doc)
    ctx = mapped(doc, text)
    g = ctx.graph
    p = project_iri(ctx, one(doc))
    assert (p, RDF.type, CEPA.Project) in g
    assert len(set(g.objects(p, CEPA.expectedAccomplishment))) == len(rec.accomplishments)
    assert len(set(g.objects(p, CEPA.activity))) == len(rec.activities)
    assert {str(g.value(u, CEPA.symbol)) for u in g.objects(p, DCTERMS.references)} == set(
        doc.symbols)
    if rec.implementers:  # "UN-DESA/DPADM" resolves through the gazetteer's DPADM
        assert g.value(p, CEPA.implementedBy) == ctx.iris.actor("dpadm")


# ---------------------------------------------------------------------------------- other pages:
# expectations typed by hand from reading each file


def read_exact(path: Path) -> str:
    """The file as written (no newline translation), so offsets are exact."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def test_page_with_windows_line_ends_nbsp_and_lettered_items():
    text = read_exact(DATA / "da-project-public-administration-schools.txt")
    assert "\r\n" in text and "\u00a0" in text
    assert project.detect(text) >= 0.8
    doc = project.parse(text)
    rec = one(doc)
    assert doc.title == ("Strengthening the capacity of public administration schools in Latin "
                         "America")
    assert rec.background is not None and rec.background.text.startswith(
        "The General Assembly, in its resolution A/RES/60/1")
    assert rec.objective.text.startswith("To strengthen the capacity of national schools")
    assert [(a.numbering, a.text) for a in rec.accomplishments] == [
        ("(a)", "Improved curricula on policy analysis in participating schools"),
        ("(b)", "Increased number of civil servants trained by the schools."),
    ]
    assert [(a.numbering, a.text.split()[0]) for a in rec.activities] == [
        ("(i)", "conducted"), ("(ii)", "organized"), ("(iii)", "published")]
    assert rec.activities[1].text.endswith("(see E/C.16/2007/4, para. 8)")
    assert doc.symbols == ["A/RES/60/1", "E/2005/44", "E/C.16/2007/4"]
    refs = {r.symbol: r for r in doc.documents}
    assert refs["A/RES/60/1"].date == dt.date(2005, 9, 16)
    assert refs["E/C.16/2007/4"].mentions[0].paragraph == "8"
    assert [i.name for i in rec.implementers] == ["DPADM"]
    assert_exact_spans(doc, text)
    for span, _ in all_spans(doc):
        assert "\r" not in span.of(text)[-1:] and "\n" not in span.of(text)[-1:]


def test_page_in_prose_with_curly_quotes_and_list_sentences():
    text = read_exact(DATA / "da-project-e-services-prose.txt")
    assert "\u201c" in text
    doc = project.parse(text)
    rec = one(doc)
    assert doc.title == "Enhancing the capacity of Governments to deliver e-services to citizens"
    assert rec.objective.text.startswith("This project aims to help Governments")
    assert "\u201ce-government for all\u201d" in rec.objective.text
    assert rec.background is None
    assert [a.text for a in rec.accomplishments] == [
        "Greater awareness among senior officials of the benefits of citizen-centred e-services",
        "Strengthened capacity of national e-government units to design online services",
    ]
    assert [(a.numbering, a.text) for a in rec.activities] == [
        (None, "a regional forum on e-services held in Bangkok"),
        (None, "advisory missions to three countries, as requested in A/RES/57/277."),
    ]
    assert doc.symbols == ["E/RES/2007/38", "A/RES/57/277"]
    assert rec.implementers == ()
    assert_exact_spans(doc, text)


@pytest.mark.parametrize("name", ["da-project-public-administration-schools.txt",
                                  "da-project-e-services-prose.txt"])
def test_rdf_new_pages_quote_their_source(name):
    text = read_exact(DATA / name)
    doc = project.parse(text)
    ctx = mapped(doc, text)
    g = ctx.graph
    for pos in g.subjects(RDF.type, OA.TextPositionSelector):
        start, end = g.value(pos, OA.start).toPython(), g.value(pos, OA.end).toPython()
        src = next(g.subjects(OA.hasSelector, pos))
        quote = next(q for q in g.objects(src, OA.hasSelector)
                     if (q, RDF.type, OA.TextQuoteSelector) in g)
        assert str(g.value(quote, OA.exact)) == text[start:end]
    p = project_iri(ctx, one(doc))
    assert {str(g.value(u, CEPA.symbol)) for u in g.objects(p, DCTERMS.references)} == set(
        doc.symbols)


def test_a_listing_of_coded_bullets_and_results_joined_by_semicolons() -> None:
    """The DA site's joint-project listing: one record per "• Title (Project 2325B)" bullet;
    a project page's results in one paragraph joined by semicolons: one each."""
    from cepa_kg.loaders import project

    listing = ("Joint projects\n\nThree joint projects were launched:\n\n"
               "  • Monitoring fertilizer supply in food-importing countries (Project 2325B) See "
               "progress and results.\n    Led by UNCTAD with ECA.\n"
               "  • Fiscal space diagnostics for small economies (Project 2325C) See progress "
               "and results.\n    Led by DESA.\n")
    records = project.parse(listing).projects
    assert [(r.code, r.title) for r in records] == [
        ("2325B", "Monitoring fertilizer supply in food-importing countries"),
        ("2325C", "Fiscal space diagnostics for small economies")]
    page = ("Objective:\nThe objective of this project is to strengthen the skills of senior "
            "public servants to lead innovation in public service delivery.\n"
            "Key Accomplishments:\nEnhanced capacities of senior officials to design "
            "strategies; Improved capacity of national schools to deliver courses on "
            "innovation; Updated training toolkits made available online.\n"
            "Lead Division: UN DESA/DPIDG\nBudget: $498,000\n")
    (record,) = project.parse(page).projects
    assert [a.text.split()[0] for a in record.accomplishments] == ["Enhanced", "Improved",
                                                                   "Updated"]
    assert {n.name for n in record.implementers} == {"UN DESA", "DPIDG"}


def test_prose_outcomes_an_objective_of_the_project_s_and_objectives_in_bullets() -> None:
    """"The expected outcomes from this work are to (a) ..., and (b) ...": two accomplishments;
    "The project's objective is to ...": the objective; objectives as bullets of "To ...":
    each an objective, traced to goals together (one alignment per goal)."""


    record_page = ("Project Info\nProject Code\n2427Q\nTitle\nSingle windows for trade in the "
                   "Sahel\nBrief Description\nTraders still file the same papers many times. "
                   "The project's objective is to strengthen the ability of customs offices to "
                   "share data. The expected outcomes from this work are to (a) strengthened "
                   "capacity of customs authorities to run single windows, and (b) enhanced "
                   "skills of border staff to exchange certificates. Tools will be developed.\n")
    (record,) = project.parse(record_page).projects
    assert record.objective is not None
    assert record.objective.text.startswith("The project's objective is to strengthen")
    assert [a.text[:20] for a in record.accomplishments] == ["strengthened capacit",
                                                             "enhanced skills of b"]
    bullets = ("Development Account Projects\n\nStatistics on disability in the ESCWA region\n\n"
               "Data on persons with disabilities are scarce and not comparable.\n\n"
               "  • To assist member States in producing statistics on disability and on the "
               "reduction of poverty among persons with disabilities\n"
               "  • To promote the exchange of methods among national statistical offices of "
               "the region\n\nExpected accomplishments:\n\n  • Improved surveys\n")
    (record,) = project.parse(bullets).projects
    assert record.objective is not None and record.objective.text.startswith("To assist")
    assert [o.text[:15] for o in record.other_objectives] == ["To promote the "]
    g = graph_of(bullets, "bullets.txt")  # (refused if an alignment doubled)
    assert len(set(g.objects(None, CEPA.objective))) == 2


def test_an_objective_told_with_this_project_s() -> None:
    page = ("Project Info\nProject Code\n2427R\nTitle\nTransit data for landlocked countries\n"
            "Brief Description\nBorder waits are long. This project’s objective is to "
            "strengthen the capacities of selected countries to measure transit times.\n")
    (record,) = project.parse(page).projects
    assert record.objective is not None
    assert record.objective.text.startswith("This project’s objective is to strengthen")


def test_objectives_told_as_a_proposal_s_aim_and_beside_a_labelled_objective() -> None:
    """"The primary objective of the present proposal is to", "This proposal aims to",
    "The current project aims to", and "..., this project aims to" after an opening phrase
    state objectives; a project page with an "Objective:" line and, elsewhere, "This project
    aims to ..." has both, traced to goals once each (a goal both give, one alignment)."""


    for said in ("The primary objective of the present proposal is to help three ministries "
                 "plan their budgets.",
                 "This proposal aims to “help three ministries plan their budgets”.",
                 "The current project aims to help three ministries plan their budgets.",
                 "In the Andes, this project aims to help three ministries plan their budgets."):
        page = ("Project Info\nProject Code\n2427S\nTitle\nBudget planning in the Andes\n"
                f"Brief Description\nPlans are weak. {said}\n")
        (record,) = project.parse(page).projects
        assert record.objective is not None, said
        assert said.startswith(record.objective.text[:20]) or \
            record.objective.text.startswith("this project aims"), said
    page = ("Project Info\nProject Code\n2427T\nTitle\nHealth data for small islands\n"
            "Objective: To strengthen the capacity of health ministries to collect data.\n"
            "Brief Description\nIslands lack data on health. This project aims to build "
            "health statistics systems in Fiji and Samoa.\n")
    (record,) = project.parse(page).projects
    assert record.objective is not None and record.objective.text.startswith("To strengthen")
    assert [o.text[:24] for o in record.other_objectives] == ["This project aims to bui"]
    g = graph_of(page, "two.txt")  # (refused if an alignment doubled)
    assert len(set(g.objects(None, CEPA.objective))) == 2
