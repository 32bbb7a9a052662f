"""The facts a Development Account project page states, each read on its own from a record's
text (`loaders/layouts/project.md`): code, title, objective, expected accomplishments,
budget, tranche, status, years, countries, implementing entities and partners. Records come
as field/value lines (the DA portal: "Project Code" / "1617J"), labelled fields ("Executing
agency: ...", "Time Frame: March 2009 - June 2011"), headed sections ("Objective:",
"Expected accomplishments:") or prose ("The objective of this project is to ..."). The labels
are data (`FIELDS`). Pure functions; every value keeps its span."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cepa_kg.loaders.page_lines import GLYPH, is_chrome
from cepa_kg.loaders.project_lists import split_list
from cepa_kg.loaders.project_model import Accomplishment, Amount, Named, TextBlock
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.spans import Span, clean

__all__ = ["FIELDS", "Field", "accomplishments", "amount", "field_values", "objective",
           "objectives", "stated_objective",
           "project_codes", "status_of", "tranche", "years"]

#: Field labels, by what they give (the DA portal, the division's listings, techcoop records,
#: slide decks). A label may end with ":" and take its value on the same line, or stand
#: alone with its value on the next line(s).
FIELDS: dict[str, str] = {
    # labels the model does not keep come first: "Tranche Type" is not "Tranche"
    "other": r"tranche\s+type|project\s+selected\s+for\s+evaluation|regions|sub-regions|"
             r"intermediate\s+regions|countries\s+in\s+special\s+situations|sdg(?:\s+targets)?|"
             r"thematic\s+clusters|project\s+info|financial\s+and\s+evaluation\s+info|"
             r"countries\s+and\s+regions|areas\s+of\s+work|senior\s+advisor|indicators\s+of\s+"
             r"achievement|effects\s+and\s+impact",
    "activities": r"implementation\s+status|status\s+of\s+implementation|main\s+activities|"
                  r"(?:planned\s+|project\s+|key\s+)?activities",
    "code": r"project\s+code|project\s+number|code",
    "title": r"title|project\s+title",
    "tranche": r"tranche",
    "status": r"status|project\s+status",
    # ("Entities" alone heads the portal's entity fields and takes no value of its own; with
    # a value on its line, "Entities: ECA, ESCAP", it names the bodies that carry it out)
    # ("Implementing entities and U Secretariat partners: DESA jointly with ECA", first)
    "implementer": r"implementing\s+entit(?:y|ies)\s+and\s+[\w ]{0,40}?partners|"
                   # ("Implementing Entity/ies", a form that serves one or several)
                   r"implementing\s+entit(?:y|ies)(?:/ies|\(ies\))?(?:\s*\(lead\))?|"
                   r"lead\s+entit(?:y|ies)|"
                   r"(?:lead\s+)?executing\s+(?:agenc(?:y|ies)|entit(?:y|ies))|implementing\s+"
                   r"agenc(?:y|ies)|division|"
                   r"lead\s+agenc(?:y|ies)|lead\s+(?:division|department|office)|jointly\s+"
                   r"implementing\s+(?:da\s+)?entit(?:y|ies)|co-?implementing\s+entit(?:y|ies)|"
                   r"other\s+implementing\s+entit(?:y|ies)|implementing\s+agenc(?:y|ies)\s+in\s+"
                   r"[A-Z][\w ]{2,30}?(?=:)|"
                   r"implemented\s+by|executed\s+by|entities|(?:implementing|responsible|managing)\s+"
                   r"(?:division|office|department|unit|body|organi[sz]ation)s?",
    "partner": r"implementing\s+partners?|technical\s+(?:collaboration\s+)?partners?|"
               r"collaborating\s+da\s+entities|other\s+collaborating\s+entities|"
               r"collaborating\s+entities|collaborating\s+(?:partners?|agencies|organi[sz]ations|"
               r"institutions)|cooperation\s+partners|co-?operating\s+(?:agencies|"
               r"entities|institutions|partners)|partners?|partner\s+"
               r"(?:agencies|entities|institutions)",
    "budget": r"(?:total\s+|proposed\s+|approved\s+)?budget|total\s+resources|funding\s+amount",
    "countries": r"countries\s+or\s+areas|beneficiary\s+countries|participating\s+countries|"
                 r"target\s+countries|focus\s+countries|pilot\s+countries|recipients|"
                 r"beneficiar(?:y|ies)\s+countries|countries",
    "time": r"time\s+frame|duration|period|(?:project\s+)?(?:start|end|completion)\s+date|"
            r"implementation\s+period|"
            r"(?:overall\s+|project\s+)?term",
    "objective": r"objective(?:/purpose\s+of\s+project)?|objectives|project\s+objective|"
                 r"purpose|overall\s+objective|objective\s+of\s+the\s+organization",
    "accomplishments": r"expected\s+accomplishments?|expected\s+outcomes?|expected\s+results|"
                       r"main\s+expectations|key\s+accomplishments(?:\s*\(to-date\))?",
    "description": r"brief\s+description|description|summary|background",
    "funding": r"funding|source\s+of\s+funds",
}
_LABEL = screened(re.compile(
    r"^[^\S\n]*(?:[•*\-\u2022][^\S\n]*)?(?:\d{1,2}\s+|\((?:[ivx]{1,4}|[a-h])\)\s+)?(?P<label>"
    + "|".join(f"(?P<{k}>{v})" for k, v in FIELDS.items())
    + r")(?!\w)(?:\s+cont[’']d)?[^\S\n]*(?P<colon>:)?[^\S\n]*(?P<rest>[^\n]*)$",
    re.I | re.M))


@dataclass(frozen=True)
class Field:
    key: str  # a key of FIELDS
    label: Span
    value: Span | None  # None: the label stands with no value


def field_values(text: str, span: Span) -> list[Field]:
    """The labelled fields in text[span]: "Label: value" on one line, or a label alone on its
    line with its value on the following lines up to the next label or blank line (an empty
    label is followed straight by another label: no value)."""
    found = []
    for m in _LABEL.finditer(text, span.start, span.end):
        key = next(k for k in FIELDS if m.group(k))
        rest = m.group("rest").strip()
        if rest and not m.group("colon") and key not in ("other",):
            # "Budget and duration ...", a word that starts a sentence: a label only when
            # the slide-deck form puts it in capitals ("4 OBJECTIVE The project ...")
            if not m.group("label").isupper():
                continue
        found.append((m, key))
    out: list[Field] = []
    for i, (m, key) in enumerate(found):
        label = Span(m.start("label"), m.end("label"))
        if m.group("rest").strip():
            out.append(Field(key, label, Span(m.start("rest"), m.end("rest")).strip(text)))
            continue
        next_label = found[i + 1][0].start() if i + 1 < len(found) else span.end
        value = _value_lines(text, m.end(), next_label, prose=key == "description",
                             names=key in ("implementer", "partner"))
        out.append(Field(key, label, value))
    return out


#: A line of a list of names has a few words (an official name a dozen); a longer one, or one
#: with a verb, is the text going on after the list (a slide's bodies under "Co-operating
#: Agencies:", then its next point, no blank line between).
_NAME_LINE_WORDS = 12
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|comes?|came)\b")


def _value_lines(text: str, start: int, end: int, *, prose: bool = False,
                 names: bool = False) -> Span | None:
    """The value under a lone label: the lines after it, to the blank line or next label; a
    `prose` value (a background) goes on over blank lines while paragraphs of prose follow;
    a list of `names` ends at a line too long to be one."""
    pos = text.find("\n", start)
    if pos < 0 or pos >= end:
        return None
    lines: list[Span] = []
    gap = False
    offset = pos + 1
    for line in text[pos + 1: end].split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            gap = bool(lines)
            continue
        listed = bool(GLYPH.match(line.strip()) or _LABELLED_ITEM.match(line.strip()))
        announced = len(lines) == 1 and lines[0].of(text).rstrip().endswith(":")
        if gap and not (listed and (GLYPH.match(lines[-1].of(text).strip()) or _LABELLED_ITEM.match(
                text, lines[0].start) or announced)) and \
                not (prose and _is_prose(line)):
            break  # a blank line ends the value, unless a list or prose goes on across it
        if names and lines and (len(line.split()) > _NAME_LINE_WORDS or _VERB.search(line)):
            break
        gap = False
        lines.append(Span(start, start + len(line)))
    if not lines:
        return None
    return Span(lines[0].start, lines[-1].end).strip(text)


#: A sentence ending in ":" that opens a list ("The expected accomplishments of the project
#: are:", "Activities undertaken in 2009 include:"): a field without a label.
SOFT_LABELS = {
    "accomplishments": re.compile(r"^[^\n:]{0,80}\bexpected\s+(?:accomplishments?|results|"
                                  r"outcomes)\b[^\n:]{0,60}:[^\S\n]*$", re.I | re.M),
    "activities": re.compile(r"^[^\n:]{0,80}\bactivities\b[^\n:]{0,60}:[^\S\n]*$", re.I | re.M),
}


def soft_field(text: str, span: Span, key: str) -> Span | None:
    """The list under a sentence that opens it (`SOFT_LABELS`), to the blank line after it."""
    m = SOFT_LABELS[key].search(text, span.start, span.end)
    if m is None:
        return None
    return _value_lines(text, m.end() - 1 if text[m.end() - 1] == "\n" else m.end(), span.end)


def _is_prose(line: str) -> bool:
    """A paragraph's line: a dozen words or more, ending a sentence or going on."""
    return len(line.split()) >= 12 and not is_chrome(line)


