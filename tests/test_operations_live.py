"""The operable server, live (issue 16, parts 4 and 5): `cepa-kg serve` on 127.0.0.1 over an
on-disk store with one query worker, a 2 s budget, the access log on and an update token.
A query past its budget kills its worker, which is replaced, and both show in /metrics; the
log is JSON lines carrying request ids; the token, wherever a client puts it, never reaches
the log."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from serve_process import ServeProcess, corpus_store_copy, serve_process

TOKEN = "tok3n-live-9f8e7d6c5b4a"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~16 s over the corpus


def get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None,
        method: str | None = None) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, headers=headers or {}, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def log_lines(server: ServeProcess) -> list[dict[str, Any]]:
    """The server's JSON log lines (its start-up lines before logging is set up aside)."""
    return [json.loads(line) for line in server.log.read_text().splitlines()
            if line.startswith("{")]


def metric(url: str, name: str, **labels: str) -> float:
    _, _, text = get(url + "/metrics")
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    folder = tmp_path_factory.mktemp("operations")
    store = corpus_store_copy(tmp_path_factory.getbasetemp(), folder / "store")
    with serve_process(store, folder / "server.log", update_token=TOKEN, query_workers="1",
                       query_timeout_s="2", extra_args=["--access-log"]) as live:
        yield live


def test_ready_with_its_worker_and_health(server: ServeProcess) -> None:
    status, _, body = get(server.url + "/ready")
    assert status == 200 and json.loads(body)["checks"] == {"store": "ok", "query_workers": 1}
    assert get(server.url + "/health")[0] == 200


def test_a_query_past_its_budget_kills_its_worker_and_is_counted(server: ServeProcess) -> None:
    url = server.url
    stops = metric(url, "cepa_kg_queries_stopped_at_budget_total", where="worker")
    restarts = metric(url, "cepa_kg_query_worker_restarts_total", reason="overrun")
    status, headers, body = get(server.query_url(HEAVY), {"X-Request-ID": "budget-probe-1"})
    assert status == 503 and "budget" in body
    assert headers["X-Request-ID"] == "budget-probe-1"
    deadline = time.monotonic() + 30
    while metric(url, "cepa_kg_query_worker_restarts_total", reason="overrun") < restarts + 1:
        assert time.monotonic() < deadline, "the worker restart was not counted"
        time.sleep(0.1)
    assert metric(url, "cepa_kg_queries_stopped_at_budget_total", where="worker") == stops + 1
    assert metric(url, "cepa_kg_query_workers") == 1  # replaced
    status, _, body = get(url + "/ready")
    assert status == 200, body
    overran = [line for line in log_lines(server) if "overran its budget" in line["message"]]
    assert len(overran) == 1 and overran[0]["level"] == "WARNING"
    assert overran[0]["request_id"] == "budget-probe-1"  # the request's id, on our own line


def test_the_token_never_reaches_the_log(server: ServeProcess) -> None:
    url = server.url
    encoded = "".join(f"%{b:02X}" for b in TOKEN.encode())
    requests = [
        ("GET", f"{url}/update?access_token={TOKEN}", {}),  # refused (405), logged
        ("GET", f"{url}/sparql?query=ASK%7B%7D&token={TOKEN}", {}),
        ("GET", f"{url}/sparql?" + urllib.parse.urlencode(
            {"query": f'ASK {{ FILTER("{TOKEN}" != "") }}'}), {}),
        ("GET", f"{url}/sparql?query=ASK%7B%7D&x={encoded}", {}),
        ("GET", f"{url}/id/{TOKEN}", {"Accept": "text/turtle"}),
        ("GET", f"{url}/health", {"X-Request-ID": TOKEN}),
        ("POST", f"{url}/update?access_token={TOKEN}",
         {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}),
    ]
    answers = []
    for method, target, headers in requests:
        data = b"INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> 1 } }" \
            if method == "POST" else None
        answers.append(get(target, headers, data, method)[0])
    assert answers == [405, 200, 200, 200, 404, 200, 200], answers
    log = server.log.read_text()
    lines = log_lines(server)
    accessed = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert len(accessed) >= len(requests)
    assert any("access_token=[redacted]" in line["path"] for line in accessed)
    assert TOKEN not in log and TOKEN not in urllib.parse.unquote_plus(log)
    assert encoded not in log


def test_log_lines_are_json_with_the_request_id(server: ServeProcess) -> None:
    get(server.url + "/health", {"X-Request-ID": "probe-abc-123"})
    lines = log_lines(server)
    access = [line for line in lines if line["request_id"] == "probe-abc-123"]
    assert len(access) == 1 and access[0]["logger"] == "uvicorn.access"
    assert access[0]["path"] == "/health" and access[0]["status"] == 200
    assert access[0]["time"].endswith("+00:00") and access[0]["level"] == "INFO"
    started = [line for line in lines if line["logger"] == "uvicorn.error"]
    assert started and started[0]["request_id"] is None  # not about a request
