"""DPADM monthly updates to CEPA members: detect and parse to a small model (no RDF here).

An update (``dpadm-monthly-update-2011-11.txt``) is a heading line ("DPADM Monthly Update to
CEPA Members: November 2011") and numbered items. Each item is a title line ("1. Seminar on
“...”", "15 Workshop for ...": the number as printed, with or without a dot, repeats and gaps
allowed) and body paragraphs, which page breaks may cut with blank lines mid-sentence.

From each item the parser reads, by general rules (no sentence of a particular month is known
here): the kind of event (title wording first, then the body's), the date of the main event
(deadlines such as "before 31 December" are skipped; a missing year is the document's, or the
neighbouring one nearer to the document's month), where it took place ("held in Kigali,
Rwanda", gazetteer cities), the organisations named (gazetteer matches, plus capitalised names
ending in an organisation word such as "University" or "Ministry"), the people (an honorific
"Mr."/"Ms."/"Prof."/"Dr.", or a capitalised name followed by ", Title, Org"; the same name
elsewhere in the document is the same person) and the collaborations reported, each with its
parties, a short purpose phrase and a status: "agreed", "explored", "proposed" or "requested".

Every piece of the model carries the exact `Span` it was read from (``span.of(text)``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.dates import MONTH_PATTERN, DateRange, find_date_ranges
from cepa_kg.loaders.document_dates import DocumentDate, document_date, on_source_line
from cepa_kg.loaders.family_detection import update_score
from cepa_kg.loaders.family_languages import other_language_update_score
from cepa_kg.loaders.organisations_in_text import (
    find_actors,
    first_each,
    forget_acronyms,
    mention,
)
from cepa_kg.loaders.page_lines import page_lines
from cepa_kg.loaders.partnerships import chain_forward, find_partnerships
from cepa_kg.loaders.people import People, names_a_post
from cepa_kg.loaders.places_in_text import find_locations
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.sentences import sentence_end, sentence_spans, split_sentences
from cepa_kg.loaders.spans import Span, clean
from cepa_kg.loaders.update_calendar import calendar_event, calendar_pairs
from cepa_kg.loaders.update_events import (
    EventMention,
    find_events,
    first_event_word,
    name_variants,
    organisers_and_participants,
)
from cepa_kg.loaders.update_lists import listed_meetings
from cepa_kg.loaders.update_model import (
    EVENT_KINDS,
    SLUG_PREFIX,
    STATUSES,
    ActorMention,
    Event,
    Location,
    Membership,
    Partnership,
    Person,
    PersonMention,
    UpdateDocument,
    UpdateItem,
)
from cepa_kg.loaders.update_present import Attendance, attendance
from cepa_kg.loaders.update_projects import projects_told

__all__ = [
    "EVENT_KINDS",
    "Event",
    "SLUG_PREFIX",
    "STATUSES",
    "ActorMention",
    "DateRange",
    "Location",
    "Membership",
    "Partnership",
    "Person",
    "PersonMention",
    "UpdateDocument",
    "UpdateItem",
    "detect",
    "parse",
]

# --------------------------------------------------------------------------------------------
# Layout: heading and items
_HEADING = re.compile(r"^[^\n]{0,100}?\bMonthly\s+Update\b[^\n]{0,100}$", re.I | re.M)
_HEADING_MONTH = re.compile(rf"\b({MONTH_PATTERN})\s*,?\s*(\d{{4}})\b", re.I)
_ITEM = screened(re.compile(
    r"^[ \t]*(?:[-•*][ \t]*)?(?P<num>\d{1,2})(?:[.)]|(?=[ \t]))[ \t]+"
    r"(?P<title>(?:[“\"‘'A-Z]|(?:19|20)\d\d\s+[A-Z])[^\n]*)$",  # ("2. 2012 United Nations ...")
    re.M,
))
_MAX_TITLE = 300
_BLANK_BEFORE = re.compile(r"\n[^\S\n]*\n\Z")  # a blank line before a title line (\r\n too)
_BLANK_AFTER = re.compile(r"[^\S\n]*(?:\Z|\n[^\S\n]*(?:\n|\Z))")  # and one after it


def detect(text: str) -> float:
    """How sure it is that `text` reports the division's work: a monthly update, bulletin or
    briefing, a newsletter, a news item (0.0 .. 1.0); see `family_detection` (and, for a
    page in another language, `family_languages`)."""
    score = update_score(text)
    return score if score >= 0.5 else max(score, other_language_update_score(text))


@lru_cache(maxsize=8)  # `detect`, then `parse`, read a text's item lines
def _item_lines(text: str) -> tuple[re.Match[str], ...]:
    """Item title lines: a number, a capitalised title, a blank line (or the end) around it, and
    a number not smaller than the previous item's and not far beyond it. A copy that lost its
    blank lines (a stored page's text) keeps its items where the numbered lines read as titles
    (short, no full stop) and count 1, 2, 3 ..."""
    return _spaced_item_lines(text) or _packed_item_lines(text)


_PACKED_TITLE_WORDS = 20


def _packed_item_lines(text: str) -> tuple[re.Match[str], ...]:
    out: list[re.Match[str]] = []
    for m in _ITEM.finditer(text):
        title = m.group("title").rstrip()
        if len(title.split()) > _PACKED_TITLE_WORDS or title.endswith((".", ":", ";", ",")) or \
                int(m.group("num")) != len(out) + 1:
            continue
        if not out and _OPENS_A_LIST.search(text, 0, m.start()):
            break  # "Sub-themes for Sessions III and IV include:" then "1. Leadership ...":
            # a list inside the story, not the page's items
        out.append(m)
    return tuple(out) if len(out) >= 2 else ()


#: The line before a numbered list ends with a colon: a sentence opens the list.
_OPENS_A_LIST = re.compile(r":[^\S\n]*\n\s*\Z")


def _spaced_item_lines(text: str) -> tuple[re.Match[str], ...]:
    out: list[re.Match[str]] = []
    prev = 0
    for m in _ITEM.finditer(text):
        if len(m.group("title")) > _MAX_TITLE:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if before.strip() and not _BLANK_BEFORE.search(before) or (
            not before.strip() and m.start() > len(before)
            and not _BLANK_BEFORE.search(text[: m.start()])
        ):
            continue
        if not _BLANK_AFTER.match(text, m.end()):
            continue
        num = int(m.group("num"))
        if (not out and num > 3) or (out and not prev <= num <= prev + 5):
            continue
        out.append(m)
        prev = num
    return tuple(out)


_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:])")
_SINGLE_QUOTED = re.compile(r"^'(.+)'$")  # 'Title' in straight single quotes
_QUOTES = re.compile(r"[“”\"‘’]+")


def _clean_title(raw: str) -> str:
    t = clean(raw)
    t = _SPACE_BEFORE_STOP.sub(r"\1", t).rstrip(".").strip()
    t = _SINGLE_QUOTED.sub(r"\1", t)
    t = _QUOTES.sub(lambda m: "’" if m.group(0) == "’" else "", t)
    return clean(t)


#: A series title: a short line (a paragraph that mentions "news" is none).
_SERIES = re.compile(r"^[^\n]{0,100}?\b(?:Monthly\s+(?:Update|Bulletin|Briefing)|Newsletter|Quarterly|"
                     r"News(?:\s*(?:&|and)\s*(?:Notices|Events))?|Bilateral\s+Meetings|"
                     r"In-House\s+Seminars|Capacity\s+(?:development|building))\b[^\n]{0,100}$",
                     re.I | re.M)
#: A wrapped line of prose that holds a series word ("and to identify capacity building needs
#: for"): it opens in lower case, or ends on a word that wants more; or a line with a link.
_PROSE_LINE = re.compile(r"^\s*[a-z]|\b(?:for|of|and|or|the|to|in|on|with|by|a|an)\s*$|"
                         r"://|\bwww\.|"  # (a link's words are no title: ".../news-and-events/...")
                         # an entry of a programme ("Session III: Capacity Building for ...",
                         # "Workshop 2 - Capacity development ..."), no series' title
                         r"^\s*(?:Session|Workshop|Module|Day|Part|Panel|Theme|Track)\s+"
                         r"(?:[IVX]+|\d{1,2})\s*[:.–-]")


def _series_line(text: str) -> re.Match[str] | None:
    """The page's series title line ("DPADM Monthly Bulletin", "News & Events"), not prose;
    above the page's first paragraph of prose (a link label below the story, "2016 UNPSA in the
    News", heads nothing)."""
    story = _STORY_LINE.search(text)
    return next((m for m in _SERIES.finditer(text, 0, story.start() if story else len(text))
                 if not _PROSE_LINE.search(m.group(0))), None)


#: A paragraph of prose on a line of its own: twenty words or more, with a full stop inside
#: or at its end.
_STORY_LINE = re.compile(r"^(?=[^\n]*\.(?:\s|$))(?:[^\s\n]+[^\S\n]+){20,}[^\n]*$", re.M)


_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?!\s+Agenda\b)")  # (not "the 2030 Agenda")
#: A year written with its month ("March 2021", "June 24, 2019"): a date's, the surest.
_MONTH_YEAR = re.compile(rf"\b(?:{MONTH_PATTERN})\.?\s+(?:\d{{1,2}},?\s+)?((?:19|20)\d\d)\b",
                         re.I)
