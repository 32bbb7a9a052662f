"""Dates on a project page: a page date ("Last updated: 14 March 2008"), a document's date
("E/2001/45 of 10 January 2002") and the year of the work ("activities in 2006")."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTH", "YEAR", "date_in"]

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+({MONTH})\s+((?:19|20)\d{{2}})\b", re.I)
_DATE_MDY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}}),\s*((?:19|20)\d{{2}})\b", re.I)
_DATE_MY = re.compile(rf"^\s*({MONTH})\s+((?:19|20)\d{{2}})\s*$", re.I)
_DATE_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
YEAR = re.compile(r"(?<![\w/.\-])((?:19|20)\d{2})(?![\w/])")  # not inside "E/2001/45"


def date_in(s: str) -> tuple[dt.date, str] | None:
    """A date written in `s`: (date, precision "day" | "month" | "year"), or None."""
    try:
        if m := _DATE_DMY.search(s):
            return dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])), "day"
        if m := _DATE_MDY.search(s):
            return dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])), "day"
        if m := _DATE_ISO.search(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := _DATE_MY.match(s):
            return dt.date(int(m[2]), _MONTHS[m[1].lower()], 1), "month"
        if m := re.fullmatch(r"\s*((?:19|20)\d{2})\s*", s):
            return dt.date(int(m[1]), 1, 1), "year"
    except ValueError:  # 31 February
        return None
    return None

