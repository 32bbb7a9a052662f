"""Each optimisation of the query path, on and off, side by side on today's code (issue 14,
part 3: one that gains under 10% goes):

    python bench/bench_optimisations.py                   # 100,000 triples, 8 s per run
    python bench/bench_optimisations.py --triples 1000000 --seconds 10 --rounds 3

The data and the light queries are bench_baselines.py's (wrk, 16 connections; every request's
text new unless the row says "repeated"; every answer's rows checked before a run). Each row
starts `cepa-kg serve` twice, over two copies of the same store, once as shipped and once with one
optimisation switched off by a launcher that patches it out before the server starts (nothing
in the product reads a switch for this), then alternates wrk runs on the two, `--rounds` each,
after a warm-up; a cell is the median rate of the rounds.

- **lane**: `GET /sparql` past FastAPI's router and middleware (server/sparql_lane.py); off:
  every request down the app's stack (`SparqlLane.enabled = False`, as the tests compare).
- **fast path** (removed after this benchmark: its rows ran against the code before
  commit "the fast path goes", where `RoutingExecutor.takes_fast_path` decided it).
- **answer cache**: a repeated GET answered from memory (server/answer_cache.py); measured on
  the same 64 texts asked again and again; off: `AnswerCache.get` finds nothing.
- **jemalloc**: the query workers' malloc (`query_worker_allocator`: `auto` finds jemalloc;
  off: `system`), on the entity description and on two heavy queries (the trace join, a
  10,000-row SELECT), which allocate most.
- **compaction at start** (`server/compaction.py`): measured by bench_compaction.py on a store
  grown by many loads, with this launcher; off: the start's `Compactor.compact_now` does nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pyoxigraph as ox
from bench_baselines import CONNECTIONS, WARM_UP_S, _check, _paths, wrk, wrk_script
from bench_data import bulk_load, free_port, generate, wait_until_up
from bench_endpoint import Query, expected_rows, mix

#: The launcher: patches, then the command line's `serve`.
LAUNCHER = textwrap.dedent("""
    import sys
    off = sys.argv[1]
    if off == "lane":
        from cepa_kg.server import sparql_lane
        init = sparql_lane.SparqlLane.__init__
        def without_lane(self, *args, **kwargs):
            init(self, *args, **kwargs)
            self.enabled = False
        sparql_lane.SparqlLane.__init__ = without_lane
    elif off == "answer cache":
        from cepa_kg.server import answer_cache
        answer_cache.AnswerCache.get = lambda self, version, key: None
    elif off == "compaction at start":  # (bench_compaction.py) the first call is the start's
        from cepa_kg.server import compaction
        compact_now = compaction.Compactor.compact_now
        async def not_at_start(self):
            if not getattr(self, "started", False):
                self.started = True
                return False
            return await compact_now(self)
        compaction.Compactor.compact_now = not_at_start
    from cepa_kg.cli import main
    sys.exit(main(["serve", *sys.argv[2:]]))
""")


def start(folder: Path, store: Path, off: str,
          env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`cepa-kg serve` over `store` with `off` patched out ("" for none)."""
    launcher = folder / "launch.py"
    launcher.write_text(LAUNCHER)
    port = free_port()
    log = folder / f"serve-{port}.log"
    process = subprocess.Popen(
        [sys.executable, str(launcher), off, "--store", str(store), "--port", str(port)],
        stdout=open(log, "w"), stderr=subprocess.STDOUT,
        env={**os.environ, "CEPA_KG_QUERY_TIMEOUT_S": "300", "CEPA_KG_WARM_PAGES": "false",
             # one client (wrk) asking heavy queries on every connection: let it use every
             # worker, as the light rows do, instead of its fair share (429 past it)
             "CEPA_KG_QUERY_WORKERS": "4", "CEPA_KG_EXPENSIVE_QUERY_WORKERS": "4",
             "CEPA_KG_EXPENSIVE_QUERIES_PER_CLIENT": "4", **env})
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url + "/sparql?query=ASK%7B%7D", log)
    return process, url


def side_by_side(folder: Path, store: Path, off: str, q: Query, expected: int, *,
                 repeated: bool, seconds: int, rounds: int, connections: int,
                 off_env: dict[str, str] | None = None) -> tuple[list[float], list[float]]:
    """Rates (req/s) of the rounds: the server as shipped, then with `off` patched out."""
    accept = "application/n-triples" if q.graph else "application/sparql-results+json"
    paths = _paths("/sparql", q)
    servers = [start(folder, store.with_name(store.name + "-a"), "", {}),
               start(folder, store.with_name(store.name + "-b"), "" if off_env else off,
                     off_env or {})]
    rates: list[list[float]] = [[], []]
    try:
        for _, url in servers:
            _check(url, paths[0], q, expected, accept)
            if repeated:  # every text asked once: then answered from memory (when on)
                for path in paths:
                    _check(url, path + "%0A%23warm", q, expected, accept)
            wrk(url, WARM_UP_S, connections, accept, wrk_script(folder, paths, unique=not repeated))
        for _ in range(rounds):
            for i, (_, url) in enumerate(servers):
                script = wrk_script(folder, paths, unique=not repeated)
                rps, failures, _, _ = wrk(url, seconds, connections, accept, script)
                assert failures == 0, f"{failures} failed answers ({off or 'as shipped'})"
                rates[i].append(rps)
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=60)
    return rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--only", action="append", default=[],
                        help="only the rows of this optimisation (repeatable)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-optimisations-"))
    shape = generate(folder / "data.nq", args.triples)
    bulk_load(folder / "store", folder / "data.nq")
    queries = {q.name: q for q in mix(shape)}
    store = ox.Store.read_only(str(folder / "store"))
    expected = {name: expected_rows(store, q.make(0)) for name, q in queries.items()}
    del store
    for copy in ("store-a", "store-b"):  # one per server: a store is open in one process
        shutil.copytree(folder / "store", folder / copy)
    rows: list[tuple[str, str, bool, dict[str, str] | None]] = [
        ("lane", "point lookup", False, None),
        ("answer cache", "entity description", True, None),
        ("jemalloc", "entity description", False, {"CEPA_KG_QUERY_WORKER_ALLOCATOR": "system"}),
        ("jemalloc", "trace join", False, {"CEPA_KG_QUERY_WORKER_ALLOCATOR": "system"}),
        ("jemalloc", "10,000-row SELECT", False, {"CEPA_KG_QUERY_WORKER_ALLOCATOR": "system"}),
    ]
    print(f"{args.triples:,} triples; wrk, {args.connections} connections, {args.seconds} s runs, "
          f"{args.rounds} rounds alternated; median req/s\n")
    print("| optimisation | query | on | off | gain |")
    print("| --- | --- | ---: | ---: | ---: |")
    for off, name, repeated, env in rows:
        if args.only and off not in args.only:
            continue
        on_rates, off_rates = side_by_side(folder, folder / "store", off, queries[name],
                                           expected[name], repeated=repeated,
                                           seconds=args.seconds, rounds=args.rounds,
                                           connections=args.connections, off_env=env)
        on, without = statistics.median(on_rates), statistics.median(off_rates)
        label = name + (" (repeated)" if repeated else "")
        print(f"| {off} | {label} | {on:,.0f} | {without:,.0f} | {on / without - 1:+.0%} |",
              flush=True)


if __name__ == "__main__":
    main()
