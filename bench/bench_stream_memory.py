"""Memory while streaming a SELECT of 1,000,000 rows: `python bench/bench_stream_memory.py`.

Generates 1,000,000 triples, bulk-loads them into a temporary on-disk store, starts
`cepa-kg serve` on it, streams `SELECT ?s ?o` (1,000,000 rows) in SPARQL JSON and in CSV, and
samples the resident memory (RSS, from /proc) of the server process and of its query workers
every 20 ms. Prints idle and peak figures; the goal is a peak within 100 MB of idle.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench_data import bulk_load, start_ours

ROWS = 1_000_000
QUERY = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }"


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def memory(pid: int) -> tuple[float, float]:
    """(server RSS, sum of its workers' RSS) in MB."""
    return rss_mb(pid), sum(rss_mb(c) for c in children(pid))


def stream(url: str, accept: str, pid: int) -> dict[str, float]:
    peak = [0.0, 0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            server, workers = memory(pid)
            peak[0], peak[1] = max(peak[0], server), max(peak[1], workers)
            peak[2] = max(peak[2], server + workers)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.monotonic()
    request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": QUERY}),
                                     headers={"Accept": accept})
    size = 0
    newlines = 0
    with urllib.request.urlopen(request, timeout=600) as response:
        assert response.status == 200
        while chunk := response.read(1 << 20):
            size += len(chunk)
            newlines += chunk.count(b"\n")
    elapsed = time.monotonic() - start
    done.set()
    sampler.join()
    return {"seconds": elapsed, "mb": size / 2**20, "lines": newlines, "peak_server": peak[0],
            "peak_workers": peak[1], "peak_total": peak[2]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "data.nt"
        with open(data, "w") as out:
            for i in range(args.rows):
                out.write(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n")
        t = time.monotonic()
        bulk_load(folder / "store", data)
        print(f"generated and bulk-loaded {args.rows:,} triples in {time.monotonic() - t:.1f} s")
        process, url = start_ours(folder / "store", folder / "server.log", query_timeout_s="600")
        try:
            time.sleep(2)  # workers up, first checkpoint made
            server, workers = memory(process.pid)
            print(f"idle: server {server:.0f} MB, {len(children(process.pid))} workers "
                  f"{workers:.0f} MB, total {server + workers:.0f} MB")
            for accept in ("application/sparql-results+json", "text/csv"):
                r = stream(url, accept, process.pid)
                print(f"{accept}: {r['lines']:,.0f} lines, {r['mb']:.0f} MB in {r['seconds']:.1f} s"
                      f" ({r['mb'] / r['seconds']:.0f} MB/s); peak RSS server "
                      f"{r['peak_server']:.0f} MB (+{r['peak_server'] - server:.0f}), workers "
                      f"{r['peak_workers']:.0f} MB (+{r['peak_workers'] - workers:.0f}), total "
                      f"{r['peak_total']:.0f} MB (+{r['peak_total'] - server - workers:.0f} "
                      f"over idle)")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
