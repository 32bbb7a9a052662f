"""Typed settings, read from the environment (prefix CEPA_KG_) and passed in explicitly."""

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE = "http://localhost:8000/"


def default_store_path() -> Path:
    return Path(user_data_dir("cepa-kg")) / "store"


class Settings(BaseSettings):
    """Everything a deployment may change. Never read at import time: build one and pass it."""

    model_config = SettingsConfigDict(env_prefix="CEPA_KG_")

    base: str = DEFAULT_BASE
    """IRIs of the data are minted under `{base}id/...`; the server maps request paths to them."""
    store: Path = default_store_path()
    """Folder of the embedded Oxigraph store."""
    query_timeout_s: float = 30.0
    max_concurrent_queries: int = 8
    """Worker threads running store calls (pyoxigraph releases the GIL while it works)."""
    max_queued_queries: int = 64
    """Calls that may wait for a worker; more are answered 503 with Retry-After."""

    @field_validator("base")
    @classmethod
    def _base_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base must be an http(s) IRI, got {value!r}")
        return value if value.endswith("/") else value + "/"
