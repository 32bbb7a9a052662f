"""The shared date grammar: every written form, exact spans, years from a reference."""

from __future__ import annotations

import datetime as dt
import doctest
import itertools

import pytest
from cepa_kg.loaders import dates
from cepa_kg.loaders.dates import DateRange, find_date_ranges, month_number
from cepa_kg.loaders.spans import Span

D = dt.date
NOV_2011 = D(2011, 11, 1)

FORMS = [
    ("27-31 March 2006", "27-31 March 2006", D(2006, 3, 27), D(2006, 3, 31)),
    ("30 March - 3 April 2009", "30 March - 3 April 2009", D(2009, 3, 30), D(2009, 4, 3)),
    ("30 March\u20133 April 2009", "30 March\u20133 April 2009", D(2009, 3, 30), D(2009, 4, 3)),
    ("from 4 to 8 April 2011", "4 to 8 April 2011", D(2011, 4, 4), D(2011, 4, 8)),
    ("from 24 - 28 October 2011", "24 - 28 October 2011", D(2011, 10, 24), D(2011, 10, 28)),
    ("on 1 November 2011", "1 November 2011", D(2011, 11, 1), None),
    ("20-21 October", "20-21 October", D(2011, 10, 20), D(2011, 10, 21)),
    ("On 8 November", "8 November", D(2011, 11, 8), None),
    ("on 11 November, 2011", "11 November, 2011", D(2011, 11, 11), None),
    ("21 \u2013 25 November 2011", "21 \u2013 25 November 2011", D(2011, 11, 21), D(2011, 11, 25)),
    ("1 - 2 November 2011", "1 - 2 November 2011", D(2011, 11, 1), D(2011, 11, 2)),
    ("March 5, 2013", "March 5, 2013", D(2013, 3, 5), None),
    ("April 4-8, 2011", "April 4-8, 2011", D(2011, 4, 4), D(2011, 4, 8)),
    ("30 December 2010 to 2 January 2011", "30 December 2010 to 2 January 2011",
     D(2010, 12, 30), D(2011, 1, 2)),
    ("March 30 - April 3, 2009", "March 30 - April 3, 2009", D(2009, 3, 30), D(2009, 4, 3)),
    ("on 20 and 21 October 2011", "20 and 21 October 2011", D(2011, 10, 20), D(2011, 10, 21)),
    ("1st-3rd June 2012", "1st-3rd June 2012", D(2012, 6, 1), D(2012, 6, 3)),
    ("15\u00a0Sept.\u00a02011", "15\u00a0Sept.\u00a02011", D(2011, 9, 15), None),
    ("27-31\r\nMarch 2006", "27-31\r\nMarch 2006", D(2006, 3, 27), D(2006, 3, 31)),
    # two days of one month, each written whole (with its weekday)
    ("on Wednesday 12 August and Thursday 13 August 2020",
     "12 August and Thursday 13 August 2020", D(2020, 8, 12), D(2020, 8, 13)),
    # a comma closing the first day, before "to" (the UN's notes: "from Monday, 8 April, to
    # Friday, 12 April 2019"), day first and month first
    ("from Monday, 8 April, to Friday, 12 April 2019", "8 April, to Friday, 12 April 2019",
     D(2019, 4, 8), D(2019, 4, 12)),
    ("from Monday, April 8, to Friday, April 12, 2019", "April 8, to Friday, April 12, 2019",
     D(2019, 4, 8), D(2019, 4, 12)),
]


def test_two_days_of_two_months_are_no_range() -> None:
    assert all(r.end is None for r in find_date_ranges("on 3 March and 5 June 2020"))


@pytest.mark.parametrize(("text", "quote", "start", "end"), FORMS, ids=[f[0] for f in FORMS])
def test_each_written_form(text: str, quote: str, start: dt.date, end: dt.date | None) -> None:
    found = find_date_ranges(f"It was held {text}. Thanks.", reference=NOV_2011)
    assert len(found) == 1
    r = found[0]
    assert (r.start, r.end) == (start, end)
    assert r.span.of(f"It was held {text}. Thanks.") == quote


def test_no_year_and_no_reference_is_no_date() -> None:
    assert find_date_ranges("On 8 November and 20-21 October the team met.") == []


def test_reference_resolves_year_boundaries() -> None:
    jan = D(2012, 1, 1)
    assert find_date_ranges("on 12 December", reference=jan)[0].start == D(2011, 12, 12)
    dec = D(2011, 12, 1)
    assert find_date_ranges("on 10 January", reference=dec)[0].start == D(2012, 1, 10)
    # a written year wins over the reference
    assert find_date_ranges("on 12 December 2013", reference=jan)[0].start == D(2013, 12, 12)


