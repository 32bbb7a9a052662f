"""The one interface through which all code reaches the triple store, and its embedded
Oxigraph implementation.

Terms crossing the interface are pyoxigraph terms (`NamedNode`, `Literal`, ...), whatever the
backend, so a remote SPARQL 1.1 store can implement the same protocol later by parsing its
answers with `pyoxigraph.parse_query_results`.

Threading: pyoxigraph results are bound to the thread that made them (NOTES-pyoxigraph.md).
Every method here executes, consumes and drops its results before returning, so each call is
safe from any one thread; the server calls them from worker threads, never the event loop.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, cast

import pyoxigraph as ox
from cepa_kg import sparql_limits
from cepa_kg.commands_errors import CliError
from cepa_kg.sort_guard import with_total_order
from cepa_kg.storage_full import REMEDIES, full_reason

log = logging.getLogger("cepa_kg.store")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Format = ox.QueryResultsFormat | ox.RdfFormat


class StoreError(Exception):
    """Base of the store's errors."""


class QuerySyntaxError(StoreError):
    """The query or update text is not valid SPARQL; the message is the parser's."""

    client_error = True


class StoreLockedError(StoreError):
    """Another process holds the store folder open for writing."""


class StorageFullError(StoreError, CliError):
    """The store could not write: its disk is full (or a quota or a file-size limit is
    reached). Nothing of the failed write is in the store. A CliError too, so that the command
    line prints it as one line (`cepa-kg: error: no space left on device on STORE; ...`).

    RocksDB refuses every write after one failed for room, until the store is opened again."""

    def __init__(self, path: Path | None, reason: str) -> None:
        self.path, self.reason = path, reason
        self.remedy = REMEDIES.get(reason, "free space")
        super().__init__(f"{reason} on {path}; {self.remedy} and try again")


class ChangeAbandonedError(StoreError):
    """A staged change was not committed because its caller gave up waiting for it."""


class CommitGate:
    """Decides, once, between committing a staged change and abandoning it.

    A write runs in a thread that cannot be stopped; when its caller's time budget runs out
    first, the caller `abandon`s it and the writer, reaching its commit, writes nothing. If the
    writer got there first (`commit` returned True), `abandon` says so and the caller waits for
    `finished` instead of reporting a failure that did not happen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = "open"
        self.finished = threading.Event()
        self.change: StagedChange | None = None  # what was committed, once `finished`
        self.error: BaseException | None = None  # why the commit failed, if it did

    def commit(self) -> bool:
        with self._lock:
            if self._state == "abandoned":
                return False
            self._state = "committing"
            return True

    @property
    def abandoned(self) -> bool:
        """Whether the caller gave up (a long check may stop early)."""
        return self._state == "abandoned"

    def abandon(self) -> bool:
        with self._lock:
            if self._state == "committing":
                return False
            self._state = "abandoned"
            return True


class QueryKind(enum.Enum):
    SOLUTIONS = "solutions"  # SELECT
    BOOLEAN = "boolean"  # ASK
    GRAPH = "graph"  # CONSTRUCT / DESCRIBE


@dataclass(frozen=True)
class Dataset:
    """A query's RDF dataset from the protocol (`default-graph-uri`, `named-graph-uri`).
    None of both: the default graph is the union of all named graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class GraphStore(Protocol):
    """What cepa-kg needs from a store. Graph names are IRI strings. Two implementations:
    `OxigraphStore` (embedded) and `cepa_kg.remote_store.RemoteStore` (a SPARQL 1.1 server).
    Capabilities are read from the store, never from its class: `path` is the folder of an
    embedded on-disk store (checkpoints, query worker processes and compaction need one),
    None otherwise."""

    path: Path | None
    read_only: bool
    #: Why the store refuses writes for want of room (an embedded store on a full disk).
    full: str | None
    #: The version also grows with time, not only with this process's writes (a store others
    #: write to): what is cached under it lives a bounded time, and is not worth warming.
    version_moves_with_time: bool

    def query_into(
        self,
        sparql: str,
        sink: BinaryIO,
        choose_format: Callable[[QueryKind], Format],
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Term] | None = None,
    ) -> tuple[QueryKind, Format]:
        """Run a query and serialize its results into `sink` in the format `choose_format`
        picks once the query's kind is known (it may raise to refuse the kind)."""
        ...

    def select(
        self, sparql: str, *, substitutions: Mapping[str, Term] | None = None
    ) -> list[dict[str, Term]]: ...

    def ask(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None) -> bool: ...

    def construct(
        self, sparql: str, *, substitutions: Mapping[str, Term] | None = None
    ) -> list[ox.Triple]: ...

    def replace_graph(self, graph: str, data: bytes, *, format: ox.RdfFormat,
                      base_iri: str | None = None) -> None:
        """Make `graph` hold exactly `data`, atomically: readers see the old or the new graph."""
        ...

    def add_graphs(self, nquads: bytes) -> None:
        """Add N-Quads for named graphs that do not exist yet, all or nothing (bulk loads).
        The N-Quads are pyoxigraph's own serialization (their IRIs are not checked again)."""
        ...

    def has_graph(self, graph: str) -> bool: ...

    def drop_graph(self, graph: str) -> None: ...

    def update(self, sparql: str) -> None: ...

    def graphs(self) -> list[str]: ...

    def dump(self, sink: BinaryIO, *, format: ox.RdfFormat, graph: str | None = None,
             prefixes: Mapping[str, str] | None = None) -> None: ...

    def dump_union(self, sink: BinaryIO, *, format: ox.RdfFormat,
                   prefixes: Mapping[str, str] | None = None) -> None: ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]: ...

    def graph_ntriples(self, graph: str | None) -> bytes | None: ...

    def change_checked(self, mutate: Callable[[ox.Store], None], *,
                       check: Callable[[StagedChange], None] | None = None,
                       gate: CommitGate | None = None) -> StagedChange: ...

    def flush(self) -> None: ...

    def optimize(self) -> None: ...

    @property
    def version(self) -> int:
        """Grows on every write: a cheap cache key for answers derived from the data."""
        ...


