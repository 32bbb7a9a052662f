"""Recommendations out of one right-column text: sentences, directives, lead-ins and lists.

A directive names its addressee and modality ("Member States should ...", "The Secretariat
needs to ...", "The Committee urges Governments to ..."); a lead-in ending in ":" hands both to
the items after it ("•" / "-" / "(i)" bullets or ";"-separated items); a statement without a
directive ("... are essential.") is a *conclusion* addressed to the list it stands in.
Offsets here are into the virtual text of a `session_layout.Stream`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import clean

__all__ = [
    "BULLET_AT_START",
    "Item",
    "NAME_SPLIT",
    "NOT_IN_SUBJECT",
    "SUBJECT_LEAD",
    "Segmenter",
    "semicolon_items",
    "trim_item",
]

_BULLET_ANYWHERE = re.compile(r"[\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7]")
BULLET_AT_START = re.compile(
    r"[-\u2013\u2014*\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7](?=\s)"
    r"|\((?:[a-z]|[ivx]{1,4})\)(?=\s)|(?:[a-z]|\d{1,2})[.)](?=\s)"
)
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "mr", "ms", "mrs", "dr", "prof", "no", "nos", "vs", "cf", "inc", "ltd",
    "st", "art", "para", "paras", "u.n", "u.s", "approx", "vol", "op", "fig",
}
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[A-Z\"'\u201c\u2018(])")

_MODAL = screened(re.compile(
    r"\b(?:also[^\S\r\n]+)?(?:should|must|shall)(?:[^\S\r\n]+also)?\b"
    r"|\b(?:also[^\S\r\n]+)?needs?[^\S\r\n]+(?:also[^\S\r\n]+)?to\b"
    r"|\bought[^\S\r\n]+to\b|\b(?:has|have)[^\S\r\n]+to\b"
    r"|\b(?:is|are)[^\S\r\n]+(?:also[^\S\r\n]+)?(?:encouraged|invited|requested|urged|called[^\S\r\n]+upon|"
    r"expected|advised)[^\S\r\n]+to\b"
    r"|\bmay[^\S\r\n]+(?:also[^\S\r\n]+)?wish[^\S\r\n]+to\b",
    re.I,
))
_SUBORDINATORS = {
    "because", "given", "since", "as", "while", "whilst", "although", "though", "if", "when",
    "whenever", "where", "whereas", "in", "to", "with", "for", "considering", "recognizing",
    "recognising", "noting", "moreover", "furthermore", "additionally", "also", "finally",
    "therefore", "thus", "accordingly", "however", "hence", "consequently", "first", "second",
    "third", "lastly", "meanwhile", "on", "at", "by", "through", "beyond", "after", "before",
    "during", "within", "under", "despite", "regarding", "concerning", "following", "based",
    "taking", "bearing", "against", "from", "once", "until", "unless", "so", "then", "today",
}
NOT_IN_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|be|been|that|which|who|whom|whose|it|this|there|what|how|why)\b",
    re.I,
)
SUBJECT_LEAD = re.compile(r"^(?:both|also|in[^\S\r\n]+addition,?|similarly,?|likewise,?)[^\S\r\n]+", re.I)
NAME_SPLIT = re.compile(r"[^\S\r\n]*,[^\S\r\n]*(?:and[^\S\r\n]+|or[^\S\r\n]+)?|[^\S\r\n]+(?:and|or|as well as)[^\S\r\n]+"
                         r"|[^\S\r\n]*/[^\S\r\n]*")
_EVALUATIVE = re.compile(
    r"^it[^\S\r\n]+is[^\S\r\n]+(?:\w+[^\S\r\n]+){0,2}?(?:essential|important|crucial|critical|vital|"
    r"necessary|imperative|fundamental|indispensable|key|advisable|desirable|useful|"
    r"recommended|paramount)\b"
    r"|\b(?:is|are|was|were|remains?|becomes?|seems?)[^\S\r\n]+(?:also[^\S\r\n]+|therefore[^\S\r\n]+|thus[^\S\r\n]+"
    r"|particularly[^\S\r\n]+|especially[^\S\r\n]+|very[^\S\r\n]+|equally[^\S\r\n]+|absolutely[^\S\r\n]+)?"
    r"(?:essential|important|crucial|critical|vital|necessary|key|imperative|fundamental|"
    r"indispensable|needed|required|paramount|central|instrumental|of[^\S\r\n]+(?:the[^\S\r\n]+)?"
    r"(?:utmost|great|paramount|critical|key)[^\S\r\n]+importance)\b"
    r"|^there[^\S\r\n]+is[^\S\r\n]+(?:also[^\S\r\n]+)?(?:a|an|the)[^\S\r\n]+(?:\w+[^\S\r\n]+)?(?:need|call|"
    r"requirement)\b",
    re.I,
)
# a list item continues the previous one (no new item) when it begins with one of these
_ITEM_CONTINUES = {
    "and", "or", "nor", "but", "the", "a", "an", "their", "its", "his", "her", "our", "this",
    "these", "those", "that", "which", "who", "including", "in", "of", "for", "with", "to", "by",
    "on", "as", "at", "from", "such", "all", "both", "each", "every", "other", "not", "also",
    "especially", "particularly", "notably", "namely", "i.e.", "e.g.", "etc.", "inter",
}
_INTERROGATIVE = re.compile(r"^(?:how|what|why|which|who|whom|whose|when|where|is|are|do|does|"
                            r"can|could|should|would|will)\b", re.I)
_TRAIL = screened(re.compile(r"(?:\s*[;,]\s*(?:and|or)?)+\s*$|\s+(?:and|or)\s*$", re.I))
_LEAD = re.compile(
    r"[\s\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7]*"
    r"(?:[-\u2013\u2014*](?=\s)|\((?:[a-z]|[ivx]{1,4})\)(?=\s)|(?:[a-z]|\d{1,2})[.)](?=\s))?\s*",
)


@dataclass(frozen=True)
class _Directive:
    phrase: tuple[int, int]  # relative range of the subject
    names: tuple[str, ...]
    modality: str
    modal_end: int  # relative offset just after the modal


def _names(phrase: str) -> tuple[str, ...]:
    """The names in an addressee phrase ("donors and multinational companies"), white space
    collapsed."""
    return tuple(clean(n).strip(" ,;") for n in NAME_SPLIT.split(phrase) if n.strip(" ,;"))


# "The Committee urges Governments to ...", "The Committee recommends that Member States ...":
# the Committee speaks; the addressee is the object (or the subject of the that-clause).
_COMMITTEE = re.compile(
    r"^\W*(?:The|This|the)\s+Committee\s+(?:(?:also|further|strongly|therefore)\s+)*"
    r"(?P<verb>urges|recommends|requests|encourages|invites|calls\s+upon|calls\s+on|asks|"
    r"advises|appeals\s+to)\b\s*"
)
_OBJECT = re.compile(r"(?P<who>[^:;.]*?)\s*(?:,[^,]*,\s*)?(?:\bto\b|:)")
_THAT = re.compile(r"that\s+")
_GROUP_WORDS = {
    "and", "of", "the", "all", "other", "relevant", "in", "particular", "its", "their", "both",
    "governments", "donors", "countries", "partners", "stakeholders", "organizations",
    "organisations", "agencies", "institutions", "entities", "authorities", "administrations",
    "community", "commissions", "bodies", "system", "sector",
}


def _committee(s: str) -> _Directive | None:
    """'The Committee urges X to ...' / 'The Committee recommends that X adopt ...'."""
    m = _COMMITTEE.match(s)
    if not m:
        return None
    verb = clean(s[m.start("verb") - 0 : m.end("verb")])
    adverbs = clean(s[s.lower().index("committee") + len("committee"): m.start("verb")])
    modality = f"{adverbs} {verb}".strip()
    rest = m.end()
    t = _THAT.match(s, rest)
    if t is not None:  # the subject of the that-clause, up to its verb (or modal)
        clause = s[t.end():]
        inner = _directive(clause)
        if inner is not None:
            a, b = inner.phrase
            return _Directive((t.end() + a, t.end() + b), inner.names, modality,
                              t.end() + inner.modal_end)
        words = list(re.finditer(r"\S+", clause))
        end = 0
        for w in words:
            word = w.group(0).strip(",")
            if not (word[:1].isupper() or word.lower() in _GROUP_WORDS):
                break
            end = w.start() + len(word)
        who = clause[:end]
        who = re.sub(r"(?:\s+(?:and|of|the|in|its|their))+$", "", who, flags=re.I)
        names = _names(SUBJECT_LEAD.sub("", who))
        if not who or not names or len(who.split()) > 9:
            return _Directive((t.end(), t.end()), (), modality, t.end())
        return _Directive((t.end(), t.end() + len(who)), names, modality, t.end() + len(who))
    o = _OBJECT.match(s, rest)
    if o is None or not o.group("who") or len(o.group("who").split()) > 9 \
            or NOT_IN_SUBJECT.search(o.group("who")):
        return _Directive((rest, rest), (), modality, rest)
    who = o.group("who")
    names = _names(SUBJECT_LEAD.sub("", who))
    return _Directive((o.start("who"), o.end("who")), names, modality, o.end())


def _directive(s: str) -> _Directive | None:
    """'X should ...' / 'Because ..., X need to ...' / 'The Committee urges X to ...': the
    addressee phrase, names and modality of `s`."""
    committee = _committee(s)
    if committee is not None:
        return committee
    m = _MODAL.search(s)
    if not m:
        return None
    head = s[: m.start()]
    lead = len(head) - len(head.lstrip())
    first = re.match(r"[A-Za-z]+", head[lead:])
    start = lead
    word = first.group(0).lower() if first else ""
    if word and (word in _SUBORDINATORS or word.endswith("ly")):
        cut = head.rfind(",")
        if cut < 0:
            return None
        start = cut + 1
        cut_made = True
    else:
        cut_made = False
    subject = head[start:]
    start += len(subject) - len(subject.lstrip())
    subject = subject.strip()
    # "Member States also need to": the adverb belongs to the modal
    subject = re.sub(r"[^\S\r\n]+also$", "", subject, flags=re.I)
    if not subject or len(subject.split()) > 9 or NOT_IN_SUBJECT.search(subject):
        return None
    if not cut_made and not subject[0].isupper():
        return None
    if not re.match(r"[A-Za-z]", subject):
        return None
    body = SUBJECT_LEAD.sub("", subject)
    names = _names(body)
    if not names:
        return None
    modal = clean(m.group(0))
    end_phrase = start + len(subject)
    return _Directive((start, end_phrase), names, modal, m.end())


def _evaluative(s: str) -> str | None:
    """The predicate of a statement without a directive ("are essential", "is also
    important"), used as its modality; None when `s` states no such thing."""
    m = _EVALUATIVE.search(s.strip())
    return re.sub(r"^it\s+", "", clean(m.group(0)), flags=re.I) if m else None


def _sentences(v: str, a: int, b: int) -> list[tuple[int, int]]:
    out, start = [], a
    for m in _SENTENCE_END.finditer(v, a, b):
        word = re.search(r"([A-Za-z.]+)[.!?]$", v[start : m.start() + 1])
        w = word.group(1).lower().rstrip(".") if word else ""
        if v[m.start()] == "." and (w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())):
            continue
        out.append((start, m.start() + 1))
        start = m.end()
    out.append((start, b))
    return [(x, y) for x, y in out if v[x:y].strip()]


