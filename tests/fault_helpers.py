"""Helpers of the fault tests (not a test module): documents to load, the CLI as a child
process, and what a store holds graph by graph, read without taking its lock."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from cepa_kg.cli.commands import bundled_corpus_paths

SHA256 = "https://w3id.org/cepa-kg/def#sha256"


def variants(folder: Path, n: int, edition: int = 1) -> list[Path]:
    """`n` distinct documents made from the corpus (session number, month or title changed),
    written into `folder`; another `edition` of the same documents differs in its bytes only
    (its trailing newlines), so that loading it replaces each graph with one of equal shape."""
    corpus = bundled_corpus_paths()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        source = corpus[i % len(corpus)]
        text = source.read_text(encoding="utf-8")
        if "session" in source.name:
            text = re.sub(r"\bSession \d+", f"Session {20 + i}", text, count=1)
        elif "update" in source.name:
            text = re.sub(r"(Members: )\w+ \d{4}", rf"\g<1>March {1950 + i}", text, count=1)
        else:
            text = re.sub(r"(Development Account Projects\s*\n\s*\n?)([^\n]+)",
                          lambda m, i=i: f"{m[1]}Phase {i}: {m[2]}", text, count=1)
        path = folder / f"{i:03d}-{source.name}"
        path.write_text(text + "\n" * edition, encoding="utf-8")
        paths.append(path)
    return paths


def cli(*args: str, preexec_fn: Callable[[], None] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`cepa-kg ARGS` in a child process, its output captured."""
    return subprocess.run([sys.executable, "-m", "cepa_kg.cli", *args], capture_output=True,
                          text=True, timeout=timeout, preexec_fn=preexec_fn, check=False)


def start_cli(*args: str) -> subprocess.Popen[bytes]:
    """`cepa-kg ARGS` started in a session of its own (see `kill_hard`)."""
    return subprocess.Popen([sys.executable, "-m", "cepa_kg.cli", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """kill -9 the process, then whatever it started (its worker processes, in its session)."""
    process.kill()
    process.wait(timeout=30)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def graph_counts(store: Path, prefix: str = "") -> dict[str, int]:
    """Triples in each named graph (whose IRI starts with `prefix`), read from a read-only
    view of the store folder (it may be open for writing in another process)."""
    view = ox.Store.read_only(str(store))
    rows = view.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    counts = {row["g"].value: int(row["n"].value) for row in rows}  # type: ignore[index]
    return {g: n for g, n in counts.items() if g.startswith(prefix)}


def document_versions(store: Path, prefix: str) -> dict[str, str]:
    """Document graph (its IRI starting with `prefix`) -> the sha256 of the file it was
    loaded from."""
    view = ox.Store.read_only(str(store))
    rows = view.query(f"SELECT ?g ?sha WHERE {{ GRAPH ?g {{ ?g <{SHA256}> ?sha }} }}")
    versions = {row["g"].value: row["sha"].value for row in rows}  # type: ignore[index]
    return {g: sha for g, sha in versions.items() if g.startswith(prefix)}
