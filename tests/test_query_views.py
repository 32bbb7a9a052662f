"""The pages built on named queries: a goal's trace, the session × MDG matrix, an actor's
partnership network; each with a CSV download of the same named query."""

from __future__ import annotations

import csv
import html
import io
import re

from cepa_kg.server.question_pages import matrix_view, network_view
from fastapi.testclient import TestClient
from tests.corpus_iris import recommendation_path

ID = "http://localhost:8000/id/"


def csv_link(page: str) -> str:
    match = re.search(r'<a href="([^"]+format=csv[^"]*)">CSV</a>', page)
    assert match, "no CSV link"
    return html.unescape(match.group(1))


def test_trace_page_shows_goal_recommendations_sessions_and_evidence(client: TestClient) -> None:
    response = client.get("/trace", params={"goal": "id/goal/sdg-3"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'href="/id/session/8"' in page and 'href="/id/session/5"' not in page
    for k in (13, 14, 16, 17):  # Annual Ministerial Review bullets that name health
        assert f'href="/id/{recommendation_path(8, k)}"' in page
    assert "develop an integrated health policy" in page
    assert re.search(r"(thematic|inherited|explicit) · score 0\.\d+ · evidence", page)
    assert "characters " in page
    link = csv_link(page)
    assert link.startswith("/queries/recommendations-by-goal?")
    table = list(csv.DictReader(io.StringIO(client.get(link).text)))
    assert {f"{ID}{recommendation_path(8, k)}" for k in (13, 14, 16, 17)} <= {
        r["recommendation"] for r in table}
    thematic = list(csv.DictReader(io.StringIO(client.get(
        "/queries/recommendations-by-goal", params={"goal": "id/goal/sdg-3", "method": "thematic",
                                                    "format": "csv"}).text)))
    assert thematic and {r["method"] for r in thematic} == {"thematic"}  # the method filter
    assert len(thematic) <= len(table)


def test_trace_page_default_goal_and_bad_goal(client: TestClient) -> None:
    page = client.get("/trace").text
    assert "Session 5" in page and "Session 8" in page  # MDG 8, the default, spans both
    assert client.get("/trace", params={"goal": "http://x/> }"}).status_code == 400


def test_matrix_page_is_a_shaded_table(client: TestClient) -> None:
    page = client.get("/matrix").text  # the SDGs first
    assert page.count("<th scope=\"col\"><a href=\"/id/goal/sdg-") == 17
    counts = re.findall(r'<th scope="row"><a href="/id/session/(\d+)">.*?</tr>', page, re.DOTALL)
    assert counts == ["5", "8"]
    rows = re.findall(r'<tr><th scope="row">(.*?)</tr>', page, re.DOTALL)
    five, eight = ([int(n) for n in re.findall(r'data-count="(\d+)"', r)] for r in rows)
    assert len(five) == len(eight) == 17
    assert eight[2] >= 7 and five[2] == 0  # SDG 3: session 8's public-health part only
    assert eight[15] >= 5 and five[15] >= 5  # SDG 16 in both
    assert 'class="cell shade-0"' in page and "shade-10" in page  # by queries.css: no inline style
    link = csv_link(page)
    table = list(csv.DictReader(io.StringIO(client.get(link).text)))
    assert len(table) == 2 * 17
    mdg = client.get("/matrix", params={"goals": "mdg"}).text
    assert mdg.count("<th scope=\"col\"><a href=\"/id/goal/mdg-") == 8
    assert "Millennium Development Goals" in mdg and 'href="/matrix?goals=sdg"' in mdg
    explicit = client.get("/matrix", params={"method": "explicit"}).text
    assert "by the method <em>explicit</em>" in explicit
    assert client.get("/matrix", params={"goals": "iadg"}).status_code == 400


def test_matrix_view_shades_relative_to_the_largest_count() -> None:
    def cell(session: str, goal: str, n: int) -> dict[str, dict[str, str]]:
        return {"session": {"value": session, "href": "/s"}, "sessionNumber": {"value": session},
                "goal": {"value": goal, "href": "/g"}, "notation": {"value": goal},
                "label": {"value": goal}, "recommendations": {"value": str(n)}}

    view = matrix_view([cell("1", "a", 4), cell("1", "b", 0), cell("2", "a", 2)])
    assert [g["notation"] for g in view["goals"]] == ["a", "b"]
    assert view["sessions"][0]["cells"]["a"]["shade"] == 1.0
    assert view["sessions"][0]["cells"]["b"]["shade"] == 0.0
    assert view["sessions"][1]["cells"]["a"]["shade"] == 0.5


def test_network_page_draws_dpadm_partners(client: TestClient) -> None:
    page = client.get("/network").text  # default: DPADM
    assert "<svg" in page and page.count("<line") >= 10
    assert 'class="centre"' in page
    for partner in ("United Nations Office on Drugs and Crime",
                    "Ministry of Culture, Sports and Tourism of the Republic of Korea",
                    "Swedish National Audit Office"):
        assert partner in page
    table = list(csv.DictReader(io.StringIO(client.get(csv_link(page)).text)))
    pairs = {(r["source"], r["target"]) for r in table}
    assert (ID + "actor/dpadm", ID + "actor/unodc") in pairs
    assert (ID + "actor/african-development-bank", ID + "actor/ebrd") in pairs  # both DPADM's


def test_network_page_for_another_actor_and_an_actor_without_partners(client: TestClient) -> None:
    page = client.get("/network", params={"actor": "id/actor/unodc"}).text
    assert "United Nations Office on Drugs and Crime" in page and "<svg" in page
    assert "Tsinghua" not in page.rsplit("</form>", 1)[1]  # (the actor picker lists every actor)
    empty = client.get("/network", params={"actor": "id/actor/donors"}).text
    assert "party to no partnership" in empty and "<svg" not in empty
    assert client.get("/network", params={"actor": "x y"}).status_code == 400


def test_network_view_puts_the_centre_in_the_middle() -> None:
    def edge(a: str, b: str) -> dict[str, dict[str, str]]:
        return {"source": {"value": a, "href": a}, "sourceLabel": {"value": a.upper()},
                "target": {"value": b, "href": b}, "targetLabel": {"value": b.upper()},
                "partnerships": {"value": "1"}, "statuses": {"value": "agreed"},
                "purposes": {"value": "p"}}

    view = network_view([edge("a", "b"), edge("a", "c"), edge("b", "c")], "a", size=200)
    nodes = {n["iri"]: n for n in view["nodes"]}
    assert view["width"] == 300 and (nodes["a"]["x"], nodes["a"]["y"]) == (150, 100)
    assert all(0 <= n["x"] <= 300 and 0 <= n["y"] <= 200 for n in nodes.values())
    assert (nodes["b"]["x"], nodes["b"]["y"]) != (nodes["c"]["x"], nodes["c"]["y"])
    assert len(view["edges"]) == 3 and all(e["agreed"] for e in view["edges"])


def test_pages_escape_what_they_show(client: TestClient) -> None:
    page = client.get("/trace", params={"goal": "http://x/<b>"})
    assert page.status_code == 400
    page = client.get("/network", params={"actor": "urn:x:%3Cscript%3E"}).text
    assert "<script>" not in page
