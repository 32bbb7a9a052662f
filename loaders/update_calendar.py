"""A calendar of meetings in a report of the division's work (DESA News' calendar pages, 2007-2012):
each meeting on two lines, its title ("DESA/UNDP/Government of Ghana Regional Forum on ...",
the organisers as a slash-joined prefix) then its city and days ("Accra, 9-11 March", the year
only in the issue line). `loaders/layouts/update.md` ("DESA News calendars") has the layout.

A page is read as a calendar only where at least three such pairs follow one another; each pair
is then an item of its own, whose title line holds the meeting and whose second line its place
and days."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from cepa_kg.loaders.organisations_in_text import first_each, mention
from cepa_kg.loaders.page_lines import page_lines
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_events import first_event_word
from cepa_kg.loaders.update_model import Event

__all__ = ["calendar_event", "calendar_pairs", "slash_prefix"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: A calendar's second line: a place (after a body's session, if any) and days, nothing else
#: ("Accra, 9-11 March", "Resumed session of 2010, New York, 17-26 March", "New York, 30
#: April-11 May", "Geneva, 3 May 2010").
_WHERE_WHEN = re.compile(
    rf"^(?P<lead>[^\n]{{0,60}}?),[^\S\n]+(?P<when>\d{{1,2}}(?:[^\S\n]*{_MONTH})?"
    rf"(?:[^\S\n]*[-–][^\S\n]*\d{{1,2}})?[^\S\n]+{_MONTH}(?:[^\S\n]+(?:19|20)\d\d)?)[^\S\n]*$")
_MIN_PAIRS = 3
_MAX_TITLE_WORDS = 30


def calendar_pairs(text: str, start: int) -> list[tuple[Span, Span]]:
    """(title line, place-and-days line) of each meeting of the calendar after `start`, or
    none when the page holds fewer than three such pairs in a row."""
    lines = [ln for ln in page_lines(text) if ln.span.start >= start and not ln.blank]
    found = [(before.span, line.span) for before, line in zip(lines, lines[1:], strict=False)
             if _WHERE_WHEN.match(line.text) and not _WHERE_WHEN.match(before.text)
             and len(before.text.split()) <= _MAX_TITLE_WORDS
             and not before.text.rstrip().endswith((".", ":"))]
    best: list[tuple[Span, Span]] = []
    run: list[tuple[Span, Span]] = []
    for pair in found:  # the longest run of pairs with no prose between two of them
        if run and _prose_between(text, run[-1][1].end, pair[0].start):
            run = []
        run.append(pair)
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= _MIN_PAIRS else []


def _prose_between(text: str, end: int, start: int) -> bool:
    """More than two lines, or a long one, between two pairs: a story, not the calendar."""
    between = [ln for ln in text[end:start].splitlines() if ln.strip()]
    return len(between) > 2 or any(len(ln.split()) > _MAX_TITLE_WORDS for ln in between)


#: "DESA/UNDP/Government of Ghana Regional Forum on ...": the organisers' prefix, slash-joined.
_SLASHED = re.compile(r"^(?P<names>(?:[^/\n]{2,80}/)+)")


def slash_prefix(text: str, title: Span) -> Span | None:
    """A calendar title's slash-joined prefix of organisers ("DESA/UNDP/"), if it has one; the
    name after the last slash opens the rest of the title."""
    m = _SLASHED.match(title.of(text))
    return Span(title.start, title.start + m.end("names")) if m else None


def calendar_event(text: str, title: Span, event: Event, gz: Any) -> Event:
    """A calendar's meeting named and organised as its title line says: the bodies of the
    slash-joined prefix and the known body (or country, for its Government) that opens the
    rest organise it; the meeting's name is what follows them ("Regional Forum on ...")."""
    prefix = slash_prefix(text, title)
    rest = prefix.end if prefix is not None else title.start
    word = first_event_word(text, Span(rest, title.end))
    if word is None:  # a body's session ("Committee on X" / "Resumed session, New York, ..."):
        # named by the body and the session
        if not (title.start <= event.name_span.start < title.end):
            return dataclasses.replace(event, name=f"{clean(title.of(text))}, {event.name}",
                                       other_names=(*event.other_names, event.name))
        return event
    known = [mention(m) for m in gz.find_actors(text, title)
             if m.kind in ("organization", "country")]
    openers = [a for a in known if rest <= a.span.start and a.span.end <= word.start]
    start = max((a.span.end for a in openers), default=rest)
    while start < title.end and not text[start].isalnum():
        start += 1
    organisers = [a for a in known if prefix is not None and a.span.end <= prefix.end]
    organisers += openers
    name = clean(text[start: title.end])
    if not name:
        return event
    others = tuple(dict.fromkeys(n for n in (event.name, *event.other_names) if n != name))
    return dataclasses.replace(event, name=name, name_span=Span(start, title.end),
                               organizers=first_each([*event.organizers, *organisers]),
                               other_names=others)
