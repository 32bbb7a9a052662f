"""A page's own date (`loaders/document_dates.py`): the date styles of the layout catalogue's
pages, and dates that are not the page's (an event's day in a sentence)."""

from __future__ import annotations

import pytest

from cepa_kg.loaders.document_dates import document_date


@pytest.mark.parametrize("text, iso", [
    ("Posted on March 18, 2013\n\nThe committee met.", "2013-03-18"),
    ("Issue Date: 2 November 2005\n\nText.", "2005-11-02"),
    ("Date: 2014-10-21\nText.", "2014-10-21"),
    ("Tuesday, 2 May 2017\n\nThe body of the news item.", "2017-05-02"),
    ("News\n18 March 2013 | UNPOG\nText.", "2013-03-18"),
    ("2014-10-21\nText.", "2014-10-21"),
    ("DPADM Monthly Update to CEPA Members: November 2011\n\n1. Seminar", "2011-11"),
    ("UNDESA/DPADM Monthly Update, March 2013\n\n1. Conference", "2013-03"),
    ("DPADM Monthly Update to CEPA Members — September 2013\n\n1. Workshop", "2013-09"),
    ("Newsletter - June 2014\nText.", "2014-06"),
    ("Issue 12 | June 2014\nText.", "2014-06"),
    ("2013 Steering Committee Meeting March 18, 2013\nThe meeting was held.", "2013-03-18"),
])
def test_the_page_states_its_date(text: str, iso: str) -> None:
    found = document_date(text)
    assert found is not None and found.iso() == iso
    assert text[found.span.start:found.span.end].strip()  # the span is the date as written


@pytest.mark.parametrize("text", [
    "Workshop held on 9 March 2016\nThe workshop opened with remarks.",
    "The Committee met from 4 to 8 April 2011 in New York.",
    "A page without any date at all.",
    "Seminar on budgets, 3-5 June 2014\nHeld in Dakar.",
])
def test_a_date_in_a_sentence_or_a_range_is_not_the_pages(text: str) -> None:
    assert document_date(text) is None


def test_a_date_after_a_byline_on_its_line() -> None:
    from cepa_kg.loaders.document_dates import document_date

    found = document_date("Experts meet\nBy Ana Reis | 12 April 2023\nThe Committee met.\n")
    assert found is not None and (found.year, found.month, found.day) == (2023, 4, 12)
    assert document_date("By 2030, the goals will be met, as said on 3 May 2021.\n") is None


@pytest.mark.parametrize(("page", "day"), [
    ("Statement\n\n(New York, 16 April 2013)\n\nIt is a pleasure to open the session.\n",
     (2013, 4, 16)),
    ("Declaración\n\n(Nueva York, 16 de abril de 2013)\n\nEs un gusto abrir el período.\n",
     (2013, 4, 16)),
    ("Launch of the Survey in Beijing\nSource Date: Tuesday, April 17, 2012\nCreated: May 02, "
     "2012\n\nSome 180 officials attended the launch.\n", (2012, 4, 17)),
])
def test_a_dateline_in_brackets_and_a_source_date_after_its_weekday(page: str, day: tuple[int, int, int]) -> None:
    found = document_date(page)
    assert found is not None and (found.year, found.month, found.day) == day
