"""Loading many documents: prepared in worker processes, committed in bulk batches, in order.

The parallel path must give exactly the store the one-process path gives, report outcomes in
the order of the files, replace a changed document's graph on its own, and let a bad file fail
alone."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg import pipeline
from cepa_kg.resources import corpus_dir
from cepa_kg.loaders.triples import Triples
from cepa_kg.pipeline import load_paths
from cepa_kg.store import OxigraphStore
from fault_helpers import variants
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

BASE = "http://localhost:8000/"


def _variants(folder: Path, n: int) -> list[Path]:
    """`n` distinct documents: the corpus with the session number / month / title changed."""
    return variants(folder, n, edition=0)


def _quads(store: OxigraphStore) -> set[tuple[str, str, str, str]]:
    """The store's quads, without the load time (which differs run to run) and the reference
    data's blank nodes (named anew in each store)."""
    skip = "http://www.w3.org/ns/prov#generatedAtTime"
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.quads() if q.predicate.value != skip
            and not isinstance(q.subject, ox.BlankNode)
            and not isinstance(q.object, ox.BlankNode)}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _variants(tmp_path_factory.mktemp("docs"), 12)


def test_parallel_load_gives_the_same_store_as_one_process(documents: list[Path]) -> None:
    one, two = OxigraphStore(), OxigraphStore()
    sequential = load_paths(one, documents, base=BASE, jobs=1)
    parallel = load_paths(two, documents, base=BASE, jobs=2)
    assert [o.status for o in sequential] == ["loaded"] * len(documents)
    assert [(o.name, o.status, o.iri, o.triples) for o in parallel] == \
        [(o.name, o.status, o.iri, o.triples) for o in sequential]
    assert _quads(one) == _quads(two)
    assert len(two.graphs()) >= len(documents)


