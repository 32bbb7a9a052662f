"""The events an item of the division's reports tells of: one per meeting (an item that reports
three meetings gives three), each with its own name, kind, days, place, organisers (only where
the text says who organised) and participants (only those the text says took part). Rule book
8 (`tests/data/archive/README.md`); the wordings are data (`loaders/layouts/update.md`).

Pure functions over the document's text; every event keeps the sentences it rests on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.dates import MONTH_PATTERN, DateRange, find_date_ranges
from cepa_kg.loaders.events_other_languages import is_other_language, other_language_mentions
from cepa_kg.loaders.organisations_in_text import ORG_HEAD, follows_slash
from cepa_kg.loaders.page_lines import is_chrome
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.sentences import sentence_spans
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_model import ActorMention

__all__ = ["EVENT_WORDS", "EventMention", "find_events", "first_event_word",
           "organisers_and_participants"]

#: Words that name an event, by kind (the first kind whose word matches wins).
EVENT_WORDS: tuple[tuple[str, str], ...] = (
    # ("the awards evening ... was held", "14 institutions will be awarded for ...")
    ("award", r"awards?\s+ceremony|ceremony|award\s+ceremon(?:y|ies)|awards?\s+(?:evening|night|"
              r"gala|dinner)|(?<=\bbe\s)awarded(?=\s+(?:for|at|during|on)\b)|"
              # an award received somewhere or on a day ("received the 2013 UN Public Service
              # Award in Manama on 27 June": `_RECEIVED` before it)
              r"(?-i:Awards?|Prize)(?=\s+(?:in|at|during|on)\s)"),
    ("forum", r"forums?"),
    ("conference", r"conferences?|summit|congress|symposium"),
    ("workshop", r"workshops?|hackathon"),
    ("seminar", r"seminars?|webinars?"),
    ("training", r"trainings?|training\s+(?:course|programme|session)s?|courses?|"
                 r"capacity[- ]building\s+programme"),
    ("meeting", r"expert\s+group\s+meetings?|meetings?|consultations?|sessions?|dialogue|"
                r"round\s*table|roundtable|panel(?:\s+discussion)?|side\s+events?|"
                r"(?:high-level|special|commemorative|parallel|virtual|hybrid)\s+events?|"
                r"online\s+events?|"
                r"briefings?|visit(?:ed|s)?|called\s+on|meets?(?=[^.]{0,40}\bwith\b)|"
                # "will call on the Prime Minister" (not "calls on Member States to ...")
                r"call\s+on(?=\s+(?:the\s+)?(?:H\.?\s?E\.?|Hon|Prime|President|Minister|King|"
                r"Queen|Ambassador|Secretary|Governor|Mayor|Speaker)\b)|"
                r"met(?=[^.]{0,40}\bwith\b)|study\s+tour|"
                # "also met several faculty members", "met Mr. X" (not "met the needs")
                r"met(?=\s+(?:several|many|some|two|three|four|five|representatives|officials|"
                r"members|faculty|experts|delegates|delegations?|senior|(?-i:(?:H\.\s?E|Mr|Ms|"
                r"Mrs|Dr|Prof)\b)))|"
                r"retreat"),
    # ("the launch ceremony of the programme": a launch, the ceremony its form)
    ("launch", r"launch(?:ing)?\s+ceremon(?:y|ies)|launch(?:ed|es)?"),
    # ("a mission to Geneva" is a trip, "the Mission of Chile to the UN" a body)
    ("mission", r"(?<!Permanent\s)(?<!Permanent\n)(?:(?-i:m)issions?|"
                r"(?-i:M)issions?(?!\s+(?:of|to)\s+(?:the\s+)?[A-Z]))"),
    # a fair or expo by its name only ("Government 3.0 Fair"): "a fair process" is none
    ("exhibition", r"exhibitions?|(?-i:Fair|Expo)s?"),
)
#: The letters the words of EVENT_WORDS begin with. Looked ahead for, they halve the time of a
#: scan: most positions fail that one test before the alternatives are tried
#: (tests/test_event_words.py checks that no word is lost).
EVENT_INITIALS = "abcdefhlmoprstvw"
_WORD_ALTERNATIVES = "|".join(f"(?P<{k}>{p})" for k, p in EVENT_WORDS)
_WORD = screened(re.compile(rf"\b(?=[{EVENT_INITIALS}])(?:{_WORD_ALTERNATIVES})\b", re.I))
_FUTURE = screened(re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|to\s+be\s+held|upcoming|next|planned|"
    r"scheduled|forthcoming|due\s+(?:in|on|by))\b", re.I))
_BACKGROUND = re.compile(r"\b(?:(?:the|its|their)\s+(?:last|previous|preceding)\s+(?:\w+\s+){0,3}"
                         r"(?:meeting|session|conference|forum|workshop)s?|"
                         r"last\s+(?:year|month|week|november|october|september|december|"
                         r"january|february|march|april|may|june|july|august)|earlier|previous|"
                         r"in\s+(?:19|20)\d\d,?\s+(?:it|the)|since)\b", re.I)
#: What a meeting follows up: a meeting before it, no event of this news (not "reviewed the
#: follow-up of the Agenda at a high-level event": the event it was reviewed at).
_FOLLOWS_UP = re.compile(r"\bfollow[- ]?up\s+(?:to|of|on)\s+(?:the\s+|its\s+|a\s+|an\s+)?"
                         r"(?:(?!(?:at|in|during|with|by)\b)[\w’'-]+\s+){0,5}$", re.I)
_HOST = re.compile(r"(?:\bat|\bduring|\bon\s+the\s+(?:margins|sidelines)\s+of|\bas\s+part\s+of|"
                   r"\bwithin|\bin\s+the\s+(?:context|framework)\s+of|\bside\s+event\s+"
                   r"(?:to|of|at))\s+(?:the\s+)?(?:[\w+’'-]+\s+){0,6}$", re.I)
_NOT_EVENT = screened(re.compile(
    r"\b(?:session\s+of\s+the\s+general\s+assembly|\d+(?:st|nd|rd|th)\s+"
    r"session|substantive\s+session|visit\s+(?:our|the)\s+website|"
    r"(?:set|sets|setting|chart\w*|chang\w*|stay\w*|on)\s+(?:the|a|its|"
    r"their)\s+course)\b", re.I))  # ("setting the course for ending poverty")
_LINKS = re.compile(r"\s*(?:for\s+(?:more|further)\s+information|more\s+information|"
                    r"read\s+more|related\s+links?|see\s+also)\b", re.I)
_QUOTED = re.compile(r"[“\"‘]([^”\"’]{8,200})[”\"’]")
_QUOTED_AFTER = re.compile(r"\s*(?:\([A-Z]{2,8}\)\s*)?(?:on|entitled|titled|themed|,)?\s*"
                           r"[“\"‘]([^”\"’]{8,200})[”\"’]")
#: Words that end an event's name when read backwards from its kind word.
_NAME_STOP = frozenset("and or on of in at for with to by from the a an its their this that "
                       "which who was were is are be been has have had held also as during "
                       "after before between".split())
_MONTH_WORD = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
#: A time's possessive before an event word, no part of its name: "This year’s awards ceremony".
_TIME_POSSESSIVE = re.compile(r"(?:year|years|week|month|today|yesterday|tomorrow|decade|"
                              r"season)[’']s?", re.I)


@dataclass(frozen=True)
class EventMention:
    kind: str
    name: str  # the event's name as the text gives it: a quoted title, else its noun phrase
    name_span: Span
    dates: DateRange | None
    sentence: Span  # the sentence that reports it
    word: Span  # the word that names its kind
    other_names: tuple[str, ...] = ()  # its noun phrase, the item's title
    #: "two workshops": how many the text counts (1 for "a"/"one" workshop, 0 uncounted), and
    #: which of them this is: counted meetings are never one with another mention
    count: int = 0
    number: int = 0
    ahead: bool = False  # told as still to come ("will be held"), after the page's own date
    #: "X also met with Y": a meeting besides the one told before it, never merged into it
    another: bool = False
    #: a step of a visit told in order: "then" (the day of the step before), "next-day"
    step: str = ""
    #: named by its own phrase though told by a verb word ("paid a courtesy visit to X")
    named: bool = False
    #: the subject of "will be held", "took place" ...: the meeting its sentence reports
    held: bool = False


#: What a name carries before the event's own name: an address ("To the Conference on X", a
#: message's heading), a day's possessive ("Thursday's policy briefing for X"), a headline's
#: verb ("Mauritius hosts 10th SADC workshop"), a programme's number ("Workshop 1 - X",
#: "Workshop 4: X": the title after it names the meeting).
_NAME_LEAD = re.compile(
    r"^(?:(?i:to|for)\s+(?i:the)\s+(?=[A-Z0-9])"
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Today|This\s+year|Last\s+year)[’']s\s+"
    r"|(?:hosts|hosted|holds|held|opens|opened|launches|launched|organi[sz]es|organi[sz]ed|"
    r"convenes|convened|will\s+host|to\s+host)\s+(?=[A-Z0-9])"
    r"|(?:Workshop|Session|Seminar|Panel|Webinar|Module|Track|Day)\s+(?:\d{1,2}|[IVX]{1,4})"
    r"\s*(?:[:.]|\s[-–—])\s+(?=[A-Z“\"]))")


def name_variants(name: str) -> tuple[str, ...]:
    """The event's own name where `name` carries something before it (`_NAME_LEAD`): an
    alternative label, the name as written kept."""
    m = _NAME_LEAD.match(name)
    if m is None:
        return ()
    rest = name[m.end():].strip(" “”\"")
    return (rest,) if len(rest.split()) >= 2 else ()


def first_event_word(text: str, span: Span) -> Span | None:
    """Where the first word that names an event is in `span`, if one is."""
    m = _WORD.search(text, span.start, span.end)
    return Span(m.start(), m.end()) if m else None


def _kind(m: re.Match[str]) -> str:
    return next(k for k, _ in EVENT_WORDS if m.group(k))


def _name(text: str, sentence: Span, word: Span) -> Span:
    """The event's name: a quoted title right after its word ("a workshop on “X”"), else its
    noun phrase ("the first preparatory meeting", "2016 Steering Committee Meeting")."""
    entitled = re.match(r"\s+(?:entitled|titled|called)\s+(?![“\"‘])([A-Z][^.;\n]{5,150}?)"
                        r"(?=[.;\n]|\s+(?:was|were|held|on\s+\d)|$)", text[word.end: sentence.end])
    if entitled:
        return Span(word.end + entitled.start(1), word.end + entitled.end(1)).strip(text, " ,")
    after = text[word.end: min(sentence.end, word.end + 20)]
    q = _QUOTED.search(text, word.end, min(sentence.end, word.end + 260))
    if q and re.match(r"\s*(?:,\s*)?(?:on|of|entitled|titled|called|:|,|focus(?:es|ed)\s+on|"
                      r"(?:is\s+)?themed)?\s*(?:the\s+theme\s+)?[“\"‘]", after):
        return Span(q.start(1), q.end(1))
    start = word.start
    tokens = list(re.finditer(r"[\w’'+-]+", text[max(sentence.start, word.start - 80): word.start]))
    for k in range(len(tokens) - 1, -1, -1):
        m = tokens[k]
        token = m.group(0)
        if any(q in text[max(sentence.start, word.start - 80) + m.end(): word.start]
               for q in "“\"‘"):
            break  # the name opens with its quotation mark: 'UNPOG organised “Roundtable ...”'
        if token in ("of", "and") and k and tokens[k - 1].group(0)[:1].isupper() and \
                text[max(sentence.start, word.start - 80) + m.end() + 1:][:1].isupper():
            continue  # inside a name in title case: "First National Training of Trainers
            # Workshop"
        if token.lower() in _NAME_STOP or _MONTH_WORD.match(token) or \
                _TIME_POSSESSIVE.fullmatch(token) or (
                token[:1].isdigit() and not _YEAR_OR_ORDINAL.fullmatch(token)) \
                or word.start - (max(sentence.start, word.start - 80) + m.start()) > 60:
            break  # ("2013 Steering Committee Meeting": a name's own year stays)
        start = max(sentence.start, word.start - 80) + m.start()
    span = Span(start, word.end)
    complement = re.match(r"\s+(?:on|of|for|with)\s+(?!\d{1,2}\b|the\s+\d{1,2}(?:st|nd|rd|th)?\b|"
                          r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
                          r"[^,.;:()]{3,80}?(?=[,.;:(]|\s+(?:held|in|at|was|were|will|is|are|has|"
                          r"have|had|that|which|who|"
                          r"from|took|organi[sz]ed|opened|opens|closed|began|begins|ended|"
                          r"convened|convenes|"
                          r"and\s+(?:the|a|an|one|two|three|four|five|six)|"
                          rf"on\s+\d|on\s+{MONTH_PATTERN}\s+\d{{1,2}})\b|$)",  # (a day after
                          # it: "... Task Force on April 20")
                          text[word.end: sentence.end], re.I)
    if complement:
        end = word.end + complement.end()
        tail = re.search(r"\s+(?:and|or)$", text[word.end: end])  # ("... 2010 and is ...")
        span = Span(start, end - (len(tail.group(0)) if tail else 0))
        span = _title_case_tail(text, span, sentence)
    elif (before := _QUOTED_BEFORE.search(text, max(sentence.start, word.start - 60),
                                          word.start)) is not None:
        # "The ‘Mobile Services in Africa’ three-day workshop": the name in quotes before it
        return Span(before.start(1), before.end(1))
    elif text[word.start: word.start + 1].isupper() and \
            (year := _NAME_YEAR.match(text, word.end, sentence.end)) is not None:
        span = Span(start, year.end())  # "the Global e-Government Forum 2014 held in ..."
    span = span.strip(text, " ,")
    words = span.of(text).split()
    drop = 0
    # articles, and lower-case words before a capitalised name ("annual Roundtable ..."; not an
    # ordinal: "the 13th Annual Meeting")
    while drop < len(words) - 1 and (words[drop].lower() in ("the", "a", "an", "its", "their",
                                                             "this")
                                     or (words[drop].islower() and words[drop + 1][:1].isupper()
                                         and not _YEAR_OR_ORDINAL.fullmatch(words[drop]))):
        drop += 1
    if drop:
        span = Span(span.start + text[span.start:span.end].index(words[drop]), span.end)
    return span


#: A year after a name in title case, its own: "Global e-Government Forum 2014", also after
#: the name's acronym in brackets ("Global e-Government Forum (GeGF) 2013").
_NAME_YEAR = re.compile(r"(?:[^\S\n]+\([A-Za-z][\w&-]{1,12}\))?[^\S\n]+(?:19|20)\d\d\b"
                        r"(?![/.-]?\d)")
#: A quoted name just before the event's word, with at most its length or kind between:
#: "The 'Mobile Services and Electronic Government in Africa' three-day workshop".
_QUOTED_BEFORE = re.compile(r"[“\"‘']([A-Z][^”\"’'\n]{7,200})[”\"’'][^\S\n]+"
                            r"(?:(?:[\w-]+-day|one|two|three|four|five|regional|national|"
                            r"international|global|annual|high-level|technical|online|virtual)"
                            r"[^\S\n]+){0,3}$", re.I)
#: A name in title case going on after "in", "for", "of" ...: "Workshop on Involving Citizens |in
#: Local Service Delivery for the Achievement of the Millennium Development Goals".
_TITLE_TAIL = re.compile(r"[ ](?:in|for|of|and|on|to|through)[ ](?:the[ ])?"
                         r"(?P<run>[A-Z][\w’'-]*(?:[ ](?:of|and|the|for|in|on|to)?[ ]?"
                         r"[A-Z][\w’'-]*)*)")
_SMALL = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "through", "with"})
_MONTH_NAME = re.compile(MONTH_PATTERN)


def _title_case_tail(text: str, span: Span, sentence: Span) -> Span:
    """The name's complement, on through the words in title case that follow it (a place
    the gazetteer knows or a month ends it: "Workshop on E-Services in Lisbon")."""
    words = span.of(text).split()
    if not all(w[:1].isupper() or w.lower() in _SMALL for w in words[1:]) or \
            sum(w[:1].isupper() for w in words) < 3:
        return span
    end = span.end
    gz = Gazetteer.bundled()
    while (m := _TITLE_TAIL.match(text, end, sentence.end)) is not None:
        if _MONTH_NAME.fullmatch(m.group("run").split(" ")[0]):
            break  # a day: "... Task Force on April 20, 2023"
        hit = gz.resolve(m.group("run").split(" ")[0]) or gz.resolve(m.group("run"))
        if hit is not None and hit.kind in ("place", "country"):
            break
        end = m.end()
    return Span(span.start, end)


def find_events(text: str, body: Span, title: Span | None, reference: dt.date | None, *,
                item_title: str = "", names: tuple[Span, ...] = (),
                not_dates: tuple[Span, ...] = (),
                own_date: dt.date | None = None) -> list[EventMention]:
    """The events an item reports, in order (see the module's docstring). A meeting told by a
    verb ("met with", "visited") is named by the item's title. `names`: where organisations
    are named; an event word before the name's head word is part of the name ("Asian and
    Pacific Training Centre"), while a name an event word heads may be an event too ("Internet
    Governance Forum", "Conference of the States Parties"). `not_dates`: dates that are no
    meeting's (the page's own post date glued to its title line). `own_date`: the page's own
    date; a meeting months before it is background ("conferences in Paris, December 2009" in
    a bulletin of March 2011), not what the page reports."""
    sentences = sentence_spans(text, body, paragraphs=True)
    announced = _mentions(text, sentences, reference, names=names, not_dates=not_dates,
                          own_date=own_date)  # read once, used twice
    body_events = [m for m in announced if not m.ahead]
    if not body_events:  # an announcement: the events it tells of are still to come (and
        # minutes, whose title names the meeting they record, tell of the next one)
        titled = _mentions(text, [title], reference, names=names, not_dates=not_dates) \
            if title is not None and announced and all(
                _NEXT.search(text, max(0, m.word.start - 12), m.word.start) for m in announced) \
            else []
        body_events = titled + announced
    else:  # and a report that announces a dated meeting too
        told = {m.word for m in body_events}
        body_events = sorted(body_events + [m for m in announced if m.word not in told
                                            and (m.dates is not None or m.another)],
                             key=lambda m: (m.word.start, m.number))
    if not body_events and title is not None:  # only the title names it
        body_events = _mentions(text, [title], reference, names=names, not_dates=not_dates)
    if not body_events and is_other_language(text, body):  # a page in another language
        body_events = [EventMention(m.kind or "", m.name, m.name_span, m.dates, m.sentence,
                                    m.word)
                       for m in other_language_mentions(
                           text, ([title] if title is not None else []) + sentences, reference)]
    counted = {m.kind for m in body_events if m.count > 1}
    if counted:  # "launched a series of workshops ... The first two workshops were held in"
        body_events = [m for m in body_events if m.kind not in counted or m.count > 1 or
                       not _SERIES_OF.search(text[max(0, m.word.start - 30): m.word.start])]
    if own_date is not None:
        body_events = [m for m in body_events if m.dates is None or
                       (own_date - (m.dates.end or m.dates.start)).days <= _BACKGROUND_DAYS]
    events = _also_named(_dated_steps(_merge(body_events)),
                         [m for m in announced if m not in body_events])
    if len(events) == 1 and events[0].dates is None:  # the item's one event: the item's day
        first = _first_date(text, [s for s in (title, body) if s is not None], reference,
                            not_dates)
        if first is not None:
            e = events[0]
            events = [replace(e, dates=first)]
    if title is not None and events:  # the title's own names for them ("... attends the
        # 2016 Steering Committee Meeting", "Seminar on “X”")
        events = [replace(e, other_names=(*e.other_names,
                                           *_title_names(text, title, e.kind, len(events))))
                  for e in events]
    if item_title and title is not None and not _names_no_event(item_title):
        events = [replace(e, name=item_title, name_span=title,
                          other_names=(*e.other_names, e.name))
                  if (_VERB_WORD.match(e.word.of(text)) and not e.named) or (
                      # no name: the item's one event, or the one its title opens with
                      # ("Mission to Geneva on ..." for "went on a mission")
                      (len(events) == 1 or (len(e.name.split()) == 1 and
                                            item_title.lower().startswith(e.name.lower()))) and
                      " ".join(e.name.lower().split()) == " ".join(e.word.of(text).lower().split()))
                  else
                  replace(e, other_names=(*e.other_names, item_title) if len(events) == 1 else
                          e.other_names)
                  for e in events]
    return events


_NEXT = re.compile(r"\b(?:the|its|their)\s+next\s+$", re.I)
#: A verb of receiving an award before its name ("received the 2013 ... Award in Manama").
_RECEIVED = re.compile(r"\b(?:received|receives|receiving|won|wins|accepted|accepts|collected|"
                       r"conferred|presented\s+with|honou?red\s+with)\b[^.;]*$", re.I)
#: A title line that names no meeting: a document's kind ("Press Release", "Transcription"),
#: a day ("Thursday, 19 November 2020", "Mittwoch, 19.11.2025").
_NO_EVENT_TITLE = re.compile(
    r"(?:press\s+release|news\s+release|news|transcription|transcript|media\s+advisory|"
    r"announcement|communiqu[ée]|update)\W*"
    r"|\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b[\W\d]*"
    r"(?:" + MONTH_PATTERN + r")?[\W\d]*", re.I)


def _names_no_event(title: str) -> bool:
    """Whether an item's title line names no meeting (`_NO_EVENT_TITLE`): the event its story
    tells keeps its own name."""
    return _NO_EVENT_TITLE.fullmatch(title.strip()) is not None


def _title_names(text: str, title: Span, kind: str, events: int) -> tuple[str, ...]:
    """The names a title line gives an event of `kind`: the noun phrase of each event word of
    that kind (of any kind when the item reports one event) and the title's quoted parts."""
    out = []
    for m in _WORD.finditer(text, title.start, title.end):
        if events == 1 or _kind(m) == kind:
            word = Span(m.start(), m.end())
            out += [_plain(_phrase(text, title, word).of(text)),
                    _plain(_name(text, title, word).of(text))]
    out += [_plain(q.group(1)) for q in _QUOTED.finditer(text, title.start, title.end)]
    return tuple(n for n in dict.fromkeys(out) if len(n.split()) >= 2)


