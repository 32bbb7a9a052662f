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


def test_utf8_read_as_windows_1252_is_put_right_and_its_dates_read(tmp_path) -> None:
    from cepa_kg.mojibake import repair_utf8_mojibake
    from cepa_kg.pipeline import build_document
    from cepa_kg.sources import read_source

    page = ("Minister to attend UN meeting of experts on public administration, 27 – 31 Mar\n\n"
            "The Minister will attend the fifth session of the Committee of Experts on Public "
            "Administration, held at UN Headquarters in New York from 27 – 31 March 2006. "
            "The Committee’s theme is \"Innovations in governance\".\n")
    garbled = page.encode("utf-8").decode("cp1252", errors="replace")
    assert "â€“" in garbled
    assert repair_utf8_mojibake(garbled) == page
    path = tmp_path / "news.txt"
    path.write_text(garbled, encoding="utf-8")  # (a page stored re-encoded)
    source = read_source(path)
    assert source.text == page
    built = build_document(source, base="http://localhost:8000/")
    dates = {str(o) for _, p, o in built.triples if str(p).endswith(("startDate", "endDate"))}
    assert {"2006-03-27", "2006-03-31"} <= dates


def test_text_in_portuguese_with_a_tilde_capital_is_left_alone() -> None:
    from cepa_kg.mojibake import repair_utf8_mojibake

    for text in ("SÃO PAULO — a secretária NÃO compareceu.", "Comité d’experts, à New York."):
        assert repair_utf8_mojibake(text) == text