_TITLE_LIKE = re.compile(r"^[“\"‘'A-Z0-9][^\n]{6,240}$")


def _reference(text: str, dated: DocumentDate | None) -> dt.date | None:
    """The day dates without a year are read against: the page's date, else the middle of
    the first year it names."""
    if dated is not None:
        return dated.date
    m = _MONTH_YEAR.search(text) or _ANY_YEAR.search(text)
    return dt.date(int(m.group(1)), 6, 30) if m else None


#: A line that ends on a word that wants more: prose wrapped there, no title.
_WANTS_MORE = re.compile(r"\s(?:and|of|for|the|to|with|by|from|a|an|or)\s*$")
_AUXILIARY = re.compile(r"\s(?:will|was|were|is|are|has|have|had|took)\s")


_PHOTO_CREDIT = re.compile(r"\((?:[^()]{0,30}\b)?(?:Photo|Photograph|Credit)\b[^()]{0,60}\)\s*$",
                           re.I)


def _is_heading_line(line: Any) -> bool:
    """A title line: short, or in title case with no sentence verb; never a list item, a
    table row or a line ending like a sentence."""
    text = line.text
    words = text.split()
    if line.glyph or line.cells or not words or len(words) > 25 or \
            text.rstrip().endswith((".", ":", ";", ",")) or not _TITLE_LIKE.match(text) or \
            _PHOTO_CREDIT.search(text) or \
            _WANTS_MORE.search(text) or \
            _FIELD_LINE.match(text):  # a picture's caption: "Title again (UN Photo/X Y)"; a
        return False  # wrapped line of prose: "Egypt’s National Institute for Governance and"
        # (an event page's field, "WHEN: June 22 – 25, 2015", titles nothing)
    if len(words) <= 10:
        return True
    # (a title's small words stay in lower case: "Workshop on X and Y for the Z in the region")
    content = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    capitalised = sum(1 for w in content if w[:1].isupper() or w[:1] in "“\"‘'")
    return capitalised / len(content) >= 0.6 and not _AUXILIARY.search(text)


#: Words above a page's first section heading that make a story of their own (fewer: a
#: site's wrapping, a kicker).
_STORY_WORDS = 40
_SMALL_WORDS = frozenset("a an the of on and or for in to with at by from as its their".split())


