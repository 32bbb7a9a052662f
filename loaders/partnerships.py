"""Collaborations reported in a text: parties, purpose and status ("agreed", "explored",
"proposed", "requested"), read from cue wording and the organisations around it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cepa_kg.loaders.folding import fold
from cepa_kg.loaders.organisations_in_text import follows_slash
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention, Partnership

__all__ = ["chain_forward", "find_partnerships"]

# (status, verbal, pattern): a verbal cue has a subject ("X agreed to ..."); a nominal one may
# not ("in partnership with X"); None: an outcome whose parties follow ("the agreed outcomes
# of a meeting between X and Y").
_CUES: tuple[tuple[str, bool | None, re.Pattern[str]], ...] = tuple(
    (status, verbal, re.compile(p, re.I))
    for status, verbal, p in (
        ("proposed", True, r"\bproposed\s+(?:a\s+|an\s+)?(?:new\s+)?(?:partnership|cooperation|"
                           r"collaboration|joint)\b"),
        ("proposed", True, r"\b(?:suggested|proposed)\s+(?:that\s+)?(?:\S+\s+){0,3}?"
                           r"(?:collaborat\w*|cooperat\w*|partner\w*|work\s+with)\b(?:\s+with\b)?"),
        ("proposed", True, r"\b(?:suggested|proposed|identified)\s+(?:\S+\s+){0,2}?(?:areas|fields|"
                           r"ways|topics|options)\s+(?:for|of)\s+(?:future\s+)?(?:cooperation|"
                           r"collaboration|partnership)\b"),
        # "the Government of X offered to extend its support to UNPOG until 2030"
        ("proposed", True, r"\b(?:proposed|offered|pledged)\s+to\s+(?:extend|provide|continue|renew|"
                           r"increase)\s+(?:its|their|his|her)\s+(?:financial\s+)?support\s+(?:to|for)\b"),
        ("requested", True, r"\b(?:appealed|called)\s+(?:up)?on\b|\bappealed\s+to\b|"
                            r"\b(?:were|was|been|has|have)\s+requested\s+(?:to\s+provide\s+"
                            r"support|to\s+assist|to\s+support)\b|\brequested\s+(?:the\s+)?"
                            r"(?:support|assistance|advisory\s+services)\b|\brequested\s+(?:\S+\s+){1,4}?to\s+"
                            r"(?:provide|support|assist)\b|\binvited\s+(?:\S+\s+)"
                            r"{0,4}?to\s+(?:provide\s+support|support|assist)\b"),
        ("agreed", True, r"\bagreed\s+to\s+(?:pursue|collaborate|cooperate|work|partner|"
                         r"establish|join|strengthen|develop|launch|co-organi[sz]e)\b|"
                         r"\bagreed\s+(?:on\s+)?(?:a\s+|the\s+)?(?:partnership|cooperation|"
                         r"collaboration)\b|\bagreed\s+to\s+(?:jointly|together)\b|"
                         r"\bagreed\s+to\s+(?:[\w-]+\s+){1,6}?(?:jointly|together)\b"),
        ("agreed", None, r"\b(?:were|was|are|is)\s+the\s+agreed\s+outcomes?\b|"
                         r"\bagreed\s+outcomes?\b"),
        ("agreed", True, r"\bwill\s+(?:jointly\s+)?(?:collaborate|cooperate|partner|work\s+"
                         r"together)\b"),
        ("agreed", True, r"\b(?:has|have|had)\s+been\s+working\s+(?:closely\s+)?with\b|"
                         r"\bworking\s+closely\s+with\b"),
        ("agreed", True, r"\b(?:has|have|had)\s+(?:jointly\s+)?implemented\b"),
        ("agreed", True, r"\bpledged\s+(?:their|its)\s+(?:cooperation|support|collaboration)\b"),
        # a signing still to come: "is scheduled to sign memorandums of understanding (MOUs)
        # with X", "looks to sign an MoU with Y", "will sign an agreement with Z"
        ("proposed", True, r"\b(?:(?:is|are)\s+(?:also\s+)?(?:scheduled|expected|set|due|planning|"
                           r"going)\s+to(?:\s+[^.;]{1,160}?,?\s+and\s+to)?|looks?\s+to|plans?\s+to|"
                           r"intends?\s+to|will(?:\s+also)?)\s+"
                           r"sign\s+(?:a\s+|an\s+|the\s+)?(?:new\s+)?(?:(?:[Cc]ooperation|[Ff]ramework|"
                           r"[Pp]artnership)\s+)?(?:memorand(?:um|ums|a)(?:\s+of\s+understanding)?|"
                           r"[Aa]greements?|MoUs?|MOUs?)\b(?:\s*\([A-Za-z]{2,6}\))?"
                           # (with a body named: "with a number of partners" names none)
                           r"(?=[^.;]{0,40}?\bwith\s+(?:the\s+)?(?-i:[A-Z]))"),
        # "signed a MoU", "signed this Tuesday a memorandum", "by signing a memorandum", "the
        # signing of the Memorandum of Understanding between X and Y"
        ("agreed", True, r"\bsign(?:ed|ing)\s+(?:of\s+)?(?:(?:this|last|on|in)\s+[A-Z]?[a-z]+\s+)?"
                         r"(?:a\s+|an\s+|the\s+)?(?:new\s+)?(?:(?:[Cc]ooperation|[Ff]ramework|"
                         r"[Pp]artnership|[Cc]ollaboration)\s+)?(?:memorandum(?:\s+of\s+"
                         r"understanding)?|[Aa]greement|MoU|[Ll]etter\s+of\s+[Ii]ntent|"
                         r"[Dd]eclaration\s+of\s+[Ii]ntent)\b(?:\s*\([A-Za-z]{2,6}\))?"),
        # "A Contribution Agreement has been concluded between X and Y": the agreement named
        # first, its parties after it (not "the MoU was signed by": its signatories)
        ("agreed", None, r"\b(?:[Aa]greement|[Mm]emorandum(?:\s+of\s+[Uu]nderstanding)?|MoU|"
                         r"[Ll]etter\s+of\s+[Ii]ntent|[Dd]eclaration\s+of\s+[Ii]ntent|"
                         r"[Aa]rrangement)\s+(?:\([A-Za-z]{2,6}\)\s+)?"
                         # (what it is about: "a Declaration of Intent on e-government
                         # cooperation was signed between X, Y and Z")
                         r"(?:(?:on|for|in)\s+[^.;,]{1,80}?\s+)?(?:(?:has|have|was|were)\s+"
                         r"(?:been\s+)?)?(?:concluded|signed|reached|agreed)\s+between\b"),
        # "The agreement was signed by Ambassador A for Italy and Under-Secretary-General B for
        # UNDESA": the parties each signatory signed for
        ("agreed", None, r"\b(?:[Aa]greement|[Mm]emorandum(?:\s+of\s+[Uu]nderstanding)?|MoU|MOU)\s+"
                         r"(?:was|were|has\s+been|have\s+been)\s+signed\s+by\b"
                         r"(?=[^.;]{2,160}?\sfor\s[^.;]{2,160}?\sand\s[^.;]{2,120}?\sfor\s)"),
        # "An agreement between X and Y was signed", "a new memorandum between X and Y has
        # been concluded": the parties after it, the signing later in the sentence
        ("agreed", None, r"\b(?:[Aa]n?|[Tt]he)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:agreement|"
                         r"memorandum(?:\s+of\s+understanding)?|MoU|letter\s+of\s+intent|"
                         r"joint\s+programme)\s+between\b(?=[^.]{0,250}\b(?:was|were|has\s+been|"
                         r"have\s+been|is|are)\s+(?:formally\s+)?(?:signed|concluded|reached|"
                         r"renewed)\b)"),
        # "X and Y renewed their partnership agreement", "launched a joint programme", "committed
        # to work together"
        ("agreed", True, r"\b(?:renewed|extended|signed)\s+(?:their|its|a|an|the)\s+(?:[\w-]+\s+)"
                         r"{0,2}?(?:partnership|cooperation|collaboration)\s+(?:agreement|"
                         r"arrangement|framework)\b|\b(?:launched|established|set\s+up)\s+(?:a|an|"
                         r"the)\s+(?:new\s+)?joint\s+(?:programme|project|initiative|platform)\b|"
                         r"\bcommitted\s+to\s+(?:work(?:ing)?\s+together|cooperat\w+|"
                         r"collaborat\w+)\b"),
        # "X has endorsed close communication and coordination ... with Y"
        ("agreed", True, r"\b(?:has|have|had)\s+endorsed\s+(?:close\s+|closer\s+)?(?:communication|"
                         r"coordination|cooperation|collaboration|partnership)(?:\s+and\s+"
                         r"(?:communication|coordination|cooperation|collaboration))?\b"),
        ("agreed", False, r"\bco-?organi[sz]ed\s+by\b"),
        ("requested", False, r"\bat\s+the\s+(?:request|invitation)\s+of\b"),
        ("agreed", False, r"\bin\s+(?:partnership|collaboration|cooperation)\s+with\b"),
        # "meetings to discuss further collaboration between the two institutions": explored
        # (before the nominal "collaboration between", which it contains)
        ("explored", True, r"\bto\s+discuss\s+(?:further\s+|possible\s+|future\s+)?"
                           r"(?:collaboration|cooperation|partnership)\b"),
        ("agreed", False, r"\b(?:collaboration|cooperation|partnership)\s+(?:(?:project|"
                          r"programme|agreement|framework)\s+)?(?:between|with)\b"),
        ("explored", True, r"(?:\bin\s+an?\s+)?\bexploratory\b(?:\s+(?:mission|visit|meeting|"
                           r"talks))?(?:\s+to\s+explore\b)?|\bto\s+explore\b|\bexploring\b|"
                           r"\bexplored\s+(?:a|an|the|possible|further|joint|new|ways|options)\b"),
        ("explored", True, r"\bexpress(?:ed|ing)\s+(?:a\s+)?(?:strong\s+|keen\s+|great\s+)?"
                           r"interest\b|\bexpressed\s+in\s+principle\b|\binterested\s+in\b"),
        ("explored", True, r"\bready\s+to\s+(?:collaborate|cooperate|partner)\b|"
                           r"\bagreed\s+to\s+consider\b|\bpossible\s+(?:ways\s+of\s+)?"
                           r"(?:collaboration|cooperation|partnership)\b"),
        ("explored", True, r"\blook(?:ed|ing|s)?\s+(?:in)?to\s+(?:\w+\s+){0,2}?(?:ways|"
                           r"possibilities|options|avenues)\s+(?:of|for|to)\s+(?:working\s+"
                           r"together|collaborat\w*|cooperat\w*|partner\w*)\b"),
        ("requested", True, r"\basked\s+(?:\S+\s+){1,4}?to\s+(?:help|assist|support|provide|"
                            r"advise)\b|\basked\s+(?:\S+\s+){1,4}?for\s+(?:[\w-]+\s+){0,2}?"
                            r"(?:support|assistance|help|advice)\b"),
        ("requested", False, r"\brequest\s+(?:from|by|of)\b"),
        ("requested", True, r"\brequested\s+(?:\S+\s+){1,6}?to\s+(?:hold|organi[sz]e|provide|support|"
                            r"assist|help|conduct|advise|deliver|run)\b"),
        # something two bodies launched together ("The Global Centre was launched by DESA and
        # the Inter-Parliamentary Union in 2005"): its parties after it
        ("agreed", None, r"\b(?:was|were|has\s+been|had\s+been)\s+(?:jointly\s+)?launched\s+by\b"
                          r"(?=[^.;]{2,120}?\s(?:and|&)\s)"),
        # the same in French, Spanish and Portuguese: "l'UNODC et UNDESA ont convenu de
        # collaborer", "en partenariat avec", "en colaboración con", "em parceria com"
        ("agreed", True, r"\bont\s+convenu\s+de\s+(?:collaborer|coop[ée]rer|travailler\s+"
                         r"ensemble)\b|"
                         r"\bacordaron\s+(?:colaborar|cooperar|trabajar\s+juntos)\b|"
                         r"\bconcordaram\s+em\s+(?:colaborar|cooperar|trabalhar\s+juntos)\b"),
        ("agreed", False, r"\b(?:en\s+partenariat|dans\s+le\s+cadre\s+du\s+partenariat\s+"
                          r"strat[ée]gique)\s+avec\b|\ben\s+colaboraci[óo]n\s+con\b|"
                          r"\bem\s+parceria\s+com\b"),
        # "UN DESA ... and IASIA have established in 2023 a Task Force to review ..."
        ("agreed", True, r"\b(?:have|has|had)\s+(?:jointly\s+)?established\s+"
                         r"(?:in\s+(?:19|20)\d\d\s+)?(?:a|an|the)\s+(?:new\s+)?(?:joint\s+)?(?:[\w-]+\s+){0,2}?(?:Task\s+Force|"
                         r"working\s+group|network|centre|center|platform|alliance)\b"),
        # "X has a working relationship with Y", "X has entered into agreement with A, B and
        # C" (each its partner)
        ("agreed", True, r"\b(?:has|have|had|enjoys?|maintains?|developed)\s+(?:a|an)\s+"
                         r"(?:close\s+|long-standing\s+|strong\s+|formal\s+)?working\s+"
                         r"relationship\s+with\b|\bentered\s+into\s+(?:an?\s+|the\s+)?(?:new\s+)?"
                         r"(?:agreements?|partnerships?|memorand(?:um|a|ums)(?:\s+of\s+"
                         r"understanding)?|MoUs?)\s+with\b"),
        # "UN DESA partnered with X", "teamed up with", "joined forces with", "have been
        # cooperating since 2006", "will work with UNDP to ..."
        ("agreed", True, r"\b(?:partnered|(?<!\bas\s)(?<!\bare\s)partners|teamed\s+up|"
                         r"joined\s+(?:forces|hands))\s+with\b|"
                         r"\b(?:has|have|had)\s+been\s+(?:cooperating|collaborating|partnering)\b|"
                         # ("UN DESA is partnering with X", "A and B have joined forces to ...")
                         r"\b(?:is|are|was|were)\s+partnering\s+with\b|"
                         r"\b(?:has|have|had)\s+(?:joined\s+forces|teamed\s+up)\b|"
                         r"\bwill\s+(?:also\s+)?work\s+(?:closely\s+)?with\b"),
        # "UNDP and UN DESA launched a new partnership", "a joint initiative of X and Y" (a
        # meeting two bodies organise together is no partnership of its own: see "co-organized")
        ("agreed", True, r"\b(?:launched|established|formed|forged)\s+(?:a|an|the)\s+(?:new\s+)?"
                         r"(?:strategic\s+)?partnership\b"),
        ("agreed", None, r"\ba\s+joint\s+(?:effort|initiative|undertaking)\s+(?:of|by|between)\b"),
        # an agreement of another kind signed or renewed: "signed a host country agreement",
        # "renewed the trust fund agreement"
        ("agreed", True, r"\b(?:signed|renewed|extended)\s+(?:a|an|the|their|its)\s+(?:new\s+)?"
                         r"(?:[\w-]+\s+){1,3}?(?:agreement|arrangement|memorandum)\b"),
    )
)
_CHAIN_GAP = re.compile(
    r"(?:\s+|[,/()]|[’']s\b|\b(?:and|the|of|for|through|from|staff|representatives?|"
    # (French, Spanish, Portuguese: "l'UNODC et le Département ... ont convenu")
    r"et|le|la|les|l[’']|du|des|y|el|los|las|e|os|as|do|da|"
    r"delegations?|team|a|an|also|has|have|had|will|both|together|jointly|its|their|"
    r"including|in\s+(?:collaboration|cooperation|partnership)\s+with|met\s+with|meets?\s+with|"
    # ("X, in Guimarães (Portugal), and Y signed": where X is)
    r"in(?=\s+[A-Z])|acting\s+through|represented\s+by|"
    r"with|between)\b|\b[A-Z][\w’'-]*\b)*",
)
#: What leads from a cue to its object: "with", "between", after a short phrase; one set off by
#: commas too ("signed a Memorandum of Understanding (MoU), on Monday, with X").
_TO_CHAIN = re.compile(r"(?:[^.;,]{0,40}?|,[^.;,]{1,30},\s*)\b(?:with|between)\b", re.I)
_ACTING_FOR = re.compile(r"\bacting\s+through\s+(?:the\s+|its\s+)?$")
_OF_CHAIN = re.compile(r"\s+(?:of|from)\b", re.I)
_BOTH_SIDES = re.compile(r"^(?:The\s+two\s+sides|Both\s+sides|Both\s+parties|The\s+parties)\b")
_MET = re.compile(r"\b(?:met|meets|visited|visits|called\s+on|calls\s+on|received|welcomed|"
                  r"hosted)\b", re.I)
_THE_TWO = re.compile(r"\b(?:between|of)\s+the\s+two\s+(?:institutions|organi[sz]ations|entities|"
                      r"bodies|offices|agencies)\b", re.I)
_BACKREF = re.compile(r"\b(?:also|join|them|they|their|respectively|such)\b", re.I)
_FILLER = re.compile(
    r"(?:\s+|[,:;()]|[ivx]+\)|\([A-Za-z]+\)|"
    r"\b(?:to|in|for|on|towards|toward|of|with|between|through|and|the|a|an|its|their|his|her|"
    r"further|possible|possibly|ways?|explore|exploring|pursue|pursuing|consider|considering|"
    r"cooperation|collaboration|partnership|partnerships|collaborate|cooperate|collaborating|"
    r"cooperating|partnering|partner|opportunities|opportunity|interest|join|them|it|provide|"
    r"support|help|assist|come|together|contribute|matters|has|have|been|be|also|invited|visit|"
    r"further|strengthened|strengthen|areas?|fields?|ready|closely|working|work|jointly|"
    r"possibility|strong|keen|great|staff|team|representatives|"
    r"after\s+\w+\s+\d{4}|before\s+\w+\s+\d{4})\b)",
    re.I,
)
_BOUNDARY = re.compile(
    r"[.;:(]|,(?!\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:,|\s+and\s))|(?:^|\s+)(?:in\s+order|"
    r"with(?!in)|as\s+well\s+as|which|that|where|whose|who|during|(?<!represented\s)by|through|"
    r"within|and\s+also|"
    r"and\s+(?:expressed|agreed|will|to|brought|was|were|is|are|has|have|had)|respectively|"
    r"so\s+that|on\s+\d)\b"
)
_MAX_WORDS = 12
_AGREED_JOINTLY = re.compile(r"agreed\s+to\s+(\S.*?)\s+(?:jointly|together)$", re.I | re.S)


class _Cue:
    def __init__(self, status: str, verbal: bool | None, span: Span) -> None:
        self.status, self.verbal, self.span = status, verbal, span


#: A word every cue contains: a sentence without one has no cue (tests/test_update.py checks
#: it against every cue). `_CUE_WORDS` says the same per cue, and is what `_cues` tests.
_TRIGGER = re.compile(
    r"propos|suggest|appeal|call|request|invit|agree|will\s|working|implemented|pledg|sign|offer"
    r"|organi[sz]|partner|collaborat|cooperat|explor|express|interest|ready|possib|ways|discuss|"
    r"options|avenues|asked|conclud|reach|endorse|renew|extend|launch|establish|set\s+up|commit|"
    r"teamed|joined|joint|work\s+with|work\s+closely|formed|forged|entered\s+into|"
    r"convenu|acordaron|concordaram|partenariat|colaboraci|parceria",
    re.I)


#: For each of `_CUES` (same order), words one of which every match of it contains (lower
#: case): a cue whose words a sentence lacks is not searched for, and most sentences have
#: none. Substring tests on the folded sentence are much cheaper than a case-blind regex.
_CUE_WORDS: tuple[frozenset[str], ...] = tuple(frozenset(words) for words in (
    ("proposed",),
    ("suggested", "proposed"),
    ("suggested", "proposed", "identified"),
    ("proposed", "offered", "pledged"),
    ("appealed", "called", "requested", "invited"),
    ("agreed",),
    ("agreed",),
    ("will",),
    ("working",),
    ("implemented",),
    ("pledged",),
    ("sign ",),
    ("signed", "signing"),
    ("concluded", "signed", "reached", "agreed"),
    ("signed by",),
    ("signed", "concluded", "reached", "renewed"),
    ("renewed", "extended", "signed", "launched", "established", "set up", "committed"),
    ("endorsed",),
    ("co-organi", "coorgani"),
    ("request", "invitation"),
    ("partnership", "collaboration", "cooperation"),
    ("discuss",),
    ("collaboration", "cooperation", "partnership"),
    ("exploratory", "explore", "exploring", "explored"),
    ("express", "interested"),
    ("ready", "agreed", "possible"),
    ("ways", "possibilities", "options", "avenues"),
    ("asked",),
    ("request",),
    ("requested",),
    ("launched",),
    ("convenu", "acordaron", "concordaram"),
    ("partenariat", "colaboraci", "parceria"),
    ("established",),
    ("working relationship", "entered into"),
    ("partnered", "partners with", "teamed up", "joined forces", "joined hands", "been cooperating",
     "been collaborating", "been partnering", "partnering with", "work with", "work closely with"),
    ("partnership",),
    ("joint",),
    ("signed", "renewed", "extended"),
))
_ALL_CUE_WORDS = tuple(sorted(set().union(*_CUE_WORDS)))
def _cues(text: str, sentence: Span) -> list[_Cue]:
    """`_all_cues`, searching only for the cues whose words the sentence has."""
    folded = fold(sentence.of(text))
    present = {w for w in _ALL_CUE_WORDS if w in folded}
    if not present:
        return []
    cues = [cue for cue, words in zip(_CUES, _CUE_WORDS, strict=True)
            if not words.isdisjoint(present)]
    return _merged(text, _found(text, sentence, cues))


def _all_cues(text: str, sentence: Span) -> list[_Cue]:
    return _merged(text, _found(text, sentence, _CUES))


def _found(text: str, sentence: Span,
           cues: Sequence[tuple[str, bool | None, re.Pattern[str]]]) -> list[_Cue]:
    """Every match of `cues` in the sentence that overlaps no match of an earlier cue."""
    found: list[_Cue] = []
    for status, verbal, rx in cues:
        for m in rx.finditer(text, sentence.start, sentence.end):
            s = Span(m.start(), m.end())
            if any(s.start < c.span.end and c.span.start < s.end for c in found):
                continue
            found.append(_Cue(status, verbal, s))
    found.sort(key=lambda c: c.span)
    return found


def _merged(text: str, found: list[_Cue]) -> list[_Cue]:
    merged: list[_Cue] = []
    for c in found:  # "in an exploratory mission to explore possible ways of collaborating"
        if merged and not _CAPITAL.search(text, merged[-1].span.end, c.span.start) and (
            c.span.start - merged[-1].span.end < 40
        ):
            last = merged[-1]
            merged[-1] = _Cue(last.status, last.verbal or c.verbal,
                              Span(last.span.start, c.span.end))
            continue
        merged.append(c)
    return merged


def _chain_back(text: str, pos: int, marks: list[tuple[Span, ActorMention | None]],
                floor: int) -> list[ActorMention]:
    out: list[ActorMention] = []
    for s, a in reversed([x for x in marks if floor <= x[0].start and x[0].end <= pos]):
        if not _CHAIN_GAP.fullmatch(text[s.end : pos]):
            break
        if a is not None:
            out.insert(0, a)
        pos = s.start
    return out


def chain_forward(text: str, pos: int, marks: list[tuple[Span, ActorMention | None]],
                   ceil: int) -> tuple[list[ActorMention], int]:
    out: list[ActorMention] = []
    for s, a in [x for x in marks if x[0].start >= pos and x[0].end <= ceil]:
        if not _CHAIN_GAP.fullmatch(text[pos : s.start]):
            break
        if a is not None:
            out.append(a)
        pos = s.end
    return out, pos


def _qualifier(text: str, a: ActorMention, prev: ActorMention | None,
               nxt: ActorMention | None) -> bool:
    """A country that only qualifies a neighbouring organisation: "Ministry ... of the Republic
    of Korea", "China's State Commission ..."."""
    if a.kind != "country":
        return False
    if text[a.span.start - 1: a.span.start] == "(" and text[a.span.end: a.span.end + 1] == ")":
        return True  # "UNU-EGOV, in Guimarães (Portugal)": where a body or place is
    if prev is not None and _OF_THE.fullmatch(text[prev.span.end : a.span.start]):
        return True
    if prev is not None and prev.kind == "organization" and \
            _THEN_COUNTRY.fullmatch(text[prev.span.end : a.span.start]) and (
                nxt is None or not _LIST_GAP.fullmatch(text[a.span.end : nxt.span.start])):
        return True  # "the Chinese Academy of Governance (CAG), China and was done by ...": where
    # the body is (not "between DESA, China and Brazil": a list)
    return nxt is not None and bool(_POSSESSIVE.fullmatch(text[a.span.end : nxt.span.start]))


