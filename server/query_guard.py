"""Federation guard: pyoxigraph fetches any URL named by SERVICE (queries) or LOAD (updates),
so a public endpoint refuses both unless the target's host is on the configured allow-list.

The check tokenizes the text (keywords outside strings, comments and IRIs; targets resolved
against BASE and PREFIX). When the words appear but the tokenizer finds no keyword, rdflib's
SPARQL parser gives a second opinion, so a text the two read differently is refused."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from cepa_kg.server.errors import HttpError
from cepa_kg.server.sparql_text import mentions

NETWORK_KEYWORDS = {"SERVICE", "LOAD"}


def _allowed(iri: str | None, hosts: Iterable[str]) -> bool:
    if iri is None:
        return False
    parts = urlsplit(iri)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    names = {host, f"{host}:{parts.port or (443 if parts.scheme == 'https' else 80)}"}
    return any(h.lower() in names for h in hosts)


def _rdflib_sees(text: str, *, update: bool) -> list[str]:
    """The network operations rdflib's parser finds (ServiceGraphPattern, Load), in order."""
    from rdflib.plugins.sparql import parser  # only for texts that mention the words

    try:
        tree: Any = parser.parseUpdate(text) if update else parser.parseQuery(text)
    except Exception:  # noqa: BLE001 - rdflib cannot read it: let the store's parser judge
        return []
    seen: list[str] = []

    def walk(node: Any) -> None:
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            seen.append("SERVICE")
        elif name == "Load":
            seen.append("LOAD")
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(tree)
    return seen


def check_network_access(text: str, *, update: bool, allowed_hosts: Iterable[str],
                         base: str | None = None) -> None:
    """Raise a 400 HttpError if `text` would make the server reach a host not allowed."""
    lowered = text.lower()
    if "service" not in lowered and "load" not in lowered:
        return
    hosts = list(allowed_hosts)
    found = [m for m in mentions(text, NETWORK_KEYWORDS, base=base)
             if update or m.keyword == "SERVICE"]
    for mention in found:
        if not _allowed(mention.iri, hosts):
            what = "federated query (SERVICE)" if mention.keyword == "SERVICE" else "LOAD"
            target = mention.iri or mention.target or "a variable"
            where = (f"allowed hosts: {', '.join(hosts)}" if hosts
                     else "this endpoint allows no remote hosts")
            raise HttpError(400, f"{what} to {target} is not allowed ({where})")
    second = [k for k in _rdflib_sees(text, update=update) if update or k == "SERVICE"]
    if len(second) > len(found):
            raise HttpError(400, "the text reads as SERVICE or LOAD to another parser; "
                                 "refused (this endpoint allows no remote hosts)")
