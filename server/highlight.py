"""A document's text with its quoted spans marked (pure: no I/O).

Each distinct span (start, end) becomes one `<mark id="evidence-{start}-{end}">`, so that
`...#evidence-{start}-{end}` links land on it; spans inside it (a goal's cue inside a
recommendation) are marks inside that mark. A span that starts inside another and ends after
it is cut at the other's end: its first piece carries the id, the rest continues the mark.
Every piece of text is escaped by markupsafe.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A quoted stretch of the text: offsets in characters, end exclusive."""

    start: int
    end: int
    title: str = ""  # what was read there (the tooltip)


@dataclass
class _Piece:
    start: int
    end: int
    span: Span
    first: bool  # the piece that carries the anchor
    children: list[_Piece] = field(default_factory=list)


def anchor_id(start: int, end: int) -> str:
    """The anchor of a span, on the reader and wherever a fact shows its evidence."""
    return f"evidence-{start}-{end}"


def merge(spans: list[Span], length: int) -> list[Span]:
    """One span per (start, end) that overlaps the text, their titles joined; in reading
    order (longer first where two start together, so the outer one opens first)."""
    titles: dict[tuple[int, int], list[str]] = {}
    for s in spans:
        if s.start < s.end and s.start < length and s.end > 0:
            bucket = titles.setdefault((s.start, s.end), [])
            if s.title and s.title not in bucket:
                bucket.append(s.title)
    return [Span(a, b, "\n".join(t)) for (a, b), t in
            sorted(titles.items(), key=lambda kv: (kv[0][0], -kv[0][1]))]


def _nest(spans: list[Span], length: int) -> list[_Piece]:
    roots: list[_Piece] = []
    stack: list[_Piece] = []
    pending = [_Piece(max(0, s.start), min(length, s.end), s, True) for s in spans]
    while pending:
        piece = pending.pop(0)
        while stack and stack[-1].end <= piece.start:
            stack.pop()
        if stack and piece.end > stack[-1].end:  # crosses its parent's end: cut it there
            rest = _Piece(stack[-1].end, piece.end, piece.span, False)
            piece.end = stack[-1].end
            at = next((i for i, p in enumerate(pending)
                       if (p.start, -p.end) > (rest.start, -rest.end)), len(pending))
            pending.insert(at, rest)
        (stack[-1].children if stack else roots).append(piece)
        stack.append(piece)
    return roots


def _render(text: str, pieces: list[_Piece], start: int, end: int, depth: int) -> Markup:
    out = Markup("")
    at = start
    for piece in pieces:
        out += escape(text[at:piece.start])
        inner = _render(text, piece.children, piece.start, piece.end, depth + 1)
        level = min(depth, 3)
        if piece.first:
            out += Markup('<mark id="{}" class="span level-{}" title="{}">{}</mark>').format(
                anchor_id(piece.span.start, piece.span.end), level, piece.span.title, inner)
        else:
            out += Markup('<mark class="span level-{}" title="{}">{}</mark>').format(
                level, piece.span.title, inner)
        at = piece.end
    return out + escape(text[at:end])


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` as HTML with every span marked and anchored (see the module's note)."""
    return _render(text, _nest(merge(spans, len(text)), len(text)), 0, len(text), 0)
