"""Benchmark: `cepa-kg goals --jsonl` on N snippets (the labelled items' texts, repeated with
their words shuffled per round so no cache helps), end to end in a subprocess as a user runs it.

    python bench/bench_goals.py          # N = 1000
    python bench/bench_goals.py 5000
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

ITEMS = Path(__file__).resolve().parents[1] / "tests" / "data" / "goal_labels" / "items.jsonl"


def snippets(n: int, seed: int = 1) -> list[dict[str, object]]:
    texts = [json.loads(line)["text"] for line in ITEMS.read_text("utf-8").splitlines()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = texts[i % len(texts)].split()
        if i >= len(texts):
            rng.shuffle(words)
        out.append({"id": i, "text": " ".join(words)})
    return out


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    data = "\n".join(json.dumps(s) for s in snippets(n)).encode("utf-8")
    words = sum(len(s["text"].split()) for s in snippets(n))  # type: ignore[union-attr]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cepa_kg.cli", "goals", "--jsonl"], input=data,
                          capture_output=True, check=True)
    seconds = time.perf_counter() - started
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    linked = sum(1 for a in answers if a["alignments"])
    print(f"{n} snippets ({words:,} words): {seconds:.2f} s end to end "
          f"({n / seconds:,.0f} snippets/s, start-up included); {linked} with a goal")
    return 0 if len(answers) == n else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
