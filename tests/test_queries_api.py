"""The named queries over HTTP: listing, one operation per query (in the OpenAPI document),
content negotiation as /sparql, typed parameters, injection answered as data or refused."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from cepa_kg.named_queries import named_queries
from fastapi.testclient import TestClient
from tests.corpus_iris import paragraph_path, recommendation_path

ID = "http://localhost:8000/id/"
MARK = 'BIND(CONCAT("pw", "ned") AS ?x)'
PAYLOADS = [
    f'" }} UNION {{ {MARK} }} #',
    f"' }} UNION {{ {MARK} }} #",
    f'x" . }}\n?s ?p ?o . {MARK} }} #',
    f'{ID}actor/dpadm> }} UNION {{ {MARK} }} <http://x/',
    f"{ID}actor/dpadm>\r\n}} UNION {{ {MARK} }}",
    "5 } UNION { " + MARK + " }",
    "http://x/a#}",
    "id/actor/dpadm> . ?s ?p ?o",
]
HARMLESS = {"iri": f"{ID}nothing/here", "string": "zz-no-such-value", "integer": "999"}
JSON = {"Accept": "application/sparql-results+json"}


def bindings(body: bytes) -> list[dict[str, str]]:
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_listing_as_json_names_every_query_with_its_parameters(client: TestClient) -> None:
    response = client.get("/queries", headers={"Accept": "application/json"})
    assert response.status_code == 200
    listing = {q["name"]: q for q in response.json()}
    assert set(listing) == set(named_queries())
    trace = listing["trace-recommendation"]
    assert trace["href"] == "/queries/trace-recommendation"
    assert trace["parameters"] == [{
        "name": "recommendation", "type": "iri", "required": False,
        "default": "id/" + recommendation_path(8, 1),
        "description": "the recommendation or resolution paragraph, e.g. "
                       "id/" + paragraph_path(5, 2)}, {
        "name": "method", "type": "string", "required": False, "default": None,
        "description": "only alignments of this method: explicit, thematic, inherited or "
                       "correspondence (default: all)"}]
    assert "skos:relatedMatch" in trace["sparql"]


def test_listing_as_html_for_browsers(client: TestClient) -> None:
    response = client.get("/queries", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    for q in named_queries().values():
        assert f'href="/queries/{q.name}"' in response.text
    assert 'href="/matrix"' in response.text and 'href="/network"' in response.text


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_query_runs_over_http(client: TestClient, name: str) -> None:
    response = client.get(f"/queries/{name}", headers=JSON)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert "Accept" in response.headers["vary"]
    assert bindings(response.content), f"{name} returned no rows with its defaults"


def test_content_negotiation_and_format_parameter(client: TestClient) -> None:
    url = "/queries/partnerships-by-actor"
    by_accept = client.get(url, headers={"Accept": "text/csv"})
    by_format = client.get(url, params={"format": "csv"})
    assert by_accept.status_code == by_format.status_code == 200
    assert by_accept.headers["content-type"].startswith("text/csv")
    assert by_accept.content == by_format.content
    table = list(csv.DictReader(io.StringIO(by_accept.text)))
    assert {"United Nations Office on Drugs and Crime",
            "Ministry of Culture, Sports and Tourism of the Republic of Korea"} <= {
        r["partners"] for r in table if r["status"] == "agreed"}
    tsv = client.get(url, headers={"Accept": "text/tab-separated-values"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    xml = client.get(url, params={"format": "xml"})
    assert b"<sparql" in xml.content
    assert client.get(url, headers={"Accept": "image/png"}).status_code == 406


def test_parameters_bind_by_type(client: TestClient) -> None:
    absolute = client.get("/queries/partnerships-by-actor",
                          params={"actor": ID + "actor/unodc"}, headers=JSON)
    relative = client.get("/queries/partnerships-by-actor", params={"actor": "id/actor/unodc"},
                          headers=JSON)
    assert absolute.content == relative.content
    partners = {r["partners"] for r in bindings(absolute.content)}
    assert any("Division for Public Administration" in p for p in partners)
    session5 = bindings(client.get("/queries/session-goals", params={"session": "5"},
                                   headers=JSON).content)
    codes = {r["code"] for r in session5}
    assert {"SDG 16", "SDG 16.6", "SDG 17"} <= codes  # the session's own, read from its text
    eight = bindings(client.get("/queries/session-goals", params={"session": "8"},
                                headers=JSON).content)
    assert {r["code"] for r in eight} != codes  # the session parameter is bound


@pytest.mark.parametrize("params, message", [
    ({"session": "five"}, "not an integer"),
    ({"session": "5", "nope": "1"}, "no parameter 'nope'"),
    ({"format": "png"}, "unknown format"),
])
def test_bad_parameters_are_400_with_a_message(client: TestClient, params: dict[str, str],
                                               message: str) -> None:
    response = client.get("/queries/session-goals", params=params)
    assert response.status_code == 400
    assert message in response.text


def test_repeated_parameter_and_unknown_query(client: TestClient) -> None:
    repeated = client.get("/queries/session-goals?session=5&session=8")
    assert repeated.status_code == 400 and "at most once" in repeated.text
    missing = client.get("/queries/no-such-question")
    assert missing.status_code == 404 and "no named query" in missing.text


@pytest.mark.parametrize("name", sorted(n for n, q in named_queries().items() if q.parameters))
def test_injection_through_every_parameter_over_http(client: TestClient, name: str) -> None:
    for p in named_queries()[name].parameters:
        harmless = client.get(f"/queries/{name}", params={p.name: HARMLESS[p.type]}, headers=JSON)
        assert harmless.status_code == 200
        for payload in PAYLOADS:
            response = client.get(f"/queries/{name}", params={p.name: payload}, headers=JSON)
            assert b"pwned" not in response.content
            if p.type == "string":  # answered as data: the same rows as any unmatched text
                assert response.status_code == 200, (name, p.name, payload)
                assert bindings(response.content) == bindings(harmless.content)
            else:  # not an IRI / not an integer: refused, with the reason
                assert response.status_code == 400, (name, p.name, payload)
                assert p.name in response.text


def test_openapi_lists_every_query_with_its_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for q in named_queries().values():
        operation = spec["paths"][f"/queries/{q.name}"]["get"]
        assert operation["summary"] == q.title
        assert operation["operationId"] == "query_" + q.name.replace("-", "_")
        params = {p["name"]: p for p in operation["parameters"]}
        assert set(params) == {p.name for p in q.parameters} | {"format"}
        for p in q.parameters:
            assert params[p.name]["in"] == "query"
            assert params[p.name]["schema"]["type"] == ("integer" if p.type == "integer"
                                                        else "string")
        assert "text/csv" in operation["responses"]["200"]["content"]
    timeline = spec["paths"]["/queries/timeline"]["get"]["parameters"]
    assert [p["name"] for p in timeline] == ["year", "actor", "at", "format"]
    assert spec["paths"]["/queries/session-goals"]["get"]["parameters"][0]["schema"] == {
        "type": "integer", "default": 8, "minimum": -(10**18 - 1), "maximum": 10**18 - 1}
    assert "/queries/{name}" not in spec["paths"]


def test_html_results_page_escapes_values(client: TestClient) -> None:
    response = client.get("/queries/themes-across-sessions",
                          params={"keyword": "<script>alert(1)</script>"},
                          headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    page = client.get("/queries/session-goals", headers={"Accept": "text/html"})
    assert "Combat HIV/AIDS, malaria and other diseases" in page.text
    assert 'href="/queries/session-goals?format=csv"' in page.text


def test_readme_shows_one_working_curl_per_question(client: TestClient) -> None:
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    section = readme.split("### Questions researchers ask", 1)[1].split("\n### ", 1)[0]
    urls = re.findall(r"curl '(http://127\.0\.0\.1:8000/queries/[^']+)'", section)
    names = {u.split("/queries/", 1)[1].split("?", 1)[0] for u in urls}
    assert names == set(named_queries())
    for url in urls:
        response = client.get(url.removeprefix("http://127.0.0.1:8000"))
        assert response.status_code == 200, (url, response.text)
        assert response.headers["content-type"].startswith("text/csv")
        assert len(response.text.splitlines()) > 1, f"{url} answered no rows"
