"""The app of each front process of `cepa-kg serve --workers N` (uvicorn's worker
processes import it by name): the settings the command resolved, handed down in one
environment variable, and the remote store they name. Every process keeps only caches of
its own, so N of them serve one store."""

from __future__ import annotations

import json
import os
from typing import Any

from fastapi import FastAPI
from pydantic import SecretStr

from cepa_kg.remote_settings import remote_store
from cepa_kg.settings import Settings

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
    store = remote_store(settings)
    if store is None:
        raise RuntimeError("front processes need a remote store (--store http(s)://...)")
    return create_app(settings, store=store)
