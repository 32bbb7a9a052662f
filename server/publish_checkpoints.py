"""In the writer process of `cepa-kg serve --workers N` on the embedded store: after a request
that may have written, and before its answer leaves, a checkpoint for the front processes if
the data changed (`core/checkpoint_replica.py`), so that the client reads its write through
any front at once."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from cepa_kg.checkpoint_replica import CheckpointPublisher
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class PublishCheckpoints:
    """`state` is the app's state: its store is opened at start-up, after this is built."""

    def __init__(self, app: ASGIApp, folder: Path, state: Any) -> None:
        self.app, self.folder, self.state = app, folder, state
        self._publisher: CheckpointPublisher | None = None

    @property
    def publisher(self) -> CheckpointPublisher:
        if self._publisher is None:
            self._publisher = CheckpointPublisher(self.state.store, self.folder)
        return self._publisher

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return

        async def publishing(message: Message) -> None:
            if message["type"] == "http.response.start":
                await asyncio.to_thread(self.publisher.publish_if_changed)
            await send(message)

        await self.app(scope, receive, publishing)
