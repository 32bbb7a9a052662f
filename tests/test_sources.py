"""Reading documents: HTML pages (their main text, by trafilatura), PDFs (their text layer, by
pypdf) and http(s) addresses (a local HTTP server, never the internet), with clear refusals;
the text read is kept with the document and served, so every quote can be checked."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import BASE
from fastapi.testclient import TestClient
from pdf_maker import pdf_of

from cepa_kg import sources
from cepa_kg.cli.commands import bundled_corpus_paths
from cepa_kg.pipeline import load_paths
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.sources import SourceError, document_paths, fetch_source, from_bytes, read_source
from cepa_kg.store import OxigraphStore

CORPUS = {p.name: p for p in bundled_corpus_paths()}
SESSION_8 = CORPUS["cepa-session-08-2009.txt"].read_text(encoding="utf-8")

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>8th Session | UNPAN</title></head>
<body>
<div id="top"><a href="/">Welcome to the United Nations</a> | <a href="/fr">Français</a> |
<a href="/es">Español</a></div>
<nav><ul><li><a href="/about">About UNPAN</a></li><li><a href="/login">Register | Login</a></li>
</ul></nav>
<main><h1>8th Session</h1>
<p>The eighth session of the Committee of Experts on Public Administration was held at
United Nations Headquarters from 30 March to 3 April 2009.</p>
<p>Main theme: The human factor in capacity-building and development</p>
<h2>Summary of Resolutions</h2>
<ul><li>Encourages Member States to strengthen their public service institutions.</li>
<li>Requests the Secretariat to support capacity-building in human resources.</li></ul>
</main>
<footer>Copyright United Nations 2009 | Terms of use | Privacy notice</footer>
</body></html>"""


def test_an_html_page_gives_its_main_text_without_menus_and_footers() -> None:
    source = from_bytes(PAGE.encode(), "8th-session.html")
    assert source.format == "html"
    assert "The eighth session of the Committee of Experts" in source.text
    assert "- Requests the Secretariat to support" in source.text  # list items kept as items
    for chrome in ("Register | Login", "Terms of use", "About UNPAN", "Français"):
        assert chrome not in source.text


def test_html_is_recognised_by_its_content_whatever_the_name() -> None:
    assert from_bytes(PAGE.encode(), "saved-page").format == "html"
    assert from_bytes(b"Session 8 30 March - 3 April 2009", "notes.txt").format == "text"


def test_a_pdf_gives_its_text_layer() -> None:
    source = from_bytes(pdf_of(SESSION_8), "report.pdf")
    assert source.format == "pdf"
    assert source.text.startswith("Session 8 30 March - 3 April 2009")
    assert "Main theme: The human factor in capacity-building" in source.text


def test_what_cannot_be_read_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="PDF cannot be read"):
        from_bytes(b"%PDF-1.4 this is not a PDF at all", "broken.pdf")
    with pytest.raises(SourceError, match="no text"):
        from_bytes(b"<!doctype html><html><body><nav></nav></body></html>", "empty.html")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (sources.MAX_BYTES + 1))
    with pytest.raises(SourceError, match="up to 1 MB"):
        read_source(big)


def test_a_folder_load_takes_text_html_and_pdf_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.html").write_text("<html></html>")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-")
    (tmp_path / "d.docx").write_bytes(b"PK")
    found = document_paths([tmp_path, "https://example.org/page"])
    assert [Path(p).name for p in found[:3]] == ["a.txt", "b.html", "c.pdf"]
    assert found[3] == "https://example.org/page"  # an address stays a string


# -- http(s) addresses, against a local server ---------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/slow":
            time.sleep(3)
        status, media_type, body = self.pages.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # a client that gave up (the cap)
            pass


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    _Handler.pages = {
        "/cepa/8th-session": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/reports/e-2009-44": (200, "application/pdf", pdf_of(SESSION_8)),
        "/huge": (200, "text/plain", b"x" * 2048),
        "/slow": (200, "text/plain", b"late"),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_an_address_is_fetched_and_read_by_its_media_type(web: str) -> None:
    page = fetch_source(web + "/cepa/8th-session")
    assert page.format == "html" and "eighth session" in page.text
    report = fetch_source(web + "/reports/e-2009-44")
    assert report.format == "pdf" and report.text.startswith("Session 8")


def test_a_fetch_that_fails_says_why(web: str) -> None:
    with pytest.raises(SourceError, match="answered 404"):
        fetch_source(web + "/missing")
    with pytest.raises(SourceError, match="2 KB; the loaders read documents up to 1 KB"):
        fetch_source(web + "/huge", max_bytes=1024)
    with pytest.raises(SourceError, match="no answer within 0.5 s"):
        fetch_source(web + "/slow", timeout_s=0.5)
    with pytest.raises(SourceError, match="cannot fetch"):
        fetch_source("http://127.0.0.1:9/nothing-listens-here", timeout_s=2)


def test_load_takes_addresses_and_names_each_document_after_its_address(web: str) -> None:
    store = OxigraphStore()
    outcomes = load_paths(store, [web + "/reports/e-2009-44", web + "/missing"], base=BASE)
    assert outcomes[0].status == "loaded", outcomes[0].error
    assert outcomes[0].iri == BASE + "id/document/127-0-0-1-" + web.rsplit(":", 1)[1] + \
        "-reports-e-2009-44"
    assert outcomes[1].status == "failed" and "answered 404" in (outcomes[1].error or "")
    address = store.select("SELECT ?a WHERE { ?d <https://w3id.org/cepa-kg/def#sourceAddress> ?a }")
    assert address[0]["a"].value == web + "/reports/e-2009-44"


# -- the text is kept and served ------------------------------------------------------------


def test_every_quote_can_be_checked_against_the_served_text(tmp_path: Path) -> None:
    page = tmp_path / "eighth-session.html"
    page.write_text(PAGE, encoding="utf-8")
    store = OxigraphStore()
    [outcome] = load_paths(store, [page], base=BASE)
    assert outcome.status == "loaded", outcome.error
    app = create_app(Settings(base=BASE, store=tmp_path / "unused"), store=store)
    with TestClient(app) as client:
        answer = client.get("/id/document/eighth-session/text")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/plain")
        text = answer.text
        assert client.get("/id/document/no-such-document/text").status_code == 404
    quotes = store.select("""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?exact ?start ?end WHERE {
          ?src oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }""")
    assert len(quotes) >= 3
    for row in quotes:
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value
    formats = store.select("SELECT ?f WHERE { ?d <http://purl.org/dc/terms/format> ?f }")
    assert [r["f"] for r in formats] == [ox.Literal("text/html")]
