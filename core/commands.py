"""What each CLI verb does (argument parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from cepa_kg.commands_errors import CliError
from cepa_kg.formats import GRAPH_FORMATS, RESULT_FORMATS
from cepa_kg.pipeline import LoadError, LoadOutcome, build_document, load_paths
from cepa_kg.reference import install_reference
from cepa_kg.resources import corpus_dir, data_files
from cepa_kg.settings import Settings
from cepa_kg.sources import SourceError, document_paths, read_source
from cepa_kg.store import OxigraphStore, QueryKind, QuerySyntaxError, StoreLockedError
from cepa_kg.validation import validate_graph

USER_ERRORS: tuple[type[Exception], ...] = (CliError, QuerySyntaxError, StoreLockedError)


def open_store(settings: Settings) -> OxigraphStore:
    return OxigraphStore(settings.store)


def bundled_corpus_paths() -> list[Path]:
    return [Path(str(f)) for f in data_files(corpus_dir(), ".txt")]


def _progress(total: int) -> Callable[[LoadOutcome], None]:
    done = [0]
    tty = sys.stderr.isatty()

    def on_done(outcome: LoadOutcome) -> None:
        done[0] += 1
        width = 30
        filled = width * done[0] // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        end = "\r" if tty and done[0] < total else "\n"
        if tty or done[0] == total:
            print(f"[{bar}] {done[0]}/{total}", end=end, file=sys.stderr, flush=True)

    return on_done


def _summary(outcomes: list[LoadOutcome]) -> str:
    rows = [("file", "kind", "resources", "triples", "status")]
    for o in outcomes:
        rows.append((Path(o.name).name, o.kind or "-", str(o.resources or "-"),
                     str(o.triples or "-"), o.status))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    paths = document_paths(args.paths) if args.paths else bundled_corpus_paths()
    if not paths:
        print("cepa-kg: error: no .txt documents found in the given folders", file=sys.stderr)
        return 1
    store = open_store(settings)
    outcomes = load_paths(store, paths, base=settings.base, force=args.force,
                          on_done=_progress(len(paths)))
    store.flush()
    print(_summary(outcomes))
    failed = [o for o in outcomes if o.status in ("failed", "refused")]
    for o in failed:
        print(f"cepa-kg: error: {o.error}", file=sys.stderr)
        if o.report is not None:
            print(o.report.text(), file=sys.stderr)
    return 1 if failed else 0


def _graph_of(store: OxigraphStore, graph: str) -> Graph:
    g = Graph()
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_TRIPLES, graph=graph)
    g.parse(data=buffer.getvalue(), format="nt")
    return g


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    failures = 0
    if args.paths:
        for path in document_paths(args.paths):
            try:
                built = build_document(read_source(path), base=settings.base)
            except LoadError as error:
                print(f"cepa-kg: error: {error}", file=sys.stderr)
                failures += 1
                continue
            except (SourceError, OSError) as error:
                print(f"cepa-kg: error: {path}: {error}", file=sys.stderr)
                failures += 1
                continue
            report = validate_graph(built.graph, base=settings.base)
            print(f"{path}: {report.text()}")
            failures += not report.conforms
        return 1 if failures else 0
    store = open_store(settings)
    documents = [row["doc"].value for row in store.select(
        "SELECT DISTINCT ?doc WHERE { GRAPH ?doc { ?doc a <https://w3id.org/cepa-kg/def#SourceDocument> } } ORDER BY ?doc")]
    if not documents:
        print("the store holds no documents (run `cepa-kg load` first)")
        return 0
    for doc in documents:
        report = validate_graph(_graph_of(store, doc), base=settings.base)
        print(f"{doc}: {report.text()}")
        failures += not report.conforms
    print(f"{len(documents) - failures} of {len(documents)} documents conform")
    return 1 if failures else 0


def _query_text(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 256 and "\n" not in arg and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise QuerySyntaxError(f"{arg}: {error.strerror}") from error
    return arg


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    fmt_name = args.format

    def choose(kind: QueryKind) -> ox.QueryResultsFormat | ox.RdfFormat:
        if kind is QueryKind.GRAPH:
            name = fmt_name or "turtle"
            if name not in GRAPH_FORMATS:
                raise CliError(f"--format {name} does not fit a graph result "
                               f"(one of {', '.join(GRAPH_FORMATS)})")
            return GRAPH_FORMATS[name]
        name = fmt_name or "tsv"
        if name not in RESULT_FORMATS:
            raise CliError(f"--format {name} does not fit a SELECT/ASK result "
                           f"(one of {', '.join(RESULT_FORMATS)})")
        return RESULT_FORMATS[name]

    store = open_store(settings)
    out: BinaryIO = sys.stdout.buffer
    store.query_into(_query_text(args.query), out, choose)
    out.flush()
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    out: BinaryIO = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
        if args.format in ("nquads", "trig"):
            store.dump(out, format=GRAPH_FORMATS[args.format])
        else:  # triples only: the union of all graphs
            store.query_into("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", out,
                             lambda kind: GRAPH_FORMATS[args.format])
    finally:
        if args.output:
            out.close()
        else:
            out.flush()
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from cepa_kg.server.app import create_app

    store = open_store(settings)
    install_reference(store, settings.base)
    has_documents = store.ask(
        "ASK { ?d a <https://w3id.org/cepa-kg/def#SourceDocument> }")
    if not has_documents:
        print("the store is empty: loading the bundled corpus", file=sys.stderr)
        outcomes = load_paths(store, bundled_corpus_paths(), base=settings.base)
        print(_summary(outcomes), file=sys.stderr)
    store.flush()
    app = create_app(settings, store=store)
    print(f"serving {settings.store} at http://{args.host}:{args.port}/ "
          f"(SPARQL endpoint: /sparql)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