def _part_of_name(text: str, a: ActorMention, prev: ActorMention | None) -> bool:
    """A body named after "of" in another's name: its unit's, not a party of its own
    ("collaboration between the Division for X of the United Nations Department of Economic
    and Social Affairs (DPADM/UNDESA) and Y")."""
    return a.kind == "organization" and prev is not None and prev.kind == "organization" and \
        bool(_OF_THE.fullmatch(text[prev.span.end: a.span.start]))


_NOT_SEPARATOR = re.compile(r"[^ ,/()]")
_ACRONYM = re.compile(r"\s*\([A-Z][\w-]*\)")  # " (UNODC)"
_LAST_SMALL_WORD = re.compile(r"\s+(?:and|or|the|of|to|in|for|a|an)$")
_NOT_DIGIT = re.compile(r"[^\d]")
_THREE_LOWER = re.compile(r"[a-z]{3}")
_CAPITAL = re.compile(r"[A-Z]")
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")
_THEN_COUNTRY = re.compile(r"(?:\s*\([A-Z][\w/-]*\))?,\s+")
_LIST_GAP = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?|,\s*")
_POSSESSIVE = re.compile(r"[’']s\s+")
# ("... in cooperation with", "en partenariat avec")
_ENDS_BEFORE_OBJECT = re.compile(r"(?:with|between|to|by|of|from|avec|con|com)$", re.I)
_THE = re.compile(r"^(?:the|The)\s+")