def _first_date(text: str, spans: list[Span], reference: dt.date | None,
                not_dates: tuple[Span, ...] = ()) -> DateRange | None:
    for span in spans:
        for r in find_date_ranges(text, span, reference=reference):
            if any(n.start <= r.span.start < n.end for n in not_dates):
                continue
            before = text[max(0, r.span.start - 20): r.span.start]
            if not r.reversed and not _DEADLINE.search(before):
                return r
    return None


#: What makes a date a deadline, not the day of a meeting: "before (the) ...", "by ...".
#: How long before a page's own date a meeting it names is still what it reports.
_BACKGROUND_DAYS = 120
_DEADLINE = re.compile(r"\b(?:deadline|before|by|until|due)\s+(?:the\s+)?$", re.I)
_GENERIC = re.compile(r"(?:[’']s|\b(?:its|their|our|his|her|such|other|future|regular|"
                      r"annual|many|various|several))\s+(?:\w+\s+)?$", re.I)
_ALSO = re.compile(r"\b(?:also|then|later|further)\s+$", re.I)
#: A meeting only thought of: "possible joint training", "a proposed workshop".
_HYPOTHETICAL = re.compile(r"\b(?:possible|potential|proposed|eventual|prospective)\s+"
                           r"(?:[\w-]+\s+){0,2}$|\b(?:needs?|would\s+have)\s+to\s+(?:field|send|"
                           r"undertake|organi[sz]e|hold)\s+(?:a|an)\s+(?:[\w-]+\s+)?$", re.I)
