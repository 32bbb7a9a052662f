"""A store behind any SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB, ...),
reached over the standard protocols only: SPARQL 1.1 Query and Update over HTTP.

Answers are parsed with pyoxigraph (`parse_query_results`, `parse`) and serialized by it
again, so every backend gives the same bytes in the same formats as the embedded store, and
terms crossing the interface are pyoxigraph terms whatever the server.

What the server must do: treat its default graph as the union of its named graphs
(`oxigraph serve --union-default-graph`; Virtuoso does so by default; Fuseki:
`tdb2:unionDefaultGraph true`), and accept SPARQL Update on its update URL.

Several front processes may share one remote store: `version` (the answer caches' key) also
grows every `version_poll_s`, so a write through one front reaches the others' caches within
that time.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

import httpx
import pyoxigraph as ox
from cepa_kg import sparql_limits
from cepa_kg.sparql_tokens import Token, tokens
from cepa_kg.store import (
    CommitGate,
    Dataset,
    Format,
    QueryKind,
    QuerySyntaxError,
    StagedChange,
    StoreError,
    Term,
    _diff,
    settle_change,
)

log = logging.getLogger("cepa_kg.remote_store")

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
#: Statements per INSERT DATA operation (an update request may hold several): servers
#: compile each operation at once, and some (Virtuoso) limit the size of one.
_INSERT_CHUNK = 5000
#: Bytes of update text per request when a bulk load is split (see `add_graphs`).
_REQUEST_BYTES = 4 * 1024 * 1024


class RemoteStoreError(StoreError):
    """The remote store could not be reached or answered something that is not SPARQL: 502."""


class RemoteStoreTimeout(StoreError):
    """The remote store did not answer within the time budget: 504."""


@dataclass(frozen=True)
class RemoteEndpoints:
    """Where the server takes queries and updates (often one URL for both), and optionally
    its Graph Store Protocol URL: then a graph is read with GET and replaced with PUT (one
    request that replaces the graph whole: atomic where the server makes a request one
    transaction), instead of SPARQL."""

    query: str
    update: str
    graph_store: str | None = None

    @classmethod
    def from_url(cls, url: str, update: str | None = None,
                 graph_store: str | None = None) -> RemoteEndpoints:
        """`url` is the query URL; the update URL is `update`, or the query URL with a last
        path segment `query` changed to `update` (Oxigraph server, Fuseki), or the same URL
        (Virtuoso, GraphDB's `/statements` aside)."""
        if update is None:
            head, _, last = url.rstrip("/").rpartition("/")
            update = f"{head}/update" if last in ("query", "sparql-query") else url
        return cls(url, update, graph_store)


def query_kind(sparql: str) -> QueryKind:
    """The kind of answer a query gives, from its first query-form keyword."""
    for token in tokens(sparql):
        if token.is_word("SELECT"):
            return QueryKind.SOLUTIONS
        if token.is_word("ASK"):
            return QueryKind.BOOLEAN
        if token.is_word("CONSTRUCT", "DESCRIBE"):
            return QueryKind.GRAPH
    raise QuerySyntaxError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")


def term_text(term: Term) -> str:
    """A term as SPARQL text (pyoxigraph's N-Triples form is valid SPARQL)."""
    if isinstance(term, ox.BlankNode):
        raise ValueError("a blank node cannot be bound in a query sent to a remote store")
    return str(term)


def with_values(sparql: str, substitutions: Mapping[str, Term]) -> str:
    """`sparql` with its variables bound by a VALUES block at the start of its outermost
    WHERE group: what pyoxigraph's `substitutions` do, in text every server reads."""
    if not substitutions:
        return sparql
    names = list(substitutions)
    block = (f" VALUES ({' '.join('?' + n for n in names)}) "
             f"{{ ({' '.join(term_text(substitutions[n]) for n in names)}) }} ")
    items = list(tokens(sparql))
    index = 0
    while index < len(items) and not items[index].is_word("SELECT", "ASK", "CONSTRUCT",
                                                          "DESCRIBE"):
        index += 1
    if index == len(items):
        raise QuerySyntaxError("no query form in the query")
    if items[index].is_word("CONSTRUCT"):  # skip the template: `CONSTRUCT { ... } WHERE {`
        following = items[index + 1] if index + 1 < len(items) else None
        if following is not None and following.text == "{":
            index = _after_group(items, index + 1)
    for item in items[index:]:
        if item.kind == "other" and item.text == "{":
            at = item.start + 1
            return sparql[:at] + block + sparql[at:]
    raise QuerySyntaxError("no WHERE group in the query")


def _after_group(items: list[Token], opening: int) -> int:
    depth = 0
    for position in range(opening, len(items)):
        text = items[position].text if items[position].kind == "other" else ""
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0:
                return position + 1
    return len(items)


class _Stream(io.RawIOBase):
    """An HTTP answer's body as a file pyoxigraph's parsers read while it arrives."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._rest:
            try:
                self._rest = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


def _names_a_graph(sparql: str) -> bool:
    """Whether the query has `GRAPH <iri>` (a graph named, not a variable)."""
    items = list(tokens(sparql))
    return any(item.is_word("GRAPH") and following.kind in ("iri", "pname")
               for item, following in zip(items, items[1:], strict=False))


def _ask_value(solutions: ox.QuerySolutions) -> bool:
    """Virtuoso 7 answers ASK as one row of one integer (`__ASK_RETVAL`): read it as a
    boolean. Any other server answering ASK with solutions is not speaking SPARQL."""
    rows = list(solutions)
    if len(rows) > 1 or len(solutions.variables) != 1:
        raise RemoteStoreError("the remote store answered an ASK query with a table")
    if not rows:
        return False
    value = rows[0][0]
    return isinstance(value, ox.Literal) and value.value not in ("0", "false", "")


def _boolean(value: bool) -> ox.QueryBoolean:
    # pyoxigraph makes QueryBoolean only as a query's answer
    return ox.Store().query("ASK {}" if value else "ASK { FILTER(false) }")  # type: ignore[return-value]


class RemoteStore:
    """The `GraphStore` interface over a SPARQL 1.1 server.

    `owned` are the IRI prefixes of the graphs this project writes (the base, the ontology's
    namespace): `graphs()` and the dumps list only those, so a server's own graphs
    (Virtuoso's `virtrdf#`) stay out.
    Reads are retried on connection errors (they are idempotent); writes never are.
    """

    path: Path | None = None
    read_only = False
    full: str | None = None
    version_moves_with_time = True

    def __init__(self, endpoints: RemoteEndpoints, *, owned: tuple[str, ...],
                 timeout_s: float = 30.0, auth: httpx.Auth | None = None, retries: int = 2,
                 version_poll_s: float = 1.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.endpoints = endpoints
        self.owned = owned
        self.timeout_s = timeout_s
        self.retries = retries
        self.version_poll_s = version_poll_s
        self._client = httpx.Client(
            auth=auth, timeout=httpx.Timeout(timeout_s, connect=min(5.0, timeout_s)),
            transport=transport, headers={"User-Agent": "cepa-kg"},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32))
        self._write_lock = threading.Lock()
        self._writes = 0
        #: Text put before every query: for Virtuoso, whose default graph also holds its own
        #: system graphs, pragmas that leave every graph not ours out of it (found at the
        #: first query; `None` until then).
        self._pragmas: str | None = None
        self._pragmas_lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where the store is, for people (`cepa-kg info`)."""
        return self.endpoints.query

    def close(self) -> None:
        self._client.close()

    # -- capabilities ---------------------------------------------------------------------

    @property
    def embedded(self) -> bool:
        """False: no checkpoints, worker processes or compaction; the server does those."""
        return False

    # -- HTTP -----------------------------------------------------------------------------

    def _send(self, url: str, form: dict[str, str | list[str]], accept: str | None, *,
              idempotent: bool) -> httpx.Response:
        """POST a form; the response is open (streamed) and must be closed by the caller."""
        response = self._request("POST", url, idempotent=idempotent, data=form,
                                 headers={"Accept": accept} if accept else {})
        assert response is not None  # (a 404 is an error here)
        return response

    def _request(self, method: str, url: str, *, idempotent: bool, missing_ok: bool = False,
                 **send: Any) -> httpx.Response | None:
        """One request to the store, open (streamed; the caller closes it), retried on a
        broken connection or a 502-504 when `idempotent`; None for a 404 if `missing_ok`.
        Raises QuerySyntaxError for a 400, RemoteStoreTimeout past the time budget and
        RemoteStoreError for the rest."""
        attempts = 1 + (self.retries if idempotent else 0)
        for attempt in range(attempts):
            request = self._client.build_request(method, url, **send)
            try:
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException as error:
                raise RemoteStoreTimeout(
                    f"the remote store at {url} did not answer within "
                    f"{self.timeout_s:g} s") from error
            except httpx.TransportError as error:
                if attempt + 1 < attempts:
                    time.sleep(0.1 * (attempt + 1))
                    continue
                raise RemoteStoreError(f"the remote store at {url} cannot be reached: "
                                       f"{error}") from error
            if response.status_code < 400:
                return response
            body = response.read().decode("utf-8", "replace").strip()
            response.close()
            if response.status_code == 404 and missing_ok:
                return None
            if response.status_code == 400:
                raise QuerySyntaxError(f"the remote store refused the request: {body[:500]}")
            if response.status_code in (502, 503, 504) and attempt + 1 < attempts:
                time.sleep(0.1 * (attempt + 1))
                continue
            raise RemoteStoreError(f"the remote store at {url} answered "
                                   f"{response.status_code} to {method}: {body[:300]}")
        raise AssertionError("unreachable")

    def _dialect_pragmas(self) -> str:
        """`define input:default-graph-exclude <g>` for each graph not ours, if the server
        is Virtuoso (its default graph is every graph, its system graphs included)."""
        if self._pragmas is not None:
            return self._pragmas
        with self._pragmas_lock:
            if self._pragmas is None:
                probe = self._send(self.endpoints.query, {"query": "ASK { }"}, _RESULTS_JSON,
                                   idempotent=True)
                probe.read()
                probe.close()
                pragmas = ""
                if probe.headers.get("server", "").lower().startswith("virtuoso"):
                    owned = " || ".join(f"STRSTARTS(STR(?g), {ox.Literal(prefix)})"
                                        for prefix in self.owned)
                    foreign = self._select_raw(
                        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                        f"FILTER(!({owned})) }}")
                    pragmas = "".join(f"define input:default-graph-exclude <{g}>\n"
                                      f"define input:named-graph-exclude <{g}>\n"
                                      for g in sorted(foreign))
                self._pragmas = pragmas
        return self._pragmas

    def _select_raw(self, sparql: str) -> list[str]:
        response = self._send(self.endpoints.query, {"query": sparql}, _RESULTS_JSON,
                              idempotent=True)
        try:
            parsed = ox.parse_query_results(response.read(), format=ox.QueryResultsFormat.JSON)
        finally:
            response.close()
        return [row[0].value for row in parsed if row[0] is not None]  # type: ignore[union-attr]

    def _query(self, sparql: str, dataset: Dataset | None,
               substitutions: Mapping[str, Term] | None) -> tuple[QueryKind, httpx.Response]:
        sparql_limits.check(sparql)
        kind = query_kind(sparql)
        text = with_values(sparql, substitutions) if substitutions else sparql
        if not _names_a_graph(sparql):
            # Virtuoso 7 answers `ASK { GRAPH <g> {...} }` true for any <g> under these
            # pragmas; a query that names its graphs does not need them
            text = self._dialect_pragmas() + text
        form: dict[str, str | list[str]] = {"query": text}
        if dataset is not None:
            if dataset.default_graphs:
                form["default-graph-uri"] = list(dataset.default_graphs)
            if dataset.named_graphs:
                form["named-graph-uri"] = list(dataset.named_graphs)
        accept = _NTRIPLES if kind is QueryKind.GRAPH else _RESULTS_JSON
        return kind, self._send(self.endpoints.query, form, accept, idempotent=True)

    def _answer(self, sparql: str, dataset: Dataset | None = None,
                substitutions: Mapping[str, Term] | None = None,
                ) -> tuple[QueryKind, ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple],
                           httpx.Response]:
        kind, response = self._query(sparql, dataset, substitutions)
        body = io.BufferedReader(_Stream(response.iter_bytes()), 65536)
        try:
            if kind is QueryKind.GRAPH:
                quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                return kind, (quad.triple for quad in quads), response
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:
            response.close()
            raise RemoteStoreError(f"the remote store's answer is not SPARQL JSON results: "
                                   f"{error}") from error
        if kind is QueryKind.BOOLEAN and isinstance(parsed, ox.QuerySolutions):
            value = _ask_value(parsed)
            response.close()
            return kind, _boolean(value), response
        return kind, parsed, response

    # -- reads ----------------------------------------------------------------------------

    def query_into(self, sparql: str, sink: BinaryIO,
                   choose_format: Callable[[QueryKind], Format], *,
                   dataset: Dataset | None = None,
                   substitutions: Mapping[str, Term] | None = None,
                   ) -> tuple[QueryKind, Format]:
        kind, result, response = self._answer(sparql, dataset, substitutions)
        try:
            fmt = choose_format(kind)
            try:
                if kind is QueryKind.GRAPH:
                    ox.serialize(result, sink, format=fmt)  # type: ignore[arg-type]
                else:
                    answer = cast("ox.QuerySolutions | ox.QueryBoolean", result)
                    answer.serialize(sink, format=cast(ox.QueryResultsFormat, fmt))
            except SyntaxError as error:
                raise RemoteStoreError(f"the remote store's answer broke off or is not "
                                       f"valid: {error}") from error
            except httpx.TimeoutException as error:
                raise RemoteStoreTimeout("the remote store stopped sending within "
                                         f"{self.timeout_s:g} s") from error
            return kind, fmt
        finally:
            response.close()

    def select(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None,
               ) -> list[dict[str, Term]]:
        kind, result, response = self._answer(sparql, None, substitutions)
        try:
            if kind is not QueryKind.SOLUTIONS:
                raise ValueError("select() needs a SELECT query")
            names = [v.value for v in result.variables]  # type: ignore[union-attr]
            return [{name: value for name in names
                     if (value := solution[name]) is not None}
                    for solution in result]  # type: ignore[union-attr]
        except SyntaxError as error:
            raise RemoteStoreError(f"the remote store's answer is not valid: {error}") from error
        finally:
            response.close()

    def ask(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None) -> bool:
        kind, result, response = self._answer(sparql, None, substitutions)
        response.close()
        if kind is not QueryKind.BOOLEAN:
            raise ValueError("ask() needs an ASK query")
        return bool(result)

    def construct(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None,
                  ) -> list[ox.Triple]:
        kind, result, response = self._answer(sparql, None, substitutions)
        try:
            if kind is not QueryKind.GRAPH:
                raise ValueError("construct() needs a CONSTRUCT or DESCRIBE query")
            return list(result)  # type: ignore[arg-type]
        except SyntaxError as error:
            raise RemoteStoreError(f"the remote store's answer is not valid: {error}") from error
        finally:
            response.close()

    def graphs(self) -> list[str]:
        rows = self.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._owned_filter()} }}")
        return sorted(g.value for row in rows if isinstance(g := row.get("g"), ox.NamedNode))

    def _owned_filter(self) -> str:
        tests = " || ".join(f"STRSTARTS(STR(?g), {ox.Literal(prefix)})" for prefix in self.owned)
        return f"FILTER({tests})"

    def has_graph(self, graph: str) -> bool:
        return self.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")

    def _graph_triples(self, graph: str) -> list[ox.Triple]:
        if self.endpoints.graph_store is not None:
            data = self._gsp_get(graph)
            if data is None:
                return []
            return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        return self.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")

    def _gsp(self, method: str, graph: str, *, body: bytes | None = None,
             idempotent: bool) -> bytes | None:
        """A Graph Store Protocol request on `graph`: its answer's body; None for a 404 (no
        such graph)."""
        assert self.endpoints.graph_store is not None
        headers = ({"Content-Type": "text/turtle"} if body is not None
                   else {"Accept": _NTRIPLES})  # N-Triples is Turtle: every server reads it
        response = self._request(method, self.endpoints.graph_store, idempotent=idempotent,
                                 missing_ok=True, params={"graph": graph}, content=body,
                                 headers=headers)
        if response is None:
            return None
        try:
            return response.read()
        finally:
            response.close()

    def _gsp_get(self, graph: str) -> bytes | None:
        return self._gsp("GET", graph, idempotent=True)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        for name in [graph] if graph else self.graphs():
            node = ox.NamedNode(name)
            for triple in self._graph_triples(name):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, node)

    def dump(self, sink: BinaryIO, *, format: ox.RdfFormat, graph: str | None = None,
             prefixes: Mapping[str, str] | None = None) -> None:
        chosen = dict(prefixes) if prefixes else None
        if graph is not None and not format.supports_datasets:
            ox.serialize(self._graph_triples(graph), sink, format=format, prefixes=chosen)
        else:
            ox.serialize(self.quads(graph), sink, format=format, prefixes=chosen)

    def dump_union(self, sink: BinaryIO, *, format: ox.RdfFormat,
                   prefixes: Mapping[str, str] | None = None) -> None:
        triples = self.construct(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g "
            f"{{ ?s ?p ?o }} {self._owned_filter()} }} }}")
        ox.serialize(triples, sink, format=format, prefixes=dict(prefixes) if prefixes else None)

    def graph_ntriples(self, graph: str | None) -> bytes | None:
        if graph is None:
            return b""  # the server's own default graph is the union here, not a graph
        if self.endpoints.graph_store is not None:
            return self._gsp_get(graph)  # None for a 404: one request, not an ASK first
        if not self.has_graph(graph):
            return None
        return ox.serialize(self._graph_triples(graph), format=ox.RdfFormat.N_TRIPLES) or b""

    # -- version --------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """Grows on every write through this process, and every `version_poll_s`: another
        front may have written (the server says nothing), so what is cached under a version
        lives that long at most. A marker in the data would show in every query's answer."""
        return self._writes + int(time.monotonic() / self.version_poll_s)

    # -- writes ---------------------------------------------------------------------------

    def _write(self, operations: Iterable[str]) -> None:
        """Send update operations as ONE request."""
        text = " ;\n".join(operations)
        if not text:
            return
        with self._write_lock:
            try:
                response = self._send(self.endpoints.update, {"update": text}, None,
                                      idempotent=False)
                response.read()
                response.close()
            finally:
                self._writes += 1  # a write that failed half-way may have written

    def update(self, sparql: str) -> None:
        sparql_limits.check(sparql, what="update")
        self._write([sparql])

    def replace_graph(self, graph: str, data: bytes, *, format: ox.RdfFormat,
                      base_iri: str | None = None) -> None:
        triples = list(ox.parse(data, format=format, base_iri=base_iri))
        if self.endpoints.graph_store is not None:
            body = ox.serialize((q.triple for q in triples), format=ox.RdfFormat.N_TRIPLES)
            with self._write_lock:
                try:
                    self._gsp("PUT", graph, body=body or b"", idempotent=False)
                finally:
                    self._writes += 1
            return
        self._write([f"DROP SILENT GRAPH <{graph}>",
                     *_insert_operations(graph, (q.triple for q in triples))])

    def add_graphs(self, nquads: bytes) -> None:
        """New graphs in requests of at most `_REQUEST_BYTES` (servers cap a request's size:
        Virtuoso at 10 MB), a graph never split between two: each document's graph arrives
        whole, though a bulk load is not one transaction here."""
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.NamedNode):
                by_graph.setdefault(quad.graph_name.value, []).append(quad.triple)
        batch: list[str] = []
        size = 0
        for graph, triples in by_graph.items():
            operations = list(_insert_operations(graph, triples))
            weight = sum(len(op) for op in operations)
            if batch and size + weight > _REQUEST_BYTES:
                self._write(batch)
                batch, size = [], 0
            batch.extend(operations)
            size += weight
        if batch:
            self._write(batch)

    def drop_graph(self, graph: str) -> None:
        self._write([f"DROP SILENT GRAPH <{graph}>"])

    def change_checked(self, mutate: Callable[[ox.Store], None], *,
                       check: Callable[[StagedChange], None] | None = None,
                       gate: CommitGate | None = None) -> StagedChange:
        """As the embedded store's: stage on an in-memory copy of our graphs, check, then
        commit the changed graphs in one update request."""
        staging, before = ox.Store(), ox.Store()
        for quad in self.quads():
            staging.add(quad)
            before.add(quad)
        try:
            mutate(staging)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error
        change = _diff(before, staging)
        del staging, before
        return settle_change(change, lambda c: self._write(_commit_operations(c)),
                             check=check, gate=gate)

    def flush(self) -> None:
        """Nothing to do: the server keeps its own buffers."""

    def optimize(self) -> None:
        """Nothing to do: compaction is the server's."""


