"""Real SPARQL 1.1 servers for the remote-store tests, started by the test run on 127.0.0.1:
`oxigraph serve` (the PyPI package `oxigraph`, a test dependency) and Virtuoso open source
(Debian's `virtuoso-opensource`, which `.ci/run` installs). Not a test module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from serve_process import free_port


@dataclass
class RunningServer:
    name: str
    query_url: str
    process: subprocess.Popen[bytes]
    restart_command: list[str]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def start_again(self) -> None:
        """Start it again on the same port and data (after `stop`)."""
        self.process = subprocess.Popen(self.restart_command, stdout=self.log.open("ab"),
                                        stderr=subprocess.STDOUT)
        wait_until_answering(self.query_url, self.process, self.log)


def wait_until_answering(query_url: str, process: subprocess.Popen[bytes], log: Path,
                         timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{log.read_text()}")
        try:
            answer = httpx.post(query_url, data={"query": "ASK { ?s ?p ?o }"}, timeout=2,
                                headers={"Accept": "application/sparql-results+json"})
            if answer.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"no answer from {query_url} within {timeout_s:g} s:\n{log.read_text()}")


def oxigraph_command() -> str | None:
    """The `oxigraph` CLI of this Python's environment (the wheel puts it beside python)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[RunningServer]:
    command = oxigraph_command()
    if command is None:
        raise LookupError("the `oxigraph` command is not installed (pip install oxigraph)")
    port = free_port()
    args = [command, "serve", "--location", str(folder / "data"), "--bind",
            f"127.0.0.1:{port}", "--union-default-graph",
            "--timeout-s", "20"]  # a query the tests abandon stops there too
    log = folder / "oxigraph.log"
    process = subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = RunningServer("oxigraph", f"http://127.0.0.1:{port}/query", process, args, log)
    try:
        wait_until_answering(server.query_url, process, log)
        yield server
    finally:
        server.stop()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 20
"""


def virtuoso_commands() -> tuple[str, str] | None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    return (server, isql) if server and isql else None


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[RunningServer]:
    """Virtuoso with a fresh database; the anonymous SPARQL user may update (a test server
    on 127.0.0.1 only)."""
    commands = virtuoso_commands()
    if commands is None:
        raise LookupError("Virtuoso is not installed (Debian: apt-get install "
                          "virtuoso-opensource)")
    server_command, isql = commands
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    args = [server_command, "+foreground", "+configfile", str(ini)]
    log = folder / "virtuoso.out"
    process = subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               cwd=folder)
    server = RunningServer("virtuoso", f"http://127.0.0.1:{http_port}/sparql", process, args,
                           log)
    try:
        wait_until_answering(server.query_url, process, log)
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True,
                       capture_output=True, timeout=60)
        yield server
    finally:
        server.stop()


NGINX_CONF = """\
daemon off;
{user}
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream fronts {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      {guard}
      proxy_pass http://fronts;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
    }}
  }}
}}
"""


def nginx_command() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@contextmanager
def reverse_proxy(folder: Path, upstreams: list[str], guard: str = "") -> Iterator[str]:
    """nginx on 127.0.0.1 spreading requests round-robin over `upstreams` (host:port),
    with the nginx directives `guard` (e.g. authentication) before it passes a request on;
    yields its base URL."""
    command = nginx_command()
    if command is None:
        raise LookupError("nginx is not installed (Debian: apt-get install nginx-light)")
    port = free_port()
    conf = folder / "nginx.conf"
    # Run as root, the workers would be `nobody`, who cannot read the test's private folder
    user = "user root;" if os.geteuid() == 0 else ""
    servers = " ".join(f"server {u};" for u in upstreams)
    conf.write_text(NGINX_CONF.format(dir=folder, port=port, guard=guard, user=user,
                                      servers=servers))
    log = folder / "nginx.out"
    process = subprocess.Popen([command, "-c", str(conf), "-p", str(folder)],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(url + "/health", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start:\n{log.read_text()}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)
