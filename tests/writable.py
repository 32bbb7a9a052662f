"""A writable app over its own in-memory copy of the corpus store, with an update token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@contextmanager
def writable_client(source: OxigraphStore, tmp: Path, **settings: object) -> Iterator[TestClient]:
    store = OxigraphStore()
    store.change_checked(lambda s: s.extend(source.quads()))
    options: dict[str, object] = {"update_token": TOKEN, **settings}
    app = create_app(Settings(base="http://localhost:8000/", store=tmp, **options), store=store)
    with TestClient(app) as client:
        yield client
