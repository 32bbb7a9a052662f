"""Provenance to the sentence (issue 3, part 3): for every document we can read, every extracted
resource points back to the exact quote and offsets it came from, the document describes itself
(kind, title, sha256, loader version, load time, date), reloading is idempotent and a changed
document replaces its graph in one transaction that readers never see half done."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg import __version__
from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.loaders import registry
from cepa_kg.namespaces import CEPA, DCTERMS, OA, PROV, RDF, XSD
from cepa_kg.pipeline import BuiltDocument, build_document, load_paths, load_source
from cepa_kg.sources import SourceText, read_source
from cepa_kg.store import OxigraphStore
from rdflib import Graph, Literal, URIRef

BASE = "http://localhost:8000/"
DATA = Path(__file__).parent / "data"
KINDS = {loader.kind for loader in registry.LOADERS}
#: Test documents written to be refused (besides every file whose name starts with "not-a-").
MEANT_TO_FAIL: set[str] = set()


def readable_documents() -> list[Path]:
    """The bundled corpus and every test document of a known kind (globbed at collection
    time, so new test documents are covered without touching this file)."""
    found = list(bundled_corpus_paths())
    for folder in ("sessions", "updates", "projects"):
        found.extend(sorted((DATA / folder).glob("*.txt")))
    return [p for p in found if not p.name.startswith("not-a-") and p.name not in MEANT_TO_FAIL]


DOCUMENTS = readable_documents()


def doc_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.fixture(scope="module", params=DOCUMENTS, ids=doc_id)
def built(request: pytest.FixtureRequest) -> tuple[Path, SourceText, BuiltDocument]:
    path: Path = request.param
    source = read_source(path)
    return path, source, build_document(source, base=BASE)


def test_there_are_documents_of_every_kind() -> None:
    kinds = {build_document(read_source(p), base=BASE).kind for p in bundled_corpus_paths()}
    assert kinds == KINDS
    assert len(DOCUMENTS) >= 4


def selectors(graph: Graph, span: URIRef) -> tuple[str, int, int]:
    """(exact quote, start, end) of one oa:SpecificResource, asserting its shape."""
    quotes = [s for s in graph.objects(span, OA.hasSelector)
              if (s, RDF.type, OA.TextQuoteSelector) in graph]
    positions = [s for s in graph.objects(span, OA.hasSelector)
                 if (s, RDF.type, OA.TextPositionSelector) in graph]
    assert len(quotes) == 1 and len(positions) == 1, span
    exacts = list(graph.objects(quotes[0], OA.exact))
    starts = list(graph.objects(positions[0], OA.start))
    ends = list(graph.objects(positions[0], OA.end))
    assert len(exacts) == len(starts) == len(ends) == 1, span
    for number in (starts[0], ends[0]):
        assert isinstance(number, Literal) and number.datatype == XSD.integer, (span, number)
    return str(exacts[0]), int(starts[0]), int(ends[0])


def test_every_span_recovers_its_quote_from_the_file(
        built: tuple[Path, SourceText, BuiltDocument]) -> None:
    path, source, doc = built
    text = path.read_bytes().decode(source.encoding)  # the file's text, decoded afresh
    assert text == source.text
    g = doc.graph
    spans = list(g.subject_objects(CEPA.sourceSpan))
    assert spans, f"{path.name}: no source spans at all"
    wrong = []
    for resource, span in spans:
        # The span is a hash IRI of the resource's own page, so it travels with the resource.
        assert isinstance(span, URIRef) and "#" in span, (resource, span)
        assert span.split("#")[0] == resource.split("#")[0], (resource, span)
        assert (span, RDF.type, OA.SpecificResource) in g
        assert set(g.objects(span, OA.hasSource)) == {doc.iri}, span
        exact, start, end = selectors(g, span)
        if not (0 <= start < end <= len(text)) or text[start:end] != exact:
            wrong.append(f"<{resource}> [{start}, {end}) {text[start:end]!r} != {exact!r}")
    assert not wrong, f"{path.name}: {len(wrong)} of {len(spans)} spans are off:\n" + \
        "\n".join(wrong[:20])


def test_alignments_resting_on_one_phrase_share_its_quote() -> None:
    doc = build_document(read_source(SESSION), base=BASE)
    g = doc.graph
    by_rec: dict[URIRef, list[URIRef]] = {}
    for rec, alignment in g.subject_objects(CEPA.hasAlignment):
        by_rec.setdefault(rec, []).append(alignment)
    shared = 0
    for rec, alignments in by_rec.items():
        spans = [g.value(a, CEPA.sourceSpan) for a in alignments]
        quotes = {selectors(g, s) for s in set(spans)}
        assert len(quotes) == len(set(spans)), rec  # one span per distinct phrase
        for a, span in zip(alignments, spans):
            assert str(span).startswith(f"{rec}#evidence-"), span
            assert selectors(g, span)[0] == str(g.value(a, CEPA.evidence)), a
        shared += len(spans) - len(set(spans))
    assert shared > len(by_rec)  # a goal, its target and their SDGs rest on one phrase


def test_every_extracted_resource_has_a_span(
        built: tuple[Path, SourceText, BuiltDocument]) -> None:
    path, _, doc = built
    g = doc.graph
    derived = set(g.subjects(PROV.wasDerivedFrom, None))
    assert derived, path.name
    assert set(g.objects(None, PROV.wasDerivedFrom)) == {doc.iri}
    missing = sorted(str(r) for r in derived if (r, CEPA.sourceSpan, None) not in g)
    assert not missing, f"{path.name}: resources without a source span: {missing[:20]}"


def test_every_resource_with_a_span_is_derived_from_the_document(
        built: tuple[Path, SourceText, BuiltDocument]) -> None:
    _, _, doc = built
    g = doc.graph
    for resource in set(g.subjects(CEPA.sourceSpan, None)):
        assert (resource, PROV.wasDerivedFrom, doc.iri) in g, resource


def test_the_document_describes_itself(built: tuple[Path, SourceText, BuiltDocument]) -> None:
    path, _, _ = built
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    doc = build_document(read_source(path), base=BASE)
    after = dt.datetime.now(dt.UTC)
    g, iri = doc.graph, doc.iri

    def one(p: URIRef) -> Literal:
        values = list(g.objects(iri, p))
        assert len(values) == 1, (p, values)
        assert isinstance(values[0], Literal)
        return values[0]

    assert (iri, RDF.type, CEPA.SourceDocument) in g
    assert str(iri).startswith(BASE + "id/document/")
    assert str(one(CEPA.documentKind)) == doc.kind and doc.kind in KINDS
    title = one(DCTERMS.title)
    assert str(title).strip() and str(title) == doc.title
    assert str(one(CEPA.sha256)) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert str(one(CEPA.loaderVersion)) == f"{doc.kind}/{__version__}"
    loaded = one(PROV.generatedAtTime)
    assert loaded.datatype == XSD.dateTime
    assert before <= dt.datetime.fromisoformat(str(loaded)) <= after
    assert str(one(CEPA.fileName)) == path.name
    dates = list(g.objects(iri, DCTERMS.date))
    assert len(dates) <= 1
    year = re.search(r"(?<!\d)(?:19|20)\d\d(?:-\d\d)?(?!\d)", path.stem)
    if doc.kind == "dpadm-monthly-update":  # an update states its month; a session page's
        assert dates, f"{path.name}: no dcterms:date"  # dates are the session's, not its own
    if dates:
        date = dates[0]
        assert isinstance(date, Literal) and date.datatype in (XSD.date, XSD.gYearMonth)
        if year:  # the file names of the test documents carry the year (and month)
            assert str(date).startswith(year.group()), (path.name, str(date))


def snapshot(store: OxigraphStore) -> bytes:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return b"\n".join(sorted(out.getvalue().splitlines()))


def test_loading_unchanged_documents_again_changes_nothing(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    first = load_paths(store, DOCUMENTS, base=BASE)
    loaded = [o for o in first if o.status == "loaded"]
    assert len(loaded) == len(DOCUMENTS), [o.error for o in first if o.status != "loaded"]
    before = snapshot(store)
    version = store.version
    again = load_paths(store, DOCUMENTS, base=BASE)
    assert {o.status for o in again} == {"unchanged"}
    assert snapshot(store) == before
    assert store.version == version  # not a single write


SESSION = next(p for p in bundled_corpus_paths() if "session-05" in p.name)
OLD, NEW = "young professionals", "young civil servants"


def version_query(doc: str) -> str:
    """One query, so one snapshot: the sha256(s), which text and how many triples."""
    g, old, new = ox.NamedNode(doc), ox.Literal(OLD), ox.Literal(NEW)
    return f"""
