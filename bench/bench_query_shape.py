"""Benchmark: the cost of deciding a query's shape (server/query_shape.py), which every
`/sparql` request pays before it runs (the bounded streaming lane or a worker).

    python bench/bench_query_shape.py

Prints microseconds per new text (no cache) and per remembered text (its lru_cache). The
figures were asserted by tests/test_fast_path.py (under 1 ms new, 20 us remembered; ~40 us
new on an idle machine); a test of absolute time fails on a loaded machine, so they are
measured here."""

from __future__ import annotations

import time
import timeit

from cepa_kg.server.query_shape import classify

BASE = "http://localhost:8000/"
P = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def main() -> None:
    texts = [P + f"SELECT ?l WHERE {{ <{BASE}id/x/{i}> rdfs:label ?l }}\n# {i}"
             for i in range(2000)]
    classify.cache_clear()
    start = time.perf_counter()
    for text in texts:  # each text new: no cache
        classify(text)
    new = (time.perf_counter() - start) / len(texts)
    cached = timeit.timeit(lambda: classify(texts[-1]), number=10_000) / 10_000
    print(f"new text: {new * 1e6:.1f} us; remembered text: {cached * 1e6:.2f} us "
          f"({len(texts)} texts, 10,000 look-ups)")


if __name__ == "__main__":
    main()
