"""The shapes check of a large write, in a child process:
`python -m cepa_kg.server.shapes_process BASE` reads the changed triples (N-Triples) on its
stdin and writes its report (JSON) on its stdout.

The check parses with rdflib and validates in Python: about 2 s of one core per MB of
N-Triples, holding the GIL all along. In the server's thread, a large Graph Store PUT made
every reader wait behind it (reads took up to 11.6 s during a 10 MB PUT), and went on long
after its client had its 503. In a child process it holds nothing of the server's, and it is
killed as soon as its write is abandoned."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cepa_kg.validation import ValidationReport

#: Changed triples (N-Triples bytes) beyond which the check runs in a child process (the
#: process costs about a second to start: small writes are checked in the thread).
IN_THREAD_LIMIT = 256 * 1024
_POLL_S = 0.1


class CheckAbandonedError(Exception):
    """The write was abandoned while its shapes were checked (the check was killed)."""


def check_in_child(ntriples: bytes, base: str, *, validator: str = "compiled",
                   abandoned: Callable[[], bool]) -> ValidationReport:
    """The shapes report on `ntriples`, computed in a child process; the child is killed and
    CheckAbandonedError raised as soon as `abandoned()` says so (polled every 0.1 s)."""
    from cepa_kg.validation import ValidationReport, Violation

    # Files, not pipes: the child reads and writes at its pace while this thread polls.
    with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        given.write(ntriples)
        given.seek(0)
        process = subprocess.Popen(
            [sys.executable, "-m", "cepa_kg.server.shapes_process", base, validator],
            stdin=given, stdout=out, stderr=err)
        try:
            while True:
                try:
                    process.wait(timeout=_POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if abandoned():
                        raise CheckAbandonedError("the write was abandoned") from None
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        if process.returncode != 0:
            err.seek(0)
            raise RuntimeError("the shapes check failed: "
                               + err.read()[-500:].decode(errors="replace"))
        out.seek(0)
        report = json.loads(out.read())
    return ValidationReport(report["conforms"],
                            tuple(Violation(**v) for v in report["violations"]),
                            tuple(Violation(**v) for v in report["warnings"]))


def main() -> None:
    from cepa_kg.validation import validate_graph
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=sys.stdin.buffer.read(), format="nt")
    report = validate_graph(graph, base=sys.argv[1], validator=sys.argv[2])
    json.dump({"conforms": report.conforms,
               "violations": [asdict(v) for v in report.violations],
               "warnings": [asdict(v) for v in report.warnings]}, sys.stdout)


if __name__ == "__main__":
    main()
