"""Bad input (issue 3, part 6): every file that is not a readable document gets a clear message
naming the file and the reason, never a traceback and never a partial graph in the store; legacy
encodings load with exact offsets; `cepa-kg load` goes on past bad files, shows a progress bar
on a terminal only, prints a summary table and exits non-zero."""

from __future__ import annotations

import codecs
import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.namespaces import CEPA, OA
from cepa_kg.pipeline import LoadOutcome, load_paths
from cepa_kg.sources import MAX_BYTES, SourceError, read_source
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"
BAD = Path(__file__).parent / "data" / "bad"
CORPUS = {p.name: p for p in bundled_corpus_paths()}
SESSION = CORPUS["cepa-session-05-2006.txt"]
UPDATE = CORPUS["dpadm-monthly-update-2011-11.txt"]


def snapshot(store: OxigraphStore) -> bytes:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return b"\n".join(sorted(out.getvalue().splitlines()))


@pytest.fixture()
def store() -> OxigraphStore:
    """A store holding the reference data and one (small) loaded document."""
    s = OxigraphStore()
    [outcome] = load_paths(s, [CORPUS["da-project-knowledge-management.txt"]], base=BASE)
    assert outcome.status == "loaded", outcome.error
    return s


def load_one(store: OxigraphStore, path: Path) -> LoadOutcome:
    [outcome] = load_paths(store, [path], base=BASE)
    return outcome


def assert_refused_cleanly(store: OxigraphStore, path: Path, reason: str) -> LoadOutcome:
    """Refused with the file and the reason in the message; the store exactly as it was."""
    before = snapshot(store)
    outcome = load_one(store, path)
    assert outcome.status == "failed", outcome
    assert outcome.error and str(path) in outcome.error and reason in outcome.error, outcome.error
    assert "Traceback" not in outcome.error
    assert snapshot(store) == before
    return outcome


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "the file is empty"),
    ("blank.txt", "the file is empty"),
    ("image-named.txt", "the file is binary"),
    ("undecodable.txt", "neither UTF-8 nor Windows-1252"),
    ("recipe.txt", "not a document of a known kind"),
])
def test_unreadable_files_are_refused_with_file_and_reason(
        store: OxigraphStore, name: str, reason: str) -> None:
    assert_refused_cleanly(store, BAD / name, reason)


def test_a_folder_or_a_missing_file_is_refused(store: OxigraphStore, tmp_path: Path) -> None:
    assert_refused_cleanly(store, tmp_path / "missing.txt", "No such file")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_refused_cleanly(store, folder, "a folder")


