"""The package's layers, bottom to top: `cepa_kg` (core/: store, settings, namespaces, formats,
reference data, validation), `cepa_kg.loaders`, `cepa_kg.pipeline` (the load), `cepa_kg.server`,
`cepa_kg.cli`. A module imports only from its own layer and those below, at its top or inside a
function alike (every `import` statement is read), so no two packages import each other."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: folder -> (package, rank): a module may import a package of its rank or below.
LAYERS = {"core": ("cepa_kg", 0), "loaders": ("cepa_kg.loaders", 1),
          "pipeline": ("cepa_kg.pipeline", 2), "server": ("cepa_kg.server", 3),
          "cli": ("cepa_kg.cli", 4)}
PACKAGE_RANK = {package: rank for package, rank in LAYERS.values()}


def package_of(module: str) -> str:
    """The layer package a `cepa_kg...` module belongs to (`cepa_kg` for core's modules)."""
    parts = module.split(".")
    if len(parts) > 1 and ".".join(parts[:2]) in PACKAGE_RANK:
        return ".".join(parts[:2])
    return "cepa_kg"


def imported(path: Path, package: str) -> set[str]:
    """The `cepa_kg` modules a file imports (relative imports resolved against `package`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "cepa_kg"}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                  + ([module] if module else []))
            if module.split(".")[0] != "cepa_kg":
                continue
            # `from cepa_kg import pipeline` imports the package `cepa_kg.pipeline`
            found |= {f"{module}.{a.name}" if f"{module}.{a.name}" in PACKAGE_RANK else module
                      for a in node.names}
    return found


def edges() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> the files of the first that import the second."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for folder, (package, _) in LAYERS.items():
        for path in sorted((ROOT / folder).glob("*.py")):
            for module in imported(path, package):
                target = package_of(module)
                if target != package:
                    graph[package][target].append(f"{folder}/{path.name}")
    return graph


def test_every_module_imports_only_its_layer_and_those_below() -> None:
    upward = [f"{file} imports {target}"
              for package, targets in edges().items() for target, files in targets.items()
              for file in files if PACKAGE_RANK[target] > PACKAGE_RANK[package]]
    assert not upward, "\n".join(upward)


def test_no_two_packages_import_each_other() -> None:
    graph = edges()
    seen: set[str] = set()

    def walk(package: str, path: list[str]) -> None:
        for target in graph.get(package, {}):
            assert target not in path, " -> ".join([*path, target])
            if target not in seen:
                walk(target, [*path, target])
        seen.add(package)

    for package in PACKAGE_RANK:
        walk(package, [package])


def test_the_walk_sees_the_imports_it_judges(tmp_path: Path) -> None:
    """The checks would pass on a walk that found nothing: it finds the layers' real imports,
    and an upward import written inside a function."""
    graph = edges()
    assert "cepa_kg" in graph["cepa_kg.loaders"]  # loaders read core's namespaces
    assert "cepa_kg.loaders" in graph["cepa_kg.pipeline"]
    assert "cepa_kg.server" in graph["cepa_kg.cli"]
    probe = tmp_path / "probe.py"
    probe.write_text("def late():\n    from cepa_kg.server import app\n", encoding="utf-8")
    assert {package_of(m) for m in imported(probe, "cepa_kg")} == {"cepa_kg.server"}