#: A mission as the frame of a meeting told before it: "met with a delegation ... in an
#: exploratory mission to ...".
_IN_A_MISSION = re.compile(r"\b(?:in|on|during)\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+)?$",
                           re.I)
#: What makes a named meeting its sentence's subject: "The Sixth Global Forum on X, hosted by Y,
#: will be held ...".
_HELD_AFTER = re.compile(r"\s*(?:,[^,;.]{0,120},\s*)?(?:will\s+be|was|is|were|are)\s+(?:being\s+)?held\b|"
                         r"\s*(?:,[^,;.]{0,120},\s*)?(?:takes|took|will\s+take)\s+place\b", re.I)
#: "paid a courtesy visit to X": a meeting of its own, with X (on a mission, a tour).
_PAID = re.compile(r"\bpaid\s+(?:a|an)\s+(?P<what>(?:courtesy|official|working)\s+)?$", re.I)
_PAID_END = re.compile(r",|;|\s+and\s+(?=[a-z])")
_VERB_WORD = re.compile(r"(?:visit(?:ed|s)?|called\s+on|met|meets?)$", re.I)


def _mentions(text: str, spans: list[Span], reference: dt.date | None, *,
              names: tuple[Span, ...] = (), not_dates: tuple[Span, ...] = (),
              own_date: dt.date | None = None) -> list[EventMention]:
    mentions: list[EventMention] = []
    for sentence in spans:
        s = sentence.of(text)
        if _LINKS.match(s) or is_chrome(s):
            continue  # "For more information: AAPAM Roundtable Conference": a link, no report
            # ("Please visit", "Total site visits: 2984417": the site's, no report either)
        found_words = list(_WORD.finditer(text, sentence.start, sentence.end))
        if not found_words:
            continue  # no event word: no event (and no dates to read)
        if _NOT_EVENT.search(s) and not _WORD.search(_NOT_EVENT.sub("", s)):
            continue
        dates = [r for r in find_date_ranges(text, sentence, reference=reference)
                 if not r.reversed and not _DEADLINE.search(
                     text[max(0, r.span.start - 20):r.span.start])
                 and not any(n.start <= r.span.start < n.end for n in not_dates)]
        # "Roundtable Conference": of two kind words in a row, the second is the head
        not_events = [(n.start(), n.end()) for n in _NOT_EVENT.finditer(text, sentence.start,
                                                                       sentence.end)]
        words = [m for i, m in enumerate(found_words)
                 if not (i + 1 < len(found_words) and (found_words[i + 1].start() - m.end() <= 1
                         or _MODIFIER_GAP.fullmatch(text, m.end(), found_words[i + 1].start())))
                 and not any(a <= m.start() < b for a, b in not_events)  # "its 68th session"
                 and not _MODIFIES.match(text, m.end())  # "training institutions"
                 and not any(n.start <= m.start() and m.end() < n.end - 1 and
                             ORG_HEAD.search(text, m.end(), n.end) for n in names)]
        # "the 2014 UN Public Service Forum and Awards Ceremony", "Forum, Day and Awards
        # Ceremony": one event, of the kind named first, its word running to the last
        joined: dict[int, int] = {}
        for a, b in zip(words, words[1:], strict=False):
            if text[a.start()].isupper() and text[b.start()].isupper() and \
                    _JOINED_KINDS.fullmatch(text, a.end(), b.start()):
                joined[a.start()] = joined.get(b.start(), b.end())
        if joined:
            ends = {end for end in joined.values()}
            words = [m for m in words if m.end() not in ends or m.start() in joined]
        # a date in brackets just after an event word is that meeting's ("At the last Bureau
        # meeting (Brussels, March 3-4, 2011), it was agreed that a workshop ..."), not another's
        attached = {d.span for m in words for d in dates
                    if _BRACKET_AFTER.match(text, m.end(), d.span.start)}
        for i, m in enumerate(words):
            kind = _kind(m)
            if _in_brackets(text, sentence, m):
                continue  # "(survey; seminar on X, Rabat, 8-9 November 2010; ...)": an
                # example given in passing, not a meeting the item reports
            if kind == "launch" and _LAUNCHED_EVENTS.match(text, m.end(), sentence.end):
                continue  # "launched a series of workshops": the workshops are the events
            if kind == "launch" and _AFTER_A_LAUNCH.search(text, max(sentence.start,
                                                                     m.start() - 40), m.start()):
                continue  # "Following the launch of the Network in March 2009, DESA ...": what
                # the item's news came after, not the news
            word = Span(m.start(), joined.get(m.start(), m.end()))
            before = text[sentence.start: m.start()]
            if kind == "award" and m.group(0) in ("Award", "Awards", "Prize") and (
                    not _RECEIVED.search(before[-160:])
                    or "ceremon" in text[m.end(): sentence.end].lower()):
                continue  # an award's name, not the day it was received (or the ceremony
                # the sentence goes on to name is the event)

            if i and _HOST.search(before[-60:]) and kind in ("forum", "conference", "meeting",
                                                             "training"):
                continue  # "a meeting held at the WSIS Forum", "as part of a 2-week training
                # course": the host of the event, not another one
            if i and kind == "mission" and _IN_A_MISSION.search(before[-40:]):
                continue  # the trip the meeting told before it was part of
            if i and _PURPOSE_OBJECT.search(before[-60:]):
                continue  # "a workshop ... to review the first courses": what it reviewed
            if _FOLLOWS_UP.search(before[-70:]):
                continue  # "As a follow up to the Regional Symposium held in ...": the one before
            nxt = words[i + 1].start() if i + 1 < len(words) else sentence.end
            own = [d for d in dates if m.end() <= d.span.start < nxt] or \
                [d for d in dates if d.span.end <= m.start() and d.span not in attached][-1:] \
                or [d for d in dates if d.span not in attached][:1]
            if i == 0:  # "A briefing on access to UN meetings is scheduled for February 21":
                # the day the sentence's verb gives is its subject's, the first meeting named
                own = [d for d in dates if _SCHEDULED.search(
                    text, max(sentence.start, d.span.start - 40), d.span.start)][:1] or own
            elif own and _SCHEDULED.search(text, max(sentence.start, own[0].span.start - 40),
                                           own[0].span.start):
                own = []
            clause = text[max(sentence.start, m.start() - 80): min(sentence.end, m.end() + 80)]
            when = own[0] if own else None
            future = bool(_FUTURE.search(clause))
            if future and when is not None and own_date is not None and \
                    when.start < own_date and when.span.end <= m.start():
                when = None  # "... (Tunis, 2-3 December 2010), a workshop will be organized":
                # a day before it, of another meeting, is not a coming one's
            ahead = future and (when is None or reference is None
                                                       or when.start > reference)
            if _BACKGROUND.search(text[max(sentence.start, m.start() - 40): m.end() + 40]):
                continue
            name = _name(text, sentence, word)
            passive = _PASSIVE_LAUNCH.match(before) if kind == "launch" else None
            launched_what: Span | None = None  # (its noun phrase too, where it has one)
            if passive is not None:  # the thing launched names the launch, an event of its own
                name = Span(sentence.start + passive.start("subject"),
                            sentence.start + passive.end("subject"))
            elif kind == "launch" and not before.endswith("to ") and (
                    launched := _LAUNCHED_OBJECT.match(text, m.end(), sentence.end)) is not None:
                # "UN DESA launched the 2022 edition of the Survey at a virtual event": the
                # launch is named by what it launched, not by who launched it
                name = launched_what = Span(launched.start("what"), launched.end("what"))
            if when is not None and not _A_YEAR.search(text, when.span.start, when.span.end):
                named = _A_YEAR.search(text, name.start, name.end)  # "The 2012 United Nations
                # Public Service Forum, which took place ... from 25 to 27 June": that June's year
                if named is not None:
                    when = _in_year(when, int(named.group(0)))
            counted = _COUNTED.search(before[-60:])
            count = 0
            if counted and _COPULA.search(before[-60:][:counted.start()]):
                counted = None  # "the workshop was a side event to ...": the same one
            if counted and (m.group(0).lower().endswith("s") or counted.group("n").lower() in
                            _ONE):
                count = _COUNTS.get(counted.group("n").lower(), 0)
                if count > 1 or counted.group("n").lower() == "one":  # the name without its
                    # number: "capacity building workshops", "e-government consultation"
                    name = Span(max(name.start, sentence.start + len(before) - len(
                        before[-60:]) + counted.end("n")), name.end).strip(text)
            if count == 0 and m.group(0).lower().endswith("s") and _THESE.search(
                    before[-30:]) and any(p.kind == kind and p.count > 1 for p in mentions):
                continue  # "two briefing sessions ... These sessions were attended by ...":
                # the meetings counted before, told again
            if _HYPOTHETICAL.search(before[-40:]):
                continue  # "3) possible joint training for ...": a topic, no meeting
            if _GENERIC.search(before[-40:]) and m.group(0).lower().endswith("s") and \
                    name.start < word.end:  # (one "of its workshops, on “X”" is one)
                continue  # "to DPADM's meetings", "in its workshops": no meeting in particular
            phrase = launched_what or _phrase(text, sentence, word)
            quoted = tuple(_plain(q.group(1)) for q in _QUOTED.finditer(text, phrase.start,
                                                                        phrase.end))
            after = _QUOTED_AFTER.match(text, word.end, sentence.end)
            if after is not None:  # "an Expert Group Meeting (EGM) on “Scaling up ...”"
                quoted += (_plain(after.group(1)),)
            paid = _PAID.search(before[-30:])
            if paid is not None:  # "paid a courtesy visit to the Director of X, Mr. Y":
                # named by what it was ("courtesy visit to the Director of X")
                end = _PAID_END.search(text, word.end, sentence.end)
                name = Span(sentence.start + len(before) - len(before[-30:]) + paid.end() -
                            len(paid.group("what") or ""), end.start() if end else sentence.end)
            step = _STEP.match(text, sentence.start, m.start()) if _VERB_WORD.match(
                m.group(0)) else None
            mention = EventMention(kind, _plain(name.of(text)), name, when, sentence, word,
                                   (_plain(phrase.of(text)), *quoted), count, ahead=ahead,
                                   another=bool(_VERB_WORD.match(m.group(0)) and
                                                _ALSO.search(before[-12:])) or passive is not None
                                   or step is not None or paid is not None,
                                   named=paid is not None,
                                   held=_HELD_AFTER.match(text, name.end, sentence.end) is not None,
                                   step="" if step is None else
                                   "next-day" if step.group("day") else "then")
            if 1 < count <= _MAX_COUNTED and when is None and len(
                    _IN_PLACE.findall(text, m.end(), sentence.end)) >= count:
                # "The first two workshops were held in Quetta in October and in Multan in
                # November": each its own meeting, where the sentence says
                mention = replace(mention, another=True)
            days = _days_listed(text, when, count) if 1 < count <= _MAX_COUNTED else ()
            if days and when is not None:  # "two briefing sessions ... on 4 and 19 March
                # 2014": one day each (days are listed only where `when` is)
                mentions += [replace(mention, name=f"{mention.name} ({i} of {count})",
                                     number=i, dates=DateRange(day, None, when.span),
                                     another=True)
                             for i, day in enumerate(days, 1)]
            elif 1 < count <= _MAX_COUNTED:
                mentions += [replace(mention, name=f"{mention.name} ({i} of {count})",
                                     number=i) for i in range(1, count + 1)]
            elif count <= 1:
                mentions.append(mention)
    return mentions


