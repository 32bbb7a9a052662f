"""The checks that help people read and change the code (issue 14): `mypy --strict` and `ruff`
pass on core/, pipeline/, server/ and cli/, and their doctests hold; mypy without its strict-only
rules passes on loaders/ (but for the update and project readers). The configuration is
pyproject.toml's ([tool.mypy] and its overrides, [tool.ruff])."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def _package_farm(folder: Path) -> Path:
    """The `cepa_kg` package laid out as installed (`cepa_kg` = core/, `cepa_kg.server` =
    server/, `cepa_kg.loaders` = loaders/, ...), in symlinks: mypy cannot follow the import hook
    of the editable install, which maps the folders to the package."""
    package = folder / "cepa_kg"
    package.mkdir(parents=True)
    for module in sorted((ROOT / "core").glob("*.py")):
        (package / module.name).symlink_to(module)
    for name, source in (("schemas", "core/schemas"), ("server", "server"),
                         ("loaders", "loaders"), ("pipeline", "pipeline"), ("cli", "cli")):
        (package / name).symlink_to(ROOT / source, target_is_directory=True)
    return folder


def test_mypy_strict_core_and_server(tmp_path: Path) -> None:
    farm = _package_farm(tmp_path / "farm")
    done = _run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                 "--cache-dir", str(tmp_path / "mypy_cache"), "-p", "cepa_kg"], farm)
    assert done.returncode == 0, f"mypy found problems:\n{done.stdout}{done.stderr}"


def test_ruff_core_and_server() -> None:
    done = _run([sys.executable, "-m", "ruff", "check", "--no-cache", "core", "pipeline", "server",
                 "cli"], ROOT)
    assert done.returncode == 0, f"ruff found problems:\n{done.stdout}{done.stderr}"


def test_doctests_of_core_and_server() -> None:
    """Every module of core/ and server/ with examples in its docstrings (imported as the
    package's, not by file as `pytest --doctest-modules` would, which imports a second copy)."""
    names = [f"cepa_kg.{module.stem}" for module in sorted((ROOT / "core").glob("*.py"))]
    names += [f"cepa_kg.server.{module.stem}"
              for module in sorted((ROOT / "server").glob("*.py"))]
    tried = {}
    for name in names:
        path = ROOT / ("server" if ".server." in name else "core") / f"{name.rsplit('.', 1)[1]}.py"
        if ">>>" not in path.read_text(encoding="utf-8"):
            continue
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0, name
        tried[name] = result.attempted
    assert sum(tried.values()) > 0, tried  # (December 2026: 11 examples in 5 modules)
