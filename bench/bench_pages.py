"""Benchmark: every kind of HTML page at the server, on the bundled corpus multiplied ~50 times.

    python bench/bench_pages.py                 # 200 documents: the corpus's 4 × 50
    python bench/bench_pages.py --times 100 --repeat 9
    python bench/bench_pages.py --only /lists   # the pages whose path (or kind) holds /lists
    python bench/bench_pages.py --skip /trace --skip /network   # all but those

Generates the documents as bench_load.py does (the corpus varied: sessions renumbered,
recommendations reworded and reordered, other organisations, people, months), loads them with
`load_paths` into an in-memory store, serves it with the real app (Starlette's TestClient,
in this process: no network, no worker processes: the server's own time), and times every page
type the site serves (home, browse, the faceted lists with filters and downloads, an entity
page of each kind, the reader and a document's text, named graphs, the trace, the matrix and
a cell, the network, the timeline, the map, search, the query page, every named query's page,
the SPARQL service page, VoID, the ontology, the API docs): the first request (nothing
remembered for the data version yet: every query runs) and `--repeat` more (median and 90th
percentile). By default the first request comes once the page warmer (server/page_warmer.py)
has asked for the heaviest pages after the load, as a reader's would on a server started a
minute before; `--no-warm` measures the first request of a server that warms nothing. Prints
one row per page and flags those whose 90th percentile is over the budget (300 ms; "first"
where only the first request is). The figures of a run are in
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from cepa_kg.pipeline import load_paths
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from bench_load import generate

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


HTML = "text/html"


def pages(store: OxigraphStore) -> list[tuple[str, str, str]]:
    """(kind, path, Accept) of every page type the site serves, on the resources with the
    most to show: the routes of server/ (pages, browse_lists, linked_data, reader,
    question_pages, time_place_pages, search, query_page, queries, sparql, void, api_docs)."""
    session = _one(store, "?r cepa:session ?s . ?s a cepa:Session")
    number = session.rsplit("/", 1)[-1]
    recommendation = _one(store, "?s a cepa:Recommendation ; cepa:hasAlignment ?n "
                               "FILTER NOT EXISTS { ?s a cepa:ResolutionParagraph }")
    resolution = _one(store, "?s a cepa:ResolutionParagraph ; cepa:hasAlignment ?n")
    document = _one(store, "?x <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . "
                           "?s cepa:documentKind \"cepa-session\"")
    update = _one(store, "?x <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . "
                         "?s cepa:documentKind ?k FILTER(?k != \"cepa-session\")")
    partner = _one(store, "?n cepa:party ?s")
    addressee = _one(store, "?n cepa:addressee ?s")
    place = _one(store, "?n <https://schema.org/location> ?s")
    entity = {
        "session": session,
        "recommendation": recommendation,
        "resolution paragraph": resolution,
        "goal (SDG 16)": "/id/goal/sdg-16",
        "goal (MDG 8)": "/id/goal/mdg-8",
        "target (SDG 16.6)": "/id/target/sdg-16-6",
        "target (MDG 8a)": "/id/target/mdg-8a",
        "actor (most addressed)": addressee,
        "actor (most partnerships)": partner,
        "organisation": _one(store, "?s a cepa:Organization . ?n ?p ?s"),
        "person": _one(store, "?s a cepa:Person ; ?p ?n"),
        "event": _one(store, "?s a cepa:Event ; ?p ?n"),
        "partnership": _one(store, "?s a cepa:Partnership ; ?p ?n"),
        "project": _one(store, "?s a cepa:Project ; ?p ?n"),
        "place": place,
        "country": _one(store, "?s a cepa:Country . ?n ?p ?s"),
        "theme": _one(store, "?s a cepa:Theme . ?n ?p ?s"),
        "UN document": _one(store, "?s a cepa:UNDocument . ?n ?p ?s"),
        "source document (session)": document,
        "source document (update)": update,
    }
    total = int(store.select(PREFIX + "SELECT (COUNT(*) AS ?n) WHERE "
                             "{ ?s a cepa:Recommendation }")[0]["n"].value)
    query = "SELECT ?s ?label WHERE { ?s a <https://w3id.org/cepa-kg/def#Session> ; " \
            "<http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 20"
    named = {
        "partner-network": f"actor={partner[1:]}",
        "partnerships-by-actor": f"actor={partner[1:]}",
        "recommendations-by-goal": "goal=id/goal/sdg-16",
        "recommendations-to-actor": f"actor={addressee[1:]}",
        "session-goals": f"session={number}",
        "session-mdg-matrix": "",
        "session-sdg-matrix": "",
        "sessions": "",
        "sources-of-entity": f"entity={partner[1:]}",
        "themes-across-sessions": "keyword=trust",
        "timeline": "",
        "trace-recommendation": f"recommendation={recommendation[1:]}",
    }
    return [
        ("home", "/", HTML),
        ("home, in French", "/?lang=fr", HTML),
        ("browse", "/browse", HTML),
        ("browse class", "/browse/Recommendation", HTML),
        ("browse class, last page", f"/browse/Recommendation?page={-(-total // 50)}", HTML),
        ("browse actors", "/browse/Actor", HTML),
        ("list recommendations", "/lists/recommendations", HTML),
        ("list, filtered", "/lists/recommendations?goal=sdg-16&modality=should", HTML),
        ("list, by text, page 3", "/lists/recommendations?sort=text&page=3", HTML),
        ("list, a facet's every value", "/lists/recommendations?more=addressee", HTML),
        ("list CSV, every row", "/lists/recommendations?format=csv", "text/csv"),
        ("list JSON, this page", "/lists/recommendations?format=json&rows=page",
         "application/sparql-results+json"),
        ("list events", "/lists/events", HTML),
        ("list events, filtered", f"/lists/events?place={place[1:]}", HTML),
        ("list partnerships", "/lists/partnerships", HTML),
        ("list partnerships, filtered", "/lists/partnerships?status=agreed", HTML),
        ("list projects", "/lists/projects", HTML),
        *((f"entity: {kind}", path, HTML) for kind, path in entity.items()),
        ("document text", f"{document}/text", "text/plain"),
        ("reader", f"{document}/read", HTML),
        ("reader (update)", f"{update}/read", HTML),
        ("graph actors", "/graph/actors", HTML),
        ("graph goals", "/graph/goals", HTML),
        ("graph countries", "/graph/countries", HTML),
        ("trace SDG", "/trace?goal=id/goal/sdg-16", HTML),
        ("trace MDG", "/trace?goal=id/goal/mdg-8", HTML),
        ("trace SDG, one session", f"/trace?goal=id/goal/sdg-16&session={number}", HTML),
        ("trace SDG, in Spanish", "/trace?goal=id/goal/sdg-16&lang=es", HTML),
        ("matrix MDG", "/matrix?goals=mdg", HTML),
        ("matrix SDG", "/matrix?goals=sdg", HTML),
        ("matrix SDG, explicit", "/matrix?goals=sdg&method=explicit", HTML),
        ("matrix cell", f"/matrix/cell?session={number}&goal=id/goal/sdg-16", HTML),
        ("network", "/network", HTML),
        ("network of an actor", f"/network?actor={partner[1:]}", HTML),
        ("timeline", "/timeline", HTML),
        ("map", "/map", HTML),
        ("map, a place marked", f"/map?place={place[1:]}", HTML),
        ("search", "/search?q=corruption", HTML),
        ("search, common word", "/search?q=public", HTML),
        ("query page", "/query", HTML),
        ("query page, an example", "/query?example=recommendations-by-goal", HTML),
        ("query page, run", "/query?" + urlencode({"query": query}), HTML),
        ("named queries", "/queries", HTML),
        *((f"named query {name}", f"/queries/{name}" + (f"?{args}" if args else ""), HTML)
          for name, args in named.items()),
        ("named query CSV (trace)",
         "/queries/recommendations-by-goal?goal=id/goal/sdg-16&format=csv", "text/csv"),
        ("SPARQL service page", "/sparql", HTML),
        ("VoID", "/.well-known/void", "text/turtle"),
        ("ontology", "/def", HTML),
        ("API docs", "/docs", HTML),
    ]


def timed(client: TestClient, path: str, accept: str = HTML) -> tuple[float, int]:
    """(ms, bytes) of one request; bytes -status when it failed (past the query budget: 503)."""
    start = time.perf_counter()
    answer = client.get(path, headers={"Accept": accept})
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(answer.content) if answer.status_code == 200 else -answer.status_code


def p90(values: list[float]) -> float:
    """The 90th percentile (inclusive: the largest of fewer than 10 values' top tenth)."""
    return statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 \
        else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=50, help="copies of the corpus (4 documents)")
    parser.add_argument("--repeat", type=int, default=10, help="requests after the first")
    parser.add_argument("--only", action="append", default=[],
                        help="only the pages whose path or kind holds this (repeatable)")
    parser.add_argument("--skip", action="append", default=[],
                        help="not the pages whose path or kind holds this (repeatable)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--budget", type=float, default=10.0, help="the query budget, s")
    parser.add_argument("--no-warm", action="store_true",
                        help="without the page warmer: the first request computes everything")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    paths = generate(folder, 4 * args.times, args.seed)
    store = OxigraphStore()
    start = time.perf_counter()
    outcomes = load_paths(store, paths, base=BASE, jobs=os.cpu_count() or 1)
    loaded = sum(o.status == "loaded" for o in outcomes)
    quads = len(store._store)
    counts = {row["c"].value.rsplit("#", 1)[-1]: int(row["n"].value) for row in store.select(
        PREFIX + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?c { cepa:Session "
        "cepa:Recommendation cepa:Event cepa:Partnership cepa:Project cepa:Actor } ?s a ?c } "
        "GROUP BY ?c")}
    print(f"{loaded} of {len(paths)} documents loaded in {time.perf_counter() - start:.1f} s: "
          f"{quads:,} quads; " + ", ".join(f"{n:,} {c}" for c, n in sorted(counts.items())))
    app = create_app(Settings(base=BASE, store=folder / "unused", query_timeout_s=args.budget,
                              warm_pages=not args.no_warm), store=store)

    def chosen(kind: str, path: str) -> bool:
        def holds(word: str) -> bool:
            return word in path or word in kind
        return (not args.only or any(map(holds, args.only))) and not any(map(holds, args.skip))

    over = []
    with TestClient(app) as client:
        client.get("/health")
        if not args.no_warm:  # what a reader meets once the server has warmed its pages
            started = time.perf_counter()
            while app.state.page_warmer.warmed != store.version:
                time.sleep(0.05)
            remembered = len(getattr(app.state, "page_cache", None)._entries)  # type: ignore[union-attr]
            print(f"\npages warmed {time.perf_counter() - started:.1f} s after the start "
                  f"({remembered} computations remembered)")
        print(f"\n{'page':<34}{'first':>8}{'median':>8}{'p90':>8}{'KB':>6}  over  path")
        for kind, path, accept in pages(store):
            if not chosen(kind, path):
                continue
            first, size = timed(client, path, accept)
            if size < 0:  # once is enough: the query runs on after its budget
                print(f"{kind:<34}{first:>6.0f}ms  failed ({-size})         *     {path}")
                over.append(kind)
                continue
            again = [timed(client, path, accept)[0] for _ in range(args.repeat)]
            median, high = statistics.median(again), p90(again)
            flag = "*" if high > BUDGET_MS else "first" if first > BUDGET_MS else ""
            if flag == "*":
                over.append(kind)
            print(f"{kind:<34}{first:>6.0f}ms{median:>6.0f}ms{high:>6.0f}ms{size / 1024:>6.0f}"
                  f"  {flag:<5} {path}")
    print(f"\nover {BUDGET_MS:.0f} ms at p90 (*): {', '.join(over) if over else 'none'}")


if __name__ == "__main__":
    main()
