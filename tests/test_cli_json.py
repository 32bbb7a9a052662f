"""For scripts: `load --json`, `info --json`, `validate --json` and `goals --json` print one
JSON document each, checked against the schemas kept in the repository (core/schemas/),
through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from cepa_kg.cli.summaries import schema

ARCHIVE = Path(__file__).parent / "data" / "archive"
GOOD = ARCHIVE / "update" / "unpan-dpadm-monthly-bulletin-2014.txt"
PROJECT = ARCHIVE / "project" / "devaccount-project-page-2012.txt"


def cepa(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cepa_kg.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, int]:
    folder = tmp_path_factory.mktemp("json")
    bad = folder / "notes.txt"
    bad.write_text("Shopping list: bread, milk, eggs.\n", encoding="utf-8")
    result = cepa("load", "--json", str(GOOD), str(PROJECT), str(bad), store=folder / "store")
    return folder / "store", json.loads(result.stdout), result.returncode


def test_load_json_follows_its_schema_and_says_each_file_s_outcome(loaded) -> None:
    _, summary, code = loaded
    jsonschema.validate(summary, schema("load"))
    assert code == 1  # one file failed: scripts see it in the exit code too
    by_name = {Path(d["name"]).name: d for d in summary["documents"]}
    bulletin = by_name[GOOD.name]
    assert bulletin["status"] == "loaded" and bulletin["kind"] == "dpadm-monthly-update"
    assert bulletin["triples"] > 100 and bulletin["iri"].endswith(
        "/id/document/unpan-dpadm-monthly-bulletin-2014")
    assert bulletin["coverage"]["found"] and bulletin["reason"] is None
    notes = by_name["notes.txt"]
    assert notes["status"] == "failed" and "not a document of a known kind" in notes["reason"]
    assert summary["totals"] == {"loaded": 2, "unchanged": 0, "failed": 1, "refused": 0}
    assert [Path(d["name"]).name for d in summary["documents"]] == [
        GOOD.name, PROJECT.name, "notes.txt"]  # the order given


def test_info_says_what_the_store_holds(loaded) -> None:
    store, summary, _ = loaded
    result = cepa("info", "--json", store=store)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    jsonschema.validate(info, schema("info"))
    assert info["documents"] == 2
    assert info["documents_by_kind"] == {"da-project": 1, "dpadm-monthly-update": 1}
    assert info["triples"] >= sum(d["triples"] for d in summary["documents"])
    assert info["graphs"] > 2 and info["bytes_on_disk"] > 0
    assert info["loaded_bases"] == ["http://localhost:8000/"] and info["base_matches"]
    assert info["last_load"] is not None and info["last_load"].startswith("20")
    text = cepa("info", store=store).stdout
    assert "2 (1 da-project, 1 dpadm-monthly-update)" in text and "warning" not in text


def test_info_warns_when_the_store_was_loaded_under_another_base(loaded) -> None:
    store, _, _ = loaded
    result = cepa("info", "--base", "https://kg.example.org/", store=store)
    assert result.returncode == 0
    assert "warning: the documents were loaded under another base IRI" in result.stdout
    info = json.loads(cepa("info", "--json", "--base", "https://kg.example.org/",
                           store=store).stdout)
    assert info["base_matches"] is False


def test_validate_json_follows_its_schema(loaded, tmp_path: Path) -> None:
    store, _, _ = loaded
    result = cepa("validate", "--json", store=store)
    summary = json.loads(result.stdout)
    jsonschema.validate(summary, schema("validate"))
    assert result.returncode == 0 and summary["conforming"] == 2 == len(summary["documents"])
    assert all(d["document"].startswith("http://localhost:8000/id/document/")
               for d in summary["documents"])
    bad = tmp_path / "notes.txt"
    bad.write_text("Shopping list: bread, milk, eggs.\n", encoding="utf-8")
    result = cepa("validate", "--json", str(GOOD), str(bad), store=store)
    summary = json.loads(result.stdout)
    jsonschema.validate(summary, schema("validate"))
    assert result.returncode == 1 and summary["conforming"] == 1
    [failed] = [d for d in summary["documents"] if not d["conforms"]]
    assert "not a document of a known kind" in failed["error"]


def test_info_on_no_store_is_a_clear_error(tmp_path: Path) -> None:
    result = cepa("info", store=tmp_path / "nothing")
    assert result.returncode == 2
    assert "no store at" in result.stderr and "Traceback" not in result.stderr


def test_help_shows_defaults_the_store_in_use_and_exit_codes() -> None:
    env_store = Path("/srv/cepakg/store")  # (argparse wraps long paths at hyphens)
    result = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "serve", "--help"],
                            capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "CEPA_KG_STORE": str(env_store)})
    text = " ".join(result.stdout.split())
    assert "(default: 127.0.0.1)" in text and "(default: 8000)" in text
    assert f"now: {env_store}" in text and "(default: None)" not in text
    top = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "--help"], capture_output=True,
                         text=True, timeout=60).stdout
    assert "Exit codes: 0" in " ".join(top.split())
    for command, shown in (("export", "(default: nquads)"), ("goals", "(default: neither"),
                           ("config", "(default: ./cepa-kg.toml, else")):
        text = " ".join(subprocess.run([sys.executable, "-m", "cepa_kg.cli", command, "--help"],
                                       capture_output=True, text=True, timeout=60).stdout.split())
        assert shown in text, command


def test_bash_completion_completes_commands_and_options() -> None:
    """The script `cepa-kg completion bash` prints, run by a real bash."""
    script = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "completion", "bash"],
                            capture_output=True, text=True, timeout=60).stdout
    probe = (script + '\nCOMP_WORDS=(cepa-kg lo); COMP_CWORD=1; _shtab_cepa_kg cepa-kg lo cepa-kg;'
             ' echo "${COMPREPLY[@]}"\nCOMP_WORDS=(cepa-kg load --j); COMP_CWORD=2;'
             ' _shtab_cepa_kg cepa-kg --j load; echo "${COMPREPLY[@]}"\n')
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True,
                         timeout=60).stdout.split("\n")
    assert out[0] == "load" and set(out[1].split()) == {"--jobs", "--json"}
    zsh = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "completion", "zsh"],
                         capture_output=True, text=True, timeout=60).stdout
    assert zsh.startswith("#compdef cepa-kg") and "load" in zsh


def _schema_file(name: str) -> dict:
    return json.loads((Path(__file__).resolve().parents[1] / "core" / "schemas" / name)
                      .read_text("utf-8"))


def test_goals_json_follows_its_schema_with_every_answer(tmp_path: Path) -> None:
    text = ("Member States should fight corruption, as SDG 16 asks, building on the Millennium "
            "Development Goals.")
    result = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "goals", "--json", text],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, _schema_file("goals.schema.json"))
    [answer] = document["answers"]
    assert answer["id"] is None and document["era"] is None
    goals = {a["goal"].rsplit("/", 1)[-1] for a in answer["alignments"]}
    assert goals == {"sdg-16"}
    for a in answer["alignments"]:
        ev = a["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
    [named] = answer["frameworks"]
    assert named["framework"].endswith("/id/scheme/mdg") and named["text"] == text[
        named["start"]:named["end"]] == "Millennium Development Goals"
    lines = "\n".join(json.dumps(x) for x in (
        {"id": "a", "text": text}, {"id": 2, "text": "Report to the Committee."},
        {"id": "b", "text": "Progress on Goal 6 was slow."}))
    result = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "goals", "--jsonl", "--json",
                             "--era", "mdg", "--base", "https://kg.example.org/"],
                            input=lines, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)  # one document, not a line per answer
    jsonschema.validate(document, _schema_file("goals.schema.json"))
    assert [a["id"] for a in document["answers"]] == ["a", 2, "b"]
    assert document["answers"][1]["alignments"] == [] and document["era"] == "mdg"
    assert [a["goal"] for a in document["answers"][2]["alignments"]] == [
        "https://kg.example.org/id/goal/mdg-6"]
    assert document["base"] == "https://kg.example.org/"
