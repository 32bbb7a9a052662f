"""The short lane for `GET`/`HEAD /sparql` gives the answers the full app gives (status,
headers, body), errors and CORS included, and only those requests take it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from cepa_kg.server.app import create_app
from cepa_kg.server.sparql_lane import SparqlLane
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from tests.conftest import BASE

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/cepa-kg/def#Session> } ORDER BY ?s"
_BLANK = re.compile(rb"_:[0-9a-z]+")
CASES: list[tuple[str, dict[str, str], dict[str, str]]] = [
    ("GET", {"query": SELECT}, {"Accept": "application/sparql-results+json"}),
    ("GET", {"query": SELECT}, {"Accept": "text/csv", "Origin": "https://example.org"}),
    ("GET", {"query": SELECT, "format": "xml"}, {}),
    ("HEAD", {"query": SELECT}, {"Accept": "text/tab-separated-values"}),
    ("GET", {"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 3"}, {"Accept": "text/turtle"}),
    ("GET", {"query": "SELEC nothing"}, {"Accept": "application/json"}),  # 400, problem+json
    ("GET", {"query": "SELEC nothing"}, {"Accept": "text/plain"}),  # 400, plain text
    ("GET", {"query": SELECT}, {"Accept": "image/png"}),  # 406
    ("GET", {"query": SELECT, "default-graph-uri": "not an iri"}, {}),  # 400
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, {}),
    ("GET", {}, {"Accept": "text/turtle"}),  # the service description
    ("GET", {}, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}),  # the query page
    ("GET", {"query": SELECT}, {"Accept": "text/csv", "If-None-Match": "W/\"nothing\""}),
]


@pytest.fixture(scope="module")
def client(corpus_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[TestClient]:
    settings = Settings(base=BASE, store=tmp_path_factory.mktemp("unused-store"))
    with TestClient(create_app(settings, store=corpus_store)) as test_client:
        test_client.get("/sparql")  # builds the middleware stack
        yield test_client


def _lane(client: TestClient) -> SparqlLane:
    lane = client.app.middleware_stack  # type: ignore[attr-defined]
    for _ in range(10):  # below the layers that rewrite every answer's headers
        if isinstance(lane, SparqlLane):
            break
        lane = getattr(lane, "app", lane)
    assert isinstance(lane, SparqlLane)
    return lane


def _answer(client: TestClient, method: str, params: dict[str, str],
            headers: dict[str, str], note: str) -> tuple[int, dict[str, str], bytes]:
    """The answer, the query text made new by a comment line (no answer from the cache)."""
    if "query" in params:
        params = {**params, "query": f"{params['query']}\n# {note}"}
    response = client.request(method, "/sparql", params=params, headers=headers)
    if "content-length" in response.headers and method == "GET":
        assert int(response.headers["content-length"]) == len(response.content)
    # left out: what differs from answer to answer (the date, the ETag of the text, the
    # request id, blank node labels and with them the length)
    kept = {k: v for k, v in response.headers.items()
            if k not in ("date", "etag", "content-length", "x-request-id")}
    return response.status_code, kept, _BLANK.sub(b"_:b", response.content)


@pytest.mark.parametrize(("method", "params", "headers"), CASES)
def test_the_lane_answers_as_the_full_app(client: TestClient, method: str,
                                          params: dict[str, str],
                                          headers: dict[str, str]) -> None:
    lane = _lane(client)
    through_lane = _answer(client, method, params, headers, "lane")
    lane.enabled = False
    try:
        through_app = _answer(client, method, params, headers, "app")
    finally:
        lane.enabled = True
    assert through_lane == through_app
    if "Origin" in headers:
        assert through_lane[1]["access-control-allow-origin"] == "*"


def test_only_get_and_head_of_sparql_take_the_lane(client: TestClient) -> None:
    lane = _lane(client)
    below = lane.stack
    seen: list[tuple[str, str]] = []

    async def recording(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append((scope["method"], scope["path"]))
        await below(scope, receive, send)

    lane.stack = recording
    try:
        assert client.get("/sparql", params={"query": SELECT}).status_code == 200
        assert client.head("/sparql", params={"query": SELECT}).status_code == 200
        assert client.post("/sparql", data={"query": SELECT}).status_code == 200
        assert client.options("/sparql").status_code == 204
        assert client.get("/.well-known/void").status_code == 200
        assert client.get("/sparql/", follow_redirects=False).status_code in (307, 404)
    finally:
        lane.stack = below
    assert seen == [("POST", "/sparql"), ("OPTIONS", "/sparql"), ("GET", "/.well-known/void"),
                    ("GET", "/sparql/")]
