"""A full disk is an error the operator can act on, not a bug (issue 16, part 3).

On a real small filesystem made here (`small_disk`): `cepa-kg load` says, for each file, that
there is no space left on the store's device, prints its table and exits 1, and the store keeps
what it had; once space is freed the same load goes through. On a disk too full to open the
store for writing, the read-only commands (`query`, `validate`, `info`, `serve`) open it
read-only, say so in one line and answer; the server refuses writes with 507.

Where no small filesystem can be made (no privilege to mount), the load is tested against a
file-size limit instead (RLIMIT_FSIZE: EFBIG where a full disk gives ENOSPC).
"""

from __future__ import annotations

import errno
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from cepa_kg.pipeline import load_paths
from cepa_kg.settings import DEFAULT_BASE
from cepa_kg.storage_full import full_reason
from cepa_kg.store import OxigraphStore
from fault_helpers import cli, graph_counts, variants
from serve_process import corpus_store_copy, serve_process
from small_disk import file_size_limit, fill, small_filesystem

SIZE_MB = 24
#: Room left for a load: enough to open the store for writing, not for four documents.
LEAVE = 400 * 1024
TOKEN = "disk-full-token-5a4b"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NO_MOUNT = ("no small filesystem can be made here (mounting a tmpfs or a loop image is not "
            "permitted and /dev/shm is large); the file-size-limit test covers the load")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_filesystem(tmp_path / "disk", SIZE_MB) as folder:
        if folder is None:
            pytest.skip(NO_MOUNT)
        yield folder


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, int]]:
    """Four documents the corpus store does not hold, and their graphs' sizes when loaded."""
    paths = variants(tmp_path_factory.mktemp("new-documents"), 4)
    reference = OxigraphStore()
    outcomes = load_paths(reference, paths, base=DEFAULT_BASE, jobs=1)
    counts = {o.iri: sum(1 for _ in reference.quads(o.iri)) for o in outcomes}
    assert all(o.status == "loaded" for o in outcomes) and len(counts) == 4
    return paths, counts  # type: ignore[return-value]


def settled_store(base_temp: Path, target: Path) -> Path:
    """A copy of the corpus store, opened and closed once for writing (its write-ahead log
    replayed into its files), so that opening it again for writing needs little room."""
    store = corpus_store_copy(base_temp, target)
    OxigraphStore(store).flush()
    return store


def check_refused_load(result_stdout: str, result_stderr: str, paths: list[Path],
                       message: str) -> None:
    """One error line per file with `message`, the summary table, no traceback."""
    errors = [line for line in result_stderr.splitlines() if line.startswith("cepa-kg: error:")]
    assert errors == [f"cepa-kg: error: {path}: {message}" for path in paths], result_stderr
    assert "Traceback" not in result_stderr and "internal error" not in result_stderr
    table = result_stdout.splitlines()
    assert table[0].split() == ["file", "kind", "resources", "triples", "parts", "status",
                                "reason"], result_stdout
    rows = table[2:]
    assert [row.split()[0] for row in rows] == [path.name for path in paths]
    assert all(" failed " in row for row in rows)
    assert result_stderr.splitlines()[-1] == f"cepa-kg: {len(paths)} failed"


def test_load_on_a_full_disk_fails_each_file_in_one_line_and_keeps_the_store(
        disk: Path, tmp_path_factory: pytest.TempPathFactory,
        documents: tuple[list[Path], dict[str, int]]) -> None:
    paths, reference = documents
    store = settled_store(tmp_path_factory.getbasetemp(), disk / "store")
    before = graph_counts(store)
    filler = fill(disk, leave=LEAVE)
    result = cli("load", "-q", "--store", str(store), *map(str, paths))
    assert result.returncode == 1, result.stderr
    check_refused_load(result.stdout, result.stderr, paths,
                       f"no space left on device on {store}; free space and load again")
    assert "read-only" not in result.stderr  # opened for writing: the load found no room
    assert graph_counts(store) == before  # the failed batch left nothing behind

    filler.unlink()  # free space and load again
    again = cli("load", "-q", "--store", str(store), *map(str, paths))
    assert again.returncode == 0, again.stderr
    after = graph_counts(store)
    assert {g: n for g, n in after.items() if g not in before} == reference
    assert {g: after[g] for g in before} == before


