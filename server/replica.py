"""The app of each front process of `cepa-kg serve --workers N` (uvicorn's worker
processes import it by name): the settings the command resolved, handed down in one
environment variable, and the remote store they name, or, on the embedded store, the
writer process's checkpoints (writes forwarded to it). Every process keeps only caches of
its own, so N of them serve one store."""

from __future__ import annotations

import json
import os
from typing import Any

from cepa_kg.checkpoint_replica import CheckpointReplica
from cepa_kg.remote_settings import remote_store
from cepa_kg.settings import Settings
from cepa_kg.store import GraphStore
from fastapi import FastAPI
from pydantic import SecretStr

ENVIRONMENT_KEY = "CEPA_KG_REPLICA_SETTINGS"


def settings_json(settings: Settings) -> str:
    """Every setting as JSON, secrets in clear (for the child processes only)."""
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        values[name] = value
    return json.dumps(values, default=str)


def app() -> FastAPI:
    """The app of one front process over the remote store of the handed-down settings."""
    from cepa_kg.server.app import create_app

    settings = Settings(**json.loads(os.environ[ENVIRONMENT_KEY]))
    store: GraphStore | None = remote_store(settings)
    if store is None:
        if settings.replica_checkpoints is None or settings.writer_url is None:
            raise RuntimeError("a front process needs a remote store, or the embedded "
                               "store's writer and its checkpoints")
        store = CheckpointReplica(settings.replica_checkpoints)
    return create_app(settings, store=store)
