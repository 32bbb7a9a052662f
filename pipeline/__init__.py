"""From files to the store: read, detect, parse, map, validate, then replace the document's
graph in one transaction. A document that fails any step leaves the store as it was."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal, cast

import pyoxigraph as ox
from cepa_kg import __version__
from cepa_kg.loaders import registry
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import Loader, MappingContext, ParseError
from cepa_kg.loaders.document_rdf import describe_coverage, describe_document
from cepa_kg.loaders.iris import Iris, document_slug
from cepa_kg.loaders.triples import Triples
from cepa_kg.parallel import parallel_map
from cepa_kg.reference import install_reference
from cepa_kg.sources import Location, SourceError, SourceText, is_address, read_location
from cepa_kg.store import GraphStore, StorageFullError
from cepa_kg.validation import ValidationReport, compiled_shapes, reference_index, validate_graph
from rdflib import Graph, URIRef

LOADER_VERSION = __version__
log = logging.getLogger("cepa_kg.pipeline")

Status = Literal["loaded", "unchanged", "failed", "refused"]


class LoadError(Exception):
    """A document could not be loaded; str() names the file (and line) and the reason."""

    def __init__(self, name: str, reason: str, *, line: int | None = None,
                 report: ValidationReport | None = None) -> None:
        where = f"{name}:{line}" if line else name
        super().__init__(f"{where}: {reason}")
        self.name, self.reason, self.line, self.report = name, reason, line, report


@dataclass
class BuiltDocument:
    kind: str
    iri: URIRef
    title: str
    triples: Triples
    _graph: Graph | None = field(default=None, repr=False, compare=False)
    parts: dict[str, bool] = field(default_factory=dict)  # what a page of its kind may state

    @property
    def graph(self) -> Graph:
        """The triples as an rdflib Graph, built on first use (slow: not for the load path)."""
        if self._graph is None:
            self._graph = self.triples.to_graph()
        return self._graph

    @property
    def resources(self) -> int:
        """Extracted resources: subjects with an IRI of their own (no fragment)."""
        return sum(1 for s in self.triples.subjects() if "#" not in str(s))


@dataclass
class LoadOutcome:
    name: str
    status: Status
    kind: str | None = None
    iri: str | None = None
    triples: int = 0
    resources: int = 0
    error: str | None = None
    report: ValidationReport | None = field(default=None, repr=False)
    missing: tuple[str, ...] = ()  # parts a page of its kind may state that this one lacks
    found: tuple[str, ...] = ()
    warnings: int = 0  # completeness warnings of the shapes (loaded, reported)


def build_document(
    source: SourceText, *, base: str, loaded_at: dt.datetime | None = None,
    slug: str | None = None,
) -> BuiltDocument:
    """Pure apart from reading the bundled gazetteer: text -> the document's RDF graph, in the
    graph named after the document (`slug`, by default from its file name or address)."""
    try:
        fitting = registry.ranked(source.text)
    except registry.UnknownKindError as error:
        raise LoadError(source.name, str(error)) from error
    refused: list[tuple[Loader, ParseError]] = []
    for loader in fitting:  # the best family first; the next when its reader finds nothing
        try:
            model = loader.parse(source.text)
            break
        except ParseError as error:
            refused.append((loader, error))
    else:
        loader, first = refused[0]
        raise LoadError(source.name, f"not a readable {loader.label}: {first}",
                        line=first.line) from first
    iris = Iris(base)
    doc_iri = iris.document(slug or document_slug(source.name))
    ctx = MappingContext(iris, doc_iri, source.text, Gazetteer.bundled())
    loader.to_rdf(model, ctx)
    parts = dict(model.parts)
    describe_coverage(ctx, parts)
    describe_document(
        ctx, kind=loader.kind, title=model.title,
        date=getattr(model, "dated", None) or model.date, sha256=source.sha256,
        loader_version=f"{loader.kind}/{LOADER_VERSION}",
        loaded_at=loaded_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
        file_name=None if is_address(source.name) else Path(source.name).name,
        address=source.name if is_address(source.name) else None,
        source_format=source.format, text=source.text,
    )
    return BuiltDocument(loader.kind, ctx.doc_iri, model.title, ctx.graph, parts=parts)


@dataclass(frozen=True)
class PreparedDocument:
    """A document built, validated and serialized, ready to commit (crosses processes)."""

    name: str
    kind: str
    iri: str
    sha256: str
    nquads: bytes
    triples: int
    resources: int
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    warnings: int = 0

    def outcome(self) -> LoadOutcome:
        return LoadOutcome(self.name, "loaded", kind=self.kind, iri=self.iri,
                           triples=self.triples, resources=self.resources,
                           found=self.found, missing=self.missing, warnings=self.warnings)


def prepare_document(source: SourceText, *, base: str,
                     validator: str = "compiled") -> PreparedDocument | LoadOutcome:
    """Build, validate and serialize one document: the CPU-bound part of a load, pure (no
    store). Never raises for a bad document: a failure or a refusal comes back as its outcome."""
    try:
        built = build_document(source, base=base)
    except LoadError as error:
        return LoadOutcome(source.name, "failed", error=str(error))
    except Exception as error:  # a loader bug must not end a folder's load
        log.exception("loader failure on %s", source.name)
        return LoadOutcome(source.name, "failed", error=(
            f"{source.name}: internal error in the loader ({type(error).__name__}: {error}); "
            "this is a bug in cepa-kg, please report it with the file; nothing was stored"))
    report = validate_graph(built.triples, base=base, validator=validator)
    if not report.conforms:
        return LoadOutcome(source.name, "refused", kind=built.kind, iri=str(built.iri),
                           error=f"{source.name}: the data extracted violates the shapes",
                           report=report)
    return PreparedDocument(source.name, built.kind, str(built.iri), source.sha256,
                            built.triples.nquads(str(built.iri)), len(built.triples),
                            built.resources,
                            found=tuple(p for p, ok in built.parts.items() if ok),
                            missing=tuple(p for p, ok in built.parts.items() if not ok),
                            warnings=len(report.warnings))


def _loaded_digests(store: GraphStore, only: str | None = None) -> dict[str, str]:
    """sha256 -> document IRI of every document loaded by this loader version (or only of
    the one with the digest `only`: a single file's load asks for no more)."""
    version = str(ox.Literal(f"/{LOADER_VERSION}"))
    values = "" if only is None else f"VALUES ?sha {{ {ox.Literal(only)} }} "
    rows = store.select(
        "SELECT ?sha ?doc WHERE { " + values + "?doc <https://w3id.org/cepa-kg/def#sha256> ?sha ; "
        "<https://w3id.org/cepa-kg/def#loaderVersion> ?v . "
        "FILTER(STRENDS(?v, " + version + ")) }"
    )
    return {row["sha"].value: row["doc"].value for row in rows}  # type: ignore[union-attr]


def _commit_one(store: GraphStore, doc: PreparedDocument) -> None:
    """Replace (or create) one document's graph in one transaction."""
    triples = cast(bytes, ox.serialize(
        (q.triple for q in ox.parse(doc.nquads, format=ox.RdfFormat.N_QUADS)),
        format=ox.RdfFormat.N_TRIPLES))
    store.replace_graph(doc.iri, triples, format=ox.RdfFormat.N_TRIPLES)


def no_room(name: str, error: StorageFullError, doc: PreparedDocument | None = None
            ) -> LoadOutcome:
    """The outcome of a document the store had no room for (nothing of it was written)."""
    return LoadOutcome(name, "failed", kind=doc.kind if doc else None,
                       iri=doc.iri if doc else None,
                       error=f"{name}: {error.reason} on {error.path}; {error.remedy} and load "
                             "again")


def store_full(store: GraphStore) -> StorageFullError | None:
    """Why `store` cannot take writes, if it was opened read-only for want of room."""
    if store.full is not None:
        return StorageFullError(store.path, store.full)
    return None


def load_source(store: GraphStore, source: SourceText, *, base: str,
                force: bool = False, validator: str = "compiled") -> LoadOutcome:
    """Load one document; never raises for a bad document, reports it in the outcome."""
    if not force:
        existing = _loaded_digests(store, only=source.sha256).get(source.sha256)
        if existing:
            return LoadOutcome(source.name, "unchanged", iri=existing)
    prepared = prepare_document(source, base=base, validator=validator)
    if isinstance(prepared, LoadOutcome):
        return prepared
    _commit_one(store, prepared)
    return prepared.outcome()


#: New documents are committed together, up to this many quads per bulk load...
BATCH_QUADS = 200_000
#: ...or as soon as this many wait and no bulk load is running: the store keeps loading while
#: the workers prepare, and little is left to load when they are done. Batches grow by
#: themselves when loading is the slower side (larger bulk loads cost less per quad).
EAGER_BATCH_QUADS = 100_000
#: Fewer documents than this are prepared in this process (a pool costs more than it saves).
PARALLEL_MIN_DOCUMENTS = 8


class _Committer:
    """Commits prepared documents in input order: new graphs batched into one bulk load,
    a graph that exists already (a changed document) replaced on its own transaction.

    A full batch is bulk-loaded in a background thread (pyoxigraph releases the GIL), so this
    process goes on taking prepared documents from the workers meanwhile; otherwise they stall
    for the second a bulk load takes. At most one batch loads while the next one fills.
    Outcomes are still reported in input order: `flush` waits for the batch in flight.

    Once the store had no room for a write (`full`), every document after it fails at once
    without a write: the store refuses them all until it is opened again with room."""

    def __init__(self, store: GraphStore,
                 report: Callable[[LoadOutcome, PreparedDocument], None],
                 full: StorageFullError | None = None) -> None:
        self.store, self.report = store, report
        self.full = full
        self.batch: list[PreparedDocument] = []
        self.quads = 0
        self._loading: tuple[Future[None], list[PreparedDocument]] | None = None
        self._loading_iris: set[str] = set()
        self._thread: ThreadPoolExecutor | None = None

    def add(self, doc: PreparedDocument) -> None:
        if self.full is not None:
            self.flush()
            self.report(no_room(doc.name, self.full, doc), doc)
            return
        if any(d.iri == doc.iri for d in self.batch) or doc.iri in self._loading_iris \
                or self.store.has_graph(doc.iri):
            self.flush()
            self._one(doc)
            return
        self.batch.append(doc)
        self.quads += doc.triples
        idle = self._loading is None or self._loading[0].done()
        if self.quads >= BATCH_QUADS or (idle and self.quads >= EAGER_BATCH_QUADS):
            self._send()

    def _one(self, doc: PreparedDocument) -> None:
        if self.full is not None:
            self.report(no_room(doc.name, self.full, doc), doc)
            return
        try:
            _commit_one(self.store, doc)
        except StorageFullError as error:
            self.full = error
            self.report(no_room(doc.name, error, doc), doc)
        except Exception as error:  # a store failure fails this document only
            log.exception("commit failed for %s", doc.name)
            self.report(LoadOutcome(doc.name, "failed", kind=doc.kind, iri=doc.iri,
                                    error=f"{doc.name}: the store refused the write: {error}"),
                        doc)
        else:
            self.report(doc.outcome(), doc)

    def _send(self) -> None:
        """Start bulk-loading the batch in the background (after the one before it)."""
        batch, self.batch, self.quads = self.batch, [], 0
        self._settle()
        if not batch:
            return
        if self.full is not None:
            for doc in batch:
                self.report(no_room(doc.name, self.full, doc), doc)
            return
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="cepa-kg-commit")
        nquads = b"".join(d.nquads for d in batch)
        self._loading = (self._thread.submit(self.store.add_graphs, nquads), batch)
        self._loading_iris = {d.iri for d in batch}

    def _settle(self) -> None:
        """Wait for the batch in flight and report it; if its bulk load failed, commit its
        documents one by one so only the culprit fails."""
        if self._loading is None:
            return
        future, batch = self._loading
        self._loading, self._loading_iris = None, set()
        try:
            future.result()
        except StorageFullError as error:  # the whole batch was refused; the store is as it was
            self.full = error
            for doc in batch:
                self.report(no_room(doc.name, error, doc), doc)
            return
        except Exception:
            log.exception("batch commit failed; committing %d documents one by one", len(batch))
            for doc in batch:
                self._one(doc)
            return
        for doc in batch:
            self.report(doc.outcome(), doc)

    def flush(self) -> None:
        """Commit and report everything added so far."""
        self._send()
        self._settle()

    def close(self) -> None:
        self.flush()
        if self._thread is not None:
            self._thread.shutdown()


