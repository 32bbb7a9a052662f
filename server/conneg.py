"""Representations of one resource: the format by suffix or `Accept`, and the answer with its
validators (`ETag`, `Last-Modified`), `304 Not Modified`, `HEAD` and `406`.

ETag: a strong validator, the SHA-256 of the representation's bytes. Descriptions are
serialized from triples in a stable order, so equal data gives equal bytes: the tag changes
exactly when the representation does, is the same on every replica and survives restarts
(a per-process store version would do neither). The body is made before the comparison; at
this scale (a description is a few kilobytes, made in milliseconds) a 304 saves the transfer,
which is what it is for.
Last-Modified: the load time (`prov:generatedAtTime`) of the newest source document that says
something about the resource; `If-None-Match` wins over `If-Modified-Since` (RFC 9110 13.2.2).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from cepa_kg.server.errors import HttpError
from cepa_kg.server.negotiation import negotiate
from fastapi import Request
from fastapi.responses import Response

#: Suffix URLs of a resource's documents, one per format (the first suffix of a type is its own).
SUFFIXES = {
    ".ttl": "text/turtle", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
    ".nt": "application/n-triples", ".html": "text/html",
}
SUFFIX_OF = {media: suffix for suffix, media in SUFFIXES.items()}
#: What `Accept` may name, preferred first for ties (`*/*`: Turtle for machines; browsers name
#: text/html explicitly).
OFFERS = ["text/turtle", "text/html", "application/ld+json", "application/rdf+xml",
          "application/n-triples", "application/xhtml+xml", "application/x-turtle",
          "application/json", "text/plain"]
CANONICAL = {"application/xhtml+xml": "text/html", "application/x-turtle": "text/turtle",
             "application/json": "application/ld+json", "text/plain": "application/n-triples"}


def split_suffix(path: str) -> tuple[str, str | None]:
    """(`path` without its format suffix, the suffix's media type or None)."""
    for suffix, media in SUFFIXES.items():
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)], media
    return path, None


def choose(request: Request, fixed: str | None, offers: list[str] | None = None) -> str:
    """The media type to answer with: the suffix's, else the best match for `Accept`
    (q-values, wildcards); 406 listing the alternatives when nothing is acceptable."""
    if fixed:
        return fixed
    offers = offers or OFFERS
    chosen = negotiate(request.headers.get("accept"), offers)
    if chosen is None:
        available = [m for m in SUFFIXES.values() if m in offers]
        raise HttpError(406, "no acceptable representation; available: " + ", ".join(available))
    return CANONICAL.get(chosen, chosen)


def alternates(path: str, offers: list[str] | None = None) -> str:
    """`Link` header value: one `rel="alternate"` per format of the document at `path`."""
    return ", ".join(f'<{path}{s}>; rel="alternate"; type="{m}"' for s, m in SUFFIXES.items()
                     if offers is None or m in offers)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag.removeprefix("W/")


def not_modified(request: Request, etag: str, modified: datetime | None) -> bool:
    """Whether the client's copy is current (weak comparison for If-None-Match, as GET and
    HEAD use)."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [_opaque(t) for t in if_none_match.split(",")]
        return "*" in tags or _opaque(etag) in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since and modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return modified.replace(microsecond=0) <= since
    return False


def represent(request: Request, body: bytes, media_type: str, *,
              headers: dict[str, str] | None = None, modified: datetime | None = None) -> Response:
    """The answer for one representation: 200 with validators, 304 when the client's copy is
    current, and for HEAD the same headers with no body."""
    headers = dict(headers or {})
    etag = etag_of(body)
    headers["ETag"] = etag
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified.astimezone(UTC), usegmt=True)
    headers.setdefault("Cache-Control", "public, max-age=0, must-revalidate")
    content_type = media_type if "charset" in media_type else f"{media_type}; charset=utf-8"
    if not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        headers["Content-Type"] = content_type
        return Response(status_code=200, headers=headers)
    return Response(body, media_type=content_type, headers=headers)