def _commit_operations(change: StagedChange) -> list[str]:
    """The update operations that give every changed graph its new triples (the embedded
    store's `commit_update`, with inserts any server takes)."""
    operations = []
    for graph, triples in change.graphs.items():
        if graph is None:
            continue  # the default graph is the union of ours here: nothing of its own
        operations.append(f"DROP SILENT GRAPH <{graph}>")
        if graph not in change.removed:
            operations.extend(_insert_operations(graph, triples))
    return operations


def _insert_operations(graph: str, triples: Iterable[ox.Triple]) -> Iterator[str]:
    """INSERT DATA operations of at most `_INSERT_CHUNK` triples, and the triples with blank
    nodes in one `INSERT { ... } WHERE {}` (a blank node keeps its identity within one
    operation only, and Virtuoso refuses blank nodes in INSERT DATA)."""
    chunk: list[ox.Triple] = []
    with_blanks: list[ox.Triple] = []

    def body(part: list[ox.Triple]) -> str:
        return cast(bytes, ox.serialize(part, format=ox.RdfFormat.N_TRIPLES)).decode("utf-8")

    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            with_blanks.append(triple)
            continue
        chunk.append(triple)
        if len(chunk) >= _INSERT_CHUNK:
            yield f"INSERT DATA {{ GRAPH <{graph}> {{\n{body(chunk)}}} }}"
            chunk = []
    if chunk:
        yield f"INSERT DATA {{ GRAPH <{graph}> {{\n{body(chunk)}}} }}"
    if with_blanks:
        yield f"INSERT {{ GRAPH <{graph}> {{\n{body(with_blanks)}}} }} WHERE {{}}"
