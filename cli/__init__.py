"""The `cepa-kg` command line: load, info, validate, query, export, compact, goals, config,
serve, completion.

Errors name the file (and line) and the reason and exit non-zero; no tracebacks for user errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cepa_kg import __version__
from cepa_kg.commands_errors import CliError
from cepa_kg.config_file import FILE_NAME, user_config_file
from cepa_kg.effective_settings import Effective, effective_settings
from cepa_kg.formats import GRAPH_FORMATS, RESULT_FORMATS


def _flags(args: argparse.Namespace) -> dict[str, Any]:
    """The settings given as flags (those not given are left to the environment, the config
    file and the defaults)."""
    flags: dict[str, Any] = {}
    if getattr(args, "store", None):
        if args.store.startswith(("http://", "https://")):
            flags["store_url"] = args.store  # a SPARQL 1.1 server (cepa_kg.remote_store)
        else:
            flags["store"] = Path(args.store)
    if getattr(args, "base", None):
        flags["base"] = args.base
    if getattr(args, "access_log", False):
        flags["access_log"] = True
    return flags


def _effective(args: argparse.Namespace) -> Effective:
    try:
        return effective_settings(_flags(args), getattr(args, "config", None))
    except ValueError as error:  # a bad file, variable or flag value: one line naming it
        raise CliError(str(error)) from error


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _defaults(argv: Sequence[str] | None) -> tuple[str, str]:
    """The store folder and base IRI this run would use, for `--help`."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--config", type=Path)
    known, _ = early.parse_known_args(argv)
    try:
        settings = effective_settings({}, known.config).settings
        return str(settings.store), settings.base
    except ValueError:  # a bad file or variable: the command itself will say so
        return "$CEPA_KG_STORE, the config file or the user data folder", "$CEPA_KG_BASE"


