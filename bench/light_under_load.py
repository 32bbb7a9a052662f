"""Light queries while runaway queries run (issue 16, part 2: "fair under pressure"):
`python bench/light_under_load.py [--runaways 8] [--seconds 30] [--budget 30]`.

Starts `cepa-kg serve` over an on-disk store holding the bundled corpus (loaded into a
temporary folder first, or `--store`), with the default query workers (twice the cores).
`--runaways` clients each send a runaway query (a three-way cross product counted: it
computes until its budget), one after the other, each time a new text (so that none is known
before it runs), waiting as long as `Retry-After` says when refused. Meanwhile `--light`
clients send a light query that needs a worker (sessions by number, ORDER BY; a new comment
each time, so that no answer comes from the cache) and time it. Prints the light queries'
p50, p99 and max, their statuses, and what became of the runaways.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIGHT = ("PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
         "SELECT ?n WHERE { ?s a cepa:Session ; cepa:sessionNumber ?n } ORDER BY ?n")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(port: int, query: str, timeout: float, source: str = "127.0.0.1"
        ) -> tuple[int, dict[str, str]]:
    """(status, headers) of a GET /sparql from `source` (any 127.x.y.z: one client each)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                            source_address=(source, 0))
    try:
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def start(store: Path, port: int, budget: float, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CEPA_KG_QUERY_TIMEOUT_S": str(budget)}
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "cepa_kg.cli", "serve", "--store",
                                    str(store), "--port", str(port)], stdout=out,
                                   stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 120
    while True:
        try:
            get(port, "ASK {}", 2)
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start:\n" + log.read_text()) from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runaways", type=int, default=8)
    parser.add_argument("--light", type=int, default=2, help="light clients")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--budget", type=float, default=30.0, help="query budget, s")
    parser.add_argument("--store", type=Path, help="an on-disk store (default: the corpus)")
    parser.add_argument("--clients", choices=("one", "many"), default="many",
                        help="the runaways from one address, or each from its own")
    parser.add_argument("--retry-at-once", action="store_true",
                        help="runaway clients ignore Retry-After (hostile)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="light-under-load-"))
    store = args.store
    if store is None:
        store = folder / "store"
        subprocess.run([sys.executable, "-m", "cepa_kg.cli", "load", "--store", str(store)],
                       check=True, capture_output=True)
    port = free_port()
    server = start(store, port, args.budget, folder / "server.log")
    stop = threading.Event()
    lock = threading.Lock()
    light_times: list[float] = []
    light_status: Counter[int] = Counter()
    runaway_status: Counter[int] = Counter()

    def runaway(index: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                source = "127.0.0.1" if args.clients == "one" else f"127.0.1.{index + 1}"
                status, headers = get(port, f"{RUNAWAY} # runaway {index}-{n}",
                                      args.budget + 30, source)
            except OSError:
                status, headers = 0, {}
            with lock:
                runaway_status[status] += 1
            if not args.retry_at_once:
                stop.wait(float(headers.get("retry-after", "0") or 0))

    def light(index: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            start_at = time.monotonic()
            try:
                status, _ = get(port, f"{LIGHT}\n# light {index}-{n}", args.budget + 30,
                                f"127.0.2.{index + 1}")
            except OSError:
                status = 0
            elapsed = time.monotonic() - start_at
            with lock:
                light_times.append(elapsed)
                light_status[status] += 1
            stop.wait(0.02)

    try:
        for _ in range(20):  # warm up: every worker has opened the store
            get(port, f"{LIGHT}\n# warm-up {_}", 30)
        threads = [threading.Thread(target=runaway, args=(i,)) for i in range(args.runaways)]
        threads += [threading.Thread(target=light, args=(i,)) for i in range(args.light)]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    times = sorted(light_times)
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    print(f"{args.runaways} runaway clients ({args.clients} address(es), "
          f"{'retrying at once' if args.retry_at_once else 'honouring Retry-After'}), "
          f"{args.light} light clients, {args.seconds:g} s, budget {args.budget:g} s, "
          f"{os.cpu_count()} cores")
    print(f"light queries: {len(times)}; p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
          f"statuses {dict(light_status)}")
    print(f"runaway queries: statuses {dict(runaway_status)}")


if __name__ == "__main__":
    main()