def _segments(text: str, start: int) -> list[tuple[Span | None, Span, str]]:
    """The items of a page after `start`: numbered title lines ("1. Workshop on ..."), else
    "- " lead paragraphs, else headed sections (a title line and the paragraphs under it),
    else the whole page as one item. (title, whole item) per item."""
    numbered = [m for m in _item_lines(text) if m.start() >= start]
    if numbered:
        out = []
        lead = _lead_paragraph(text, start, numbered[0].start())
        if lead is not None:  # "- Before its 68th session ended, the General Assembly ..."
            out.append((None, lead, "0"))
        for i, m in enumerate(numbered):
            end = numbered[i + 1].start() if i + 1 < len(numbered) else len(text)
            out.append((Span(m.start("title"), m.end("title")).strip(text),
                        Span(m.start(), end).strip(text), m.group("num")))
        return out
    lines = [ln for ln in page_lines(text) if ln.span.start >= start and not ln.blank
             and not ln.chrome]
    heads = []
    for i, ln in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        if _is_heading_line(ln) and not _is_heading_line(nxt) and len(nxt.text.split()) > 12:
            heads.append(ln)
    if len(heads) >= 2 or (heads and heads[0] is lines[0]):
        out = []
        before = Span(start, heads[0].span.start).strip(text)
        if heads[0] is not lines[0] and len(before.of(text).split()) > _STORY_WORDS:
            # the page's own story above its first section ("Consultations ahead of the
            # Survey ... on these dates: ..." and then "About the Survey"): an item too
            first = lines[0] if _is_heading_line(lines[0]) and \
                not _FIELD_LINE.match(lines[0].text) else None
            out.append((first.span if first is not None else None, before, "0"))
        for i, ln in enumerate(heads):
            end = heads[i + 1].span.start if i + 1 < len(heads) else len(text)
            out.append((ln.span, Span(ln.span.start, end).strip(text), str(i + 1)))
        return out
    dashed = [ln for i, ln in enumerate(lines) if ln.glyph in ("-", "–", "•") and ln.indent <= 2
              and len(ln.text.split()) > 12 and not _in_a_list(lines, i)]
    if len(dashed) >= 2 or (dashed and dashed[0] is lines[0]):
        out = []
        for i, ln in enumerate(dashed):
            end = dashed[i + 1].span.start if i + 1 < len(dashed) else len(text)
            out.append((None, Span(ln.body.start, end).strip(text), str(i + 1)))
        return out
    body = Span(start, len(text)).strip(text)
    if not len(body):
        return []
    # a title line before the story, not a heading after it ("Contact Information"), nor an
    # event page's field ("Date: 12-14 June 2023", "Location: New York")
    title = lines[0] if lines and _is_heading_line(lines[0]) and \
        not _FIELD_LINE.match(lines[0].text) and len(lines[0].text.split()) > 1 else None
    # (a one-word line is a section's label: "News", "Events")
    return [(title.span if title is not None else None, body, "1")]


#: An event page's field line: a label the page gives its event's facts under.
_FIELD_LINE = re.compile(r"\s*(?:Dates?|Time|Location|Venue|Place|Organi[sz]ers?|Organi[sz]ed\s+by|"
                         r"Contacts?|Languages?|Type|Event\s+type|Registration|Format|"
                         # ("Date & place of event: ...", "WHEN: ...", "WHERE: ...")
                         r"Dates?\s*(?:&|and)\s*(?:place|venue)(?:\s+of\s+(?:the\s+)?event)?|"
                         r"When|Where|Who|What)\s*:", re.I)


def _in_a_list(lines: list[Any], i: int) -> bool:
    """A glyph line of a list a sentence or a label opens ("... in three sessions:" then "• The
    first session ...", "Present:" then lines of names): part of that story, not an item."""
    for j in range(i - 1, -1, -1):
        if lines[j].glyph:
            continue
        if lines[j].text.rstrip().endswith(":"):
            return True
        if len(lines[j].text.split()) >= _PROSE_WORDS:
            return False  # a paragraph of prose: the glyph lines are the page's items
        # (short lines between: a list's own lines, "Present:" then names by body)
    return False


_PROSE_WORDS = 20


_LEAD_WORDS = 12
_POST_TITLE_WORDS = 4


def _post_title(text: str, dated: DocumentDate | None, heading: Span) -> Span | None:
    """A post's title where the page's own date closes its line ("2013 Steering Committee
    Meeting March 18, 2013", a news board's layout): the words before the date."""
    if dated is None or dated.span.start < heading.end or on_source_line(text, dated.span):
        return None  # (a source line's date titles nothing)
    line_start = text.rfind("\n", 0, dated.span.start) + 1
    line_end = text.find("\n", dated.span.end)
    after = text[dated.span.end: line_end if line_end >= 0 else len(text)]
    title = Span(line_start, dated.span.start).strip(text)
    if after.strip() or len(title.of(text).split()) < _POST_TITLE_WORDS:
        return None
    return title


def _lead_paragraph(text: str, start: int, end: int) -> Span | None:
    """Prose before the first numbered item (a dashed lead note, an unnumbered first story):
    an item of its own, so what it reports is not lost."""
    lines = [ln for ln in page_lines(text) if start <= ln.span.start < end and not ln.blank
             and not ln.chrome and len(ln.text.split()) >= _LEAD_WORDS]
    if not lines:
        return None
    first = lines[0]
    return Span(first.body.start if first.glyph else first.span.start, end).strip(text)