def load_paths(
    store: GraphStore,
    paths: Iterable[Location],
    *,
    base: str,
    force: bool = False,
    on_done: Callable[[LoadOutcome], None] | None = None,
    jobs: int | None = None,
    validator: str = "compiled",
) -> list[LoadOutcome]:
    """Load every file, going on past bad ones; outcomes in the order of `paths`; validated
    by `validator` (`Settings.validator`: the compiled shapes, or "pyshacl").

    The reference data is installed first. Documents are read here, prepared (built,
    validated, serialized) in `jobs` processes (default: one per core) when there are enough
    of them, and committed here in order: new documents in bulk batches, changed ones each
    in its own transaction. A document loaded before from the same bytes is "unchanged".

    On a full disk every document not yet committed fails ("no space left on device on
    STORE; free space and load again") and the store keeps what it had."""
    if store_full(store) is None:
        install_reference(store, base)
    full = store_full(store)
    known = {} if force else _loaded_digests(store)
    # The plan, in file order: an outcome decided on reading (unreadable, unchanged), a copy
    # of an earlier file (name, sha256), or a file to prepare. Texts are not kept: the worker
    # that prepares a file reads it again, so a folder of any size never sits in memory.
    plan: list[LoadOutcome | tuple[str, str] | FileToPrepare] = []
    pending: list[FileToPrepare] = []
    pending_digests: set[str] = set()
    for path in paths:
        try:
            source = read_location(path)
        except (SourceError, OSError) as error:
            plan.append(_unreadable(path, error))
            continue
        if source.sha256 in known:
            plan.append(LoadOutcome(source.name, "unchanged", iri=known[source.sha256]))
        elif source.sha256 in pending_digests:
            plan.append((source.name, source.sha256))
        else:
            # A fetched document is kept (fetching it again could give other bytes).
            to_prepare = FileToPrepare(path, source.sha256,
                                       source if is_address(str(path)) else None)
            plan.append(to_prepare)
            pending.append(to_prepare)
            pending_digests.add(source.sha256)

    outcomes: list[LoadOutcome | None] = [None] * len(plan)
    slot_of: dict[int, int] = {}  # id(PreparedDocument) -> its place in `plan`

    def report(outcome: LoadOutcome, slot: int) -> None:
        outcomes[slot] = outcome
        if on_done:
            on_done(outcome)

    committer = _Committer(store, lambda outcome, doc: report(outcome, slot_of.pop(id(doc))),
                           full)
    first_of: dict[str, int] = {}  # sha256 -> slot of the file that carries it
    prepared = (prepare_all(pending, base=base, jobs=jobs, validator=validator)
                if full is None  # else no room: none is prepared
                else (no_room(str(step.path), full) for step in pending))
    for slot, step in enumerate(plan):
        if isinstance(step, LoadOutcome):
            committer.flush()  # outcomes are reported in file order
            report(step, slot)
        elif isinstance(step, tuple):  # a copy of an earlier file fares as that file did
            committer.flush()
            name, sha256 = step
            original = outcomes[first_of[sha256]]
            assert original is not None
            report(LoadOutcome(name, "unchanged", iri=original.iri)
                   if original.status == "loaded" else replace(
                       original, name=name,
                       error=(original.error or "").replace(original.name, name, 1)), slot)
        else:
            first_of[step.sha256] = slot
            result = next(prepared)
            if isinstance(result, LoadOutcome):
                committer.flush()
                report(result, slot)
            else:
                slot_of[id(result)] = slot
                committer.add(result)
    committer.close()
    return [o for o in outcomes if o is not None]


