"""The compaction at start (server/compaction.py), on and off, on a store grown by many loads
(issue 14, part 3: an optimisation that gains under 10% goes):

    python bench/bench_compaction.py                          # 10^6 triples in 200 loads
    python bench/bench_compaction.py --triples 100000 --loads 100 --connections 2

A bulk-loaded store, compacted once (what bench_optimisations.py serves), has nothing left to
compact; a store that grew by loads does. So the store here grows as the loader writes: the
ontology and reference graphs (`install_reference`, as `cepa-kg load` does), then
bench_data's generated N-Quads cut into `--loads` pieces, each bulk-loaded by
`OxigraphStore.add_graphs` (the loader's write: RocksDB ingests new table files) in its own
opening of the store, flushed and closed, as separate `cepa-kg load` runs would. RocksDB
compacts in the background meanwhile (level-0 trigger 2), but a store closed right after its
load keeps what was not merged yet. Two copies of it are served side by side
(bench_optimisations.side_by_side: wrk, rounds alternated, medians): one as shipped, which
compacts before its first answer, and one whose start's `Compactor.compact_now` does nothing
(bench_optimisations.py's launcher), over fresh copies for every row. The query workers read
a checkpoint of the store made at start, which no background compaction changes afterwards.
The start-up cost is the compaction timed on a third copy, in process
(`OxigraphStore.optimize`, what the server runs)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import struct
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from bench_data import BASE, generate
from bench_endpoint import expected_rows, mix
from bench_optimisations import side_by_side
from cepa_kg.reference import install_reference
from cepa_kg.store import OxigraphStore

QUERIES = ("point lookup", "trace join", "10,000-row SELECT")


def table_files(store: Path) -> tuple[int, int]:
    """(how many table files, their MB)."""
    sizes = [p.stat().st_size for p in store.glob("*.sst")]
    return len(sizes), sum(sizes) // 2**20


def _records(data: bytes) -> Iterator[bytes]:
    """The records of a RocksDB log file (the MANIFEST): 32 KiB blocks of fragments."""
    pos, partial = 0, b""
    while pos + 7 <= len(data):
        left = 32768 - pos % 32768
        _, length, kind = struct.unpack_from("<IHB", data, pos)
        if left < 7 or (kind == 0 and length == 0):  # a block's padding
            pos += left
            continue
        header = 11 if kind >= 5 else 7  # (the recyclable kinds carry a log number)
        payload = data[pos + header:pos + header + length]
        pos += header + length
        kind = kind - 4 if kind >= 5 else kind
        if kind == 1:
            yield payload
        elif kind in (2, 3):
            partial += payload
        elif kind == 4:
            yield partial + payload
            partial = b""


def _varint(b: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = b[i]
        i += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, i
        shift += 7


def _slice(b: bytes, i: int) -> tuple[bytes, int]:
    n, i = _varint(b, i)
    return b[i:i + n], i + n


def level_files(store: Path) -> dict[int, int]:
    """How many table files each LSM level holds, all column families together, read from the
    store's MANIFEST (RocksDB's VersionEdits: files added at a level, files deleted)."""
    data = (store / (store / "CURRENT").read_text().strip()).read_bytes()
    files: dict[tuple[int, int], int] = {}  # (column family, file number) -> level
    for record in _records(data):
        i, family, new, deleted = 0, 0, [], []
        while i < len(record):
            tag, i = _varint(record, i)
            if tag in (2, 3, 4, 9, 10, 203, 300):  # numbers
                _, i = _varint(record, i)
            elif tag in (1, 201):  # comparator, column family added
                _, i = _slice(record, i)
            elif tag == 5:  # compact cursor
                _, i = _varint(record, i)
                _, i = _slice(record, i)
            elif tag == 6:  # file deleted
                _, i = _varint(record, i)
                number, i = _varint(record, i)
                deleted.append(number)
            elif tag in (7, 100, 102, 103):  # file added
                level, i = _varint(record, i)
                number, i = _varint(record, i)
                if tag == 102:
                    _, i = _varint(record, i)
                _, i = _varint(record, i)
                _, i = _slice(record, i)
                _, i = _slice(record, i)
                if tag != 7:
                    _, i = _varint(record, i)
                    _, i = _varint(record, i)
                while tag == 103:  # its custom fields, up to kTerminate
                    field, i = _varint(record, i)
                    if field == 1:
                        break
                    _, i = _slice(record, i)
                new.append((level, number))
            elif tag == 200:
                family, i = _varint(record, i)
            elif tag == 202:  # column family dropped
                pass
            elif tag & (1 << 13):  # safe to ignore
                _, i = _slice(record, i)
            else:
                raise ValueError(f"MANIFEST tag {tag} not understood")
        for number in deleted:
            files.pop((family, number), None)
        for level, number in new:
            files[(family, number)] = level
    return dict(sorted(Counter(files.values()).items()))


def grow(store: Path, nquads: Path, loads: int) -> tuple[int, float]:
    """The store of `nquads` in `loads` separate loads; (quads loaded, seconds)."""
    lines = nquads.read_bytes().splitlines(keepends=True)
    first = OxigraphStore(store)
    install_reference(first, BASE)
    first.flush()
    del first
    per = -(-len(lines) // loads)
    started = time.monotonic()
    for i in range(loads):
        opened = OxigraphStore(store)
        opened.add_graphs(b"".join(lines[i * per:(i + 1) * per]))
        opened.flush()
        del opened
    return len(lines), time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--loads", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, action="append", default=[])
    parser.add_argument("--only", action="append", default=[], choices=QUERIES,
                        help="only this query (repeatable)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-compaction-"))
    shape = generate(folder / "data.nq", args.triples)
    quads, grow_s = grow(folder / "store", folder / "data.nq", args.loads)
    files, mb = table_files(folder / "store")
    levels = level_files(folder / "store")
    queries = {q.name: q for q in mix(shape)}
    store = ox.Store.read_only(str(folder / "store"))
    total = len(store)
    expected = {name: expected_rows(store, queries[name].make(0)) for name in QUERIES}
    del store
    shutil.copytree(folder / "store", folder / "store-c")
    timed = OxigraphStore(folder / "store-c")
    started = time.monotonic()
    timed.optimize()
    compact_s = time.monotonic() - started
    del timed
    files_after, mb_after = table_files(folder / "store-c")
    levels_after = level_files(folder / "store-c")
    print(f"{quads:,} generated quads in {args.loads} loads of about {quads // args.loads:,} "
          f"({grow_s:.1f} s), {total:,} quads with the reference data; {files} table files "
          f"({mb} MB; per level {levels}); compacted in {compact_s:.2f} s: {files_after} table "
          f"files ({mb_after} MB; per level {levels_after}); "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"wrk, {args.seconds} s runs, {args.rounds} rounds alternated; median req/s\n")
    print("| query | connections | on | off | gain | on, each round | off, each round |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
    for connections in args.connections or [16]:
        for name in args.only or QUERIES:
            # fresh copies for every row: a server that did not compact at start still
            # compacts in the background (RocksDB's own), so its store is grown no more after
            for copy in ("store-a", "store-b"):
                shutil.rmtree(folder / copy, ignore_errors=True)
                shutil.copytree(folder / "store", folder / copy)
            on_rates, off_rates = side_by_side(
                folder, folder / "store", "compaction at start", queries[name], expected[name],
                repeated=False, seconds=args.seconds, rounds=args.rounds,
                connections=connections)
            on, without = statistics.median(on_rates), statistics.median(off_rates)
            print(f"| {name} | {connections} | {on:,.0f} | {without:,.0f} | "
                  f"{on / without - 1:+.0%} | {' '.join(f'{r:,.0f}' for r in on_rates)} | "
                  f"{' '.join(f'{r:,.0f}' for r in off_rates)} |", flush=True)
    print(f"\nload average {os.getloadavg()}")
    for log in sorted(folder.glob("serve-*.log")):
        for line in log.read_text().splitlines():
            if "compacted" in line:
                print(f"{log.name}: {line}")


if __name__ == "__main__":
    main()
