"""UN document symbols written in a text ("E/2001/45", "A/Res/56/213", "E/C.16/2006/4"):
normalised, grouped by document, with the date and paragraph written next to each mention."""

from __future__ import annotations

import re

from cepa_kg.loaders.project_dates import MONTH, date_in
from cepa_kg.loaders.project_model import SymbolMention, UNDocumentRef
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span

__all__ = ["find_symbols", "normalise_symbol"]

_SERIES = r"(?:A|E|S|ST|TD|DP|UNEP|CEDAW|CRC|CCPR|FCCC|ICCD|UNW|HRC)"
_PART = r"(?:S-\d+|ES-\d+|L\.\d+|\d+|[A-Za-z]{1,8}(?:\.\d+)?)"
_SYMBOL = screened(re.compile(rf"(?<![\w/.\-]){_SERIES}(?:/{_PART})+"))
_SUFFIX = re.compile(r"(?:add|rev|corr|amend)\.\d+", re.I)
_NEAR_DATE = re.compile(
    rf"\s*,?\s*(?:of|dated|adopted\s+on|adopted)\s+(?:the\s+)?"
    rf"(\d{{1,2}}\s+{MONTH}\s+(?:19|20)\d{{2}}|{MONTH}\s+\d{{1,2}},\s*(?:19|20)\d{{2}})",
    re.I,
)
_NEAR_PARA = re.compile(
    r"\s*,?\s*(?:para(?:graph)?s?\.?)\s*(\d{1,3}(?:\s*(?:-|–|,|and)\s*\d{1,3}(?!\d))*)", re.I
)


def normalise_symbol(written: str) -> str | None:
    """'A/Res/56/213' -> 'A/RES/56/213'; None when `written` is not a document symbol."""
    parts = written.split("/")
    # words after the last number are not part of the symbol ("A/56/213/and")
    while parts and re.fullmatch(r"[A-Za-z]+", parts[-1]):
        parts.pop()
    if len(parts) < 2 or not any(p.isdigit() for p in parts[1:]):
        return None
    if (re.fullmatch(r"[a-z]{1,8}", parts[1])
            and parts[1] not in ("res", "dec", "conf", "cn", "ac", "c", "hrc", "sgb", "ai")):
        return None  # "S/he/2": an English word after the slash, not an organ
    out = [parts[0].upper()]
    for p in parts[1:]:
        if _SUFFIX.fullmatch(p):
            out.append(p[0].upper() + p[1:].lower())
        else:
            out.append(p.upper())
    return "/".join(out)


def find_symbols(text: str, region: Span | None = None) -> list[UNDocumentRef]:
    """Every UN document symbol written in `text[region]`, grouped by normalised symbol, in the
    order of first mention."""
    region = region or Span(0, len(text))
    grouped: dict[str, list[SymbolMention]] = {}
    for m in _SYMBOL.finditer(text, region.start, region.end):
        symbol = normalise_symbol(m.group(0))
        if symbol is None:
            continue
        # the span covers the symbol's own parts only (not a trailing word after a slash)
        n_parts = symbol.count("/") + 1
        written = "/".join(m.group(0).split("/")[:n_parts])
        span = Span(m.start(), m.start() + len(written))
        after = text[span.end : span.end + 80]
        date = None
        if d := _NEAR_DATE.match(after):
            found = date_in(d.group(1))
            date = found[0] if found else None
        para = p.group(1) if (p := _NEAR_PARA.match(after)) else None
        grouped.setdefault(symbol, []).append(SymbolMention(span, written, date, para))
    return [UNDocumentRef(s, tuple(ms)) for s, ms in grouped.items()]

