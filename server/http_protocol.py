"""The HTTP/1.1 protocol `cepa-kg serve` gives uvicorn: httptools for every connection, but h11
for a connection whose first request offers an upgrade other than WebSocket.

JDK HTTP clients (Jena's `rsparql --post`, RDF4J) offer HTTP/2 on plain HTTP with every new
connection: `Connection: Upgrade, HTTP2-Settings`, `Upgrade: h2c`. A server may ignore the offer
(RFC 9110 7.8), and uvicorn does, but with httptools the request's body is then never read
(uvicorn issue 2722, open): a POSTed query arrived empty and got 400. uvicorn's h11 protocol
reads it. h11 for every connection would halve the light-query rate (wrk, one in-memory store,
a cached `SELECT ... LIMIT 1`: 5,470-5,690 requests/s with httptools, 2,360-2,880 with h11), so
each connection is sent to one of uvicorn's two maintained protocols by its first request's
head, as uvicorn's own `AutoZttpProtocol` sends one to HTTP/1.1 or HTTP/2 by its first bytes
(an offer comes with a connection's first request: a client that sees it ignored goes on in
HTTP/1.1).
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

__all__ = ["UpgradeAwareProtocol", "offers_upgrade"]

#: Past this much of a head without its end, httptools takes it (and refuses it if too long).
_HEAD_LIMIT = 64 * 1024
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_UPGRADE = re.compile(rb"\r?\nupgrade[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)


def offers_upgrade(head: bytes) -> bool:
    """Whether a request head offers an upgrade to something other than WebSocket (h2c)."""
    found = _UPGRADE.search(head)
    return found is not None and found[1].strip().lower() != b"websocket"


class UpgradeAwareProtocol(asyncio.Protocol):
    """Reads a connection's first request head, then hands the connection (and what it read)
    to uvicorn's h11 protocol if the head offers an upgrade, else to its httptools protocol."""

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        if not config.loaded:
            config.load()
        self.config, self.server_state, self.app_state = config, server_state, app_state
        self.loop = _loop or asyncio.get_event_loop()
        self.transport: asyncio.Transport | None = None
        self.timeout: asyncio.TimerHandle | None = None
        self.buffer = b""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.transport = transport  # uvloop's transports are not asyncio.Transport subclasses
        self.server_state.connections.add(self)  # type: ignore[arg-type]  # shut down with the rest
        self.timeout = self.loop.call_later(self.config.timeout_keep_alive, transport.close)

    def connection_lost(self, exc: Exception | None) -> None:
        self._forget()

    def eof_received(self) -> None:
        pass

    def shutdown(self) -> None:
        """uvicorn stops: nothing was asked on this connection yet."""
        if self.transport is not None:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = _HEAD_END.search(self.buffer)
        if end is None and len(self.buffer) < _HEAD_LIMIT:
            return
        head = self.buffer[: end.end() if end else len(self.buffer)]
        self._switch(H11Protocol if offers_upgrade(head) else HttpToolsProtocol)

    def _forget(self) -> None:
        self.server_state.connections.discard(self)
        if self.timeout is not None:
            self.timeout.cancel()
            self.timeout = None

    def _switch(self, protocol_class: type[H11Protocol | HttpToolsProtocol]) -> None:
        assert self.transport is not None
        self._forget()
        protocol = protocol_class(config=self.config, server_state=self.server_state,
                                  app_state=self.app_state, _loop=self.loop)
        self.transport.set_protocol(protocol)
        protocol.connection_made(self.transport)
        data, self.buffer = self.buffer, b""
        protocol.data_received(data)