# -- codes -------------------------------------------------------------------------------------

CODE = screened(re.compile(
    r"(?<![\w/])(?P<code>\d{4}[A-Z]{1,2}|\d{2}[/-]\d{2}[A-Z]{1,2}|ROA[-\s]?\d{2,3}(?:-[0-9A-Z]{1,3})?"
    r"|[A-Z]{3}/\d{2}/[A-Z0-9]{2,4}|INT/\d{2}/[A-Z0-9]{2,4}|T\d{2})(?![\w/])"))
_CODE_CONTEXT = re.compile(r"\bproject\s+(?:code\s*:?\s*)?$|\(\s*$", re.I)


def project_codes(text: str, span: Span) -> list[tuple[str, Span]]:
    """Codes stated for a project: "Project 1819K", "(08/09W)", "KEN/09/003: ..."."""
    out = []
    for m in CODE.finditer(text, span.start, span.end):
        code = m.group("code")
        if code.startswith("T") and not code[1:].isdigit():
            continue
        if re.fullmatch(r"T\d{2}", code):  # a tranche, not a code
            continue
        before = text[max(span.start, m.start() - 20): m.start()]
        after = text[m.end(): m.end() + 3]
        line_start = text.rfind("\n", 0, m.start()) + 1
        starts_line = not text[line_start: m.start()].strip()
        if _CODE_CONTEXT.search(before) or (starts_line and after.lstrip().startswith(":")) \
                or (before.rstrip().endswith("(") and after.lstrip().startswith(")")):
            out.append((code, Span(m.start(), m.end())))
    return out


# -- money, tranche, years, status ---------------------------------------------------------------

_MONEY = re.compile(
    r"(?:US\s?\$|USD|\$|US\s+dollars|\(USD\)\s*:|\(US\$\)\s*:)\s?"
    r"(?P<n>\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<m>million|m\b|mn\b))?"
    # the currency after the figure: "850,000 US dollars", "1.2 million USD"
    r"|(?<![\d.,])(?P<n2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<m2>million))?\s+"
    r"(?:US\s+dollars|USD|US\$)\b", re.I)


def amount(text: str, span: Span) -> Amount | None:
    """The first sum of money in text[span], in US dollars ("$1,250,000.00", "US$ 600,000",
    "USD 1.2 million")."""
    m = _MONEY.search(text, span.start, span.end)
    if m is None:
        return None
    value = float(re.sub(r"[,\s]", "", m.group("n") or m.group("n2")))
    if m.group("m") or m.group("m2"):
        value *= 1_000_000
    return Amount(value, Span(m.start(), m.end()))


_ORDINALS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth "
                                        "ninth tenth eleventh twelfth thirteenth fourteenth "
                                        "fifteenth sixteenth seventeenth".split(), start=1)}
_TRANCHE = screened(re.compile(
    r"\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>" + "|".join(_ORDINALS) + r"))\s+tranche\b"
    r"|\btranche\s*:?\s*(?:T\s?)?(?P<v>\d{1,2})\b|^\s*T(?P<t>\d{1,2})\s*$"
    # the Account's own shorthand: "DA12", "UNDA 14" (not a code: "DA 2025", "DA12345")
    r"|\b(?-i:(?:UN)?DA)[\s-]?(?P<da>1[0-9]|[1-9])\b(?![-/.]\d)", re.I | re.M))


def tranche(text: str, span: Span) -> tuple[int, Span] | None:
    m = _TRANCHE.search(text, span.start, span.end)
    if m is None:
        return None
    value = m.group("n") or m.group("v") or m.group("t") or m.group("da")
    number = int(value) if value else _ORDINALS[m.group("w").lower()]
    return number, Span(m.start(), m.end())


