"""Reading a document file into text, with clear refusals for what is not a text document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

#: The largest document the loaders read. The corpus documents are 4-23 KB; measured on a
#: 2-core machine, building the graph of a 1 MB document (a corpus document repeated) takes
#: 5-12 s and of a 10 MB one about 300 s (superlinear), before validation. See bench/README.md.
MAX_BYTES = 1024 * 1024


class SourceError(ValueError):
    """A file that cannot be read as a text document; the message says why."""


@dataclass(frozen=True)
class SourceText:
    name: str  # the path as given, for messages; its last part is the file name
    text: str  # decoded text; all offsets in the graph point into it
    sha256: str  # of the raw bytes
    encoding: str


def decode(data: bytes, name: str) -> SourceText:
    """UTF-8 (with or without BOM) first, Windows-1252 as the fallback legacy encoding."""
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
        return SourceText(name, text, digest, encoding)
    raise SourceError("the file is neither UTF-8 nor Windows-1252 text")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def read_source(path: Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """The decoded text of `path`; raises SourceError (too big, empty, binary, not text) or
    OSError (missing, unreadable)."""
    if path.is_dir():
        raise SourceError("a folder, not a document file")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"the file is {_megabytes(size)}; the loaders read documents up to "
                          f"{_megabytes(max_bytes)}")
    return decode(path.read_bytes(), str(path))


def document_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and the `.txt` files below each folder, sorted; missing paths kept so
    that loading reports them."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            out.append(path)
    return out
