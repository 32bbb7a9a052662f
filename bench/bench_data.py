"""Data shaped like ours for the benchmarks: sessions, recommendations with texts, addressees and
goal alignments (with method, score, evidence), actors, goals; and a helper that serves it."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox

BASE = "http://localhost:8000/"
CEPA = "https://w3id.org/cepa-kg/def#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
XSD = "http://www.w3.org/2001/XMLSchema#"
GOALS = [f"mdg-{i}" for i in range(1, 9)] + [f"sdg-{i}" for i in range(1, 18)]
WORDS = ("public administration governance corruption health education e-government capacity "
         "transparency accountability Member States Secretariat partnership development "
         "institutions civil service innovation participation budget decentralization").split()
TRIPLES_PER_RECOMMENDATION = 20


def _lit(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"^^<{XSD}{datatype}>" if datatype else "")


def generate(path: Path, triples: int, *, seed: int = 7) -> dict[str, int]:
    """Write about `triples` N-Quads to `path` (one graph per session document); return the
    shape (sessions, recommendations per session, actors)."""
    rng = random.Random(seed)
    recommendations = max(1, triples // TRIPLES_PER_RECOMMENDATION)
    sessions = 20
    per_session = recommendations // sessions
    actors = 500
    with open(path, "w") as out:
        def q(s: str, p: str, o: str, g: str) -> None:
            out.write(f"<{s}> <{p}> {o} <{g}> .\n")

        ref = BASE + "id/graph/bench-reference"
        for goal in GOALS:
            q(BASE + f"id/goal/{goal}", RDF_TYPE, f"<{CEPA}Goal>", ref)
            q(BASE + f"id/goal/{goal}", SKOS_LABEL, _lit(f"Goal {goal}"), ref)
        for a in range(actors):
            actor = BASE + f"id/actor/actor-{a}"
            q(actor, RDF_TYPE, f"<{CEPA}Organization>", ref)
            q(actor, RDFS_LABEL, _lit(f"Organization {a}"), ref)
        for n in range(1, sessions + 1):
            session = BASE + f"id/session/{n}"
            doc = BASE + f"id/document/bench-session-{n}"
            q(doc, RDF_TYPE, f"<{CEPA}SourceDocument>", doc)
            q(session, RDF_TYPE, f"<{CEPA}Session>", doc)
            q(session, CEPA + "sessionNumber", _lit(str(n), "integer"), doc)
            q(session, "https://schema.org/startDate", _lit(f"{2001 + n}-04-01", "date"), doc)
            q(session, RDFS_LABEL, _lit(f"Session {n}"), doc)
            for r in range(1, per_session + 1):
                rec = f"{session}/recommendation/{r}"
                text = " ".join(rng.choice(WORDS) for _ in range(18))
                q(rec, RDF_TYPE, f"<{CEPA}Recommendation>", doc)
                q(rec, RDFS_LABEL, _lit(f"Recommendation {n}.{r}"), doc)
                q(rec, CEPA + "text", _lit(text), doc)
                q(rec, CEPA + "session", f"<{session}>", doc)
                q(rec, CEPA + "addressee", f"<{BASE}id/actor/actor-{rng.randrange(actors)}>", doc)
                q(rec, CEPA + "modality", _lit(rng.choice(["should", "encourages", "requests"])), doc)
                q(rec, "http://www.w3.org/ns/prov#wasDerivedFrom", f"<{doc}>", doc)
                q(rec, CEPA + "order", _lit(str(r), "integer"), doc)
                for goal in rng.sample(GOALS, 2):
                    alignment = f"{rec}#{goal}"
                    q(rec, CEPA + "alignedTo", f"<{BASE}id/goal/{goal}>", doc)
                    q(rec, CEPA + "hasAlignment", f"<{alignment}>", doc)
                    q(alignment, RDF_TYPE, f"<{CEPA}GoalAlignment>", doc)
                    q(alignment, CEPA + "goal", f"<{BASE}id/goal/{goal}>", doc)
                    q(alignment, CEPA + "method", _lit(rng.choice(["explicit", "thematic"])), doc)
                    q(alignment, CEPA + "score", _lit(f"{rng.random():.2f}", "decimal"), doc)
    return {"sessions": sessions, "per_session": per_session, "actors": actors}


def bulk_load(store: Path, nquads: Path) -> None:
    """Load `nquads` into a new on-disk store at `store` with pyoxigraph's bulk loader, then
    compact it: a server opening a freshly bulk-loaded store read-write (ours) would otherwise
    spend its first minutes compacting it in the background, while one opening it read-only
    (`oxigraph serve-read-only`) never does, which made the comparison unfair to ours."""
    bulk = ox.Store(str(store))
    bulk.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    bulk.flush()
    bulk.optimize()
    del bulk


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_ours(store: Path, log: Path, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """`cepa-kg serve` over `store`; returns the process and its base URL once it answers."""
    port = free_port()
    environment = {**os.environ, **{f"CEPA_KG_{k.upper()}": v for k, v in env.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "cepa_kg.cli", "serve", "--store", str(store), "--port", str(port)],
        stdout=open(log, "w"), stderr=subprocess.STDOUT, env=environment)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url + "/sparql", log)
    return process, url


def start_oxigraph(store: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`oxigraph serve-read-only` (PyPI `oxigraph`) over `store`, union default graph."""
    port = free_port()
    process = subprocess.Popen(
        ["oxigraph", "serve-read-only", "--location", str(store), "--bind",
         f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "300"],
        stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url + "/query?query=ASK%7B%7D", log)
    return process, url


def wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not start:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.3)
