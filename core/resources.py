"""Paths to the data files shipped inside the package (ontology, shapes, queries, corpus)."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def ontology_dir() -> Traversable:
    return files("cepa_kg.ontology")


def shapes_dir() -> Traversable:
    return files("cepa_kg.shapes")


def queries_dir() -> Traversable:
    return files("cepa_kg.queries")


def corpus_dir() -> Traversable:
    return files("cepa_kg.corpus")


def data_files(folder: Traversable, suffix: str) -> list[Traversable]:
    """The files of a data folder with the given suffix, sorted by name."""
    return sorted((f for f in folder.iterdir() if f.name.endswith(suffix)), key=lambda f: f.name)