def parse(text: str, *, gazetteer: Any = None) -> UpdateDocument:
    """What a report of the division's work says: its items (numbered, dashed or headed, or
    the whole page), the events each reports, the people, organisations and partnerships.
    Raises `ParseError` only for a page with no text to read.

    `gazetteer` is a `cepa_kg.loaders.actors.Gazetteer` (default: the bundled one)."""
    gz = gazetteer or Gazetteer.bundled()
    forget_acronyms(text)  # (what the page's acronyms name is read anew)
    dated = document_date(text)
    reference = _reference(text, dated)
    heading = _series_line(text[:3000]) or _HEADING.search(text[:3000])
    if heading is not None and len(heading.group(0).split()) == 1:
        # a section's word ("News") under the post's own heading: the heading titles the page
        top = next((ln for ln in page_lines(text) if not ln.blank and not ln.chrome), None)
        if top is not None and top.span.end <= heading.start() and _is_heading_line(top):
            heading = None
    if heading is not None:
        title_span = Span(heading.start(), heading.end()).strip(text)
    else:
        first = next((ln for ln in page_lines(text) if not ln.blank and not ln.chrome), None)
        if first is None:
            raise ParseError("no text to read", line=1)
        title_span = first.span
    body_start = title_span.end
    if heading is None and not _is_heading_line(first):  # a page that opens with its story:
        body_start = first.span.start  # the story is read, its first sentence titles the page
        title_span = _lead_title(text, first.span)
    if dated is not None and dated.span.start >= body_start and not (
            len(text[dated.span.end:].strip()) < 40
            and len(text[body_start:dated.span.start].strip()) > 200) and \
            not on_source_line(text, dated.span):
        # (a date line at the page's foot, "Published: June 24, 2023 08:40 PM", ends no header)
        body_start = max(body_start, dated.span.end)
    segments = _segments(text, body_start)
    if not segments:
        segments = _segments(text, title_span.start)
    if not segments:
        raise ParseError("no items to read", line=1)
    post = _post_title(text, dated, title_span)
    if post is not None and len(segments) == 1:  # a board's post: its title line holds its date
        segments = [(post, Span(post.start, segments[0][1].end), segments[0][2])]
    elif len(segments) == 1 and heading is None and title_span.end <= segments[0][1].start \
            and (segments[0][0] is None or (
                first_event_word(text, title_span) is not None and
                first_event_word(text, segments[0][0]) is None)):
        # a page about one thing (an event page, a news item, minutes): its heading is the
        # item's title (rather than a line under it that names no meeting: "United Nations
        # Headquarters" under "Minutes of the Meeting of ..."); the item runs from it
        segments = [(title_span, Span(title_span.start, segments[0][1].end), segments[0][2])]

    calendar = calendar_pairs(text, body_start)
    if calendar:  # a calendar's meetings, each on two lines: an item each, and what follows
        segments = [(title, Span(title.start, where.end), str(i))
                    for i, (title, where) in enumerate(calendar, start=1)] + \
            _segments(text, calendar[-1][1].end)

    issuer = _issuer(text, gz, title_span)
    self_paths = {issuer.path} if issuer else set()
    for name in ("DESA", "Secretariat"):  # what the issuing Division belongs to
        if issuer and (r := gz.resolve(name)) is not None:
            self_paths.add(r.path)

    # per item, read twice; a title line's capitals are no organisation ("UNPSA Team Briefs the
    # Permanent Mission of Chile"): there, only the gazetteer's names
    # (unless the name gives its acronym: "Meeting of the Executive Committee of X (ECESA)")
    actors = [sorted([a for a in find_actors(text, span, gz) if a.known or title is None
                      or not (title.start <= a.span.start < title.end) or a.acronym]
                     + _issuer_by_name(text, span, issuer), key=lambda a: a.span)
              for title, span, _ in segments]
    people = People(text, gz)
    head = Span(0, min(span.start for _, span, _ in segments))
    if len(head) > 0 and names_a_post(text[: head.end + 120]):  # a statement's speaker
        people.collect(head)  # above its title ("Mr. A Under-Secretary-General for ...")
    present: list[Attendance | None] = []
    for (_, span, _), in_item in zip(segments, actors):
        people.collect(span, in_item)
        listed = attendance(text, span, gz) if "present" in text[span.start: span.end].lower() \
            or "attend" in text[span.start: span.end].lower() else None  # (a cheap test first)
        present.append(listed)
        for line, body in listed.under if listed is not None else ():
            people.belong(line, body)
    persons = people.finish()

    items = []
    for pos, ((title, span, number), in_item, listed) in enumerate(
            zip(segments, actors, present), start=1):
        tspan = title if title is not None else _lead_title(text, span)
        body = Span(tspan.end, span.end).strip(text) if title is not None and \
            title.start < span.start + 10 else span
        items.append(_item(text, gz, people, reference, number, pos, tspan, body, span,
                           issuer, self_paths, in_item, dated=dated, present=listed))
    items = _listed_by_lead(text, items)
    if calendar:
        titles = {title for title, _ in calendar}
        items = [dataclasses.replace(item, events=tuple(
            calendar_event(text, item.title_span, e, gz) for e in item.events))
            if item.title_span in titles else item for item in items]
    month = dated.date if dated is not None else None
    return UpdateDocument(
        slug=f"{SLUG_PREFIX}{month:%Y-%m}" if month else "dpadm-update",
        title=clean(title_span.of(text)),
        title_span=title_span,
        date=month,
        issuer=issuer,
        items=tuple(items),
        persons=persons,
        dated=dated,
        mentioned=_outside_items(text, gz, [span for _, span, _ in segments]),
        projects=projects_told(text, rival=detect(text)),
    )


def _outside_items(text: str, gz: Gazetteer, spans: list[Span]) -> tuple[ActorMention, ...]:
    """The known bodies (or those named with their acronym) the page names between, before
    and after its items."""
    gaps, at = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > at:
            gaps.append(Span(at, span.start))
        at = max(at, span.end)
    if at < len(text):
        gaps.append(Span(at, len(text)))
    return first_each([a for gap in gaps for a in find_actors(text, gap, gz)
                       if a.known or a.acronym])


#: A lead that announces the list below it: "Listed below are meetings that the United Nations
#: Department of Economic and Social Affairs is organizing over the coming months".
_LIST_LEAD = re.compile(
    r"\b(?:meetings|events|workshops|activities|conferences|seminars)\s+(?:that|which)\s+"
    r"(?P<who>[^.;]{3,160}?)\s+(?:is|are|will\s+be|has\s+been|have\s+been)\s+"
    r"(?:organi[sz]ing|convening|holding|co-organi[sz]ing|planning)\b", re.I)


def _listed_by_lead(text: str, items: list[UpdateItem]) -> list[UpdateItem]:
    """A lead paragraph that announces the numbered items ("Listed below are meetings that X is
    organizing"): its plural "meetings" is no meeting of its own, and X organises each listed
    meeting that names no organiser."""
    if len(items) < 2 or items[0].number != "0":
        return items
    lead = items[0]
    m = _LIST_LEAD.search(text, lead.span.start, lead.span.end)
    if m is None:
        return items
    who = [a for a in lead.actors if m.start("who") <= a.span.start < m.end("who")
           and a.kind == "organization"]
    out = [dataclasses.replace(lead, events=())]
    for item in items[1:]:
        events = tuple(e if e.organizers or not who else dataclasses.replace(
            e, organizers=tuple(who)) for e in item.events)
        out.append(dataclasses.replace(item, events=events))
    return out


#: Who issues the division's reports.
_ISSUERS = ("actor/dpadm", "actor/dpidg", "actor/unpog", "actor/desa")


def _issuer(text: str, gz: Any, heading: Span) -> ActorMention | None:
    """The division that reports: named in the site's banner or the series title ("DPADM
    Monthly Update to CEPA Members": DPADM, not CEPA)."""
    found = [m for m in gz.find_actors(text, Span(0, min(len(text), max(heading.end, 600))))
             if m.kind == "organization"]
    for tier in (_ISSUERS[:-1], _ISSUERS[-1:]):  # a division or office before the department
        issuers = [m for m in found if m.path in tier]  # the first named ("UNPOG : News")
        if issuers:
            return mention(min(issuers, key=lambda m: m.span.start))
    return mention(found[0]) if found else None


#: How a report names its own issuer without its name: "organized by the Division", "the project
#: office" (a word the issuer's name holds, after "the", with no complement of its own).
_OWN_NAME = screened(re.compile(r"\b[Tt]he\s+(?:[Pp]roject\s+)?(?P<word>Division|[Oo]ffice)\b"
                       r"(?!\s+(?:for|of|on|to)\b|[’']s\s+[A-Z])"))
