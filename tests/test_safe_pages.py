"""Safe pages (issue 16, part 4): only http(s) IRIs become links, whatever a query or the data
holds (`javascript:`, `data:`, `vbscript:` are valid IRIs); every HTML page carries a
Content-Security-Policy without inline script and has none (nor inline styles or `on*`
handlers) to need it; every answer says `nosniff` and a Referrer-Policy. The pages are parsed,
not grepped, and the shaded matrix is checked in Chromium under the policy."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import playwright.sync_api as playwright_sync
import pytest
from cepa_kg.server.app import create_app
from cepa_kg.server.views import link, local_href
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient
from live_server import threaded_server

BASE = "http://localhost:8000/"
HTML = {"Accept": "text/html"}
HOSTILE = ["javascript:alert(4)", "JavaScript:alert(5)", "data:text/html,<script>alert(6)</script>",
           "vbscript:msgbox(7)"]


class Page(HTMLParser):
    """What a page links to and what in it could run: every URL-bearing attribute, every
    script element, `on*` handlers, `style` attributes and `<style>` elements."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "cite", "xlink:href",
                                "poster", "data"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str, dict[str, str]]] = []  # tag, attribute, value, attrs
        self.scripts: list[tuple[dict[str, str], str]] = []  # attributes, inline text
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._script: dict[str, str] | None = None
        self._text = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if name in self.URL_ATTRIBUTES:
                self.urls.append((tag, name, value, values))
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.styles.append(f"<{tag} style>")
        if tag == "style":
            self.styles.append("<style>")
        if tag == "script":
            self._script, self._text = values, ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._text))
            self._script = None

    def hrefs(self) -> list[str]:
        return [value for tag, name, value, _ in self.urls if tag == "a" and name == "href"]


