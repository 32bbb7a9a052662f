"""Shared fixtures: the bundled corpus loaded once into a real in-memory Oxigraph store, and
the real app over it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.pipeline import LoadOutcome, load_paths
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore

# The page warmer asks for ~60 pages in the background after every change of the data: off
# in the tests (apps and `cepa-kg serve` processes inherit this), on where a test is about it
# (tests/test_page_warmer.py), so that no test measures time or CPU with it running beside.
os.environ.setdefault("CEPA_KG_WARM_PAGES", "false")

BASE = "http://localhost:8000/"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def corpus_load() -> tuple[OxigraphStore, list[LoadOutcome]]:
    store = OxigraphStore()
    outcomes = load_paths(store, bundled_corpus_paths(), base=BASE)
    return store, outcomes


@pytest.fixture(scope="session")
def corpus_store(corpus_load: tuple[OxigraphStore, list[LoadOutcome]]) -> OxigraphStore:
    store, outcomes = corpus_load
    failed = [o for o in outcomes if o.status != "loaded"]
    assert not failed, "\n".join(f"{o.error}\n{o.report.text() if o.report else ''}" for o in failed)
    return store


@pytest.fixture(scope="session")
def client(corpus_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(base=BASE, store=tmp_path_factory.mktemp("unused-store"))
    app = create_app(settings, store=corpus_store)
    with TestClient(app) as test_client:
        yield test_client