_OWN_WORDS = {"actor/dpadm": "division", "actor/dpidg": "division", "actor/unpog": "office"}


def _issuer_by_name(text: str, span: Span, issuer: ActorMention | None) -> list[ActorMention]:
    """The issuer where the report names it "the Division" ("a study tour organized by the
    Division in Doha") or, for the project office, "the project office"."""
    word = _OWN_WORDS.get(issuer.path) if issuer is not None else None
    if word is None or issuer is None:
        return []
    return [ActorMention(issuer.path, issuer.kind, issuer.label,
                         Span(m.start("word"), m.end("word")), True)
            for m in _OWN_NAME.finditer(text, span.start, span.end)
            if m.group("word").lower() == word]


def _lead_title(text: str, span: Span) -> Span:
    """An item with no title line: its first sentence stands for one."""
    end = sentence_end(text, span.start, span.end)
    return Span(span.start, min(end, span.start + 300)).strip(text)


# --------------------------------------------------------------------------------------------
# Kind of event

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(p, re.I))
    for kind, p in (
        ("seminar", r"\bseminars?\b"),
        ("workshop", r"\bworkshops?\b"),
        ("meeting", r"\bmeetings?\b|\bmee?t(?:s|ing)?\s+with\b|\bmet\s+with\b"),
        ("conference", r"\bconferences?\b"),
        ("training", r"\btrainings?\b|\btraining\s+(?:course|programme|workshop)s?\b"),
        ("forum", r"\bforums?\b"),
        ("retreat", r"\bretreats?\b"),
        ("mission", r"(?<!Permanent )(?<!Permanent\n)\bmissions?\b"
                    r"(?!\s+(?:of\s+[A-Z]|to\s+the\s+United\s+Nations))"),
        ("briefing", r"\bbriefings?\b|\bbriefed\b"),
    )
)


# One search for all kinds: the leftmost match of any, and where two start together the kind
# listed first (the alternation tries them in order). Every kind's word starts with one of
# the letters looked ahead for: most positions fail that one test.
_ANY_KIND = screened(re.compile(
    "(?=[bcfmrstw])(?:" + "|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx in _KINDS) + ")",
    re.IGNORECASE))


def _kind(text: str, title: Span, body: Span) -> tuple[str | None, Span | None]:
    """The earliest event word in the title; else the earliest in the body."""
    for span in (title, body):
        m = _ANY_KIND.search(text, span.start, span.end)
        if m:
            return m.lastgroup, Span(m.start(), m.end())
    return None, None


# --------------------------------------------------------------------------------------------
# Dates

_NOT_EVENT_DATE_BEFORE = re.compile(
    r"\b(?:before|by|until|till|after|deadline(?:\s+(?:of|is))?|no\s+later\s+than|due|"
    r"submitted\s+by)\s+(?:the\s+)?$",
    re.I,
)
_NOT_EVENT_DATE_AFTER = re.compile(r"^\s*,?\s*(?:which\s+is\s+the\s+)?deadline\b", re.I)


def _dates(text: str, spans: tuple[Span, ...], doc: dt.date) -> DateRange | None:
    """The first date in the title or body that is not a deadline."""
    for span in spans:
        for r in find_date_ranges(text, span, reference=doc):
            if _NOT_EVENT_DATE_BEFORE.search(text[max(0, r.span.start - 30) : r.span.start]):
                continue
            if _NOT_EVENT_DATE_AFTER.match(text[r.span.end : r.span.end + 40]):
                continue
            if not r.reversed:
                return r
    return None


# --------------------------------------------------------------------------------------------
# Items

_ORGANIZED_BY = screened(re.compile(
    r"(?=[cfhlos])"  # the first letters below: most positions fail this one test
    r"\b(?:co-)?(?:organi[sz]ed|facilitated|hosted|convened|sponsored|led)\s+(?:jointly\s+)?by\b",
    re.I,
))


#: An event page's labelled fields, each on its line: "Date: 28 September 2022", "Organizer:
#: UN DESA", "Venue: Qatar National Convention Centre".
_EVENT_FIELD = screened(re.compile(
    r"^[^\S\n]*(?:(?P<both>Dates?[^\S\n]*(?:&|and)[^\S\n]*(?:place|venue)(?:[^\S\n]+of"
    r"[^\S\n]+(?:the[^\S\n]+)?event)?)|(?P<date>Dates?|When)|(?P<org>Organi[sz]ers?|Organi[sz]ed[^\S\n]+by|"
    r"Hosts?|Hosted[^\S\n]+by)|(?P<place>Location|Venue|Where|Place))[^\S\n]*:[^\S\n]*"
    r"(?P<value>\S[^\n]{0,200})$", re.I | re.M))
_ONLINE = re.compile(r"\b(?:online|virtual|zoom|webex|teams)\b", re.I)


def _with_fields(text: str, gz: Any, event: Event, span: Span, doc: dt.date | None) -> Event:
    """The one event of a page, completed by the fields an event page labels: its days, its
    organisers, its venue (each only where the text found none)."""
    changes: dict[str, Any] = {}
    for m in _EVENT_FIELD.finditer(text, span.start, span.end):
        value = Span(m.start("value"), m.end("value"))
        if m.group("both") and event.location is None and "location" not in changes:
            # "Date & place of event: 21-23 October 2019, Shymkent, Kazakhstan"
            places = find_locations(text, value, gz)
            if places:
                changes["location"] = places[0]
        if (m.group("date") or m.group("both")) and "dates" not in changes and (
                event.dates is None or event.dates.end is None):
            found = find_date_ranges(text, value, reference=doc)
            if found and not found[0].reversed and (event.dates is None or found[0].end):
                changes["dates"] = found[0]
        elif m.group("org") and not event.organizers and "organizers" not in changes:
            bodies = tuple(a for a in find_actors(text, value, gz)
                           if a.kind in ("organization", "group", "country"))
            if bodies:
                changes["organizers"] = first_each(list(bodies))
        elif m.group("place") and event.location is None and "location" not in changes and \
                not _ONLINE.search(value.of(text)):
            places = find_locations(text, value, gz)
            if places:
                changes["location"] = places[0]
    return dataclasses.replace(event, **changes) if changes else event


