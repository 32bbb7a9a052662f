"""CEPA session summaries: detect and parse to a small model (no RDF here).

A session summary (``cepa-session-05-2006.txt``, ``cepa-session-08-2009.txt`` and the other
years of the family) has:

- a heading with the session number and dates ("Session 5" / "27-31 March 2006", "Session 8
  30 March - 3 April 2009", or in prose "The Committee ... held its tenth session ... from 4 to 8
  April 2011"), then the main theme ("Main theme: ..." or "Its theme was “...”.");
- a body: a two-column table "Subtopics <TAB> Major Recommendations/Conclusions" with cells
  broken across lines, or subtopic headings on their own lines followed by paragraphs
  (`session_table`); recommendations are read from the text beside each subtopic
  (`session_items`);
- optionally an "Annual Ministerial Review theme" part laid out the same way;
- "Resolution": operative paragraphs (`session_resolution`).

Parsing works on layout, not on the wording of particular files; every text in the model
carries its exact `Span` into the text as given (no normalisation). A text that cannot be read
as a session summary raises `ParseError` with the reason and the line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cepa_kg.loaders.actors import Gazetteer
from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.committee_members import members
from cepa_kg.loaders.document_dates import document_date
from cepa_kg.loaders.family_detection import session_score
from cepa_kg.loaders.lines import Line, line_no, split_lines
from cepa_kg.loaders.operative import IsActor, modality_of
from cepa_kg.loaders.people import people_named, person_key
from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.session_fields import (
    agenda_items,
    bureau,
    main_theme,
    opening_day_only,
    session_dates,
    session_number,
    session_place,
)
from cepa_kg.loaders.session_heading import (
    MAIN_THEME,
    find_dates,
    find_session_number,
    main_theme_line,
    sentence_theme,
)
from cepa_kg.loaders.session_layout import section_heading
from cepa_kg.loaders.session_model import (
    BureauMember,
    Recommendation,
    Resolution,
    ResolutionParagraph,
    SessionDocument,
    Theme,
)
from cepa_kg.loaders.session_recommendations import Found, ReadPage, read_recommendations
from cepa_kg.loaders.session_resolution import parse_resolution
from cepa_kg.loaders.session_table import read_table
from cepa_kg.loaders.spans import clean, cover
from cepa_kg.loaders.update_model import Person

__all__ = [
    "Recommendation",
    "Resolution",
    "ResolutionParagraph",
    "SessionDocument",
    "Theme",
    "detect",
    "parse",
]

#: The Committee's name in the UN's other official languages, and a session of it: reports and
#: their copies on document-sharing sites ("Informe sobre el sexto período de sesiones").
_OTHER_COMMITTEE = screened(re.compile(
    r"Comit[ée]\s+de\s+Expertos\s+en\s+Administraci[óo]n\s+P[úu]blica"
    # (a copy that lost its apostrophes: "Comité d experts de l administration publique")
    r"|Comit[ée]\s+(?:d[’']\s*|d\s+|des\s+)experts\s+(?:de|en|sur)\s+(?:l[’']\s*|l\s+)?"
    r"administration\s+publique"
    # (and in Portuguese a Committee or a Commission: "Comissão de Especialistas da ONU sobre
    # Administração Pública")
    r"|(?:Comit[êé]|Comiss[ãa]o)\s+de\s+(?:[Pp]eritos|[Ee]specialistas|[Ee]xperts)\s+"
    r"(?:da\s+ONU\s+)?(?:em|de|da|sobre)\s+[Aa]dministra[çc][ãa]o\s+[Pp][úu]blica"
    r"|Comitato\s+di\s+[Ee]sperti"
    r"|Комитет\s+экспертов\s+по\s+государственному\s+управлению"
    r"|公共行政专家委员会|公共行政專家委員會|공공행정\s*전문가\s*위원회"
    r"|[Kk]omis[ei]\s+expert[ůu]\s+(?:OSN\s+)?pro\s+veřejnou\s+správu"
    r"|(?:Sachverständigen|Experten)(?:ausschuss(?:es)?|komitee(?:s)?)\s+(?:der\s+Vereinten\s+"
    r"Nationen\s+)?f[üu]r\s+(?:die\s+)?öffentliche\s+Verwaltung"
    # (Arabic: the official "لجنة الخبراء المعنية بالإدارة العامة", and as the news writes it,
    # "لجنة خبراء الإدارة العامة", "لجنة خبراء الأمم المتحدة المعنية بأمور الحوكمة والإدارة العامة")
    r"|لجنة\s+(?:ال)?خبراء[^.\n]{0,60}?(?:ال|بال|و?ال)إدارة\s+العامة", re.I))
#: A session, or the Committee's seats and posts, in those languages.
_OTHER_SESSION_OR_SEAT = re.compile(r"per[ií]odo\s+de\s+sesiones|\bsession\b|\bsess[ãa]o\b|сесси|届会|"
                            r"الدورة|دورتها|الاجتماع\s+السنوي|عضوا?\b|نائبة?\s+ل?رئيس|회의|"
                            r"\bmembr[oe]s?\b|\bmiembros?\b|\bperit[oa]s?\b|"
                            r"vice-?pr[ée]sident|\bčlen|위원|\bélue?\b|\bnomead[oa]\b|"
                            r"\bescolhid[oa]\b|\bnominován|\bSitzung\b|\bTagung\b|"
                            r"\bMitglied", re.I)


def _other_language_score(text: str) -> float:
    """A page in another language (Spanish, French, Portuguese, Italian, Russian, Chinese,
    Korean, Czech or Arabic) that names the Committee at its top and one of its sessions, or its
    members."""
    head = text[:3000]
    return 0.7 if _OTHER_COMMITTEE.search(head) and _OTHER_SESSION_OR_SEAT.search(head) else 0.0


def detect(text: str) -> float:
    """How sure we are that `text` is about a CEPA session (0..1); see `family_detection`."""
    score = session_score(text)
    return score if score >= 0.5 else max(score, _other_language_score(text))


_HEAD_LINES = 15  # without a table or a theme line, the heading is in the first lines


def _paragraph_end(lines: list[Line], i: int) -> int:
    """Index of the first blank line at or after `i` (or the end)."""
    while i < len(lines) and not lines[i].blank:
        i += 1
    return i


def _parse_table_layout(text: str) -> SessionDocument:
    """Read a CEPA session summary laid out as the seed corpus is (a tabbed two-column table).

    Raises `ParseError` (with the line) when the text has no session number, no dates, no
    main theme or no recommendations."""
    lines = split_lines(text)
    if not any(not ln.blank for ln in lines):
        raise ParseError("empty document: no session heading", line=1)
    headings = [section_heading(ln) for ln in lines]
    table_i = next((i for i, h in enumerate(headings) if h in ("table", "amr", "subtopic")),
                   None)
    head_stop = table_i if table_i is not None else len(lines)

    # the main theme: a "Main theme:" line, or a sentence of the heading
    theme_i = next((i for i in range(head_stop) if MAIN_THEME.match(lines[i].text)), None)
    if theme_i is None and table_i is not None and MAIN_THEME.match(lines[table_i].text):
        theme_i = table_i  # "Main theme: X <TAB> Major Recommendations"
    main_theme: Theme | None = None
    body_from = table_i
    if theme_i is not None:
        main_theme, after = main_theme_line(text, lines, theme_i, table_i)
        head_end_i = table_i if table_i is not None else theme_i + 1
        body_from = table_i if table_i is not None else after
    else:
        head_end_i = table_i if table_i is not None else min(len(lines), _HEAD_LINES)
    head_end = lines[head_end_i].start if head_end_i < len(lines) else len(text)
    if theme_i is not None:
        head_end = max(head_end, lines[theme_i].start)
    else:
        main_theme = sentence_theme(text, 0, head_end)
        if main_theme is not None and table_i is None:
            body_from = _paragraph_end(lines, next(
                i for i, ln in enumerate(lines) if ln.end >= main_theme.span.end))
            head_end = max(head_end, main_theme.span.end)

    found_number = find_session_number(text, head_end)
    if found_number is None:
        raise ParseError(
            "no session number: expected 'Session N', 'Nth session' or 'the eighth session' in "
            f"the heading (lines 1-{line_no(text, head_end)})", line=1)
    number, number_span = found_number
    number_line = line_no(text, number_span.start)

    found_dates = find_dates(text, 0, head_end)
    if found_dates is None:
        raise ParseError(
            f"session {number}: no dates (e.g. '27-31 March 2006', '4 to 8 April 2011') in the "
            f"heading (lines 1-{line_no(text, head_end)})", line=number_line)
    start, end, dates_span = found_dates

    if main_theme is None:
        raise ParseError(f"session {number}: no main theme ('Main theme: ...' line or a "
                         "sentence 'Its theme was ...') in the heading", line=number_line)
    if not main_theme.text:
        raise ParseError(f"session {number}: the main theme is empty",
                         line=lines[theme_i].no if theme_i is not None else number_line)

    res_i = next((i for i, h in enumerate(headings) if h == "resolution"
                  and (table_i is None or i > table_i)), None)
    if body_from is None:
        body_from = len(lines)
    body_to = res_i if res_i is not None else len(lines)
    warnings: list[str] = []
    body = read_table(text, lines, headings, body_from, body_to, warnings)

    resolution = None
    if res_i is not None:
        resolution = parse_resolution(text, lines[res_i + 1:], lines[res_i], warnings)
        if not resolution.paragraphs:
            warnings.append(f"line {lines[res_i].no}: resolution without operative paragraphs")

    if not body.recommendations and not (resolution and resolution.paragraphs):
        at = lines[body_from].no if body_from < len(lines) else len(lines)
        raise ParseError(f"session {number}: no recommendations found (expected a table "
                         "'Subtopics <TAB> Major Recommendations/Conclusions', subtopic "
                         "headings followed by paragraphs, or sentences 'X should ...')", line=at)

    return SessionDocument(
        number=number,
        number_span=number_span,
        start=start,
        end=end,
        dates_span=dates_span,
        main_theme=main_theme,
        subtopics=body.subtopics,
        amr_theme=body.amr_theme,
        recommendations=body.recommendations,
        resolution=resolution,
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------------------------
# Any page about a session


_TAB_TABLE = re.compile(r"^[^\n]*\t[^\n]*(?:Major\s+)?Recommendations?|^\s*Sub-?topics?\t",
                        re.I | re.M)


def _from_table_layout(text: str) -> SessionDocument | None:
    """The seed corpus's layout (a tabbed "Subtopics | Major Recommendations/Conclusions"
    table, then a resolution) has a reader of its own; None for other layouts."""
    if not _TAB_TABLE.search(text):
        return None
    try:
        return _parse_table_layout(text)
    except ParseError:
        return None


def _recommendation(order: int, text: str, found: Found, line: int) -> Recommendation:
    return Recommendation(
        order=order, text=clean(found.span.of(text)), span=found.span, modality=found.modality,
        addressees=tuple(a.name for a in found.addressees), subtopic=found.subtopic,
        amr=found.part == "amr",
        kind=found.kind if found.kind != "resolution" else "recommendation",
        addressee_phrase=_phrase(text, found),
        addressee_span=cover([a.span for a in found.addressees]) if found.addressees else None,
        from_lead_in=found.from_lead_in, pieces=(found.span,), line=line)


def _phrase(text: str, found: Found) -> str:
    """The addressees as the text writes them ("donors and the IT companies")."""
    if not found.addressees:
        return ""
    return clean(cover([a.span for a in found.addressees]).of(text))


def _paragraph(order: int, text: str, found: Found, line: int) -> ResolutionParagraph:
    return ResolutionParagraph(
        order=order, text=clean(found.span.of(text)), span=found.span, modality=found.modality,
        addressees=tuple(a.name for a in found.addressees),
        addressee_phrase=_phrase(text, found),
        addressee_span=cover([a.span for a in found.addressees]) if found.addressees else None,
        from_lead_in=found.from_lead_in, line=line)


def _resolution(text: str, page: ReadPage) -> Resolution | None:
    found = [f for f in page.found if f.part == "resolution"]
    if page.resolution_heading is None or not found:
        return None
    heading = page.resolution_heading
    return Resolution(clean(heading.of(text)), heading,
                      tuple(_paragraph(i, text, f, line_no(text, f.span.start))
                            for i, f in enumerate(found, start=1)))


def _normalised(doc: SessionDocument) -> SessionDocument:
    """The table reader's modality words as the rule book's lemmas ("need to" -> should)."""
    recs = tuple(replace(r, modality=modality_of(r.modality)) for r in doc.recommendations)
    res = doc.resolution
    if res is not None:
        res = replace(res, paragraphs=tuple(replace(p, modality=modality_of(p.modality))
                                            for p in res.paragraphs))
    return replace(doc, recommendations=recs, resolution=res)


#: A sentence a person speaks in: "She stressed ...", "On this point, he urged ...".
_PERSON_SAYS = re.compile(r"(?:[^.\n]{0,60}?,[ ]+)?(?:[Hh]e|[Ss]he)[ ]")


def _others_named(text: str, members: tuple[BureauMember, ...]) -> tuple[Person, ...]:
    """The people the page names who are not among its members and speakers (one person
    written twice, "Ms Helen Carrow" and "Helen Carrow", is one)."""
    known = {person_key(m.name) for m in members}
    surnames = {person_key(m.name.split()[-1]) for m in members if m.name.split()}
    return tuple(p for p in people_named(text, Gazetteer.bundled())
                 if person_key(p.name) not in known
                 and not (" " not in p.name and person_key(p.name) in surnames))


def parse(text: str) -> SessionDocument:
    """What a page says about a CEPA session: each part read on its own (`session_fields`,
    `session_recommendations`), missing parts left empty. Raises ParseError only for a page
    with nothing of a session in it."""
    number_found = session_number(text)
    number = number_found[0] if number_found else None
    dated = document_date(text)
    dates = session_dates(text, number, dated=dated.date if dated is not None else None)
    year_only = False
    if number is None and dates is not None and dates.start.year >= 2002:
        number, year_only = dates.start.year - 2001, True  # one session a year since 2002
    places = session_place(text, dates)
    theme = main_theme(text)
    listed = bureau(text)
    named = {p.name for p in listed}
    people = tuple(BureauMember(p.name, p.span, p.role, p.honorific, p.country, p.post)
                   for p in (*listed, *(m for m in members(text, Gazetteer.bundled())
                                        if m.name not in named)))
    others = _others_named(text, people)
    table = _from_table_layout(text)
    if table is not None:
        doc = _normalised(table)
        return replace(doc, places=places, bureau=people, named=others,
                       main_theme=doc.main_theme or theme, dated=dated)
    if not text.strip():
        raise ParseError("empty document: nothing to read", line=1)
    page = read_recommendations(text, IsActor(Gazetteer.bundled()))
    subtopics = tuple(page.subtopics) or agenda_items(text)
    # (a word alone is a heading, "Note" on a report's symbols; "On this point, she stressed
    # the need to ..." is a participant's remark: neither is the Committee's recommendation)
    recs = tuple(_recommendation(i, text, f, line_no(text, f.span.start))
                 for i, f in enumerate((f for f in page.found if f.part != "resolution"
                                        and len(f.span.of(text).split()) >= 3
                                        and not _PERSON_SAYS.match(text, f.span.start)),
                                       start=1))
    resolution = _resolution(text, page)
    if number is None and theme is None and not recs and resolution is None and dates is None \
            and not people and not subtopics and not others:
        # (a page about the Committee's members, the people it heard or the items it takes
        # up may name no session: read, its facts kept with the document)
        raise ParseError("nothing about a session: no number, dates, theme, recommendations, "
                         "members, people or agenda items", line=1)
    warnings = []
    if number is None:
        warnings.append("no session number: the page's facts are kept with the document only")
    return SessionDocument(
        number=number,
        number_span=number_found[1] if number_found else (dates.span if dates else None),
        start=dates.start if dates else None,
        end=None if dates is None or opening_day_only(text, dates) else dates.last,
        dates_span=dates.span if dates else None,
        main_theme=theme,
        subtopics=subtopics,
        amr_theme=page.amr_theme,
        recommendations=recs,
        resolution=resolution,
        warnings=tuple(warnings),
        places=places,
        bureau=people,
        year_only=year_only,
        dated=dated,
        named=others,
    )