_THESE = re.compile(r"\b(?:[Tt]hese|[Tt]hose|[Bb]oth|[Tt]he\s+(?:two|three|four|five|six))\s+"
                    r"(?:[\w-]+\s+){0,2}$")
_DAY_LIST = re.compile(r"(\d{1,2})(?:\s*,\s*(\d{1,2}))*\s*,?\s+and\s+(\d{1,2})(?!\d)")


def _days_listed(text: str, when: DateRange | None, count: int) -> tuple[dt.date, ...]:
    """The days of counted meetings written as a list in one month ("on 4 and 19 March
    2014"), one a meeting, when the list has as many days as the text counts meetings."""
    if when is None or when.end is None or when.start.month != when.end.month:
        return ()
    listed = _DAY_LIST.match(text, when.span.start, when.span.end)
    if listed is None:
        return ()
    days = [int(d) for d in re.findall(r"\d{1,2}", listed.group(0))]
    if len(days) != count or days[0] != when.start.day or days[-1] != when.end.day:
        return ()
    try:
        return tuple(when.start.replace(day=d) for d in days)
    except ValueError:
        return ()


#: The object of a meeting's purpose: "... to review the first courses", "to prepare the next
#: conference".
_PURPOSE_OBJECT = re.compile(r"\bto\s+(?:review|discuss|evaluate|assess|prepare|plan|design|"
                             r"validate|follow\s+up\s+on)\s+(?:the\s+|its\s+|their\s+|"
                             r"these\s+)?(?:[\w-]+\s+){0,2}$", re.I)
#: An event word that only qualifies the noun after it: "3 training institutions", "the list of
#: workshop participants", "the workshop report".
_MODIFIES = re.compile(r"[ -](?:institutions?|institutes?|centres?|centers?|colleges?|materials?|"
                       r"needs|modules?|manuals?|tools?|kits?|curricul(?:um|a)|calendars?|"
                       r"reports?|participants|facilitators|facilities|packages?|"
                       r"proceedings|outcomes?|venues?|(?i:rooms?|halls?))\b")  # ("Conference Room DC2 2330": where)
#: A launch whose object is meetings: "launched a series of workshops", "launches two
#: national consultations".
_LAUNCHED_EVENTS = re.compile(
    r"\s+(?:(?:a|an|the|its|their|two|three|four|five|several|new)\s+)?(?:(?:series|number|"
    r"round|cycle|set)\s+of\s+)?(?:[\w-]+\s+){0,3}?(?:workshops?|seminars?|webinars?|trainings?|"
    r"courses?|forums?|conferences?|meetings?|consultations?|dialogues?)\b", re.I)
#: "in Quetta", "at Lahore": a place the sentence names (a month is none).
_IN_PLACE = re.compile(r"\b(?:in|at)\s+(?!(?:January|February|March|April|May|June|July|August|"
                       r"September|October|November|December)\b)[A-Z][\w’'-]+")
#: "a series of workshops": the series, no meeting in particular, where the text tells of
#: its meetings one by one.
_SERIES_OF = re.compile(r"\b(?:series|number|cycle|round)\s+of\s+(?:[\w-]+\s+){0,2}$", re.I)
#: Between two event words, what makes the first a modifier of the second: "Training of
#: Trainers Workshop", "training-of-trainers workshop".
#: Between two event words of one event's name: "Forum and Awards Ceremony", "Forum, Day and
#: Awards Ceremony".
_JOINED_KINDS = re.compile(r"(?:,[ ]Day)?(?:[ ](?:19|20)\d\d)?[ ](?:and|&)[ ]")
_MODIFIER_GAP = re.compile(r"[\s-]+of[\s-]+trainers(?:\s*\((?:ToT|TOT|ToTs)\))?[\s-]+", re.I)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?!\s+Agenda\b)")  # (not "the 2030 Agenda")


def _in_year(when: DateRange, year: int) -> DateRange:
    """A date read without its year, put in the year the event's name gives."""
    try:
        start = when.start.replace(year=year)
        end = when.end.replace(year=year + (when.end.year - when.start.year)) if when.end else None
    except ValueError:  # (29 February)
        return when
    return replace(when, start=start, end=end)


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_ONE = frozenset(("a", "an", "one"))
_COPULA = re.compile(r"\b(?:was|is|were|are|be|been|being|as|became|becomes|remains?|"
                     r"remained)\s+$", re.I)
_MAX_COUNTED = 6  # "two workshops" are two meetings; "twenty sessions" a programme, not listed
#: A number right before an event's noun phrase: "run two capacity-building workshops", "a
#: ministerial roundtable" (up to three words between)
_COUNTED = re.compile(r"(?<![\w-])(?P<n>a|an|one|two|three|four|five|six|[2-6])\s+"
                      r"(?:[\w’'-]+\s+){0,3}$", re.I)


def _plain(name: str) -> str:
    return clean(re.sub(r"[“”\"‘’]", "", name)).strip(" ,.")


_YEAR_OR_ORDINAL = re.compile(r"(?:19|20)\d\d|\d{1,2}(?:st|nd|rd|th)")


