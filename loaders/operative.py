"""What a sentence of a CEPA text asks, and of whom: its modality and its addressees.

The shapes read (`tests/data/archive/README.md`, rule book 5 and 6; `loaders/layouts/session.md`):

- a resolution paragraph, verb first: "Encourages Member States to ...", "Requests the
  Secretariat to:" (a lead-in: its items inherit verb and addressee), "Reaffirms the need ...";
- the Committee speaking: "The Committee urges the Secretariat and the Council to ...",
  "It recommended that Governments review ...", "The Committee stressed that the Secretariat
  should ..." (a verb of the list wins over an embedded "should"), with a clause before it
  ("Also, wary of ..., the Committee recommends that ...");
- a directive: "Member States should / need to / must ...", after a clause or an adverb
  ("Because ..., Member States need to ...", "Secondly, Governments should ...").

An addressee is what the sentence addresses (the subject of the modal, the object of the verb,
the subject of the that-clause) and resolves to an actor: a gazetteer name, or a phrase whose
head is an actor noun ("schools of public administration", "finance ministries"). Other
subjects ("budget reforms should be linked ...") address no one. Pure functions, offsets into
the document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.loaders.spans import Span

__all__ = ["MODALITIES", "Addressee", "Operative", "modality_of", "read_operative"]

#: Operative verbs and the modality each gives (the rule book's lemmas).
VERBS: dict[str, tuple[str, ...]] = {
    "recommends": ("recommends", "recommend", "recommended", "recommending"),
    "urges": ("urges", "urge", "urged"),
    "requests": ("requests", "request", "requested", "asks", "ask", "asked"),
    "encourages": ("encourages", "encourage", "encouraged"),
    "invites": ("invites", "invite", "invited"),
    "calls-upon": ("calls upon", "calls on", "call upon", "call on", "called upon", "called on",
                   "appeals to", "appealed to"),
    "notes": ("notes", "noted", "takes note", "took note", "note"),
    "emphasizes": ("emphasizes", "emphasises", "emphasized", "emphasised", "emphasize"),
    "stresses": ("stresses", "stressed", "stress"),
    "reaffirms": ("reaffirms", "reaffirmed", "reaffirm"),
    "welcomes": ("welcomes", "welcomed", "welcome"),
    "decides": ("decides", "decided", "decide"),
    "underscores": ("underscores", "underscored", "underlines", "underlined"),
}
MODALITIES = (*VERBS, "should", "other")
_FORM_TO_LEMMA = {form: lemma for lemma, forms in VERBS.items() for form in forms}
_VERB = "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in _FORM_TO_LEMMA),
                        key=len, reverse=True))
#: Verbs that take their addressee as an object ("urges X to"), not a that-clause.
_OBJECT_VERBS = {"urges", "requests", "encourages", "invites", "calls-upon", "recommends"}

_ADVERBS = r"(?:(?:also|further|furthermore|strongly|therefore|again|once\s+again|in\s+particular)\s+)*"
_SPEAKER = (r"(?:the\s+|this\s+)?(?:Committee(?:\s+of\s+Experts(?:\s+on\s+Public\s+Administration)?)?"
            r"|CEPA|experts|members\s+of\s+the\s+Committee"
            # ("The draft report adopted by CEPA underscored the need for ...")
            r"|(?:draft\s+)?report\s+adopted\s+by\s+(?:CEPA|the\s+Committee)"
            r"|it|(?:Economic\s+and\s+Social\s+)?Council|ECOSOC|General\s+Assembly|Assembly)")
_COMMITTEE = re.compile(rf"(?:^|(?<=[,;:]\s)|(?<=\bthat\s)|(?<=\band\s))\W*{_SPEAKER}\s+"
                        rf"{_ADVERBS}(?P<verb>{_VERB})\b", re.I)
_VERB_FIRST = re.compile(rf"^\W*{_ADVERBS}(?P<verb>{_VERB})\b", re.I)
_MODAL = re.compile(
    r"\b(?:also\s+)?(?:should|must|shall|ought\s+to)(?:\s+also)?\b"
    r"|\b(?:also\s+)?needs?\s+(?:also\s+)?to\b|\b(?:has|have)\s+to\b"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:encouraged|invited|requested|urged|called\s+upon|expected)"
    r"\s+to\b", re.I)
_PASSIVE = re.compile(r"(?:is|are)\s+(?:also\s+)?(encouraged|invited|requested|urged|called\s+upon|"
                      r"expected)\s+to")
_THAT = re.compile(r"\s*(?:,\s*)?that\b\s*", re.I)
_NP_END = re.compile(r"\s+(?:to|that|in\s+order)\b|\s*[:;(]|\s*,\s+(?:in|on|for|with|by|as|at|"
                     r"through|which|who|where|when|including)\b", re.I)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as|together\s+with)\s+"
                    r"|\s*/\s*", re.I)
_DETERMINERS = re.compile(r"^(?:the|all|both|relevant|other|its|their|interested|concerned|"
                          r"national|respective|individual)\s+", re.I)
#: Head nouns that make a phrase an actor when the gazetteer does not know it.
ACTOR_NOUNS = frozenset("""
    governments government states countries ministries ministry agencies agency institutions
    institution organizations organisations organization organisation bodies body commissions
    commission councils council schools universities academies institutes partners donors
    stakeholders communities authorities parliaments legislatures administrations
    administrators managers leaders officials servants societies sector secretariat
    secretary-general system offices office departments department divisions division
    networks banks funds programmes programs entities regions municipalities cities
    associations unions missions members parties committee centres centers companies firms
    enterprises corporations media academia foundations ngos delegations experts practitioners
