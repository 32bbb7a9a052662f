"""Every `#…` link on every page of the bundled corpus lands somewhere: same-page anchors
(`#legend`, `#sdg-16`) name an element of that page, and links into other pages
(`/id/document/…/read#evidence-…`, `/matrix?goals=sdg#sdg-16`, a hash IRI's page) name an
element of the page they open. Pages: the home page, the lists, every entity's page, every
document's reader, the trace of every goal and target, the matrices and some of their cells,
the networks, the timeline and the map."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from cepa_kg.server.pages import CLASSES
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

BASE = "http://localhost:8000/"


class Anchors(HTMLParser):
    """The ids and the links (href) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.append(values["name"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def parse(page: str) -> Anchors:
    parser = Anchors()
    parser.feed(page)
    return parser


def _column(store: OxigraphStore, query: str) -> list[str]:
    return sorted({row["x"].value for row in store.select(query)})


def corpus_pages(store: OxigraphStore) -> Iterator[str]:
    """The paths of every page a reader can reach over the bundled corpus."""
    yield from ["/", "/browse", "/matrix", "/matrix?goals=mdg", "/network", "/trace",
                "/search?q=health", "/def", "/timeline", "/map"]
    yield from (f"/matrix/cell?session={s}&goal=id/goal/{g}" for s in (5, 8)
                for g in ("sdg-16", "sdg-3", "mdg-8"))
    yield from (f"/browse/{name}" for name in CLASSES)
    for iri in _column(store, f"SELECT DISTINCT ?x WHERE {{ ?x ?p ?o . FILTER(isIRI(?x) && "
                       f"STRSTARTS(STR(?x), '{BASE}id/') && !CONTAINS(STR(?x), '#')) }}"):
        yield iri.removeprefix(BASE.rstrip("/"))
    for doc in _column(store, "SELECT ?x WHERE { ?x <https://w3id.org/cepa-kg/def#sourceText> ?t }"):
        yield doc.removeprefix(BASE.rstrip("/")) + "/read"
    for goal in _column(store, "SELECT DISTINCT ?x WHERE { ?a <https://w3id.org/cepa-kg/def#goal> ?x }"):
        yield "/trace?goal=" + goal.removeprefix(BASE)
    for actor in _column(store, "SELECT DISTINCT ?x WHERE { ?p <https://w3id.org/cepa-kg/def#party> ?x }"):
        yield "/network?actor=" + actor.removeprefix(BASE)


class Site:
    """The pages as fetched once each, with their anchors."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.pages: dict[str, Anchors] = {}

    def anchors(self, path: str) -> Anchors:
        if path not in self.pages:
            response = self.client.get(path, headers={"Accept": "text/html"})
            assert response.status_code == 200, (path, response.status_code)
            self.pages[path] = parse(response.text)
        return self.pages[path]


@pytest.fixture(scope="module")
def site(client: TestClient) -> Site:
    return Site(client)


def test_the_anchor_check_can_fail(site: Site) -> None:
    """The parser sees ids and links, and a missing anchor is missing."""
    page = parse('<p id="a">x</p><a href="#a">1</a><a href="/x?y=1#b">2</a><a name="c"></a>')
    assert page.ids == ["a", "c"] and page.hrefs == ["#a", "/x?y=1#b"]
    home = site.anchors("/")
    assert "main" in home.ids and "#main" in home.hrefs  # the skip link
    assert "evidence-0-1" not in site.anchors("/id/document/cepa-session-05-2006/read").ids


def test_every_fragment_link_on_every_page_resolves(site: Site,
                                                    corpus_store: OxigraphStore) -> None:
    broken: list[str] = []
    checked = 0
    paths = list(corpus_pages(corpus_store))
    assert len(paths) > 500  # every entity, not a sample
    for path in paths:
        page = site.anchors(path)
        duplicates = {i for i in page.ids if page.ids.count(i) > 1}
        if duplicates:
            broken.append(f"{path}: ids used twice: {sorted(duplicates)[:5]}")
        for href in page.hrefs:
            target, fragment = urldefrag(href)
            if not fragment:
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue  # another site's (the ontology's namespace, https://w3id.org/...)
            where = target or path
            if fragment not in site.anchors(where).ids:
                broken.append(f"{path}: {href} (no id {fragment!r} on {where})")
            checked += 1
    assert checked > 1000  # the evidence links, the legends, the hash IRIs
    assert not broken, "\n".join(broken[:40])


def test_reader_anchors_match_the_facts_on_entity_pages(site: Site) -> None:
    """The cue of a goal on a recommendation's page and in the reader carry the same anchor,
    and the reader links it back to the recommendation's alignment."""
    reader = site.anchors("/id/document/cepa-session-05-2006/read")
    evidence = [i for i in reader.ids if i.startswith("evidence-")]
    assert len(evidence) > 40
    assert {f"#{i}" for i in evidence} <= set(reader.hrefs)  # the list of facts links each
    sdg16 = site.anchors("/id/goal/sdg-16")
    into_reader = [h for h in sdg16.hrefs if "/read#evidence-" in h]
    assert len(into_reader) > 10
