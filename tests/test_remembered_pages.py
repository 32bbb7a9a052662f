"""Pages that remember what they computed for the data version (server/page_cache.py): a named
query's HTML table and a search. Asked again, they answer from memory; once the data change,
they show the change."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.server.page_cache import page_cache
from cepa_kg.store import OxigraphStore
from tests.writable import writable_client

NEW_THEME = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
INSERT DATA { GRAPH <http://localhost:8000/graph/test-remembered> {
  <http://localhost:8000/id/theme/quokka-governance> a cepa:Theme ;
    rdfs:label "Quokka governance"@en .
  <http://localhost:8000/id/session/8> cepa:subtopic
    <http://localhost:8000/id/theme/quokka-governance> } }"""


def test_a_search_is_remembered_and_sees_a_write(corpus_store: OxigraphStore,
                                                 tmp_path: Path) -> None:
    with writable_client(corpus_store, tmp_path) as client:
        cache = page_cache(client.app.state)
        assert "Quokka governance" not in client.get("/search", params={"q": "quokka"}).text
        remembered = dict(cache._entries)
        assert any(key[1][0] == "search" for key in remembered)
        client.get("/search", params={"q": "  QUOKKA "})  # the same words: nothing computed
        assert cache._entries == remembered
        client.app.state.store.update(NEW_THEME)
        assert "Quokka governance" in client.get("/search", params={"q": "quokka"}).text


def test_a_named_query_table_is_remembered_and_sees_a_write(corpus_store: OxigraphStore,
                                                            tmp_path: Path) -> None:
    html = {"Accept": "text/html"}
    with writable_client(corpus_store, tmp_path) as client:
        cache = page_cache(client.app.state)
        first = client.get("/queries/themes-across-sessions", params={"keyword": "quokka"},
                           headers=html)
        assert first.status_code == 200 and "Quokka governance" not in first.text
        tables = [key for key in cache._entries if key[1][0] == "named-query table"]
        assert len(tables) == 1
        again = client.get("/queries/themes-across-sessions", params={"keyword": "quokka"},
                           headers=html)
        assert again.text == first.text
        csv = client.get("/queries/themes-across-sessions",
                         params={"keyword": "quokka", "format": "csv"})
        assert csv.status_code == 200  # the downloads are not the table's: run each time
        assert [key for key in cache._entries if key[1][0] == "named-query table"] == tables
        client.app.state.store.update(NEW_THEME)
        after = client.get("/queries/themes-across-sessions", params={"keyword": "quokka"},
                           headers=html)
        assert after.status_code == 200 and "Quokka governance" in after.text
        assert all(key[0] == client.app.state.store.version for key in cache._entries)