_YEAR = r"(?:19|20)\d\d"
_RANGE = re.compile(rf"(?P<a>{_YEAR})\s*[-–—/]\s*(?P<b>{_YEAR})"
                    rf"|(?:[A-Z][a-z]+\.?\s+)?(?P<c>{_YEAR})\s*(?:-|–|—|to)\s*(?:[A-Z][a-z]+\.?\s+)?"
                    rf"(?P<d>{_YEAR})")
_ONE_YEAR = re.compile(rf"\b(?P<y>{_YEAR})\b")


def years(text: str, span: Span, *, start_only: bool = False) -> tuple[int | None, int | None]:
    """(start year, end year) of a time frame ("March 2009 - June 2011", "2011-2013"), or the
    one year of a start date."""
    m = _RANGE.search(text, span.start, span.end)
    if m and not start_only:
        return int(m.group("a") or m.group("c")), int(m.group("b") or m.group("d"))
    one = _ONE_YEAR.search(text, span.start, span.end)
    return (int(one.group("y")), None) if one else (None, None)


#: A project's years told in prose: "implemented ... from 2019 to 2022", "executed by UNSD in
#: 2002 to 2005", "launched in March
#: 2019", "In March 2018, UNSD agreed ... to carry out a project", "will run until the end of
#: 2022", "extended to the end of 2027".
_PROSE_RANGE = re.compile(rf"\b(?:implemented|run|ran|carried\s+out|executed|active|operat\w+)\b"
                          rf"[^.;]{{0,160}}?\b(?:from|in|during|between|over\s+the\s+(?:period\s+)?)\s+"
                          # (a day before a month: "between May 2014 and 31 October 2018")
                          rf"(?:\d{{1,2}}\s+)?(?:[A-Z][a-z]+\s+)?(?P<a>{_YEAR})\s*"
                          rf"(?:to|until|till|through|and|-|–)\s*"
                          rf"(?:\d{{1,2}}\s+)?(?:[A-Z][a-z]+\s+)?(?P<b>{_YEAR})\b"
                          # "the fifth project that UNSD is executing (2006-2009)"
                          rf"|\b(?:is|are)\s+(?:executing|implementing)\s*\(\s*(?P<c>{_YEAR})\s*[-–]\s*"
                          rf"(?P<d>{_YEAR})\s*\)"
                          # "funded by the Account for the period 2014–2017"
                          rf"|\bfor\s+the\s+(?:period|years)\s+(?:of\s+)?(?:[A-Z][a-z]+\s+)?(?P<e>{_YEAR})\s*"
                          rf"(?:to|until|-|–|and)\s*(?:[A-Z][a-z]+\s+)?(?P<f>{_YEAR})\b")
#: A title that ends with the project's months: "... in Central America (January 2025 –
#: December 2027)".
_TITLE_RANGE = re.compile(rf"\((?:[A-Z][a-z]+\s+)?(?P<a>{_YEAR})\s*[-–]\s*(?:[A-Z][a-z]+\s+)?"
                          rf"(?P<b>{_YEAR})\)[^\S\n]*$", re.M)
_PROSE_START = screened(re.compile(
    rf"\b(?:launched|started|began|initiated|commenced|inaugurated)\s+in\s+"
    rf"(?:[A-Z][a-z]+\s+)?(?P<y>{_YEAR})\b"
    rf"|\bIn\s+(?:[A-Z][a-z]+\s+)?(?P<y2>{_YEAR}),[^.;]{{0,200}}?\bto\s+"
    rf"(?:carry\s+out|implement|launch|start|run)\s+(?:a|the|this)\s+"
    rf"(?:new\s+)?(?:project|programme)\b"))
_PROSE_END = screened(re.compile(
    rf"\b(?:extended|run|runs|running|continue|last|lasts)\s+(?:until|till|"
    rf"to|through)\s+(?:the\s+end\s+of\s+|mid-?)?(?:[A-Z][a-z]+\s+)?"
    rf"(?P<y>{_YEAR})\b"))


def prose_years(text: str, span: Span) -> tuple[int | None, int | None, Span | None]:
    """(start, end, where) of a project's years told in prose, where no field gives them."""
    m = _PROSE_RANGE.search(text, span.start, span.end)
    if m:
        a, b = next((x, y) for x, y in (("a", "b"), ("c", "d"), ("e", "f")) if m.group(x))
        return int(m.group(a)), int(m.group(b)), Span(m.start(a), m.end(b))
    titled = _TITLE_RANGE.search(text, span.start, min(span.end, span.start + 400))
    if titled:
        return int(titled.group("a")), int(titled.group("b")), Span(titled.start("a"),
                                                                      titled.end("b"))
    start = _PROSE_START.search(text, span.start, span.end)
    end = _PROSE_END.search(text, span.start, span.end)
    if start is None:  # ("... and runs until mid-2024": its end alone; not a phase's)
        return (None, int(end.group("y")), Span(end.start("y"), end.end("y"))) \
            if end is not None and "phase" not in text[max(span.start, end.start() - 80):
                                                       end.start()].lower() \
            else (None, None, None)
    group = "y" if start.group("y") else "y2"
    first = int(start.group(group))
    last = int(end.group("y")) if end is not None and int(end.group("y")) >= first else None
    return first, last, Span(start.start(group), start.end(group))


_STATUS = {"active": "ongoing", "ongoing": "ongoing", "on-going": "ongoing", "open": "ongoing",
           "closed": "closed", "completed": "completed", "complete": "completed",
           "finished": "completed", "terminated": "closed"}


def status_of(value: str) -> str | None:
    word = clean(value).split(" ")[0].lower().strip(".,;")
    return _STATUS.get(word)


# -- objective ---------------------------------------------------------------------------------

def _behind(heads: tuple[str, ...], links: tuple[str, ...]) -> str:
    """Look-behinds, one per fixed spelling, for a project word then a link word."""
    return "(?:" + "|".join(f"(?<=\\b{h}{link})" for h in heads for link in links) + ")"


_AIM_AFTER = _behind(("project", "programme", "program", "initiative"),
                     (r"\sthat\s", r"\swhich\s", r",\swhich\s", r",\sthat\s")) + "|" + _behind(
    ("Its", "its", "The", "This"), (r"\sprogramme\s", r"\sprogram\s")) + "|" + "|".join(
    # after the project's name in quotation marks, or its years in brackets: 'the project
    # "X" (2020-2023), which aims to' (a project named just before: `_aim_of_another_project`)
    f"(?<={end}{link})" for end in ("”", '"', "’", r"\d\)")
    for link in (r",\swhich\s", r"\swhich\s", r",\sthat\s"))