def test_a_10_mb_file_is_refused_at_once_with_its_size(
        store: OxigraphStore, tmp_path: Path) -> None:
    """The size cap: measured, parsing 10 MB takes minutes; the refusal takes no time."""
    big = tmp_path / "huge-session.txt"
    raw = SESSION.read_bytes()
    big.write_bytes(raw * (10 * 1024 * 1024 // len(raw) + 1))
    started = time.perf_counter()
    outcome = assert_refused_cleanly(store, big, "the file is 10 MB; the loaders read documents "
                                                 f"up to {MAX_BYTES // 1024 // 1024} MB")
    assert time.perf_counter() - started < 2, outcome


def test_the_size_cap_applies_only_above_it(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"x" * 100)
    assert read_source(path, max_bytes=100).text == "x" * 100
    with pytest.raises(SourceError, match="up to"):
        read_source(path, max_bytes=99)


def spans_match(store: OxigraphStore, doc: str, text: str) -> int:
    """How many spans the stored graph of `doc` has; asserts each recovers its quote."""
    rows = store.select(
        "SELECT ?exact ?start ?end WHERE { GRAPH " + str(ox.NamedNode(doc)) + " { "
        "?s <" + str(OA.hasSelector) + "> ?q, ?p . ?q <" + str(OA.exact) + "> ?exact . "
        "?p <" + str(OA.start) + "> ?start ; <" + str(OA.end) + "> ?end } }")
    for row in rows:
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value
    return len(rows)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_legacy_encodings_load_with_exact_offsets(
        store: OxigraphStore, tmp_path: Path, encoding: str) -> None:
    """A UTF-8 file with a BOM and a Windows-1252 file load; offsets point into the decoded
    text (without the BOM), the sha256 is of the bytes on disk."""
    text = SESSION.read_text(encoding="utf-8")
    path = tmp_path / f"session-{encoding}.txt"
    data = text.encode(encoding)
    assert data != text.encode("utf-8")  # the test is about a real difference
    path.write_bytes(data)
    outcome = load_one(store, path)
    assert outcome.status == "loaded", outcome.error
    assert outcome.iri
    assert spans_match(store, outcome.iri, codecs.decode(data, encoding)) > 40
    import hashlib

    sha = store.select("SELECT ?sha WHERE { GRAPH ?d { ?d <" + str(CEPA.sha256) + "> ?sha } }",
                       )
    assert hashlib.sha256(data).hexdigest() in {r["sha"].value for r in sha}


def test_windows_line_ends_keep_offsets_exact(store: OxigraphStore, tmp_path: Path) -> None:
    text = UPDATE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "update-crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    outcome = load_one(store, path)
    assert outcome.status == "loaded", outcome.error
    assert outcome.iri and spans_match(store, outcome.iri, text) > 50


def cut_variants() -> list[tuple[str, str]]:
    """Every corpus document cut mid-sentence at a quarter, half and three quarters, and the
    fixture cut right after its first recommendation starts."""
    out = [("session-cut-mid-sentence", (BAD / "session-cut-mid-sentence.txt").read_text())]
    for name, path in CORPUS.items():
        text = path.read_text(encoding="utf-8")
        for fraction in (4, 2):
            cut = len(text) * (fraction - 1) // fraction
            while cut < len(text) and text[cut - 1].isspace():
                cut += 1  # end inside a word
            out.append((f"{Path(name).stem}-cut-{fraction}", text[:cut]))
    return out


@pytest.mark.parametrize("name, text", cut_variants(), ids=[n for n, _ in cut_variants()])
def test_a_document_cut_mid_sentence_loads_what_it_has_or_is_refused(
        store: OxigraphStore, tmp_path: Path, name: str, text: str) -> None:
    """Either a clean refusal (file and reason), or a graph that passed the shapes whose every
    span lies inside what is left of the text."""
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    before = snapshot(store)
    outcome = load_one(store, path)
    assert outcome.status in ("loaded", "failed", "refused"), outcome
    if outcome.status == "loaded":
        assert outcome.iri and spans_match(store, outcome.iri, text) > 0
    else:
        assert outcome.error and str(path) in outcome.error
        assert snapshot(store) == before


def one_line(path: Path, size: int) -> str:
    """The document's text with every line break made a space, repeated to `size` characters:
    one very long line."""
    flat = path.read_text(encoding="utf-8").replace("\r", " ").replace("\n", " ")
    return (flat * (size // len(flat) + 1))[:size]


@pytest.mark.parametrize("path", list(CORPUS.values()), ids=list(CORPUS))
def test_a_very_long_line_is_handled_quickly(
        store: OxigraphStore, tmp_path: Path, path: Path) -> None:
    """A document flattened to a single line of just under the size cap (about 1 MB) is
    refused with the reason, or loaded, within seconds (no runaway regular expressions)."""
    long = tmp_path / f"one-line-{path.name}"
    long.write_text(one_line(path, MAX_BYTES - 1024), encoding="utf-8")
    before = snapshot(store)
    started = time.perf_counter()
    outcome = load_one(store, long)
    elapsed = time.perf_counter() - started
    assert outcome.status in ("loaded", "failed", "refused"), outcome
    if outcome.status != "loaded":
        assert outcome.error and str(long) in outcome.error
        assert snapshot(store) == before
    assert elapsed < 30, f"{elapsed:.1f} s for one 1 MB line"


def test_a_long_paragraph_line_inside_a_real_document(store: OxigraphStore,
                                                     tmp_path: Path) -> None:
    """One item of the monthly update grows a 500 KB line; the rest still loads."""
    text = UPDATE.read_text(encoding="utf-8")
    first_break = text.index("\n", len(text) // 3)
    text = text[:first_break] + " and more words" * 33_000 + text[first_break:]
    path = tmp_path / "update-long-paragraph.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    outcome = load_one(store, path)
    assert time.perf_counter() - started < 60
    assert outcome.status in ("loaded", "failed", "refused"), outcome
    if outcome.status == "loaded":
        assert outcome.iri and spans_match(store, outcome.iri, text) > 50
    else:
        assert outcome.error and str(path) in outcome.error


# -- the command line -------------------------------------------------------------------------

def cepa(*args: str, store: Path, stderr: int | None = None,
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cepa_kg.cli", *args, "--store", str(store)],
        stdout=subprocess.PIPE, stderr=stderr if stderr is not None else subprocess.PIPE,
        text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with two good documents and every kind of bad file, sorted good-bad-good."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "a-session.txt").write_bytes(SESSION.read_bytes())
    for name in ("empty.txt", "image-named.txt", "recipe.txt", "undecodable.txt"):
        (folder / f"b-{name}").write_bytes((BAD / name).read_bytes())
    raw = SESSION.read_bytes()
    (folder / "c-huge.txt").write_bytes(raw * (3 * MAX_BYTES // len(raw)))
    (folder / "d-update.txt").write_bytes(UPDATE.read_bytes())
    return folder


def test_load_goes_on_past_bad_files_and_summarises(mixed_folder: Path, tmp_path: Path) -> None:
    result = cepa("load", str(mixed_folder), store=tmp_path / "store")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "kind", "resources", "triples", "parts", "status",
                                "reason"]
    rows = {line.split()[0]: line for line in lines[2:] if line.strip()}
    assert set(rows) == {p.name for p in mixed_folder.iterdir()}
    for good, kind in (("a-session.txt", "cepa-session"),
                       ("d-update.txt", "dpadm-monthly-update")):
        cells = rows[good].split()
        assert cells[1] == kind and rows[good].rstrip().endswith(" loaded"), rows[good]
        assert int(cells[2]) > 10 and int(cells[3]) > 100
        found, total = map(int, cells[4].split("/"))  # the parts of its kind it gives
        assert 0 < found <= total, rows[good]
    for bad, reason in (("b-empty.txt", "the file is empty"),
                        ("b-image-named.txt", "binary"),
                        ("b-recipe.txt", "not a document of a known kind"),
                        ("b-undecodable.txt", "neither UTF-8"),
                        ("c-huge.txt", "the loaders read documents up to")):
        assert " failed " in rows[bad] and reason in rows[bad], rows[bad]
        assert any(line.startswith("cepa-kg: error: ") and bad in line and reason in line
                   for line in result.stderr.splitlines()), (bad, result.stderr)
    assert "2 loaded, 5 failed" in result.stderr
    assert "[#" not in result.stderr  # no progress bar when stderr is not a terminal
    again = cepa("load", str(mixed_folder / "a-session.txt"), store=tmp_path / "store")
    assert again.returncode == 0 and " unchanged" in again.stdout


def test_the_progress_bar_goes_to_a_terminal(mixed_folder: Path, tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    try:
        result = cepa("load", str(mixed_folder), store=tmp_path / "store", stderr=secondary)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert result.returncode == 1
    assert "7/7" in terminal and "100%|" in terminal  # tqdm's bar, to the last file
    assert terminal.count("\r") >= 2  # redrawn in place
    assert "file" in result.stdout.splitlines()[0]  # the table stays on stdout
    assert "%|" not in result.stdout
