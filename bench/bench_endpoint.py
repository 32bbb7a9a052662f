"""Our server against `oxigraph serve-read-only` on the same data, same query mix:
`python bench/bench_endpoint.py --triples 100000 1000000`.

For each size: generate data shaped like ours, bulk-load it, start both servers (ours with its
query worker processes, Oxigraph's with the union default graph), then for each query and each
concurrency (1, 16) drive ours and Oxigraph in turn, `--rounds` runs of `--seconds` each,
with an async httpx client (keep-alive); a row gives the median rate of the rounds. Every answer's status and row count is checked against the count pyoxigraph gives
in process, so an error never counts as a fast answer. Every request's text is new (a comment
line is appended), so no answer comes from our answer cache. Prints req/s, p50, p99 and our
ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from pathlib import Path

import httpx
import pyoxigraph as ox
from bench_data import BASE, CEPA, bulk_load, generate, start_ours, start_oxigraph

P = f"PREFIX cepa: <{CEPA}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


@dataclass
class Query:
    name: str
    make: Callable[[int], str]  # request number -> query text
    graph: bool = False  # CONSTRUCT: count N-Triples lines


def mix(shape: dict[str, int]) -> list[Query]:
    per, sessions = shape["per_session"], shape["sessions"]

    def rec(i: int) -> str:
        return f"<{BASE}id/session/{i % sessions + 1}/recommendation/{i % per + 1}>"

    return [
        Query("point lookup", lambda i: P + f"SELECT ?l WHERE {{ {rec(i)} rdfs:label ?l }}"),
        Query("entity description",
              lambda i: f"CONSTRUCT {{ {rec(i)} ?p ?o }} WHERE {{ {rec(i)} ?p ?o }}", graph=True),
        Query("count per goal", lambda i: P + "SELECT ?g (COUNT(?r) AS ?n) WHERE { "
              "?r cepa:alignedTo ?g } GROUP BY ?g"),
        Query("trace join", lambda i: P + "SELECT ?r ?g ?m ?s WHERE { ?r cepa:session "
              f"<{BASE}id/session/{i % sessions + 1}> ; cepa:hasAlignment ?a . ?a cepa:goal ?g ;"
              " cepa:method ?m ; cepa:score ?s }"),
        Query("10,000-row SELECT", lambda i: P + "SELECT ?r ?t WHERE { ?r a cepa:Recommendation "
              "; cepa:text ?t } LIMIT 10000"),
        Query("text filter", lambda i: P + "SELECT ?r WHERE { ?r cepa:text ?t "
              f"FILTER(CONTAINS(?t, \"corruption health {['education', 'budget'][i % 2]}\")) }}"),
    ]


def expected_rows(store: ox.Store, text: str) -> int:
    result = store.query(text, use_default_graph_as_union=True)
    return sum(1 for _ in result)


def rows_of(body: bytes, graph: bool) -> int:
    if graph:
        return body.count(b"\n")
    return len(json.loads(body)["results"]["bindings"])


async def drive(url: str, query: Query, expected: dict[int, int], concurrency: int,
                seconds: float, *, unique: bool = True) -> dict[str, Any]:
    """Requests from `concurrency` clients for `seconds`; latencies of correct answers only.
    `unique`: each text ends with a new comment line (`# <run>-<client>-<n>`), so no answer
    comes from a cache (ours remembers small answers per text: measured apart, bench_baselines)."""
    accept = "application/n-triples" if query.graph else "application/sparql-results+json"
    latencies: list[float] = []
    errors = 0
    run = time.time_ns()  # in every text: no text of an earlier run comes back
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        async def one(worker: int) -> None:
            nonlocal errors
            i = worker
            while time.monotonic() < stop:
                key = i % len(expected)
                start = time.perf_counter()
                text = query.make(key) + (f"\n# {run}-{worker}-{i}" if unique else "")
                try:
                    response = await client.get(url, params={"query": text},
                                                headers={"Accept": accept})
                except httpx.TransportError:  # the server closed the connection, or died
                    errors += 1
                    await asyncio.sleep(0.05)
                    i += concurrency
                    continue
                elapsed = time.perf_counter() - start
                if response.status_code == 200 and rows_of(response.content,
                                                            query.graph) == expected[key]:
                    latencies.append(elapsed)
                else:
                    errors += 1
                i += concurrency

        begin = time.monotonic()
        await asyncio.gather(*(one(w) for w in range(concurrency)))
        wall = time.monotonic() - begin
    return {**_summary(latencies, wall), "errors": errors, "latencies": latencies}


def _summary(latencies: list[float], wall: float) -> dict[str, float]:
    latencies = sorted(latencies)
    n = len(latencies)
    return {"rps": n / wall, "p50": 1000 * statistics.median(latencies) if n else float("nan"),
            "p99": 1000 * latencies[min(n - 1, int(n * 0.99))] if n else float("nan"), "n": n}


def alternate(runs: dict[str, Callable[[], dict[str, Any]]], rounds: int) -> dict[str, Any]:
    """Each run of `runs` once per round, in turn, `rounds` times: this machine's speed drifts
    by 10-20% over a minute, and alternating short runs exposes both servers to the same
    drift. Per server: the median of the rounds' rates (and their spread), the latencies of
    all rounds pooled, the errors summed."""
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            results[name].append(run())
    merged = {}
    for name, outs in results.items():
        rates = sorted(o["rps"] for o in outs)
        pooled = [t for o in outs for t in o["latencies"]]
        merged[name] = {**_summary(pooled, 1.0), "rps": statistics.median(rates),
                        "low": rates[0], "high": rates[-1],
                        "errors": sum(o["errors"] for o in outs)}
    return merged


@dataclass
class Server:
    """A server under test. `oxigraph serve-read-only` sometimes dies under 16 clients, or
    lives on answering every query 500 ("Resource temporarily unavailable"); a run where a
    server failed is run again on a fresh start of it (`restarts` counts them)."""

    start: Callable[[], tuple[subprocess.Popen[bytes], str]]
    path: str  # of its SPARQL endpoint
    process: subprocess.Popen[bytes] | None = None
    url: str = ""
    restarts: int = 0

    def up(self) -> str:
        if self.process is None or self.process.poll() is not None:
            self.process, base = self.start()
            self.url = base + self.path
            time.sleep(1)
        return self.url

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self.up()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def _drive_once(server: Server, query: Query, expected: dict[int, int], concurrency: int,
                seconds: float, *, attempts: int = 3) -> dict[str, Any]:
    """One run; a run with errors is run again (at most `attempts` in all) after restarting
    the server. The errors of every attempt are reported."""
    errors = 0
    for attempt in range(attempts):
        result = asyncio.run(drive(server.up(), query, expected, concurrency, seconds))
        errors += result["errors"]
        if not result["errors"] or attempt == attempts - 1:
            return {**result, "errors": errors}
        server.restart()
    raise AssertionError("unreachable")


def _rate(result: dict[str, Any]) -> str:
    """The median rate of the rounds, and their spread."""
    return f"{result['rps']:.0f} ({result['low']:.0f}-{result['high']:.0f})"


def run_size(triples: int, seconds: float, concurrencies: list[int], rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.monotonic()
        shape = generate(folder / "data.nq", triples)
        bulk_load(folder / "ours", folder / "data.nq")
        bulk_load(folder / "oxigraph", folder / "data.nq")
        print(f"\n## {triples:,} triples (generated and loaded twice in "
              f"{time.monotonic() - t:.0f} s)")
        store = ox.Store.read_only(str(folder / "oxigraph"))
        queries = mix(shape)
        keys = 8
        expected = {q.name: {k: expected_rows(store, q.make(k)) for k in range(keys)}
                    for q in queries}
        del store
        ours = Server(partial(start_ours, folder / "ours", folder / "ours.log",
                              query_timeout_s="300"), "/sparql")
        oxi = Server(partial(start_oxigraph, folder / "oxigraph", folder / "oxigraph.log"),
                     "/query")
        try:
            ours.up(), oxi.up()
            print("| query | clients | ours req/s (spread) | p50 ms | p99 ms | oxigraph req/s "
                  "(spread) | p50 ms | p99 ms | ratio | errors (ours/oxigraph) |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for query in queries:
                for concurrency in concurrencies:
                    runs = {
                        "ours": partial(_drive_once, ours, query, expected[query.name],
                                        concurrency, seconds),
                        "oxigraph": partial(_drive_once, oxi, query, expected[query.name],
                                            concurrency, seconds),
                    }
                    r = alternate(runs, rounds)
                    a, b = r["ours"], r["oxigraph"]
                    ratio = a["rps"] / b["rps"] if b["rps"] else float("nan")
                    print(f"| {query.name} | {concurrency} | {_rate(a)} | {a['p50']:.1f} | "
                          f"{a['p99']:.1f} | {_rate(b)} | {b['p50']:.1f} | {b['p99']:.1f} | "
                          f"{ratio:.2f} | {a['errors']}/{b['errors']} |", flush=True)
            print(f"\nruns with errors, run again on a fresh start of the server: ours "
                  f"{ours.restarts}, oxigraph {oxi.restarts}")
        finally:
            ours.stop()
            oxi.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seconds", type=float, default=2.0, help="per run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per server and row, alternating (median reported)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    args = parser.parse_args()
    for triples in args.triples:
        run_size(triples, args.seconds, args.clients, args.rounds)


if __name__ == "__main__":
    main()
