"""The OpenAPI document matches the server (issue 16, parts 5 and 8).

The document itself: every API route is in it, with the statuses, media types and headers it
really answers (204, 400, 401, 403, 404, 406, 413, 415, 429, 503, 507 where they apply), no
FastAPI 422 (the server answers 400), and a named SELECT query offers only result formats.
The HTML pages (home, browse, search, the query and question pages, /docs) are not API and
are left out.

Then schemathesis, `--checks all`, against `cepa-kg serve` on 127.0.0.1 over an on-disk copy
of the bundled corpus, with the operator's token (so the writes are exercised too): every
phase (examples, coverage, fuzzing, stateful), a bounded number of cases per operation,
deterministic. Where a JSON Schema cannot say what a valid request is, the configuration
below says which answers a schema-valid request may also get (see `SCHEMATHESIS_CONFIG`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from serve_process import ServeProcess, corpus_store_copy, serve_process

from cepa_kg.named_queries import named_queries

TOKEN = "openapi-t0ken-5c4b3a"
#: Cases per operation and phase; with the stateful phase bounded below, the run takes
#: about 40 s on 2 cores.
MAX_EXAMPLES = 20
#: - `/sparql`, `/update`, `/store` read languages a JSON Schema cannot state (SPARQL, Turtle,
#:   RDF/XML, JSON-LD): a schema-valid text can still be a syntax error (400), ask a SELECT in
#:   a graph format (406) or a write the shapes refuse (422). Every other operation must
#:   accept every schema-valid request (the default: 2xx, 3xx, 401, 403, 404, 409, 429).
#: - A request refused for its size (413) is rejected, as schemathesis's negative cases
#:   expect (a list of more than 1,000 items to /goals is also over 4 MB).
#: - The stateful phase has nothing to chain here (no resource ids); bounded, it still runs.
SCHEMATHESIS_CONFIG = """
[[operations]]
include-path-regex = "^/(sparql|update|store)$"
checks.positive_data_acceptance.expected-statuses = [
  "2xx", "3xx", "400", "401", "403", "404", "406", "409", "422", "429", "5xx"]

[checks.negative_data_rejection]
expected-statuses = [
  "400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]

[phases.stateful]
max-steps = 6
generation.max-examples = 10
"""

HTML_PAGES = {"/", "/browse", "/browse/{name}", "/search", "/query", "/trace", "/matrix",
              "/network", "/docs", "/queries/{name}", "/def.{ext}"}
HTML_PAGES |= {"/lists/{slug}"}  # the faceted lists (server/browse_lists.py)
HTML_PAGES |= {"/timeline", "/map", "/matrix/cell"}  # (server/time_place_pages.py, question_pages.py)
HTML_PAGES |= {"/language"}  # the language switch of the pages (server/languages.py)


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_api_route_is_in_the_document_and_no_page_is(client: TestClient,
                                                           spec: dict[str, Any]) -> None:
    app = client.app
    routes = {(route.path_format, method.lower())
              for route in _api_routes(app.routes) for method in route.methods}
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    api = {(path, method) for path, method in routes
           if path not in HTML_PAGES and not path.startswith("/openapi")}
    assert api - documented == set()
    assert {path for path, _ in documented} & HTML_PAGES == set()
    for path in ("/sparql", "/update", "/store", "/.well-known/void", "/dump", "/goals",
                 "/health", "/ready", "/metrics", "/queries", "/id/{path}", "/def"):
        assert path in spec["paths"], path
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """The app's APIRoutes, through FastAPI's included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)


def _statuses(spec: dict[str, Any], path: str, method: str) -> set[str]:
    return set(spec["paths"][path][method]["responses"])


