"""Typed settings, passed in explicitly. `Settings()` reads the environment (prefix CEPA_KG_);
`settings_from` adds a config file below it (flags > environment > file > defaults)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_data_dir
from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

DEFAULT_BASE = "http://localhost:8000/"

#: The config file's source while `settings_from` builds settings (none otherwise).
_FILE_SOURCE: ContextVar[PydanticBaseSettingsSource | None] = ContextVar("file_source",
                                                                         default=None)


def default_store_path() -> Path:
    return Path(user_data_dir("cepa-kg")) / "store"


class Settings(BaseSettings):
    """Everything a deployment may change. Never read at import time: build one and pass it."""

    model_config = SettingsConfigDict(env_prefix="CEPA_KG_")

    base: str = DEFAULT_BASE
    """IRIs of the data are minted under `{base}id/...`; the server maps request paths to them."""
    store: Path = default_store_path()
    """Folder of the embedded Oxigraph store."""
    store_url: str | None = None
    """A SPARQL 1.1 server to use as the store instead (its query URL, e.g.
    `http://127.0.0.1:7878/query` for `oxigraph serve --union-default-graph`, or
    `http://127.0.0.1:8890/sparql` for Virtuoso); `--store http(s)://...` sets it."""
    store_update_url: str | None = None
    """Its SPARQL Update URL; default: the query URL with a last segment `query` made
    `update` (Oxigraph server, Fuseki), else the query URL itself (Virtuoso)."""
    store_graph_store_url: str | None = None
    """Its Graph Store Protocol URL, if it has one (Oxigraph: `/store`, Virtuoso:
    `/sparql-graph-crud`): documents' graphs are then replaced by PUT and read by GET."""
    store_user: str | None = None
    """User name for the remote store (HTTP Basic; Digest with `store_auth = "digest"`)."""
    store_password: SecretStr | None = None
    store_token: SecretStr | None = None
    """Bearer token sent to the remote store (instead of a user and password)."""
    publish_checkpoints: Path | None = None
    """Internal (`serve --workers N` on the embedded store sets it for its writer process):
    publish a checkpoint into this folder after every write, for the front processes."""
    replica_checkpoints: Path | None = None
    """Internal: a front process reads the checkpoints published in this folder..."""
    writer_url: str | None = None
    """Internal: ... and sends its writes to the writer process at this URL."""
    store_auth: Literal["basic", "digest"] = "basic"
    """How the user and password are sent: Basic, or Digest (Virtuoso's `/sparql-auth`)."""
    root_path: str = ""
    """The path prefix the server is reached under behind a proxy that strips it (e.g. "/cepa");
    the ASGI root_path (uvicorn --root-path) is used when set. Links on the pages carry it."""
    public_url: str | None = None
    """The public URL of the site (e.g. "https://example.org/cepa"), for absolute links such as
    the JSON-LD @context; default: the request's scheme, Host and prefix."""
    query_timeout_s: float = 30.0
    """Time budget of a SPARQL query (or update), from its start to its last byte. With an
    on-disk store a query runs in a worker process that is killed when it overruns (503, or
    the stream is cut), or, when it is a bounded streaming query (a point lookup, an entity
    description), in a server thread whose writer stops it at the first write past the
    budget. With an in-memory store a query that computes without writing (a sort, an
    aggregate) runs on in its thread after the 503. An update past its budget is abandoned
    before its commit."""
    shutdown_timeout_s: float = 30.0
    """On SIGTERM the server stops accepting connections, lets the running answers finish for
    at most this long, then cuts them and exits with its workers (a client reading a large
    answer slowly would otherwise keep it alive for minutes)."""
    query_workers: int = 0
    """Worker processes executing SPARQL queries on the newest read-only checkpoint of an
    on-disk store; 0 means twice the number of CPU cores, -1 none (queries run in the server's
    threads with a soft budget, as they do over an in-memory store)."""
    query_worker_allocator: str = "auto"
    """The malloc of the query worker processes: "auto" preloads jemalloc when the system has
    it (Debian: `apt-get install libjemalloc2`; pyoxigraph's joins run ~25% faster with it),
    "system" keeps the C library's, or the path of an allocator library to preload."""
    short_query_s: float = 0.5
    """A query in a worker that still runs after this long is *expensive*: it goes on only
    within the limits below, else it is stopped and answered 503 (or 429) with Retry-After,
    so that the other workers stay free for short queries (`server/lanes.py`)."""
    expensive_query_workers: int = 0
    """How many expensive queries may run at once; 0: half the query workers (at least
    one). The other workers only ever hold a query for `short_query_s`."""
    expensive_queries_per_client: int = 0
    """How many of them one client (address) may run at once; 0: half of the above (at
    least one); past it, 429."""
    max_concurrent_queries: int = 8
    """Worker threads running store calls (pyoxigraph releases the GIL while it works)."""
    max_queued_queries: int = 64
    """Calls that may wait for a worker; more are answered 503 with Retry-After."""
    max_graph_store_body: int = 4 * 1024 * 1024
    """Largest graph a Graph Store PUT or POST may send, in bytes (413 past it; SPARQL
    requests, updates included, have 1 MB). Larger data: `cepa-kg load`."""
    access_log: bool = False
    """One log line per request (uvicorn's access log). Off by default: it costs about 15% of
    the light-query rate, and a reverse proxy in front usually keeps that log."""
    update_token: SecretStr | None = None
    """Bearer token that opens SPARQL Update and the Graph Store Protocol; unset: read-only."""
    federation_allowed_hosts: list[str] = []
    """Hosts (`example.org` or `example.org:8890`) that SERVICE in queries and LOAD in updates
    may reach; empty (the default): both are refused. Env: a JSON list."""
    warm_pages: bool = True
    """Ask for the heaviest pages (home, lists, matrices, each goal's page and trace, VoID) in
    the background once the data have changed, so that the first reader after a load does not
    wait for what they compute once per data version. The embedded store only."""
    validator: Literal["compiled", "pyshacl"] = "compiled"
    """Which SHACL validator checks documents: the shapes compiled to Python checks, or
    pySHACL for every document (slow; pySHACL always writes the report of a refusal)."""
    debug: bool = False
    """A command's internal error (a bug) shows its traceback instead of one line."""

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments (flags), the environment, then the config file if one is in use."""
        file = _FILE_SOURCE.get()
        return (init_settings, env_settings, dotenv_settings, file_secret_settings,
                *((file,) if file is not None else ()))

    @field_validator("validator", mode="before")
    @classmethod
    def _validator_name(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("query_worker_allocator")
    @classmethod
    def _allocator_exists(cls, value: str) -> str:
        if value not in ("auto", "system") and not Path(value).is_file():
            raise ValueError(f"query_worker_allocator: no library at {value!r} "
                             '(use "auto", "system" or the path of a library)')
        return value

    @field_validator("store_url", "store_update_url", "store_graph_store_url")
    @classmethod
    def _remote_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"a remote store URL must start with http:// or https://, "
                             f"got {value!r}")
        return value

    @field_validator("base")
    @classmethod
    def _base_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base must be an http(s) IRI, got {value!r}")
        return value if value.endswith("/") else value + "/"


@contextmanager
def _file_source(source: PydanticBaseSettingsSource | None) -> Iterator[None]:
    token = _FILE_SOURCE.set(source)
    try:
        yield
    finally:
        _FILE_SOURCE.reset(token)


def settings_from(file: PydanticBaseSettingsSource | None, **flags: Any) -> Settings:
    """Settings from `flags` over the environment over `file` (a config file's source) over
    the defaults."""
    with _file_source(file):
        return Settings(**flags)
