"""Benchmark: the faceted lists (server/browse_lists.py) on the bundled corpus and on a
synthetic archive of hundreds of sessions and thousands of recommendations.

    python bench/bench_lists.py                       # 300 sessions × 30 recommendations
    python bench/bench_lists.py --sessions 500 --per-session 40

Prints the time of one request per list page (the first, the page with filters, a late page,
the CSV of every row) over an in-memory store: cold (the first after a write: every query
runs) as the median of a few rounds, each after a write, and warm (the facets and count
remembered for the data version, as when a reader pages or sorts)."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.pipeline import load_paths
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

BASE = "http://localhost:8000/"
CEPA = "https://w3id.org/cepa-kg/def#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
DATE = "<http://www.w3.org/2001/XMLSchema#date>"


def synthetic(sessions: int, per_session: int) -> bytes:
    """N-Quads of `sessions` sessions with `per_session` recommendations each, one graph per
    session's document: addressees of 200 actors, subtopics of 500 themes, modalities, two
    goals or targets each, the session's document family."""
    lines = []
    modalities = ["should", "requests", "encourages", "recommends", "other"]
    for n in range(1, sessions + 1):
        doc = f"<{BASE}id/document/synthetic-session-{n}>"
        session = f"<{BASE}id/session/{1000 + n}>"
        g = doc
        year = 1900 + n % 120
        lines += [f"{doc} {TYPE} <{CEPA}SourceDocument> {g} .",
                  f'{doc} <{CEPA}documentKind> "cepa-session" {g} .',
                  f"{session} {TYPE} <{CEPA}Session> {g} .",
                  f'{session} <{CEPA}sessionNumber> "{1000 + n}"^^{INTEGER} {g} .',
                  f'{session} <https://schema.org/startDate> "{year}-04-0{n % 9 + 1}"^^{DATE} {g} .']
        for i in range(per_session):
            k = n * per_session + i
            rec = f"<{BASE}id/session/{1000 + n}/recommendation/r{i}>"
            actor = f"<{BASE}id/actor/synthetic-{k % 200}>"
            theme = f"<{BASE}id/theme/synthetic-{k % 500}>"
            goals = [f"<{BASE}id/goal/sdg-{k % 17 + 1}>", f"<{BASE}id/target/sdg-16-{k % 10 + 1}>"]
            lines += [f"{rec} {TYPE} <{CEPA}Recommendation> {g} .",
                      f"{rec} <{CEPA}session> {session} {g} .",
                      f'{rec} <{CEPA}order> "{i + 1}"^^{INTEGER} {g} .',
                      f'{rec} <{CEPA}text> "synthetic recommendation {k} on public service" {g} .',
                      f'{rec} {RDFS_LABEL} "Session {1000 + n}: recommendation {i + 1}" {g} .',
                      f'{rec} <{CEPA}modality> "{modalities[k % 5]}" {g} .',
                      f"{rec} <{CEPA}addressee> {actor} {g} .",
                      f'{actor} {RDFS_LABEL} "Actor {k % 200}" {g} .',
                      f"{rec} <{CEPA}subtopic> {theme} {g} .",
                      f'{theme} {RDFS_LABEL} "Theme {k % 500}" {g} .',
                      f"{rec} <http://www.w3.org/ns/prov#wasDerivedFrom> {doc} {g} ."]
            lines += [f"{rec} <{CEPA}alignedTo> {goal} {g} ." for goal in goals]
    return ("\n".join(lines) + "\n").encode()


def timed(client: TestClient, store: OxigraphStore, path: str,
          rounds: int) -> tuple[float, float, int]:
    """(cold ms, warm ms, bytes): cold after a write that changes nothing the lists show."""
    cold, warm = [], []
    for i in range(rounds):
        store.update(f"INSERT DATA {{ GRAPH <urn:bench:touch> {{ <urn:bench:x> <urn:bench:n> {i} }} }}")
        for times in (cold, warm):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return (statistics.median(cold) * 1000, statistics.median(warm) * 1000,
            len(response.content))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--per-session", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = OxigraphStore()
    load_paths(store, bundled_corpus_paths(), base=BASE)
    paths = ["/lists/recommendations", "/lists/recommendations?goal=sdg-16&modality=should",
             "/lists/events", "/lists/partnerships", "/lists/projects"]
    app = create_app(Settings(base=BASE, store=Path(tempfile.mkdtemp())), store=store)
    with TestClient(app) as client:
        print("bundled corpus:  cold      warm      size")
        for path in paths:
            cold, warm, size = timed(client, store, path, args.rounds)
            print(f"  {cold:7.1f} ms {warm:7.1f} ms {size / 1024:6.0f} KB  {path}")
        start = time.perf_counter()
        store.add_graphs(synthetic(args.sessions, args.per_session))
        total = store.select("PREFIX cepa: <https://w3id.org/cepa-kg/def#> SELECT (COUNT(*) AS ?n) "
                             "WHERE { ?r a cepa:Recommendation }")[0]["n"].value
        print(f"with {args.sessions} synthetic sessions: {total} recommendations "
              f"(loaded in {time.perf_counter() - start:.1f} s)")
        for path in ["/lists/recommendations", "/lists/recommendations?sort=-session&page=20",
                     "/lists/recommendations?goal=sdg-16&modality=should",
                     "/lists/recommendations?goal=sdg-16&addressee=synthetic-5&size=500",
                     "/lists/recommendations?sort=text&more=session",
                     "/lists/recommendations?goal=sdg-3&format=csv"]:
            cold, warm, size = timed(client, store, path, args.rounds)
            print(f"  {cold:7.1f} ms {warm:7.1f} ms {size / 1024:6.0f} KB  {path}")
        print("paging and sorting (the facets and count remembered, the rows query runs):")
        for warm_up in ("", "goal=sdg-16"):
            client.get(f"/lists/recommendations?{warm_up}")
        for query in ["page=2", "page=3", "sort=-session", "sort=text", "size=500",
                      "goal=sdg-16&page=2"]:
            start = time.perf_counter()
            assert client.get(f"/lists/recommendations?{query}").status_code == 200
            print(f"  {(time.perf_counter() - start) * 1000:7.1f} ms  ?{query}")


if __name__ == "__main__":
    main()
