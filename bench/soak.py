"""Soak: a mixed workload against a real `cepa-kg serve`, N clients for T seconds (issue 16,
part 6): `python bench/soak.py [--clients 64] [--seconds 60] [--store DIR] [--no-writes]`.

Starts `cepa-kg serve` on 127.0.0.1 over an on-disk store holding the bundled corpus (loaded
into a temporary folder first, or `--store`, which is copied: the soak writes), with default
settings and an update token (unless `--no-writes`). Then `--clients` clients (asyncio tasks,
one kept-alive httpx connection each, from an address of its own: 127.0.1.1, 127.0.1.2,
...) send requests one after the other for `--seconds`, each
picking a kind at random by weight:

- light: a short SPARQL SELECT (an entity's label, a session's number: point lookups);
- heavy: a heavier SELECT (aggregates over the recommendations and their goals, a text
  filter, a three-pattern join);
- entity: dereferencing an entity with content negotiation (Turtle, JSON-LD, N-Triples, HTML);
- named: a named query (`/queries/NAME`, JSON or CSV);
- html: an HTML page (home, browse lists, search, matrix, trace, the query page);
- update: a SPARQL Update or a Graph Store PUT on a scratch graph of the client's own
  (about 1 % of requests, with the token).

Query texts vary with the entity or word picked, so some answers come from the server's cache
and most do not, as with real clients. Prints, per kind: requests, errors (any answer but 2xx,
and failed connections), p50, p99 and max latency, as a Markdown table; then the statuses.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

CEPA = "https://w3id.org/cepa-kg/def#"
P = (f"PREFIX cepa: <{CEPA}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
WEIGHTS = {"light": 40, "heavy": 10, "entity": 20, "named": 10, "html": 19, "update": 1}
ENTITY_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "text/html"]
WORDS = ["corruption", "trust", "budget", "capacity", "citizen", "digital", "public",
         "institutions", "health", "education", "transparency", "participation"]
NAMED = ["sessions", "session-goals?session=5", "session-goals?session=8",
         "recommendations-by-goal", "recommendations-to-actor", "partnerships-by-actor",
         "session-mdg-matrix", "themes-across-sessions", "timeline", "partner-network",
         "sources-of-entity", "trace-recommendation"]
PAGES = ["/", "/browse", "/browse/Session", "/browse/Recommendation", "/browse/Actor",
         "/browse/Country?page=2", "/matrix", "/matrix?goals=mdg", "/trace", "/network",
         "/queries", "/def"]


@dataclass
class Stats:
    """Latencies of the answers of one kind, and what went wrong."""

    times: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    errors: int = 0

    def add(self, seconds: float, status: str, ok: bool) -> None:
        self.times.append(seconds)
        self.statuses[status] += 1
        self.errors += not ok


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path, port: int, token: str | None, log: Path
                 ) -> subprocess.Popen[bytes]:
    env = {**os.environ}
    if token:
        env["CEPA_KG_UPDATE_TOKEN"] = token
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "cepa_kg.cli", "serve", "--store",
                                    str(store), "--port", str(port)], stdout=out,
                                   stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the server did not start:\n" + log.read_text())
        time.sleep(0.2)


class Workload:
    """The requests: each `make_*` returns (method, path, headers, body) for one request."""

    def __init__(self, entities: list[str], base: str, token: str | None) -> None:
        self.entities, self.base, self.token = entities, base, token

    def local(self, iri: str) -> str:
        return "/" + iri.removeprefix(self.base)

    @staticmethod
    def sparql(query: str) -> str:
        return "/sparql?" + urllib.parse.urlencode({"query": query})

    def light(self, rng: random.Random, client: int) -> tuple[str, str, dict[str, str], bytes]:
        entity = rng.choice(self.entities)
        query = rng.choice([
            P + f"SELECT ?label WHERE {{ <{entity}> rdfs:label|skos:prefLabel ?label }}",
            P + f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }} LIMIT 20",
            P + "SELECT ?s ?n WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n }",
        ])
        return "GET", self.sparql(query), {"Accept": "application/sparql-results+json"}, b""

    def heavy(self, rng: random.Random, client: int) -> tuple[str, str, dict[str, str], bytes]:
        word = rng.choice(WORDS)
        query = rng.choice([
            P + "SELECT ?goal (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a cepa:Recommendation ; "
                "cepa:hasAlignment/cepa:goal ?goal } GROUP BY ?goal ORDER BY DESC(?n)",
            P + f'SELECT ?s ?label WHERE {{ ?s rdfs:label ?label '
                f'FILTER(CONTAINS(LCASE(STR(?label)), "{word}")) }} LIMIT 100',
            P + "SELECT ?r ?g ?m WHERE { ?r cepa:session ?s ; cepa:hasAlignment ?a . "
                "?a cepa:goal ?g ; cepa:method ?m } LIMIT 500",
            P + "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
        ])
        return "GET", self.sparql(query), {"Accept": "application/sparql-results+json"}, b""

    def entity(self, rng: random.Random, client: int) -> tuple[str, str, dict[str, str], bytes]:
        return "GET", self.local(rng.choice(self.entities)), {
            "Accept": rng.choice(ENTITY_TYPES)}, b""

    def named(self, rng: random.Random, client: int) -> tuple[str, str, dict[str, str], bytes]:
        accept = rng.choice(["application/sparql-results+json", "text/csv"])
        return "GET", "/queries/" + rng.choice(NAMED), {"Accept": accept}, b""

    def html(self, rng: random.Random, client: int) -> tuple[str, str, dict[str, str], bytes]:
        page = rng.choice([*PAGES, "search", "query"])
        if page == "search":
            page = "/search?" + urllib.parse.urlencode({"q": rng.choice(WORDS)})
        elif page == "query":
            page = "/query?" + urllib.parse.urlencode({"query": P + "SELECT ?s ?n WHERE { "
                                                       "?s a cepa:Session ; cepa:sessionNumber "
                                                       "?n } ORDER BY ?n"})
        return "GET", page, {"Accept": "text/html"}, b""

    def update(self, rng: random.Random, client: int) -> tuple[str, str, dict[str, str], bytes]:
        graph = f"http://example.org/soak/client-{client}"
        auth = {"Authorization": f"Bearer {self.token}"}
        n = rng.randrange(1_000_000)
        if rng.random() < 0.5:
            body = (f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ "
                    f'<{graph}/thing> <http://example.org/soak/n> "{n}" }} }}')
            return "POST", "/update", {**auth, "Content-Type": "application/sparql-update"}, \
                body.encode()
        body = f'<{graph}/thing> <http://example.org/soak/n> "{n}" .\n'
        return "PUT", "/store?" + urllib.parse.urlencode({"graph": graph}), {
            **auth, "Content-Type": "application/n-triples"}, body.encode()


def client_address(index: int) -> str:
    """Client `index`'s own loopback address (127.0.1.1, 127.0.1.2, ...): the server shares
    expensive queries out per address, as it would between real clients."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


