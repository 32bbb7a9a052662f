"""The application factory: `create_app(settings, store=None)`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from cepa_kg import __version__
from cepa_kg.remote_settings import remote_store
from cepa_kg.server import (
    api_docs,
    browse_lists,
    dump,
    goals_api,
    graph_store,
    health,
    languages,
    linked_data,
    logs,
    openapi_responses,
    pages,
    queries,
    query_page,
    search,
    sparql,
    update,
    void,
)
from cepa_kg.server.answer_cache import AnswerCache
from cepa_kg.server.compaction import Compactor
from cepa_kg.server.errors import install_error_handlers
from cepa_kg.server.executor import start_executor
from cepa_kg.server.forward_writes import ForwardWrites
from cepa_kg.server.identity import host_notice
from cepa_kg.server.metrics import Metrics, RequestMetrics
from cepa_kg.server.page_warmer import PageWarmer
from cepa_kg.server.publish_checkpoints import PublishCheckpoints
from cepa_kg.server.request_ids import RequestIds
from cepa_kg.server.retry_after import CloseAfterServerError, RetryAfter
from cepa_kg.server.runner import Runner
from cepa_kg.server.security_headers import SecurityHeaders
from cepa_kg.server.sparql_lane import SparqlLane
from cepa_kg.server.views import link
from cepa_kg.server.warm_up import start_warming
from cepa_kg.settings import Settings
from cepa_kg.store import GraphStore, OxigraphStore
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp

#: CORS for the read endpoints, from any origin (the lane applies the same).
CORS: dict[str, Any] = {
    "allow_origins": ["*"], "allow_methods": ["GET", "POST", "OPTIONS"], "allow_headers": ["*"],
    "expose_headers": ["Content-Location", "Link", "ETag", "Server-Timing", "X-Request-ID"],
}


class _App(FastAPI):
    """FastAPI with the short lane for `GET /sparql` on top of its middleware stack, and above
    both what every request gets: a request id, metrics, the security headers, Retry-After on
    a 503."""

    def build_middleware_stack(self) -> ASGIApp:
        lane: ASGIApp = SparqlLane(self, super().build_middleware_stack(), cors=CORS)
        settings = self.state.settings
        if settings.publish_checkpoints is not None:  # the writer of `serve --workers N`
            lane = PublishCheckpoints(lane, settings.publish_checkpoints, self.state)
        if settings.writer_url is not None:  # a front process of `serve --workers N`
            lane = ForwardWrites(lane, settings.writer_url, settings.query_timeout_s)
        return RequestIds(RequestMetrics(SecurityHeaders(CloseAfterServerError(RetryAfter(lane))),
                                         self.state.metrics))


def create_app(settings: Settings, store: GraphStore | None = None) -> FastAPI:
    """A new app over `store` (or over the store folder the settings name, opened on start-up).
    Nothing is global: two apps in one process serve two stores."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "store", None) is None:
            app.state.store = remote_store(settings) or OxigraphStore(settings.store)
        app.state.answer_cache = AnswerCache()  # answers of /sparql GETs, per data version
        app.state.runner = Runner(workers=settings.max_concurrent_queries,
                                  queued=settings.max_queued_queries,
                                  timeout_s=settings.query_timeout_s,
                                  events=app.state.metrics)
        # SPARQL queries: worker processes over checkpoints of an on-disk store, else threads.
        store = app.state.store
        app.state.compactor = None
        if store.path is not None and not store.read_only:
            app.state.compactor = Compactor(store)
            await app.state.compactor.compact_now()  # before the first checkpoint is made
        app.state.executor = await start_executor(settings, store, app.state.runner)
        if app.state.compactor is not None:
            app.state.compactor.on_compacted = app.state.executor.renew_checkpoint
        executor = app.state.executor
        if getattr(executor, "pids", None) is not None:  # a worker pool
            app.state.metrics.workers.set_function(lambda: len(executor.pids))
        token = settings.update_token.get_secret_value() if settings.update_token else ""
        uninstall_log_filters = logs.install([token])  # request ids in, the token out
        app.state.serving = True  # /ready answers 200 from now on, while the store answers
        warming = None
        if not store.read_only and settings.writer_url is None:  # this process checks writes
            warming = start_warming(settings.base)
        app.state.page_warmer = None
        if (settings.warm_pages and not store.version_moves_with_time
                and settings.publish_checkpoints is None):  # (the writer of fronts: no pages)
            app.state.page_warmer = PageWarmer(app, store, settings.base)
            app.state.page_warmer.start()
        try:
            yield
        finally:
            app.state.serving = False
            if app.state.page_warmer is not None:
                await app.state.page_warmer.stop()
            if warming is not None:
                await warming
            if app.state.compactor is not None:
                await app.state.compactor.close()
            await app.state.executor.close()
            app.state.runner.close()
            uninstall_log_filters()

    app = _App(
        title="cepa-kg",
        version=__version__,
        description="A knowledge graph of the UN Committee of Experts on Public Administration "
        "(CEPA): SPARQL 1.1 endpoint and linked data.",
        lifespan=lifespan,
        docs_url=None,  # `api_docs`: the same Swagger UI without inline script
        redoc_url=None,  # ReDoc needs inline styles and workers: Swagger UI at /docs only
    )
    app.state.settings = settings
    app.state.store = store
    app.state.metrics = Metrics()
    app.state.serving = False
    templates_dir = files("cepa_kg.server").joinpath("templates")
    app.state.templates = Jinja2Templates(directory=str(templates_dir),
                                          context_processors=[languages.context])
    app.state.templates.env.globals["version"] = __version__
    app.state.templates.env.globals["link"] = link  # http(s) and local hrefs only
    app.state.templates.env.globals["host_notice"] = host_notice  # base.html's banner
    app.add_middleware(CORSMiddleware, **CORS)
    app.add_middleware(languages.VaryOnLanguage)  # the pages' labels follow the language
    install_error_handlers(app)
    app.include_router(sparql.router)
    app.include_router(update.router)
    app.include_router(graph_store.router)
    app.include_router(void.router)
    app.include_router(dump.router)
    # The HTML pages are not API: not in the OpenAPI document (/docs).
    app.include_router(pages.router, include_in_schema=False)
    app.include_router(browse_lists.router, include_in_schema=False)  # /lists/...
    app.state.templates.env.globals["faceted_lists"] = browse_lists.BY_CLASS
    app.include_router(linked_data.router)  # answers: `openapi_responses.LINKED_DATA`
    app.include_router(search.router, include_in_schema=False)
    app.include_router(languages.router)  # /language: the switch of goal labels' language
    app.include_router(query_page.router)
    app.include_router(queries.router)
    app.include_router(goals_api.router)
    app.include_router(health.router)
    app.include_router(api_docs.router)
    openapi_responses.install(app)  # what each operation answers, in /openapi.json
    app.mount("/static/swagger-ui", StaticFiles(directory=str(api_docs.SWAGGER_UI_FILES)),
              name="swagger-ui")  # (before /static: the longer prefix first)
    app.mount("/static", StaticFiles(directory=str(files("cepa_kg.server").joinpath("static"))),
              name="static")
    return app