""".split())
_NOT_IN_NAME = frozenset({"and", "or", "is", "are", "was", "were", "be", "been", "that", "which",
                          "who", "it", "this", "there", "these", "those", "if", "when", "should",
                          "must", "will", "would", "can", "could", "may", "not", "no"})
_NOT_ACTORS = frozenset({"efforts", "reforms", "policies", "data", "plans", "services",
                         "measures", "tools", "sdgs", "goals", "targets", "principles"})


@dataclass(frozen=True)
class Addressee:
    name: str  # as written, article dropped: "Secretariat", "schools of public administration"
    span: Span


@dataclass(frozen=True)
class Operative:
    """What a sentence asks: its modality, addressees, and whether it is a lead-in (ends with
    ':' and hands verb and addressee to the items under it)."""

    modality: str
    addressees: tuple[Addressee, ...]
    lead_in: bool = False


def modality_of(phrase: str) -> str:
    """The rule book's lemma for a verb or modal as written ("need to" -> "should")."""
    key = " ".join(phrase.lower().split())
    key = re.sub(r"^(?:also|further|strongly)\s+|\s+also$", "", key)
    if key in _FORM_TO_LEMMA:
        return _FORM_TO_LEMMA[key]
    passive = _PASSIVE.fullmatch(key)
    if passive:  # "are encouraged to": the verb's own lemma, as an active sentence gets
        return _FORM_TO_LEMMA.get(" ".join(passive.group(1).split()), "should")
    if _MODAL.fullmatch(phrase.strip()) or key in ("need to", "needs to", "must", "should"):
        return "should"
    return "other"


def _pieces(phrase: str) -> list[tuple[int, int]]:
    """The parts of a phrase between "and", "or", commas and slashes."""
    out, pos = [], 0
    for m in _SPLIT.finditer(phrase):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(phrase)))
    return out


_MODIFIER = re.compile(r"^\s*(?:of|to|in|at|for|from|within|at\s+all\s+levels|themselves|"
                       r"concerned|alike|[a-z]+ing)\b", re.I)