_AIM_AFTER_FR = _behind(("projet", "programme"), (r"\s", r"\squi\s", r",\squi\s"))
_OBJECTIVE_PROSE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:Therefore|Thus|Hence|Accordingly|Overall),\s+)?"
    # (after a lead-in naming who says it: "For the expert, the ultimate objective of ...")
    r"(?:(?:For|According\s+to)\s+[^.,;\n]{2,40},\s+)?(?:The|Its)\s+"
    r"(?:overall\s+|main\s+|general\s+|specific\s+|ultimate\s+|primary\s+|principal\s+|"
    r"final\s+)?"
    r"(?:objective|purpose|aim|goal)\s+of\s+(?:the|this)\s+(?:present\s+|current\s+|proposed\s+)?"
    r"(?:project|programme|program|proposal|initiative)"
    r"(?:\s+[0-9A-Z/-]{3,12})?\s+(?:is|was|will\s+be)\s+(?:to\b|(?=(?:a|an)\s))"
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))(?:Its|(?:The|This)\s+(?:project|programme)[’']s)\s+(?:overall\s+|main\s+|"
    r"principal\s+|primary\s+|ultimate\s+)?"
    r"(?:objectives?|purposes?|aims?|goals?|mission)\s+(?:is|was|are|were)\s+to\b"
    # ("Main objectives of the Project were: to help ...", a slide's line)
    # (capitalised, after a run-in heading too: "3 Objectives of the Project Main objectives ...")
    r"|(?:^|(?<=\s))(?-i:Main|Overall|Specific)\s+objectives?\s+of\s+(?:the|this)\s+"
    r"project\s+(?:is|was|are|were)\s*:?\s*(?=to\b)"
    # ("The project will strengthen national capacities for ...": its aim, by a verb of capacity)
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))(?:The|This)\s+project\s+will\s+(?:strengthen|enhance|build|"
    r"improve)\s+(?:the\s+)?(?:national\s+|institutional\s+|technical\s+)?capacit"
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))The\s+(?:impact|overall|development)\s+(?:goal|objective)\s+of\s+"
    r"(?:the|this)\s+(?:project|programme)\s+(?:is|was)\s+(?=[A-Z])"
    # (also after a run-in heading: "II. Background The project aimed at ...", and after a
    # sentence's opening phrase: "In the Pacific, this project aims to ...")
    r"|(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=Background\s)|(?<=Description\s)|(?<=Summary\s)|(?<=,\s))"
    # ("A new joint UN project is seeking to help ...", "the inter-agency project was aimed at")
    # (and an acronym before it, "The OETS project", a phrase set off by commas after it,
    # "This project, formulated jointly by ECA and UN-Habitat, intends to")
    # ("The Development Account Project aims to", "This capacity building project (2013-2015)
    # focussed to raise ...", "This project focused on strengthening ...", "The partnership
    # seeks to ...", "was set up to")
    r"(?:The|This|A)\s+(?:(?:proposed|present|current|joint|new|inter-?agency|UN|"
    r"Development\s+Account|capacity[- ]building|pilot|regional|"
    r"(?-i:[A-Z][A-Z0-9-]{1,9}))\s+){0,3}"
    r"(?:project|proposal|initiative|partnership)(?:\s*\([^()\n]{4,20}\))?(?:,[^.;,\n]{3,80},)?\s+"
    r"(?:also\s+)?(?:(?:aims|aimed|(?:is|was)\s+aimed)"
    r"\s+(?:to|at)|focus(?:es|ed|sed)?\s+(?:on|to)|(?:seeks|sought|intends|intended|"
    r"(?:is|was)\s+seeking|(?:is|was)\s+set\s+up|(?:is|was)\s+launched|"
    r"(?:is|was)\s+(?:therefore\s+|thus\s+|also\s+)?designed|"
    r"(?:is|was)\s+(?:therefore\s+|thus\s+|also\s+)?intended)\s+to)\b"
    # "Through this project, the Department aimed to ..."
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))Through\s+(?:this|the)\s+(?:project|programme),\s+[^.;\n]{2,120}?"
    r"\s+(?:aim(?:s|ed)|sought|seeks|intend(?:s|ed))\s+to\b"
    # "a project funded by the EC that is aimed at strengthening ...": the aim, mid-sentence
    r"|(?:(?<=\bthat\sis\s)|(?<=\bthat\swas\s)|(?<=\bwhich\sis\s)|(?<=\bwhich\swas\s))"
    r"aimed\s+(?:at|to)\b"
    # "The broad development objective of the project identified in the project documents
    # is, to raise ..."
    r"|(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[a-z0-9]\.))The\s+(?:[a-z]+\s+){1,3}(?:objective|purpose|aim|goal)"
    r"\s+of\s+(?:the|this)\s+(?:project|programme)\s+[^.,;\n]{0,60}?\s*(?:is|was),\s+to\b",
    re.I | re.M)
#: The aim in a relative clause, from its verb: "part of a UN project that aims to ...", "Its
#: programme seeks to ...", and in French ("le projet, qui vise à ...", "un projet visant à
#: ..."). Tried only where one of its verbs is (`_AIM_VERBS`).
#: ("launched a new project aimed at developing ...": the participle right after the word)
_AIMED_AFTER = _behind(("project", "programme", "initiative"), (r"\s",))
_AIM_RELATIVE = re.compile(rf"(?:{_AIM_AFTER})(?:aims|aimed|seeks|sought)\s+(?:to|at)\b"
                           rf"|(?:{_AIMED_AFTER})(?P<participle>aimed)\s+at\b"
                           rf"|(?:{_AIM_AFTER_FR})(?:vise|visait|visant)\s+à\b", re.I)
_AIM_VERBS = ("aims ", "aimed ", "seeks ", "sought ", "vise ", "visait ", "visant ")


#: The project a page introduces, before a participle of aim: "launched a new project aimed
#: at", not "the ASEAN+3 project aimed at" (a part the page names, another's aim).
_INTRODUCED = re.compile(r"\b(?:an?|new)\s+(?:[\w-]+\s+){0,3}?(?:project|programme|initiative)\s$",
                         re.I)


def _aim_of_another_project(text: str, m: re.Match[str]) -> bool:
    """A participle of aim ("project aimed at") after a project the page does not introduce;
    an aim after a name in quotation marks or after years in brackets, in a sentence that
    names no project before it (a toolkit's, a report's)."""
    if m.group("participle") is not None:
        return _INTRODUCED.search(text, max(0, m.start() - 80), m.start()) is None
    before = text[max(0, m.start() - 12): m.start()]
    if re.search(r"[”\"’\d)],?\s(?:which|that)\s$", before):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
        return _PROJECT_WORD.search(text, start, m.start()) is None
    return False


