"""Reading a document into text: a text file, an HTML page or a PDF (the text their
extractors give, see `text_extraction`), from a file or an http(s) address, with clear
refusals for what cannot be read."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cepa_kg.mojibake import repair_mojibake
from cepa_kg.text_extraction import (
    ExtractionError,
    html_text,
    looks_like_html,
    looks_like_pdf,
    pdf_text,
)

#: The largest text the loaders read. The corpus documents are 4-23 KB; measured on a
#: 2-core machine, building the graph of a 1 MB document (a corpus document repeated) takes
#: 5-12 s and of a 10 MB one about 300 s (superlinear), before validation. See bench/README.md.
MAX_BYTES = 1024 * 1024
#: The largest HTML page or PDF file read (its text must still be within MAX_BYTES).
MAX_RAW_BYTES = 16 * 1024 * 1024
#: How long a fetch may take, connection and body together.
FETCH_TIMEOUT_S = 20.0
#: The file names a folder load takes.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".pdf")
_HTML_SUFFIXES = (".html", ".htm")


class SourceError(ValueError):
    """A file that cannot be read as a text document; the message says why."""


@dataclass(frozen=True)
class SourceText:
    name: str  # the path as given, for messages; its last part is the file name
    text: str  # decoded or extracted text; all offsets in the graph point into it
    sha256: str  # of the raw bytes
    encoding: str
    format: str = "text"  # "text", "html" or "pdf": what the text was extracted from


def decode(data: bytes, name: str) -> SourceText:
    """UTF-8 (with or without BOM) first, Windows-1252 as the fallback legacy encoding (and
    a mirror's GB2312 read as Latin-1, and UTF-8 read as Windows-1252, put right: `mojibake`)."""
    if not data.strip():
        raise SourceError("the file is empty")
    if b"\x00" in data[:8192]:
        raise SourceError("the file is binary, not text")
    digest = hashlib.sha256(data).hexdigest()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return SourceText(name, repair_mojibake(text), digest, encoding)
    raise SourceError("the file is neither UTF-8 nor Windows-1252 text")


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def _decoded_html(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError("the page is neither UTF-8 nor Windows-1252")


def from_bytes(data: bytes, name: str, *, media_type: str | None = None) -> SourceText:
    """The text of a document's bytes: a PDF or an HTML page by its media type, its name's
    suffix or its first bytes; anything else as plain text (`decode`)."""
    lowered = name.lower().split("?", 1)[0]
    kind = (media_type or "").split(";", 1)[0].strip().lower()
    try:
        if kind == "application/pdf" or lowered.endswith(".pdf") or looks_like_pdf(data):
            text = pdf_text(data)
            fmt = "pdf"
        elif kind in ("text/html", "application/xhtml+xml") or lowered.endswith(_HTML_SUFFIXES) \
                or looks_like_html(data):
            text = repair_mojibake(html_text(_decoded_html(data)))
            fmt = "html"
        else:
            return decode(data, name)
    except ExtractionError as error:
        raise SourceError(str(error)) from None
    if len(text) > MAX_BYTES:
        raise SourceError(f"its text is {_megabytes(len(text))}; the loaders read texts up to "
                          f"{_megabytes(MAX_BYTES)}")
    return SourceText(name, text, hashlib.sha256(data).hexdigest(), "utf-8", fmt)


def _limit(name: str) -> int:
    return MAX_RAW_BYTES if name.lower().endswith((".pdf", *_HTML_SUFFIXES)) else MAX_BYTES


def read_source(path: Path, *, max_bytes: int | None = None) -> SourceText:
    """The text of `path`; raises SourceError (too big, empty, binary, no text) or OSError
    (missing, unreadable)."""
    if path.is_dir():
        raise SourceError("a folder, not a document file")
    limit = max_bytes or _limit(path.name)
    size = path.stat().st_size
    if size > limit:
        raise SourceError(f"the file is {_megabytes(size)}; the loaders read documents up to "
                          f"{_megabytes(limit)}")
    return from_bytes(path.read_bytes(), str(path))


def is_address(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def fetch_source(address: str, *, timeout_s: float = FETCH_TIMEOUT_S,
                 max_bytes: int = MAX_RAW_BYTES) -> SourceText:
    """The text of the document at an http(s) address; raises SourceError with the reason
    (an HTTP status, a timeout, an unreachable host, over `max_bytes`)."""
    request = urllib.request.Request(address, headers={
        "User-Agent": "cepa-kg (knowledge graph loader)",
        "Accept": "text/html, application/xhtml+xml, application/pdf, text/plain;q=0.9, */*;q=0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(f"the document is {_megabytes(int(length))}; the loaders "
                                  f"read documents up to {_megabytes(max_bytes)}")
            data = response.read(max_bytes + 1)
            media_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        raise SourceError(f"the server answered {error.code} {error.reason}") from None
    except (TimeoutError, OSError) as error:  # URLError is an OSError
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise SourceError(f"no answer within {timeout_s:g} s") from None
        raise SourceError(f"cannot fetch it: {reason}") from None
    if len(data) > max_bytes:
        raise SourceError(f"the document is over {_megabytes(max_bytes)}; the loaders read "
                          f"documents up to {_megabytes(max_bytes)}")
    return from_bytes(data, address, media_type=media_type)


#: A document's location: a file, or an http(s) address (kept as a string: a Path would
#: fold its "//").
Location = Path | str


def read_location(location: Location) -> SourceText:
    """`fetch_source` for an address, else `read_source`."""
    if isinstance(location, str) and is_address(location):
        return fetch_source(location)
    return read_source(Path(location))


def document_paths(paths: list[Location]) -> list[Location]:
    """Files as given, and the text, HTML and PDF files below each folder, sorted; missing
    paths kept so that loading reports them. Addresses (`http(s)://...`) are kept as given."""
    out: list[Location] = []
    for given in paths:
        if isinstance(given, str) and is_address(given):
            out.append(given)
            continue
        path = Path(given)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            out.append(path)
    return out