def test_load_past_a_file_size_limit_fails_each_file_in_one_line(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
        documents: tuple[list[Path], dict[str, int]]) -> None:
    paths, reference = documents
    store = settled_store(tmp_path_factory.getbasetemp(), tmp_path / "store")
    before = graph_counts(store)
    result = cli("load", "-q", "--store", str(store), *map(str, paths),
                 preexec_fn=file_size_limit(128 * 1024))
    assert result.returncode == 1, result.stderr
    check_refused_load(result.stdout, result.stderr, paths,
                       f"file too large on {store}; raise the file-size limit (ulimit -f) "
                       "and load again")
    assert graph_counts(store) == before

    again = cli("load", "-q", "--store", str(store), *map(str, paths))
    assert again.returncode == 0, again.stderr
    assert {g: n for g, n in graph_counts(store).items() if g not in before} == reference


def _request(url: str, *, data: bytes | None = None, method: str = "GET",
             headers: dict[str, str] | None = None) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _count(stdout: str) -> int:
    return int(stdout.split()[1])


def test_read_only_commands_work_on_a_disk_too_full_to_open_the_store_for_writing(
        disk: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), disk / "store")
    triples = sum(graph_counts(store).values())
    fill(disk)
    notice = (f"cepa-kg: no space left on device on {store}: the store is open read-only "
              "(reads work; writes are refused until space is freed)")

    query = cli("query", "--store", str(store), COUNT)
    assert query.returncode == 0, query.stderr
    assert _count(query.stdout) == triples
    assert query.stderr.splitlines() == [notice]

    validate = cli("validate", "-q", "--store", str(store))
    assert validate.returncode == 0, validate.stderr
    assert "4 of 4 documents conform" in validate.stdout
    assert validate.stderr.splitlines() == [notice]

    info = cli("info", "--json", "--store", str(store))
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["triples"] == triples

    with serve_process(store, tmp_path / "server.log", update_token=TOKEN,
                       query_workers="1") as server:
        status, _, body = _request(server.query_url(COUNT), headers={"Accept": "text/csv"})
        assert status == 200 and int(body.split()[1]) == triples
        status, _, body = _request(server.url + "/id/session/5", headers={
            "Accept": "text/turtle"})
        assert status == 200 and "Session" in body
        assert _request(server.url + "/ready")[0] == 200

        status, headers, body = _request(
            server.url + "/update", method="POST", headers={
                **AUTH, "Content-Type": "application/sparql-update"},
            data=b"INSERT DATA { GRAPH <http://example.org/full> { <http://example.org/a> "
                 b"<http://example.org/p> 1 } }")
        assert status == 507, body
        assert "no room to write (no space left on device); nothing was written" in body
        assert headers["Connection"] == "close"
        status, headers, body = _request(
            server.url + "/store?graph=http://example.org/full", method="PUT", headers={
                **AUTH, "Content-Type": "text/turtle", "Accept": "application/json"},
            data=b"<http://example.org/a> <http://example.org/p> 1 .")
        assert status == 507 and headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["title"] == "Insufficient Storage"
    assert notice in server.log.read_text()
    assert "http://example.org/full" not in graph_counts(store)


def test_what_counts_as_no_room() -> None:
    """RocksDB's own words (no errno), and the errnos of a full disk, a quota, a size limit."""
    rocksdb = OSError("IO error: No space left on device: While appending to file: "
                      "/srv/store/000008.log: No space left on device")
    assert full_reason(rocksdb) == "no space left on device"
    assert full_reason(OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))) == \
        "disk quota exceeded"
    assert full_reason(OSError("IO error: File too large: While appending to file: "
                               "/srv/store/000042.sst: File too large")) == "file too large"
    assert full_reason(OSError("IO error: lock hold by current process")) is None
    assert full_reason(RuntimeError("No space left on device")) is None