def _graph_node(graph: str) -> ox.NamedNode:
    return ox.NamedNode(graph)


def _kind_of(result: object) -> QueryKind:
    if isinstance(result, ox.QuerySolutions):
        return QueryKind.SOLUTIONS
    if isinstance(result, ox.QueryBoolean):
        return QueryKind.BOOLEAN
    return QueryKind.GRAPH


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (a folder) or in memory (`path=None`).

    The SPARQL default graph is the union of the named graphs unless a query's dataset says
    otherwise. Writes are serialised behind one lock; reads run in parallel.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False,
                 total_order: bool = True) -> None:
        self.path = path
        #: Put a class key before each ORDER BY condition (`sort_guard`): a process that must
        #: not die (the server's) needs it; a query worker runs the text as given, twice as
        #: fast on large sorts, and the pool runs a query again with the keys if it died.
        self.total_order = total_order
        #: Why the store cannot write, once a write failed for room (or it was opened
        #: read-only for want of it); None while it can.
        self.full: str | None = None
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                self._store = self._open_writable(path)
        except OSError as error:
            if "lock" in str(error).lower() and full_reason(error) is None:
                raise StoreLockedError(
                    f"the store at {path} is open in another process (stop it, or use "
                    f"another --store): {error}"
                ) from error
            raise
        self.read_only = read_only or self.full is not None
        self.version_moves_with_time = False
        self._write_lock = threading.Lock()
        self._version = 0

    def _open_writable(self, path: Path) -> ox.Store:
        """Open read-write; if the disk has no room for that (opening replays the write-ahead
        log into new files), open read-only, say so in one line and refuse writes
        (StorageFullError). Raises StorageFullError if even that fails (no store there)."""
        try:
            path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(path))
        except OSError as error:
            reason = full_reason(error)
            if reason is None:
                raise
            try:
                store = ox.Store.read_only(str(path))
            except OSError:
                raise StorageFullError(path, reason) from error
        self.full = reason
        log.warning("cepa-kg: %s on %s: the store is open read-only (reads work; writes are "
                    "refused until space is freed)", reason, path)
        return store

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Around every write: a full disk raises StorageFullError (the write did nothing)."""
        if self.full is not None:
            raise StorageFullError(self.path, self.full)
        try:
            yield
        except OSError as error:
            reason = full_reason(error)
            if reason is None:
                raise
            self.full = reason
            raise StorageFullError(self.path, reason) from error

    @property
    def version(self) -> int:
        return self._version

    # -- reads ---------------------------------------------------------------------------

    def _execute(
        self,
        sparql: str,
        dataset: Dataset | None,
        substitutions: Mapping[str, Term] | None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        kwargs: dict[str, object] = {}
        if dataset and (dataset.default_graphs or dataset.named_graphs):
            if dataset.default_graphs:
                kwargs["default_graph"] = [_graph_node(g) for g in dataset.default_graphs]
            if dataset.named_graphs:
                kwargs["named_graphs"] = [_graph_node(g) for g in dataset.named_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        sparql_limits.check(sparql)  # past them, pyoxigraph's parser can crash the process
        if self.total_order:
            sparql = with_total_order(sparql)  # a sort over mixed types would abort it too
        try:
            return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error

    def query_into(
        self,
        sparql: str,
        sink: BinaryIO,
        choose_format: Callable[[QueryKind], Format],
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Term] | None = None,
    ) -> tuple[QueryKind, Format]:
        result = self._execute(sparql, dataset, substitutions)
        try:
            kind = _kind_of(result)
            fmt = choose_format(kind)
            result.serialize(sink, format=fmt)  # type: ignore[arg-type]
            return kind, fmt
        finally:
            # The results must die in this thread: an exception escaping with its traceback
            # would otherwise keep them alive into whichever thread handles it.
            del result

    def select(
        self, sparql: str, *, substitutions: Mapping[str, Term] | None = None
    ) -> list[dict[str, Term]]:
        result = self._execute(sparql, None, substitutions)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = value
            rows.append(row)
        return rows

    def ask(self, sparql: str, *, substitutions: Mapping[str, Term] | None = None) -> bool:
        result = self._execute(sparql, None, substitutions)
        if not isinstance(result, ox.QueryBoolean):
            raise ValueError("ask() needs an ASK query")
        return bool(result)

    def construct(
        self, sparql: str, *, substitutions: Mapping[str, Term] | None = None
    ) -> list[ox.Triple]:
        result = self._execute(sparql, None, substitutions)
        if not isinstance(result, ox.QueryTriples):
            raise ValueError("construct() needs a CONSTRUCT or DESCRIBE query")
        return list(result)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, sink: BinaryIO, *, format: ox.RdfFormat, graph: str | None = None,
             prefixes: Mapping[str, str] | None = None) -> None:
        """Write one graph, or every graph, in `format` (with `prefixes` where it has them)."""
        chosen = dict(prefixes) if prefixes else None
        if graph is not None:
            self._store.dump(sink, format=format, from_graph=_graph_node(graph), prefixes=chosen)
        else:
            self._store.dump(sink, format=format, prefixes=chosen)

    def dump_union(self, sink: BinaryIO, *, format: ox.RdfFormat,
                   prefixes: Mapping[str, str] | None = None) -> None:
        """Write the triples of the union of all graphs, streamed, in a triple `format`."""
        triples = cast(ox.QueryTriples, self._store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
        ox.serialize(triples, sink, format=format, prefixes=dict(prefixes) if prefixes else None)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one graph or of all (for tests and small exports)."""
        return self._store.quads_for_pattern(
            None, None, None, _graph_node(graph) if graph else None
        )

    # -- writes --------------------------------------------------------------------------

    def replace_graph(
        self, graph: str, data: bytes, *, format: ox.RdfFormat, base_iri: str | None = None
    ) -> None:
        # Parse first (a syntax error leaves everything untouched), then swap in ONE update:
        # `DROP ...; INSERT DATA ...` is one transaction, one commit. Staging in a temporary
        # graph and MOVE-ing it cost 2.4x as much on disk (273 against 113 ms for a
        # 3,451-triple document, 40 documents in the store).
        triples = ox.parse(data, format=format, base_iri=base_iri)
        ntriples = cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).decode("utf-8")
        target = str(_graph_node(graph))
        with self._write_lock, self._writing():
            self._store.update(
                f"DROP SILENT GRAPH {target} ; INSERT DATA {{ GRAPH {target} {{\n{ntriples}}} }}")
            self._version += 1

    def add_graphs(self, nquads: bytes) -> None:
        # On disk, RocksDB's bulk loader (SST files ingested at once, atomically) writes about
        # 3x faster than a transaction: 165,000 against 58,000 quads/s here. The data is
        # N-Quads pyoxigraph serialized, so parsing cannot fail half-way, and its IRIs were
        # checked when pyoxigraph made its terms: the parser need not check them again
        # (`lenient`: 12% less CPU a bulk load, bench/RESULTS.md).
        with self._write_lock, self._writing():
            if self.path is not None:
                self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
            else:
                self._store.load(nquads, format=ox.RdfFormat.N_QUADS)
            self._version += 1

    def has_graph(self, graph: str) -> bool:
        return self._store.contains_named_graph(_graph_node(graph))

    def drop_graph(self, graph: str) -> None:
        with self._write_lock, self._writing():
            self._store.update(f"DROP SILENT GRAPH <{graph}>")
            self._version += 1

    def update(self, sparql: str) -> None:
        sparql_limits.check(sparql, what="update")
        with self._write_lock, self._writing():
            try:
                self._store.update(sparql)
            except SyntaxError as error:
                raise QuerySyntaxError(str(error)) from error
            self._version += 1

    # -- checked writes (SPARQL Update, Graph Store Protocol) -----------------------------

    def change_checked(
        self,
        mutate: Callable[[ox.Store], None],
        *,
        check: Callable[[StagedChange], None] | None = None,
        gate: CommitGate | None = None,
    ) -> StagedChange:
        """Apply `mutate` to a staging copy of the dataset (an in-memory store), hand the
        graphs it changed to `check` (which raises to refuse them), then commit the changed
        graphs in one update: readers see the old data or the new, and a refused or failed
        change leaves the store untouched. The copy costs a pass over the dataset: fine for
        this knowledge graph (10^4-10^5 quads), not meant for bulk loads (use the loader).

        With a `gate`, the change is committed only if the gate allows it (its caller has not
        given up waiting).

        Raises QuerySyntaxError for a bad update, ChangeAbandonedError when the gate refused,
        and whatever `mutate` or `check` raise; StorageFullError at once when the store
        already found no room (it refuses every write until it is opened again)."""
        if self.full is not None:
            raise StorageFullError(self.path, self.full)
        with self._write_lock:
            staging = ox.Store()
            staging.extend(self._store.quads_for_pattern(None, None, None, None))
            for graph in self._store.named_graphs():
                staging.add_graph(graph)
            try:
                mutate(staging)
            except SyntaxError as error:
                raise QuerySyntaxError(str(error)) from error
            change = _diff(self._store, staging)
            del staging

            def commit(change: StagedChange) -> None:
                with self._writing():
                    self._store.update(change.commit_update())
                self._version += 1

            return settle_change(change, commit, check=check, gate=gate)

    def graph_ntriples(self, graph: str | None) -> bytes | None:
        """One graph (None: the store's own default graph) as N-Triples; None if the named
        graph does not exist. For the Graph Store Protocol."""
        import io

        if graph is not None and not self._store.contains_named_graph(_graph_node(graph)):
            return None
        sink = io.BytesIO()
        self._store.dump(sink, format=ox.RdfFormat.N_TRIPLES,
                         from_graph=_graph_node(graph) if graph else ox.DefaultGraph())
        return sink.getvalue()

    def flush(self) -> None:
        """Write the buffers to disk. On a full disk this does nothing and says so: what was
        committed is in the write-ahead log (or ingested files) already, and is replayed
        when the store is next opened with room to spare."""
        if self.path is None or self.read_only or self.full is not None:
            return
        try:
            with self._writing():
                self._store.flush()
        except StorageFullError as error:
            log.warning("cepa-kg: %s; the store keeps what was committed, in its "
                        "write-ahead log", error)

    def optimize(self) -> None:
        """Compact an on-disk store (RocksDB): after any write, reads merge the new files with
        the old until this runs, and scans are 10-25% slower, several times after many loads
        (see `server.compaction`). Instant when nothing was written since the last one; readers
        and writers may go on meanwhile."""
        if self.path is not None and self.full is not None:
            raise StorageFullError(self.path, self.full)
        if self.path is not None and not self.read_only:
            with self._writing():
                self._store.optimize()

    # -- checkpoints (query workers read them; see cepa_kg.server.workers) ----------------

    def checkpoint(self, target: Path) -> None:
        """Write a consistent read-only copy of an on-disk store into the new folder `target`
        (RocksDB hard links: about a millisecond). Other processes open it with
        `OxigraphStore(target, read_only=True)` while this store keeps taking writes.

        Raises ValueError for an in-memory store, StorageFullError when the disk has no room
        for it (a checkpoint first writes what is buffered) and OSError if `target` exists.
        """
        if self.path is None:
            raise ValueError("an in-memory store has no checkpoints")
        try:
            self._store.backup(str(target))
        except OSError as error:
            reason = full_reason(error)
            if reason is None:
                raise
            raise StorageFullError(self.path, reason) from error


