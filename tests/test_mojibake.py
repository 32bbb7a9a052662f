"""A mirror's GB2312 text read as Latin-1 is put right when a document is read; other text is
left as it is."""

from __future__ import annotations

from cepa_kg.mojibake import repair_gb_mojibake
from cepa_kg.sources import decode


def test_gb2312_read_as_latin1_is_put_right() -> None:
    garbled = "La neuvi¨¨me session du Comit¨¦ d¡¯experts s¡¯est ouverte ¨¤ New York."
    assert repair_gb_mojibake(garbled) == ("La neuvième session du Comité d’experts s’est "
                                           "ouverte à New York.")
    source = decode(garbled.encode("utf-8"), "mirror.txt")
    assert source.text.startswith("La neuvième session du Comité d’experts")


def test_other_text_is_left_alone() -> None:
    for text in ("Comité d’experts, à New York.", "A note ¨ with one odd mark.",
                 "Two pairs ¨¦ and ¡¯ only."):
        assert repair_gb_mojibake(text) == text