_PROJECT_WORD = re.compile(r"\b(?:project|programme)\b", re.I)


def _aim_verbs(text: str, span: Span) -> list[int]:
    """Where a verb of `_AIM_RELATIVE` starts (plain searches: a regex scan of every position
    cost a third of the objectives' time)."""
    out = []
    for verb in _AIM_VERBS:
        at = text.find(verb, span.start, span.end)
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():
                out.append(at)
            at = text.find(verb, at + len(verb), span.end)
    return out


_SENTENCE = re.compile(r"[.!?](?=\s|$)")
_LEAD_ADVERB = re.compile(r"(?:Therefore|Thus|Hence|Accordingly|Overall),\s+")
#: An objective stated as such ("The main objective of the project is to ..."), not as an aim.
_OBJECTIVE_STATED = re.compile(r"\b(?:objective|purpose)\s+of\s+(?:the|this)\s+(?:project|"
                               r"programme)\b|\b(?:project|programme)[’']s\s+(?:overall\s+|main\s+)?"
                               r"(?:objective|purpose)\b", re.I)


def stated_objective(text: str, span: Span) -> TextBlock | None:
    """The sentence inside a field's text that states the objective as such, when the field
    opens with something else (a background that ends "The main objective of the project is
    to ..."); else None."""
    return next((found for found in objectives(text, span)
                 if found.span.start > span.start and _OBJECTIVE_STATED.search(found.text)),
                None)


def objective(text: str, span: Span) -> TextBlock | None:
    """The objective stated in prose ("The objective of this project is to ...", "The project
    aims to ...", "Its overall objective is to ..."): the sentence."""
    m = next(_prose_objective_matches(text, span), None)
    if m is None:
        return None
    listed = _listed_after(text, span, m.end())
    return listed[0] if listed else _objective_at(text, span, m)


def objectives(text: str, span: Span) -> list[TextBlock]:
    """Every objective stated in prose, in order, one per sentence: a page may state an aim and,
    further on, the objective as such; a list under "Its objectives were to:" gives one per
    item."""
    out: list[TextBlock] = []
    for m in _prose_objective_matches(text, span):
        if out and m.start() < out[-1].span.end:
            continue
        listed = _listed_after(text, span, m.end())
        out.extend(listed or [_objective_at(text, span, m)])
    return out


#: The items of a list under an objective's colon: "Its objectives were to:" / "• A" / "• B".
_COLON_LIST = re.compile(r"[^\S\n]*:[^\S\n]*\n")
_LIST_ITEM = re.compile(r"\s*[•·▪*–-][^\S\n]+(?P<item>[^\n]{3,400})")


def _listed_after(text: str, span: Span, at: int) -> list[TextBlock]:
    """The items (two or more) of a bulleted list that follows `at` after a colon."""
    colon = _COLON_LIST.match(text, at, span.end)
    if colon is None:
        return []
    out, pos = [], colon.end()
    while (item := _LIST_ITEM.match(text, pos, span.end)) is not None:
        block = Span(item.start("item"), item.end("item")).strip(text)
        out.append(TextBlock(clean(block.of(text)), block))
        pos = item.end()
    return out if len(out) >= 2 else []


#: Where an objective stated in prose can start: its first word (`_OBJECTIVE_PROSE` opens with
#: one of these). Matching only there is five times faster than scanning every position.
# ("For the expert, ...", "Through this project, ...")
_OBJECTIVE_OPENING = screened(re.compile(r"(?i:\b(?:the|its|this|therefore|thus|hence|accordingly|"
                                r"overall|aimed)\b)|\b(?:For|According|Through|A|Main|Specific)\b"))


def _prose_objective_matches(text: str, span: Span) -> Iterator[re.Match[str]]:
    found = [m for opening in _OBJECTIVE_OPENING.finditer(text, span.start, span.end)
             if (m := _OBJECTIVE_PROSE.match(text, opening.start(), span.end)) is not None]
    taken = {m.start() for m in found}
    found += [m for at in _aim_verbs(text, span) if at not in taken
              and (m := _AIM_RELATIVE.match(text, at, span.end)) is not None
              and not _aim_of_another_project(text, m)]
    yield from sorted(found, key=lambda m: m.start())


def _objective_at(text: str, span: Span, m: re.Match[str]) -> TextBlock:
    end = _SENTENCE.search(text, m.end(), span.end)
    start = m.start()
    lead = _LEAD_ADVERB.match(text, start)  # "Therefore, the ultimate objective ...": from "the"
    if lead:
        start = lead.end()
    block = Span(start, end.end() if end else span.end).strip(text)
    return TextBlock(clean(block.of(text)), block)


_EXPECTED_INLINE = re.compile(
    r"(?:expected\s+to\s+result\s+in|expected\s+accomplishments?,?\s+namely|"
    r"two\s+expected\s+accomplishments|expected\s+accomplishments?\s+(?:are|were|include)|"
    # "The expected outcomes from this work are to (a) ..., and (b) ..."
    r"expected\s+(?:outcomes?|results)(?:\s+(?:from|of)\s+(?:this|the)\s+(?:work|project))?\s+"
    r"(?:are|were|include)(?:\s+to)?)\s*:?",
    re.I)


#: An item that names itself: "Expected Accomplishment 2 Enhanced capacity ...", "EA1: ...".
_LABELLED_ITEM = screened(re.compile(
    r"[^\S\n]*(?:Expected\s+)?(?:Accomplishment|Outcome|Result|EA)[^\S\n]*"
    r"(?P<n>\d{1,2})\b[^\S\n]*[:.–—-]?[^\S\n]*", re.I))


def _labelled_items(text: str, span: Span) -> list[Accomplishment]:
    starts = [m for m in _LABELLED_ITEM.finditer(text, span.start, span.end)
              if m.start() == span.start or text[m.start() - 1] == "\n"]
    out: list[Accomplishment] = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else span.end
        item = Span(m.end(), end).strip(text)
        if len(item):
            out.append(Accomplishment(len(out) + 1, clean(item.of(text)), item, m.group("n")))
    return out if len(out) >= 2 else []


def accomplishments(text: str, span: Span) -> list[Accomplishment]:
    """Expected accomplishments as a list under their heading, or numbered inside a sentence
    ("It is expected to result in (a) ..., and (b) ..."), or each named by its own label
    ("Expected Accomplishment 1 ...")."""
    labelled = _labelled_items(text, span)
    if labelled:
        return labelled
    _, items = split_list(text, span, prose_ok=True)
    out: list[tuple[Span, str | None]] = []
    for item in items:  # a slide's run-on text: "... guidelines Senior managers will ..."
        if len(item.span) <= 3:
            continue
        pieces = _semicolon_statements(text, item.span) or _run_on(text, item.span)
        out.extend((sp, item.numbering if len(pieces) == 1 else None) for sp in pieces)
    return [Accomplishment(i, clean(sp.of(text)), sp, numbering)
            for i, (sp, numbering) in enumerate(out, start=1)]


