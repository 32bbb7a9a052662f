"""Identity and reuse (issue 15 part 5): the operator is told when the base IRI is not where the
server is reached (a line in the serve log at start, a banner on every HTML page); "Cite this"
on the home page (the dataset) and on every entity page, with the version and the date of the
last load; the licence, /dump and VoID on the home page and in every page's footer."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from cepa_kg import __version__
from cepa_kg.server.citation import bibtex_escape, entity_citation
from cepa_kg.server.identity import start_warning
from cepa_kg.store import OxigraphStore
from cepa_kg.cli.summaries import store_info
from fastapi.testclient import TestClient
from serve_process import corpus_store_copy, serve_process

BASE = "http://localhost:8000/"
HTML = {"Accept": "text/html"}
AT_BASE = {**HTML, "Host": "localhost:8000"}
PAGES = ["/", "/browse", "/browse/Session", "/id/session/8", "/id/goal/mdg-6", "/trace",
         "/matrix", "/network", "/search?q=health", "/query", "/sparql", "/queries", "/def"]


@pytest.mark.parametrize(("base", "host", "port", "public", "warns"), [
    ("http://localhost:8000/", "127.0.0.1", 8000, None, False),
    ("http://localhost:8000/", "0.0.0.0", 8000, None, False),
    ("http://127.0.0.1:8000/", "localhost", 8000, None, False),
    ("http://localhost:8000/", "127.0.0.1", 8123, None, True),
    ("https://kg.example.org/", "127.0.0.1", 8000, None, True),
    ("https://kg.example.org/", "127.0.0.1", 8000, "https://kg.example.org/cepa", False),
    ("https://kg.example.org/", "127.0.0.1", 8000, "https://other.example.org/", True),
    ("http://kg.example.org/", "kg.example.org", 80, None, False),
])
def test_start_warning_when_the_base_is_not_where_the_server_listens(
        base: str, host: str, port: int, public: str | None, warns: bool) -> None:
    line = start_warning(base, host, port, public)
    assert (line is not None) == warns
    if line:
        assert "\n" not in line and base in line and "--base" in line


def test_serve_says_so_in_its_log_at_start(tmp_path: Path,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), tmp_path / "store")
    with serve_process(store, tmp_path / "serve.log", query_workers="-1") as live:
        port = live.url.rsplit(":", 1)[1]
        log = live.log.read_text()
    warnings = [line for line in log.splitlines() if "base IRI" in line]
    assert len(warnings) == 1, log
    assert BASE in warnings[0] and f":{port}/" in warnings[0]


def _notice(page: str) -> str | None:
    found = re.search(r'<p class="host-notice" role="note">(.*?)</p>', page, re.DOTALL)
    return found[1] if found else None


@pytest.mark.parametrize("path", PAGES)
def test_a_banner_on_every_page_reached_at_another_host(client: TestClient, path: str) -> None:
    away = client.get(path, headers=HTML)
    assert away.status_code == 200, path
    notice = _notice(away.text)
    assert notice and "http://testserver/" in notice and BASE in notice, path
    home = client.get(path, headers=AT_BASE)
    assert home.status_code == 200 and _notice(home.text) is None, path


def test_the_banner_escapes_the_host(client: TestClient) -> None:
    page = client.get("/", headers={**HTML, "Host": "evil.example:8000"}).text
    notice = _notice(page) or ""
    assert "http://evil.example:8000/" in notice and "<script" not in page
    odd = client.get("/", headers={**HTML, "Host": "a:b"})  # a port that is no number
    assert odd.status_code == 200 and _notice(odd.text)


def test_home_page_cites_the_dataset(client: TestClient, corpus_store: OxigraphStore) -> None:
    page = client.get("/", headers=AT_BASE).text
    day = store_info(corpus_store, base=BASE)["last_load"][:10]
    cite = re.search(r'<p class="cite-text">(.*?)</p>', page, re.DOTALL)
    assert cite and f"cepa-kg {__version__}" in cite[1] and f"data loaded {day}" in cite[1]
    bibtex = html.unescape(re.search(r'<pre class="bibtex">(.*?)</pre>', page, re.DOTALL)[1])
    assert bibtex.startswith("@misc{cepa-kg,") and bibtex.rstrip().endswith("}")
    assert f"version = {{{__version__}}}" in bibtex and f"year = {{{day[:4]}}}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    for href in ('href="/dump"', 'href="/.well-known/void"', 'href="/browse/SourceDocument"'):
        assert page.split('<section class="cite"')[0].count(href) >= 1, href


@pytest.mark.parametrize("path", ["/id/goal/mdg-6", "/id/session/8", "/id/actor/unodc"])
def test_every_entity_page_cites_the_entity(client: TestClient, corpus_store: OxigraphStore,
                                            path: str) -> None:
    page = client.get(path, headers=AT_BASE).text
    day = store_info(corpus_store, base=BASE)["last_load"][:10]
    title = html.unescape(re.search(r"<h1>(.*?)</h1>", page, re.DOTALL)[1])
    cite = html.unescape(re.search(r'<p class="cite-text">(.*?)</p>', page, re.DOTALL)[1])
    assert title in cite and BASE.rstrip("/") + path in cite and day in cite
    bibtex = html.unescape(re.search(r'<pre class="bibtex">(.*?)</pre>', page, re.DOTALL)[1])
    assert f"\\url{{{BASE.rstrip('/')}{path}}}" in bibtex and __version__ in bibtex


@pytest.mark.parametrize("path", PAGES + ["/id/document/cepa-session-08-2009/read"])
def test_every_footer_links_citation_dump_void_and_licence(client: TestClient, path: str) -> None:
    response = client.get(path, headers=AT_BASE)
    assert response.status_code == 200, path
    footer = response.text.rsplit("<footer>", 1)[1]
    for href in ('href="/#cite"', 'href="/dump"', 'href="/.well-known/void"',
                 'href="/browse/SourceDocument"'):
        assert href in footer, (path, href)
    assert "licence" in footer


def test_the_footer_links_answer(client: TestClient) -> None:
    assert client.head("/dump").status_code == 200
    assert client.get("/.well-known/void", headers={"Accept": "text/turtle"}).status_code == 200
    assert 'id="cite"' in client.get("/", headers=HTML).text


def test_bibtex_escapes_its_special_characters() -> None:
    assert bibtex_escape("R&D {50%} a_b #1 ~ ^ $ \\") == \
        "R\\&D \\{50\\%\\} a\\_b \\#1 \\~ \\^ \\$ \\textbackslash{}"
    cite = entity_citation("Health & {care}", "http://x.org/id/a/b", "2011-04-01T00:00:00Z")
    assert "title = {Health \\& \\{care\\}}" in cite.bibtex and "year = {2011}" in cite.bibtex
    assert "@misc{cepa-kg:a-b," in cite.bibtex
    assert "data loaded unknown date" in entity_citation("x", "http://x.org/id/a", None).text
