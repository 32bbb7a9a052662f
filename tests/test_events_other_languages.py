"""Meetings reported in other languages: one event per kind an item names, named as the
language builds the name (pages' layouts kept, our own words)."""

from __future__ import annotations

import datetime as dt

import pytest
from cepa_kg.loaders.events_other_languages import is_other_language, other_language_mentions
from cepa_kg.loaders.spans import Span


@pytest.mark.parametrize(("sentence", "kind", "name"), [
    ("El Foro del Servicio Público se celebró en Bogotá con delegaciones de treinta países.",
     "forum", "Foro del Servicio Público"),
    ("Le Forum des Nations unies sur la fonction publique sera organisé à Rabat en juin.",
     "forum", "Forum des Nations unies sur la fonction publique"),
    ("정부세종청사에서 열린 제1회 지역거버넌스 국제워크숍에는 여러 나라의 공무원들이 참석했다.",
     "workshop", "제1회 지역거버넌스 국제워크숍"),
    ("افتتحت في الرباط الورشة الإقليمية لخبراء الحكومة الرقمية بمشاركة واسعة.",
     "workshop", "الورشة الإقليمية لخبراء الحكومة الرقمية"),
    ("第十八屆中國電子政務論壇在濟南舉行，各地代表參加。", "forum", "第十八屆中國電子政務論壇"),
])
def test_a_meeting_named_in_another_language(sentence: str, kind: str, name: str) -> None:
    span = Span(0, len(sentence))
    assert is_other_language(sentence, span)
    found = other_language_mentions(sentence, [span], dt.date(2019, 7, 1))
    assert [(m.kind, m.name) for m in found] == [(kind, name)]


def test_an_english_page_is_not_read_so() -> None:
    text = "The workshop in Bogotá gathered officials from thirty countries."
    assert not is_other_language(text, Span(0, len(text)))