def _names(text: str, start: int, end: int, is_actor: IsActor, *,
           clause: bool = False, whole: bool = False) -> tuple[Addressee, ...]:
    """The actors named in the noun phrase text[start:end] ("the Secretariat and the Economic
    and Social Council"). Parts that only make a name together are joined ("Economic and Social
    Council"); each part gives its longest leading actor name. In a clause (`clause`), the
    subject ends with the first part that goes on past its name: there the verb begins. With
    `whole`, every part must be a name (a modifier after it aside: "the Secretariat to the
    United Nations"), else the phrase names no one."""
    phrase = text[start:end]
    if not phrase.strip():
        return ()
    pieces = _pieces(phrase)
    out: list[Addressee] = []
    i = 0
    while i < len(pieces):
        a = pieces[i][0]
        joined = None
        for j in range(len(pieces) - 1, i, -1):  # the longest run of parts that is one name
            candidate = phrase[a: pieces[j][1]]
            if is_actor.known(candidate):
                joined = j
                break
        b = pieces[joined][1] if joined is not None else pieces[i][1]
        name_end = is_actor.leading_name(phrase[a:b])
        rest = phrase[a + name_end: b]
        if whole and name_end and _MODIFIER.match(rest) and len(rest.split()) <= 5 and \
                not is_actor.known(phrase[a: a + name_end]):
            name_end = len(phrase[a:b].rstrip(" ,;"))  # a group as written: "Countries
            # emerging from conflict", "Governments of small island States"
        if name_end:
            piece = phrase[a: a + name_end]
            lead = len(piece) - len(piece.lstrip())
            out.append(Addressee(_bare(piece), Span(start + a + lead,
                                                   start + a + len(piece.rstrip()))))
        elif clause and out:
            break
        rest = phrase[a + name_end: b]
        if whole and rest.strip(" ,;") and (not name_end or not _MODIFIER.match(rest)):
            return ()
        if clause and rest.strip(" ,;"):
            break  # the part goes on past its name: the verb
        i = (joined if joined is not None else i) + 1
    return tuple(out)


def _bare(name: str) -> str:
    return _DETERMINERS.sub("", " ".join(name.split())).strip(" ,;.")


class IsActor:
    """Which phrases name actors: the gazetteer's names, or phrases whose head is an actor
    noun ("finance ministries", "local councils", "schools of government")."""

    def __init__(self, gazetteer: object) -> None:
        self.gazetteer = gazetteer

    def known(self, phrase: str) -> bool:
        """The gazetteer knows the whole phrase (article and determiners aside)."""
        bare = _bare(phrase)
        return bool(bare) and self.gazetteer.resolve(bare) is not None  # type: ignore[attr-defined]

    def leading_name(self, phrase: str) -> int:
        """The length of the longest actor name `phrase` begins with (0: none): a gazetteer
        name, else words ending in an actor noun (at most six, no conjunction)."""
        words = list(re.finditer(r"[^\s]+", phrase))
        best = 0
        for k in range(min(len(words), 12), 0, -1):
            end = words[k - 1].end()
            candidate = phrase[:end].rstrip(",;:.)")
            if self.known(candidate):
                return len(candidate)
            if not best and k <= 6:
                bare = _bare(candidate).lower()
                tokens = re.findall(r"[a-z][a-z-]*", bare)
                if tokens and tokens[-1] in ACTOR_NOUNS and tokens[0] not in _NOT_ACTORS \
                        and not _NOT_IN_NAME & set(tokens) and re.match(r"[A-Za-z]", bare):
                    best = len(candidate)
        return best

    def __call__(self, phrase: str) -> bool:
        stripped = phrase.strip()
        return bool(stripped) and self.leading_name(stripped) >= len(stripped.rstrip(",;:.)"))


def _noun_phrase_end(text: str, start: int, end: int) -> int:
    m = _NP_END.search(text, start, end)
    return m.start() if m else end


def _object_of(text: str, at: int, end: int, is_actor: IsActor) -> tuple[Addressee, ...]:
    """The addressees after a verb: "urges [the Secretariat and X] to ...", "requests [the
    Secretariat] to:"; a that-clause's subject ("recommends that [Governments] review")."""
    while at < end and text[at] in " \t\n":
        at += 1
    that = _THAT.match(text, at, end)
    if that:
        return _clause_subject(text, that.end(), end, is_actor)
    stop = _noun_phrase_end(text, at, end)
    return _names(text, at, stop, is_actor)


def _clause_subject(text: str, at: int, end: int, is_actor: IsActor) -> tuple[Addressee, ...]:
    """The subject of a that-clause: the actors it begins with, up to its verb or modal."""
    modal = _MODAL.search(text, at, end)
    if modal and len(text[at:modal.start()].split()) <= 12:
        return _names(text, at, modal.start(), is_actor)
    return _names(text, at, min(end, at + 200), is_actor, clause=True)