def _phrase(text: str, sentence: Span, word: Span) -> Span:
    """The event's noun phrase with its complement, a quoted title included ("Regional
    Workshop on “Innovation Labs”")."""
    start = word.start
    window = max(sentence.start, word.start - 80)
    for m in reversed(list(re.finditer(r"[\w’'+-]+", text[window: word.start]))):
        token = m.group(0)
        if token.lower() in _NAME_STOP or _MONTH_WORD.match(token) or \
                _TIME_POSSESSIVE.fullmatch(token) or (
                token[:1].isdigit() and not _YEAR_OR_ORDINAL.fullmatch(token)):
            break  # "2016 Steering Committee Meeting", "7th Global Forum": a name's own number
        start = window + m.start()
    q = re.match(r"\s*(?:,\s*)?(?:on|of|for|entitled|titled|called|:)\s*(?:the\s+theme\s+)?"
                 r"[“\"‘][^”\"’]{3,200}[”\"’]", text[word.end:
                 sentence.end])
    end = word.end + (q.end() if q else 0)
    return Span(start, end)


#: The verb that dates a sentence's subject: "is scheduled for", "will take place on".
_SCHEDULED = re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:scheduled|planned|set)\s+"
                        r"(?:for|on)\s+(?:the\s+)?$|\b(?:will|is\s+to|are\s+to)\s+(?:take\s+place|"
                        r"be\s+held)\s+(?:on|from)\s+(?:the\s+)?$", re.I)
_BRACKET_AFTER = re.compile(r"[^\S\n]*\([^()]{0,40}$")


def _in_brackets(text: str, sentence: Span, word: re.Match[str]) -> bool:
    """The event word stands inside round brackets of its sentence."""
    before = text[sentence.start: word.start()]
    opened = before.rfind("(")
    if opened < 0 or before.rfind(")") > opened:
        return False
    return ")" in text[word.end(): sentence.end]


def _also_named(events: list[EventMention], unused: list[EventMention]) -> list[EventMention]:
    """An event's names in the item's other sentences, told as still to come and so no event
    of their own ("The Sixth Global Forum on X will open in Busan ... The theme of the 6th
    Global Forum on X"): a name of its kind that holds one of the event's names of three words
    or more, with the same number if both have one."""
    out = []
    for e in events:
        names = [n.lower() for n in (e.name, *e.other_names) if len(n.split()) >= 3]
        more = [m.name for m in unused
                if m.kind == e.kind and m.name != e.name and m.name not in e.other_names
                and any(n in m.name.lower() for n in names)
                and (_number_of(m.name) is None or _number_of(e.name) is None
                     or _number_of(m.name) == _number_of(e.name))]
        out.append(replace(e, other_names=tuple(dict.fromkeys((*e.other_names, *more))))
                   if more else e)
    return out


def _merge(mentions: list[EventMention]) -> list[EventMention]:
    """One event per meeting: mentions of one day (or with no day) and of a compatible kind
    are one event, named by its first dated mention with a quoted title, else its first."""
    out: list[EventMention] = []
    for m in mentions:
        same = next((e for e in out if _same(e, m)), None)
        if same is None:
            out.append(m)
            continue
        i = out.index(same)
        names = tuple(dict.fromkeys((*same.other_names, m.name, *m.other_names)))
        better = replace(same, dates=same.dates or m.dates, other_names=names)
        if _told_by_verb(same) and not _told_by_verb(m) and m.name_span != m.word and \
                m.name[:1].isupper() and m.sentence == same.sentence:  # (a proper name in
            # the visit's own sentence: not "possible joint training", nor a later conference)
            # "visited Seoul for the Regional Dialogue on ...": the meeting is the one named
            better = replace(better, name=m.name, name_span=m.name_span, word=m.word,
                             kind=m.kind, other_names=tuple(
                                 dict.fromkeys((same.name, *same.other_names, *m.other_names))))
        if m.held and _NUMBERED.match(m.name) and not (
                _NUMBERED.match(same.name) or _OF_NAMED.match(same.name)) and not m.count:
            # "High-Level Meeting to Focus on X ... The Sixth Global Forum on Y will be held":
            # the meeting is the one its own name numbers
            better = replace(better, name=m.name, name_span=m.name_span, word=m.word,
                             kind=m.kind, other_names=tuple(
                                 dict.fromkeys((same.name, *better.other_names))))
        if _NUMBERED.match(m.name) and not _NUMBERED.match(better.name) and \
                len(better.name.split()) >= 3 and \
                m.name.lower().endswith(" " + better.name.lower()):
            # "Global Forum on X in Busan ... The Sixth Global Forum on X will open": the
            # same name with its number (not a bare "Global Forum": one of a series)
            better = replace(better, name=m.name, name_span=m.name_span, other_names=tuple(
                dict.fromkeys((better.name, *better.other_names))))
        out[i] = better
    # a mention with neither day nor title of its own is no meeting in particular
    # (and where none has a day, the first stands for the item's event)
    # (a count of undated meetings, "has implemented four courses", tells of no one meeting)
    kept = [e for i, e in enumerate(out) if e.dates is not None or len(out) == 1 or e.another
            or e.name_span.start >= e.word.end
            or any(_NAMED.match(n) for n in (e.name, *e.other_names))  # ("... on X")
            or _NUMBERED.match(e.name)  # ("the 19th UN Public Service Forum")
            # (a launch named by what it launches: "featured the African launch of the 2024
            # UN E-Government Survey", an event of its own at the forum)
            or (e.kind == "launch" and _LAUNCH_OF.search(e.name) is not None)
            or ((i == 0 or e.count == 1) and all(o.dates is None for o in out))]
    return [replace(e, name=e.name.rsplit(" (", 1)[0], count=0, number=0)
            if e.count > 1 and sum(o.word == e.word for o in kept) == 1 else e for e in kept]


#: What a verb of launching launched: "launched the 2022 edition of the Survey at a virtual
#: event" (to where the sentence tells where, when or how).
_LAUNCHED_OBJECT = re.compile(
    r"(?<=[a-z])[ ]+(?:officially[ ]+|formally[ ]+)?(?:the|its|their|a|an)[ ]+"
    r"(?P<what>[^,.;:()]{4,150}?)(?=[ ]+(?:at|in|during|with|by|through|to|which|that|before|"
    r"from|together|jointly|aimed|aiming|designed|intended|dubbed|called|entitled|on[ ]+(?:\d|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|" + MONTH_PATTERN + r")|"
    r"and[ ]+(?:the|a|an|its)[ ]+\w+[ ]+(?:was|were|is|are))\b|[,.;:(]|$)")
#: A launch told in the passive, the thing launched its subject: "The X Report will also be
#: launched during his visit".
_PASSIVE_LAUNCH = re.compile(r"^(?P<subject>(?:The|A|An|Its|Their)\s+[A-Z][^,;:]{3,150}?)\s+"
                             r"(?:will\s+|is\s+to\s+)?(?:also\s+)?(?:be|was|were|been|is|are)\s+"
                             r"(?:also\s+|officially\s+|formally\s+)?$")


#: A sentence that tells the next step of a visit: "Then, she visited ...", "On the following
#: day, she also met ..." (up to the verb).
_STEP = re.compile(r"(?:Then|Next|Afterwards|Later|Subsequently|Finally|(?P<day>(?:On\s+)?[Tt]he\s+"
                   r"(?:following|next)\s+day))\b,?\s+(?:[\w’'-]+\s+){0,3}$")


def _dated_steps(events: list[EventMention]) -> list[EventMention]:
    """A step of a visit with no day of its own was on the day of the step before ("Then"),
    or the day after it ("On the following day")."""
    out: list[EventMention] = []
    for e in events:
        prev = out[-1] if out else None
        if e.step and e.dates is None and prev is not None and prev.dates is not None and \
                (prev.dates.end is None or prev.dates.end == prev.dates.start):
            day = prev.dates.start + dt.timedelta(days=1 if e.step == "next-day" else 0)
            e = replace(e, dates=DateRange(day, None, prev.dates.span))
        out.append(e)
    return out


def _told_by_verb(m: EventMention) -> bool:
    """A meeting told by its verb ("X visited Y", "met with"), not named by a noun."""
    last = m.name.split()[-1] if m.name.split() else ""
    return _VERB_WORD.match(last) is not None


#: Kinds of event never one with a meeting of another kind beside them: a launch, an awards
#: ceremony, a mission (the trip; the meetings on it are each their own).
_OWN_KINDS = frozenset(("launch", "award", "mission"))


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _same(a: EventMention, b: EventMention) -> bool:
    if a.kind != b.kind and {a.kind, b.kind} & _OWN_KINDS \
            and not (_within(a.word, b.name_span) or _within(b.word, a.name_span)):
        return False  # "the report will also be launched during his visit", "a conference
        # ... and the awards ceremony": an event of its own (but one name holds one event:
        # "the Public Service Forum, Day and Awards Ceremony")
    if a.another or b.another:
        return False  # "... also met with the Permanent Mission": a meeting of its own
    if a.count > 1 or b.count > 1:
        return False  # "two workshops": each its own, and neither the conference they are at
    if a.count and b.count and a.sentence == b.sentence and a.word != b.word:
        return False  # "added a consultative meeting to a study tour": two introduced at once
    if (a.count or b.count) and a.kind != b.kind:
        return False  # "a ministerial roundtable" at the awards week is a meeting of its own
    if a.sentence == b.sentence and a.word != b.word and _OF_NAMED.match(a.name) and \
            _OF_NAMED.match(b.name) and a.name not in b.name and b.name not in a.name:
        return False  # "hosted the 6th Ministerial Meeting of X and the 13th Annual Meeting of Y"
    if a.kind != b.kind and (_VISITING.search(a.name) and _NAMED.match(b.name) or
                             _VISITING.search(b.name) and _NAMED.match(a.name)):
        return False  # "a study visit ... The Regional Workshop on X to be hosted by ...": two
    if (na := _number_of(a.name)) is not None and (nb := _number_of(b.name)) is not None \
            and na != nb:
        return False  # "During the 6th Global Forum ..., invited participants to the 7th"
    if a.dates is not None and b.dates is not None:
        return a.dates.start == b.dates.start
    if b.dates is None or a.dates is None:
        return a.kind == b.kind or b.kind == "meeting" or a.kind == "meeting"
    return False