def _item(text: str, gz: Any, people: People, doc: dt.date | None, number: str,
          position: int, title: Span, body: Span, span: Span, issuer: ActorMention | None,
          self_paths: set[str], in_item: list[ActorMention], *,
          dated: DocumentDate | None = None, present: Attendance | None = None) -> UpdateItem:
    """One item's model; `in_item` is `find_actors` over its `span`; `present`: its
    attendance list, if it has one."""
    kind, kind_span = _kind(text, title, body)
    dates = _dates(text, (title, body), doc)
    locations = find_locations(text, span, gz)
    loc_spans = [loc.span for loc in locations]
    # a name inside a place's words is the place ("Kigali" of "Kigali, Rwanda"); one that goes
    # on past the place is an organisation named after it ("New York University")
    actors = [a for a in in_item
              if not any(ls.start <= a.span.start < ls.end and a.span.end <= ls.end
                         for ls in loc_spans)
              or a.kind == "country"]
    persons, person_hits = people.mentions(span)
    person_spans = [s for s, _ in person_hits]
    person_apps = [ms.span for p in people.persons for ms in p.memberships
                   if span.start <= ms.span.start < span.end]
    # persons' names are not organisations (a "Name Surname University" clash is rare)
    actors = [a for a in actors if not any(p.start <= a.span.start < p.end for p in person_spans)]
    marks = sorted([(a.span, a) for a in actors] + [(p, None) for p in person_spans],
                   key=lambda x: x[0])
    organizers: list[ActorMention] = []
    for m in _ORGANIZED_BY.finditer(text, span.start, span.end):
        chain, _ = chain_forward(text, m.end(), marks, sentence_end(text, m.end(), span.end))
        organizers += [a for a in chain if a.kind != "group" or a.known]
    raw_title = title.of(text)
    clean_title = _clean_title(raw_title)
    sentences = split_sentences(text, body)
    stand_ins = []
    for s, key in person_hits:
        org = next((ms.organization for ms in people.found[key]["ms"] if ms.organization), None)
        stand_ins.append((s, ActorMention(org.path, org.kind, org.label, s) if org else None))
    # a country that only says where the event was is no party ("Addis Ababa, Ethiopia, in
    # partnership with AAPAM")
    parties = [a for a in actors
               if not any(ls.start <= a.span.start < ls.end and a.span.end <= ls.end
                          for ls in loc_spans)]
    partnerships = find_partnerships(text, sentences, parties, stand_ins, person_apps, issuer,
                                 self_paths, clean_title)
    events = _events(text, gz, people, doc, title, body, span, in_item, persons,
                     dated=dated)
    if len(events) == 1:  # an event page's own fields ("Date:", "Organizer:", "Venue:")
        events = (_with_fields(text, gz, events[0], span, doc),)
    if present is not None and len(events) == 1:  # minutes: who the list says was present
        events = (dataclasses.replace(events[0], participants=first_each(
            [*events[0].participants, *_present_bodies(people, present)])),)
    return UpdateItem(
        events=events,
        number=number,
        position=position,
        title_quote=raw_title,
        title=clean_title,
        title_span=title,
        body=body,
        span=span,
        kind=kind,
        kind_span=kind_span,
        dates=dates,
        locations=locations,
        actors=first_each(actors),
        organizers=first_each(organizers),
        persons=persons,
        partnerships=partnerships,
    )


# --------------------------------------------------------------------------------------------
# Events


_MEETING_VERB = re.compile(r"\b(?:meets|met|visits|visited|calls\s+on|called\s+on|receives|"
                           r"received|hosts|hosted)\b", re.I)


def _title_kind(text: str, title: Span) -> str | None:
    """What a title tells by its verb ("UNPOG meets with ...": a meeting); a title's noun
    ("Leadership dialogue at the AAPAM Roundtable") does not outrank the body's event word."""
    if not _MEETING_VERB.search(title.of(text)):
        return None
    kinds = [e.kind for e in find_events(text, Span(title.end, title.end), title, None)]
    return kinds[0] if kinds else None


def _owned_sentences(sentences: list[Span], anchors: list[Span]) -> list[list[Span]]:
    """The sentences each event's report runs over: its own, and those after it up to the
    next event's ("The workshop ... will be held in Kigali. DPADM is organizing it with ...")."""
    starts = [a.start for a in anchors]
    out = []
    for i, anchor in enumerate(anchors):
        stop = min((s for s in starts if s > anchor.start), default=None)
        out.append([s for s in sentences if s.start >= anchor.start and
                    (stop is None or s.start < stop)] or [anchor])
    return out


def _other_names(event: EventMention) -> tuple[str, ...]:
    """The event's other names, and its own name where one of them carries something before
    it (`name_variants`), its name as written apart."""
    variants = [v for name in (event.name, *event.other_names) for v in name_variants(name)]
    return tuple(dict.fromkeys(n for n in (*event.other_names, *variants)
                               if n and n != event.name))


def _named_again(text: str, owned: list[list[Span]], names: list[str]) -> list[list[Span]]:
    """A later sentence that names an event again ("On the second day, the Africa Regional
    Forum on X, co-hosted by A and B, ...") reports that event, not the one told just before
    it (a name of three words or more, the only one the sentence holds)."""
    if len(owned) < 2:
        return owned
    keys = [" ".join(n.lower().split()) if len(n.split()) >= 3 else None for n in names]
    out = [list(own) for own in owned]
    for i, own in enumerate(owned):
        for sentence in own:
            said = " ".join(sentence.of(text).lower().split())
            hits = [j for j, key in enumerate(keys) if key and key in said]
            if len(hits) == 1 and hits[0] != i and sentence is not own[0]:
                out[i].remove(sentence)
                out[hits[0]].append(sentence)
    return out


