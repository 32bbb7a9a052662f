"""Benchmark: SHACL validation alone, per engine, on the corpus and on generated documents.

    python bench/bench_validation.py            # the corpus and 1,000 generated documents
    python bench/bench_validation.py --n 200 --pyshacl-n 50

Prints ms per document (CPU time of this process, which is what the load's worker processes
spend; and wall time) for each way of validating:

- pyrudof, a document and its slice of the reference data (what `validate_graph` does);
- pyrudof, a document with the whole reference data (no slice), and in batches of documents
  with the whole reference data (the batch pays for the reference data once);
- pySHACL, a document and its slice (CEPA_KG_VALIDATOR=pyshacl); pySHACL over the whole
  reference data and a batch of documents (plain, unfocused).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from cepa_kg.commands import bundled_corpus_paths
from cepa_kg.loaders.triples import Triples
from cepa_kg.pipeline import build_document
from cepa_kg.reference import reference_graph
from cepa_kg.sources import read_source
from cepa_kg.validation import VALIDATOR_ENV, shapes, validate_graph, warm_up_validation
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).parent))
from bench_load import generate

BASE = "http://localhost:8000/"


def timed(label: str, docs: Sequence[Triples], run: Callable[[Sequence[Triples]], None]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run(docs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(docs)
    print(f"  {label:<52}{cpu / n * 1000:>9.1f}{wall / n * 1000:>9.1f}{n / wall:>9.1f}")


def per_document(docs: Sequence[Triples]) -> None:
    for doc in docs:
        validate_graph(doc, base=BASE)


def with_pyshacl(docs: Sequence[Triples]) -> None:
    os.environ[VALIDATOR_ENV] = "pyshacl"
    try:
        per_document(docs)
    finally:
        del os.environ[VALIDATOR_ENV]


def rudof_whole_reference(size: int) -> Callable[[Sequence[Triples]], None]:
    import pyrudof

    session = pyrudof.Rudof(pyrudof.RudofConfig())
    session.read_shacl(shapes().ntriples, format=pyrudof.ShaclFormat.NTriples)
    session.read_data(Triples(reference_graph(BASE)).ntriples().decode(),
                      format=pyrudof.RDFFormat.NTriples)

    def run(docs: Sequence[Triples]) -> None:
        for i in range(0, len(docs), size):
            session.begin_staging()
            try:
                session.read_data(b"".join(d.ntriples() for d in docs[i:i + size]).decode(),
                                  format=pyrudof.RDFFormat.NTriples, merge=True)
                session.validate_shacl()
            finally:
                session.rollback_staging()
    return run


def pyshacl_whole_reference(size: int) -> Callable[[Sequence[Triples]], None]:
    import pyshacl

    def run(docs: Sequence[Triples]) -> None:
        for i in range(0, len(docs), size):
            data = Graph()
            data += reference_graph(BASE)
            for doc in docs[i:i + size]:
                for triple in doc:
                    data.add(triple)
            pyshacl.validate(data, shacl_graph=shapes().graph, inference="none",
                             allow_warnings=True)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="generated documents")
    parser.add_argument("--pyshacl-n", type=int, default=40,
                        help="of them, how many pySHACL validates (it is slow)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    t = time.perf_counter()
    warm_up_validation(BASE)
    print(f"warm-up (shapes, reference data indexed, pyrudof session): "
          f"{time.perf_counter() - t:.2f} s")
    corpus = [build_document(read_source(p), base=BASE).triples for p in bundled_corpus_paths()]
    with tempfile.TemporaryDirectory() as folder:
        generated = [build_document(read_source(p), base=BASE).triples
                     for p in generate(Path(folder), args.n, args.seed)]
    for name, docs in (("corpus", corpus), (f"{len(generated)} generated", generated)):
        triples = sum(map(len, docs))
        print(f"\n{name}: {len(docs)} documents, {triples:,} triples "
              f"(+ {len(reference_graph(BASE)):,} of reference data)")
        print(f"  {'engine, how':<52}{'ms cpu':>9}{'ms wall':>9}{'docs/s':>9}")
        some = docs[:args.pyshacl_n]
        timed("pyrudof, per document with its slice (the loader)", docs, per_document)
        timed("pyrudof, per document, whole reference", some, rudof_whole_reference(1))
        timed("pyrudof, batches of 50, whole reference", docs[:200], rudof_whole_reference(50))
        timed("pySHACL, per document with its slice", some, with_pyshacl)
        timed("pySHACL, batches of 10, whole reference", some[:20], pyshacl_whole_reference(10))
    return 0


if __name__ == "__main__":
    sys.exit(main())