#: "Enhanced capacities of ...; Improved capacity of ...; Updated toolkits ...": statements
#: that each open with a capital after a semicolon.
_SEMICOLON_STATEMENT = re.compile(r";\s+(?:and\s+)?(?=[A-Z][a-z])")


def _semicolon_statements(text: str, span: Span) -> list[Span]:
    """A paragraph of results joined by semicolons, each its own statement (at least three,
    each a capitalised phrase of some length); else none."""
    piece = span.of(text)
    cuts = [(m.start(), m.end()) for m in _SEMICOLON_STATEMENT.finditer(piece)]
    if len(cuts) < 2:
        return []
    out, start = [], 0
    for end, next_start in cuts:
        out.append(Span(span.start + start, span.start + end).strip(text))
        start = next_start
    out.append(Span(span.start + start, span.end).strip(text, " ."))
    return out if all(len(s.of(text).split()) >= 4 for s in out) else []


_RUN_ON = re.compile(r"(?<=[a-z,)])\s+(?=[A-Z][a-z]+(?:\s+[a-z][\w-]*){0,5}\s+(?:will|have|has|are|is|"
                     r"were|was)\b)")


def _run_on(text: str, span: Span) -> list[Span]:
    """A text with no full stops between its statements (slides) cut where a new statement
    begins: a capitalised word after a lower-case one, its verb close behind."""
    piece = span.of(text)
    if "." in piece.rstrip(". "):
        return [span]
    cuts = [m.start() for m in _RUN_ON.finditer(piece)]
    if not cuts:
        return [span]
    out, start = [], 0
    for cut in cuts:
        out.append(Span(span.start + start, span.start + cut).strip(text))
        start = cut
    out.append(Span(span.start + start, span.end).strip(text))
    return [s for s in out if len(s) > 3]


def inline_accomplishments(text: str, span: Span) -> list[Accomplishment]:
    m = _EXPECTED_INLINE.search(text, span.start, span.end)
    if m is None:
        return []
    end = _SENTENCE.search(text, m.end(), span.end)
    while end is not None and re.match(r"\s*\)", text[end.end(): end.end() + 3]):
        end = _SENTENCE.search(text, end.end(), span.end)
    region = Span(m.end(), end.start() if end else span.end)
    _, items = split_list(text, region, prose_ok=False)
    return [Accomplishment(i, clean(it.span.of(text)), it.span, it.numbering)
            for i, it in enumerate(items, start=1) if len(it.span) > 3]


# -- actors named in prose ---------------------------------------------------------------------

_IMPLEMENTED = re.compile(
    r"(?:\b(?:implemented|executed|carried\s+out|led|(?<!funding\s)(?<!funds\s)managed)|"
    r"(?:^|(?<=[.!?]\s))Lead)\s+by\s+"
    r"(?P<who>[^.;\n]{2,400}?)"
    r"(?=[,.;]\s+(?:in\s+cooperation|in\s+collaboration|drawing|with\s+the|in\s+[A-Z]|which|"
    r"and\s+will)|[.;\n]|$|\s+in\s+(?:cooperation|collaboration|partnership)\b|"
    # ("led by ECA with support from the African Development Bank": its partners after it)
    r"\s+with\s+(?:the\s+)?(?:financial\s+|technical\s+)?support\s+(?:from|of)\b|"
    # a fronted phrase ends where the sentence's subject begins ("Implemented by UNDP and the
    # Ministry (MSA), a new KOICA-funded initiative ... will help")
    r",\s+(?:a|an)\s+(?:new\s+)?[\w-]+\s+(?:[\w-]+\s+)?(?:initiative|project|programme)\b|"
    r"\s+(?:from|between|during|in)\s+(?:19|20)\d\d\b)"
    r"|\bExecuting\s+entity\s*:\s*(?P<who2>[^,.\n]{2,120})"
    r"|(?:^|(?<=:\s))(?P<who3>[A-Z][\w/-]*(?:\s+[A-Z][\w/-]*){0,5})\s+(?:has\s+)?(?:carried\s+"
    r"out|undertaken|undertook|implemented|executed)\s+(?:the\s+following(?:\s+activities)?|"
    r"the\s+project)"
    # "In March 2018, the United Nations Statistics Division (UNSD) formally agreed with the
    # Ministry ... of Finland to carry out a project"
    r"|(?:^|(?<=,\s)|(?<=\.\s))(?P<who4>(?:the\s+)?[A-Z][^,.;\n]{2,100}?)\s+(?:\([A-Z]{2,10}\)\s+)?"
    r"(?:formally\s+)?agreed\s+(?:with\s+[^.;\n]{2,120}?\s+)?to\s+(?:carry\s+out|implement|"
    r"undertake)\s+(?:a|the|this)\s+(?:new\s+)?project"
    # the subject of a sentence that starts or runs a project: "The United Nations Statistics
    # Division is launching a Development Account project for ...", "ECA implements the project"
    # (the subject may be glued to a heading before it: "... in Developing CountriesFSDO and
    # UNCDF have piloted a project")
    # (or after a lead-in: "In response, the United Nations Conference on Trade and
    # Development (UNCTAD) developed a project to")
    r"|(?:^|(?<=[.!?]\s)|(?-i:(?<=[a-z])(?=[A-Z]{2,10}\b))|(?<=,\s))(?P<who5>(?:the\s+)?"
    r"[A-Z][^,.;:\n]{1,100}?)"
    r"\s*(?:\([A-Z]{2,10}\)\s*)?"
    # ("UN Women, in collaboration with X and with funding from Y, is implementing a project")
    r"(?:,\s+(?:in\s+(?:collaboration|cooperation|partnership)\s+with|together\s+with|with\s+"
    r"(?:funding|support)\s+from)[^.;]{1,150}?,\s*)?\s"
    r"(?:is\s+|was\s+|has\s+|have\s+|will\s+)?(?:been\s+)?(?:launching|launched|launch|piloted|"
    r"piloting|pilot|developed|develops|designed|"
    r"implementing|implements|implement|executing|executes|execute|leading|leads|lead|"
    r"coordinating|coordinates|coordinate|managing|manages|manage)\s+(?:a|an|the|this|its)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:project|programme)\b"
    # "DESA is the lead agency for the project", "ECA will act as the executing entity"
    r"|(?:^|(?<=[.!?]\s))(?P<who8>(?:the\s+)?[A-Z][^,.;:\n]{1,100}?)\s+(?:\([A-Z]{2,10}\)\s+)?"
    r"(?:is|was|will\s+be|acts\s+as|will\s+act\s+as|serves\s+as|will\s+serve\s+as)\s+(?:the\s+)?"
    r"(?:lead|executing|implementing|coordinating)\s+(?:agency|entity|organi[sz]ation|body|"
    r"department|division|office)\b"
    # "The project is a joint initiative of ECA and ESCAP"
    r"|\bjoint\s+(?:initiative|project|programme|undertaking|effort)\s+(?:of|by|between)\s+"
    r"(?P<who9>[^.;\n]{2,200}?)(?=[.;\n]|$|,\s+(?:which|with|in\s+))"
    # "The main implementing partners of the project, ECA, ESCAP and DESA, already work ...",
    # "The implementing entities are ECA and ESCAP"
    r"|\b(?:main\s+|lead\s+)?implementing\s+(?:partners|entities|agencies)\s+(?:of\s+(?:the|this)\s+"
    r"(?:project|programme)\s*)?(?:,|:|are\b|were\b|include\b)\s*"
    r"(?P<who10>[A-Z][^.;\n]{1,200}?)(?=,\s+(?:already|which|who|have|has|will|are|were)\b|"
    r"[.;\n]|$)"
    # the subject of a relative clause on the project, and the body before "-executed
    # projects": "the fifth project that UNSD is executing", "Lessons from UNSD Executed Projects"
    r"|\b(?:project|programme)s?\s+(?:that|which)\s+(?P<who6>(?:the\s+)?[^\s,.;:]+(?:\s+[^\s,.;:]+)"
    r"{0,5}?)\s+(?:is|was|has|have|had)\s+(?:been\s+)?(?:executing|implementing|leading|executed|"
    r"implemented|led)\b"
    r"|(?:^|(?<=\s))(?P<who7>[^\s,.;:]+)[^\S\n]*-?[^\S\n]*(?:executed|implemented|led)\s+"
    r"projects?\b",
    re.I | re.M)