def semicolon_items(v: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a list text at ';' where the next piece starts a new item (a lower-case word
    that is no article, conjunction or question)."""
    out, start = [], a
    for m in re.finditer(r";", v[a:b]):
        pos = a + m.start()
        nxt = v[pos + 1 : b].lstrip()
        nxt = re.sub(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+", "", nxt)  # "; (b) continue"
        word = re.match(r"[^\s,;:]+", nxt)
        if not word:
            continue
        w = word.group(0)
        if not w[0].islower() or w.lower() in _ITEM_CONTINUES or _INTERROGATIVE.match(w):
            continue
        out.append((start, pos + 1))
        start = pos + 1
    out.append((start, b))
    return [(x, y) for x, y in out if v[x:y].strip(" \t;,")]


def trim_item(v: str, a: int, b: int) -> tuple[int, int]:
    """Drop list markers at the start and separators ('; and') at the end."""
    m = _LEAD.match(v, a, b)
    if m:
        a = m.end()
    piece = v[a:b]
    t = _TRAIL.search(piece)
    if t and t.start() > 0:
        b = a + t.start()
    while b > a and v[b - 1].isspace():
        b -= 1
    return a, b


@dataclass
class Item:
    a: int
    b: int
    kind: str
    modality: str
    names: tuple[str, ...]
    phrase: tuple[int, int] | None  # virtual range of the addressee phrase
    from_lead_in: bool


@dataclass
class _Context:
    names: tuple[str, ...]
    modality: str
    phrase: tuple[int, int]


class Segmenter:
    """Turns one right-column stream into recommendations and conclusions."""

    def __init__(self, v: str, part_starts: set[int]) -> None:
        self.v = v
        self.part_starts = part_starts
        self.items: list[Item] = []
        self.ctx: _Context | None = None
        self.in_list = False

    def run(self) -> list[Item]:
        for a, b, bullet in self._bullets():
            for i, (sa, sb) in enumerate(_sentences(self.v, a, b)):
                self._sentence(sa, sb, first_of_bullet=bullet and i == 0)
        return self.items

    def _bullets(self) -> list[tuple[int, int, bool]]:
        v = self.v
        marks = [m.start() for m in _BULLET_ANYWHERE.finditer(v)]
        for p in self.part_starts:
            if BULLET_AT_START.match(v, p) and p not in marks:
                marks.append(p)
        marks.sort()
        out, prev, prev_bullet = [], 0, False
        for p in marks:
            if v[prev:p].strip():
                out.append((prev, p, prev_bullet))
            prev, prev_bullet = p, True
        if v[prev:].strip():
            out.append((prev, len(v), prev_bullet))
        return out

    def _emit(self, a: int, b: int, kind: str, modality: str | None = None,
              lead: bool = False) -> None:
        a, b = trim_item(self.v, a, b)
        if b <= a:
            return
        ctx = self.ctx
        self.items.append(Item(
            a, b, kind, modality or (ctx.modality if ctx else "statement"),
            ctx.names if ctx else (), ctx.phrase if ctx else None, lead))

    def _extend(self, b: int) -> None:
        last = self.items[-1]
        _, nb = trim_item(self.v, last.a, b)
        last.b = max(last.b, nb)

    def _sentence(self, a: int, b: int, *, first_of_bullet: bool) -> None:
        v = self.v
        a, b = trim_item(v, a, b)
        if b <= a:
            return
        s = v[a:b]
        d = _directive(s)
        if d is not None:
            self.ctx = _Context(d.names, d.modality, (a + d.phrase[0], a + d.phrase[1]))
            colon = s.find(":", d.modal_end)
            if colon >= 0 and ";" not in s[d.modal_end:colon]:
                self.in_list = True
                if s[colon + 1 :].strip():
                    self._list_text(a + colon + 1, b, new_first=True)
                return
            self.in_list = False
            self.items.append(Item(a, b, "recommendation", d.modality, d.names,
                                    self.ctx.phrase, False))
            return
        if self.in_list:
            self._list_text(a, b, new_first=first_of_bullet)
            return
        predicate = _evaluative(s)
        if predicate:
            self._emit(a, b, "conclusion", predicate)
        elif first_of_bullet and self.ctx is not None:
            self._emit(a, b, "recommendation", lead=True)
        elif self.items:
            self._extend(b)
        else:
            self._emit(a, b, "conclusion", "statement")

    def _list_text(self, a: int, b: int, *, new_first: bool) -> None:
        for i, (pa, pb) in enumerate(semicolon_items(self.v, a, b)):
            if i == 0 and not new_first:
                predicate = _evaluative(self.v[pa:pb])
                if predicate:
                    self._emit(pa, pb, "conclusion", predicate)
                elif self.items:
                    self._extend(pb)
                else:
                    self._emit(pa, pb, "recommendation", lead=True)
            else:
                self._emit(pa, pb, "recommendation", lead=True)

