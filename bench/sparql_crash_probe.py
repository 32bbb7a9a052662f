"""Where pyoxigraph's SPARQL parser crashes or slows down: for each hostile shape of
`tests/sparql_hostile.py`, the size at which it kills a thread with an 8 MB stack (bisected,
each try in a child process) and the time it takes to parse and plan at a few sizes. The
figures behind `cepa_kg.sparql_limits`.

    python bench/sparql_crash_probe.py [--most 20000] [--shapes "braces,unions"]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from sparql_hostile import MAKERS, is_update  # noqa: E402

_CHILD = r"""
import sys, threading, time
import pyoxigraph as ox
update, text = sys.argv[1] == "1", sys.stdin.read()
threading.stack_size(8 * 1024 * 1024)
store = ox.Store()
store.update("PREFIX : <http://example.org/> INSERT DATA { :a :p :b . :b :p 1 }")
def run():
    start = time.perf_counter()
    try:
        if update:
            ox.Store().update(text)
        else:
            store.query(text)
    except (SyntaxError, RuntimeError):
        pass
    print(f"{time.perf_counter() - start:.4f}", flush=True)
thread = threading.Thread(target=run)
thread.start()
thread.join()
"""


def run(name: str, n: int, timeout_s: float = 30.0) -> float | str:
    """Seconds to parse and plan, or "crash" / "timeout"."""
    try:
        child = subprocess.run([sys.executable, "-c", _CHILD, "1" if is_update(name) else "0"],
                               input=MAKERS[name](n), capture_output=True, text=True,
                               timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "crash" if child.returncode != 0 else float(child.stdout.strip())


def crash_size(name: str, most: int) -> int | None:
    """The smallest size (within 5%) that crashes, or None up to `most`."""
    if run(name, most) != "crash":
        return None
    low, high = 1, most
    while high - low > max(low // 20, 1):
        middle = (low + high) // 2
        low, high = (low, middle) if run(name, middle) == "crash" else (middle, high)
    return high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--most", type=int, default=20_000)
    parser.add_argument("--shapes", default=",".join(MAKERS))
    args = parser.parse_args()
    sizes = (64, 250, 1000)
    print(f"| shape | crashes an 8 MB stack at | {' | '.join(f'n={n}' for n in sizes)} |")
    print("| --- | ---: |" + " ---: |" * len(sizes))
    for name in args.shapes.split(","):
        if name == "long literal":
            continue
        crash = crash_size(name, args.most)
        times = [run(name, n) for n in sizes]
        cells = [t if isinstance(t, str) else f"{t * 1000:.1f} ms" for t in times]
        print(f"| {name} | {crash if crash else f'> {args.most:,}'} | {' | '.join(cells)} |",
              flush=True)


if __name__ == "__main__":
    main()