_AFTER_A_LAUNCH = re.compile(r"\b(?:[Ff]ollowing|[Aa]fter|[Ss]ince)\s+(?:the\s+|its\s+|their\s+)?"
                             r"(?:[\w-]+\s+){0,2}$")
_LAUNCH_OF = re.compile(r"\blaunch(?:ing)?\s+of\s+(?:the\s+)?(?:(?:19|20)\d\d\s+)?[A-Z]")
#: A meeting named as one of a body or a region: "6th e-Government Ministerial Meeting of Latin
#: America", "Annual Meeting of the ... Network".
_OF_NAMED = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)\s+)?(?:(?:[A-Z]|e-)[\w’'-]*\s+){1,6}?(?:Meeting|"
                       r"Conference|Forum|Summit|Session|Assembly)s?\s+of\s+(?:the\s+)?(?:[A-Z]|e-[A-Z])")
#: An event named with its number or year: "19th UN Public Service Forum", "2016 United Nations
#: Public Service Forum".
_NUMBERED = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)|(?:19|20)\d\d|(?:First|Second|Third|Fourth|Fifth|"
                       r"Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)\b)\s+"
                       r"(?:[A-Z][\w’'-]*\s+){1,6}?"
                       r"(?:Forum|Conference|Summit|Symposium|Meeting|Session|Workshop|Congress)\b")
_ORDINAL_WORDS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
    start=1)}


def _number_of(name: str) -> str | None:
    """The number or year an event's name opens with ("6th", "Sixth": "6"; "2016"), if any."""
    if not _NUMBERED.match(name):
        return None
    first = name.split(maxsplit=1)[0].lower()
    return str(_ORDINAL_WORDS[first]) if first in _ORDINAL_WORDS else first.rstrip("stndrh")


#: A visit told as such ("study visit", "study tour", "mission"): no other word for an event of
#: another kind named in full.
_VISITING = re.compile(r"\b(?:visits?|study\s+tours?|missions?)\b", re.I)
#: An event named in full: capitalised words up to its word, then what it is on ("Regional
#: Workshop on Open Government Data").
_NAMED = re.compile(r"(?:[A-Z][\w’'-]*\s+){1,4}(?:Workshop|Seminar|Conference|Forum|Symposium|"
                    r"Course|Training|Dialogue|Webinar)s?\s+(?:on|of|for)\s+[A-Z“\"]")


# -- who organised, who took part ---------------------------------------------------------------

_ORGANISED_BY = screened(re.compile(r"\b(?:co-?)?(?:organi[sz]ed|hosted|convened|arranged)\s+"
                           r"(?:jointly\s+)?by\b|\b(?:organi[sz]ed|convened|held)\s+as\s+(?:a\s+)?"
                           r"joint\s+(?:[\w-]+\s+){0,4}?(?:initiative|effort|activity|event|"
                           r"undertaking|programme)\s+of\b", re.I))
_ORGANISED = screened(re.compile(
    r"\b(?:co-?)?(?:organi[sz]ed|organi[sz]es|hosted|hosts|convened|held|ran|"
    r"launched(?=\s+(?:a|an|the|two|three|four|several)\s+(?:series\s+of\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:workshops?|seminars?|courses?|trainings?))|"
    r"runs?|conducted|arranged|arranges|(?:is|are|will\s+be)\s+(?:jointly\s+)?"
    r"(?:co-?)?organi[sz]ing|(?:will|shall)\s+(?:jointly\s+)?(?:organi[sz]e|convene|"
    r"host|hold)|(?:is|are|will\s+be)\s+(?:convening|hosting|holding)|convenes|"

    # "X, Y and Z have partnered to organize the workshop"
    r"(?:have|has|had)\s+(?:partnered|joined\s+forces|teamed\s+up)\s+to\s+"
    r"(?:co-?)?organi[sz]e)(?:\s+|(?=,))"
    # "organised in Seoul, Republic of Korea, a Regional Consultation",
    # "is organizing, in collaboration with the Government of X, the ..."
    # ("Uruguay hosted from 21-22 October 2019 the 6th ... Meeting")
    r"(?:(?:on|from)\s+[^.;:,]{1,40}?\b(?:19|20)\d\d\s+(?=the\b)|"
    r"(?:in|at|on|from)\s+[^.;:]{1,60}?,\s+|,\s*in\s+(?:collaboration|"
    r"cooperation|partnership|conjunction)\s+with\s+[^.;:,]{1,80},\s+)?"
    r"(?=(?:a|an|the|its|this|one|two|three|four|several|"
    r"jointly|together|it|them)\b|[“\"‘]|"  # ('organised “Roundtable ...”')
    # ("is organizing consultation sessions with stakeholders"; not
    # "convened meetings with", nor "organized in X, 3 plenary sessions")
    r"(?:(?<=ing\s)|(?<=[sz]ed\s))"
    r"(?:[\w-]+\s+){0,2}(?:workshops|seminars|webinars|sessions|meetings|"
    r"consultations|courses|trainings|forums|conferences)\b)", re.I))
_THROUGH = re.compile(r"[^,;.]{0,60}?\bthrough\s+(?=(?:the|its|their|[A-Z]))")
#: Two bodies working together on an event's organisation: "X is collaborating with Y on the
#: organization of a three-day Workshop".
_COLLABORATING_ON = screened(re.compile(
    r"\b(?:collaborating|cooperating|partnering|working\s+together|working)\s+with\s+"
    r"(?P<with>[^.;]{1,120}?)\s+(?:on|in)\s+the\s+organi[sz]ation\s+of\b", re.I))
#: The verbs of `_ORGANISED` that say a country hosts ("Uruguay hosted", "Fiji will host").
_HOSTING = re.compile(r"(?:hosted|hosts|(?:will|shall)\s+host|(?:is|are|will\s+be)\s+hosting)\b",
                      re.I)
_WITH = screened(re.compile(
    r"\bin\s+(?:collaboration|cooperation|partnership|conjunction)\s+with\b", re.I))
_HOST_GOVERNMENT = re.compile(r"\b(?:the\s+)?host(?:ing)?\s+(?P<who>Government\s+of\s+(?:the\s+)?"
                              r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,4})")
_REPRESENTED_BY = re.compile(r"\b(?:was|were|is|are)\s+represented\s+by\b", re.I)
_AND_BY_ITS = re.compile(r"[^;.]{0,120}?,?\s+and\s+(?P<who>(?:the\s+)?[A-Z][^,;.]{1,80}?)\s+by\s+"
                         r"(?:its|their)\b")
#: A body named as a venue ("at the ITU headquarters") is where, not who.
_VENUE_AFTER = re.compile(r"\s*(?:\([^)]{1,15}\)\s*)?(?:headquarters|premises|offices?|building|"
                          r"campus|compound|House|Hall|Centre|Center|Auditorium)\b", re.I)
#: A venue named as such: "opened at the Baku Congress Center" (where, not who).
_AT_THE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?$", re.I)
_VENUE_NAME = re.compile(r"\b(?:Centre|Center|Hall|House|Hotel|Palace|Auditorium|Headquarters)$")
_REPRESENTED = re.compile(r"\brepresented\s+(?=(?:the\s+)?[A-Z])")
_REPRESENTED_END = re.compile(r"\s+and\s+(?:the\s+)?[A-Z][\w ]{0,60}?\s+represented\b|[,;.]")
#: "X, in partnership with Y (, along with Z), officially launched the Workshop".
_PARTNERS_OPENED = re.compile(r",\s+in\s+(?:partnership|collaboration|cooperation)\s+with\s+"
                              r"(?P<with>[^.;]{1,300}?),\s+(?:officially\s+|formally\s+|jointly\s+)?"
                              r"(?:launched|opened|inaugurated)\s+(?=(?:the|a|an)\b)", re.I)
#: A host thanked for hosting: "(thank) the government and people of X for hosting".
_FOR_HOSTING = re.compile(r"\bfor\s+(?:co-?)?hosting\b", re.I)
_THANKED = re.compile(r"\b(?:thank(?:s|ed|ing)?(?:\s+to)?|gratitude\s+to|grateful\s+to|"
                      r"appreciation\s+to|congratulate)\b(?!.*\b(?:thank|gratitude|grateful)\b)",
                      re.I | re.S)
_CO_WITH = re.compile(r"\bco-?(?:organi[sz]ed|hosted|convened)\s+with\b", re.I)
_ATTENDED_BY = screened(re.compile(
    r"\b(?:attended|joined|signed)\s+by\b(?!\s+(?:video|tele|phone|skype|"
    r"remotely|web))|\bwith\s+the\s+participation\s+of\b|"
    r"\brepresentatives\s+(?:of|from)\b|\bparticipants\s+(?:(?:will|would)\s+)?"
    r"(?:(?:come|came|coming)\s+)?from\b|"
    r"\bdelegation\s+(?:of|from)\b", re.I))
_TOOK_PART = screened(re.compile(
    r"\b(?:took\s+part|participated|joined|attended|visited|called\s+on|"
    r"went\s+on\s+(?:a|an)\s+(?:[\w-]+\s+)?mission|"
    r"paid\s+(?:a|an)\s+(?:courtesy\s+|official\s+|working\s+)?visit\s+to|"
    r"call\s+on|(?:is|was|are|were)\s+on\s+(?:a|an|his|her|their|an\s+"
    r"official)\s+(?:[\w-]+\s+){0,2}?visit|"
    r"came\s+(?:to|for|on)|"
    r"met\s+with|met|contributed|presented|spoke|delivered|addressed|"
    r"made\s+a\s+presentation|"
    # a visitor received: "welcomed Ms. X", "received a delegation of Y"
    r"(?:welcomed|received)(?=\s+(?:(?:a|an|the)\s+(?:\w+\s+)?(?:delegation|"
    r"visit|mission|team)|(?-i:(?:Mr|Ms|Mrs|Dr|Prof|H\.\s?E)\b|[A-Z]))))\b",
    re.I))
