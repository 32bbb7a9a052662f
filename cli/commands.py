"""What each CLI verb does (argument parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from cepa_kg import sparql_limits
from cepa_kg.cli.summaries import (
    info_text,
    load_summary,
    store_info,
    validation_entry,
    validation_summary,
)
from cepa_kg.commands_errors import CliError
from cepa_kg.compacting import compact
from cepa_kg.config_report import config_summary, config_text
from cepa_kg.conflicts import find_conflicts
from cepa_kg.exporting import count_statements, export, keeps_graphs
from cepa_kg.formats import GRAPH_FORMATS, RESULT_FORMATS
from cepa_kg.pipeline import LoadError, LoadOutcome, build_document, load_paths
from cepa_kg.progress import Progress
from cepa_kg.reference import install_reference
from cepa_kg.remote_settings import remote_store
from cepa_kg.resources import corpus_dir, data_files
from cepa_kg.settings import Settings
from cepa_kg.sources import SourceError, document_paths, read_location
from cepa_kg.sparql_limits import SparqlLimitError
from cepa_kg.store import GraphStore, OxigraphStore, QueryKind, QuerySyntaxError, StoreLockedError
from cepa_kg.validation import validate_graph
from rdflib import Graph

USER_ERRORS: tuple[type[Exception], ...] = (CliError, QuerySyntaxError, SparqlLimitError,
                                            StoreLockedError)


def not_a_store_folder(path: Path) -> CliError | None:
    """The error for a `--store` that names something other than a folder (a file)."""
    if path.exists() and not path.is_dir():
        return CliError(f"{path} is not a store folder (it is a file); give --store a folder, "
                        "new or made by `cepa-kg load`")
    return None


def open_store(settings: Settings, *, reading: bool = False) -> GraphStore:
    """The store of `settings`, open for writing; for a command that only reads (`reading`),
    read-only when another process (`cepa-kg serve`) holds it, saying so in one line.
    A remote store (`--store http(s)://...`) is shared by every process anyway."""
    if (remote := remote_store(settings)) is not None:
        return remote
    if (refusal := not_a_store_folder(settings.store)) is not None:
        raise refusal
    try:
        return OxigraphStore(settings.store)
    except StoreLockedError:
        if not reading:
            raise
        print(f"cepa-kg: the store at {settings.store} is open in another process (a running "
              "`cepa-kg serve`?): reading it read-only, as it was when this command started",
              file=sys.stderr)
        try:
            return OxigraphStore(settings.store, read_only=True)
        except OSError as error:
            raise CliError(f"cannot open the store at {settings.store} read-only: "
                           f"{error.strerror or error}") from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise CliError(f"cannot open the store at {settings.store}: {reason}") from error


def bundled_corpus_paths() -> list[Path]:
    return [Path(str(f)) for f in data_files(corpus_dir(), ".txt")]


def _reason(outcome: LoadOutcome, limit: int = 72) -> str:
    """The short reason a document was not loaded, without the file name the row shows."""
    if outcome.status == "refused" and outcome.report is not None:
        reason = f"violates the shapes ({len(outcome.report.violations)} violation(s))"
    elif outcome.error:
        rest = outcome.error.removeprefix(outcome.name)
        line = re.match(r":(\d+):", rest)
        reason = ((f"line {line[1]}: " if line else "")
                  + rest[line.end() if line else 0:].lstrip(": "))
    else:
        return ""
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def _parts(o: LoadOutcome) -> str:
    """"5/6 (no place)": the parts of its kind the document states, and those it lacks."""
    total = len(o.found) + len(o.missing)
    if not total:
        return "-"
    lacks = f" (no {', '.join(o.missing)})" if o.missing else ""
    return f"{len(o.found)}/{total}{lacks}"


def _summary(outcomes: list[LoadOutcome]) -> str:
    """One row per file: file, kind, resources, triples, status and, when not loaded, why."""
    header = ("file", "kind", "resources", "triples", "parts", "status", "reason")
    rows = [header]
    for o in outcomes:
        rows.append((Path(o.name).name, o.kind or "-", str(o.resources or "-"),
                     str(o.triples or "-"), _parts(o), o.status, _reason(o)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _totals(outcomes: list[LoadOutcome]) -> str:
    counts = Counter(o.status for o in outcomes)
    return "cepa-kg: " + ", ".join(f"{counts[s]} {s}" for s in
                                   ("loaded", "unchanged", "failed", "refused") if counts[s])


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    """Load files and folders, going on past bad files; exit 1 if any failed or was refused."""
    paths = document_paths(args.paths) if args.paths else bundled_corpus_paths()
    if not paths:
        print("cepa-kg: error: no documents (.txt, .html, .pdf) found in the given folders",
              file=sys.stderr)
        return 1
    store = open_store(settings)
    progress = Progress(len(paths), what="load", unit="documents",
                        quiet=getattr(args, "quiet", False))
    try:
        outcomes = load_paths(store, paths, base=settings.base, force=args.force,
                              on_done=lambda o: progress.step(Path(o.name).name),
                              jobs=args.jobs, validator=settings.validator)
    finally:
        progress.close()
    store.flush()
    if getattr(args, "json", False):  # for scripts: one JSON document (core/schemas/)
        print(json.dumps(load_summary(outcomes, base=settings.base), ensure_ascii=False,
                         indent=2))
        return 1 if any(o.status in ("failed", "refused") for o in outcomes) else 0
    print(_summary(outcomes))
    failed = [o for o in outcomes if o.status in ("failed", "refused")]
    for o in failed:
        print(f"cepa-kg: error: {o.error}", file=sys.stderr)
        if o.report is not None:
            print(o.report.text(), file=sys.stderr)
    print(_totals(outcomes), file=sys.stderr)
    return 1 if failed else 0


def cmd_info(args: argparse.Namespace, settings: Settings) -> int:
    """What the store holds: path, size, documents by family, graphs, triples, last load, and
    the base IRI its documents were minted under (warns when it is not this run's)."""
    store: GraphStore | None = remote_store(settings)
    if store is None:
        if not settings.store.exists():
            raise CliError(f"no store at {settings.store} (load documents first: cepa-kg load)")
        if (error := not_a_store_folder(settings.store)) is not None:
            raise error
        try:
            store = OxigraphStore(settings.store, read_only=True)  # beside a running server
        except OSError as error:
            raise CliError(f"cannot open the store at {settings.store}: {error}") from error
    info = store_info(store, base=settings.base)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        print(info_text(info))
    return 0


def _graph_of(store: GraphStore, graph: str) -> Graph:
    g = Graph()
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_TRIPLES, graph=graph)
    g.parse(data=buffer.getvalue(), format="nt")
    return g