def _purpose(text: str, start: int, end: int, skip: list[Span]) -> str:
    pos = start
    while pos < end:
        # a span to skip: one over `pos`, or one only separators (" ,/()") away from it
        sep = _NOT_SEPARATOR.search(text, pos)
        reach = sep.start() if sep else len(text)
        jump = next((s.end for s in skip if s.start <= pos < s.end or pos <= s.start <= reach),
                    None)
        if jump is not None and jump > pos:
            pos = jump
            continue
        m = _FILLER.match(text, pos, end)
        if not m or m.end() == pos:
            break
        pos = m.end()
    rest = text[pos:end]
    rest = _ACRONYM.sub("", rest)
    b = _BOUNDARY.search(rest)
    phrase = clean(rest[: b.start()] if b else rest).strip(" ,;:")
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        cut = max((i for i, w in enumerate(words[:_MAX_WORDS]) if i >= 3 and w in (
            "in", "for", "to", "on", "of", "with", "at")), default=_MAX_WORDS)
        phrase = " ".join(words[:cut])
    phrase = _LAST_SMALL_WORD.sub("", phrase)
    return phrase if _NOT_DIGIT.match(phrase) and _THREE_LOWER.search(phrase) else ""


def find_partnerships(text: str, sentences: list[Span], actors: list[ActorMention],
                  persons: list[tuple[Span, ActorMention | None]], person_apps: list[Span],
                  default: ActorMention | None, self_paths: set[str],
                  fallback: str) -> tuple[Partnership, ...]:
    """Collaborations reported in the item's sentences. A person named where a party is
    expected stands for their affiliation ("Mr. X, Ambassador of Brazil, expressed interest")."""
    out: list[Partnership] = []
    found: list[tuple[Partnership, bool]] = []
    marks = sorted([(a.span, a) for a in actors] + persons, key=lambda x: x[0])
    person_spans = [s for s, _ in persons]
    for k, sent in enumerate(sentences):
        if "respectively" in text[sent.start:sent.end].lower():
            paired = _respectively(text, sent, marks, actors, default, persons)
            if paired:
                found += [(p, True) for p in paired]
                out = _merge(found)
                continue
        cues = _cues(text, sent)
        if not cues:  # most sentences
            continue
        in_sent = [a for a in actors if sent.start <= a.span.start < sent.end]
        prev_subjects: list[ActorMention] = []
        for i, cue in enumerate(cues):
            floor = cues[i - 1].span.end if i else sent.start
            ceil = cues[i + 1].span.start if i + 1 < len(cues) else sent.end
            subjects = [] if cue.verbal is None else _chain_back(text, cue.span.start, marks,
                                                                  floor)
            inside = [a for a in in_sent if cue.span.start <= a.span.start < cue.span.end]
            objects: list[ActorMention] = []
            obj_end = cue.span.end
            lead = _TO_CHAIN.match(text, cue.span.end, ceil)
            of = _OF_CHAIN.match(text, cue.span.end, ceil) if cue.status == "requested" else None
            if _ENDS_BEFORE_OBJECT.search(text[cue.span.start : cue.span.end]):
                objects, obj_end = chain_forward(text, cue.span.end, marks, ceil)
            elif of:  # "requested the support of DPADM"
                objects, obj_end = chain_forward(text, of.end(), marks, ceil)
            elif lead:
                objects, obj_end = chain_forward(text, lead.end(), marks, ceil)
                if not objects:
                    obj_end = cue.span.end
            # "an Agreement between UNU acting through its X, and Y": X acts for UNU, no party
            objects = [a for a in objects if not _ACTING_FOR.search(
                text, max(0, a.span.start - 40), a.span.start)]
            between = bool(lead and lead.group(0).rstrip().lower().endswith("between")
                           and len({a.path for a in objects}) >= 2)
            if between:  # "X and Y signed a memorandum between the United Nations University
                subjects, inside = [], []  # and the Republic of Cabo Verde": those two
            if not subjects and not between and cue.verbal and k and \
                    _BOTH_SIDES.match(sent.of(text)):
                # "Ms. X met with Y. [...] The two sides agreed to ...": the sides who met
                before = next((b for b in reversed(sentences[:k])
                               if _MET.search(text, b.start, b.end)), sentences[k - 1])
                subjects = [a for s, a in marks
                            if a is not None and before.start <= s.start < before.end]
            if not subjects and not between and cue.verbal and _WE_BEFORE.search(
                    text, max(floor, cue.span.start - 60), cue.span.start):
                # "So far, we have entered into agreement with A and B": the page's own body
                # with each (A and B are no partners of each other), when the page says who
                # it is (before the sentence: its masthead, its own name)
                subjects = [default] if default is not None and \
                    default.span.end <= sent.start else []
                if not subjects:
                    continue
            if not subjects and not between and cue.verbal:
                before_cue = [a for a in in_sent if floor <= a.span.start < cue.span.start]
                subjects = prev_subjects or [
                    a for a in before_cue
                    if not any(p.start <= a.span.start < p.end for p in person_apps)
                ] or before_cue  # (people's organisations, where only people are named)
            prev_subjects = subjects or prev_subjects
            parties = _parties(text, subjects + inside + objects)
            sentence_text = sent.of(text)
            if len(parties) < 2 and _THE_TWO.search(sentence_text):
                # "meetings to discuss further collaboration between the two institutions": the
                # last two bodies named, in this sentence or the one before
                since = sentences[k - 1].start if k else sent.start
                named = [a for a in actors if since <= a.span.start < cue.span.end
                         and a.kind == "organization"]
                last_two = list({a.path: a for a in named}.values())[-2:]
                if len(last_two) == 2:
                    parties = _parties(text, last_two)
            if len(parties) < 2 and out and (_BACKREF.search(sentence_text) or not parties):
                parties = _parties(text, parties + list(out[-1].parties))
            if default is not None and cue.verbal is False and not subjects and re.search(
                r"(?:with|by)$", text[cue.span.start : cue.span.end]
            ) and default.path not in {a.path for a in parties}:  # "held in X in partnership with Y and Z": the issuer works with Y and Z
                parties = _parties(text, [default] + parties)
            if len(parties) < 2 and default is not None and not cue.verbal:
                parties = _parties(text, [default] + parties)
            if len(parties) < 2 or all(p.path in self_paths for p in parties):
                continue
            skip = [a.span for a in actors] + person_spans
            purpose = _purpose(text, max(obj_end, cue.span.end), ceil, skip)
            if (joint := _AGREED_JOINTLY.search(text, cue.span.start, cue.span.end)):
                purpose = clean(joint.group(1))  # "agreed to prepare the module jointly"
            if not purpose and cue.verbal is None:
                purpose = _purpose(text, sent.start, cue.span.start, skip)
            if not purpose and cue.verbal is False:
                purpose = fallback
            if not purpose and out and _BACKREF.search(sentence_text):
                purpose = out[-1].purpose
            subject_paths = {a.path for a in subjects}
            apart = [a for a in parties if a.path not in subject_paths]
            if len(subject_paths) == 1 and len(apart) >= 2 and _EACH_ITS_OWN.search(
                    text, cue.span.start, cue.span.end):
                # "X is to sign MOUs with A and B": one with A, one with B
                for other in apart:
                    found.append((Partnership(tuple(_parties(text, subjects + [other])),
                                              purpose or "collaboration", cue.status, sent,
                                              cue.span), bool(cue.verbal)))
            else:
                found.append((Partnership(tuple(parties), purpose or "collaboration",
                                          cue.status, sent, cue.span), bool(cue.verbal)))
            out = _merge(found)
    return tuple(_named(text, p, actors) for p in out)