_EMBEDDED = re.compile(r"\b(?:to|and)\s+(?:invite|request|urge|encourage|call\s+upon|ask)s?\s+",
                       re.I)


def _embedded(text: str, span: Span, is_actor: IsActor) -> tuple[Addressee, ...]:
    """Addressees of a second operative verb inside the sentence ("Reaffirms the value of
    consulting citizens ... and to invite the Secretariat to gather ...")."""
    out: list[Addressee] = []
    for m in _EMBEDDED.finditer(text, span.start, span.end):
        out.extend(_object_of(text, m.end(), span.end, is_actor))
    return tuple(out)


def _with(op: Operative, extra: tuple[Addressee, ...]) -> Operative:
    names = {a.name.lower() for a in op.addressees}
    more = tuple(a for a in extra if a.name.lower() not in names)
    return Operative(op.modality, op.addressees + more, op.lead_in) if more else op


def read_operative(text: str, span: Span, is_actor: IsActor) -> Operative | None:
    """The modality and addressees of the sentence text[span], or None if it asks nothing
    (no operative verb, no Committee speaking, no directive)."""
    op = _read_operative(text, span, is_actor)
    if op is None:
        return None
    return _with(op, _embedded(text, span, is_actor))


def _read_operative(text: str, span: Span, is_actor: IsActor) -> Operative | None:
    s, e = span.start, span.end
    sentence = text[s:e]
    lead_in = sentence.rstrip().endswith(":")
    m = _VERB_FIRST.match(sentence)
    if m:
        lemma = _FORM_TO_LEMMA[" ".join(m.group("verb").lower().split())]
        who: tuple[Addressee, ...] = _object_of(text, s + m.end(), e, is_actor) if (
            lemma in _OBJECT_VERBS or _THAT.match(text, s + m.end(), e)) else ()
        return Operative(lemma, who, lead_in)
    m = _COMMITTEE.search(sentence)
    if m:
        lemma = _FORM_TO_LEMMA[" ".join(m.group("verb").lower().split())]
        after = s + m.end()
        that = _THAT.match(text, after, e)
        if that:
            who = _clause_subject(text, that.end(), e, is_actor)
        elif lemma in _OBJECT_VERBS:
            who = _object_of(text, after, e, is_actor)
        else:
            who = ()
        return Operative(lemma, who, lead_in)
    modal = _MODAL.search(sentence)
    if modal:
        head_start = _subject_start(sentence, modal.start())
        if head_start is None:
            return None
        # the subject must be actors only ("budget reforms should be linked" asks no one);
        # after a clause ("The experts concluded that, to cope ..., governments should") it
        # begins after the clause's last comma or "that"
        who = ()
        head = sentence[head_start: modal.start()]
        starts = [head_start] + [head_start + m.end() for m in
                                 re.finditer(r",\s*|\bthat\s+", head)][::-1]
        for at in starts:
            who = _names(text, s + at, s + modal.start(), is_actor, whole=True)
            if who:
                break
        return Operative("should", who, lead_in)
    return None


_FRONTED = re.compile(r"^(?:firstly|secondly|thirdly|finally|lastly|first|second|third|"
                      r"moreover|furthermore|additionally|in\s+addition|similarly|likewise|"
                      r"also|therefore|hence|thus|accordingly|to\s+that\s+end|in\s+particular)"
                      r"\s*,?\s+", re.I)
_SUBORDINATE = re.compile(r"^(?:because|given|since|as|while|although|though|if|when|where|"
                          r"whereas|in\s+order|to\s+\w+|with|for|considering|recognizing|"
                          r"noting|by|through|after|before|despite|once|unless|based)\b", re.I)


def _subject_start(sentence: str, modal_at: int) -> int | None:
    """Where the subject of the modal begins: after a fronted adverb or a leading clause
    ("Because ..., Member States need to"); None when no subject can be told apart."""
    head = sentence[:modal_at]
    lead = len(head) - len(head.lstrip(" \t\n\"'“(-•*"))
    rest = head[lead:]
    m = _FRONTED.match(rest)
    if m:
        lead += m.end()
        rest = head[lead:]
    if _SUBORDINATE.match(rest):
        cut = head.rfind(",")
        if cut < lead:
            return None
        return cut + 1
    return lead