async def client_loop(index: int, url: str, workload: Workload, kinds: list[str],
                      weights: list[int], stop_at: float, stats: dict[str, Stats],
                      seed: int, one_address: bool) -> None:
    rng = random.Random(seed * 1000 + index)
    makers: dict[str, Callable[..., tuple[str, str, dict[str, str], bytes]]] = {
        kind: getattr(workload, kind) for kind in kinds}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    transport = httpx.AsyncHTTPTransport(
        limits=limits, local_address=None if one_address else client_address(index))
    async with httpx.AsyncClient(base_url=url, timeout=120, transport=transport) as http:
        while time.monotonic() < stop_at:
            kind = rng.choices(kinds, weights)[0]
            method, path, headers, body = makers[kind](rng, index)
            started = time.monotonic()
            try:
                response = await http.request(method, path, headers=headers,
                                              content=body or None)
                await response.aread()
                status, ok = str(response.status_code), response.is_success
            except httpx.HTTPError as error:
                status, ok = type(error).__name__, False
            stats[kind].add(time.monotonic() - started, status, ok)


def entity_iris(url: str, base: str, limit: int = 400) -> list[str]:
    query = (f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{base}id/")) '
             f"FILTER(!CONTAINS(STR(?s), \"#\")) }} LIMIT {limit}")
    answer = httpx.get(url + "/sparql", params={"query": query},
                       headers={"Accept": "application/sparql-results+json"}, timeout=60)
    answer.raise_for_status()
    return [row["s"]["value"] for row in answer.json()["results"]["bindings"]]


