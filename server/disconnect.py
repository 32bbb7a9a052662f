"""Stop the work of a client that went away: a query waiting for its answer's head (computing
in a worker, or waiting for one) is cancelled as soon as its client disconnects, and the
worker is told to stop (killed if it does not, see `workers`), instead of running on to its
budget for nobody."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request

T = TypeVar("T")


class ClientGoneError(Exception):
    """The client disconnected before its answer was ready."""

    client_error = True


async def _disconnected(request: Request) -> None:
    """Returns when the client has disconnected (the request's body, if any, was read
    before: messages other than the disconnect are dropped)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def unless_gone(request: Request, work: Awaitable[T]) -> T:
    """The result of `work`; if the client disconnects first, `work` is cancelled and
    ClientGoneError raised."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait((task, watch), return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        task.cancel()
        raise
    finally:
        watch.cancel()
    if task.done():
        return task.result()
    task.cancel()
    raise ClientGoneError("the client went away; its query was stopped")
