"""One place for settings: a TOML config file under the environment and the flags, through the
real command line (a process with its own working folder and environment, real files)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cepa_kg.cli import main
from cepa_kg.resources import corpus_dir
from cepa_kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "core" / "schemas" / "config.schema.json").read_text("utf-8"))
DOC = ROOT / "tests" / "data" / "archive" / "update" / "unpan-dpadm-monthly-bulletin-2014.txt"
TOKEN = "s3cret-token-1234"

#: A value for every setting, none of them its default: the file can hold them all.
EVERY_SETTING = {
    "base": "https://kg.example.org/", "store": "/srv/cepakg/store", "root_path": "/cepa",
    "public_url": "https://example.org/cepa", "query_timeout_s": 12.5,
    "shutdown_timeout_s": 5.0, "query_workers": 3, "query_worker_allocator": "system",
    "short_query_s": 0.25, "expensive_query_workers": 2, "expensive_queries_per_client": 1,
    "max_concurrent_queries": 4, "max_queued_queries": 16, "max_graph_store_body": 1024,
    "access_log": True, "update_token": TOKEN, "federation_allowed_hosts": ["example.org"],
    "validator": "pyshacl", "store_url": "http://store.example.org:7878/query",
    "store_update_url": "http://store.example.org:7878/update",
    "store_graph_store_url": "http://store.example.org:7878/store", "store_user": "reader",
    "store_password": "a-store-password", "store_token": "a-store-token", "store_auth": "digest",
    "publish_checkpoints": "/srv/cepakg/fronts", "replica_checkpoints": "/srv/cepakg/fronts",
    "writer_url": "http://127.0.0.1:9000", "warm_pages": False, "debug": True,
}
SECRETS = ("update_token", "store_password", "store_token")


def cepa(*args: str, cwd: Path, env: dict[str, str] | None = None,
         home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`cepa-kg ARGS` run in `cwd`, with no CEPA_KG_* variable but `env`'s, and the user
    config folder under `home` (by default an empty folder: no user file)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CEPA_KG_")}
    clean["XDG_CONFIG_HOME"] = str(home or cwd / "no-user-config")
    return subprocess.run([sys.executable, "-m", "cepa_kg.cli", *args], cwd=cwd,
                          env={**clean, **(env or {})}, capture_output=True, text=True,
                          timeout=300, check=False)


def toml(values: dict[str, object]) -> str:
    """A TOML file of top-level keys (JSON's strings, numbers, lists and booleans are TOML's)."""
    return "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items())


def config_json(*args: str, cwd: Path, **kwargs: object) -> dict:
    result = cepa("config", "--json", *args, cwd=cwd, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    jsonschema.validate(summary, SCHEMA)
    return summary


def test_the_file_holds_every_setting(tmp_path: Path) -> None:
    assert set(EVERY_SETTING) == set(Settings.model_fields)  # a new setting: add it above
    (tmp_path / "all.toml").write_text(toml(EVERY_SETTING), encoding="utf-8")
    summary = config_json("--config", "all.toml", cwd=tmp_path)
    assert summary["file"] == "all.toml" and summary["found_by"] == "--config"
    for number, (name, value) in enumerate(EVERY_SETTING.items(), start=1):
        entry = summary["settings"][name]
        assert entry["source"] == "file" and entry["from"] == f"all.toml:{number}", name
        assert entry["value"] == ("********" if name in SECRETS else value), name


def test_a_flag_wins_over_the_environment_over_the_file_over_the_default(
        tmp_path: Path) -> None:
    (tmp_path / "cepa-kg.toml").write_text(
        '# settings\nbase = "https://file.example.org/"\nquery_timeout_s = 12.5\n'
        "max_queued_queries = 16\n", encoding="utf-8")
    summary = config_json("--base", "https://flag.example.org/", cwd=tmp_path,
                          env={"CEPA_KG_BASE": "https://env.example.org/",
                               "CEPA_KG_QUERY_TIMEOUT_S": "9"})
    settings = summary["settings"]
    assert summary["file"] == str(tmp_path / "cepa-kg.toml")
    assert summary["found_by"] == "working folder"
    assert settings["base"] == {"value": "https://flag.example.org/", "source": "flag",
                                "from": "--base"}
    assert settings["query_timeout_s"] == {"value": 9.0, "source": "env",
                                           "from": "CEPA_KG_QUERY_TIMEOUT_S"}
    assert settings["max_queued_queries"] == {
        "value": 16, "source": "file", "from": f"{tmp_path / 'cepa-kg.toml'}:4"}
    assert settings["shutdown_timeout_s"] == {"value": 30.0, "source": "default", "from": None}
    text = cepa("config", cwd=tmp_path, env={"CEPA_KG_QUERY_TIMEOUT_S": "9"}).stdout
    assert f"config file: {tmp_path / 'cepa-kg.toml'} (found in the working folder)" in text
    assert "flag > environment (CEPA_KG_*) > config file > default" in text
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in text.splitlines()[4:]}
    assert rows["base"] == ['"https://file.example.org/"', f"file {tmp_path}/cepa-kg.toml:2"]
    assert rows["query_timeout_s"] == ["9.0", "env CEPA_KG_QUERY_TIMEOUT_S"]
    assert rows["shutdown_timeout_s"] == ["30.0", "default"]


def test_the_update_token_is_masked(tmp_path: Path) -> None:
    (tmp_path / "cepa-kg.toml").write_text(f'update_token = "{TOKEN}"\n', encoding="utf-8")
    for env in ({}, {"CEPA_KG_UPDATE_TOKEN": TOKEN + "-env"}):
        for args in (("config",), ("config", "--json")):
            result = cepa(*args, cwd=tmp_path, env=env)
            assert result.returncode == 0 and TOKEN not in result.stdout + result.stderr
            assert "********" in result.stdout
    (tmp_path / "none").mkdir()
    unset = config_json(cwd=tmp_path / "none")["settings"]["update_token"]
    assert unset == {"value": None, "source": "default", "from": None}


def test_the_file_is_looked_for_in_the_working_folder_then_the_user_config_folder(
        tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    (home / "cepa-kg").mkdir(parents=True)
    (home / "cepa-kg" / "cepa-kg.toml").write_text('max_queued_queries = 2\n', "utf-8")
    work = tmp_path / "work"
    work.mkdir()
    summary = config_json(cwd=work, home=home)
    assert summary["found_by"] == "user config folder"
    assert summary["file"] == str(home / "cepa-kg" / "cepa-kg.toml")
    assert summary["settings"]["max_queued_queries"]["value"] == 2
    (work / "cepa-kg.toml").write_text('max_queued_queries = 3\n', "utf-8")
    summary = config_json(cwd=work, home=home)
    assert summary["found_by"] == "working folder"  # the user's file is not merged in
    assert summary["settings"]["max_queued_queries"]["value"] == 3
    (tmp_path / "other.toml").write_text('max_queued_queries = 4\n', "utf-8")
    summary = config_json("--config", str(tmp_path / "other.toml"), cwd=work, home=home)
    assert summary["found_by"] == "--config"
    assert summary["settings"]["max_queued_queries"]["value"] == 4
    empty = tmp_path / "empty"
    empty.mkdir()
    summary = config_json(cwd=empty)
    assert summary["file"] is None and summary["found_by"] is None
    assert summary["searched"] == [str(empty / "cepa-kg.toml"),
                                   str(empty / "no-user-config" / "cepa-kg" / "cepa-kg.toml")]
    assert {s["source"] for s in summary["settings"].values()} == {"default"}


def test_the_file_s_settings_reach_the_commands(tmp_path: Path) -> None:
    """`load` and `info` with no --store or --base: both come from the file, the store beside
    it (a relative path is the file's folder's), whatever the working folder."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "kg.toml").write_text('base = "https://kg.example.org/"\nstore = "data/kg"\n',
                                     encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    loaded = cepa("load", "--quiet", "--config", str(project / "kg.toml"), str(DOC),
                  cwd=elsewhere)
    assert loaded.returncode == 0, loaded.stderr
    info = cepa("info", "--json", "--config", str(project / "kg.toml"), cwd=elsewhere)
    assert info.returncode == 0, info.stderr
    summary = json.loads(info.stdout)
    assert summary["store"] == str(project / "data" / "kg") and summary["documents"] == 1
    assert summary["loaded_bases"] == ["https://kg.example.org/"] and summary["base_matches"]
    assert not (elsewhere / "data").exists()