def _validate_data(folder: Path | None) -> int:
    """`validate --data`: every problem of the domain data files, by file and line."""
    from cepa_kg.loaders.domain_data import check_domain_data

    problems = check_domain_data(folder)
    for problem in problems:
        print(f"cepa-kg: error: {problem}", file=sys.stderr)
    where = folder or "the installed package"
    print(f"domain data in {where}: " + ("every file reads" if not problems
                                        else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    """Check documents (files, without loading them) or the store's documents against the
    shapes, and list where the store's documents disagree; exit 1 if any does not conform.
    With --json, one JSON document (core/schemas/validate.schema.json) and nothing else."""
    as_json = getattr(args, "json", False)
    if getattr(args, "data", None) is not None:
        return _validate_data(Path(args.data) if args.data else None)
    entries: list[dict[str, Any]] = []
    if args.paths:
        for path in document_paths(args.paths):
            try:
                built = build_document(read_location(path), base=settings.base)
            except LoadError as error:
                entries.append(validation_entry(str(path), error=str(error)))
                if not as_json:
                    print(f"cepa-kg: error: {error}", file=sys.stderr)
                continue
            except (SourceError, OSError) as error:
                entries.append(validation_entry(str(path), error=f"{path}: {error}"))
                if not as_json:
                    print(f"cepa-kg: error: {path}: {error}", file=sys.stderr)
                continue
            report = validate_graph(built.graph, base=settings.base,
                                    validator=settings.validator)
            entries.append(validation_entry(str(path), report))
            if not as_json:
                print(f"{path}: {report.text()}")
        if as_json:
            print(json.dumps(validation_summary(entries), ensure_ascii=False, indent=2))
        return 0 if all(e["conforms"] for e in entries) else 1
    store = open_store(settings, reading=True)
    documents = [row["doc"].value for row in store.select(  # type: ignore[union-attr]
        "SELECT DISTINCT ?doc WHERE { GRAPH ?doc { "
        "?doc a <https://w3id.org/cepa-kg/def#SourceDocument> } } ORDER BY ?doc")]
    if not documents and not as_json:
        print("the store holds no documents (run `cepa-kg load` first)")
        return 0
    progress = Progress(len(documents), what="validate", unit="documents",
                        quiet=getattr(args, "quiet", False))
    for doc in documents:
        report = validate_graph(_graph_of(store, doc), base=settings.base,
                                validator=settings.validator)
        progress.step(doc.rsplit("/", 1)[-1])
        entries.append(validation_entry(doc, report))
        if not as_json:
            print(f"{doc}: {report.text()}")
    progress.close()
    conflicts = find_conflicts(store)
    failures = sum(not e["conforms"] for e in entries)
    if as_json:
        print(json.dumps(validation_summary(entries, conflicts), ensure_ascii=False, indent=2))
        return 1 if failures else 0
    print(f"{len(documents) - failures} of {len(documents)} documents conform")
    for conflict in conflicts:  # both values stay, each with its source: reported, not refused
        print(conflict.text())
    if conflicts:
        print(f"{len(conflicts)} conflict(s) between documents: each value is kept with the "
              "document that gives it")
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


def _list_named_queries() -> int:
    from cepa_kg.named_queries import named_queries

    for query in named_queries().values():
        print(f"{query.name}: {query.title}")
        for p in query.parameters:
            default = f" [default: {p.default}]" if p.default is not None else ""
            print(f"    --param {p.name}=... ({p.type}) {p.description}{default}")
    return 0


def _named_query_text(args: argparse.Namespace, settings: Settings) -> str:
    from cepa_kg.named_queries import ParameterError, named_queries

    queries = named_queries()
    if args.name not in queries:
        raise CliError(f"no named query {args.name!r} (one of {', '.join(queries)})")
    values: dict[str, str] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise CliError(f"--param takes key=value, not {item!r}")
        if key in values:
            raise CliError(f"--param {key} is given twice")
        values[key] = value
    try:
        return queries[args.name].prepare(values, base=settings.base)
    except ParameterError as error:
        raise CliError(str(error)) from error


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    if args.list:
        return _list_named_queries()
    if (args.name is None) == (args.query is None):
        raise CliError("give either a query (text, .rq file or -) or --name NAME")
    if args.param and args.name is None:
        raise CliError("--param goes with --name")
    text = _named_query_text(args, settings) if args.name else _query_text(args.query)
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

    source = f"--name {args.name}" if args.name else (
        "stdin" if args.query == "-" else args.query if args.query.endswith(".rq") else "the query")
    try:
        sparql_limits.check(text)
    except SparqlLimitError as error:
        raise CliError(f"{source}: {error}") from None
    store = open_store(settings, reading=True)
    out: BinaryIO = sys.stdout.buffer
    store.query_into(text, out, choose)
    out.flush()
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the dataset to a file (saying what was written) or to stdout, with progress."""
    store = open_store(settings, reading=True)
    quiet = getattr(args, "quiet", False)
    out: BinaryIO = sys.stdout.buffer
    if args.output:
        try:
            out = open(args.output, "wb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CliError(f"cannot write {args.output}: {error.strerror or error}") from None
    total = count_statements(store, args.format) if args.output or not quiet else 0
    statements = "quads" if keeps_graphs(args.format) else "triples"
    progress = Progress(total, what="export", unit=statements, quiet=quiet)
    try:
        export(store, out, args.format, progress)
    finally:
        progress.close()
        if args.output:
            out.close()
        else:
            out.flush()
    if args.output:  # say what was written (stdout is the data itself when there is no -o)
        print(f"cepa-kg: wrote {args.output} ({args.format}, {total:,} {statements}, "
              f"{args.output.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


def cmd_compact(args: argparse.Namespace, settings: Settings) -> int:
    """Compact the store: after loads, `cepa-kg query` scans 10-25% faster (see
    `server.compaction`; the server compacts by itself)."""
    store = open_store(settings)
    if store.path is None:  # a SPARQL server as the store: it keeps its own files
        raise CliError(f"compact works on the embedded store; {settings.store_url} is a "
                       "SPARQL server, which compacts its own files (see its documentation)")
    started = time.monotonic()
    compact(store, settings.store, quiet=getattr(args, "quiet", False))
    print(f"cepa-kg: {settings.store} compacted in {time.monotonic() - started:.1f} s",
          file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn
    from cepa_kg.server.app import create_app
    from cepa_kg.server.http_protocol import UpgradeAwareProtocol
    from cepa_kg.server.identity import start_warning
    from cepa_kg.server.logs import log_config
    from cepa_kg.server.replica import ENVIRONMENT_KEY, settings_json

    workers = getattr(args, "workers", 1)
    if workers < 1:
        raise CliError(f"--workers must be 1 or more, got {workers}")
    store = open_store(settings)
    install_reference(store, settings.base)
    has_documents = store.ask(
        "ASK { ?d a <https://w3id.org/cepa-kg/def#SourceDocument> }")
    if not has_documents:
        # Loading validates with pySHACL, which patches rdflib globally on import: do it in a
        # child process so that the server process never imports it (NOTES-pyoxigraph.md).
        print("the store is empty: loading the bundled corpus", file=sys.stderr)
        store.flush()
        del store  # the child needs the store folder's lock
        config = ["--config", str(args.config)] if getattr(args, "config", None) else []
        loaded = subprocess.run(
            [sys.executable, "-m", "cepa_kg.cli", "load",
             "--store", str(settings.store_url or settings.store),
             "--base", settings.base, *config], stdout=sys.stderr, check=False)
        if loaded.returncode != 0:
            print("cepa-kg: error: the bundled corpus did not load (see above)",
                  file=sys.stderr)
            return 1
        store = open_store(settings)
    store.flush()
    where = settings.store_url or settings.store
    print(f"serving {where} at http://{args.host}:{args.port}/ (SPARQL endpoint: /sparql"
          f"{f'; {workers} front processes' if workers > 1 else ''})", file=sys.stderr)
    mismatch = start_warning(settings.base, args.host, args.port, settings.public_url)
    if mismatch:  # the IRIs on the pages would not lead back here (server/identity.py)
        print(f"cepa-kg: {mismatch}", file=sys.stderr)
    token = settings.update_token.get_secret_value() if settings.update_token else ""
    writer: subprocess.Popen[bytes] | None = None
    if workers > 1 and settings.store_url is None:  # fronts on checkpoints, one writer
        folder = _first_checkpoint(store)
        del store  # the writer needs the store folder's lock
        settings, writer = _start_writer(settings, folder)
    if workers > 1:  # each process builds its app from the settings handed down
        os.environ[ENVIRONMENT_KEY] = settings_json(settings)
        target: Any = "cepa_kg.server.replica:app"
    else:
        target = create_app(settings, store=store)
    try:
        uvicorn.run(target, factory=workers > 1, workers=workers if workers > 1 else None,
                    host=args.host, port=args.port, log_level="info",
                    access_log=settings.access_log,  # --access-log, environment or file
                    log_config=log_config([token]),  # JSON lines with request ids, no token
                    # seconds, a float: uvicorn's annotation says int, its wait takes either
                    timeout_graceful_shutdown=settings.shutdown_timeout_s,  # type: ignore[arg-type]
                    http=UpgradeAwareProtocol)  # httptools, h11 for an h2c offer (its body)
    finally:
        if writer is not None:
            writer.terminate()
            writer.wait(settings.shutdown_timeout_s + 10)
    return 0


def _first_checkpoint(store: GraphStore) -> Path:
    """For `serve --workers N` on the embedded store: the folder of the checkpoints the
    front processes read, with a first one in it."""
    from cepa_kg.checkpoint_replica import CheckpointPublisher

    assert isinstance(store, OxigraphStore) and store.path is not None
    folder = store.path.with_name(store.path.name + ".fronts")
    shutil.rmtree(folder, ignore_errors=True)
    CheckpointPublisher(store, folder).publish_if_changed()
    store.flush()
    return folder


def _start_writer(settings: Settings, folder: Path) -> tuple[Settings, subprocess.Popen[bytes]]:
    """Start the one process that holds the embedded store read-write (on a private port of
    127.0.0.1; it publishes a checkpoint into `folder` after each write) and wait until it
    answers. Returns the settings of the front processes (they read the checkpoints and send
    writes to the writer)."""
    import socket
    import urllib.request

    from cepa_kg.server.replica import settings_json

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    environment = {**os.environ, "CEPA_KG_PUBLISH_CHECKPOINTS": str(folder),
                   "CEPA_KG_QUERY_WORKERS": "-1"}  # the fronts read; the writer writes
    for name, value in json.loads(settings_json(settings)).items():
        if value is not None and name not in ("publish_checkpoints", "query_workers"):
            environment[f"CEPA_KG_{name.upper()}"] = (
                value if isinstance(value, str) else json.dumps(value))
    writer = subprocess.Popen([sys.executable, "-m", "cepa_kg.cli", "serve", "--port",
                               str(port), "--host", "127.0.0.1"], env=environment)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "/ready", timeout=2).read()
            break
        except OSError:
            if writer.poll() is not None or time.monotonic() > deadline:
                writer.kill()
                raise CliError("the writer process did not start (see above)") from None
            time.sleep(0.2)
    fronts = settings.model_copy(update={"replica_checkpoints": folder, "writer_url": url})
    return fronts, writer


def _goal_answers(args: argparse.Namespace, settings: Settings) -> Iterator[dict[str, Any]]:
    """One answer `{"id": ..., "alignments": [...], "frameworks": [...]}` per text traced."""
    from cepa_kg.loaders.goal_json import trace

    if not args.jsonl:
        text = args.text if args.text is not None else read_location(args.file).text
        yield {"id": str(args.file) if args.file else None,
               **trace(text, base=settings.base, era=args.era)}
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, key = item["text"], item.get("id")
            if not isinstance(text, str):
                raise TypeError("text is not a string")
            answer = trace(text, base=settings.base, era=item.get("era", args.era))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise CliError(f"stdin line {number}: {error}; each line is "
                           '{"id": ..., "text": "..."}') from None
        yield {"id": key, **answer}


def cmd_goals(args: argparse.Namespace, settings: Settings) -> int:
    """Trace texts to goals: one JSON object a line, `{"id": ..., "alignments": [...]}`; with
    --json, one JSON document holding them all (core/schemas/goals.schema.json)."""
    given = sum(x is not None and x is not False
                for x in (args.text, args.file, args.jsonl or None))
    if given != 1:
        raise CliError("give one of: a text, --file FILE, --jsonl (JSON lines on stdin)")
    answers = _goal_answers(args, settings)
    if getattr(args, "json", False):
        document = {"command": "goals", "base": settings.base, "era": args.era,
                    "answers": list(answers)}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    for answer in answers:
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    return 0


def cmd_config(args: argparse.Namespace, settings: Settings) -> int:
    """The settings in effect and where each came from (flag, environment, file, default)."""
    summary = config_summary(args.effective)
    print(json.dumps(summary, ensure_ascii=False, indent=2) if args.json else
          config_text(summary))
    return 0