def test_cross_year_range_without_first_year() -> None:
    r = find_date_ranges("from 30 December to 2 January 2011")[0]
    assert (r.start, r.end) == (D(2010, 12, 30), D(2011, 1, 2))


def test_reversed_range_is_returned_as_written() -> None:
    r = find_date_ranges("held 31-27 March 2006")[0]
    assert (r.start, r.end) == (D(2006, 3, 31), D(2006, 3, 27))
    assert r.reversed and r.last == D(2006, 3, 27)


def test_several_dates_in_order_without_overlap() -> None:
    text = "The meeting (30 March - 3 April 2009) was followed on 8 April 2009 by April 20, 2009."
    found = find_date_ranges(text)
    assert [r.span.of(text) for r in found] == [
        "30 March - 3 April 2009", "8 April 2009", "April 20, 2009"]
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(found))


def test_span_limits_the_search_and_offsets_stay_absolute() -> None:
    text = "on 1 May 2010. Then on 2 June 2011 and 3 July 2012."
    inner = Span(text.index("Then"), text.index(" and"))
    (r,) = find_date_ranges(text, inner)
    assert r == DateRange(D(2011, 6, 2), None, Span(text.index("2 June"), text.index(" and")))


@pytest.mark.parametrize("text", [
    "Article 2 may apply", "the 2 march of progress", "at 10:30 March 2011",
    "Resolution 60/34 of 2005", "31 February 2011", "page 12 of 40", "the year 2011",
    "27-31 March\n\n2006",
])
def test_not_dates(text: str) -> None:
    found = find_date_ranges(text)
    assert all(r.span.of(text) != text for r in found)
    assert [r.span.of(text) for r in found if "2006" in r.span.of(text)] == []
    if "February" in text or "may" in text or "march" in text or ":" in text:
        assert found == []


def test_month_number() -> None:
    assert (month_number("Sept."), month_number("may"), month_number("DEC")) == (9, 5, 12)
    with pytest.raises(KeyError):
        month_number("Monday")


def test_doctests() -> None:
    assert doctest.testmod(dates).failed == 0


@pytest.mark.parametrize(("text", "first", "last"), [
    ("on 9, 11, 16 and 18 March 2021", D(2021, 3, 9), D(2021, 3, 18)),
    ("on 9 and 11 March and 16 and 18 March 2021 9-11am", D(2021, 3, 9), D(2021, 3, 18)),
    ("on 28 and 30 April, 5 and 7 May 2020", D(2020, 4, 28), D(2020, 5, 7)),
])
def test_days_listed_run_from_the_first_to_the_last(text: str, first: D, last: D) -> None:
    (r,) = find_date_ranges(text)
    assert (r.start, r.end) == (first, last)
    assert r.span.of(text).endswith(str(last.year))


def test_two_days_of_two_months_without_a_list_stay_apart() -> None:
    text = "held on 4 March 2014 and 19 April 2014"
    assert [(r.start, r.end) for r in find_date_ranges(text)] == [
        (D(2014, 3, 4), None), (D(2014, 4, 19), None)]


def test_a_number_before_a_range_is_no_day_of_a_list() -> None:
    text = "CEPA Session 12, 15–19 April 2013"
    (r,) = find_date_ranges(text)
    assert (r.start, r.end, r.span.of(text)) == (D(2013, 4, 15), D(2013, 4, 19),
                                                 "15–19 April 2013")


def test_a_day_written_month_first_without_its_year_after_a_dating_word() -> None:
    ref = D(2019, 2, 11)
    text = "A briefing is scheduled for February 21 at the Centre."
    (r,) = find_date_ranges(text, reference=ref)
    assert (r.start, r.end, r.span.of(text)) == (D(2019, 2, 21), None, "February 21")
    assert find_date_ranges("May 5 be with you", reference=ref) == []
    assert find_date_ranges("It is scheduled for February 21", reference=None) == []


def test_a_range_broken_by_a_blank_line_after_to() -> None:
    text = "The Forum takes place 9 to\n\n11 December, organized by the Government."
    (r,) = find_date_ranges(text, reference=D(2002, 12, 2))
    assert (r.start, r.end) == (D(2002, 12, 9), D(2002, 12, 11))
    assert find_date_ranges("from 9\n\n\n\n11 December", reference=D(2002, 12, 2))[0].start == \
        D(2002, 12, 11)  # (no "to" between: two numbers, not a range)


def test_a_weekday_before_the_last_day_of_a_range() -> None:
    from cepa_kg.loaders.dates import find_date_ranges

    for text in ("from Monday 15 to Friday 19 April 2024",
                 "from Monday, 15 April to Friday, 19 April 2024"):
        [found] = find_date_ranges(text)
        assert (str(found.start), str(found.end)) == ("2024-04-15", "2024-04-19"), text
