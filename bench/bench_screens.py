"""Benchmark: the loaders' RE2-screened patterns (loaders/screened.py), on and off, on the same
documents in one process (document by document, in alternating order, so that the machine's
drift falls on both sides alike).

    python bench/bench_screens.py            # 200 documents of bench_load.py's mix
    python bench/bench_screens.py 500 --patterns   # and each screened pattern's own time

Prints the parse-and-map time of a document (`pipeline.build_document`) with the screens and
without (each screened pattern run by Python's `re` alone), and checks that both give the same
N-Quads. With `--patterns`: each screened pattern's time over the same documents both ways,
its matches compared call by call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import pkgutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bench_load
import cepa_kg.loaders as loaders
from cepa_kg.loaders import screened as screens
from cepa_kg.pipeline import build_document
from cepa_kg.sources import SourceText, read_source

BASE = "http://localhost:8000/"
LOADED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SCREENED = (screens.Screened.finditer, screens.Screened.search)


def _python_finditer(self: screens.Screened, text: str, pos: int = 0,
                     endpos: int = sys.maxsize) -> Iterator[Any]:
    return self.python.finditer(text, pos, endpos)


def _python_search(self: screens.Screened, text: str, pos: int = 0,
                   endpos: int = sys.maxsize) -> Any:
    return self.python.search(text, pos, endpos)


def screens_on(on: bool) -> None:
    screens.Screened.finditer, screens.Screened.search = (  # type: ignore[method-assign]
        SCREENED if on else (_python_finditer, _python_search))


def build(source: SourceText) -> bytes:
    built = build_document(source, base=BASE, loaded_at=LOADED_AT)
    return built.triples.nquads(str(built.iri))


def side_by_side(sources: list[SourceText]) -> None:
    for source in sources[:10]:  # (warm-up: gazetteer, vocabularies, caches)
        build(source)
    seconds = {True: 0.0, False: 0.0}
    digests = {True: hashlib.sha256(), False: hashlib.sha256()}
    for i, source in enumerate(sources):
        for on in ((True, False) if i % 2 else (False, True)):
            screens_on(on)
            start = time.process_time()
            nquads = build(source)
            seconds[on] += time.process_time() - start
            digests[on].update(nquads)
    screens_on(True)
    n = len(sources)
    on, off = seconds[True] / n * 1000, seconds[False] / n * 1000
    same = digests[True].digest() == digests[False].digest()
    print(f"{n} documents, parse and map (CPU ms a document): screened {on:.1f}, "
          f"Python's re alone {off:.1f}: {(1 - on / off) * 100:.1f}% less; "
          f"same N-Quads: {'yes' if same else 'NO'}")


def per_pattern(sources: list[SourceText]) -> None:
    timed: dict[str, Counter[bool]] = {}
    differ: Counter[str] = Counter()

    def wrap(name: str, pattern: screens.Screened) -> Any:
        class Timed:
            def __getattr__(self, attr: str) -> Any:
                return getattr(pattern, attr)

            def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
                found = {}
                for on, run in ((True, pattern.finditer), (False, pattern.python.finditer)):
                    start = time.perf_counter()
                    found[on] = [(m.span(), m.groups()) for m in run(text, pos, endpos)]
                    timed.setdefault(name, Counter())[on] += time.perf_counter() - start
                differ[name] += found[True] != found[False]
                return pattern.python.finditer(text, pos, endpos)

            def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
                return next(iter(self.finditer(text, pos, endpos)), None)
        return Timed()

    for info in pkgutil.iter_modules(loaders.__path__):
        module = importlib.import_module(f"cepa_kg.loaders.{info.name}")
        for name, value in list(vars(module).items()):
            if isinstance(value, screens.Screened):
                setattr(module, name, wrap(f"{info.name}.{name}", value))
    for source in sources:
        build(source)
    print("\n| pattern | screened (ms) | re alone (ms) | calls that differ |")
    print("| --- | ---: | ---: | ---: |")
    for name, t in sorted(timed.items(), key=lambda kv: kv[1][True] - kv[1][False]):
        print(f"| {name} | {t[True] * 1000:.1f} | {t[False] * 1000:.1f} | {differ[name]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--patterns", action="store_true",
                        help="also each screened pattern's own time, both ways")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cepa-screens-"))
    sources = [read_source(p) for p in bench_load.generate(folder, args.n, args.seed)]
    side_by_side(sources)
    if args.patterns:
        per_pattern(sources)


if __name__ == "__main__":
    main()