def _events(text: str, gz: Any, people: People, doc: dt.date | None, title: Span, body: Span,
            span: Span, in_item: list[ActorMention], persons: Any, *,
            dated: DocumentDate | None = None) -> tuple[Event, ...]:
    """The events the item reports (`update_events`), each with its own place, organisers
    and participants read from the sentences that report it (all the item's sentences when it
    reports one event)."""
    led = body.start <= title.start < body.end  # no title line: its first sentence stands in
    found = find_events(text, body, title, doc, item_title="" if led else clean(title.of(text)),
                        names=tuple(a.span for a in in_item if a.kind == "organization"),
                        # the page's own date: no meeting's, and what is months before it is
                        # background
                        not_dates=(dated.span,) if dated is not None else (),
                        own_date=dated.date if dated is not None else None)
    body_sentences = sentence_spans(text, body, paragraphs=True)
    item_sentences = body_sentences or [title]  # a title line's capitals mislead

    names = [e.name_span for e in found]

    def actors_in(where: Span, *, in_names: bool = False) -> list[ActorMention]:
        out = [a for a in in_item if where.start <= a.span.start < where.end
               and (in_names or not any(n.start <= a.span.start < n.end for n in names))]
        _, hits = people.mentions(where)
        for _, key in hits:  # a person stands for their organisation ("Mr. X (Head, UNPOG)")
            org = next((ms.organization for ms in people.found[key]["ms"]
                        if ms.organization), None)
            if org is not None:
                out.append(ActorMention(org.path, org.kind, org.label, org.span, org.known))
        return [a for a in out if a.kind in ("organization", "group", "country")]

    listed, listing = listed_meetings(text, body, gz, actors_in, doc, body_sentences)
    if not found:
        return tuple(listed)
    title_kind = _title_kind(text, title)
    if len(found) == 1 and title_kind is not None and title_kind != found[0].kind:
        e = found[0]  # the title says what the item is about ("UNPOG meets with ...")
        found = [dataclasses.replace(e, kind=title_kind)]
    owned = _named_again(text, _owned_sentences(item_sentences, [e.sentence for e in found]),
                         [e.name for e in found])
    lead = [s for s in item_sentences if s.end <= found[0].sentence.start]
    # "X, in collaboration with Y, launched a series of workshops. The first two were held in
    # A and in B": who the lead says organised them organised each that names no organiser
    lead_organisers = organisers_and_participants(text, lead, actors_in)[0] \
        if lead and len(found) > 1 else []
    out = []
    for i, (event, own) in enumerate(zip(found, owned)):
        sentences = item_sentences if len(found) == 1 else own
        organisers, participants = organisers_and_participants(
            text, sentences, actors_in, meeting=event.kind == "meeting")
        organisers = organisers or lead_organisers
        if out and _ANAPHOR.match(text, event.sentence.start, event.sentence.end):
            # "The staff members paid a courtesy visit to X": those of the meeting before
            participants = list(first_each([*participants, *out[-1].participants]))
        where = sentences[-1] if len(found) == 1 else event.sentence
        scope = Span(min(s.start for s in sentences), max(s.end for s in sentences))
        year = event.dates.start.year if event.dates is not None else None
        in_sentence = find_locations(text, event.sentence, gz)
        if event.number and len(in_sentence) >= event.count > 1:  # "the first two workshops
            in_sentence = in_sentence[event.number - 1:]  # were held in A ... and in B"
        locations = _not_datelines(text, in_sentence) or _not_datelines(text, (
            _nearest_locations(text, sentences, event.sentence, gz, year))) or _not_datelines(
            text, find_locations(text, scope, gz)) or (
            find_locations(text, title, gz, title=True) if i == 0 else ()) or (  # "... in Qatar"
            _dateline_place(text, dated, gz)) or (
            # "TUNIS, 17 November (DESA) -- ... today launched": where the release is from
            _release_town(text, gz) if _TODAY.search(text, event.sentence.start,
                                                     event.sentence.end) else ()) or in_sentence
        if locations and locations[0].place is None and locations[0].country is not None and \
                (named := gz.resolve(locations[0].name)) is not None and named.kind == "country":
            # "Uzbekistan hosts the Forum ... It is taking place in the city of Samarkand":
            # the country's city the item names is the place
            city = next((loc for loc in find_locations(text, scope, gz)
                         if loc.place is not None and gz.country_of(loc.place.path) ==
                         locations[0].country.path), None)
            if city is not None:
                locations = (city, *locations)
        speakers, _ = people.mentions(scope if len(found) == 1 else event.sentence)
        dates = event.dates
        if dates is not None and dates.end is None and len(found) == 1 and \
                _RANGE_AHEAD.search(text, dates.span.end, scope.end):
            # "... launched the Workshop, 13 May 2025. The programme runs from 13 to 15 May
            # 2025.": the range that opens on the day read
            dates = next((r for r in find_date_ranges(text, scope, reference=doc)
                          if r.start == dates.start and r.end is not None), dates)
        if dates is None and dated is not None and (
                today := _TODAY.search(text, event.sentence.start, event.sentence.end)):
            # "the Forum has today opened at ...": a dated news item's own day
            dates = DateRange(dated.date, None, Span(today.start(), today.end()))
        out.append(Event(event.kind, event.name, event.name_span, dates,
                         locations[0] if locations else None, tuple(organisers),
                         tuple(participants), speakers, scope if where else event.sentence,
                         _other_names(event)))
    events = _shared_place(_one_meeting_each(text, item_sentences, out, actors_in))
    if listed:  # meetings listed one by one: each an event, not the plural that named them
        events = tuple(sorted([e for e in events if not any(
            c.start <= e.name_span.start < c.end for c in listing)] + listed,
            key=lambda e: e.name_span.start))
    return events


#: A sentence whose subject points back at those the item named before it.
_ANAPHOR = re.compile(r"\s*(?:The\s+(?:staff(?:\s+members)?|team|delegation|mission|visitors)|"
                      r"They|She|He)\b")
#: A press release's dateline: where it was issued ("NEW YORK, 1 June -- ..."), not where the
#: meeting it reports is.
_DATELINE = screened(re.compile(r"^[^\S\n]*(?P<town>[A-Z][A-Z .'’-]{2,40}),[^\S\n]+\d{1,2}[^\S\n]+"
                       r"[A-Z][a-z]+(?:[^\S\n]+\d{4})?[^\S\n]*"
                       r"(?:\([A-Z][A-Za-z/]{1,10}\)[^\S\n]*)?(?:--|—|–)", re.M))


def _not_datelines(text: str, found: tuple[Location, ...]) -> tuple[Location, ...]:
    """The places of a sentence but the release's dateline (the other sentences are read for
    the meeting's place then; the dateline stays the last resort, `_dateline_place`)."""
    lines = _datelines(text) if found else ()
    return tuple(loc for loc in found
                 if not any(d.start <= loc.span.start < d.end for d in lines))


@lru_cache(maxsize=4)  # (asked again for each event of the page)
def _datelines(text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in _DATELINE.finditer(text))


