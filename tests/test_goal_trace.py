"""The trace and the matrix cell read the rows of recommendations-by-goal in plain queries
(server/goal_trace.py): the same rows as the named query, on the bundled corpus."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from cepa_kg.named_queries import named_queries
from cepa_kg.server.goal_trace import VARIABLES, trace_rows
from cepa_kg.server.page_cache import VersionCache
from cepa_kg.server.queries import select_json
from cepa_kg.store import OxigraphStore

BASE = "http://localhost:8000/"
CASES = [
    {},  # the default: MDG 8
    {"goal": "id/goal/sdg-16"},
    {"goal": "id/goal/sdg-3"},
    {"goal": "id/goal/mdg-6"},
    {"goal": "id/target/mdg-8a"},
    {"goal": "id/target/sdg-16-6"},
    {"goal": "id/goal/sdg-16", "method": "thematic"},
    {"goal": "id/goal/sdg-16", "method": "explicit", "sessionNumber": "8"},
    {"goal": "id/goal/sdg-17", "method": "correspondence"},
    {"goal": "id/goal/sdg-16", "sessionNumber": "5"},
    {"goal": "id/goal/sdg-16", "sessionNumber": "999"},
    {"goal": "id/nothing/here"},
]


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, json.dumps(v, sort_keys=True)) for k, v in row.items()))


def _named(store: OxigraphStore, values: dict[str, str]) -> list[dict[str, Any]]:
    text = named_queries()["recommendations-by-goal"].prepare(values, base=BASE)
    data = json.loads(select_json(store, text))
    assert data["head"]["vars"] == VARIABLES
    return data["results"]["bindings"]


def _ours(store: OxigraphStore, values: dict[str, str]) -> list[dict[str, Any]]:
    terms = named_queries()["recommendations-by-goal"].bind(values, base=BASE)
    return trace_rows(store, terms["goal"], terms.get("method"), terms.get("sessionNumber"))


@pytest.mark.parametrize("values", CASES, ids=lambda v: "&".join(f"{k}={x}" for k, x in
                                                                   v.items()) or "default")
def test_same_rows_as_the_named_query(corpus_store: OxigraphStore, values: dict[str, str]) -> None:
    expected = _named(corpus_store, values)
    got = _ours(corpus_store, values)
    assert Counter(map(_key, got)) == Counter(map(_key, expected))
    order = ("sessionNumber", "recommendation", "alignedTo")
    assert [[r[k]["value"] for k in order] for r in got] == \
        [[r[k]["value"] for k in order] for r in expected]


def test_the_corpus_has_rows_with_and_without_a_sentence(corpus_store: OxigraphStore) -> None:
    """The cases above cover a cue whose passage is found and one whose is not."""
    rows = _ours(corpus_store, {"goal": "id/goal/sdg-16"})
    assert any("before" in r for r in rows)
    assert len({r["recommendation"]["value"] for r in rows}) > 5


def test_cache_answers_again_for_the_same_data_version(corpus_store: OxigraphStore) -> None:
    cache = VersionCache(size=2)
    first = cache.get(corpus_store, "a", lambda: _ours(corpus_store, {"goal": "id/goal/sdg-3"}))
    assert cache.get(corpus_store, "a", list) is first
    assert first == _ours(corpus_store, {"goal": "id/goal/sdg-3"})
    cache.get(corpus_store, "b", lambda: 2)
    cache.get(corpus_store, "c", lambda: 3)  # past its size: the oldest goes
    assert cache.get(corpus_store, "a", lambda: "again") == "again"
    cache.put(corpus_store.version + 1, "d", 4)  # a newer version: the older ones go
    assert cache.peek(corpus_store.version, "b") == (False, None)
    assert cache.peek(corpus_store.version + 1, "d") == (True, 4)


def test_trace_pages_its_recommendations(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from cepa_kg.server import question_pages
    whole = client.get("/trace", params={"goal": "id/goal/sdg-16"}).text
    assert 'class="pager"' not in whole  # the corpus's fit on one page
    everyone = set(re.findall(r'<li><a href="(/id/session/\d+/[^"]+)"', whole))
    assert len(everyone) > 3
    monkeypatch.setattr(question_pages, "TRACE_PAGE", 3)
    pages = -(-len(everyone) // 3)
    seen: list[str] = []
    for n in range(1, pages + 1):
        page = client.get("/trace", params={"goal": "id/goal/sdg-16", "page": n}).text
        found = re.findall(r'<li><a href="(/id/session/\d+/[^"]+)"', page)
        assert len(found) == (3 if n < pages else len(everyone) - 3 * (pages - 1))
        assert f"Page {n} of {pages}" in page and "links (goal or target" in page
        assert ('rel="next"' in page) == (n < pages) and ('rel="prev"' in page) == (n > 1)
        seen += found
    assert len(seen) == len(set(seen)) and set(seen) == everyone
    assert client.get("/trace", params={"goal": "id/goal/sdg-16", "page": pages + 1}
                      ).status_code == 400
    assert client.get("/trace", params={"page": "0"}).status_code == 400
    assert client.get("/trace", params={"page": "x"}).status_code == 400
