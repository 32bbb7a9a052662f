"""Benchmark: our JSON-LD compactor (server/jsonld_context.py) against pyld, the maintained JSON-LD
processor, on every entity description the server dereferences over the bundled corpus.

    python bench/bench_jsonld.py          # needs pyld (the test extra has it)

For each entity: the triples `describe` gives (what `/id/...` answers), compacted by ours
under the published context, and by pyld (`jsonld.compact` of pyoxigraph's expanded JSON-LD
under the same context, given inline: no network). Prints whether both expand to the same
triples (pyld's `to_rdf` of each) and the time each took (median, 90th percentile, max).
"""

from __future__ import annotations

import io
import json
import statistics
import time

import pyoxigraph as ox
from pyld import jsonld

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.pipeline import load_paths
from cepa_kg.server.describe import describe
from cepa_kg.server.jsonld_context import compact, context
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"


def expanded(triples: list[ox.Triple]) -> object:
    out = io.BytesIO()
    ox.serialize(triples, out, ox.RdfFormat.JSON_LD)
    return json.loads(out.getvalue())


def quads(document: object) -> list[str]:
    return sorted(jsonld.to_rdf(document, {"format": "application/n-quads"}).splitlines())


def main() -> None:
    store = OxigraphStore()
    load_paths(store, bundled_corpus_paths(), base=BASE)
    subjects = [r["s"].value for r in store.select(
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/") '
        '&& !CONTAINS(STR(?s), "#")) }')]
    document = context().document
    ours, theirs, agree, total = [], [], 0, 0
    for iri in subjects:
        outbound, inbound = describe(store, iri)
        triples = outbound + inbound
        total += len(triples)
        started = time.perf_counter()
        mine = compact(triples, context_url=BASE + "context.jsonld", first=iri)
        ours.append(time.perf_counter() - started)
        source = expanded(triples)
        started = time.perf_counter()
        pylds = jsonld.compact(source, document)
        theirs.append(time.perf_counter() - started)
        agree += quads({**mine, "@context": document["@context"]}) == quads(pylds)
    print(f"{len(subjects)} entity descriptions, {total:,} triples; "
          f"the same triples after expansion: {agree} of {len(subjects)}")
    for name, times in (("ours", ours), ("pyld", theirs)):
        ms = [1000 * t for t in times]
        print(f"{name}: median {statistics.median(ms):.3f} ms, 90th percentile "
              f"{statistics.quantiles(ms, n=10)[-1]:.2f} ms, max {max(ms):.1f} ms, "
              f"total {sum(ms):,.0f} ms")


if __name__ == "__main__":
    main()
