"""The faceted lists (server/browse_lists.py, server/facets.py) over the bundled corpus: the
counts of the facets and of the list are the store's own (checked against hand-written SPARQL
counts), filters narrow (AND across facets, OR within one), sorting orders, the pages cover
every row once, the CSV and JSON are the rows of the page, bad parameters are 400s that say
why, and the SPARQL shown is the SPARQL run."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from cepa_kg.server import queries
from cepa_kg.server.app import create_app
from cepa_kg.server.facets import LISTS
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.test_anchors import parse as anchors_of

BASE = "http://localhost:8000/"
PREFIXES = """PREFIX cepa: <https://w3id.org/cepa-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""


class Page(HTMLParser):
    """What a list page shows: the table's rows (cells' text, the first link of each row),
    the facets' options (facet, text, count, href, chosen), the chips, the pager links and
    the text of each `<code id=...>`."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, object]] = []
        self.options: list[dict[str, object]] = []
        self.chips: list[tuple[str, str]] = []
        self.codes: dict[str, str] = {}
        self.links: dict[str, str] = {}  # rel (prev/next) -> href
        self._in_body = False
        self._cell: list[str] | None = None
        self._row: dict[str, object] | None = None
        self._facet = ""
        self._code: str | None = None
        self._anchor: dict[str, str] | None = None
        self._text: list[str] = []
        self.feed(text)
        self.summary = re.sub(r"\s+", " ", html.unescape(re.sub(
            r"<[^>]+>", "", re.search(r'<p class="summary">(.*?)</p>', text, re.DOTALL).group(1))))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = {"cells": [], "href": None}
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "a":
            if self._row is not None and self._row["href"] is None:
                self._row["href"] = a["href"]
            if a.get("rel") in ("prev", "next"):
                self.links[a["rel"]] = a["href"]
            self._anchor = a
            self._text = []
        elif tag == "h3" and a.get("id", "").startswith("facet-"):
            self._facet = a["id"].removeprefix("facet-")
        elif tag == "code" and a.get("id"):
            self._code = a["id"]
            self.codes[self._code] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag == "td" and self._cell is not None and self._row is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))  # type: ignore[union-attr]
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "a" and self._anchor is not None:
            text = "".join(self._text).strip()
            if "chip" in self._anchor.get("class", ""):
                self.chips.append((text.rstrip(" ×"), self._anchor["href"]))
            elif self._facet and self._anchor.get("href", "").startswith("/lists/") and \
                    not self._text_is_more(text):
                self.options.append({"facet": self._facet, "text": text.lstrip("✓ "),
                                     "href": self._anchor["href"],
                                     "chosen": "chosen" in self._anchor.get("class", "")})
            self._anchor = None
        elif tag == "code":
            self._code = None
        elif tag == "aside":
            self._facet = ""

    @staticmethod
    def _text_is_more(text: str) -> bool:
        return text.startswith(("Show every", "Show fewer"))

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._anchor is not None:
            self._text.append(data)
        if self._code is not None:
            self.codes[self._code] += data
        if self.options and self._anchor is None and self._facet and \
                "count" not in self.options[-1] and data.strip().isdigit():
            self.options[-1]["count"] = int(data.strip())

    @property
    def total(self) -> int:
        return int(self.summary.split()[0])

    @property
    def items(self) -> list[str]:
        return [str(r["href"]) for r in self.rows if r["href"]]


def page(client: TestClient, path: str) -> Page:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text)
    return Page(response.text)


def count(store: OxigraphStore, where: str) -> int:
    query = PREFIXES + f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ {where} }}"
    return int(store.select(query)[0]["n"].value)


REC = "?r a cepa:Recommendation . "


def test_filters_narrow_the_count_as_the_store_counts(client: TestClient,
                                                      corpus_store: OxigraphStore) -> None:
    whole = page(client, "/lists/recommendations")
    assert whole.total == count(corpus_store, REC) > 40
    goal16 = f"?r cepa:alignedTo ?x . ?x skos:broader* <{BASE}id/goal/sdg-16> . "
    members = f"?r cepa:addressee <{BASE}id/actor/member-states> . "
    cases = {
        "goal=sdg-16": REC + goal16,
        "session=8": REC + "?r cepa:session/cepa:sessionNumber 8 . ",
        "goal=sdg-16&addressee=member-states": REC + goal16 + members,  # AND across facets
        "goal=id/goal/sdg-16&addressee=id/actor/member-states": REC + goal16 + members,
        "modality=should&modality=requests":  # OR within one
            REC + '?r cepa:modality ?m . FILTER(?m IN ("should", "requests"))',
        "goal=sdg-16&session=5&modality=should":
            REC + goal16 + '?r cepa:session/cepa:sessionNumber 5 ; cepa:modality "should" . ',
    }
    for query, where in cases.items():
        expected = count(corpus_store, where)
        shown = page(client, f"/lists/recommendations?{query}")
        assert shown.total == expected, query
        assert 0 < expected < whole.total, query
    # Every option of every facet says how many its link keeps, as the list then counts.
    for option in whole.options:
        assert page(client, str(option["href"])).total == option["count"], option
    # With a facet in use, another facet's option counts the items it keeps of those (AND);
    # an option of the facet in use counts its own items, which choosing it adds (OR).
    narrowed = page(client, "/lists/recommendations?goal=sdg-16")
    for option in narrowed.options:
        if option["facet"] != "goal":
            assert page(client, str(option["href"])).total == option["count"], option
        elif not option["chosen"]:
            both = page(client, str(option["href"])).total
            assert max(narrowed.total, int(option["count"])) <= both  # type: ignore[call-overload]
            assert both <= narrowed.total + int(option["count"])  # type: ignore[call-overload]
    facets = {o["facet"] for o in whole.options}
    assert {"session", "goal", "addressee", "modality", "subtopic", "family"} <= facets
    goals = [o["text"] for o in whole.options if o["facet"] == "goal"]
    assert "SDG 16" in goals and "MDG 8" in goals and goals.index("MDG 8") < goals.index("SDG 16")
    events = page(client, "/lists/events?kind=Meeting&year=2011")
    assert events.total == count(corpus_store, "?r a cepa:Event, cepa:Meeting ; schema:startDate ?d "
                                 'FILTER(STRSTARTS(STR(?d), "2011"))') > 0
    partnerships = page(client, "/lists/partnerships?status=agreed&party=dpadm")
    assert partnerships.total == count(corpus_store, f'?r a cepa:Partnership ; cepa:status "agreed" ; '
                                       f"cepa:party <{BASE}id/actor/dpadm>") > 0


def test_chosen_values_are_removable_chips(client: TestClient) -> None:
    shown = page(client, "/lists/recommendations?goal=sdg-16&modality=should&size=10")
    assert [text for text, _ in shown.chips] == ["Goal: SDG 16", "Modality: should"]
    chosen = [o for o in shown.options if o["chosen"]]
    assert {str(o["text"]) for o in chosen} == {"SDG 16", "should"}
    without_goal = dict(shown.chips)["Goal: SDG 16"]
    assert parse_qs(urlsplit(without_goal).query) == {"modality": ["should"], "size": ["10"]}
    assert page(client, without_goal).total > shown.total
    # a chosen option's link takes it away too
    goal = next(o for o in chosen if o["text"] == "SDG 16")
    assert parse_qs(urlsplit(str(goal["href"])).query) == {"modality": ["should"], "size": ["10"]}


def test_sorting_orders_the_rows(client: TestClient) -> None:
    def rows(query: str) -> list[dict[str, str]]:
        r = client.get(f"/lists/{query}&format=csv&rows=all")
        assert r.status_code == 200
        return list(csv.DictReader(io.StringIO(r.text)))

    by_session = rows("recommendations?sort=session")
    keys = [(int(r["session"]), int(r["order"])) for r in by_session]
    assert keys == sorted(keys) and len({k[0] for k in keys}) == 2
    reverse = rows("recommendations?sort=-session")
    assert [(int(r["session"]), int(r["order"])) for r in reverse] == sorted(keys, reverse=True)
    texts = [r["text"].lower() for r in rows("recommendations?sort=text")]
    assert texts == sorted(texts)
    dates = [r["start"] for r in rows("events?sort=date")]
    assert dates == sorted(dates) and dates[0] < dates[-1]
    assert [r["start"] for r in rows("events?sort=-date")] == sorted(dates, reverse=True)
    assert [r["start"] for r in rows("events?size=50")] == \
        sorted(dates, reverse=True)  # events: newest first unless told
    names = [r["label"].lower() for r in rows("partnerships?sort=label")]
    assert names == sorted(names)
    # the page says which column orders it, and its header flips the order
    html_page = client.get("/lists/recommendations?sort=session").text
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="/lists/recommendations\?'
                     r'sort=-session">Session', html_page)


def test_the_pages_cover_every_row_once(client: TestClient) -> None:
    first = page(client, "/lists/recommendations?size=7&goal=sdg-16")
    total = first.total
    pages = -(-total // 7)
    assert f"page 1 of {pages}" in first.summary and "prev" not in first.links
    seen, current, visited = list(first.items), first, 1
    while "next" in current.links:
        current = page(client, html.unescape(current.links["next"]))
        visited += 1
        assert f"page {visited} of {pages}" in current.summary
        seen += current.items
    assert visited == pages and len(seen) == total == len(set(seen))
    assert "prev" in current.links and len(current.items) == total - 7 * (pages - 1)
    whole = client.get("/lists/recommendations?goal=sdg-16&format=csv").text
    assert sorted(seen) == sorted("/" + r["item"].removeprefix(BASE)
                                  for r in csv.DictReader(io.StringIO(whole)))
    big = page(client, "/lists/recommendations?size=500")
    assert len(big.items) == big.total and "next" not in big.links


def test_csv_and_json_are_the_rows_of_the_page(client: TestClient) -> None:
    spec = LISTS["recommendations"]
    path = "/lists/recommendations?goal=sdg-16&sort=-session&size=6&page=2"
    shown = page(client, path)
    assert len(shown.rows) == 6
    r = client.get(path + "&format=csv&rows=page")
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="recommendations-page-2.csv"' in r.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(r.text)))
    j = client.get(path + "&format=json&rows=page")
    assert j.headers["content-type"].startswith("application/sparql-results+json")
    bindings = json.loads(j.text)["results"]["bindings"]
    assert len(table) == len(bindings) == len(shown.rows)
    for row, line, binding in zip(shown.rows, table, bindings, strict=True):
        assert row["href"] == "/" + line["item"].removeprefix(BASE) == \
            "/" + binding["item"]["value"].removeprefix(BASE)
        cells = row["cells"][1:]  # after the row's number
        for column, cell in zip(spec.columns, cells, strict=True):  # type: ignore[arg-type]
            assert cell == " ".join(line[column.var].split()), column.var
            assert cell == " ".join(binding.get(column.var, {}).get("value", "").split())
    every = client.get("/lists/recommendations?goal=sdg-16&format=json")
    assert 'filename="recommendations.json"' in every.headers["content-disposition"]
    assert len(json.loads(every.text)["results"]["bindings"]) == shown.total
    downloads = re.findall(r'<li><a href="([^"]+)">(CSV|JSON), (this page|every page) '
                           r'\(rows: (\d+)\)</a>', client.get(path).text)
    assert {(kind, which, int(n)) for _, kind, which, n in downloads} == {
        ("CSV", "this page", 6), ("CSV", "every page", shown.total),
        ("JSON", "this page", 6), ("JSON", "every page", shown.total)}
    for href, kind, which, n in downloads:
        got = client.get(html.unescape(href))
        lines = list(csv.DictReader(io.StringIO(got.text))) if kind == "CSV" else \
            json.loads(got.text)["results"]["bindings"]
        assert len(lines) == int(n), (href, which)


@pytest.mark.parametrize("query, message", [
    ("session=x", "session is a whole number"),
    ("session=99", "no recommendations have session '99'"),
    ("goal=sdg-99", "no recommendations have goal 'sdg-99'"),
    ("goal=sdg%2016", "is not an IRI"),
    ("addressee=%3Chttp://x%3E", "is not an IRI"),
    ("addressee=nobody", "no recommendations have addressee 'nobody'"),
    ('modality=%22%20%7D%20DROP%20ALL%20%23', "no recommendations have modality"),
    ("modality=should'%20.", "no recommendations have modality"),
    ("family=" + "x" * 400, "at most 300 characters"),
    ("page=0", "page is a whole number from 1"),
    ("page=abc", "page is a whole number"),
    ("page=99", "page 99 is past the last page (1)"),
    ("size=0", "size is a whole number from 1 to 500"),
    ("size=501", "size is a whole number from 1 to 500"),
    ("sort=nothing", "sort is one of session, text, date"),
    ("sort=session&sort=text", "at most once"),
    ("kind=Meeting", "unknown parameter 'kind'"),
    ("format=xml", "format is csv or json"),
    ("format=csv&rows=some", "rows is page"),
    ("more=nothing", "more names a facet"),
])
def test_bad_parameters_are_400_with_the_reason(client: TestClient, query: str,
                                                message: str) -> None:
    r = client.get(f"/lists/recommendations?{query}")
    assert r.status_code == 400 and message in r.text, (query, r.status_code, r.text)


def test_other_lists_check_their_values(client: TestClient) -> None:
    assert client.get("/lists/nothing").status_code == 404
    for path, message in [("/lists/events?kind=Nothing", "no events have kind 'Nothing'"),
                          ("/lists/events?kind=a%20b", "is a class name"),
                          ("/lists/events?year=1800", "no events have year '1800'"),
                          ("/lists/projects?goal=sdg-1", "no projects have goal 'sdg-1'"),
                          ("/lists/partnerships?status=%22", "no partnerships have status")]:
        r = client.get(path)
        assert r.status_code == 400 and message in r.text, (path, r.text)


def test_the_sparql_shown_is_the_sparql_run(corpus_store: OxigraphStore,
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    run: list[str] = []
    real = queries.select_json

    def recording(store: OxigraphStore, text: str) -> bytes:
        run.append(text)
        return real(store, text)

    monkeypatch.setattr(queries, "select_json", recording)
    app = create_app(Settings(base=BASE, store=tmp_path), store=corpus_store)  # a new cache
    with TestClient(app) as fresh:
        text = fresh.get("/lists/recommendations?goal=sdg-16&size=5&page=2").text
        shown = Page(text)
        rows_query, count_query = shown.codes["rows-query"], shown.codes["count-query"]
        facet_queries = [v for k, v in shown.codes.items() if k.startswith("facet-query-")]
        assert len(facet_queries) == 6
        assert {rows_query, count_query, *facet_queries} <= set(run)
        assert "LIMIT 5 OFFSET 5" in rows_query and "sdg-16>" in rows_query
        # what it gives is what the page shows
        rows = corpus_store.select(rows_query)
        assert ["/" + r["item"].value.removeprefix(BASE) for r in rows] == shown.items
        assert int(corpus_store.select(count_query)[0]["n"].value) == shown.total
        # its links open it in the query page and run it at the endpoint
        links = re.findall(r'<a href="(/(?:query|sparql)\?[^"]+)">', text)
        opened = [parse_qs(urlsplit(html.unescape(h)).query)["query"][0] for h in links]
        assert opened.count(rows_query) == 2 and opened.count(count_query) == 2
        at_endpoint = next(html.unescape(h) for h in links if h.startswith("/sparql"))
        answer = fresh.get(at_endpoint)
        assert answer.status_code == 200
        download = fresh.get("/lists/recommendations?goal=sdg-16&size=5&page=2&format=csv&rows=page")
        assert answer.text == download.text
        run.clear()  # paging again: the facets and the count are remembered, the rows run
        fresh.get("/lists/recommendations?goal=sdg-16&size=5&page=3")
        assert len(run) == 1 and "OFFSET 10" in run[0]


def test_linked_from_the_home_and_browse_pages_and_anchors_resolve(client: TestClient) -> None:
    home = client.get("/").text
    browse = client.get("/browse").text
    for slug, spec in LISTS.items():
        assert f'href="/lists/{slug}"' in home and f'href="/lists/{slug}"' in browse
        assert f'href="/lists/{slug}"' in client.get(f"/browse/{spec.cls}").text
        for path in (f"/lists/{slug}", f"/lists/{slug}?more={spec.facets[0].name}"):
            r = client.get(path)
            assert r.status_code == 200 and r.headers["etag"]
            assert f'href="/browse/{spec.cls}"' in r.text
            found = anchors_of(r.text)
            assert len(found.ids) == len(set(found.ids)), path
            for href in found.hrefs:
                if href.startswith("#"):
                    assert href[1:] in found.ids, (path, href)
    assert client.head("/lists/events").status_code == 200
