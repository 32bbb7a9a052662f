"""SERVICE and LOAD never reach the network: a listener on 127.0.0.1 sees no request while a
live server (token configured) refuses queries and updates that point at it."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from cepa_kg.server.errors import HttpError
from cepa_kg.server.query_guard import check_network_access

from tests.live_server import live_server

TOKEN = "guard-token"


class Listener:
    """Counts the connections made to a port on 127.0.0.1."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    one = Listener()
    yield one
    one.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("guard"), corpus=False,
                     env={"CEPA_KG_UPDATE_TOKEN": TOKEN}) as url:
        yield url


def post(url: str, path: str, body: str, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(url + path, data=body.encode(), method="POST", headers={
        "Content-Type": content_type, "Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_service_and_load_are_refused_and_nothing_reaches_the_listener(
        server: str, listener: Listener) -> None:
    target = f"http://127.0.0.1:{listener.port}/sparql"
    queries = [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"BASE <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    ]
    updates = [
        f"LOAD <{target}>",
        f"LOAD SILENT <{target}> INTO GRAPH <http://example.org/g>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        get = urllib.parse.urlencode({"query": query})
        try:
            urllib.request.urlopen(f"{server}/sparql?{get}", timeout=30)
            raise AssertionError("a SERVICE query was answered")
        except urllib.error.HTTPError as error:
            assert error.code == 400 and b"not allowed" in error.read()
        status, text = post(server, "/sparql", query, "application/sparql-query")
        assert status == 400 and "SERVICE" in text
    for update in updates:
        for path in ("/sparql", "/update"):
            status, text = post(server, path, update, "application/sparql-update")
            assert status == 400 and "not allowed" in text, text
            status, text = post(server, path, urllib.parse.urlencode({"update": update}),
                                "application/x-www-form-urlencoded")
            assert status == 400 and "not allowed" in text, text
    assert listener.connections == 0


def test_the_words_elsewhere_are_not_refused(server: str) -> None:
    query = ('PREFIX ex: <http://example.org/> SELECT ?service WHERE { '
             'BIND("SERVICE <http://127.0.0.1:1/> LOAD" AS ?service) ?s ex:SERVICE ?load } '
             "# SERVICE <http://127.0.0.1:1/>")
    status, _ = post(server, "/sparql", query, "application/sparql-query")
    assert status == 200


def test_allow_list() -> None:
    hosts = ["data.example.org", "127.0.0.1:7878"]
    check_network_access("SELECT * { SERVICE <https://data.example.org/sparql> {} }",
                         update=False, allowed_hosts=hosts)
    check_network_access("LOAD <http://127.0.0.1:7878/x.ttl>", update=True, allowed_hosts=hosts)
    for text in ("SELECT * { SERVICE <http://data.example.org.evil.net/> {} }",
                 "SELECT * { SERVICE <http://127.0.0.1:7879/> {} }",
                 "SELECT * { SERVICE <file:///etc/passwd> {} }",
                 "SELECT * { SERVICE ?x {} }"):
        with pytest.raises(HttpError) as refused:
            check_network_access(text, update=False, allowed_hosts=hosts)
        assert refused.value.status == 400 and "allowed hosts" in refused.value.detail