#: "..., DPADM, which executed the project": the subject is the phrase before it.
_WHICH = re.compile(r",?\s+which\s+(?:executed|implemented|led)\s+the\s+project", re.I)
_SUBJECT_BEFORE = re.compile(r"[A-Z][^,.;\n]{2,100}$")
_WITH = re.compile(
    r"\b(?:in\s+(?:close\s+|full\s+|direct\s+|active\s+)?(?:cooperation|collaboration|"
    r"partnership)\s+with|cooperation\s+of|jointly\s+with|"
    # "Implemented by UN DESA and ESCAP, with the collaboration of the Pacific Islands Forum
    # Secretariat", "In coordination with the activities undertaken by the Global Centre"
    r"with\s+the\s+collaboration\s+of|in\s+coordination\s+with|"
    r"(?:project|programme)\s+(?:will\s+)?(?:work|works|worked|partner|partners|partnered)\s+with|"
    # "UNDESA/FSDO will closely collaborate with ECA, ECLAC and UNSD"
    r"will\s+(?:closely\s+)?collaborate\s+(?:closely\s+)?with|"
    # "DESA will work closely with A and B", "Key partners include A, B and C"
    r"will\s+(?:also\s+)?work\s+(?:closely\s+)?with|"
    r"(?:key|main|principal|project)\s+partners\s+(?:include[sd]?|are|were|will\s+be)|"
    r"with\s+the\s+(?:support|involvement)\s+of|"
    # "(with support from UNEP)", "under the sponsorship of UNDP"
    r"\bwith\s+(?:the\s+)?(?:financial\s+|technical\s+)?support\s+(?:from|of)|"
    r"under\s+the\s+sponsorship\s+of|"
    # "The project benefits from collaboration with A, B and C"
    r"benefit(?:s|ed|ting)?\s+from\s+(?:the\s+|close\s+)?(?:collaboration|cooperation|"
    r"partnership)s?\s+with|"
    # a sentence that opens with the collaboration ("Collaboration with UNEP will be sought in
    # ..."), and the partners a list introduces ("with other international and regional
    # partners, including UN-Women, UNFPA, Eurostat")
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:Collaboration|Cooperation)\s+with|\bpartners,?\s+(?:including|such\s+as|"
    r"notably|among\s+them))\s+(?P<who>[^.;\n]{2,600})",
    re.I)
#: A partner phrase that is a list's lead-in, not a fronted phrase: its list goes on past
#: ", the" ("Key partners include A, the B and the C").
_LIST_LEAD = re.compile(r"partners\s+(?:include|are|were|will)", re.I)
#: Where a partner phrase's list ends and a new noun phrase begins (", the Financing for
#: Sustainable Development Office (FSDO), a division ..., set out to ...").
_NEW_PHRASE = re.compile(r",\s+(?:the|a|an)\s+[A-Z]")
#: Where a sentence's own subject and verb follow the list ("..., ESCWA organized"), or its verb
#: right after the list's comma ("in partnership with A, B and C, organized a workshop on ...").
_SUBJECT_AND_VERB = re.compile(r",\s+(?:(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+)?"
                               r"(?:organi[sz]ed|held|hosted|launched|convened|conducted|"
                               r"implemented|developed|provided|carried\s+out)\b"
                               # (", DESA will assist governments ...")
                               r"|,\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+(?:will|"
                               r"shall|is\s+to|are\s+to)\s+(?:also\s+)?[a-z]+\b"
                               # (", this project aims to ...": the project itself, the subject)
                               r"|,\s+(?:this|the)\s+(?:project|programme|initiative)\s+"
                               r"(?:aims|seeks|will|is|was|has|helps|supports)\b")


#: A word every `_IMPLEMENTED` match holds: its lines only are searched (a whole page cost
#: 12.6 ms a parse, its few lines with the word 0.3 ms).
_IMPLEMENTED_WORD = screened(re.compile(
    r"implement(?:ed|s|ing)?\b|execut(?:ed|es|ing|e)\b|carried\s+out|"
    r"\bdevelop(?:ed|s)\s+(?:a|an|the)\b|\bdesigned\s+(?:a|an|the)\b|"
    r"\bled\b|\blead(?:s|ing)?\b|\bmanag(?:ed|es|ing|e)\b|undert|"
    r"carry\s+out|launch|\bpilot(?:ed|ing|s)?\b|\bcoordinat(?:ed|es|ing|e)\b|\bjoint\s+(?:"
    r"initiative|project|programme|undertaking|effort)", re.I))


