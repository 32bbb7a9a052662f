"""The server builds what a checked write needs (compiled shapes, reference index) once it has
started, so that the first write does not spend its time budget on them; a read-only server
(a front that forwards its writes, or a read-only store) does not."""

from __future__ import annotations

from pathlib import Path

from conftest import BASE
from fastapi.testclient import TestClient

from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from cepa_kg.validation import compiled_shapes, reference_index


def cached() -> tuple[int, int]:
    return compiled_shapes.cache_info().currsize, reference_index.cache_info().currsize


def test_a_writable_server_builds_the_write_checks_once_started(tmp_path: Path) -> None:
    compiled_shapes.cache_clear()
    reference_index.cache_clear()
    settings = Settings(base=BASE, store=tmp_path / "unused")
    with TestClient(create_app(settings, store=OxigraphStore())) as client:
        assert client.get("/health").status_code == 200
    assert cached() == (1, 1)  # the shutdown waited for the warm-up


def test_a_front_that_forwards_its_writes_builds_nothing(tmp_path: Path) -> None:
    compiled_shapes.cache_clear()
    reference_index.cache_clear()
    settings = Settings(base=BASE, store=tmp_path / "unused",
                        writer_url="http://127.0.0.1:9/")
    with TestClient(create_app(settings, store=OxigraphStore())) as client:
        assert client.get("/health").status_code == 200
    assert cached() == (0, 0)
