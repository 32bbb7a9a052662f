"""Baselines the endpoint benchmark's single Python client cannot give:
`python bench/bench_baselines.py --triples 100000`.

1. Light queries under wrk (Debian `wrk`; a C load generator, so the client is not the
   bottleneck), 16 connections: the point lookup and the entity description, ours against
   `oxigraph serve-read-only` and against rdflib-endpoint. Uncached: every request's text is
   new (the query cycles over 64 recommendations and ends with a unique comment line,
   `# <thread>-<n>`), so neither our answer cache nor anyone's classifier cache is hit. A
   sample answer of each server is checked for its row count first; wrk's non-2xx answers are
   printed and left out of the rate, so errors never count as fast answers.
2. The same light queries answered from our caches, measured apart: the same 64 texts again
   and again (after one round every answer is remembered: `Server-Timing: exec;desc="cache"`),
   and with `If-None-Match` naming each text's ETag (304, no body).
3. rdflib-endpoint (PyPI) over an rdflib Dataset of the same data, driven with the same query mix
   and answer checks as bench_endpoint.py (unique texts too), with 1 and 16 concurrent clients:
   our speed as a multiple of it.
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
from bench_endpoint import Query, drive, expected_rows, mix, rows_of

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
TEXTS = 64  # distinct query texts per light query (recommendations)
CONNECTIONS = 16

# wrk's Lua: cycle over the given paths; `unique` appends a new comment line to each query
# (URL-encoded "\n# <run>-<thread>-<n>", `run` new for every script, so that no text of a
# warm-up or an earlier run comes back); `etags` sends If-None-Match with each path's ETag.
_WRK_LUA = """
local counter, threads = 0, 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function request()
  counter = counter + 1
  local i = (counter % #paths) + 1
  local path = paths[i]
  if unique then path = path .. "%0A%23" .. run .. "-" .. tid .. "-" .. counter end
  if etags then wrk.headers["If-None-Match"] = etags[i] end
  return wrk.format(nil, path)
end
"""


#: Seconds of load before each measured wrk run (the first seconds of a server run slower:
#: here ours did 1,300 req/s in its first 5 s and 2,000 in the next 5).
WARM_UP_S = 3


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_script(folder: Path, paths: list[str], *, unique: bool,
               etags: list[str] | None = None) -> Path:
    script = folder / f"wrk-{len(list(folder.glob('wrk-*.lua')))}.lua"
    lines = ["paths = {" + ", ".join(_lua_string(p) for p in paths) + "}",
             f"unique = {'true' if unique else 'false'}",
             f'run = "{script.stem}-{time.time_ns()}"',
             "etags = " + ("{" + ", ".join(_lua_string(e) for e in etags) + "}" if etags
                           else "nil")]
    script.write_text("\n".join(lines) + _WRK_LUA)
    return script


def wrk(url: str, seconds: int, connections: int, accept: str,
        script: Path | None = None) -> tuple[float, int, float, float]:
    """(successful requests/s, non-2xx-or-3xx answers, p50 ms, p99 ms) from `wrk --latency`;
    failed answers are not counted in the rate."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", f"Accept: {accept}", *(["-s", str(script)] if script else []), url],
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


def _paths(endpoint_path: str, q: Query) -> list[str]:
    return [f"{endpoint_path}?{urllib.parse.urlencode({'query': q.make(i)})}"
            for i in range(TEXTS)]


