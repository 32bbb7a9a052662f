"""The command line, run as a user runs it (a real process, a real store on disk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def cepa(*args: str, store: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cepa_kg.cli", *args, "--store", str(store)],
        capture_output=True, text=True, input=stdin, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = cepa("load", store=path)
    assert result.returncode == 0, result.stderr
    assert "cepa-session-05-2006.txt" in result.stdout and "loaded" in result.stdout
    return path


def test_load_prints_a_summary_and_is_idempotent(store: Path) -> None:
    result = cepa("load", store=store)
    assert result.returncode == 0
    assert result.stdout.count("unchanged") == 4


def test_load_a_folder_with_worker_processes(tmp_path: Path) -> None:
    from tests.test_batch_load import _variants

    folder = tmp_path / "docs"
    folder.mkdir()
    paths = _variants(folder, 10)
    (folder / "zz-empty.txt").write_text("", encoding="utf-8")
    result = cepa("load", str(folder), "--jobs", "2", store=tmp_path / "store")
    assert result.returncode == 1  # one file failed
    rows = [line for line in result.stdout.splitlines() if ".txt" in line]
    assert [r.split()[0] for r in rows] == [p.name for p in paths] + ["zz-empty.txt"]
    assert sum("loaded" in r for r in rows) == 10 and "failed" in rows[-1]
    assert "zz-empty.txt" in result.stderr
    again = cepa("load", str(folder), "--jobs", "2", store=tmp_path / "store")
    assert again.stdout.count("unchanged") == 10


def test_query_select_as_json(store: Path) -> None:
    q = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
         "SELECT ?n WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n } ORDER BY ?n")
    result = cepa("query", q, "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [r["n"]["value"] for r in rows] == ["5", "8"]


def test_query_from_a_file_and_construct_as_turtle(store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT WHERE { <http://localhost:8000/id/session/8> ?p ?o }")
    result = cepa("query", str(rq), store=store)
    assert result.returncode == 0, result.stderr
    assert "<http://localhost:8000/id/session/8>" in result.stdout


def test_a_bad_query_is_an_error_without_traceback(store: Path) -> None:
    result = cepa("query", "SELECT WHERE {", store=store)
    assert result.returncode == 2
    assert result.stderr.startswith("cepa-kg: error:")
    assert "Traceback" not in result.stderr


def test_a_query_beyond_the_limits_is_an_error_naming_the_file(store: Path,
                                                               tmp_path: Path) -> None:
    rq = tmp_path / "deep.rq"
    rq.write_text("SELECT * WHERE " + "{" * 3000 + "}" * 3000)
    result = cepa("query", str(rq), store=store)
    assert result.returncode == 2
    assert result.stderr.startswith(f"cepa-kg: error: {rq}: the query nests more than 64")
    assert "Traceback" not in result.stderr


def test_a_format_that_does_not_fit_the_query(store: Path) -> None:
    result = cepa("query", "ASK {}", "--format", "turtle", store=store)
    assert result.returncode == 2
    assert "does not fit" in result.stderr


def test_export_formats(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.nq"
    result = cepa("export", "--output", str(out), store=store)
    assert result.returncode == 0
    lines = [line for line in out.read_text().splitlines() if line]
    # it says what it wrote: where, the format, how many quads, how many bytes
    assert f"wrote {out} (nquads, {len(lines):,} quads, {out.stat().st_size:,} bytes)" \
        in result.stderr
    graphs = {line.rsplit(" ", 2)[-2] for line in lines}
    assert "<http://localhost:8000/id/document/cepa-session-05-2006>" in graphs
    turtle = cepa("export", "--format", "turtle", store=store)
    assert turtle.returncode == 0, turtle.stderr
    import rdflib

    g = rdflib.Graph().parse(data=turtle.stdout, format="turtle")
    assert len(g) > 1000
    # the project's namespaces as prefixes, not full IRIs only; the union's triples all there
    import pyoxigraph as ox

    def ground(triples: Any) -> set[tuple[Any, Any, Any]]:
        return {(t.subject, t.predicate, t.object) for t in triples
                if not isinstance(t.subject, ox.BlankNode)
                and not isinstance(t.object, ox.BlankNode)}

    union = ground(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert ground(ox.parse(turtle.stdout.encode(), format=ox.RdfFormat.TURTLE)) == union
    assert "@prefix cepa: <https://w3id.org/cepa-kg/def#> ." in turtle.stdout
    assert " a cepa:Session" in turtle.stdout and "<https://w3id.org/cepa-kg/def#" not in \
        turtle.stdout.split("\n", 20)[-1]
    trig = cepa("export", "--format", "trig", store=store)
    assert "@prefix schema: <https://schema.org/> ." in trig.stdout
    assert len(list(ox.parse(trig.stdout.encode(), format=ox.RdfFormat.TRIG))) == len(lines)


def test_compact_keeps_the_data(store: Path, tmp_path: Path) -> None:
    before, after = tmp_path / "before.nq", tmp_path / "after.nq"
    assert cepa("export", "--output", str(before), store=store).returncode == 0
    result = cepa("compact", store=store)
    assert result.returncode == 0, result.stderr
    assert "compacted in" in result.stderr
    assert cepa("export", "--output", str(after), store=store).returncode == 0
    assert sorted(after.read_text().splitlines()) == sorted(before.read_text().splitlines())
    assert len(before.read_text().splitlines()) > 1000


def test_validate_the_store_and_files(store: Path) -> None:
    result = cepa("validate", store=store)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 of 4 documents conform" in result.stdout


def test_load_errors_name_the_file_and_exit_non_zero(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "docs"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02")
    (bad / "recipe.txt").write_text("Pancakes\nMix and fry.\n")
    result = cepa("load", str(bad), store=store)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name, reason in (("empty.txt", "empty"), ("binary.txt", "binary"),
                         ("recipe.txt", "known kind")):
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name


def test_a_store_held_by_another_process_is_a_clear_error(store: Path) -> None:
    from cepa_kg.store import OxigraphStore

    holder = OxigraphStore(store)
    try:  # a write (reading commands open the store read-only: see the test with `serve`)
        result = cepa("compact", store=store)
    finally:
        del holder
    assert result.returncode == 2
    assert "open in another process" in result.stderr


def test_a_store_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    result = cepa("query", "ASK {}", store=not_a_folder)
    assert result.returncode == 2
    assert f"{not_a_folder} is not a store folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_worker_allocator_is_a_clear_error(tmp_path: Path) -> None:
    """CEPA_KG_QUERY_WORKER_ALLOCATOR naming no library stops `serve` before it starts."""
    result = subprocess.run(
        [sys.executable, "-m", "cepa_kg.cli", "serve", "--store", str(tmp_path / "store")],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "CEPA_KG_QUERY_WORKER_ALLOCATOR": "/no/such/libjemalloc.so.2"})
    assert result.returncode != 0
    assert "no library at '/no/such/libjemalloc.so.2'" in result.stderr
    assert "Traceback" not in result.stderr


def test_clear_messages_for_a_bad_output_base_or_store(store: Path, tmp_path: Path) -> None:
    """Mistakes a user makes get one line that names them, never "internal error"."""
    missing = tmp_path / "missing" / "dir" / "x.ttl"
    result = cepa("export", "--format", "turtle", "-o", str(missing), store=store)
    assert result.returncode == 2 and "internal error" not in result.stderr
    assert result.stderr.strip() == (f"cepa-kg: error: cannot write {missing}: "
                                     "No such file or directory")
    result = cepa("info", "--base", "not an iri", store=store)
    assert result.returncode == 2
    assert result.stderr.strip() == "cepa-kg: error: --base: base must be an http(s) IRI, got 'not an iri'"
    a_file = tmp_path / "passwd"
    a_file.write_text("root:x:0:0\n")
    for command in (["export"], ["info"]):  # open_store; info's read-only opening
        result = cepa(*command, store=a_file)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.strip() == (f"cepa-kg: error: {a_file} is not a store folder (it "
                                         "is a file); give --store a folder, new or made by "
                                         "`cepa-kg load`"), command


def test_a_reader_that_stops_early_gets_no_error(store: Path) -> None:
    """`cepa-kg export | head`: the closed pipe ends the command quietly."""
    process = subprocess.Popen([sys.executable, "-m", "cepa_kg.cli", "export", "-q", "--store",
                                str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    assert process.wait(timeout=60) in (0, 1)
    assert process.stderr.read() == b""


def test_query_export_and_validate_beside_a_running_server(store: Path, tmp_path: Path) -> None:
    """`cepa-kg serve` holds the store open for writing: the commands that only read open it
    read-only and say so in one line, instead of refusing."""
    import shutil

    from tests.serve_process import serve_process

    served = shutil.copytree(store, tmp_path / "store")
    with serve_process(served, tmp_path / "serve.log", query_workers="-1"):
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/cepa-kg/def#Session> }"
        query = cepa("query", q, "--format", "csv", store=served)
        assert query.returncode == 0, query.stderr
        assert query.stdout.split() == ["n", "2"]
        assert "reading it read-only" in query.stderr
        out = tmp_path / "x.nq"
        export = cepa("export", "-q", "-o", str(out), store=served)
        assert export.returncode == 0, export.stderr
        assert b"<https://w3id.org/cepa-kg/def#Session>" in out.read_bytes()
        validate = cepa("validate", "-q", store=served)
        assert validate.returncode == 0, validate.stderr
        assert "4 of 4 documents conform" in validate.stdout
        load = cepa("load", store=served)  # a write is still refused while the server runs
        assert load.returncode == 2 and "open in another process" in load.stderr


def test_an_internal_error_is_one_line_unless_debug_is_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A bug is one line for users; `debug` (the variable, or the config file: a setting like
    any other) shows its traceback."""
    from cepa_kg.cli import commands, main

    def broken(args: Any, settings: Any) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(commands, "cmd_config", broken)
    monkeypatch.delenv("CEPA_KG_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["config"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: a bug" in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("CEPA_KG_DEBUG", "1")
    with pytest.raises(RuntimeError, match="a bug"):
        main(["config"])
    monkeypatch.delenv("CEPA_KG_DEBUG")
    (tmp_path / "cepa-kg.toml").write_text("debug = true\n", "utf-8")
    with pytest.raises(RuntimeError, match="a bug"):
        main(["config"])
