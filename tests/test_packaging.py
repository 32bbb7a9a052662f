"""`pip install .` gives a working `cepa-kg` that finds its ontology, shapes, queries and corpus
outside the checkout: build the real wheel, install it into a fresh virtual environment, run it
from another folder."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    [built] = out.glob("cepa_kg-*.whl")
    return built


def test_the_wheel_carries_the_data_folders(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("cepa_kg/ontology/cepa.ttl", "cepa_kg/ontology/goals.ttl",
                     "cepa_kg/ontology/actors.ttl", "cepa_kg/shapes/cepa-shapes.ttl",
                     "cepa_kg/queries/sessions.rq", "cepa_kg/corpus/cepa-session-05-2006.txt",
                     "cepa_kg/server/templates/entity.html", "cepa_kg/server/static/style.css",
                     "cepa_kg/loaders/session.py", "cepa_kg/cli/__init__.py", "cepa_kg/pipeline/__init__.py"):
        assert expected in names, expected


def test_installed_command_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # System site-packages supply the dependencies; the wheel's own cepa_kg comes first.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--no-deps", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    cepa = str(venv / "bin" / "cepa-kg")
    where = tmp_path / "elsewhere"
    where.mkdir()
    store = str(tmp_path / "store")
    load = subprocess.run([cepa, "load", "--store", store], cwd=where, capture_output=True,
                          text=True, timeout=300)
    assert load.returncode == 0, load.stderr
    query = subprocess.run(
        [cepa, "query", "--store", store, "--format", "json",
         "SELECT ?n WHERE { ?s <https://w3id.org/cepa-kg/def#sessionNumber> ?n } ORDER BY ?n"],
        cwd=where, capture_output=True, text=True, timeout=120)
    assert query.returncode == 0, query.stderr
    numbers = [b["n"]["value"] for b in json.loads(query.stdout)["results"]["bindings"]]
    assert numbers == ["5", "8"]
    origin = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import cepa_kg; print(cepa_kg.__file__)"],
        cwd=where, capture_output=True, text=True, check=True).stdout
    assert str(venv) in origin
