"""`cepa-kg export`: the whole dataset written in one RDF format, its progress counted from the
bytes written: N-Quads and N-Triples hold one statement a line; in TriG and Turtle as pyoxigraph
writes them each statement ends with " .\n", " ;\n" or " , " (a literal holding " , " counts
one too many: the count stops at the total; the `@prefix` lines at the start are not counted).
TriG and Turtle use the project's prefixes (`namespaces.PREFIXES`)."""

from __future__ import annotations

from typing import BinaryIO

from cepa_kg.formats import GRAPH_FORMATS
from cepa_kg.namespaces import PREFIXES
from cepa_kg.progress import Progress
from cepa_kg.store import GraphStore

__all__ = ["FORMATS", "CountingSink", "count_statements", "export", "keeps_graphs",
           "prefixes_of", "statement_ends"]

FORMATS = ("nquads", "trig", "turtle", "ntriples")


def keeps_graphs(fmt: str) -> bool:
    """N-Quads and TriG keep each document's graph; Turtle and N-Triples write the union."""
    return fmt in ("nquads", "trig")


def count_statements(store: GraphStore, fmt: str) -> int:
    """How many statements `fmt` holds: the quads of the named graphs, or the distinct
    triples of their union."""
    [row] = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
                         if keeps_graphs(fmt) else
                         "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                         "WHERE { ?s ?p ?o } }")
    return int(row["n"].value)  # type: ignore[union-attr]


def prefixes_of(fmt: str) -> dict[str, str]:
    """The prefixes `fmt` is written with: the project's namespaces in TriG and Turtle (each
    an `@prefix` line at the start), none in N-Quads and N-Triples."""
    return PREFIXES if fmt in ("trig", "turtle") else {}


def statement_ends(fmt: str) -> tuple[bytes, ...]:
    """What ends a statement in `fmt` as pyoxigraph writes it."""
    return (b"\n",) if fmt in ("nquads", "ntriples") else (b" .\n", b" ;\n", b" , ")


class CountingSink:
    """A binary sink that counts the statements written through it into `progress`."""

    def __init__(self, sink: BinaryIO, progress: Progress, ends: tuple[bytes, ...],
                 *, skip: int = 0) -> None:
        self.sink, self.progress, self.ends = sink, progress, ends
        self._skip = skip  # ends that are not statements: the `@prefix` lines at the start
        self._keep = max(len(end) for end in ends) - 1  # an end split between two writes
        self._tail = b""  # is counted in the second

    def write(self, data: bytes) -> int:
        seen = self._tail + data
        found = sum(seen.count(end) for end in self.ends)
        skipped = min(found, self._skip)
        self._skip -= skipped
        self.progress.advance(found - skipped)
        self._tail = seen[len(seen) - self._keep:]
        return self.sink.write(data)

    def flush(self) -> None:
        self.sink.flush()


def export(store: GraphStore, out: BinaryIO, fmt: str, progress: Progress) -> None:
    """Write the dataset to `out` in `fmt` (one of FORMATS), counting into `progress`."""
    prefixes = prefixes_of(fmt)
    sink = CountingSink(out, progress, statement_ends(fmt), skip=len(prefixes))
    if keeps_graphs(fmt):
        store.dump(sink, format=GRAPH_FORMATS[fmt], prefixes=prefixes)  # type: ignore[arg-type]
    else:  # triples only: the union of all graphs
        store.dump_union(sink, format=GRAPH_FORMATS[fmt], prefixes=prefixes)  # type: ignore[arg-type]
    progress.finish()