#: Agreements in the plural: one each with every other party ("MOUs with A and B").
_EACH_ITS_OWN = re.compile(r"\b(?:memorandums|memoranda|MoUs|MOUs|[Aa]greements|entered\s+into)\b")
#: A first-person subject just before a cue ("we have entered into", "our continued").
_WE_BEFORE = re.compile(r"\b(?:[Ww]e|[Oo]ur)\b[^.;,]{0,40}$")


_RESPECTIVELY = re.compile(r"\b(?P<verb>proposed|offered|agreed|requested|pledged|undertook)"
                           r"\s*,?\s*respectively\s*,?\s*", re.I)
_NEXT_PART = re.compile(r",?\s+and\s+(?=to\s)|;\s*")
_PAIRED_STATUS = {"proposed": "proposed", "offered": "proposed", "requested": "requested"}


def _respectively(text: str, sent: Span, marks: list[tuple[Span, ActorMention | None]],
                  actors: list[ActorMention], default: ActorMention | None,
                  persons: list[tuple[Span, ActorMention | None]]) -> list[Partnership]:
    """"X and Y proposed, respectively, to A with Z and to B with Z": X with Z for A, Y with
    Z for B, paired as the text pairs them (one party per part, in order)."""
    m = _RESPECTIVELY.search(text, sent.start, sent.end)
    if m is None:
        return []
    subjects = list({a.path: a for a in reversed(_chain_back(text, m.start(), marks,
                                                             sent.start))}.values())[::-1]
    bounds = [m.end(), *(x.end() for x in _NEXT_PART.finditer(text, m.end(), sent.end)),
              sent.end]
    parts = [Span(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    if len(subjects) < 2 or len(parts) != len(subjects):
        return []
    skip = [a.span for a in actors] + [s for s, _ in persons]
    out = []
    for subject, part in zip(subjects, parts):
        objects = [a for a in actors if part.start <= a.span.start < part.end]
        parties = _parties(text, [subject, *objects])
        if len(parties) < 2 and default is not None:
            parties = _parties(text, [default, *parties])
        if len(parties) < 2:
            continue
        purpose = _purpose(text, part.start, part.end, skip) or "collaboration"
        status = _PAIRED_STATUS.get(m.group("verb").lower(), "agreed")
        out.append(Partnership(tuple(parties), purpose, status, sent, Span(m.start(), m.end())))
    return out


def _named(text: str, p: Partnership, actors: list[ActorMention]) -> Partnership:
    names = []
    for party in p.parties:
        written = [_THE.sub("", clean(a.span.of(text)))
                   for a in actors if a.path == party.path]
        names.append(min(written, key=len) if written else party.label)
    return Partnership(p.parties, p.purpose, p.status, p.span, p.cue, tuple(names))


def _parties(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    ordered = sorted(mentions, key=lambda a: a.span)
    for i, a in enumerate(ordered):
        if a.kind == "group" or follows_slash(text, a.span, a.path):
            continue
        prev = ordered[i - 1] if i else None
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if _qualifier(text, a, prev, nxt) or _part_of_name(text, a, prev):
            continue
        seen.setdefault(a.path, a)
    return list(seen.values())


def _merge(found: list[tuple[Partnership, bool]]) -> list[Partnership]:
    """One partnership per set of parties in an item: a later report of the same parties (or a
    subset or superset, with the same status) adds its parties to the first; a verbal report
    ("X and Y agreed to ...") gives the purpose and status over a nominal one ("organized by X
    in collaboration with Y")."""
    out: list[tuple[Partnership, bool]] = []
    for p, verbal in found:
        paths = {a.path for a in p.parties}
        for i, (q, qverbal) in enumerate(out):
            qpaths = {a.path for a in q.parties}
            if paths == qpaths or (q.status == p.status and (paths <= qpaths or qpaths <= paths)):
                extra = tuple(a for a in p.parties if a.path not in qpaths)
                base = p if verbal and not qverbal else q
                out[i] = (Partnership(q.parties + extra, base.purpose, base.status, base.span,
                                      base.cue), verbal or qverbal)
                break
        else:
            out.append((p, verbal))
    return [p for p, _ in out]
