"""What the app keeps on `app.state`, typed: handlers read it through `app_state(request)` so
that a misspelt or mistyped attribute is mypy's error, not a 500 at run time. `create_app` and
its lifespan set the attributes above the caches; the caches are made on first use by the
modules that use them (read with `getattr` until then)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from fastapi import Request

if TYPE_CHECKING:
    from cepa_kg.server.answer_cache import AnswerCache
    from cepa_kg.server.compaction import Compactor
    from cepa_kg.server.dump import DumpCache
    from cepa_kg.server.executor import QueryExecutor
    from cepa_kg.server.languages import GoalLabels
    from cepa_kg.server.metrics import Metrics
    from cepa_kg.server.page_cache import VersionCache
    from cepa_kg.server.page_warmer import PageWarmer
    from cepa_kg.server.runner import Runner
    from cepa_kg.server.void import VoidCache
    from cepa_kg.settings import Settings
    from cepa_kg.store import GraphStore
    from fastapi.templating import Jinja2Templates


class AppState(Protocol):
    settings: Settings
    store: GraphStore
    metrics: Metrics
    templates: Jinja2Templates
    serving: bool
    # set once the app has started (its lifespan)
    runner: Runner
    executor: QueryExecutor
    answer_cache: AnswerCache
    compactor: Compactor | None
    page_warmer: PageWarmer | None
    # made by the modules that use them, on first use (read with getattr until then)
    page_cache: VersionCache
    void_cache: VoidCache
    dump_cache: DumpCache
    goal_labels: GoalLabels


def app_state(request: Request) -> AppState:
    """The app's state, typed (see the module's docstring)."""
    return cast("AppState", request.app.state)