def _check(base: str, path: str, q: Query, expected: int, accept: str) -> httpx.Response:
    """One answer with a unique comment line, as wrk sends them: its rows must be right."""
    response = httpx.get(base + path + "%0A%23check", headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200, (base, response.status_code, response.text[:300])
    assert rows_of(response.content, q.graph) == expected, (base, response.text[:300])
    return response


def start_rdflib_endpoint(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    launcher = folder / "rdflib_endpoint_app.py"
    launcher.write_text(RDFLIB_ENDPOINT)
    t = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(launcher), str(folder / "data.nq"), str(port)],
        stdout=open(folder / "rdflib.log", "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url + "/sparql?query=ASK%7B%7D", folder / "rdflib.log")
    print(f"\nrdflib-endpoint parsed the data and started in {time.monotonic() - t:.0f} s")
    return process, url


def light_under_wrk(folder: Path, shape: dict[str, int], seconds: int) -> None:
    queries = [q for q in mix(shape) if q.name in ("point lookup", "entity description")]
    store = ox.Store.read_only(str(folder / "oxigraph"))
    expected = {q.name: expected_rows(store, q.make(0)) for q in queries}
    del store
    rdflib_server, rdflib_url = start_rdflib_endpoint(folder)
    ours, ours_url = start_ours(folder / "ours", folder / "ours.log", query_timeout_s="300")
    cached_rows: list[str] = []
    try:
        print(f"\n| query (wrk, {CONNECTIONS} connections, uncached) | ours req/s | p50 ms "
              "| p99 ms | answered by | oxigraph req/s | p50 ms | p99 ms | ours ÷ oxigraph "
              "| rdflib-endpoint req/s | p50 ms | p99 ms | ours ÷ rdflib-endpoint "
              "| failed (ours/oxigraph/rdflib) | oxigraph afterwards |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- "
              "| --- | --- |")
        for q in queries:
            # A fresh Oxigraph server per query: under this load it may abort (seen here:
            # "Resource temporarily unavailable (os error 11)", then SIGABRT).
            oxi, oxi_url = start_oxigraph(folder / "oxigraph", folder / "oxigraph.log")
            try:
                accept = "application/n-triples" if q.graph else "application/sparql-results+json"
                ours_paths, oxi_paths = _paths("/sparql", q), _paths("/query", q)
                via = _check(ours_url, ours_paths[0], q, expected[q.name], accept).headers.get(
                    "server-timing", "?").partition("desc=")[2].strip('"') or "?"
                _check(oxi_url, oxi_paths[0], q, expected[q.name], accept)
                _check(rdflib_url, ours_paths[0], q, expected[q.name], accept)
                for url, paths in ((ours_url, ours_paths), (oxi_url, oxi_paths),
                                   (rdflib_url, ours_paths)):  # warm-up, not counted
                    wrk(url, WARM_UP_S, CONNECTIONS, accept,
                        wrk_script(folder, paths, unique=True))
                if oxi.poll() is not None:  # it may abort under load: a fresh one to measure
                    oxi, oxi_url = start_oxigraph(folder / "oxigraph", folder / "oxigraph.log")
                a = wrk(ours_url, seconds, CONNECTIONS, accept,
                        wrk_script(folder, ours_paths, unique=True))
                b = wrk(oxi_url, seconds, CONNECTIONS, accept,
                        wrk_script(folder, oxi_paths, unique=True))
                c = wrk(rdflib_url, seconds, CONNECTIONS, accept,
                        wrk_script(folder, ours_paths, unique=True))
                time.sleep(0.5)
                state = "running" if oxi.poll() is None else f"died ({oxi.returncode})"
                assert ours.poll() is None, "our server died"
                print(f"| {q.name} | {a[0]:.0f} | {a[2]:.1f} | {a[3]:.1f} | {via} | {b[0]:.0f} | "
                      f"{b[2]:.1f} | {b[3]:.1f} | {a[0] / b[0]:.2f} | {c[0]:.0f} | {c[2]:.1f} | "
                      f"{c[3]:.1f} | {a[0] / c[0] if c[0] else float('inf'):.1f}× | "
                      f"{a[1]}/{b[1]}/{c[1]} | {state} |", flush=True)
                cached_rows.append(cached_under_wrk(folder, ours_url, q, expected[q.name],
                                                    accept, seconds))
            finally:
                oxi.terminate()
                oxi.wait(timeout=30)
        print(f"\n| query (wrk, {CONNECTIONS} connections, ours, cached) | remembered answer "
              "req/s | p50 ms | p99 ms | 304 req/s | p50 ms | p99 ms | failed (answer/304) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for row in cached_rows:
            print(row, flush=True)
    finally:
        for process in (ours, rdflib_server):
            process.terminate()
            process.wait(timeout=30)


def cached_under_wrk(folder: Path, url: str, q: Query, expected: int, accept: str,
                     seconds: int) -> str:
    """Our answers from the cache: the same texts again (remembered answers), then with
    If-None-Match (304). Each text is asked once first, and its answer checked."""
    paths = _paths("/sparql", q)
    etags: list[str] = []
    for path in paths:
        response = httpx.get(url + path, headers={"Accept": accept}, timeout=60)
        assert response.status_code == 200 and rows_of(response.content, q.graph) == expected
        etags.append(response.headers.get("etag", ""))
    again = httpx.get(url + paths[0], headers={"Accept": accept}, timeout=60)
    remembered = 'desc="cache"' in again.headers.get("server-timing", "")
    a = wrk(url, seconds, CONNECTIONS, accept, wrk_script(folder, paths, unique=False))
    cells = [f"{a[0]:.0f}{'' if remembered else ' (not remembered)'}", f"{a[2]:.1f}",
             f"{a[3]:.1f}"]
    if all(etags):
        check = httpx.get(url + paths[0], headers={"Accept": accept, "If-None-Match": etags[0]})
        assert check.status_code == 304, check.status_code
        b = wrk(url, seconds, CONNECTIONS, accept, wrk_script(folder, paths, unique=False,
                                                              etags=etags))
        cells += [f"{b[0]:.0f}", f"{b[2]:.1f}", f"{b[3]:.1f}", f"{a[1]}/{b[1]}"]
    else:
        cells += ["no ETag", "", "", f"{a[1]}/-"]
    return f"| {q.name} | " + " | ".join(cells) + " |"


def against_rdflib_endpoint(folder: Path, shape: dict[str, int], seconds: float,
                            concurrencies: list[int]) -> None:
    queries = mix(shape)
    store = ox.Store.read_only(str(folder / "oxigraph"))
    keys = 4
    expected = {q.name: {k: expected_rows(store, q.make(k)) for k in range(keys)}
                for q in queries}
    del store
    rdflib_server, rdflib_base = start_rdflib_endpoint(folder)
    rdflib_url = rdflib_base + "/sparql"
    ours, ours_url = start_ours(folder / "ours", folder / "ours.log", query_timeout_s="300")
    try:
        print("| query | clients | ours req/s | p50 ms | rdflib-endpoint req/s | p50 ms "
              "| ours ÷ rdflib-endpoint | errors (ours/rdflib) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for q in queries:
            for clients in concurrencies:
                a = asyncio.run(drive(ours_url + "/sparql", q, expected[q.name], clients,
                                      seconds))
                b = asyncio.run(drive(rdflib_url, q, expected[q.name], clients, seconds))
                ratio = a["rps"] / b["rps"] if b["rps"] else float("inf")
                print(f"| {q.name} | {clients} | {a['rps']:.1f} | {a['p50']:.1f} | "
                      f"{b['rps']:.2f} | {b['p50']:.1f} | {ratio:.1f}× | "
                      f"{a['errors']}/{b['errors']} |", flush=True)
    finally:
        for process in (ours, rdflib_server):
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16],
                        help="concurrent clients of the rdflib-endpoint mix (default: 1 16)")
    parser.add_argument("--skip-mix", action="store_true",
                        help="only the wrk runs (not the rdflib-endpoint mix)")
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
        if not args.skip_mix:
            against_rdflib_endpoint(folder, shape, args.seconds, args.clients)


if __name__ == "__main__":
    main()