#: Verbs of a meeting between two sides: the subject and the object both took part.
_BOTH_SIDES = frozenset(("visited", "called on", "met with", "met", "welcomed", "received",
                         "paid a courtesy visit to", "paid a visit to", "paid an official visit to",
                         "paid a working visit to"))
_NOT_ORGANISERS = screened(re.compile(r"\b(?:with\s+the\s+support\s+of|at\s+the\s+invitation\s+of|"
                             r"facilitated\s+by|chaired\s+by|sponsored\s+by|funded\s+by)\b", re.I))
#: "DESA's Division for ...": the division, not the department.
_POSSESSIVE = re.compile(r"[’']s\s+(?:[A-Z]|own\b)")
#: An organisation followed by a verb of support only supported ("... and the Government of
#: Tunisia supported it"): no organiser.
_SUPPORTER = re.compile(r"\s*(?:\([^)]{1,20}\)\s*)?(?:also\s+)?(?:supported|sponsored|funded|financed|"
                        r"co-financed|provided\s+(?:financial\s+)?support)\b", re.I)
_CLAUSE_END = screened(re.compile(
    r";|,?\s+(?:and\s+)?with\s+(?:the\s+)?(?:financial\s+|substantive\s+|"
    r"technical\s+)?(?:support|assistance)\s+(?:of|from)\b|"
    r",\s+(?:and\s+)?(?:which|where|while|with\s+the\s+support|"
    r"at\s+the\s+invitation|to\s+\w+|in\s+order)\b|\s+(?:and|to)\s+"
    r"(?:discuss|review|share|present|exchange|agree)|"
    # "... visit to X, and convened meetings with Y": another act
    r",?\s+and\s+(?:convened|held|met|visited|attended|paid|signed)\b|"
    # "... co-organized with X in conjunction with the yearly Partners
    # Meeting": the meeting it goes with is a frame, not a partner
    r",?\s+in\s+conjunction\s+with\s+(?:the\s+)?[^.;]{0,160}?\b"
    r"(?:meetings?|forum|conference|session|summit|week|congress)\b|"
    # "Organized by UN DESA as Secretariat for the WSIS+20 Review by the
    # General Assembly": the capacity it organises in, no organiser
    r"\s+as\s+(?:the\s+)?(?:secretariat|host|chair|lead\s+agency|"
    r"focal\s+point)\b", re.I))


def _clause_after(text: str, at: int, end: int) -> Span:
    m = _CLAUSE_END.search(text, at, end)
    return Span(at, m.start() if m else end)


#: A sentence's opening phrase before its subject: a date or place, an invitation ("At the
#: invitation of the Government of X, through its Agency, DPADM's Adviser presented ...").
_LEAD = re.compile(r"\s*(?:(?:On|In|From|Between|During|Last|Earlier)\b[^,]{0,60},\s*|"
                   # ("Acting as the secretariat of the review that the General Assembly will
                   # close, UN DESA will run this session": the capacity, not the subject)
                   r"Acting\s+as\b[^,]{0,200},\s*|"
                   r"At\s+the\s+(?:invitation|request)\s+of\b[^,]{0,100},\s*"
                   r"(?:(?:through|via|and)\b[^,]{0,100},\s*)?)")


#: How long a subject may run ("The United Nations Department of Economic and Social Affairs
#: (UN DESA), through its Division for ..., the African Management Development Institutes’
#: Network (AMDIN) and the Ghana Institute of ... (GIMPA) are organizing ...").
_SUBJECT_CHARS = 400


def _subject_before(text: str, sentence: Span, verb_at: int) -> Span:
    """The subject of a verb: from the sentence's start (after a leading date or place
    phrase) to the verb."""
    start = sentence.start
    lead = _LEAD.match(text[start:verb_at])
    if lead:
        start += lead.end()
    return Span(start, verb_at)


#: A word every cue of `organisers_and_participants` holds (lower case; a sentence without any
#: is skipped: the six scans cost 7 ms a monthly update, the check a tenth of it).
_CUE_WORDS = ("organi", "host", "conven", "held", "ran", "run", "conduct", "arrang", "launched",
              "collaboration",
              "cooperation", "partnership", "conjunction", "attend", "join", "participa",
              "representatives", "delegation", "took", "visit", "called", "met",
              "contributed", "presented", "spoke", "delivered", "addressed", "presentation", "mission",
              "welcom", "receiv", "came", "represented", "signed", "call on", "between")
#: "arranged in collaboration with X": X organised it with whoever the text says arranged it
_PASSIVE = re.compile(r"\b(?:co-?)?(?:organi[sz]ed|arranged|hosted|convened|held|conducted)"
                      r"(?:\s+jointly)?\s*,?\s*$", re.I)
#: A country's people, who take part for it: "officials of Kenya and Rwanda came ...".
_PEOPLE_OF = re.compile(r"\b(?:officials|delegations?|delegates|(?:permanent\s+)?representatives?|"
                        r"(?:permanent\s+)?missions|"
                        r"ministers?|ambassadors?|civil\s+servants|experts)\s+(?:of|from)\s+"
                        r"(?:the\s+)?"
                        r"(?:[A-Z][\w’'-]*\s+(?:and\s+)?){0,4}$", re.I)
#: ... and the people of a list of countries: "Twelve trainers from civil service colleges and
#: anti-corruption agencies of Botswana, Ghana, Kenya, Malawi, Namibia and Uganda".
_PEOPLE_OF_LIST = re.compile(
    r"\b(?i:officials|delegations?|delegates|representatives?|missions|ministers|ambassadors|civil\s+"
    r"servants|experts|trainers|trainees|participants|practitioners|staff)\b[^.;]{0,80}?\b"
    r"(?:of|from)\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?|d[’'])?[A-Z][\w’'-]*){0,3}|\d+\s+(?:[A-Za-z]+\s+){0,4}?"
    r"countries)\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|as\s+well\s+as)\s+)(?:the\s+)?)*$")
#: (a list may go on past a count of countries: "officials from IDB and OECD, 20 Latin American
#: countries, as well as Spain, Finland and the Republic of Korea")
_GOVERNMENT = re.compile(r"(?:the\s+)?(?:national\s+|federal\s+)?Government\s+of\b", re.I)
#: A country named by its adjective and the body or people that act for it: "the Lao
#: Government", "a Kenyan delegation" (the gazetteer reads such a name as the country).
_BY_ITS_PEOPLE = re.compile(r"\s(?:[Gg]overnment|[Dd]elegations?|[Aa]uthorities|officials|"
                            r"[Mm]ission|[Mm]inistry)$")


#: "The Division ... (DPADM) of the United Nations Department of ...": the department after "of"
#: is the division's parent, no organiser of its own.
_OF_PARENT = re.compile(r"\b(?:Division|Office|Branch|Unit|Section|Department|Bureau|Secretariat)"
                        r"\b[^.;,()]{0,80}?(?:\s*\([A-Z][\w/-]*\))?\s+of\s+(?:the\s+)?$")


def _parent(text: str, a: ActorMention) -> bool:
    return a.kind == "organization" and bool(_OF_PARENT.search(
        text, max(0, a.span.start - 120), a.span.start))


#: How large a unit its head word says it is: "the X Branch (PISB), Division of Y (DPIDG), the
#: Department of Z (UN DESA)" names one organiser through the units it belongs to.
_UNIT_RANKS = (("section", 1), ("unit", 1), ("team", 1), ("branch", 2), ("service", 2),
               ("division", 3), ("department", 4))
_CHAIN_GAP = re.compile(r"\s*(?:\([^()]{1,15}\))?\s*,\s*(?:the\s+)?")


_UNIT_HEAD = re.compile(r"\b(?P<head>Section|Unit|Team|Branch|Service|Division|Department)\b"
                        r"(?=\s*(?:$|\(|of\b|for\b|on\b))", re.I)


def _unit_rank(text: str, a: ActorMention) -> int:
    """The rank of the unit word that heads the name (ends it, or is followed by its
    complement: "Division for ...", "... Branch"); 0 when none does ("Civil Service Hub")."""
    ranks = dict(_UNIT_RANKS)
    heads = [m.group("head").lower() for name in (a.span.of(text), a.label)
             for m in _UNIT_HEAD.finditer(name)]
    return max((ranks[h] for h in heads), default=0)


def chained_parents(text: str, found: list[ActorMention]) -> set[Span]:
    """The mentions that follow a smaller unit after a bare comma, each larger than the one
    before it: the units an organiser belongs to, named to place it, no organisers of their
    own."""
    chained: set[Span] = set()
    starting = {a.span.start: a for a in found if a.kind == "organization"}
    for before in starting.values():
        gap = _CHAIN_GAP.match(text, before.span.end)  # (its acronym in brackets skipped)
        after = starting.get(gap.end()) if gap is not None else None
        if after is not None and 0 < _unit_rank(text, before) < _unit_rank(text, after):
            chained.add(after.span)
    return chained


#: Words each cue's pattern holds (lower case), so a sentence without them skips its scan: the
#: scans, one per cue and sentence, were a tenth of an update's reading.
_ORGANISING_WORDS = ("organi", "host", "conven", "held", "ran", "run", "conduct", "arrang",
                     "hold", "launched")
_ATTENDED_WORDS = ("attended", "joined", "participation", "representatives", "participants",
                   "delegation", "signed")
_TOOK_PART_WORDS = ("took", "participated", "joined", "attended", "visit", "called", "came",
                    "mission",
                    "call on",
                    "met", "contributed", "presented", "spoke", "delivered", "addressed",
                    "presentation", "welcomed", "received")


#: A meeting between two sides: both took part.
_JOINT_BETWEEN = screened(re.compile(
    r"\b(?:event|meeting|briefing|workshop|seminar|forum|conference|it)\s+(?:is|was|will\s+be)"
    r"\s+(?:a\s+)?(?:joint\s+)?(?:collaboration|partnership|initiative|effort)\s+between\b",
    re.I))
_BETWEEN = screened(re.compile(
    r"\b(?:meetings?|consultations?|talks|dialogue|discussions?|exchanges?|"
    r"videoconference|call)\s+between\b", re.I))
_BETWEEN_END = re.compile(r"[,;.]|\s(?:on|in|at|to|from)\s")
_APPOSED = re.compile(r",\s*(?:(?:the\s+)?Government\s+of\s+(?:the\s+)?)?$")


