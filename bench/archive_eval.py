"""Load every fixture of a folder of archive fixtures (`tests/data/archive/`, or a private
hold-out set laid out the same way: `<family>/<id>.txt` beside `<id>.facts.json`) and print the
share of its stated facts the graph holds, per family and per kind of fact; `--misses` lists
every fact not found, with what the graph holds instead.

    python bench/archive_eval.py tests/data/archive [--suffix .html] [--misses]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from archive_facts import check_fixture, coverage_table, fixture_documents  # noqa: E402

BASE = "http://localhost:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--suffix", default=".txt", help="which copy to load: .txt or .html")
    parser.add_argument("--misses", action="store_true", help="list the facts not found")
    args = parser.parse_args()
    start = time.perf_counter()
    results = [check_fixture(doc, facts, base=BASE)
               for doc, facts in fixture_documents(args.folder, args.suffix)]
    print(coverage_table(results))
    print(f"\n{len(results)} documents in {time.perf_counter() - start:.1f} s")
    refused = [r for r in results if r.outcome.status not in ("loaded", "unchanged")]
    for r in refused:
        print(f"REFUSED {r.family}/{r.name}: {r.outcome.error}")
    if args.misses:
        for r in results:
            for f in r.results:
                if not f.found:
                    print(f"MISS {r.family}/{r.name}: {f.fact} -> {f.why}")


if __name__ == "__main__":
    main()
