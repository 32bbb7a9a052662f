"""Text whose bytes were read in the wrong encoding: put right before it is read.

UTF-8 read as Windows-1252 ("27 â€“ 31 March 2006" for "27 – 31 March 2006", "Comitâ€™s",
"CafÃ©"), as a site that re-encoded its pages stores them (the South African government's
news of the 2006 session has it in its very address): undone by ftfy's `fix_encoding`, the
maintained library for it, which leaves a text alone unless the repair is sure (Portuguese
"NÃO" stays), and only called where a pair of such characters is (`_UTF8_AS_CP1252`), since
nearly no page has one.

Mirror sites that keep European-language pages in GB2312/GBK show them as "Comit¨¦
d¡¯experts" for "Comité d’experts" (GB2312 has its own "é", "è", "à" and "’", which a Latin-1
reading turns into two characters each). Such a text is encoded back to the bytes it was read
from and decoded as GB18030; the repair is kept only when it succeeds and leaves none of those
pairs. (ftfy, the maintained library for mojibake, leaves this case alone: it undoes UTF-8
read as Windows-1252, not GB2312 read as Latin-1.)"""

from __future__ import annotations

import re

import ftfy

__all__ = ["repair_gb_mojibake", "repair_mojibake", "repair_utf8_mojibake"]

#: A UTF-8 lead byte read as Windows-1252 (Â..ô), then a continuation byte read so (0x80-0xBF:
#: Windows-1252's own signs for 0x80-0x9F, Latin-1's for 0xA0-0xBF).
_UTF8_AS_CP1252 = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


#: The lead bytes of nearly all such text (Latin letters with accents, punctuation, Cyrillic,
#: Arabic) read as Windows-1252: looked for first, a plain search being ten times cheaper than
#: the pattern.
_COMMON_LEADS = ("Ã", "Â", "â", "Ð", "Ñ", "Ø", "Ù")


def repair_utf8_mojibake(text: str) -> str:
    """`text` with UTF-8 read as Windows-1252 put right (ftfy), where it has such a pair."""
    if not any(lead in text for lead in _COMMON_LEADS) or _UTF8_AS_CP1252.search(text) is None:
        return text
    return str(ftfy.fix_encoding(text))


def repair_mojibake(text: str) -> str:
    """Both repairs: GB2312 read as Latin-1, UTF-8 read as Windows-1252."""
    return repair_utf8_mojibake(repair_gb_mojibake(text))

#: The pairs GB2312's accented letters and quotes become when read as Latin-1.
_PAIRS = re.compile("¨[¤¦¨ª¬®°²´¶¸º¼¾¡£¥§©«­¯±³µ·¹»½¿]|¡[¯®°±¢£]")
_MIN_PAIRS = 3


def repair_gb_mojibake(text: str) -> str:
    """`text` with GB2312 read as Latin-1 put right, when there are at least three such pairs
    and the whole text goes back to bytes and forward as GB18030; else `text` unchanged."""
    if len(_PAIRS.findall(text, 0, 20000)) < _MIN_PAIRS:
        return text
    try:
        repaired = text.encode("latin-1").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    return repaired if not _PAIRS.search(repaired) else text
