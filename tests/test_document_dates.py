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


@pytest.mark.parametrize(("page", "iso"), [
    # a post's time after its date; a news wire's place before it
    ("Officials visit the portal team\n\nMarch 4, 2015 7:40 am\n\nThe visit began.\n", "2015-03-04"),
    ("Experts to meet in Vienna\nNew York, Nov 9 2006 10:05AM\nThe UN said today.\n", "2006-11-09"),
    ("Notícias\n2016-06-06 10:15\nO ministro assinou.\n", "2016-06-06"),
    # a statement's dateline: its place, then its day
    ("Statement to the Committee\nGeneva, 17 April 2008\n\nIt is an honour to speak.\n",
     "2008-04-17"),
    # the day in Spanish, French or Portuguese alone on its line, a weekday before it or the
    # story after a dash
    ("Rádio ONU\n\n18 abril 2012\n\nEncontro de especialistas.\n", "2012-04-18"),
    ("viernes, 14 de noviembre de 2008\n\nResolución del Consejo.\n", "2008-11-14"),
    ("Actualités\n7 décembre 2010 - Le comité a été réuni.\n", "2010-12-07"),
    # (and a release's place before it)
    ("Communiqué\nGenève, le 5 novembre 2003 – Selon un rapport, le forum a ouvert.\n",
     "2003-11-05"),
    ("Comunicado\nMéxico, 5 de noviembre de 2003 – Según el informe, el foro abrió.\n",
     "2003-11-05"),
    # a wire's dateline, a country and an agency's initials beside the place
    ("Index unveiled\n\nLusaka, March 9, 2023 (ZNBC) – Zambia has moved up the index.\n",
     "2023-03-09"),
    ("Forum urges cooperation\n\nKigali, Rwanda, 4 November 2023 – The forum convened.\n",
     "2023-11-04"),
    # a wire's time stamp opening its story
    ("أخبار\n2013/06/26 - 18 : 04 PM المنامة في 26 يونيو / بنا / افتتح المنتدى\n", "2013-06-26"),
    # a Korean date after its label, the label glued to its section's name
    ("기사\n입력 2013년 5월 21일 10:20\n본문.\n", "2013-05-21"),
    ("기사\n컴퓨팅입력 :2019/04/07 10:20\n본문.\n", "2019-04-07"),
    # a Korean site's "approved" stamp
    ("기사\n• 승인 2021.07.23 09:41\n본문.\n", "2021-07-23"),
])
def test_a_date_line_with_its_hour_place_or_language(page: str, iso: str) -> None:
    found = document_date(page)
    assert found is not None and found.iso() == iso


def test_a_calendar_s_weekday_day_and_hour_is_when_the_event_begins() -> None:
    page = ("Webinar on nimble institutions\nThursday, November 19, 2020 9:00 AM\n"
            "Thursday, November 19, 2020 11:30 AM\n\nThe division organised a webinar.\n")
    assert document_date(page) is None


def test_a_category_page_of_teasers_each_with_its_dateline_has_no_date_of_its_own() -> None:
    page = ("News archive\n\nAccra, March 2, 2019 – A team ended its visit.\n\nNew York, "
            "March 3, 2019 – The UN calls for nominations.\n")
    assert document_date(page) is None


def test_the_month_a_stored_copy_gives_before_the_page_s_text() -> None:
    found = document_date(" date 2024-03 Em reconhecimento, a Prefeitura recebeu o prêmio.\n")
    assert found is not None and (found.year, found.month, found.day) == (2024, 3, None)
    # (a date in the story is no copy's date)
    later = document_date("A Prefeitura recebeu o prêmio. date 2024-03 was the update.\n")
    assert later is None or (later.year, later.month) != (2024, 3)