def test_the_statuses_the_server_gives_are_declared(spec: dict[str, Any]) -> None:
    assert {"200", "304", "400", "406", "429", "503"} <= _statuses(spec, "/sparql", "get")
    assert {"200", "400", "401", "403", "406", "413", "415", "422", "503", "507"} <= _statuses(
        spec, "/sparql", "post")
    assert {"204"} <= _statuses(spec, "/sparql", "options")
    assert {"201", "204", "400", "401", "403", "413", "415", "422", "503", "507"} <= _statuses(
        spec, "/store", "put")
    assert {"204", "404"} <= _statuses(spec, "/store", "delete")
    assert {"200", "404", "406"} <= _statuses(spec, "/store", "get")
    assert {"400", "413", "415"} <= _statuses(spec, "/goals", "post")
    assert {"200", "503"} <= _statuses(spec, "/ready", "get")
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert "422" not in op["responses"] or "shapes" in op["responses"]["422"][
                "description"], (path, method)  # FastAPI's own 422: the server answers 400
            assert "500" not in op["responses"], (path, method)
            unavailable = op["responses"].get("503")
            if unavailable is not None:
                assert unavailable["headers"]["Retry-After"]["required"] is True
    options = spec["paths"]["/sparql"]["options"]["responses"]["204"]
    assert options["headers"]["Allow"]["required"] is True
    post = spec["paths"]["/sparql"]["post"]
    assert set(post["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded", "application/sparql-query",
        "application/sparql-update"}
    assert spec["paths"]["/store"]["put"]["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    error = spec["paths"]["/sparql"]["get"]["responses"]["400"]["content"]
    assert {"application/problem+json", "text/plain"} <= set(error)


def test_a_select_query_offers_only_result_formats(spec: dict[str, Any]) -> None:
    for query in named_queries().values():
        operation = spec["paths"][f"/queries/{query.name}"]["get"]
        formats = next(p for p in operation["parameters"] if p["name"] == "format")
        assert set(formats["schema"]["enum"]) == {"json", "xml", "csv", "tsv"}, query.name
        assert "text/turtle" not in operation["responses"]["200"]["content"]
        assert "406" in operation["responses"]
    sparql_format = next(p for p in spec["paths"]["/sparql"]["get"]["parameters"]
                         if p["name"] == "format")
    assert "406" in sparql_format["description"] and "SELECT" in sparql_format["description"]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("openapi")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    with serve_process(store, folder / "server.log", update_token=TOKEN,
                       query_timeout_s="5") as server:
        yield server


def test_schemathesis_all_checks_pass_against_the_live_server(live: ServeProcess,
                                                              tmp_path: Path) -> None:
    cli = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which(
        "schemathesis")
    assert cli, "schemathesis is in the test extra: pip install -e '.[test]'"
    config = tmp_path / "schemathesis.toml"
    config.write_text(SCHEMATHESIS_CONFIG)
    junit = tmp_path / "junit.xml"
    started = time.monotonic()
    run = subprocess.run(
        [cli, "--config-file", str(config), "run", live.url + "/openapi.json",
         "--checks", "all", "--max-examples", str(MAX_EXAMPLES), "--generation-deterministic",
         "--workers", "1", "--continue-on-failure",
         "--request-timeout", "30", "-H", f"Authorization: Bearer {TOKEN}", "--no-color",
         "--report", "junit", "--report-junit-path", str(junit)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    elapsed = time.monotonic() - started
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-20000:]
    assert "No issues found" in output, output[-5000:]
    suites = ElementTree.parse(junit).getroot()
    cases = suites.findall(".//testcase")
    assert len(cases) >= 37, len(cases)  # one per operation
    assert not suites.findall(".//failure") and not suites.findall(".//error")
    generated = next(line for line in output.splitlines() if "generated" in line)
    print(f"schemathesis: {generated.strip()} in {elapsed:.1f} s")


def test_what_schemathesis_found_stays_fixed(client: TestClient) -> None:
    """A graph parameter that is not an IRI is refused whatever the request does with it (it
    was ignored without a query, and by an update); an IRI parameter of a named query with a
    space or a control character is refused (urljoin stripped them from a relative value)."""
    bad = client.get("/sparql", params={"default-graph-uri": "not an IRI"},
                     headers={"Accept": "text/turtle"})
    assert bad.status_code == 400 and "default-graph-uri" in bad.text
    bad = client.post("/sparql?named-graph-uri=%C3%A7%3B", data={"update": ""})
    assert bad.status_code == 400 and "named-graph-uri" in bad.text
    for value in ("\x02id/actor/dpadm", " id/actor/dpadm"):
        bad = client.get("/queries/timeline", params={"actor": value})
        assert bad.status_code == 400 and "actor" in bad.text
    assert client.get("/queries/timeline", params={"actor": "id/actor/dpadm"}).status_code == 200


def test_docs_load_nothing_from_another_site(client: TestClient) -> None:
    """/docs is Swagger UI from this server (fastapi-offline's copy): every script and
    stylesheet it names is served here, none from a CDN."""
    import re

    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and not [a for a in assets if re.match(r"(https?:)?//", a)], assets
    for asset in assets:
        if not asset.startswith("data:"):
            assert client.get(asset).status_code == 200, asset