def _apposed(text: str, a: ActorMention, ends: set[int]) -> bool:
    """A country's Government set off by a comma right after an organisation's name."""
    before = max(0, a.span.start - 40)
    m = _APPOSED.search(text, before, a.span.start)
    return m is not None and any(0 <= m.start() - e <= 1 for e in ends)


def _has(lowered: str, words: tuple[str, ...]) -> bool:
    return any(w in lowered for w in words)


def organisers_and_participants(
    text: str, sentences: list[Span],
    actors_in: Callable[[Span], list[ActorMention]], *, meeting: bool = False,
) -> tuple[list[ActorMention], list[ActorMention]]:
    """Who organised the event the `sentences` report, and who took part: organisers from
    "organized by X", "X, in collaboration with Y, organized", "hosted by X"; participants from
    "attended by X", "representatives of X", "X took part", "X visited Y" (both)."""
    organisers: list[ActorMention] = []
    participants: list[ActorMention] = []
    hosts: set[Span] = set()  # countries that host, as the subject of "hosted"
    for sentence in sentences:
        s = sentence.of(text)
        lowered = s.lower()
        if not any(word in lowered for word in _CUE_WORDS):
            continue  # no cue can match: six scans saved
        cut = _NOT_ORGANISERS.search(s)
        limit = sentence.start + cut.start() if cut else sentence.end
        organising = _has(lowered, _ORGANISING_WORDS)
        for m in (_ORGANISED_BY.finditer(text, sentence.start, limit) if organising else ()):
            by = actors_in(_clause_after(text, m.end(), limit))
            organisers += by
            if m.group(0).lower().startswith("hosted"):  # "hosted by Malaysia": its host
                hosts.update(a.span for a in by if a.kind == "country")
        for m in (_ORGANISED.finditer(text, sentence.start, limit) if organising else ()):
            if _ORGANISED_BY.match(text, m.start()) or _BACKGROUND.search(
                    text[max(sentence.start, m.start() - 60): m.end() + 20]):
                continue  # (what an organiser did last year organises nothing here)
            subject = _subject_before(text, sentence, m.start())
            if subject.end - subject.start < _SUBJECT_CHARS and not re.search(
                    r"\b(?:was|were|been|be)\s*$",
                                                                   text[subject.start:m.start()]):
                sides = actors_in(subject)
                if meeting and len({a.path for a in sides}) >= 2 and \
                        m.group(0).lower().startswith("held"):
                    participants += sides  # "X and Y held a meeting": both met, none organised
                else:
                    organisers += sides
                    if _HOSTING.match(m.group(0)):  # "Uruguay hosted ... the Meeting": the
                        hosts.update(a.span for a in sides if a.kind == "country")  # country
            # "X organized the Workshop through the Project Office on Governance (UNPOG)"
            through = _THROUGH.match(text, m.end(), limit)
            if through is not None:
                organisers += actors_in(_clause_after(text, through.end(), limit))
        for m in (_PARTNERS_OPENED.finditer(text, sentence.start, limit)
                  if "partnership" in lowered or "collaboration" in lowered else ()):
            # "X, in partnership with A through its B, along with C, officially launched the
            # Workshop": X and its partners organised it
            subject = _subject_before(text, sentence, m.start())
            if subject.end - subject.start < _SUBJECT_CHARS:
                organisers += actors_in(subject)
                organisers += actors_in(Span(m.start("with"), m.end("with")))
        for m in (_FOR_HOSTING.finditer(text, sentence.start, limit)
                  if organising and "for " in lowered else ()):
            # "I wish to thank the government and people of Morocco for hosting this year's
            # Forum": whom the speaker thanks for hosting it hosts it
            thanked = _THANKED.search(text, max(sentence.start, m.start() - 160), m.start())
            if thanked is not None:
                sides = actors_in(Span(thanked.end(), m.start()))
                organisers += sides
                hosts.update(a.span for a in sides if a.kind == "country")
        for m in (_COLLABORATING_ON.finditer(text, sentence.start, limit) if organising else ()):
            # "UN-ESCWA is collaborating with UNDESA on the organization of a Workshop": both
            subject = _subject_before(text, sentence, m.start())
            if subject.end - subject.start < _SUBJECT_CHARS:
                organisers += actors_in(subject)
            organisers += actors_in(Span(m.start("with"), m.end("with")))
        with_ = "with" in lowered
        for m in (_CO_WITH.finditer(text, sentence.start, limit) if with_ else ()):  # "X
            # co-organized with Y a ..."
            subject = _subject_before(text, sentence, m.start())
            if subject.end - subject.start < _SUBJECT_CHARS:
                organisers += actors_in(subject)
            organisers += actors_in(_clause_after(text, m.end(), limit))
        for m in (_WITH.finditer(text, sentence.start, limit) if with_ else ()):
            if _ORGANISED.search(text, sentence.start, sentence.end) or _PASSIVE.search(
                    text[max(sentence.start, m.start() - 30): m.start()]):
                clause = _clause_after(text, m.end(), limit)
                if "conjunction" in m.group(0).lower() and _WORD.search(text, clause.start,
                                                                        clause.end):
                    continue  # "in conjunction with the annual UNPAN-SADC Partners Meeting":
                    # the meeting it is held with, a frame, organises nothing
                organisers += actors_in(clause)
        for m in (_HOST_GOVERNMENT.finditer(text, sentence.start, sentence.end)
                  if "host" in lowered else ()):
            # "with support from the hosting Government of the Republic of Kenya": the host
            sides = actors_in(Span(m.start("who"), m.end("who")))
            organisers += sides
            hosts.update(a.span for a in sides if a.kind == "country")
        for m in (_ATTENDED_BY.finditer(text, sentence.start, sentence.end)
                  if _has(lowered, _ATTENDED_WORDS) else ()):
            participants += actors_in(_clause_after(text, m.end(), sentence.end))
        for m in (_TOOK_PART.finditer(text, sentence.start, sentence.end)
                  if _has(lowered, _TOOK_PART_WORDS) else ()):
            subject = _subject_before(text, sentence, m.start())
            if subject.end - subject.start < 250:
                participants += actors_in(subject)
            if " ".join(m.group(0).lower().split()) in _BOTH_SIDES:
                participants += actors_in(_clause_after(text, m.end(), sentence.end))
        for m in (_JOINT_BETWEEN.finditer(text, sentence.start, sentence.end)
                  if "between" in lowered else ()):
            # "The event is a collaboration between X and Y": X and Y organise it
            organisers += actors_in(Span(m.end(), sentence.end))
        for m in (_BETWEEN.finditer(text, sentence.start, sentence.end)
                  if "between" in lowered else ()):
            # "a working meeting between UN-APCICT and DPADM’s E-Government Branch on 8 March"
            end = _BETWEEN_END.search(text, m.end(), sentence.end)
            participants += actors_in(Span(m.end(), end.start() if end else sentence.end))
        represented = "represented" in lowered
        for m in (_REPRESENTED_BY.finditer(text, sentence.start, sentence.end) if represented
                  else ()):
            # "UN DESA was represented by the Chief of DMB, and the IGF Secretariat by its ..."
            subject = _subject_before(text, sentence, m.start())
            if subject.end - subject.start < 250:
                participants += actors_in(subject)
            also = _AND_BY_ITS.match(text, m.end(), sentence.end)
            if also:
                participants += actors_in(Span(also.start("who"), also.end("who")))
        for m in (_REPRESENTED.finditer(text, sentence.start, sentence.end) if represented
                  else ()):
            # "The Chief of DMB represented UN DESA": the body represented took part
            end = _REPRESENTED_END.search(text, m.end(), sentence.end)
            participants += actors_in(Span(m.end(), end.start() if end else sentence.end))
    chained = chained_parents(text, organisers + participants)
    parents = {a.path for a in organisers + participants
               if _parent(text, a) or a.span in chained}  # (and their
    # acronyms: "... of the United Nations Department of Economic and Social Affairs (UNDESA)")
    organisers = [a for a in organisers if not _SUPPORTER.match(text, a.span.end)
                  and not _POSSESSIVE.match(text, a.span.end) and not follows_slash(text, a.span, a.path)
                  and a.path not in parents
                  and not _VENUE_AFTER.match(text, a.span.end)  # ("at UNICEF House")
                  and not (_VENUE_NAME.search(a.span.of(text)) and _AT_THE.search(
                      text, max(0, a.span.start - 8), a.span.start))]
    participants = [a for a in participants if not _POSSESSIVE.match(text, a.span.end)
                    and not follows_slash(text, a.span, a.path) and a.path not in parents
                    and not _VENUE_AFTER.match(text, a.span.end)]
    seen: set[str] = set()
    # countries stand for places here ("held in Amman, Jordan"), groups for no one in
    # particular ("participants from governments"): neither organises or attends by itself,
    # but a country's Government does ("in collaboration with the Government of Samoa"), and
    # its officials take part for it ("officials of Kenya came for a study visit")
    def acts(a: ActorMention, *, attends: bool = False) -> bool:
        return a.kind == "organization" or (a.kind == "country" and (_GOVERNMENT.match(
            a.span.of(text)) is not None or _BY_ITS_PEOPLE.search(a.span.of(text)) is not None
            or a.span in hosts or attends and (_PEOPLE_OF.search(
                text[max(0, a.span.start - 40): a.span.start]) is not None or _PEOPLE_OF_LIST.search(
                text[max(0, a.span.start - 200): a.span.start]) is not None)))

    # "the Department of X, Government of Malawi and UN DESA": the Government says whose
    # department it is, no organiser of its own
    ends = {a.span.end for a in organisers if a.kind == "organization"}
    organisers = [a for a in organisers if not (a.kind == "country" and _apposed(text, a, ends))]
    organisers = [a for a in organisers if acts(a)
                  and not (a.path in seen or seen.add(a.path))]  # type: ignore[func-returns-value]
    taking_part: set[str] = set()  # (an organiser whose people took part takes part too)
    participants = [a for a in participants if acts(a, attends=True)
                    and not (a.path in taking_part or taking_part.add(a.path))]  # type: ignore[func-returns-value]
    return organisers, participants
