"""One SPARQL query, from its text to serialized bytes: shared by the worker processes and the
in-thread fallback. No web framework here: worker processes import this module and stay light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import pyoxigraph as ox
from cepa_kg.formats import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from cepa_kg.server.negotiation import negotiate
from cepa_kg.store import Dataset, GraphStore, QueryKind, QuerySyntaxError

RESULT_OFFERS = list(RESULT_MEDIA_TYPES)
GRAPH_OFFERS = [t for t in GRAPH_MEDIA_TYPES
                if t not in ("application/n-quads", "application/trig")]
GRAPH_OFFERS += ["application/trig", "application/n-quads"]


class NotAcceptableError(Exception):
    """No format the client accepts fits the query's kind of result."""

    client_error = True

    def __init__(self, offers: list[str]) -> None:
        super().__init__("no acceptable format for this result; available: " + ", ".join(offers))
        self.offers = offers


@dataclass(frozen=True)
class QueryJob:
    """A query as the protocol gives it: plain, picklable data (it crosses to worker processes).
    `substitutions` maps variable names to pyoxigraph terms (they pickle)."""

    query: str
    accept: str | None
    dataset: Dataset | None = None
    substitutions: Mapping[str, Any] | None = field(default=None)
    #: An update to parse, not a query: see `dry_run_update`.
    update: bool = False
    base: str | None = None


def choose_format(kind: QueryKind, accept: str | None) -> tuple[str, Any]:
    """The media type and pyoxigraph format for a result of `kind`, negotiated against `accept`.
    Raises NotAcceptableError when nothing fits."""
    offers = GRAPH_OFFERS if kind is QueryKind.GRAPH else RESULT_OFFERS
    table: Mapping[str, Any] = GRAPH_MEDIA_TYPES if kind is QueryKind.GRAPH else RESULT_MEDIA_TYPES
    chosen = negotiate(accept, offers)
    if chosen is None:
        raise NotAcceptableError(offers)
    return chosen, table[chosen]


def dry_run_update(text: str, base: str | None) -> None:
    """Parse and plan an update by running it on an empty in-memory store, in a worker
    process: if pyoxigraph's parser crashes on it, it takes the worker down, not the server
    that holds the store (which has checked `sparql_limits` already). Raises QuerySyntaxError;
    an evaluation error on the empty store (`CLEAR GRAPH` of a graph it lacks) means the text
    parsed."""
    try:
        ox.Store().update(text, base_iri=base)
    except SyntaxError as error:
        raise QuerySyntaxError(str(error)) from error
    except (RuntimeError, OSError):
        pass


def execute_into(store: GraphStore, job: QueryJob, sink: BinaryIO,
                 announce: Callable[[str], None]) -> None:
    """Run `job` on `store` and serialize its results into `sink`, calling `announce(media_type)`
    once, before the first byte. Results live and die in the calling thread. An update job is
    only parsed (`dry_run_update`), and answers `parsed`."""
    if job.update:
        dry_run_update(job.query, job.base)
        announce("text/plain")
        sink.write(b"parsed\n")
        return

    def choose(kind: QueryKind) -> Any:
        media_type, fmt = choose_format(kind, job.accept)
        announce(media_type)
        return fmt

    store.query_into(job.query, sink, choose, dataset=job.dataset,
                     substitutions=job.substitutions)