def test_outcomes_keep_file_order_and_a_bad_file_fails_alone(documents: list[Path],
                                                             tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    unknown = tmp_path / "unknown.txt"
    unknown.write_text("A shopping list: eggs, milk, bread.\n" * 3, encoding="utf-8")
    paths = [*documents[:5], empty, *documents[5:9], unknown, *documents[9:]]
    seen: list[str] = []
    outcomes = load_paths(OxigraphStore(), paths, base=BASE, jobs=2,
                          on_done=lambda o: seen.append(o.name))
    assert [Path(o.name).name for o in outcomes] == [p.name for p in paths]
    assert seen == [o.name for o in outcomes]  # progress is reported in order too
    statuses = {Path(o.name).name: o.status for o in outcomes}
    assert statuses.pop("empty.txt") == "failed" and statuses.pop("unknown.txt") == "failed"
    assert set(statuses.values()) == {"loaded"}


def test_a_changed_document_in_a_batch_replaces_its_graph(documents: list[Path],
                                                          tmp_path: Path) -> None:
    store = OxigraphStore()
    load_paths(store, documents, base=BASE, jobs=2)
    before = _quads(store)
    changed = tmp_path / documents[3].name
    changed.write_text(documents[3].read_text(encoding="utf-8").replace(
        "Member States", "Member States (marker-7Q)", 1), encoding="utf-8")
    copy = tmp_path / "copy-of-4.txt"
    copy.write_bytes(documents[4].read_bytes())
    outcomes = load_paths(store, [*documents[:3], changed, *documents[4:], copy], base=BASE,
                          jobs=2)
    by_name = {Path(o.name).name: o for o in outcomes}
    assert by_name[changed.name].status == "loaded"
    assert [o.status for o in outcomes].count("unchanged") == len(documents)  # + the copy
    assert by_name["copy-of-4.txt"].iri == by_name[documents[4].name].iri
    after = _quads(store)
    graph = f"<{by_name[changed.name].iri}>"
    assert {q for q in before if q[3] != graph} == {q for q in after if q[3] != graph}
    sha = "<https://w3id.org/cepa-kg/def#sha256>"
    digest = f'"{hashlib.sha256(changed.read_bytes()).hexdigest()}"'
    assert {q[2] for q in after if q[3] == graph and q[1] == sha} == {digest}
    assert digest not in {q[2] for q in before}


def test_copies_of_a_file_in_one_load_are_unchanged(tmp_path: Path) -> None:
    [original] = _variants(tmp_path, 1)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(original.read_bytes())
    first, second = load_paths(OxigraphStore(), [original, copy], base=BASE, jobs=1)
    assert (first.status, second.status) == ("loaded", "unchanged")
    assert second.iri == first.iri


def test_a_failed_bulk_commit_falls_back_to_one_transaction_per_document(
        documents: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    store = OxigraphStore()

    def refuse(nquads: bytes) -> None:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(store, "add_graphs", refuse)
    outcomes = load_paths(store, documents[:4], base=BASE, jobs=1)
    assert [o.status for o in outcomes] == ["loaded"] * 4
    assert len(store.graphs()) >= 4


def test_bulk_batches_split_at_the_quad_budget(documents: list[Path],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    store = OxigraphStore()
    calls: list[int] = []
    real = store.add_graphs

    def counting(nquads: bytes) -> None:
        calls.append(nquads.count(b"\n"))
        real(nquads)

    monkeypatch.setattr(store, "add_graphs", counting)
    monkeypatch.setattr(pipeline, "BATCH_QUADS", 5_000)
    outcomes = load_paths(store, documents, base=BASE, jobs=1)
    assert len(calls) > 1
    assert sum(calls) == sum(o.triples for o in outcomes)


def test_documents_keep_coming_while_a_batch_is_bulk_loaded(
        documents: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first bulk load is held until the next document reached the committer: with the
    commit in the loading thread this could never happen (the wait would time out)."""
    store = OxigraphStore()
    loads: list[str] = []
    next_arrived = threading.Event()
    real_load, real_add = store.add_graphs, pipeline._Committer.add

    def held_load(nquads: bytes) -> None:
        loads.append(threading.current_thread().name)
        if len(loads) == 1:
            assert next_arrived.wait(10), "no document was taken during the bulk load"
        real_load(nquads)

    def add(committer: pipeline._Committer, doc: pipeline.PreparedDocument) -> None:
        real_add(committer, doc)
        if loads:
            next_arrived.set()

    monkeypatch.setattr(store, "add_graphs", held_load)
    monkeypatch.setattr(pipeline._Committer, "add", add)
    monkeypatch.setattr(pipeline, "BATCH_QUADS", 3_000)
    outcomes = load_paths(store, documents, base=BASE, jobs=1)
    assert [o.status for o in outcomes] == ["loaded"] * len(documents)
    assert [o.name for o in outcomes] == [str(p) for p in documents]  # still in file order
    assert len(loads) > 1 and threading.main_thread().name not in loads
    assert len(store.graphs()) >= len(documents)


def test_the_store_loads_while_documents_are_still_being_prepared(
        documents: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch goes to the store once it holds EAGER_BATCH_QUADS and no load runs, long
    before the folder is done: little is left to load at the end."""
    store = OxigraphStore()
    events: list[str] = []
    real_load, real_prepare = store.add_graphs, pipeline.prepare_document

    def load(nquads: bytes) -> None:
        events.append("load")
        real_load(nquads)

    def prepare(source, *, base, validator):  # type: ignore[no-untyped-def]
        events.append("prepare")
        return real_prepare(source, base=base, validator=validator)

    monkeypatch.setattr(store, "add_graphs", load)
    monkeypatch.setattr(pipeline, "prepare_document", prepare)
    monkeypatch.setattr(pipeline, "EAGER_BATCH_QUADS", 3_000)
    outcomes = load_paths(store, documents, base=BASE, jobs=1)
    assert [o.status for o in outcomes] == ["loaded"] * len(documents)
    last_prepare = len(events) - 1 - events[::-1].index("prepare")
    assert events.index("load") < last_prepare, events
    assert sum(o.triples for o in outcomes) < pipeline.BATCH_QUADS  # not the size rule


# --- the triple container the mappers fill ------------------------------------------------


def test_triples_is_an_ordered_set_with_lookups() -> None:
    s, p, q = URIRef("http://x/s"), URIRef("http://x/p"), URIRef("http://x/q")
    t = Triples()
    t.add((s, p, Literal("b")))
    t.add((s, p, Literal("a")))
    t.add((s, p, Literal("b")))
    t.add((s, q, s))
    assert len(t) == 3 and next(iter(t)) == (s, p, Literal("b"))
    assert t.value(s, p) == Literal("b") and t.value(s, URIRef("http://x/none")) is None
    assert list(t.objects(s, p)) == [Literal("b"), Literal("a")]
    assert set(t.objects(None, q)) == {s} and list(t.subjects(q, s)) == [s]
    t.remove((None, p, Literal("b")))
    assert list(t.objects(s, p)) == [Literal("a")] and len(t) == 2
    assert len(t.to_graph()) == 2


def test_triples_serialize_every_kind_of_term_as_rdflib_would() -> None:
    s = URIRef("http://x/s")
    t = Triples([
        (s, URIRef("http://x/lang"), Literal('quote " and \\ and\nnewline', lang="en")),
        (s, URIRef("http://x/int"), Literal(7, datatype=XSD.integer)),
        (s, URIRef("http://x/dec"), Literal("0.850", datatype=XSD.decimal)),
        (s, URIRef("http://x/plain"), Literal("café")),
        (s, URIRef("http://x/b"), BNode("b1")),
    ])
    ours = set(ox.parse(t.ntriples(), format=ox.RdfFormat.N_TRIPLES))
    theirs = set(ox.parse(t.to_graph().serialize(format="nt", encoding="utf-8"),
                          format=ox.RdfFormat.N_TRIPLES))
    assert len(ours) == 5
    blank = lambda ts: {x for x in ts if not isinstance(x.object, ox.BlankNode)}
    assert blank(ours) == blank(theirs)
    quads = list(ox.parse(t.nquads("http://x/g"), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name for q in quads} == {ox.NamedNode("http://x/g")} and len(quads) == 5


def test_nquads_are_what_pyoxigraph_writes_for_every_document(documents: list[Path]) -> None:
    """The lines are joined by us from pyoxigraph's form of each term: byte for byte what
    pyoxigraph's own N-Quads serializer writes, on every document."""
    from cepa_kg.pipeline import build_document
    from cepa_kg.sources import read_source

    for path in documents[:4]:
        triples = build_document(read_source(path), base=BASE).triples
        graph = ox.NamedNode("http://x/g")
        convert = lambda term: ox.parse(
            f"<http://x/s> <http://x/p> {term.n3()} .", format=ox.RdfFormat.TURTLE
        ).__next__().object if not isinstance(term, BNode) else ox.BlankNode(str(term))
        reference = ox.serialize(
            [ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), convert(o), graph)
             for s, p, o in triples], format=ox.RdfFormat.N_QUADS)
        assert triples.nquads("http://x/g") == reference, path.name


def test_a_worker_process_that_dies_loses_no_document(documents: list[Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-load (out of memory, a signal): the documents it held are prepared
    in the main process instead, and every file is loaded."""
    import os

    parent = os.getpid()
    real = pipeline.prepare_document

    def dies_in_a_worker(source, *, base, validator):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and source.name.endswith(documents[5].name):
            os._exit(9)
        return real(source, base=base, validator=validator)

    monkeypatch.setattr(pipeline, "prepare_document", dies_in_a_worker)
    store = OxigraphStore()
    outcomes = load_paths(store, documents, base=BASE, jobs=2)
    assert [o.status for o in outcomes] == ["loaded"] * len(documents)
    assert [Path(o.name).name for o in outcomes] == [p.name for p in documents]
    one = OxigraphStore()
    load_paths(one, documents, base=BASE, jobs=1)
    assert _quads(store) == _quads(one)


def test_a_file_changed_after_planning_fails_with_a_clear_message(tmp_path: Path) -> None:
    """Files are read once to plan a load and again where they are prepared (texts are not
    kept in between); a file whose bytes changed in between is refused, not half-trusted."""
    path = _variants(tmp_path, 1)[0]
    planned = pipeline.FileToPrepare(path, hashlib.sha256(path.read_bytes()).hexdigest())
    assert pipeline.prepare_file(planned, base=BASE).iri  # unchanged: prepared
    path.write_text(path.read_text(encoding="utf-8") + "\nA line added meanwhile.\n",
                    encoding="utf-8")
    outcome = pipeline.prepare_file(planned, base=BASE)
    assert isinstance(outcome, pipeline.LoadOutcome) and outcome.status == "failed"
    assert outcome.error == f"{path}: the file changed while it was being loaded; load it again"
    path.unlink()
    gone = pipeline.prepare_file(planned, base=BASE)
    assert isinstance(gone, pipeline.LoadOutcome) and gone.status == "failed"
    assert str(path) in (gone.error or "")


def test_the_validator_the_settings_name_decides_in_the_worker_processes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`load_paths(..., validator=...)` reaches the worker processes that validate (the
    settings' choice travels as an argument, not through the environment)."""
    from cepa_kg.validation import ValidationReport, Violation

    documents = [p for p in corpus_dir().iterdir() if p.suffix == ".txt"]
    copies = []
    for i in range(3):
        for p in documents:
            copy = tmp_path / f"{i}-{p.name}"
            copy.write_text(p.read_text("utf-8") + f"\n\nCopy {i}.\n", "utf-8")
            copies.append(copy)
    assert len(copies) >= pipeline.PARALLEL_MIN_DOCUMENTS  # (so in worker processes)
    real = pipeline.validate_graph

    def recording(graph, *, base, validator="compiled"):  # type: ignore[no-untyped-def]
        if validator == "compiled":
            return real(graph, base=base, validator=validator)
        return ValidationReport(False, (Violation("x", None, f"validated by {validator}",
                                                  "Violation", None),))

    monkeypatch.setattr(pipeline, "validate_graph", recording)
    outcomes = load_paths(OxigraphStore(), copies, base=BASE, jobs=2, validator="pyshacl")
    assert [o.status for o in outcomes] == ["refused"] * len(copies)
    assert all(o.report is not None and o.report.violations[0].message
               == "validated by pyshacl" for o in outcomes)
    assert {o.status for o in load_paths(OxigraphStore(), copies, base=BASE, jobs=2)} == {
        "loaded"}