PREFIX cepa: <https://w3id.org/cepa-kg/def#>
SELECT ?sha ?old ?new ?n WHERE {{
  {{ SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} }}
  OPTIONAL {{ GRAPH {g} {{ {g} cepa:sha256 ?sha }} }}
  BIND(EXISTS {{ GRAPH {g} {{ ?r cepa:text ?t FILTER(CONTAINS(?t, {old})) }} }} AS ?old)
  BIND(EXISTS {{ GRAPH {g} {{ ?r cepa:text ?t FILTER(CONTAINS(?t, {new})) }} }} AS ?new)
}}"""


def test_a_changed_document_replaces_its_graph_atomically(tmp_path: Path) -> None:
    """A reader querying while the document flips between two versions always sees exactly
    one whole version: one sha256, that version's text and that version's triple count."""
    store = OxigraphStore(tmp_path / "store")
    v1 = read_source(SESSION)
    assert OLD in v1.text
    text2 = v1.text.replace(OLD, NEW)
    v2 = SourceText(v1.name, text2, hashlib.sha256(text2.encode()).hexdigest(), "utf-8")
    sizes = {}
    for version in (v2, v1):  # v1 ends up loaded
        outcome = load_source(store, version, base=BASE)
        assert outcome.status == "loaded", outcome.error
        sizes[version.sha256] = outcome.triples
    doc = outcome.iri
    assert doc is not None
    query = version_query(doc)
    seen: list[tuple[str | None, bool, bool, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                rows = store.select(query)
                assert len(rows) == 1, rows
                row = rows[0]
                sha = row["sha"].value if "sha" in row else None
                seen.append((sha, row["old"].value == "true", row["new"].value == "true",
                             int(row["n"].value)))
        except BaseException as error:  # noqa: BLE001 - any failure is reported by the main thread
            errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(12):
            version = v2 if i % 2 == 0 else v1
            assert load_source(store, version, base=BASE, force=True).status == "loaded"
    finally:
        stop.set()
        reader.join(timeout=60)
    assert not errors, errors
    assert len(seen) > 5
    for sha, old, new, n in seen:
        assert sha in sizes, f"the reader saw no version (or a mix): {sha}"
        if sha == v1.sha256:
            assert old and not new
        else:
            assert new and not old
        assert n == sizes[sha], (sha, n, sizes)
    assert {s for s, *_ in seen} == set(sizes), "the reader never saw one of the versions"
    assert [g for g in store.graphs() if "id/document" in g] == [doc]
    assert not [g for g in store.graphs() if g.startswith("urn:cepa-kg:tmp:")]


def test_focused_validation_misses_nothing_about_the_document(
        built: tuple[Path, SourceText, BuiltDocument]) -> None:
    """`validate_graph` checks only the document's own nodes (the reference data is checked
    once, by tests/test_shapes.py). An unfocused pySHACL run over a copy of reference + document
    finds exactly the same violations at the document's nodes, on every document and on a
    broken copy of it."""
    from pyshacl import validate

    from cepa_kg.reference import reference_graph, shapes_graph
    from cepa_kg.validation import validate_graph, violations

    def full(graph: Graph) -> tuple:
        data = Graph()
        data += reference_graph(BASE)
        data += graph
        _, report, _ = validate(data, shacl_graph=shapes_graph(), inference="none",
                                allow_warnings=True)
        own = {str(s) for s in graph.subjects()}
        return tuple(v for v in violations(report) if v.focus in own)

    def errors(found: tuple) -> tuple:
        return tuple(v for v in found if v.severity == "Violation")

    def warnings(found: tuple) -> tuple:
        return frozenset(v for v in found if v.severity == "Warning")

    _, _, doc = built
    focused_ok = validate_graph(doc.graph, base=BASE)
    found = full(doc.graph)  # (pySHACL over reference + document: ~1.5 s, run once)
    assert focused_ok.violations == errors(found) == ()
    assert frozenset(focused_ok.warnings) == warnings(found)
    broken = Graph()
    broken += doc.graph
    broken.remove((None, OA.end, None))  # every position selector loses its end
    broken.remove((doc.iri, CEPA.sha256, None))
    focused = validate_graph(broken, base=BASE)
    assert not focused.conforms and focused.violations == errors(full(broken))
