"""Lists on a project page: items that begin a line with a marker ("•", "-", "1.", "(iv)",
"a)"), items numbered inside running text ("They include: (i) ...; (ii) ..."), or one item per
line. Each item keeps its marker as printed and the exact span of its text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.loaders.lines import split_lines as _lines
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span

__all__ = ["ListItem", "split_list"]

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv",
          "xxv"]
_BULLETS = "•●▪◦·‣∙-–—*"
_LINE_MARKER = re.compile(
    rf"[ \t]*(?P<m>[{re.escape(_BULLETS)}]|\((?:[ivxlc]+|[a-z]|\d{{1,2}})\)|"
    rf"(?:[ivxlc]+|[a-z]|\d{{1,2}})[.)])(?=[ \t]+\S)[ \t]+",
    re.I,
)
_INLINE_PATTERNS = {
    "roman": re.compile(r"(?:(?<=^)|(?<=[\s:;,.]))(\(?)([ivxlc]+)\.?\)(?=\s)", re.I),
    "letter": re.compile(r"(?:(?<=^)|(?<=[\s:;,.]))(\(?)([a-z])\)(?=\s)"),
    "digit": re.compile(r"(?:(?<=^)|(?<=[\s:;]))(\(?)(\d{1,2})[.)](?=\s)"),
}
_TRAILING = screened(re.compile(r"(?:\s*[;,]|\s*[;,]?\s+(?:and|or))\s*$", re.I))


@dataclass(frozen=True)
class ListItem:
    numbering: str | None
    span: Span  # the item's text (marker excluded), stripped


def _marker_kind(marker: str) -> str:
    """bullet, digit, roman ("i)", "(iv)") or letter ("a)", "(c)")."""
    core = marker.strip("().")
    if marker in _BULLETS:
        return "bullet"
    if core.isdigit():
        return "digit"
    if re.fullmatch(r"[ivx]+", core, re.I):
        return "roman"
    return "letter"


def _same_kind(kind: str, marker: str) -> bool:
    core = marker.strip("().")
    if kind == "bullet":
        return marker in _BULLETS
    if kind == "digit":
        return core.isdigit()
    if kind == "roman":
        return bool(re.fullmatch(r"[ivxlc]+", core, re.I))
    return bool(re.fullmatch(r"[a-z]", core, re.I))


def _trim(text: str, span: Span) -> Span:
    """Strip white space, a trailing ';' / ',' / 'and' / 'or' from an item's span."""
    span = span.strip(text)
    while True:
        m = _TRAILING.search(span.of(text))
        if not m or m.start() == 0:
            return span
        span = Span(span.start, span.start + m.start()).strip(text)


def _line_items(text: str, region: Span) -> tuple[Span | None, list[ListItem]]:
    """Items that each begin a line with a marker; other lines continue the item before."""
    lines = [ln for ln in _lines(text[: region.end]) if ln.end > region.start]
    starts: list[tuple[int, int, str]] = []  # (item start offset, marker start, marker)
    kind = None
    for ln in lines:
        lo = max(ln.start, region.start)
        m = _LINE_MARKER.match(text, lo, ln.end)
        if not m:
            continue
        marker = m.group("m")
        if kind is None:
            kind = _marker_kind(marker)
        if _same_kind(kind, marker):
            starts.append((m.end(), lo, marker))
    if not starts:
        return None, []
    intro = Span(region.start, starts[0][1]).strip(text)
    items = []
    for i, (start, _, marker) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else region.end
        numbering = None if kind == "bullet" else marker
        items.append(ListItem(numbering, _trim(text, Span(start, end))))
    return (intro if len(intro) else None), items


def _expected(kind: str, k: int) -> str:
    if kind == "roman":
        return _ROMAN[k] if k < len(_ROMAN) else ""
    if kind == "letter":
        return chr(ord("a") + k) if k < 26 else ""
    return str(k + 1)


def _inline_items(text: str, region: Span) -> tuple[Span | None, list[ListItem]]:
    """Items numbered inside running text: "They include: (i) ...; (ii) ...", or "• a • b"."""
    for kind in ("roman", "digit", "letter"):
        rx = _INLINE_PATTERNS[kind]
        found: list[tuple[int, int, str]] = []  # (marker start, item start, marker)
        for m in rx.finditer(text, region.start, region.end):
            if m.group(2).lower() != _expected(kind, len(found)):
                continue
            if found and bool(m.group(1)) != found[0][2].startswith("("):
                continue  # "(i) ... ii)" mixes styles: not the same list
            found.append((m.start(), m.end(), m.group(0)))
        if len(found) >= 2:
            return _items_from(text, region, found, numbered=True)
    bullets = [(m.start(), m.end(), m.group(1))
               for m in re.finditer(r"([•●▪◦‣])\s*", text[: region.end])
               if m.start() >= region.start]
    if len(bullets) >= 2 or (bullets and Span(region.start, bullets[0][0]).strip(text).end
                             == region.start):
        return _items_from(text, region, bullets, numbered=False)
    return None, []


def _items_from(text: str, region: Span, found, *, numbered: bool):
    intro = Span(region.start, found[0][0]).strip(text)
    items = []
    for i, (_, start, marker) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else region.end
        span = _trim(text, Span(start, end))
        if len(span):
            items.append(ListItem(marker.strip() if numbered else None, span))
    return (intro if len(intro) else None), items


def _plain_items(text: str, region: Span) -> list[ListItem]:
    """No markers: one item per non-blank line."""
    out = []
    for ln in _lines(text[: region.end]):
        if ln.end <= region.start or ln.blank:
            continue
        span = _trim(text, Span(max(ln.start, region.start), ln.end))
        if len(span):
            out.append(ListItem(None, span))
    return out


def split_list(text: str, region: Span, *, prose_ok: bool) -> tuple[Span | None, list[ListItem]]:
    """(introduction, items) of a list section; with `prose_ok`, unmarked lines are items."""
    if not len(region):
        return None, []
    intro, items = _line_items(text, region)
    if len(items) == 1:
        # one marked line may hold the whole list: "• first • second"
        inline_intro, inline = _inline_items(text, region)
        if len(inline) > 1:
            return inline_intro, inline
    if items:
        return intro, items
    intro, items = _inline_items(text, region)
    if items:
        return intro, items
    plain = _plain_items(text, region)
    if prose_ok or len(plain) > 1:
        return None, plain
    return region, []

