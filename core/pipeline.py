"""From files to the store: read, detect, parse, map, validate, then replace the document's
graph in one transaction. A document that fails any step leaves the store as it was."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph, URIRef

from cepa_kg import __version__
from cepa_kg.loaders import registry
from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import MappingContext, ParseError
from cepa_kg.loaders.document_rdf import describe_document
from cepa_kg.loaders.iris import Iris
from cepa_kg.reference import install_reference
from cepa_kg.sources import SourceError, SourceText, read_source
from cepa_kg.store import GraphStore
from cepa_kg.validation import ValidationReport, validate_graph

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
    graph: Graph


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


def build_document(
    source: SourceText, *, base: str, loaded_at: dt.datetime | None = None
) -> BuiltDocument:
    """Pure apart from reading the bundled gazetteer: text -> the document's RDF graph."""
    try:
        loader = registry.detect(source.text)
    except registry.UnknownKindError as error:
        raise LoadError(source.name, str(error)) from error
    try:
        model = loader.parse(source.text)
    except ParseError as error:
        raise LoadError(source.name, f"not a readable {loader.label}: {error}",
                        line=error.line) from error
    iris = Iris(base)
    ctx = MappingContext(iris, iris.document(model.slug), source.text, Gazetteer.bundled())
    loader.to_rdf(model, ctx)
    describe_document(
        ctx, kind=loader.kind, title=model.title, date=model.date, sha256=source.sha256,
        loader_version=f"{loader.kind}/{LOADER_VERSION}",
        loaded_at=loaded_at or dt.datetime.now(dt.UTC).replace(microsecond=0),
        file_name=Path(source.name).name,
    )
    return BuiltDocument(loader.kind, ctx.doc_iri, model.title, ctx.graph)


def _already_loaded(store: GraphStore, sha256: str) -> str | None:
    """The document already loaded from these exact bytes by this loader version, if any."""
    sha, version = str(ox.Literal(sha256)), str(ox.Literal(f"/{LOADER_VERSION}"))
    rows = store.select(
        "SELECT ?doc WHERE { ?doc <https://w3id.org/cepa-kg/def#sha256> " + sha + " ; "
        "<https://w3id.org/cepa-kg/def#loaderVersion> ?v . "
        "FILTER(STRENDS(?v, " + version + ")) } LIMIT 1"
    )
    return rows[0]["doc"].value if rows else None  # type: ignore[union-attr]


def load_source(store: GraphStore, source: SourceText, *, base: str,
                force: bool = False) -> LoadOutcome:
    """Load one document; never raises for a bad document, reports it in the outcome."""
    if not force:
        existing = _already_loaded(store, source.sha256)
        if existing:
            return LoadOutcome(source.name, "unchanged", iri=existing)
    try:
        built = build_document(source, base=base)
    except LoadError as error:
        return LoadOutcome(source.name, "failed", error=str(error))
    except Exception as error:  # noqa: BLE001 - a loader bug must not end a folder's load
        log.exception("loader failure on %s", source.name)
        return LoadOutcome(source.name, "failed", error=(
            f"{source.name}: internal error in the loader ({type(error).__name__}: {error}); "
            "this is a bug in cepa-kg, please report it with the file; nothing was stored"))
    report = validate_graph(built.graph, base=base)
    if not report.conforms:
        return LoadOutcome(source.name, "refused", kind=built.kind, iri=str(built.iri),
                           error=f"{source.name}: the data extracted violates the shapes",
                           report=report)
    data = built.graph.serialize(format="nt", encoding="utf-8")
    store.replace_graph(str(built.iri), data, format=ox.RdfFormat.N_TRIPLES)
    return LoadOutcome(
        source.name, "loaded", kind=built.kind, iri=str(built.iri), triples=len(built.graph),
        resources=len({s for s in built.graph.subjects() if "#" not in s}),
    )


def load_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    base: str,
    force: bool = False,
    on_done: Callable[[LoadOutcome], None] | None = None,
) -> list[LoadOutcome]:
    """Load every file, going on past bad ones. The reference data is installed first."""
    install_reference(store, base)
    outcomes = []
    for path in paths:
        try:
            source = read_source(path)
        except (SourceError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            outcome = LoadOutcome(str(path), "failed", error=f"{path}: {reason}")
        else:
            outcome = load_source(store, source, base=base, force=force)
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes
