"""Text whose Chinese-encoded bytes were read as Latin-1: put right before it is read.

Mirror sites that keep European-language pages in GB2312/GBK show them as "Comit¨¦
d¡¯experts" for "Comité d’experts" (GB2312 has its own "é", "è", "à" and "’", which a Latin-1
reading turns into two characters each). Such a text is encoded back to the bytes it was read
from and decoded as GB18030; the repair is kept only when it succeeds and leaves none of those
pairs. (ftfy, the maintained library for mojibake, leaves this case alone: it undoes UTF-8
read as Windows-1252, not GB2312 read as Latin-1.)"""

from __future__ import annotations

import re

__all__ = ["repair_gb_mojibake"]

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