class _Help(argparse.HelpFormatter):
    """Every option's default in `--help`, where it has one its help does not already say."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS) \
                or action.default == [] or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"



def _json_option(p: argparse.ArgumentParser, schema: str, what: str = "") -> None:
    """`--json`: one JSON document by the schema kept in core/schemas."""
    p.add_argument("--json", action="store_true",
                   help=f"print one JSON document {what + ' ' if what else ''}(schema: "
                   f"core/schemas/{schema}.schema.json)")

def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    store, base = _defaults(argv)
    configured = argparse.ArgumentParser(add_help=False)
    configured.add_argument("--config", type=Path, metavar="PATH",
                            help=f"the TOML config file (default: ./{FILE_NAME}, else "
                            f"{user_config_file()}); flags > environment > file > defaults")
    configured.add_argument("--store", help=f"store folder (now: {store}; set by "
                            "$CEPA_KG_STORE or the config file, else the user data folder), "
                            "or the query URL of a SPARQL 1.1 server (http(s)://...; "
                            "$CEPA_KG_STORE_URL)")
    configured.add_argument("--base", help=f"base IRI of the data (now: {base}; set by "
                            "$CEPA_KG_BASE or the config file, else http://localhost:8000/)")
    common = argparse.ArgumentParser(add_help=False, parents=[configured])
    common.add_argument("--quiet", "-q", action="store_true",
                        help="no progress (a bar in a terminal, a line at each tenth of the "
                        "work otherwise)")

    parser = argparse.ArgumentParser(
        prog="cepa-kg", description="A knowledge graph of the UN Committee of Experts on "
        "Public Administration: load documents, validate, query, export, serve.",
        epilog="Exit codes: 0 done; 1 some document failed or was refused, or the store does "
        "not conform; 2 a usage error (a bad option, file, query, config file or setting: the "
        "message says which); 130 interrupted.")
    parser.add_argument("--version", action="version", version=f"cepa-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("load", formatter_class=_Help, parents=[common],
                       help="load documents (files or folders)")
    p.add_argument("paths", nargs="*",
                   help="files (.txt, .html, .pdf), folders of them, or http(s) addresses "
                   "(default: the bundled corpus)")
    p.add_argument("--force", action="store_true", help="reload unchanged documents too")
    p.add_argument("--jobs", type=_positive, default=None, metavar="N",
                   help="processes that prepare documents (default: one per core)")
    _json_option(p, "load-summary", "instead of the table")

    p = sub.add_parser("info", formatter_class=_Help, parents=[common],
                       help="what the store holds: size, documents by family, graphs, triples, "
                       "last load, base IRI")
    _json_option(p, "info")

    p = sub.add_parser("validate", formatter_class=_Help, parents=[common],
                       help="validate the store, or documents without loading them")
    p.add_argument("paths", nargs="*", help="documents to check instead of the store")
    p.add_argument("--data", nargs="?", const="", metavar="FOLDER",
                   help="check the domain data files instead (country names, names that are "
                   "no actors, goal cues): those in FOLDER, else the installed ones")
    _json_option(p, "validate")

    p = sub.add_parser("query", formatter_class=_Help, parents=[common],
                       help="run a SPARQL query, or a named query (--name, --list)")
    p.add_argument("query", nargs="?",
                   help="the query text, or a path to a .rq file, or - for stdin")
    p.add_argument("--name", help="run the named query NAME (see --list)")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="a parameter of the named query (repeatable)")
    p.add_argument("--list", action="store_true",
                   help="list the named queries with their parameters")
    p.add_argument("--format", default=None,
                   help=f"results: {', '.join(RESULT_FORMATS)}; graphs: "
                   f"{', '.join(GRAPH_FORMATS)} (default: tsv / turtle)")

    p = sub.add_parser("export", formatter_class=_Help, parents=[common],
                       help="write the whole dataset")
    p.add_argument("--format", default="nquads", choices=["nquads", "trig", "turtle", "ntriples"],
                   help="nquads and trig keep each document's graph; turtle and ntriples "
                   "write the union of the graphs")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")

    sub.add_parser("compact", formatter_class=_Help, parents=[common],
                   help="compact the store (queries scan 10-25%% faster after writes; "
                   "`serve` does it by itself)")

    p = sub.add_parser("goals", formatter_class=_Help, parents=[common],
                       help="trace any text to the SDGs and MDGs it serves (JSON lines out)")
    p.add_argument("text", nargs="?", help="the text to trace (or use --file, or --jsonl)")
    p.add_argument("--file", type=Path, help="trace the text of this file (.txt, .html, .pdf)")
    p.add_argument("--jsonl", action="store_true",
                   help='read JSON lines {"id": ..., "text": ...} on stdin, one answer a line')
    p.add_argument("--era", choices=("mdg", "sdg"),
                   help='which framework a bare "Goal 6" means when the text does not say '
                   "(default: neither, and such a goal is left out unless its number is "
                   "above 8, an SDG's)")
    _json_option(p, "goals", "holding every answer")

    p = sub.add_parser("config", formatter_class=_Help, parents=[configured],
                       help="print the settings in effect and where each came from (a flag, "
                       "the environment, the config file, the default)")
    _json_option(p, "config")

    p = sub.add_parser("completion", formatter_class=_Help,
                       help="print a shell completion script (bash: "
                       "eval \"$(cepa-kg completion bash)\"; zsh: to a file on $fpath)")
    p.add_argument("shell", choices=("bash", "zsh"))

    p = sub.add_parser("serve", formatter_class=_Help, parents=[common],
                       help="serve SPARQL and linked data over HTTP")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")
    p.add_argument("--access-log", action="store_true",
                   help="log every request (default: off; also CEPA_KG_ACCESS_LOG=true)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="front processes sharing the port (default: 1): on a remote store each "
                   "reads and writes it; on the embedded store they read checkpoints of one "
                   "writer process, which takes their writes")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser(argv)
    args = parser.parse_args(argv)
    if args.command == "completion":  # made from the parser itself, so it never goes stale
        import shtab

        print(shtab.complete(parser, shell=args.shell))
        return 0
    from cepa_kg.cli import commands  # imported late: `--help` stays fast

    user_errors: tuple[type[Exception], ...] = (CliError, *commands.USER_ERRORS)
    try:
        args.effective = _effective(args)
        handler = getattr(commands, f"cmd_{args.command}")
        return int(handler(args, args.effective.settings))
    except user_errors as error:
        print(f"cepa-kg: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (`cepa-kg export | head`): no message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
        return 1
    except Exception as error:  # noqa: BLE001 - a bug: one line for users, details on demand
        effective = getattr(args, "effective", None)
        if effective.settings.debug if effective is not None else (  # (settings not made yet)
                os.environ.get("CEPA_KG_DEBUG", "").lower() in ("1", "true", "yes", "on")):
            raise
        print(f"cepa-kg: internal error: {type(error).__name__}: {error} (this is a bug in "
              "cepa-kg; run again with CEPA_KG_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