def report(stats: dict[str, Stats], clients: int, seconds: float) -> str:
    lines = ["| kind | requests | req/s | errors | p50 | p99 | max |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    everything = Stats()
    for kind, s in stats.items():
        if not s.times:
            continue
        everything.times += s.times
        everything.errors += s.errors
        everything.statuses.update(s.statuses)
        lines.append(_row(kind, s, seconds))
    lines.append(_row("all", everything, seconds))
    statuses = ", ".join(f"{k} ×{v:,}" for k, v in sorted(everything.statuses.items()))
    return "\n".join(lines) + f"\n\nstatuses: {statuses}"


def _row(kind: str, s: Stats, seconds: float) -> str:
    return (f"| {kind} | {len(s.times):,} | {len(s.times) / seconds:,.0f} | {s.errors:,} | "
            f"{statistics.median(s.times) * 1000:,.0f} ms | "
            f"{percentile(s.times, 0.99) * 1000:,.0f} ms | {max(s.times) * 1000:,.0f} ms |")


async def soak(url: str, workload: Workload, clients: int, seconds: float, seed: int,
               writes: bool, only: list[str] | None = None, one_address: bool = False
               ) -> dict[str, Stats]:
    kinds = [k for k in WEIGHTS if (writes or k != "update") and (not only or k in only)]
    weights = [WEIGHTS[k] for k in kinds]
    stats = {kind: Stats() for kind in kinds}
    stop_at = time.monotonic() + seconds
    await asyncio.gather(*(client_loop(i, url, workload, kinds, weights, stop_at, stats, seed,
                                       one_address) for i in range(clients)))
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--store", type=Path, help="an on-disk store, copied (default: the "
                        "bundled corpus, loaded into a temporary folder)")
    parser.add_argument("--no-writes", action="store_true", help="no update token: reads only")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--kinds", help="only these kinds, comma-separated (e.g. light,html)")
    parser.add_argument("--one-address", action="store_true",
                        help="every client from 127.0.0.1 (one client to the server's limits "
                        "on expensive queries per address)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    store = folder / "store"
    if args.store:
        shutil.copytree(args.store, store)
    else:
        subprocess.run([sys.executable, "-m", "cepa_kg.cli", "load", "-q", "--store",
                        str(store)], check=True, capture_output=True)
    token = None if args.no_writes else secrets.token_urlsafe(16)
    port = free_port()
    server = start_server(store, port, token, folder / "server.log")
    url = f"http://127.0.0.1:{port}"
    base = os.environ.get("CEPA_KG_BASE", "http://localhost:8000/")
    try:
        workload = Workload(entity_iris(url, base), base, token)
        started = time.monotonic()
        stats = asyncio.run(soak(url, workload, args.clients, args.seconds, args.seed,
                                 writes=token is not None,
                                 only=args.kinds.split(",") if args.kinds else None,
                                 one_address=args.one_address))
        took = time.monotonic() - started
        alive = server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"{args.clients} clients ({'one address' if args.one_address else 'an address each'}), "
          f"{args.seconds:g} s ({took:.1f} s with the last answers), "
          f"{os.cpu_count()} cores, server {'alive' if alive else 'DEAD'} at the end, "
          f"writes {'on' if token else 'off'}; log: {folder / 'server.log'}")
    print(report(stats, args.clients, took))


if __name__ == "__main__":
    main()
