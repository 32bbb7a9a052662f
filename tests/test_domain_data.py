"""Domain knowledge as data: the files the loaders read (country names, names that are no
actors, goal cues) are checked by `cepa-kg validate --data`, every problem named by file and
line, and an edit to a file changes what the loaders read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from cepa_kg.loaders.domain_data import (COUNTRY_NAMES, DomainDataError, check_domain_data,
                                         country_names, not_actors, parse_country_names,
                                         parse_not_actors, read_table)

DATA_FILES = ("country_names.tsv", "not_actors.tsv", "goal_vocabulary.toml")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in DATA_FILES:
        shutil.copy(Path(str(files("cepa_kg.loaders").joinpath(name))), tmp_path / name)
    return tmp_path


def test_the_shipped_files_read_and_feed_the_actor_reader() -> None:
    assert check_domain_data() == []
    names = country_names()
    assert names.un_names["KOR"] == "Republic of Korea"
    assert "Nepali" in names.demonyms["NPL"]
    assert "Yugoslavia" in names.historic["YUG"]
    assert "United Nations Public Service Awards" in not_actors()
    from cepa_kg.loaders import actors

    assert actors._DEMONYMS is names.demonyms  # the reader uses the file, not a copy


@pytest.mark.parametrize("line, message", [
    ("XXX\talias\tNowhere Land", "country_names.tsv:{n}: 'XXX' is not an ISO 3166"),
    ("FRA\tnickname\tLa Belle", "country_names.tsv:{n}: kind 'nickname' is not one of"),
    ("FRA\talias", "country_names.tsv:{n}: 3 non-empty columns"),
    ("DEU\talias\tTanzania", "country_names.tsv:{n}: 'Tanzania' is given to TZA already"),
    ("KOR\tun_name\tSouth Korea", "country_names.tsv:{n}: a second UN name for KOR"),
])
def test_a_bad_country_line_is_named_by_file_and_line(data_copy: Path, line: str,
                                                      message: str) -> None:
    path = data_copy / COUNTRY_NAMES
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, line]) + "\n")
    problems = check_domain_data(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith(message.format(n=len(lines) + 1)), problems


def test_a_duplicate_non_actor_and_a_bad_goal_cue_are_reported(data_copy: Path) -> None:
    with (data_copy / "not_actors.tsv").open("a") as out:
        out.write("vienna convention\n")
    vocabulary = data_copy / "goal_vocabulary.toml"
    vocabulary.write_text(vocabulary.read_text() + '\n[[cue]]\ncodes = ["sdg-18"]\n'
                          'phrases = ["interplanetary governance"]\nweight = 0.5\n')
    problems = check_domain_data(data_copy)
    assert any(p.startswith("not_actors.tsv:") and "listed already" in p for p in problems)
    assert any("goal_vocabulary.toml" in p and "no such goal 'sdg-18'" in p for p in problems)


def test_a_header_that_is_not_the_columns_is_refused() -> None:
    with pytest.raises(DomainDataError, match=r"x.tsv:2: the header must be code"):
        read_table("x.tsv", "# a comment\nalpha3\tkind\tname\n", ("code", "kind", "name"))


def test_an_added_alias_and_non_actor_change_what_is_read() -> None:
    text = "code\tkind\tname\nBFA\talias\tUpper Volta\n"
    names = parse_country_names(read_table("t.tsv", text, ("code", "kind", "name")))
    assert names.aliases == {"BFA": ("Upper Volta",)}
    assert parse_not_actors(read_table("n.tsv", "name\nCEPA Bulletin\n", ("name",))) == (
        "CEPA Bulletin",)


def test_the_command_line_checks_a_folder(data_copy: Path) -> None:
    command = [sys.executable, "-m", "cepa_kg.cli", "validate", "--data"]
    good = subprocess.run([*command, str(data_copy)], capture_output=True, text=True,
                          timeout=120)
    assert good.returncode == 0 and "every file reads" in good.stdout
    with (data_copy / COUNTRY_NAMES).open("a") as out:
        out.write("ZZZ\tdemonym\tZedish\n")
    bad = subprocess.run([*command, str(data_copy)], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 1
    assert "country_names.tsv:" in bad.stderr and "'ZZZ'" in bad.stderr