#: A date range written further on ("from 8 to 11 May", "8-11 May"): worth reading dates for.
_RANGE_AHEAD = re.compile(r"\d\s*(?:[-–]|to|and)\s*\d")
_TODAY = re.compile(r"\b(?:today|this\s+morning)\b")
_TOWN = re.compile(r"[A-Z][\w’'-]+(?:[ ][A-Z][\w’'-]+){0,2}")
#: A news post's date line with its town after the date: "• 2022•09•12     Guimarães".
_DATELINE_PLACE = re.compile(r"(?:19|20)\d\d[•·./]\d\d[•·./]\d\d[^\S\n]+(?P<place>[A-Z][^\n]{1,40}?)"
                             r"[^\S\n]*$", re.M)


def _release_town(text: str, gz: Any) -> tuple[Location, ...]:
    """The town of a release's dateline ("TUNIS, 17 November (DESA) --"), as a place: where
    what it says happened "today" happened."""
    lines = list(_DATELINE.finditer(text))
    if len(lines) != 1:
        return ()
    town = lines[0]
    written = town.group("town").strip()
    return _town_at(written.title(), Span(town.start("town"), town.start("town") + len(written)),
                    gz)


def _town_at(name: str, place: Span, gz: Any) -> tuple[Location, ...]:
    """A town named at `place` (as `name`), read as "held in <town>" reads it: the name, its
    known place or country if any."""
    def moved(a: ActorMention | None) -> ActorMention | None:
        return None if a is None else dataclasses.replace(
            a, span=Span(a.span.start - 8 + place.start, a.span.end - 8 + place.start))
    return tuple(Location(loc.name, place, moved(loc.place), moved(loc.country))
                 for loc in find_locations("held in " + name, Span(0, 8 + len(name)), gz)[:1])


def _dateline_place(text: str, dated: DocumentDate | None, gz: Any) -> tuple[Location, ...]:
    """The town of the page's date line, where the item names no place for its event (UNU-EGOV's
    news: the town the news comes from is where its meetings took place)."""
    if dated is None:
        return ()
    line_end = text.find("\n", dated.span.start)
    m = _DATELINE_PLACE.search(text, max(0, text.rfind("\n", 0, dated.span.start) + 1),
                               len(text) if line_end < 0 else line_end)
    if m is None:
        return ()
    place = Span(m.start("place"), m.end("place"))
    if not _TOWN.fullmatch(place.of(text)):
        return ()
    return _town_at(place.of(text), place, gz)


def _present_bodies(people: People, present: Attendance) -> list[ActorMention]:
    """The bodies an attendance list says were present: its labels' bodies, and the body of
    each person it lists under no label ("Other")."""
    out = list(present.bodies)
    under = [line for line, _ in present.under]
    _, hits = people.mentions(present.span)
    for s, key in hits:
        if any(line.start <= s.start < line.end for line in under):
            continue
        org = next((ms.organization for ms in people.found[key]["ms"] if ms.organization), None)
        if org is not None:
            out.append(org)
    return out


def _nearest_locations(text: str, sentences: list[Span], anchor: Span, gz: Any,
                       year: int | None) -> tuple[Location, ...]:
    """The places of the first sentence after the event's own that names one, a sentence about
    another year left out: its dateline ("... MEETING. Colombo, Sri Lanka, 12-14 March 2013")
    before a later sentence's background ("The 2012 Forum, which took place in New York")."""
    for s in sentences:
        if not 0 <= s.start - anchor.end <= _NEAR_CHARS:
            continue
        years = {int(y) for y in _ANY_YEAR.findall(text, s.start, s.end)}
        if year is not None and years and year not in years:
            continue
        found = find_locations(text, s, gz)
        if found:
            return found
    return ()


_NEAR_CHARS = 200


#: Meetings with a list of parties, one each: "Three meetings were held with A, B and C", "a
#: series of bilateral meetings with A, B, C and D".
_MEETINGS_WITH = re.compile(
    r"\b(?:(?P<n>two|three|four|five|six|[2-6])\s+(?:separate\s+|bilateral\s+)?meetings\s+"
    r"(?:were\s+)?(?:held\s+)?with|(?:a\s+)?series\s+of\s+(?:bilateral\s+|separate\s+|"
    r"individual\s+)?meetings\s+with|\b(?:held|had|have)\s+bilateral\s+meetings\s+with)\s+",
    re.I)
_LIST_STOP = re.compile(r"\s+(?:to|in\s+order\s+to)\s+(?:discuss|review|explore|present|talk)\b|"
                        r"[.;]|\s+(?:on|during)\s+\d")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _one_meeting_each(text: str, sentences: list[Span], events: list[Event],
                      actors_in: Any) -> list[Event]:
    """"Three meetings were held with A, Rector of X, B, President of Y, and C": one meeting
    with each party the list names (a person stands for their body), each where and when the
    meeting it stands for was, with who took part in it besides. Only where the list names as
    many distinct bodies as the number says (or two or more, unnumbered)."""
    out = list(events)
    for sentence in sentences:
        for m in (_MEETINGS_WITH.finditer(text, sentence.start, sentence.end)
                  if "meetings" in text[sentence.start:sentence.end] else ()):
            stop = _LIST_STOP.search(text, m.end(), sentence.end)
            listed = Span(m.end(), stop.start() if stop else sentence.end)
            parties = list({a.path: a for a in actors_in(listed, in_names=True)
                            if a.kind in ("organization", "country")}.values())
            n = m.group("n")
            wanted = (int(n) if n.isdigit() else _NUMBERS[n.lower()]) if n else None
            if len(parties) < 2 or (wanted is not None and len(parties) != wanted):
                continue
            base = next((e for e in out if e.kind == "meeting" and
                         e.span.start <= m.start() < e.span.end), None)
            others = [a for a in (base.participants if base else ())
                      if a.path not in {p.path for p in parties}]
            made = [Event("meeting", f"Meeting with {p.label}", listed,
                          base.dates if base else None, base.location if base else None,
                          base.organizers if base else (), (p, *others), (), sentence, ())
                    for p in parties]
            out = [e for e in out if e is not base] + made
    return out


def _shared_place(events: list[Event]) -> tuple[Event, ...]:
    """An item's events that name no place of their own were where its other events were,
    when those all name the same one ("the Kigali Convention Centre will host three workshops
    ... This year's Forum focuses on ...")."""
    places = {(e.location.place.path if e.location.place else e.location.name.casefold()): e
              for e in events if e.location is not None}
    if len(places) != 1 or all(e.location is not None for e in events):
        return tuple(events)
    (shared,) = places.values()
    return tuple(e if e.location is not None else dataclasses.replace(e, location=shared.location)
                 for e in events)