@dataclass(frozen=True)
class StagedChange:
    """What a checked write changes: graph (None: the default graph) -> its new triples
    (an empty tuple: emptied), plus the named graphs it creates and removes."""

    graphs: Mapping[str | None, tuple[ox.Triple, ...]]
    created: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()

    def ntriples(self, graph: str | None) -> bytes:
        return ox.serialize(self.graphs.get(graph, ()), format=ox.RdfFormat.N_TRIPLES) or b""

    def commit_update(self) -> str:
        """One SPARQL update (one transaction) that gives every changed graph its new triples."""
        operations = []
        for graph, triples in self.graphs.items():
            if graph is None:
                operations.append("CLEAR SILENT DEFAULT")
            elif graph in self.removed:
                operations.append(f"DROP SILENT GRAPH <{graph}>")
                continue
            else:
                operations.append(f"DROP SILENT GRAPH <{graph}>")
                operations.append(f"CREATE SILENT GRAPH <{graph}>")
            if triples:
                body = self.ntriples(graph).decode("utf-8")
                operations.append(f"INSERT DATA {{ {body} }}" if graph is None
                                  else f"INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}")
        return " ;\n".join(operations)


def settle_change(change: StagedChange, commit: Callable[[StagedChange], None], *,
                  check: Callable[[StagedChange], None] | None = None,
                  gate: CommitGate | None = None) -> StagedChange:
    """The end of every store's `change_checked`: `check` the staged change (it raises to
    refuse it), let the `gate` refuse it if its caller gave up, `commit` it if it changes
    anything, and tell the gate how it ended."""
    if check is not None:
        check(change)
    if gate is not None and not gate.commit():
        raise ChangeAbandonedError("the change ran past its time budget; nothing was written")
    try:
        if change.graphs:
            commit(change)
        if gate is not None:
            gate.change = change
    except BaseException as error:
        if gate is not None:
            gate.error = error
        raise
    finally:
        if gate is not None:
            gate.finished.set()
    return change


def _diff(before: ox.Store, after: ox.Store) -> StagedChange:
    """The graphs whose triples differ between two stores (blank nodes compared by id: the
    staging copy keeps them)."""

    def by_graph(store: ox.Store) -> dict[str | None, set[ox.Triple]]:
        out: dict[str | None, set[ox.Triple]] = {}
        for quad in store.quads_for_pattern(None, None, None, None):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
            out.setdefault(name, set()).add(quad.triple)
        return out

    def names(store: ox.Store) -> set[str]:
        return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}

    old, new = by_graph(before), by_graph(after)
    old_names, new_names = names(before), names(after)
    created, removed = new_names - old_names, old_names - new_names
    graphs = {g: tuple(new.get(g, ())) for g in set(old) | set(new) | created | removed
              if old.get(g, set()) != new.get(g, set()) or g in created or g in removed}
    return StagedChange(graphs, frozenset(created), frozenset(removed))