@dataclass(frozen=True)
class FileToPrepare:
    """A file read once to plan the load (its digest), to be read again where it is prepared;
    a fetched document comes with its text."""

    path: Location
    sha256: str
    source: SourceText | None = None


def _unreadable(path: Location, error: SourceError | OSError) -> LoadOutcome:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return LoadOutcome(str(path), "failed", error=f"{path}: {reason}")


def prepare_file(item: FileToPrepare, *, base: str,
                 validator: str = "compiled") -> PreparedDocument | LoadOutcome:
    """Read the file again and prepare it; a file whose bytes changed since it was planned
    fails (its digest would not be the one the plan deduplicated on)."""
    try:
        source = item.source or read_location(item.path)
    except (SourceError, OSError) as error:
        return _unreadable(item.path, error)
    if source.sha256 != item.sha256:
        return LoadOutcome(source.name, "failed", error=(
            f"{source.name}: the file changed while it was being loaded; load it again"))
    return prepare_document(source, base=base, validator=validator)


def prepare_all(files: list[FileToPrepare], *, base: str, validator: str = "compiled",
                jobs: int | None = None) -> Iterator[PreparedDocument | LoadOutcome]:
    """`prepare_file` over `files`, in order; in worker processes for larger loads."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(files) < PARALLEL_MIN_DOCUMENTS:
        for item in files:
            yield prepare_file(item, base=base, validator=validator)
        return
    done = 0
    try:
        for result in parallel_map(partial(_prepare, base=base, validator=validator), files,
                                   jobs=jobs, warm_up=partial(warm_up, base)):
            done += 1
            yield result
    except BrokenProcessPool:  # a worker died (killed, out of memory): no document is lost
        log.warning("a worker process died; preparing the other %d documents here",
                    len(files) - done)
        for item in files[done:]:
            yield prepare_file(item, base=base, validator=validator)


def _prepare(item: FileToPrepare, *, base: str,
             validator: str = "compiled") -> PreparedDocument | LoadOutcome:
    """`prepare_file` in a worker process (looked up at call time, so tests can patch)."""
    return prepare_file(item, base=base, validator=validator)


def warm_up(base: str) -> None:
    """Load what every document needs once (gazetteer, reference data, compiled shapes), so
    forked workers inherit it instead of each building its own."""
    Gazetteer.bundled()
    compiled_shapes()
    reference_index(base)
