"""Meetings reported in the other languages the division's news is written in (Spanish, French,
Portuguese, Russian, Arabic, Chinese, Korean, Japanese ...), read where the English reader
(`update_events`) finds none: one event per kind of meeting an item names, named by the phrase
around its word as the language builds it (the head first in the Romance languages and Arabic,
last in Chinese, Japanese and Korean). Organisers and participants are left to the English cues;
dates and places are read as for any item.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cepa_kg.loaders.dates import DateRange, find_date_ranges
from cepa_kg.loaders.family_languages import NOT_ENGLISH
from cepa_kg.loaders.spans import Span, clean

__all__ = ["OtherLanguageMention", "other_language_mentions"]

#: (kind, words): the kinds of `update_events.EVENT_WORDS`; None for a ceremony of another kind
#: (a centre's opening, a signing), an event with no narrower class.
_KINDS: tuple[tuple[str | None, str], ...] = (
    ("award", r"ceremonia\s+de\s+(?:entrega\s+de\s+(?:los\s+)?)?premi\w*|"
              r"c[ée]r[ée]monie\s+de\s+remise"
              r"|cerim[ôo]nia\s+de\s+premia\w*|церемони\w*\s+награжд\w*|حفل\s+(?:توزيع\s+)?"
              r"(?:ال)?جوائز|颁奖|頒獎|시상식|授賞式|表彰式"),
    ("forum", r"\bforos?\b|\bf[óo]rum\b|форум\w*|(?:ال)?منتدى|论坛|論壇|포럼|フォーラム"),
    ("workshop", r"\btaller(?:es)?\b|\bateliers?\b|практикум\w*|(?:ال)?ورشة|ورش\b|"
                 r"讲习班|講習班|研讨班|워크숍|ワークショップ|\bradionic\w*"),
    ("seminar", r"\bseminarios?\b|\bs[ée]minaires?\b|\bsemin[áa]rios?\b|семинар\w*|(?:ال)?ندوة|"
                r"研讨会|"
                r"研討會|세미나|セミナー|\bwebinar\w*"),
    ("conference", r"\bconferencias?\b|\bconf[ée]rences?\b|\bconfer[êe]ncias?\b|конференц\w*|"
                   r"(?:ال)?مؤتمر|峰会|峰會|컨퍼런스|콘퍼런스"),
    ("meeting", r"\breuni[óo]n(?:es)?\b|\br[ée]unions?\b|\breuni[ãa]o\b|совещани\w*|(?:ال)?اجتماع|"
                r"会谈|會談|회의|회담|会合|会談"),
    ("launch", r"\blanzamiento\b|\blancement\b|\blan[çc]amento\b|إطلاق|发布会|發布會|首发式|首發式|"
               r"발표회|출범식"),
    ("training", r"\bcapacitaci[óo]n\b|\bforma[çc][ãa]o\b|تدريب|培训班|培訓班|연수"),
    (None, r"개원식|개소식|약정식|서명식|협약식|調印式|签约仪式|簽約儀式|签字仪式|簽字儀式"),
)
_WORD = re.compile("|".join(f"(?P<k{i}>{words})" for i, (_, words) in enumerate(_KINDS)), re.I)
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
#: Where a name in Chinese or Japanese begins, read back from its head word.
_CJK_BREAK = re.compile(r"[\s,，。、：:“”「」『』《》()（）!！?？;；"
                        r"在于於的了和与與及でにがをはともへ]")
#: A Korean word that ends a clause (a particle or a verb's ending): no part of a name before it.
_KO_CLAUSE_END = re.compile(r"[은는이가을를에의린된한며고서던해다]$|[.,!?)]")
#: A word that may stand before a Korean event word in its name: an ordinal ("제1회", "제60차"),
#: a year, a word in Latin letters, or Hangul (not an adverb of time).
_KO_NAME_WORD = re.compile(r"[‘'“\"]?(?:제?\d+(?:회|차|번째)?|[A-Za-z][\w-]*|[\uac00-\ud7af]{2,})")
_KO_NOT_NAME = frozenset("이날 그동안 지난 오는 올해 이번 한편 또한 특히 당시 현재".split())
#: Words of the Romance languages that end an event's name read forward from its head.
_STOP = frozenset("""qui que qu se est sont sera seront a ont fut será serán fue fueron es ha han
    había organisé organisée organisés organizado organizada organizados organizou realizado
    realizada realizou tenu tenue tenus celebrado celebrada celebró aura tendrá terá foi é e y et
    avec con com with which that was were is will como comme quando cuando lors où donde onde
    - – — |""".split())
_TOKEN = re.compile(r"[^\s,.;:()«»\"“”]+")
_MAX_WORDS = 10
_ARABIC_STOP = frozenset("في التي الذي يوم بمدينة بحضور بمشاركة برئاسة تحت خلال من على وذلك - – | "
                         "الاخباري".split())


@dataclass(frozen=True)
class OtherLanguageMention:
    """An event word of another language and what the item says around it (None: a kind of
    ceremony with no narrower class)."""

    kind: str | None
    name: str
    name_span: Span
    dates: DateRange | None
    sentence: Span
    word: Span


#: Small words of Spanish, French and Portuguese that English does not have.
_ROMANCE_WORDS = re.compile(r"\b(?:el|los|las|del|les|des|du|une|est|dans|avec|sur|que|con|por|"
                            r"pelo|pela|não|com|em|uma|um|é|à|ao|aos|sera|será)\b", re.I)


def is_other_language(text: str, span: Span) -> bool:
    """Whether the span is written in a language other than English: letters of another
    script or accented ones (more than a name's few), or three small words of a Romance
    language."""
    return len(NOT_ENGLISH.findall(text, span.start, span.end)) >= 12 or \
        len(_ROMANCE_WORDS.findall(text, span.start, span.end)) >= 3


def other_language_mentions(text: str, sentences: list[Span],
                            reference: dt.date | None) -> list[OtherLanguageMention]:
    """The first mention of each kind of meeting the sentences name, in order."""
    out: list[OtherLanguageMention] = []
    kinds: set[str | None] = set()
    for sentence in sentences:
        for m in _WORD.finditer(text, sentence.start, sentence.end):
            kind = _KINDS[int(next(k for k, v in m.groupdict().items() if v)[1:])][0]
            if kind in kinds:
                continue
            kinds.add(kind)
            word = Span(m.start(), m.end())
            name = _name(text, sentence, word)
            dates = next((r for r in find_date_ranges(text, sentence, reference=reference)
                          if not r.reversed), None)
            out.append(OtherLanguageMention(kind, clean(name.of(text)), name, dates, sentence,
                                            word))
    return out


def _space_before(text: str, floor: int, at: int) -> int:
    """Where the last white space before `at` is (`floor - 1` if none since `floor`)."""
    for i in range(at - 1, floor - 1, -1):
        if text[i].isspace():
            return i
    return floor - 1


def _name(text: str, sentence: Span, word: Span) -> Span:
    if _CJK.search(text, word.start, word.end):
        start = word.start
        while start > sentence.start and word.start - start < 30 and \
                not _CJK_BREAK.match(text, start - 1):
            start -= 1
        return Span(start, word.end)
    if _HANGUL.search(text, word.start, word.end):
        start = _space_before(text, sentence.start, word.start) + 1
        # ("제1회 지역거버넌스 국제워크숍": the words before it, up to a clause's end)
        for _ in range(3):
            before = _space_before(text, sentence.start, start - 1)
            token = text[before + 1: start - 1] if before >= sentence.start else \
                text[sentence.start: start - 1]
            if not token or _KO_CLAUSE_END.search(token) or start - 1 <= sentence.start or \
                    not _KO_NAME_WORD.fullmatch(token) or token in _KO_NOT_NAME:
                break
            start = before + 1 if before >= sentence.start else sentence.start
        return Span(start, word.end).strip(text, "‘'“\"")
    stop = _ARABIC_STOP if _ARABIC.search(text, word.start, word.end) else _STOP
    end, count = word.end, 0
    for next_word in _TOKEN.finditer(text, word.end, sentence.end):
        between = text[end: next_word.start()]
        if between.strip() or count >= _MAX_WORDS or next_word.group(0).lower() in stop:
            break
        end, count = next_word.end(), count + 1
    while end > word.end:  # ("Forum des Nations unies sur la": not its last small words)
        last = text.rfind(" ", word.end, end)
        if last < 0 or text[last + 1: end].lower() not in _CONNECTORS:
            break
        end = last
    return Span(word.start, end)


_CONNECTORS = frozenset("de del la las los le les des du sur sobre da do das dos em en para pour "
                        "et y e à a al au aux".split())
