"""Benchmark: the store backends side by side, and front processes on one remote store.

    python bench/bench_backends.py                     # the corpus x 50 (200 documents)
    python bench/bench_backends.py --times 10 --seconds 5

1. The extra hop. The same documents are loaded into the embedded store (on disk), an
   `oxigraph serve` and Virtuoso (when installed; started here on 127.0.0.1). Through the
   store interface, each backend answers the same light queries (one entity's description,
   for a few hundred entities; a session list; an ASK): the median time per query, and its
   ratio to the embedded store's.
2. Light-query throughput. `cepa-kg serve` with 1, 2 and 4 front processes (`--workers N`)
   over the embedded store (more than one: fronts on the writer's checkpoints) and over the
   Oxigraph server:
   16 clients send point lookups (each a new text, so that no answer comes from a cache) for
   `--seconds`; requests per second and the median latency.
The figures of a run are in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import httpx

from cepa_kg.namespaces import CEPA_DEF
from cepa_kg.pipeline import load_paths
from cepa_kg.remote_store import RemoteEndpoints, RemoteStore
from cepa_kg.store import GraphStore, OxigraphStore

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from bench_load import generate  # noqa: E402
from remote_servers import oxigraph_server, virtuoso_server  # noqa: E402
from serve_process import free_port  # noqa: E402

BASE = "http://localhost:8000/"
SESSIONS = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> SELECT ?s ?n WHERE "
            "{ ?s a cepa:Session ; cepa:sessionNumber ?n } ORDER BY ?n")
ASK = "ASK { ?s a <https://w3id.org/cepa-kg/def#Recommendation> }"


def _median_ms(run: Callable[[], object], times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def hop(stores: dict[str, GraphStore], subjects: list[str]) -> None:
    print("\n## The extra hop: median ms per query through the store interface\n")
    print("| backend | describe an entity | session list | ASK | ratio to embedded |")
    print("|---|---:|---:|---:|---:|")
    rows = {}
    for name, store in stores.items():
        store.select(SESSIONS)  # warm
        describe = statistics.median(
            _median_ms(lambda s=s: store.select(f"SELECT ?p ?o WHERE {{ <{s}> ?p ?o }}"), 3)
            for s in subjects)
        rows[name] = (describe, _median_ms(lambda: store.select(SESSIONS), 20),
                      _median_ms(lambda: store.ask(ASK), 20))
    base = rows["embedded"]
    for name, (describe, sessions, ask) in rows.items():
        ratio = statistics.mean([describe / base[0], sessions / base[1], ask / base[2]])
        print(f"| {name} | {describe:.2f} | {sessions:.2f} | {ask:.2f} | {ratio:.1f}× |")


async def _drive(url: str, subjects: list[str], seconds: float, clients: int
                 ) -> tuple[float, float, int]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    counter = iter(range(10**9))

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.monotonic() < stop:
            n = next(counter)
            query = f"SELECT ?p ?o WHERE {{ <{subjects[n % len(subjects)]}> ?p ?o }} # {n}"
            started = time.perf_counter()
            answer = await http.get(url + "/sparql", params={"query": query},
                                    headers={"Accept": "application/sparql-results+json"})
            if answer.status_code != 200:
                errors += 1
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        wall = time.monotonic() - started
    return len(latencies) / wall, statistics.median(latencies) * 1000, errors


def _serve(store: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "cepa_kg.cli", "serve", "--store", store, "--base", BASE,
         "--port", str(port), "--workers", str(workers)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log.read_text())
        time.sleep(0.2)


def throughput(fronts: list[tuple[str, str, int]], subjects: list[str], seconds: float,
               clients: int, folder: Path) -> None:
    print(f"\n## Light queries ({clients} clients, {seconds:g} s each): point lookups at "
          "the server\n")
    print("| store | front processes | requests/s | median ms | errors |")
    print("|---|---:|---:|---:|---:|")
    for label, store, workers in fronts:
        port = free_port()
        process = _serve(store, port, workers, folder / f"serve-{label}-{workers}.log")
        try:
            asyncio.run(_drive(f"http://127.0.0.1:{port}", subjects, 2, clients))  # warm
            rate, median, errors = asyncio.run(
                _drive(f"http://127.0.0.1:{port}", subjects, seconds, clients))
        finally:
            process.terminate()
            process.wait(30)
        print(f"| {label} | {workers} | {rate:,.0f} | {median:.1f} | {errors} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=50, help="copies of the corpus")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU cores; the corpus x {args.times}")
    with tempfile.TemporaryDirectory(prefix="cepa-bench-backends-") as temp, ExitStack() as stack:
        folder = Path(temp)
        (folder / "docs").mkdir()
        paths = generate(folder / "docs", 4 * args.times, 7)
        embedded_path = folder / "embedded"
        stores: dict[str, GraphStore] = {"embedded": OxigraphStore(embedded_path)}
        urls: dict[str, str] = {}
        for name, start in [("oxigraph serve", oxigraph_server), ("virtuoso", virtuoso_server)]:
            (folder / name).mkdir()
            try:
                server = stack.enter_context(start(folder / name))
            except LookupError as missing:
                print(f"{name}: skipped ({missing})")
                continue
            urls[name] = server.query_url
            stores[name] = RemoteStore(RemoteEndpoints.from_url(server.query_url),
                                       owned=(BASE, CEPA_DEF))
        for name, store in stores.items():
            started = time.monotonic()
            outcomes = load_paths(store, paths, base=BASE)
            loaded = sum(o.status == "loaded" for o in outcomes)
            print(f"{name}: {loaded} documents loaded in {time.monotonic() - started:.1f} s")
        subjects = [row["s"].value for row in stores["embedded"].select(
            f"SELECT DISTINCT ?s WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?s), \"{BASE}id/\")) }} "
            "ORDER BY ?s")]
        sample = subjects[:: max(1, len(subjects) // 300)]
        hop(stores, sample)
        del stores["embedded"]  # `cepa-kg serve` opens the folder itself
        fronts = [("embedded", str(embedded_path), n) for n in (1, 2, 4)]
        if "oxigraph serve" in urls:
            fronts += [("oxigraph serve", urls["oxigraph serve"], n) for n in (1, 2, 4)]
        throughput(fronts, sample, args.seconds, args.clients, folder)


if __name__ == "__main__":
    main()
