"""The draft resolution of a CEPA session summary: its operative paragraphs.

Each paragraph led by an operative verb ("Encourages Governments to ...", "Requests ...",
"Underscores ...", "Calls upon ...", "Takes note ...") is one resolution paragraph, its verb the
modality; a lead-in ("Requests the Secretariat to:") hands its verb and addressee to each item
after it ("-" / "•" / "(i)" lines or ";"-separated items). Only directive verbs name an
addressee; "Reaffirms the importance of ..." addresses no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.loaders.lines import Line, line_no
from cepa_kg.loaders.session_items import (
    BULLET_AT_START,
    NAME_SPLIT,
    NOT_IN_SUBJECT,
    SUBJECT_LEAD,
    semicolon_items,
    trim_item,
)
from cepa_kg.loaders.session_layout import Stream, join_pieces
from cepa_kg.loaders.session_model import Resolution, ResolutionParagraph
from cepa_kg.loaders.spans import Span, clean

__all__ = ["parse_resolution"]

_OPERATIVE_VERBS = (
    "Encourages|Requests|Invites|Urges|Calls|Recommends|Decides|Welcomes|Stresses|Emphasizes|"
    "Emphasises|Reaffirms|Recognizes|Recognises|Notes|Takes|Acknowledges|Expresses|Endorses|"
    "Supports|Underlines|Underscores|Commends|Appreciates|Affirms|Approves|Adopts|Appeals|"
    "Reiterates|Considers|Believes|Highlights|Agrees|Proposes|Suggests|Asks|Authorizes|"
    "Designates|Directs|Instructs|Confirms|Concludes|Encourage|Request|Invite|Urge|Recommend"
)
_OPERATIVE = re.compile(
    r"^(?:\(?\d{1,2}[.)][^\S\r\n]+)?(?:(?:Further|Also|Again|Strongly|Once[^\S\r\n]+again|Further[^\S\r\n]+"
    rf"also)[^\S\r\n]+)?(?P<verb>{_OPERATIVE_VERBS.lower()}|{_OPERATIVE_VERBS})"
    r"(?P<particle>[^\S\r\n]+(?:upon|on|note))?\b",
    re.I,
)
_PREAMBULAR = re.compile(r"^(?:\(?\d{1,2}[.)][^\S\r\n]+)?[A-Z][a-z]+ing\b")
_RES_ADDRESSEE = re.compile(
    r"^[^\S\r\n]*(?P<who>(?:(?:the|all|relevant|other)[^\S\r\n]+)*[A-Za-z][^:;.]*?)[^\S\r\n]*"
    r"(?:,[^\S\r\n]*(?:[^,]*),[^\S\r\n]*)?(?=\bto\b|:)", )


@dataclass
class _Block:
    kind: str  # "operative" | "item" | "other"
    lines: list[Span]
    line: int

    def text(self, text: str) -> str:
        return clean(" ".join(p.of(text) for p in self.lines))


# verbs that ask someone to act; the others ("Reaffirms", "Takes note") address no one
_DIRECTIVE_VERBS = {"encourages", "requests", "invites", "urges", "calls upon", "calls on",
                    "recommends", "appeals", "asks", "authorizes", "directs", "instructs",
                    "encourage", "request", "invite", "urge", "recommend"}


def _resolution_addressee(text: str, start: int, end: int, verb: str
                          ) -> tuple[tuple[str, ...], str, Span | None]:
    """Who a paragraph led by `verb` asks to act: 'Invites the regional commissions to ...'."""
    if verb.lower() not in _DIRECTIVE_VERBS:
        return (), "", None
    rest = text[start:end]
    m = _RES_ADDRESSEE.match(rest)
    if not m:
        return (), "", None
    who = m.group("who").strip()
    if not who or len(who.split()) > 10 or NOT_IN_SUBJECT.search(who):
        return (), "", None
    off = start + m.start("who")
    body = SUBJECT_LEAD.sub("", who)
    names = tuple(clean(n).strip(" ,") for n in NAME_SPLIT.split(body) if n.strip(" ,"))
    return names, clean(who), Span(off, off + len(who))


def parse_resolution(text: str, lines: list[Line], heading: Line,
                      warnings: list[str]) -> Resolution:
    blocks: list[_Block] = []
    for ln in lines:
        sp = Span(ln.start, ln.end).strip(text)
        if len(sp) == 0:
            continue
        s = sp.of(text)
        cur = blocks[-1] if blocks else None
        indented = ln.raw[:1] in (" ", "\t") and not BULLET_AT_START.match(s)
        if cur is not None and indented:
            cur.lines.append(sp)
        elif _OPERATIVE.match(s):
            blocks.append(_Block("operative", [sp], ln.no))
        elif BULLET_AT_START.match(s):
            blocks.append(_Block("item", [sp], ln.no))
        elif _PREAMBULAR.match(s):
            blocks.append(_Block("other", [sp], ln.no))
        elif cur is not None:  # a line that continues a broken paragraph
            cur.lines.append(sp)
        else:
            warnings.append(f"line {ln.no}: resolution text that is no operative paragraph "
                            f"skipped: {clean(s)[:60]!r}")
            blocks.append(_Block("other", [sp], ln.no))

    paragraphs: list[ResolutionParagraph] = []
    lead: tuple[str, tuple[str, ...], str, Span | None] | None = None

    def add(span: Span, modality: str, names: tuple[str, ...], phrase: str,
            phrase_span: Span | None, from_lead: bool, line: int) -> None:
        stream = Stream(text)
        stream.add(span)
        a, b = trim_item(stream.v, 0, len(stream.v))
        if b <= a:
            return
        sp = Span(span.start + a, span.start + b)
        paragraphs.append(ResolutionParagraph(
            len(paragraphs) + 1, clean(sp.of(text)), sp, modality, names, phrase, phrase_span,
            from_lead, line_no(text, sp.start)))

    for blk in blocks:
        span = join_pieces(text, blk.lines)
        if blk.kind == "other":
            lead = None
            continue
        if blk.kind == "item":
            if lead is None:
                warnings.append(f"line {blk.line}: resolution item without a lead-in; "
                                "no operative verb or addressee")
                add(span, "", (), "", None, True, blk.line)
            else:
                add(span, lead[0], lead[1], lead[2], lead[3], True, blk.line)
            continue
        s = span.of(text)
        m = _OPERATIVE.match(s)
        assert m is not None
        verb = m.group("verb")
        verb = verb[0].upper() + verb[1:].lower()
        if m.group("particle"):  # "Calls upon", "Takes note"
            verb += " " + m.group("particle").strip().lower()
        names, phrase, phrase_span = _resolution_addressee(text, span.start + m.end(), span.end,
                                                           verb)
        colon = s.find(":", m.end())
        between = s[m.end():colon] if colon >= 0 else ""
        if colon >= 0 and re.fullmatch(r"[^;.]*", between) and (
                not s[colon + 1:].strip() or re.search(r"\bto$", between.strip())):
            lead = (verb, names, phrase, phrase_span)
            rest = Span(span.start + colon + 1, span.end).strip(text)
            if len(rest):
                stream = Stream(text)
                stream.add(rest)
                for a, b in semicolon_items(stream.v, 0, len(stream.v)):
                    add(Span(rest.start + a, rest.start + b), verb, names, phrase, phrase_span,
                        True, blk.line)
            continue
        lead = None
        add(span, verb, names, phrase, phrase_span, False, blk.line)
        if not names:
            warnings.append(f"line {blk.line}: resolution paragraph names no addressee")

    title = clean(Span(heading.start, heading.end).strip(text).of(text)).rstrip(":")
    return Resolution(title, Span(heading.start, heading.end).strip(text), tuple(paragraphs))

