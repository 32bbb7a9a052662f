"""Two baselines the endpoint benchmark's single Python client cannot give:
`python bench/bench_baselines.py --triples 100000`.

1. Light queries under wrk (Debian `wrk`; a C load generator, so the client is not the
   bottleneck): the point lookup and the entity description, ours against `oxigraph
   serve-read-only`, 16 connections. A sample answer of each is checked for its row count first;
   wrk's non-2xx answers are printed and left out of the rate, so errors never count as fast
   answers.
2. rdflib-endpoint (PyPI) over an rdflib Dataset of the same data, driven with the same query mix
   and answer checks as bench_endpoint.py, one client: our speed as a multiple of it.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
from pathlib import Path

import httpx
import pyoxigraph as ox
from bench_data import bulk_load, free_port, generate, start_ours, start_oxigraph, wait_until_up
from bench_endpoint import drive, expected_rows, mix, rows_of

RDFLIB_ENDPOINT = textwrap.dedent("""
    import sys
    import rdflib
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint
    data = rdflib.Dataset(default_union=True)
    data.parse(sys.argv[1], format="nquads")
    app = SparqlEndpoint(graph=data, path="/sparql")
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
""")


def wrk(url: str, seconds: int, connections: int,
        accept: str) -> tuple[float, int, float, float]:
    """(successful requests/s, non-2xx answers, p50 ms, p99 ms) from `wrk --latency`;
    answers that are not 2xx are not counted in the rate."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", f"Accept: {accept}", url],
        capture_output=True, text=True, check=True).stdout
    total = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out)
    assert total, out
    duration = float(total.group(2)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[total.group(3)]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    failures = int(bad.group(1)) if bad else 0
    rps = (int(total.group(1)) - failures) / duration

    def percentile(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rps, failures, percentile("50"), percentile("99")


def light_under_wrk(folder: Path, shape: dict[str, int], seconds: int) -> None:
    queries = [q for q in mix(shape) if q.name in ("point lookup", "entity description")]
    store = ox.Store.read_only(str(folder / "oxigraph"))
    expected = {q.name: expected_rows(store, q.make(0)) for q in queries}
    del store
    ours, ours_url = start_ours(folder / "ours", folder / "ours.log", query_timeout_s="300")
    try:
        print("\n| query (wrk, 16 connections) | ours req/s | p50 ms | p99 ms | oxigraph req/s "
              "| p50 ms | p99 ms | ratio | non-2xx (ours/oxigraph) | oxigraph afterwards |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for q in queries:
            # A fresh Oxigraph server per query: under this load it may abort (seen here:
            # "Resource temporarily unavailable (os error 11)", then SIGABRT).
            oxi, oxi_url = start_oxigraph(folder / "oxigraph", folder / "oxigraph.log")
            try:
                params = urllib.parse.urlencode({"query": q.make(0)})
                ours_q, oxi_q = f"{ours_url}/sparql?{params}", f"{oxi_url}/query?{params}"
                accept = "application/n-triples" if q.graph else "application/sparql-results+json"
                for url in (ours_q, oxi_q):
                    body = httpx.get(url, headers={"Accept": accept})
                    assert rows_of(body.content, q.graph) == expected[q.name], url
                a, b = wrk(ours_q, seconds, 16, accept), wrk(oxi_q, seconds, 16, accept)
                time.sleep(0.5)
                state = "running" if oxi.poll() is None else f"died ({oxi.returncode})"
                assert ours.poll() is None, "our server died"
                print(f"| {q.name} | {a[0]:.0f} | {a[2]:.1f} | {a[3]:.1f} | {b[0]:.0f} | "
                      f"{b[2]:.1f} | {b[3]:.1f} | {a[0] / b[0]:.2f} | {a[1]}/{b[1]} | {state} |",
                      flush=True)
            finally:
                oxi.terminate()
                oxi.wait(timeout=30)
    finally:
        ours.terminate()
        ours.wait(timeout=30)


def against_rdflib_endpoint(folder: Path, shape: dict[str, int], seconds: float) -> None:
    queries = mix(shape)
    store = ox.Store.read_only(str(folder / "oxigraph"))
    keys = 4
    expected = {q.name: {k: expected_rows(store, q.make(k)) for k in range(keys)}
                for q in queries}
    del store
    port = free_port()
    launcher = folder / "rdflib_endpoint_app.py"
    launcher.write_text(RDFLIB_ENDPOINT)
    t = time.monotonic()
    rdflib_server = subprocess.Popen(
        [sys.executable, str(launcher), str(folder / "data.nq"), str(port)],
        stdout=open(folder / "rdflib.log", "w"), stderr=subprocess.STDOUT)
    rdflib_url = f"http://127.0.0.1:{port}/sparql"
    wait_until_up(rdflib_server, rdflib_url + "?query=ASK%7B%7D", folder / "rdflib.log")
    print(f"\nrdflib-endpoint parsed the data and started in {time.monotonic() - t:.0f} s")
    ours, ours_url = start_ours(folder / "ours", folder / "ours.log", query_timeout_s="300")
    try:
        print("| query (1 client) | ours req/s | p50 ms | rdflib-endpoint req/s | p50 ms "
              "| ours ÷ rdflib-endpoint | errors (ours/rdflib) |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for q in queries:
            a = asyncio.run(drive(ours_url + "/sparql", q, expected[q.name], 1, seconds))
            b = asyncio.run(drive(rdflib_url, q, expected[q.name], 1, seconds))
            ratio = a["rps"] / b["rps"] if b["rps"] else float("inf")
            print(f"| {q.name} | {a['rps']:.1f} | {a['p50']:.1f} | {b['rps']:.2f} | "
                  f"{b['p50']:.1f} | {ratio:.1f}× | {a['errors']}/{b['errors']} |", flush=True)
    finally:
        for process in (ours, rdflib_server):
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench_baselines: wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shape = generate(folder / "data.nq", args.triples)
        bulk_load(folder / "ours", folder / "data.nq")
        bulk_load(folder / "oxigraph", folder / "data.nq")
        print(f"## {args.triples:,} triples")
        light_under_wrk(folder, shape, args.seconds)
        against_rdflib_endpoint(folder, shape, args.seconds)


if __name__ == "__main__":
    main()
