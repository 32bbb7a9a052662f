"""Meetings a report lists one by one after naming them in the plural: each is an event.

Two layouts seen on the division's pages (`loaders/layouts/update.md`, sixteenth study):

- in a sentence, places with their months in brackets after the plural: "through national
  workshops organized by DPADM: Mongolia (November 2015); Ghana (February 2016); and Peru
  (2016)", "at two further national workshops ..., in Armenia (September 2014) and Jordan
  (April 2016)";
- a lead that names them ("UN DESA is organizing consultation sessions ... The sessions are
  arranged by time zone, on these dates:"), then a bullet for each, opening with its day
  ("13th March 2023: 1PM GMT (Global)").

Each listed meeting is an event of the plural's kind, with its own place and day (or month),
organised by whom the sentence that lists them (or the lead) says organised them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from cepa_kg.loaders.dates import MONTH_PATTERN, DateRange, find_date_ranges, month_number
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.sentences import sentence_spans
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_events import organisers_and_participants
from cepa_kg.loaders.update_model import ActorMention, Event, Location

__all__ = ["listed_meetings"]

_KINDS = {"workshops": "workshop", "seminars": "seminar", "webinars": "seminar",
          "meetings": "meeting", "sessions": "meeting", "consultations": "meeting",
          "courses": "training", "trainings": "training", "forums": "forum",
          "conferences": "conference", "missions": "mission", "visits": "meeting"}
_PLURAL = screened(re.compile(r"\b(?P<word>" + "|".join(_KINDS) + r")\b", re.I))
#: A place and its month or year in brackets: "Mongolia (November 2015)", "Peru (2016)".
_PLACE_WHEN = re.compile(
    r"(?P<place>[A-Z][\w’'.-]*(?:[ ](?:of|and|the|[A-Z][\w’'.-]*)){0,4})[ ]*\((?P<when>"
    r"(?:\d{1,2}(?:[-–]\d{1,2})?[ ]+)?(?:" + MONTH_PATTERN + r")[ ]+(?:19|20)\d\d|"
    r"(?:19|20)\d\d)\)")
#: A bullet that opens with its day: "• 13th March 2023: ...", "- 21 March 2023 - ...".
_DAY_BULLET = re.compile(
    r"^[^\S\n]*[•·▪◦*\-–][^\S\n]*(?P<day>\d{1,2})(?:st|nd|rd|th)?[^\S\n]+(?P<month>"
    + MONTH_PATTERN + r")[^\S\n]+(?P<year>(?:19|20)\d\d)\b[^\n]*$", re.M)
_MIN = 2


def _month(when: str) -> dt.date | None:
    m = re.search(r"(?P<m>" + MONTH_PATTERN + r")[ ]+(?P<y>(?:19|20)\d\d)", when)
    return dt.date(int(m.group("y")), month_number(m.group("m")), 1) if m else None


def listed_meetings(text: str, body: Span, gz: Any,
                    actors_in: Callable[[Span], list[ActorMention]],
                    reference: dt.date | None,
                    sentences: list[Span] | None = None) -> tuple[list[Event], list[Span]]:
    """The meetings the item at `body` lists one by one (see the module), none when it lists
    fewer than two; and the sentences and lines that list them (the plural's own event, if
    one was read there, is these)."""
    if sentences is None:
        sentences = sentence_spans(text, body, paragraphs=True)
    out: list[Event] = []
    covered: list[Span] = []
    for sentence in sentences:
        plural = _PLURAL.search(text, sentence.start, sentence.end)
        if plural is None:
            continue
        pairs = [m for m in _PLACE_WHEN.finditer(text, plural.end(), sentence.end)]
        places = [(m, gz.resolve(m.group("place"))) for m in pairs]
        places = [(m, hit) for m, hit in places
                  if hit is not None and hit.kind in ("country", "place")]
        if len(places) < _MIN:
            continue
        organisers, _ = organisers_and_participants(text, [sentence], actors_in)
        kind = _KINDS[plural.group("word").lower()]
        covered.append(sentence)
        for m, hit in places:
            where = Span(m.start("place"), m.end("place"))
            mention = ActorMention(hit.path, hit.kind, hit.label, where)
            location = Location(clean(where.of(text)), where,
                                mention if hit.kind == "place" else None,
                                mention if hit.kind == "country" else None)
            when = m.group("when")
            days = find_date_ranges(text, Span(m.start("when"), m.end("when")),
                                    reference=reference)
            dates = days[0] if days and re.match(r"\d", when) else None
            out.append(Event(kind, f"{kind.capitalize()} in {location.name}",
                             Span(m.start(), m.end()), dates, location, tuple(organisers), (),
                             (), sentence, month=None if dates else _month(when)))
    bullets = [m for m in _DAY_BULLET.finditer(text, body.start, body.end)]
    if len(bullets) >= _MIN:
        first = bullets[0].start()
        lead = [Span(s.start, min(s.end, first)) for s in sentences if s.start < first][-3:]
        named = next((_PLURAL.search(text, s.start, s.end) for s in reversed(lead)
                      if _PLURAL.search(text, s.start, s.end)), None)
        ends_lead = bool(lead) and lead[-1].of(text).rstrip().endswith(":")
        if named is not None and ends_lead:
            organisers, _ = organisers_and_participants(text, lead, actors_in)
            kind = _KINDS[named.group("word").lower()]
            covered += lead
            for b in bullets:
                try:
                    day = dt.date(int(b.group("year")), month_number(b.group("month")),
                                  int(b.group("day")))
                except ValueError:
                    continue
                line = Span(b.start(), b.end())
                when = Span(b.start("day"), b.end("year"))
                covered.append(line)
                out.append(Event(kind, clean(line.of(text)).lstrip("•·▪◦*-– "), line,
                                 DateRange(day, None, when), None, tuple(organisers), (), (),
                                 line))
    return out, covered
