"""Benchmark: every kind of HTML page at the server, on the bundled corpus multiplied ~50 times.

    python bench/bench_pages.py                 # 200 documents: the corpus's 4 × 50
    python bench/bench_pages.py --times 100 --repeat 9
    python bench/bench_pages.py --only /lists   # the pages whose path holds /lists
    python bench/bench_pages.py --skip /trace   # all but those

Generates the documents as bench_load.py does (the corpus varied: sessions renumbered,
recommendations reworded and reordered, other organisations, people, months), loads them with
`load_paths` into an in-memory store, serves it with the real app (Starlette's TestClient,
in this process: no network, no worker processes: the server's own time), and times each page:
the first request (nothing remembered for the data version yet: every query runs) and
`--repeat` more (median and max). Prints one row per page and flags those over the budget
(300 ms). The figures of a run are in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cepa_kg.pipeline import load_paths
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from bench_load import generate  # noqa: E402

BASE = "http://localhost:8000/"
BUDGET_MS = 300.0
PREFIX = "PREFIX cepa: <https://w3id.org/cepa-kg/def#>\n"


def _one(store: OxigraphStore, where: str) -> str:
    """The local path of a resource that `where` binds to ?s (the one with most ?n)."""
    rows = store.select(PREFIX + f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ {where} }} "
                        "GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1")
    if not rows:
        raise SystemExit(f"nothing matches {where}")
    return "/" + rows[0]["s"].value.removeprefix(BASE)


def pages(store: OxigraphStore) -> list[tuple[str, str]]:
    """(kind, path) of every page type, on the resources with the most to show."""
    session = _one(store, "?r cepa:session ?s . ?s a cepa:Session")
    number = session.rsplit("/", 1)[-1]
    recommendation = _one(store, "?s a cepa:Recommendation ; cepa:hasAlignment ?n")
    document = _one(store, "?x <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . "
                           "?s cepa:documentKind \"cepa-session\"")
    entity = {
        "actor (most addressed)": _one(store, "?n cepa:addressee ?s"),
        "actor (most partnerships)": _one(store, "?n cepa:party ?s"),
        "person": _one(store, "?s a cepa:Person ; ?p ?n"),
        "event": _one(store, "?s a cepa:Event ; ?p ?n"),
        "partnership": _one(store, "?s a cepa:Partnership ; ?p ?n"),
        "project": _one(store, "?s a cepa:Project ; ?p ?n"),
        "place": _one(store, "?n <https://schema.org/location> ?s"),
        "country": _one(store, "?s a cepa:Country . ?n ?p ?s"),
        "theme": _one(store, "?s a cepa:Theme . ?n ?p ?s"),
        "UN document": _one(store, "?s a cepa:UNDocument . ?n ?p ?s"),
        "source document": document,
    }
    total = int(store.select(PREFIX + "SELECT (COUNT(*) AS ?n) WHERE "
                             "{ ?s a cepa:Recommendation }")[0]["n"].value)
    return [
        ("home", "/"),
        ("session", session),
        ("recommendation", recommendation),
        ("goal (SDG)", "/id/goal/sdg-16"),
        ("goal (MDG)", "/id/goal/mdg-8"),
        ("target", "/id/target/sdg-16-6"),
        ("trace SDG", "/trace?goal=id/goal/sdg-16"),
        ("trace MDG", "/trace?goal=id/goal/mdg-8"),
        ("matrix MDG", "/matrix?goals=mdg"),
        ("matrix SDG", "/matrix?goals=sdg"),
        ("matrix cell", f"/matrix/cell?session={number}&goal=id/goal/sdg-16"),
        ("network", "/network"),
        ("network of an actor", f"/network?actor={entity['actor (most partnerships)'][1:]}"),
        ("timeline", "/timeline"),
        ("map", "/map"),
        ("browse", "/browse"),
        ("browse class", "/browse/Recommendation"),
        ("browse class, last page", f"/browse/Recommendation?page={-(-total // 50)}"),
        ("list recommendations", "/lists/recommendations"),
        ("list, filtered", "/lists/recommendations?goal=sdg-16&modality=should"),
        ("list events", "/lists/events"),
        ("list partnerships", "/lists/partnerships"),
        ("list projects", "/lists/projects"),
        ("search", "/search?q=corruption"),
        ("reader", f"{document}/read"),
        *((f"entity: {kind}", path) for kind, path in entity.items()),
        ("home, in French", "/?lang=fr"),
        ("trace SDG, in Spanish", "/trace?goal=id/goal/sdg-16&lang=es"),
    ]


def timed(client: TestClient, path: str) -> tuple[float, int]:
    """(ms, bytes) of one request; bytes -1 when it failed (past the query budget: 503)."""
    start = time.perf_counter()
    answer = client.get(path, headers={"Accept": "text/html"})
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(answer.content) if answer.status_code == 200 else -answer.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=50, help="copies of the corpus (4 documents)")
    parser.add_argument("--repeat", type=int, default=5, help="requests after the first")
    parser.add_argument("--only", default="", help="only the pages whose path holds this")
    parser.add_argument("--skip", default="", help="not the pages whose path holds this")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--budget", type=float, default=10.0, help="the query budget, s")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    paths = generate(folder, 4 * args.times, args.seed)
    store = OxigraphStore()
    start = time.perf_counter()
    outcomes = load_paths(store, paths, base=BASE, jobs=os.cpu_count() or 1)
    loaded = sum(o.status == "loaded" for o in outcomes)
    quads = len(store._store)  # noqa: SLF001 (a figure for the report)
    counts = {row["c"].value.rsplit("#", 1)[-1]: int(row["n"].value) for row in store.select(
        PREFIX + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?c { cepa:Session "
        "cepa:Recommendation cepa:Event cepa:Partnership cepa:Project cepa:Actor } ?s a ?c } "
        "GROUP BY ?c")}
    print(f"{loaded} of {len(paths)} documents loaded in {time.perf_counter() - start:.1f} s: "
          f"{quads:,} quads; " + ", ".join(f"{n:,} {c}" for c, n in sorted(counts.items())))
    app = create_app(Settings(base=BASE, store=folder / "unused", query_timeout_s=args.budget),
                     store=store)
    over = []
    with TestClient(app) as client:
        client.get("/health")
        print(f"\n{'page':<30}{'first':>9}{'median':>9}{'max':>9}{'KB':>7}  path")
        for kind, path in pages(store):
            if (args.only and args.only not in path) or (args.skip and args.skip in path):
                continue
            first, size = timed(client, path)
            if size < 0:  # once is enough: the query runs on after its budget
                print(f"{kind:<30}{first:>7.0f}ms  failed ({-size})  {path} *")
                over.append(kind)
                continue
            again = [timed(client, path)[0] for _ in range(args.repeat)]
            median, most = statistics.median(again), max(again)
            flag = " *" if max(first, most) > BUDGET_MS else ""
            if flag:
                over.append(kind)
            print(f"{kind:<30}{first:>7.0f}ms{median:>7.0f}ms{most:>7.0f}ms{size / 1024:>7.0f}"
                  f"  {path}{flag}")
    print(f"\nover {BUDGET_MS:.0f} ms (*): {', '.join(over) if over else 'none'}")


if __name__ == "__main__":
    main()