#: An earlier exercise ("earlier reviews ...", "the previous project ..."): who did it is not
#: who carries this project out.
_EARLIER = re.compile(r"\b(?:earlier|previous|past|prior|former|preceding)\b", re.I)


#: A heading glued to the sentence after it: a small letter, then an acronym's capitals.
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z]{2,10}\b)")


def _sentence_start(text: str, floor: int, at: int) -> int:
    stop = max(text.rfind(". ", floor, at), text.rfind("; ", floor, at))
    return stop + 2 if stop >= 0 else floor


def implementer_phrases(text: str, span: Span) -> list[Span]:
    out: list[Span] = []
    searched_to = span.start
    for hit in _IMPLEMENTED_WORD.finditer(text, span.start, span.end):
        if hit.start() < searched_to:
            continue  # its line was searched
        line_start = max(text.rfind("\n", span.start, hit.start()) + 1, span.start)
        line_end = text.find("\n", hit.end(), span.end)
        searched_to = span.end if line_end < 0 else line_end
        for m in _IMPLEMENTED.finditer(text, line_start, searched_to):
            group = next(g for g in ("who", "who2", "who3", "who4", "who5", "who6", "who7",
                                     "who8", "who9", "who10") if m.group(g))
            if group == "who" and _EARLIER.search(text, _sentence_start(text, line_start,
                                                                          m.start()), m.start()):
                continue  # "earlier reviews ... carried out by DESA": another exercise's
            start = m.start(group)
            glued = list(_GLUED.finditer(text, start, m.end(group)))
            if glued:  # "... in Developing CountriesFSDO and UNCDF": the sentence's own part
                start = glued[-1].start()
            out.append(Span(start, m.end(group)))
        for m in _WHICH.finditer(text, line_start, searched_to):
            subject = _SUBJECT_BEFORE.search(text, max(line_start, m.start() - 101), m.start())
            if subject:
                out.append(Span(subject.start(), subject.end()))
    return out


#: "The initiative brings together A, B and C with UNCTAD and funding managed by D": the bodies
#: it brings together, up to what funds it.
_BRINGS_TOGETHER = re.compile(r"\b(?:project|initiative|programme|partnership)\s+(?:that\s+)?"
                              r"(?:brings|brought|will\s+bring)\s+together\s+"
                              r"(?P<who>[^.;\n]{2,400}?)(?=\.(?:\s|$)|[;\n]|$)", re.I)
_FUNDED_PART = re.compile(r",?\s+(?:with|and)\s+(?:the\s+)?(?:funding|financing|funds|"
                          r"financial\s+support)\b", re.I)
#: "UNCTAD, who also acts as a lead agency—": the one of them that leads.
_LEAD_AGENCY = re.compile(r",?\s*(?:who|which)\s+(?:also\s+)?(?:acts?|serves?)\s+as\s+(?:a|the)\s+"
                          r"lead(?:\s+(?:agency|entity|organi[sz]ation))?\s*[—–,-]*\s*", re.I)


def brought_together(text: str, span: Span) -> tuple[list[Span], list[Span]]:
    """What a joint project says of the bodies it "brings together": the one it says leads
    carries it out and the others are its partners; with no lead named, all of them carry it
    out together. A body that funds it ("with funding managed by X") is neither."""
    if "together" not in text[span.start:span.end]:
        return [], []
    for m in _BRINGS_TOGETHER.finditer(text, span.start, span.end):
        who = Span(m.start("who"), m.end("who"))
        funded = _FUNDED_PART.search(text, who.start, who.end)
        if funded is not None:
            who = Span(who.start, funded.start())
        lead = _LEAD_AGENCY.search(text, who.start, who.end)
        if lead is not None:
            return [Span(who.start, lead.start())], [Span(lead.end(), who.end)]
        return [who], []
    return [], []


#: "NZAID, the main development partner of this project, ...": the partner before its post.
_PARTNER_OF = re.compile(r"(?P<who>\b[A-Z][\w&’'-]*"
                         r"(?:[^\S\n]+(?:of|for|and|the|[A-Z][\w&’'-]*)){0,8})"
                         r",\s+(?:the|a|an)\s+(?:main\s+|key\s+|principal\s+|major\s+)?"
                         r"(?:development\s+|funding\s+|technical\s+)?partner\s+of\s+(?:this|the)\s+"
                         r"(?:project|programme)\b")


#: A project's support "with support from" X, no article: a partner only after who leads it.
_BARE_SUPPORT = re.compile(r"with\s+(?:financial\s+|technical\s+)?support\s", re.I)
_LED_BY = re.compile(r"\b(?:led|implemented|executed|carried\s+out|managed)\s+by\b", re.I)
#: "..., with the League of Arab States as a partner": the partner named before the word.
_AS_PARTNER = re.compile(r"\bwith\s+(?P<who>(?:the\s+)?[A-Z][^.;,\n]{1,150}?)\s+as\s+"
                         r"(?:a\s+|its\s+|the\s+)?(?:key\s+|main\s+|strategic\s+)?partners?\b")


def partner_phrases(text: str, span: Span) -> list[Span]:
    out = [Span(m.start("who"), m.end("who"))
           for m in (_PARTNER_OF.finditer(text, span.start, span.end)
                     if "partner of" in text[span.start: span.end] else ())]
    out += [Span(m.start("who"), m.end("who"))
            for m in (_AS_PARTNER.finditer(text, span.start, span.end)
                      if " as " in text[span.start: span.end] else ())]
    for m in _WITH.finditer(text, span.start, span.end):
        line_start = max(text.rfind("\n", span.start, m.start()) + 1, span.start)
        opening = text[_sentence_start(text, line_start, m.start()): m.start()]
        if _BARE_SUPPORT.match(m.group(0)) and not opening.endswith("(") and \
                not _LED_BY.search(opening):
            continue  # "funded by the Account with support of UNDESA": no partner said; "led
            # by ECA with support from X": X is
        # a fronted phrase ("Conducted in partnership with X, the Y ... set out to ...") ends
        # where the sentence's subject begins; a list within the sentence goes on
        cut = _NEW_PHRASE.search(text, m.start("who"), m.end("who")) \
            if len(opening.split()) <= 3 and not _LIST_LEAD.search(m.group(0)[:40]) else None
        # (and wherever the sentence's own subject and verb follow: "..., and in partnership
        # with A and B, ESCWA organized ...")
        cut = cut or _SUBJECT_AND_VERB.search(text, m.start("who"), m.end("who"))
        out.append(Span(m.start("who"), cut.start() if cut else m.end("who")))
    return out


def named(span: Span, text: str) -> Named:
    return Named(clean(span.of(text)), span)
