"""Loading documents: idempotence, refusal of invalid data with the store unchanged, clear
errors for what is not a document."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.pipeline import build_document, load_paths, load_source
from cepa_kg.sources import SourceText, decode, read_source
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"


def snapshot(store: OxigraphStore) -> bytes:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return b"\n".join(sorted(out.getvalue().splitlines()))


def session_source() -> SourceText:
    path = next(p for p in bundled_corpus_paths() if "session-05" in p.name)
    return read_source(path)


def test_loading_the_same_document_again_changes_nothing() -> None:
    store = OxigraphStore()
    first = load_paths(store, bundled_corpus_paths(), base=BASE)
    assert [o.status for o in first] == ["loaded"] * 4
    before = snapshot(store)
    again = load_paths(store, bundled_corpus_paths(), base=BASE)
    assert [o.status for o in again] == ["unchanged"] * 4
    assert snapshot(store) == before


def test_a_changed_document_replaces_its_graph() -> None:
    store = OxigraphStore()
    source = session_source()
    assert load_source(store, source, base=BASE).status == "loaded"
    changed_text = source.text.replace("young professionals", "young civil servants")
    changed = SourceText(source.name, changed_text, "0" * 64, "utf-8")
    outcome = load_source(store, changed, base=BASE)
    assert outcome.status == "loaded"
    texts = [r["t"].value for r in store.select(
        "SELECT ?t WHERE { ?r <https://w3id.org/cepa-kg/def#text> ?t }")]
    assert any("young civil servants" in t for t in texts)
    assert not any("young professionals" in t for t in texts)
    assert len(store.graphs()) == 1


def test_invalid_data_is_refused_and_the_store_is_unchanged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A session whose mapper drops every recommendation's text yields data the shapes reject
    (an integrity violation; a missing addressee would only be a completeness warning)."""
    from cepa_kg.loaders import registry
    from cepa_kg.loaders.base import Loader
    from cepa_kg.namespaces import CEPA

    store = OxigraphStore()
    load_paths(store, bundled_corpus_paths()[1:2], base=BASE)
    before = snapshot(store)

    real = registry.by_kind("cepa-session")

    def broken_to_rdf(model: object, ctx: object) -> None:
        real.to_rdf(model, ctx)
        ctx.graph.remove((None, CEPA.text, None))  # type: ignore[attr-defined]

    broken = Loader(real.kind, real.label, real.detect, real.parse, broken_to_rdf)
    monkeypatch.setattr(registry, "LOADERS", (broken,) + registry.LOADERS[1:])
    outcome = load_source(store, session_source(), base=BASE)
    assert outcome.status == "refused"
    assert outcome.report is not None and not outcome.report.conforms
    assert any("def#text" in (v.path or "") for v in outcome.report.violations)
    assert "cepa:text" in outcome.report.text()
    assert snapshot(store) == before


def test_a_document_with_reversed_dates_is_refused_with_the_report() -> None:
    """Real input, real parser, real shapes: "31-27 March 2006" yields a session that ends
    before it starts."""
    store = OxigraphStore()
    load_paths(store, bundled_corpus_paths()[1:2], base=BASE)
    before = snapshot(store)
    source = session_source()
    bad = SourceText("reversed.txt", source.text.replace("27-31 March 2006", "31-27 March 2006"),
                     "1" * 64, "utf-8")
    outcome = load_source(store, bad, base=BASE)
    assert outcome.status == "refused"
    assert outcome.error and "reversed.txt" in outcome.error
    assert outcome.report is not None
    text = outcome.report.text()
    assert "https://schema.org/startDate" in text and "/id/session/5>" in text
    assert snapshot(store) == before


def test_a_loader_bug_is_reported_and_the_load_goes_on(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from cepa_kg.loaders import registry
    from cepa_kg.loaders.base import Loader

    real = registry.by_kind("cepa-session")

    def crash(text: str) -> object:
        raise IndexError("list index out of range")

    broken = Loader(real.kind, real.label, real.detect, crash, real.to_rdf)
    monkeypatch.setattr(registry, "LOADERS", (broken,) + registry.LOADERS[1:])
    store = OxigraphStore()
    outcomes = load_paths(store, bundled_corpus_paths(), base=BASE)
    assert [o.status for o in outcomes] == ["failed", "failed", "loaded", "loaded"]
    assert "internal error in the loader (IndexError" in (outcomes[0].error or "")
    assert "cepa-session-05-2006.txt" in (outcomes[0].error or "")
    assert "IndexError" in caplog.text  # the traceback goes to the log, not the user
    assert not any("id/document/cepa-session" in g for g in store.graphs())


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unreadable_files_are_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        decode(data, "x.txt")


def test_legacy_encodings_are_decoded() -> None:
    assert decode("\ufeffSession 5".encode("utf-8"), "a.txt").text == "Session 5"
    assert decode("Márquez".encode("cp1252"), "a.txt").text == "Márquez"


def test_a_document_of_no_known_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("Pancakes\n\nMix flour, eggs and milk. Fry.\n", encoding="utf-8")
    store = OxigraphStore()
    [outcome] = load_paths(store, [path], base=BASE)
    assert outcome.status == "failed"
    assert "recipe.txt" in (outcome.error or "")
    assert "not a document of a known kind" in (outcome.error or "")
    assert not any("id/document" in g for g in store.graphs())


def test_a_missing_file_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    store = OxigraphStore()
    paths = [tmp_path / "missing.txt", *bundled_corpus_paths()[:1]]
    outcomes = load_paths(store, paths, base=BASE)
    assert [o.status for o in outcomes] == ["failed", "loaded"]
    assert "missing.txt" in (outcomes[0].error or "")


def test_document_metadata() -> None:
    source = session_source()
    built = build_document(source, base=BASE)
    from cepa_kg.namespaces import CEPA, DCTERMS, PROV

    doc = built.iri
    assert str(doc) == BASE + "id/document/cepa-session-05-2006"
    g = built.graph
    assert str(g.value(doc, CEPA.sha256)) == source.sha256
    assert str(g.value(doc, CEPA.documentKind)) == "cepa-session"
    assert g.value(doc, PROV.generatedAtTime) is not None
    # the summary states no date of its own (2006-03-27 is the session's, not the document's)
    assert g.value(doc, DCTERMS.date) is None
    assert str(g.value(doc, CEPA.sourceText)) == source.text


def test_a_document_dated_by_an_issue_date_gets_it() -> None:
    text = ("Committee of Experts on Public Administration\nDescription:The present report "
            "contains the conclusions and recommendations of the sixth session of the Committee of "
            "Experts on Public Administration, held at United Nations Headquarters from 16 to 20 "
            "April 2007.\nIssue Date: 27 April 2007\nSymbol:E/2007/44 (SUPP)\n")
    built = build_document(SourceText("report.txt", text, "0" * 64, "utf-8"), base=BASE)
    from cepa_kg.namespaces import DCTERMS

    assert str(built.graph.value(built.iri, DCTERMS.date)) == "2007-04-27"