BAD_FILES = {
    "syntax": ('base = "https://kg.example.org/"\nquery_timeout_s = = 3\n', ":2:19: "),
    "unclosed": ('base = "https://kg.example.org/\nquery_timeout_s = 3\n', ":1:"),
    "not a setting": ('base = "https://kg.example.org/"\n\nquery_timout_s = 3\n',
                      ":3: 'query_timout_s' is not a setting (did you mean 'query_timeout_s'?)"),
    "wrong type": ('query_workers = 2\nquery_timeout_s = "fast"\n',
                   ":2: query_timeout_s: Input should be a valid number"),
    "bad value": ('validator = "fastest"\n',
                  ":1: validator: Input should be 'compiled' or 'pyshacl'"),
    "bad base": ('base = "ftp://kg.example.org/"\n', ":1: base: base must be an http(s) IRI"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_one_line_naming_the_file_and_line(case: str, tmp_path: Path) -> None:
    text, expected = BAD_FILES[case]
    (tmp_path / "cepa-kg.toml").write_text(text, encoding="utf-8")
    for command in (("config",), ("load", "--quiet", str(DOC))):
        result = cepa(*command, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"cepa-kg: error: {tmp_path / 'cepa-kg.toml'}"
                                        f"{expected}"), result.stderr
    assert not (tmp_path / "store").exists()


def test_a_missing_config_file_and_a_bad_variable_are_one_line_each(tmp_path: Path) -> None:
    result = cepa("info", "--config", "nowhere.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "cepa-kg: error: --config nowhere.toml: no such file\n"
    result = cepa("config", cwd=tmp_path, env={"CEPA_KG_FEDERATION_ALLOWED_HOSTS": "[oops"})
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("cepa-kg: error: CEPA_KG_FEDERATION_ALLOWED_HOSTS: not JSON")
    result = cepa("config", cwd=tmp_path, env={"CEPA_KG_MAX_QUEUED_QUERIES": "many"})
    assert result.returncode == 2 and result.stderr == (
        "cepa-kg: error: CEPA_KG_MAX_QUEUED_QUERIES: Input should be a valid integer, unable "
        "to parse string as an integer\n")


def test_help_shows_the_store_the_file_gives(tmp_path: Path) -> None:
    (tmp_path / "cepa-kg.toml").write_text('store = "/srv/cepakg/fromfile"\n', "utf-8")
    text = " ".join(cepa("load", "--help", cwd=tmp_path).stdout.split())
    assert "now: /srv/cepakg/fromfile" in text
    assert "flags > environment > file > defaults" in text


def test_the_validator_the_file_names_is_the_one_validation_uses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A file's `validator = "pyshacl"` reaches validation: `cepa-kg validate` of a document
    runs pySHACL (spied on), through the settings, not through the environment."""
    from cepa_kg import validation

    monkeypatch.delenv("CEPA_KG_VALIDATOR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "cepa-kg.toml").write_text('validator = "pyshacl"\n', "utf-8")
    assert main(["config", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["validator"]["source"] == "file"
    calls: list[int] = []
    real = validation.pyshacl_validate

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(validation, "pyshacl_validate", spy)
    document = next(p for p in corpus_dir().iterdir() if p.suffix == ".txt")
    assert main(["validate", str(document)]) == 0
    assert calls  # pySHACL validated it
    calls.clear()
    (tmp_path / "cepa-kg.toml").write_text('validator = "compiled"\n', "utf-8")
    assert main(["validate", str(document)]) == 0
    assert not calls  # the compiled shapes did
    assert "CEPA_KG_VALIDATOR" not in os.environ  # nothing was put in the environment


def test_readme_documents_every_setting_and_its_example_file_works(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Settings: flags, environment, config file", 1)[1].split(
        "\n### ", 1)[0]
    for name in Settings.model_fields:
        assert f"| `{name}` | `CEPA_KG_{name.upper()}` |" in section, name
    assert "flag wins over\nthe environment, the environment over the file, the file over the " \
           "default" in section
    [example] = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)
    (tmp_path / "cepa-kg.toml").write_text(example, "utf-8")
    settings = config_json(cwd=tmp_path)["settings"]
    assert settings["store"]["value"] == str(tmp_path / "data" / "store")
    assert {name for name, s in settings.items() if s["source"] == "file"} == {
        "base", "store", "query_timeout_s", "federation_allowed_hosts", "update_token"}