def scheme(url: str) -> str:
    """The scheme a browser reads (it drops tabs and newlines, and leading spaces and controls)."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(33))))
    return urlsplit(cleaned).scheme.lower()


def assert_safe_urls(page: Page, where: str) -> None:
    for tag, name, value, attrs in page.urls:
        if tag == "link" and attrs.get("rel") == "icon" and value == "data:,":
            continue  # the blank favicon (no request for /favicon.ico)
        assert scheme(value) in ("", "http", "https"), f"{where}: <{tag} {name}={value!r}>"
        assert not value.startswith(("//", "/\\")) or scheme(value), f"{where}: {value!r}"


def assert_no_inline_code(page: Page, where: str) -> None:
    assert not page.handlers, f"{where}: {page.handlers}"
    assert not page.styles, f"{where}: {page.styles}"
    for attrs, text in page.scripts:
        if "src" in attrs:
            assert not text.strip(), where
            assert attrs["src"].startswith("/static/"), where  # nothing from another site
        else:  # a data block browsers never run: JSON-LD for search engines, and valid JSON
            assert attrs.get("type") == "application/ld+json", f"{where}: inline script"
            json.loads(text)


def hostile_store() -> OxigraphStore:
    """Data naming `javascript:` (and other) IRIs where the pages show IRIs: a session whose
    property, type and inbound link are such IRIs, such a subject with a searchable label, and
    a session and a goal that are such IRIs themselves."""
    store = OxigraphStore()
    store.update("""
        PREFIX cepa: <https://w3id.org/cepa-kg/def#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX schema: <https://schema.org/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        INSERT DATA { GRAPH <http://localhost:8000/id/document/hostile> {
          <http://localhost:8000/id/session/99> a cepa:Session, <javascript:alert(1)> ;
              rdfs:label "Session 99" ; cepa:sessionNumber 99 ;
              schema:url <javascript:alert(2)>, <https://example.org/ok> ;
              cepa:mainTheme <data:text/html,evil> .
          <javascript:alert(3)> rdfs:label "Evil thing" ; a cepa:Recommendation ;
              cepa:text "an evil recommendation" ;
              cepa:session <http://localhost:8000/id/session/99> .
          <javascript:alert(9)> a cepa:Session ; rdfs:label "Evil session" ; cepa:sessionNumber 98 .
          <vbscript:msgbox(1)> a cepa:Goal ; skos:prefLabel "Evil goal" ; skos:notation "99" ;
              skos:inScheme <http://localhost:8000/id/scheme/sdg> .
        } }""")
    return store


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(Settings(base=BASE, store=tmp_path_factory.mktemp("unused")),
                     store=hostile_store())
    with TestClient(app) as client:
        yield client


def test_a_javascript_iri_in_query_results_is_text_not_a_link(client: TestClient) -> None:
    values = " ".join(f"(<{iri.replace('<', '%3C').replace('>', '%3E')}>)" for iri in HOSTILE)
    query = ("SELECT ?x WHERE { { BIND(<javascript:alert(4)> AS ?x) } UNION "
             f"{{ VALUES (?x) {{ {values} (<https://example.org/fine>) (<{BASE}id/session/5>) }} }} }}")
    r = client.get("/query", params={"query": query}, headers=HTML)
    assert r.status_code == 200, r.text
    page = Page(r.text)
    assert_safe_urls(page, "/query")
    cells = re.findall(r"<td>(.*?)</td>", r.text)
    assert "javascript:alert(4)" in cells  # shown, as text
    hostile = [c for c in cells if "alert" in c or "msgbox" in c]
    assert len(hostile) == 1 + len(HOSTILE) and not any("<a" in c for c in hostile), hostile
    assert "https://example.org/fine" in page.hrefs()  # a web IRI stays a link
    assert "/id/session/5" in page.hrefs()  # ours links to our page


def test_named_query_pages_do_not_link_a_javascript_iri(client: TestClient) -> None:
    """Parameters of the pages are IRIs that the page shows and links."""
    for path, params in [("/trace", {"goal": "javascript:alert(1)"}),
                         ("/network", {"actor": "javascript:alert(1)"}),
                         ("/queries/sources-of-entity", {"entity": "javascript:alert(1)"})]:
        r = client.get(path, params=params, headers=HTML)
        assert r.status_code == 200, (path, r.text[-500:])
        page = Page(r.text)
        assert_safe_urls(page, path)
        assert "javascript:alert(1)" in r.text  # named, not linked


def test_javascript_iris_in_the_data_are_never_links(hostile: TestClient) -> None:
    pages = ["/", "/browse/Session", "/browse/Recommendation", "/browse/Goal", "/id/session/99",
             "/search?q=evil", "/matrix", "/query?query=" + "SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D"]
    for path in pages:
        r = hostile.get(path, headers=HTML)
        assert r.status_code == 200, (path, r.status_code)
        page = Page(r.text)
        assert_safe_urls(page, path)
        assert_no_inline_code(page, path)
    entity = hostile.get("/id/session/99", headers=HTML).text
    assert "javascript:alert(2)" in entity and 'href="https://example.org/ok"' in entity
    assert "Evil thing" in entity  # the inbound link, named without a link
    search = hostile.get("/search?q=evil", headers=HTML).text
    assert "Evil thing" in search and "Evil session" in search
    home = hostile.get("/", headers=HTML).text
    assert "Session 98" in home and "Evil goal" in home  # listed, unlinked


def test_local_hrefs_never_leave_the_site_or_its_schemes() -> None:
    assert local_href(BASE + "id/session/5", BASE, "/cepa") == "/cepa/id/session/5"
    assert local_href("https://example.org/x", BASE) == "https://example.org/x"
    for iri in HOSTILE:
        assert local_href(iri, BASE) is None
    # `//evil.example/` after the base is another host to a browser: the absolute IRI instead
    assert local_href(BASE + "/evil.example/x", BASE) == BASE + "/evil.example/x"
    assert local_href(BASE + "\\evil.example/x", BASE) == BASE + "\\evil.example/x"
    assert link("javascript:alert(1)", "<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert link("//evil.example/", "x") == "x"
    assert link("/id/a?b=1&c=2", "<i>") == '<a href="/id/a?b=1&amp;c=2">&lt;i&gt;</a>'


#: Every kind of HTML page: path, headers.
HTML_PAGES = [
    "/", "/browse", "/browse/Session", "/browse/Country?page=2", "/id/session/5",
    "/id/session/5.html", "/id/goal/mdg-6", "/id/actor/unodc", "/search?q=health", "/query",
    "/query?query=ASK%7B%7D", "/query?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%205",
    "/query?example=sessions", "/queries", "/queries/sessions", "/trace", "/matrix",
    "/matrix?goals=mdg", "/network", "/def", "/sparql", "/docs", "/id/nothing-here",
]


@pytest.mark.parametrize("path", HTML_PAGES)
def test_every_html_page_has_a_csp_without_inline_script_and_no_inline_code(
        client: TestClient, path: str) -> None:
    r = client.get(path, headers=HTML)
    assert r.headers["content-type"].startswith("text/html"), (path, r.headers["content-type"])
    policy = {d.split()[0]: d.split()[1:] for d in
              r.headers["content-security-policy"].split(";") if d.strip()}
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'self'" in policy["script-src"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    if path != "/docs":  # Swagger UI sets styles as it renders: see server/api_docs.py
        assert policy["style-src"] == ["'self'"] and policy["default-src"] == ["'self'"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] in ("no-referrer", "same-origin", "strict-origin")
    page = Page(r.text)
    assert_no_inline_code(page, path)
    assert_safe_urls(page, path)
    assert not any(v.startswith(("http:", "https:")) for d in policy.values() for v in d), \
        policy  # no other site may serve code or style: the pages work offline
    for attrs, _ in page.scripts:  # what the policy lets run is served
        if attrs.get("src", "").startswith("/static/"):
            assert client.get(attrs["src"]).status_code == 200, attrs["src"]
    for tag, name, value, _ in page.urls:  # and so are its style sheets
        if tag == "link" and value.startswith("/static/"):
            assert client.get(value).status_code == 200, value


@pytest.mark.parametrize(("method", "path", "headers"), [
    ("GET", "/sparql?query=ASK%7B%7D", {}),  # the short lane
    ("HEAD", "/sparql?query=ASK%7B%7D", {}),
    ("POST", "/sparql?query=ASK%7B%7D", {}),
    ("GET", "/sparql?query=nonsense", {}),  # an error from the lane
    ("GET", "/id/session/5", {"Accept": "text/turtle"}),
    ("GET", "/static/style.css", {}),
    ("GET", "/context.jsonld", {}),
    ("GET", "/no/such/path", {"Accept": "application/json"}),
    ("OPTIONS", "/sparql", {"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}),
])
def test_every_answer_says_nosniff_and_a_referrer_policy(
        client: TestClient, method: str, path: str, headers: dict[str, str]) -> None:
    r = client.request(method, path, headers=headers)
    assert r.headers["x-content-type-options"] == "nosniff", (method, path, r.status_code)
    assert r.headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in r.headers["content-security-policy"]


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def test_pages_work_under_the_policy_in_chromium(tmp_path: Path, corpus_store: OxigraphStore) -> None:
    """No CSP violation (Chromium reports each as a console error) on the pages the reader walk
    (test_browser) does not visit, and the matrix is shaded by its stylesheet."""
    app = create_app(Settings(base=BASE, store=tmp_path / "unused"), store=corpus_store)
    problems: list[str] = []
    with threaded_server(app) as url, playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}")
                    if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            for path in ["/matrix", "/network", "/trace", "/queries", "/def",
                         "/query?query=ASK%7B%7D"]:
                page.goto(f"{url}{path}")
                page.wait_for_load_state("load")
            page.goto(f"{url}/docs")  # Swagger UI from this server, under the page's policy
            page.wait_for_selector(".opblock", timeout=15_000)
            page.goto(f"{url}/matrix")
            shaded = page.locator("td.cell.dark").first
            colour = shaded.evaluate("e => getComputedStyle(e).backgroundColor")
            blank = page.locator("td.shade-0").first.evaluate(
                "e => getComputedStyle(e).backgroundColor")
            text = shaded.locator("a").evaluate("e => getComputedStyle(e).color")
            dark_blues = {"rgb(31, 105, 180)", "rgb(11, 92, 173)", "rgb(9, 73, 138)",
                          "rgb(6, 54, 102)", "rgb(4, 34, 66)"}  # queries.css, shade-6 to 10
            assert colour in dark_blues and text == "rgb(255, 255, 255)", (colour, text)
            assert blank == "rgb(255, 255, 255)", blank
            inline = page.evaluate("""async () => {
                const s = document.createElement('script');
                s.textContent = 'window.ranInline = true';
                document.body.appendChild(s);
                return window.ranInline === true }""")
            assert inline is False  # the policy holds: an injected inline script does not run
        finally:
            browser.close()
    violations = [p for p in problems if "Content Security Policy" in p]
    assert len(violations) == 1 and "inline script" in violations[0], problems  # the probe's
    assert len(problems) == 1, problems
