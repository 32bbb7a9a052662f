"""Pages for people: home, list pages with paging, search, the query page; behind a proxy."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from cepa_kg.named_queries import named_queries
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.corpus_iris import recommendation_path

BASE = "http://localhost:8000/"


def test_home_says_what_this_is_with_counts_sessions_and_goals(client: TestClient) -> None:
    r = client.get("/", headers={"Accept": "text/html"})
    text = html.unescape(r.text)
    assert "Committee of Experts on Public Administration" in text
    counts = {name: int(n) for n, name in re.findall(
        r'<strong>(\d+)</strong> ([\w ]+)</a>', text)}
    assert counts["Sessions"] == 2 and counts["Recommendations"] > 40
    assert 'href="/browse/Recommendation"' in r.text
    assert 'href="/id/session/5"' in r.text and 'href="/id/session/8"' in r.text
    goals = re.findall(r'<a href="/id/goal/mdg-(\d)">MDG [^<]+</a></td><td>'
                       r'<a href="/trace\?goal=id/goal/mdg-(\d)"[^>]*>(\d+)</a></td>', r.text)
    assert len(goals) == 8 and sum(int(n) for _, _, n in goals) > 0
    assert all(goal == traced for goal, traced, _ in goals)  # a count opens its goal's trace
    assert r.headers["etag"] and r.headers["last-modified"]
    assert client.get("/", headers={"If-None-Match": r.headers["etag"]}).status_code == 304


def test_pages_are_accessible_and_offline(client: TestClient) -> None:
    for path in ["/", "/browse", "/browse/Session", "/search?q=health", "/query",
                 "/id/session/5.html", "/def"]:
        text = client.get(path, headers={"Accept": "text/html"}).text
        assert '<html lang="en">' in text, path
        assert '<meta name="viewport"' in text
        assert '<main id="main">' in text and "<h1>" in text
        assert not re.search(r'(src|href)="(https?:)?//(?!localhost)[^"]*\.(css|js)', text), path
        assert '<label for="site-search"' in text and 'id="site-search"' in text


def test_list_pages_page(client: TestClient, corpus_store: OxigraphStore) -> None:
    index = client.get("/browse").text
    assert 'href="/browse/Country"' in index
    first = client.get("/browse/Country").text
    total = int(re.search(r"(\d+) in all", first).group(1))  # type: ignore[union-attr]
    assert total > 200
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    second = client.get("/browse/Country?page=2").text
    assert 'start="51"' in second and 'rel="prev"' in second
    items1 = re.findall(r'<li><a href="(/id/country/\w+)">', first)
    items2 = re.findall(r'<li><a href="(/id/country/\w+)">', second)
    assert len(items1) == 50 and not set(items1) & set(items2)
    last = -(-total // 50)
    assert client.get(f"/browse/Country?page={last + 1}").status_code == 404
    assert client.get("/browse/Nothing").status_code == 404
    sessions = client.get("/browse/Session").text
    assert sessions.index("/id/session/5") < sessions.index("/id/session/8")


def test_search_labels_and_texts_case_insensitive(client: TestClient) -> None:
    lower = client.get("/search", params={"q": "health"}).text
    upper = client.get("/search", params={"q": "HEALTH"}).text
    hits = re.findall(r'<li><a href="([^"]+)">', lower)
    assert hits and hits == re.findall(r'<li><a href="([^"]+)">', upper)
    assert "<mark>" in lower  # a match inside a recommendation's text is shown in context
    by_label = client.get("/search", params={"q": "unodc"}).text
    assert 'href="/id/actor/unodc"' in by_label
    # quotes, braces and backslashes are data, not query syntax
    for tricky in ['he said "x") } ; DROP ALL', '\\" } #', "'", "}"]:
        r = client.get("/search", params={"q": tricky})
        assert r.status_code == 200, tricky
        assert "Nothing found" in r.text or "result" in r.text
    assert "Nothing found" in client.get("/search", params={"q": 'x") } ; DROP ALL'}).text
    assert client.get("/search").status_code == 200


def test_query_page_examples_and_results(client: TestClient) -> None:
    page = client.get("/query").text
    for name, query in named_queries().items():
        assert f'href="/query?example={name}"' in page
        assert html.escape(query.title, quote=False) in page
    name = next(iter(named_queries()))
    chosen = client.get("/query", params={"example": name}).text
    assert html.escape(named_queries()[name].text.splitlines()[0]) in chosen
    run = client.get("/query", params={"query": "PREFIX cepa: <https://w3id.org/cepa-kg/def#> "
                                       "SELECT ?s ?n WHERE { ?s cepa:sessionNumber ?n } ORDER BY ?n"})
    assert run.status_code == 200
    assert '<th scope="col">s</th><th scope="col">n</th>' in run.text
    assert '<a href="/id/session/5">' in run.text and "<td>8</td>" in run.text
    ask = client.get("/query", params={"query": "ASK { ?s ?p ?o }"}).text
    assert "Answer: <strong>yes</strong>" in ask
    graph = client.get("/query", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"})
    assert "<th scope=\"col\">subject</th>" in graph.text
    bad = client.get("/query", params={"query": "SELECT WHERE {"})
    assert bad.status_code == 400 and "syntax error" in bad.text
    service = client.get("/query", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert service.status_code == 400


@pytest.fixture(scope="module")
def prefixed(corpus_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    app = create_app(Settings(base=BASE, store=Path(tmp_path_factory.mktemp("unused"))),
                     store=corpus_store)
    return TestClient(app, root_path="/cepa")


def test_served_under_a_path_prefix(prefixed: TestClient) -> None:
    with prefixed:
        r = prefixed.get("/cepa/id/session/5", headers={"Accept": "text/turtle"})
        assert r.status_code == 200
        assert r.headers["content-location"] == "/cepa/id/session/5.ttl"
        assert '</cepa/id/session/5.jsonld>; rel="alternate"' in r.headers["link"]
        assert f"<{BASE}id/session/5>" in r.text or "session/5" in r.text  # IRIs stay BASE's
        page = prefixed.get("/cepa/id/session/5", headers={"Accept": "text/html"}).text
        assert 'href="/cepa/static/style.css"' in page
        assert f'href="/cepa/id/{recommendation_path(5, 1)}"' in page
        assert 'action="/cepa/search"' in page
        assert 'href="/id/' not in page
        home = prefixed.get("/cepa/").text
        assert 'href="/cepa/id/session/8"' in home and 'href="/cepa/browse/Session"' in home
        doc = prefixed.get("/cepa/id/session/5.jsonld").json()
        assert doc["@context"] == "http://testserver/cepa/context.jsonld"
        assert prefixed.get("/cepa/context.jsonld").status_code == 200
        assert 'href="/cepa/id/' in prefixed.get("/cepa/search", params={"q": "health"}).text


def test_settings_root_path_for_a_proxy_that_strips_the_prefix(
        corpus_store: OxigraphStore, tmp_path: Path) -> None:
    settings = Settings(base=BASE, store=tmp_path, root_path="/kg",
                        public_url="https://example.org/kg")
    with TestClient(create_app(settings, store=corpus_store)) as client:
        page = client.get("/id/session/5.html").text
        assert f'href="/kg/id/{recommendation_path(5, 1)}"' in page
        assert '"url": "https://example.org/kg/id/session/5"' in page
        doc = client.get("/id/session/5.jsonld").json()
        assert doc["@context"] == "https://example.org/kg/context.jsonld"


def test_another_host_serves_the_same_iris(client: TestClient) -> None:
    r = client.get("/id/session/5", headers={"Host": "data.example.org",
                                             "Accept": "application/ld+json"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["@context"] == "http://data.example.org/context.jsonld"
    assert doc["@graph"][0]["id"] == BASE + "id/session/5"
    page = client.get("/id/session/5.html", headers={"Host": "data.example.org"}).text
    assert f'href="/id/{recommendation_path(5, 1)}"' in page
    assert '"url": "http://data.example.org/id/session/5"' in page


def test_entity_page_layout(client: TestClient) -> None:
    rec = "/id/" + recommendation_path(8, 1)
    page = client.get(rec + ".html").text
    # name and type first, then key facts, source text with its document, formats
    assert page.index("<h1>") < page.index('id="facts"') < page.index('id="source"')
    assert 'href="/id/document/cepa-session-08-2009"' in page
    for suffix in [".ttl", ".jsonld", ".rdf", ".nt"]:
        assert f'href="{rec}{suffix}"' in page
    assert '<script type="application/ld+json">' in page
    assert '"@context": "https://schema.org"' in page and '"@type": "CreativeWork"' in page


def test_an_unknown_entity_gives_people_a_page_and_machines_a_line(client: TestClient) -> None:
    page = client.get("/id/session/8/resolution/1", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'name="viewport"' in page.text and 'action="/search"' in page.text
    assert "http://localhost:8000/id/session/8/resolution/1" in page.text
    line = client.get("/id/session/8/resolution/1", headers={"Accept": "text/turtle"})
    assert line.status_code == 404 and "nothing is known about" in line.text


def test_entity_pages_link_the_views_about_them(client: TestClient) -> None:
    def views(path: str) -> list[str]:
        page = client.get(path, headers={"Accept": "text/html"}).text
        nav = re.search(r'<nav class="views".*?</nav>', page, re.DOTALL)
        assert nav, f"{path}: no views"
        hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', nav.group(0))]
        for href in hrefs:  # each view answers
            assert client.get(href.split("#")[0], headers={"Accept": "text/html"}).status_code == 200, href
        return hrefs

    assert views("/id/goal/mdg-6") == ["/trace?goal=id%2Fgoal%2Fmdg-6", "/matrix?goals=mdg#mdg-6"]
    assert "/trace?goal=id%2Ftarget%2Fsdg-16-5" in views("/id/target/sdg-16-5")
    session = views("/id/session/8")
    assert "/matrix?goals=sdg&session=8" in session and "/queries/session-goals?session=8" in session
    assert "/queries/themes-across-sessions?sessionNumber=8" in session
    actor = views("/id/actor/unodc")
    assert actor == ["/network?actor=id%2Factor%2Funodc",
                     "/queries/partnerships-by-actor?actor=id%2Factor%2Funodc",
                     "/queries/recommendations-to-actor?actor=id%2Factor%2Funodc"]
    assert views("/id/place/rabat") == ["/queries/timeline?at=id%2Fplace%2Frabat",
                                        "/map?place=id%2Fplace%2Frabat#place-rabat"]
    assert "/timeline#session-8" in session
    events = client.get("/queries/timeline", params={"at": "id/place/rabat", "format": "csv"}).text
    assert "seminar-on-challenges" in events and "lilongwe" not in events.lower()
    assert views("/id/document/cepa-session-05-2006") == ["/id/document/cepa-session-05-2006/read"]


def test_views_narrowed_to_a_session(client: TestClient) -> None:
    matrix = client.get("/matrix", params={"goals": "sdg", "session": "8"}).text
    assert re.findall(r'<th scope="row"><a href="/id/session/(\d+)">', matrix) == ["8"]
    cell = re.search(r'<a href="(/matrix/cell\?session=8&amp;goal=id%2Fgoal%2Fsdg-3)"', matrix)
    assert cell, "a cell opens that session's recommendations for the goal"
    listed = client.get(html.unescape(cell.group(1))).text
    assert 'href="/id/session/8"' in listed and 'href="/id/session/5"' not in listed
    whole = client.get("/trace", params={"goal": "id/goal/sdg-16"}).text
    only5 = client.get("/trace", params={"goal": "id/goal/sdg-16", "session": "5"}).text
    assert 'href="/id/session/8"' in whole and 'href="/id/session/8"' not in only5
    assert "sessionNumber=5" in only5  # its CSV is the same query, narrowed
    for bad in [{"session": "eight"}, {"method": "guess"}, {"goal": "id/goal/sdg-1", "x": "1"}]:
        assert client.get("/trace", params=bad).status_code == 400, bad


def test_labels_people_read(client: TestClient) -> None:
    trace = client.get("/trace", params={"goal": "id/goal/mdg-6"}).text
    assert "<title>Trace of MDG 6: Combat HIV/AIDS, malaria and other diseases · cepa-kg</title>" in trace
    assert "http://localhost:8000/id/goal/mdg-6" not in trace  # no raw IRI, in title or form
    # the goal is chosen from a list of coded labels, not typed
    assert '<select id="pick-goal" name="goal">' in trace
    assert '<option value="id/goal/mdg-6" selected>MDG 6: Combat HIV/AIDS' in trace
    assert '<option value="id/target/mdg-8a">Target 8.A: Develop further' in trace
    assert '<option value="id/target/sdg-16-5">SDG 16.5: Substantially reduce corruption' in trace
    assert '<label for="pick-session">' in trace and '<option value="8">Session 8</option>' in trace
    network = client.get("/network", params={"actor": "id/actor/unodc"}).text
    assert "<title>Partnership network of United Nations Office on Drugs and Crime" in network
    assert '<option value="id/actor/unodc" selected>United Nations Office on Drugs and Crime' in network
    assert "<input" not in network.split('class="pickers"', 1)[1].split("</form>")[0]
    goal = client.get("/id/target/sdg-16-5.html").text
    assert "<h1>SDG 16.5: Substantially reduce corruption" in goal
    rec = client.get("/id/" + recommendation_path(5, 1) + ".html").text
    assert ">SDG 16.10: Ensure public access to information" in rec  # linked goals: coded


def test_the_iri_is_shown_once_at_the_top_as_a_link(client: TestClient) -> None:
    iri = BASE + "id/session/5"
    page = client.get("/id/session/5.html").text
    visible = re.sub(r"<script.*?</script>", "", page, flags=re.DOTALL)
    cite = re.search(r'<section class="cite".*?</section>', visible, re.DOTALL)
    assert cite and iri in cite.group(0)  # "Cite this" names it (text and BibTeX)
    visible = visible.replace(cite.group(0), "")
    assert visible.count(iri) == 2  # the link's href and its text, nowhere else
    top = re.search(r'<p class="iri-line">.*?</p>', visible, re.DOTALL)
    assert top and f'<a href="{iri}">{iri}</a>' in top.group(0)
    assert 'href="/id/session/5.ttl"' in top.group(0)  # beside the format links
    assert visible.index('class="iri-line"') < visible.index('id="facts"')
