"""Which family a page belongs to, by its content whatever the series title, the site's
wrapping or a cut-off end (`loaders/layouts/*.md`): weighted signs per family, the sure ones
at the top of the page (a series title, a project record's fields), the others anywhere in
its first 8,000 characters. Layout as data: the signs are the tables below.

The signs are written as Python patterns but searched all at once by RE2 (`signs_found`): one
pass over the page's top and one over its head instead of ~30 backtracking scans, 0.2-1 ms a
page instead of 4-5 (bench/bench_detection.py: 5-20x)."""

from __future__ import annotations

import re
from functools import lru_cache

import re2

from cepa_kg.loaders.page_lines import is_chrome

__all__ = ["project_score", "session_score", "update_score", "signs_found"]

_HEAD = 8000  # (20,000 cost 3 ms a page more and changed no fixture's family)
_TOP = 1500

_Sign = tuple[re.Pattern[str], float]


def _score(text: str, top: tuple[_Sign, ...], anywhere: tuple[_Sign, ...],
           against: tuple[_Sign, ...]) -> float:
    in_first, in_head = signs_found(text)
    score = sum(w for p, w in top if p.pattern in in_first)
    score += sum(w for p, w in anywhere if p.pattern in in_head)
    score -= sum(w for p, w in against if p.pattern in in_first)
    return round(max(0.0, min(1.0, score)), 3)


def _found(pattern: re.Pattern[str], where: str, text: str) -> bool:
    """`pattern` matches in the page's `where` ("first" or "head"), from the one RE2 pass."""
    return pattern.pattern in signs_found(text)[0 if where == "first" else 1]


# -- sessions ----------------------------------------------------------------------------------

_ORDINAL = (r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
            r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
            r"seventeenth|eighteenth|nineteenth|twentieth|twenty[-\s]\w+)")
#: (its names in other languages: `session._OTHER_COMMITTEE`, read where no English sign is)
#: (pages also call it the Committee of Experts "in", "of" or "for" Public Administration)
_COMMITTEE = re.compile(r"Committee\s+of\s+Experts\s+(?:on|in|of|for)\s+Public\s+Administration|"
                        r"\bCEPA\b", re.I)
#: A page about the Committee's members: who was elected to its bureau, named or appointed to
#: it, who chairs it, its list of current members, its 24 seats.
_MEMBERSHIP = re.compile(
    r"\b(?:re-?)?(?:elected|named|appointed|nominated|chosen|sworn\s+in)\b[^.\n]{0,120}?\b(?:members?|"
    r"Chair(?:person|man|woman)?|Vice[- ]Chair(?:person|man|woman)?|Rapporteur|Vice[- ]President|"
    r"VP|President)\s+of\s+(?:the\s+)?(?:(?:first|second|third|new)\s+)?(?:UN\s+|United\s+Nations\s+"
    r"(?:\(UN\)\s+)?|U\.N\.\s+)?(?:Committee|CEPA|expert|committee)|(?:Committee|CEPA)\b[^.\n]{0,80}?\b(?:is|was)"
    r"\s+chaired\s+by\b|\bseat\s+on\s+the\b[^.\n]{0,40}?(?:Committee|CEPA)|\bsat\s+on\s+the\s+committee|"
    r"\bnomination\s+of\s+\d{1,2}\s+experts|^[^\S\n]*Current\s+members[^\S\n]*$|\b24[- ]member\b|"
    # a list of its members under its heading ("Members of the Committee of Experts ...")
    r"^[^\S\n]*(?:Current\s+)?Members(?:hip)?\s+of\s+the\s+(?:UN\s+|United\s+Nations\s+)?"
    r"(?:Committee|CEPA)\b|"
    r"\b24\s+(?:experts|members|membres|miembros)\b", re.I | re.M)
_SUMMARY = re.compile(rf"^[^\n]*\b(?:Session\s+\d{{1,2}}|{_ORDINAL}\s+session)\b[^\n]*\n"
                      r"(?:[^\n]*\n){0,6}?\s*Main\s+theme\s*:", re.I | re.M)
SESSION_TOP: tuple[_Sign, ...] = (
    (re.compile(rf"\b{_ORDINAL}[\s-]+session\b|\bsession\s+\d{{1,2}}\b|\bCEPA\s+(?:19|20)\d\d\b|"
                # the year's session named by its year ("The 2013 United Nations Committee of
                # Experts on Public Administration (UN-CEPA) gathered")
                r"\b(?:19|20)\d\d\s+(?:UN\s+|United\s+Nations\s+)?(?:Committee\s+of\s+Experts\s+on\s+"
                r"Public\s+Administration|CEPA)\b", re.I), 0.25),
)
SESSION_ANYWHERE: tuple[_Sign, ...] = (
    (re.compile(rf"\b(?:held|hold|holds|will\s+hold|convened?)\s+its\s+{_ORDINAL}\s+session|"
                r"session\s+of\s+the\s+(?:UN\s+|United\s+Nations\s+)?Committee\s+of\s+Experts|"
                r"\bCEPA\)?\s+(?:meetings?|sessions?)|\b(?:19|20)\d\d\s+CEPA\s+meeting|"
                r"Committee\s+of\s+Experts\s+on\s+Public\s+Administration\s*(?:\(CEPA\)\s*)?"
                r"(?:will|was|is|held|met)\b|"
                # "at their most recent meeting, which took place at the UN Headquarters"
                r"\b(?:their|its)\s+(?:most\s+recent|latest|last|annual)\s+(?:meeting|session),?"
                r"\s+(?:which\s+)?(?:took\s+place|was\s+held|held)\b", re.I), 0.3),
    (re.compile(r"\b(?:its|the)\s+(?:main\s+|overall\s+)?theme\s+(?:of\s+the\s+session\s+)?"
                r"(?:was|is|will\s+be)\b|^\s*Main\s+theme\s*:|main\s+(?:subject|item)\s+of\s+"
                r"discussion|under\s+the\s+(?:overall\s+)?theme|take\s+up\s+the\s+theme",
                re.I | re.M), 0.15),
    (re.compile(r"Summary\s+of\s+Resolutions|Major\s+Recommendations|Recommendations\s*/\s*"
                r"Conclusions|CEPA\s+Bureau|^\s*Sub-?topics?\b|conclusions\s+and\s+"
                r"recommendations\s+of\s+the\s+\w+\s+session|substantive\s+(?:items|issues)",
                re.I | re.M), 0.25),
    (re.compile(r"\bE/(?:20\d\d)/44\b|\bE/C\.16/"), 0.2),
    (_MEMBERSHIP, 0.3),
    (re.compile(r"\b(?:Member\s+States|The\s+Secretariat|Governments)\s+(?:should|needs?\s+to)"
                r"\b|\bThe\s+Committee\s+(?:also\s+)?(?:urges|recommends|requests|encourages|"
                r"stressed|emphasized|recommended)\b", re.I), 0.1),
)
SESSION_AGAINST: tuple[_Sign, ...] = (
    (re.compile(r"Monthly\s+(?:Update|Bulletin|Briefing)|Newsletter|Quarterly", re.I), 0.5),
    (re.compile(r"Development\s+Account\s+Projects?|Project\s+Code|Project\s+Info|"
                r"Expected\s+accomplishments?|Implementing\s+Entit", re.I), 0.5),
)


#: Someone goes to a session ("UNPOG travelled to New York to attend the 18th session of the
#: Committee", "took part in the 20th session of CEPA"): a post about attending it, the report
#: of a visitor's work, not a page of the session.
_ATTENDS_SESSION = re.compile(rf"\b(?:to\s+attend|attended|took\s+part\s+in|participated\s+in)\s+"
                              rf"the\s+{_ORDINAL}[\s-]+session\s+of\s+(?:the\s+)?(?:UN\s+|United\s+"
                              r"Nations\s+)?(?:Committee\s+of\s+Experts|CEPA)\b", re.I)


#: An event word used as a verb at a heading's start ("Meeting the tests of ...", "Training
#: our civil servants").
_GERUND = re.compile(r"^\s*(?:Meeting|Training|Visiting)\s+(?:the|a|an|its|our|their|this|these|"
                     r"new|global|local)\b")
_NOT_OTHER_MEETING = re.compile(r"\bsession\b|\bCEPA\b|Committee\s+of\s+Experts", re.I)


@lru_cache(maxsize=4)  # the session and update scores both ask, of the same page
def heading_names_other_event(text: str) -> bool:
    """The page's heading names a meeting that is no CEPA session ("Expert Group Meeting on
    Citizen Engagement ...", "6th Asia-Pacific Forum on ..."): an event page of the division's
    work, whatever the Committee it mentions below."""
    for line in text[:_TOP].split("\n")[:12]:
        words = line.split()
        if len(words) < 3 or is_chrome(line):
            continue
        line = _GERUND.sub("", line)  # ("Meeting the governance tests of ...": a verb)
        return bool(_EVENT.search(line)) and not _NOT_OTHER_MEETING.search(line) and \
            not line.rstrip().endswith(".") and len(words) <= 30
    return False


def attends_session(text: str) -> bool:
    """An office of the division goes to a session of the Committee: the page reports its
    visit (a UNPOG board post), and is an update."""
    return _found(_ATTENDS_SESSION, "head", text) and _found(_DIVISION, "head", text)


def session_score(text: str) -> float:
    """A page about a CEPA session: summary and report pages, announcements, calls for input,
    event pages, press notes. None without the Committee named; less where the page's heading
    names another meeting."""
    score = _score(text, SESSION_TOP, SESSION_ANYWHERE, SESSION_AGAINST)
    if heading_names_other_event(text) or attends_session(text):
        score = max(0.0, score - 0.3)
    if _found(_COMMITTEE, "head", text):
        if score == 0 and _found(_COMMITTEE, "first", text) and \
                not any(_found(p, "first", text) for p, _ in SESSION_AGAINST):
            # a page headed by the Committee's work (its input to the HLPF, its principles)
            # with no sign of a session: the Committee's, read with what a session page gives
            return 0.25
        return round(min(1.0, score + 0.25), 3) if score > 0 else 0.0
    # a summary that names neither ("Session 8 ... Main theme: ... Subtopics")
    return score if _found(_SUMMARY, "first", text) else 0.0


# -- the division's work: updates, bulletins, briefings, newsletters, news --------------------

#: A word that names an event (a meeting, a visit, a mission ...).
_EVENT = re.compile(r"\b(?:workshop|seminar|symposium|forum|conference|training|course|meeting|"
                    r"expert\s+group|study\s+(?:tour|visit)|visit(?:ed|s)?|delegation|mission|"
                    r"ceremony|webinar|consultation|roundtable|dialogue|"
                    # ("A virtual event will bring together ...", "a side event at the Forum")
                    r"(?:virtual|online|hybrid|side|special|high-level|launch)\s+event)s?\b", re.I)
#: A project record's field label ("Lead Division:", "Funding Source:", "Focus Countries:"):
#: a sign for projects, and against news.
_RECORD_FIELD = re.compile(
    r"^[^\S\n]*(?:Lead\s+(?:Division|Entit(?:y|ies)|Agency|Department|Office)|Implementing\s+"
    r"(?:Division|Entit(?:y|ies)|Agenc(?:y|ies)|Office|Partners?)|Executing\s+(?:Agency|Entity)|"
    r"Funding\s+Source|Source\s+of\s+(?:Funding|Funds)|Funded\s+by|Project\s+(?:Period|"
    r"Duration|Budget)|(?:Beneficiary|Focus|Target|Pilot)\s+Countries|"
    # (the same records' other fields: "Time Frame: 2019-2022", "Donor: ...", "Total Budget:")
    r"Time\s+Frame|Timeline|Duration|Donors?|(?:Total\s+|Approved\s+|Proposed\s+)?Budget)"
    r"\s*:", re.I | re.M)
#: The division's own yearly events, which name no office of it (the UN Public Service Forum,
#: Day and Awards are DPADM's; an event page of theirs names only the host country): a sign at
#: the page's top only (a session's recommendations name the Awards below).
_DIVISION_EVENTS = (r"(?:United\s+Nations|UN)\s+Public\s+Service\s+(?:Forum|Day|Awards?)|\bUNPSA\b|"
                    r"\bUNPSF\b|"  # ("Kazakhstan to host 19th UN Public Service Forum")
                    # the division's Global Forums on Reinventing Government (1999-2007)
                    r"Global\s+Forums?\s+on\s+(?:[\w-]+\s+){0,2}?Government\b|"
                    # and its survey of e-government (since 2001)
                    r"\be-?Government\s+(?:Survey|Development\s+Index)|\bE-?Government\s+Survey\b")
#: The head of the department, named by post ("Under-Secretary-General of the United Nations for
#: Economic and Social Affairs"): news of the department's work.
_DESA_HEAD = (r"Under-Secretary-General\s+(?:of\s+the\s+United\s+Nations\s+)?for\s+Economic\s+"
              r"and\s+Social\s+Affairs")
#: A speech's salutations at the top of a page, glued or not ("Excellency, Mr. A,", "Your
#: Excellencies,", "Distinguished Guests,Colleagues,", "Ladies and Gentlemen,").
_SALUTATION = re.compile(r"^[^\S\n]*(?:Your\s+)?Excellenc(?:y|ies)\s*,|Distinguished\s+(?:Guests|"
                         r"Delegates|Participants|Colleagues)\s*,|Ladies\s+and\s+Gentlemen\s*,",
                         re.M)
UPDATE_TOP: tuple[_Sign, ...] = (
    (re.compile(r"Monthly\s+(?:Update|Bulletin|Briefing)|Newsletter|Public\s+Governance\s+"
                r"Quarterly|News\s*(?:&|and)\s*(?:Notices|Events)|Bilateral\s+Meetings|"
                r"In-House\s+Seminars|^[^\S\n]*Capacity\s+(?:development|building)[^\S\n]*$|"
                # a newsletter's issue line ("Volume 15, Issue I March 2016")
                r"^[^\S\n]*Vol(?:ume|\.)[^\S\n]*\d{1,3}[^\S\n]*,?[^\S\n]*(?:Issue|No\.?|Number)"
                r"[^\S\n]*(?:[IVX]{1,5}|\d{1,3})\b",
                re.I | re.M), 0.5),  # (a news section's heading on a line of its own)
    (re.compile(r"\b(?:DPADM|DPIDG|UNPOG|UN\s*-?\s*DESA|UNDESA|DESA|UNU-EGOV)\b|Division\s+for\s+Public\s+"
                r"(?:Administration|Institutions)|Project\s+Office\s+on\s+Governance|Operating\s+"
                r"Unit\s+on\s+Policy-Driven\s+Electronic\s+Governance|" + _DESA_HEAD + "|"
                + _DIVISION_EVENTS), 0.15),
    # a page headed by one of the division's own yearly events or its survey reports on it,
    # whether or not it tells of a meeting (the Day's explainer, the Awards' call, the
    # Survey's release)
    (re.compile(_DIVISION_EVENTS, re.I), 0.1),
    # a speech's salutations opening the page ("Excellency, Mr. A,Ambassador Ms. B,...
    # Distinguished Guests,Colleagues,"): a statement, read as the report of its occasion
    (_SALUTATION, 0.2),
)
UPDATE_ANYWHERE: tuple[_Sign, ...] = (
    (_EVENT, 0.2),
    (re.compile(r"\b(?:organi[sz]ed|co-organi[sz]ed|hosted|convened)\s+(?:by|jointly)|\bin\s+"
                r"(?:collaboration|partnership|cooperation)\s+with\b|\battended\s+by\b|"
                r"\btook\s+part\b|\bparticipated\s+in\b|\bsigned\s+(?:a|an|the)\b|"
                # ("by signing a memorandum", "The memorandum was signed by")
                r"\bsigning\s+(?:of\s+)?(?:a|an|the)\b|\b(?:was|were)\s+signed\s+by\b|"
                # an event page's host ("will co-sponsor and host the event")
                r"\bco-?sponsor(?:s|ed)?\s+and\s+host\b|\bwill\s+(?:co-?sponsor|host)\s+(?:and\s+\w+\s+)?"
                r"(?:the|this)\b|"
                # "will be held with the collaboration of UNDESA"; a call on someone ("has met
                # with the Under-Secretary-General")
                r"\bwith\s+the\s+(?:collaboration|cooperation|participation|partnership)\s+of\b|"
                r"\b(?:has|have|had)\s+met\s+with\b", re.I), 0.2),
    # an event page's section headings ("Organizers and Partners", "Capacity Building Workshops")
    (re.compile(r"^[^\S\n]*(?:Organi[sz]ers\s+and\s+Partners|Co-?organi[sz]ers|Capacity\s+Building\s+"
                r"Workshops|Plenary\s+Sessions)[^\S\n]*$", re.I | re.M), 0.15),
    # a signing, an agreement, a cooperation agreed or asked for ("agreed to cooperate on",
    # "renewed their partnership agreement", "requested the support of UN DESA")
    (re.compile(r"\bmemorand(?:um|a)\s+of\s+understanding\b|\bMoUs?\b|\bletters?\s+of\s+intent\b|"
                r"\b(?:agreements?|joint\s+programmes?)\b[^.\n]{0,120}\b(?:signed|concluded|"
                r"renewed|reached|extended)\b|\b(?:signed|concluded|renewed|reached|extended|launched)"
                r"\s+(?:a|an|the|their|its)\s+(?:[\w-]+\s+){0,3}?(?:agreement|programme|partnership)\b|"
                r"\bagreed\s+to\s+(?:cooperate|collaborate|work\s+together|partner|strengthen)\b|"
                r"\brequested\s+the\s+(?:support|assistance|help|cooperation)\s+of\b", re.I), 0.15),
    (re.compile(r"\bheld\s+(?:in|on|at|from)\b|\btook\s+place\b|\bwill\s+be\s+held\b", re.I), 0.1),
    # the release of the division's survey: news of its work ("The United Nations has released
    # its 2010 e-Government survey", "the launch of the 2024 UN E-Government Survey")
    (re.compile(r"\b(?:released?|releases|launch(?:ed|es)?|presented|unveiled|publish(?:ed|es))\s+"
                r"(?:of\s+)?(?:the\s+|its\s+)?(?:new\s+|latest\s+)?(?:(?:19|20)\d\d\s+)?(?:UN\s+|United\s+"
                r"Nations\s+)?e-?Government\s+Survey|"
                # (the release told the other way round: "the 2024 edition of the United
                # Nations E-Government Survey ..., launched by the United Nations today")
                r"\be-?Government\s+Survey\b[^.\n]{0,160}?\b(?:launched|released|published|"
                r"unveiled)\s+(?:by|today|on|in)\b|"
                # ("Released in 2024, this thirteenth edition of the ... E-Government Survey";
                # the survey's edition as a heading of its own: "UN E-Government Survey 2024")
                r"\b(?:Released|Launched|Published)\s+in\s+(?:19|20)\d\d,\s+(?:this|the)\s+[^.\n]{0,80}?"
                r"e-?Government\s+Survey|^[^\S\n]*(?:UN\s+|United\s+Nations\s+)?e-?Government\s+Survey"
                r"\s+(?:19|20)\d\d[^\S\n]*$", re.I | re.M), 0.35),
)
UPDATE_AGAINST: tuple[_Sign, ...] = (
    (re.compile(r"Project\s+Code|Project\s+Info|Development\s+Account\s+Projects|Expected\s+"
                r"accomplishments?|Implementing\s+Entit|Tranche\b", re.I), 0.5),
    (_RECORD_FIELD, 0.25),  # a project record's field lines: not a news page's
    (re.compile(r"Summary\s+of\s+Resolutions|CEPA\s+Bureau|Major\s+Recommendations", re.I), 0.4),
)


#: The division, its department and its offices; and the UN's e-governance unit whose news
#: reports the same work (UNU-EGOV).
_DIVISION = re.compile(r"\b(?:DPADM|DPIDG|UNPOG|UN\s*-?\s*DESA|DESA|UNDESA|UNU-EGOV)\b|Division\s+for\s+"
                       r"Public\s+(?:Administration|Institutions)|Department\s+of\s+Economic\s+and\s+"
                       r"Social\s+Affairs|Project\s+Office\s+on\s+Governance|"
                       # (its series of Global Forums: a release about one reports its work)
                       r"Global\s+Forums?\s+on\s+(?:[\w-]+\s+){0,2}?Government\b", re.I)
_EVENT_PY = re.compile(_EVENT.pattern, re.I)  # (the same, for `_only_false_events`)
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+(?:January|February|March|"
                  r"April|May|June|July|August|September|October|November|December)\b|"
                  r"\b(?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December)\s+\d{1,2}\b")


_MONTHLY = re.compile(r"Monthly\s+(?:Update|Bulletin|Briefing)", re.I)
#: The division's own names, its department's, its offices', its Committee's, the Account's and
#: its flagship products' (the e-Government Survey, the Public Service Awards, Forum and Day):
#: a page that names one of them is about the work this graph records.
_OURS = re.compile(
    r"\b(?:DPADM|DPIDG|DPEPA|UNPOG|UNPAN|UN\s*-?\s*DESA|DESA|UNDESA|UNU-EGOV|CEPA|UNPSA)\b|"
    r"Division\s+for\s+Public\s+(?:Administration|Institutions|Economics)|Department\s+(?:of|for)\s+"
    r"Economic\s+and\s+Social\s+Affairs|Economic\s+and\s+Social\s+Affairs\b|Project\s+Office\s+on\s+"
    r"Governance|Development\s+Account|Committee\s+of\s+Experts\s+(?:on|in|of|for)\s+Public\s+"
    r"Administration|"
    # (the department's office for financing for development, whose projects the Account funds)
    r"Financing\s+for\s+(?:Sustainable\s+)?Development\s+Office|\bF[fS]DO\b|"
    # (and its Assistant Secretaries-General, who open the division's webinars)
    r"Assistant\s+Secretary[- ]General\s+for\s+(?:Policy\s+Coordination\s+and\s+Inter-?Agency\s+"
    r"Affairs|Economic\s+Development)|"
    r"\be-?Government\s+(?:Development\s+Index|Survey)|Public\s+Service\s+(?:Awards?|Forum|Day)|"
    # (the Awards told the other way round: "one of the respected United Nations awards for
    # public service delivery")
    r"\b(?:UN|United\s+Nations)\s+awards?\s+for\s+public\s+service\b",
    re.I)


#: The other entities that carry out the Account's projects: the regional commissions, UNCTAD,
#: UNEP, UN-Habitat, UNODC (a page about one of their projects is a project page of the
#: Account's kind even when it names neither the Account nor the Department).
_ACCOUNT_ENTITIES = re.compile(
    r"\b(?:ECA|UNECA|ECE|UNECE|ECLAC|CEPAL|ESCAP|ESCWA|UNCTAD|UNEP|UN-Habitat|UNODC)\b|"
    # and the UN system's funds, programmes and agencies that carry out or join them
    r"\b(?:UNDP|UNICEF|UNFPA|UN\s+Women|UN-Women|ILO|UNESCO|FAO|WHO|UNITAR|UNCDF|ITU|UNOPS|UNIDO|"
    r"IFAD|UNHCR|OHCHR|UNU|UNSD|UN-OHRLLS|OHRLLS)\b|United\s+Nations\s+(?:Development\s+Programme|"
    r"Children[’']s\s+Fund|Population\s+Fund|Capital\s+Development\s+Fund|Institute\s+for\s+"
    r"Training)|"
    r"Economic\s+Commission\s+for\s+(?:Africa|Europe|Latin\s+America)|Economic\s+and\s+Social\s+"
    r"Commission\s+for\s+(?:Asia|Western\s+Asia|West\s+Asia)|United\s+Nations\s+(?:Conference\s+"
    r"on\s+Trade|Environment\s+Programme|Human\s+Settlements?\s+Programme|Office\s+on\s+Drugs)")


def names_an_account_entity(text: str) -> bool:
    """The page names one of the Account's other implementing entities near its top."""
    return _found(_ACCOUNT_ENTITIES, "head", text)


def names_our_work(text: str) -> bool:
    """The page names the division, its department, offices, Committee, the Development
    Account or the division's flagship products near its top."""
    return _found(_OURS, "head", text)


#: A family's score a page needs to be one of the family's...
MIN_SCORE = 0.5
#: ...a project page's: two of its signs (its objective and the word "project" twice, a
#: record's field and a code) where they outnumber the update's (`fits_family`). Project
#: pages of other bodies that name neither the division nor an entity of the Account score
#: 0.40-0.45 (an IGF record, a handbook "prepared as part of a project implemented jointly
#: by ..."); no page of another family or of none scores more
#: than 0.15 there (`tests/data/not-ours`), nor any page of ours that fits no family.
PROJECT_MIN_SCORE = 0.4
#: ...and on a page that names the division's work (`names_our_work`: its department,
#: offices, Committee, the Account), only some signs of its family.
NAMED_MIN_SCORE = 0.15


#: A page of no family by the thresholds above, with this much of the update's signs (an
#: event, its day and who held it) and the United Nations named near its top, is the
#: division's news told by a partner's site: "co-organized with the United Nations", "the UN
#: welcomed participants to the forum" (`registry.ranked`, only when nothing else fits).
UN_NEWS_MIN_SCORE = 0.4
_UNITED_NATIONS = re.compile(r"\bUnited\s+Nations\b|\bUN\b")


def names_the_un(text: str) -> bool:
    """The page names the United Nations near its top."""
    return _UNITED_NATIONS.search(text, 0, _HEAD) is not None


def fits_family(score: float, text: str, *, project: bool = False, rival: float = 0.0) -> bool:
    """Whether a page with this family score is one of the family's: a project of the
    Account's other implementing entities (a regional commission, UNCTAD ...) is as much one
    of ours as one that names the Department (`project`: the family is the Account's). A
    project page needs only two of its signs where it speaks of its project more than of an
    event (`rival`: the page's update score): a training "within the project" of a body we
    do not know is no project page."""
    enough = score >= MIN_SCORE or (project and score >= PROJECT_MIN_SCORE and score > rival)
    return enough or (score >= NAMED_MIN_SCORE and (
        names_our_work(text) or (project and names_an_account_entity(text))))


#: An event word that names no event: in a body's name ("Institute for Training and
#: Research", "Permanent Mission"), a post ("Head of Delegation"), a site's "visit this
#: website", an organisation's "principal mission". (Python's `re`: RE2, which finds the
#: signs, has no look-behind.)
_NOT_AN_EVENT = re.compile(r"(?:\bfor\s+|Permanent\s+|principal\s+|Head\s+of\s+)(?:Training|"
                           r"Mission|Delegation|mission|training)\b|\bvisit\s+(?:this|our|the)\s+"
                           r"(?:web\s?site|page|portal)\b", re.I)


_NOT_AN_EVENT_WORDS = ("for training", "permanent mission", "principal mission",
                       "head of delegation", "visit this", "visit our", "visit the web",
                       "visit the page", "visit the portal")


def _only_false_events(text: str) -> bool:
    """Every event word near the top of the page is one of `_NOT_AN_EVENT`'s."""
    head = text[:_HEAD]
    lowered = head.lower()
    if not any(word in lowered for word in _NOT_AN_EVENT_WORDS):
        return False  # (most pages: no such phrase, no scan)
    false = {m.start() + len(m.group(0)) - len(m.group(0).split()[-1])
             for m in _NOT_AN_EVENT.finditer(head)}
    if not false:
        return False
    return all(m.start() in false or _NOT_AN_EVENT.match(head, max(0, m.start() - 6))
               or m.group(0).lower().startswith("visit") and _NOT_AN_EVENT.match(head, m.start())
               for m in _EVENT_PY.finditer(head))


def update_score(text: str) -> float:
    """A report of the division's work: monthly updates, bulletins and briefings, newsletters,
    news items and event pages about seminars, workshops, meetings, visits, awards and
    partnerships. A page that names the division and reports an event on a day is one."""
    score = _score(text, UPDATE_TOP, UPDATE_ANYWHERE, UPDATE_AGAINST)
    event = _found(_EVENT, "head", text)
    if event and score < 0.75 and _only_false_events(text):
        score = max(0.0, score - 0.2)  # (its one event sign was a name's word)
        event = False
    # (the Committee named below a heading that names another meeting is background)
    about_committee = _found(_COMMITTEE, "head", text) and not heading_names_other_event(text) \
        and not attends_session(text)
    if _found(_DIVISION, "head", text) and event and \
            _found(_DAY, "head", text) and \
            not about_committee:  # (a page about the Committee is about its session)
        score = min(1.0, score + 0.25)
    if about_committee and _found(SESSION_ANYWHERE[0][0], "head", text) and \
            not _found(_MONTHLY, "first", text):
        score = max(0.0, score - 0.25)  # a news page that says the Committee held a session
    return round(score, 3)


# -- Development Account projects -------------------------------------------------------------

def _country_names() -> frozenset[str]:
    """Every country's names the loaders know (ISO names and the UN's)."""
    from cepa_kg.loaders.actors import country_entries  # (the gazetteer's own country names)
    return frozenset(n for e in country_entries() for n in (e.label, *e.names) if n not in e.exact)


_COUNTRY_NAMES = _country_names()
_CODE = (r"\b(?:\d{4}[A-Z]{1,2}|\d{2}/\d{2}[A-Z]{1,2}|\d{2}-\d{2}[A-Z]{1,2}|ROA[-\s]\d{2,3}(?:-\w+)?"
         r"|[A-Z]{3}/\d{2}/[A-Z0-9]{2,4})\b")
PROJECT_TOP: tuple[_Sign, ...] = (
    (re.compile(r"Development\s+Account|Project\s+(?:Code|Info)|Project\s+Search|"
                r"\bProjects\s*$|Past\s+Projects|Current\s+Projects|Executing\s+agency|"
                # the listing's heading in the UN's other languages (Chinese, Spanish, French,
                # Russian, Arabic): the site serves the same listing under each
                r"^\s*(?:当前项目|以往项目|项目|Proyectos(?:\s+actuales|\s+anteriores)?|"
                r"Projets(?:\s+en\s+cours|\s+passés)?|(?:Текущие\s+|Прошлые\s+)?[Пп]роекты|"
                r"المشاريع(?:\s+الحالية)?)\s*$", re.I | re.M),
     0.4),
    # a page of one country's projects ("Projects in Ghana")
    (re.compile(r"^[^\S\n]*Projects\s+(?:in|for)\s+[A-Z][\w’' ()-]{2,60}$", re.M), 0.3),
    # a page headed by a short name and the word ("ESCWA Project", "South Asia Project")
    (re.compile(r"^[^\S\n]*(?:[A-Z][\w’'().&-]*[^\S\n]+){1,5}Project[^\S\n]*$", re.M), 0.3),
    # a project page's own headings ("About the Project:", "Project Overview") and its title
    # field with the value on the next line ("Title: ")
    (re.compile(r"^[^\S\n]*(?:About\s+the\s+Project|Project\s+(?:Overview|Description|Summary|"
                r"Details)|What\s+is\s+the\s+project\s+about\??)[^\S\n]*:?[^\S\n]*$|"
                # a project's years and status on a line of their own ("2019 – 2023 Completed")
                r"^[^\S\n]*(?:19|20)\d\d[^\S\n]*[–-][^\S\n]*(?:19|20)\d\d[^\S\n]+(?:Completed|Ongoing|"
                r"On-going|Active|Closed)[^\S\n]*$|^[^\S\n]*Title[^\S\n]*:[^\S\n]*\n[^\S\n]*\S",
                re.I | re.M), 0.3),
    # the cover of a project's evaluation report ("External Evaluation of UNCTAD Project
    # Account-", "Final Evaluation of the Development Account Project ...", "Evaluation of the
    # project", "Evaluation Report of the Project", "Terminal evaluation of the UNEP UNDA
    # project:", "ASSESSMENT OF DEVELOPMENT ACCOUNT PROJECT 16/17 AD"), its terms of reference
    # ("TERMS OF REFERENCE, Project Evaluation") or a catalogue's item ("Evaluation Project E 311")
    (re.compile(r"\b(?:(?:External|Final|Mid-?term|Terminal|Independent)\s+)?(?:Evaluation|"
                r"Assessment|Evaluative\s+Review)(?:\s+Report)?\s+of\s+(?:the\s+)?(?:[\w-]+\s+)"
                r"{0,3}?Project\b|\bProject\s+Evaluation\b|^[^\S\n]*Evaluation\s+Project\b",
                re.I | re.M), 0.4),
    # a page that opens on a project it names by title: "the project entitled ...", "Dubbed
    # ‘<title>’, the project", "Entitled «<title>», this initiative", "undertook a project",
    # "launched a new project" (a meeting "within the framework of the project" is an event's)
    (re.compile(r"\b(?:project|programme|initiative)\s+(?:entitled|titled|called|dubbed|"
                r"intitul[ée]e?|denominad[oa]|titulad[oa])\b|"
                r"(?:^|[.!?]\s+)(?:Entitled|Dubbed|Intitulée?|Titled)\s+[«“\"‘']|"
                r"\b(?:undertook|launched|started|initiated)\s+(?:a|an)\s+(?:new\s+)?"
                r"(?:[\w-]+\s+){0,3}?project\b", re.M), 0.3),
    # the Account's own project pages head their title so ("Development Account Projects")
    (re.compile(r"^[^\S\n]*Development\s+Account\s+Projects[^\S\n]*$", re.M), 0.15),
    # a project page's or record's "Brief description" heading, alone on its line
    (re.compile(r"^[^\S\n]*Brief\s+description[^\S\n]*:?[^\S\n]*$", re.I | re.M), 0.25),
)
PROJECT_ANYWHERE: tuple[_Sign, ...] = (
    (re.compile(r"\bTranche\b|\btranche\b|Implementing\s+Entit|Beneficiary\s+countries|"
                r"^[^\S\n]*Countries\s+or\s+Areas\b|Cooperation\s+Partners|Executing\s+agency|"
                # a capacity-development catalogue's teaser fields ("Recipients: Ghana, Kenya")
                r"^\s*Recipients\s*:", re.I | re.M), 0.25),
    (re.compile(r"^\s*(?:Project\s+)?Objectives?\s*(?:/Purpose\s+of\s+Project)?\s*:|\bobjective\s+of\s+"
                r"(?:the|this)\s+project\b|\b(?:the|this)\s+(?:proposed\s+|present\s+)?project\s+"
                r"(?:aims|aimed|seeks|sought|will|helps|supports|builds|is\s+expected|is\s+designed|was\s+designed|"
                r"should\s+(?:result|lead))|"
                r"\b(?:overall\s+)?objective\s+is\s+to\b|^\s*\d?\s*OBJECTIVE\b|"
                r"\b(?:main|overall|primary)\s+(?:purpose|aim)\s+is\s+to\b", re.I | re.M), 0.25),
    # a project or programme page says who carries it out ("The Governance Capacity Programme
    # ... is implemented by the Division", "an EU funded project, implemented by DPIDG")
    # ("The project \"<its title>\" was executed by UNSD in 2002 to 2005")
    (re.compile(r"\b(?:project|programme|program)\b[^.\n]{0,200}?\b(?:is|was|are|were|being)?\s*"
                r"(?:implemented|executed|carried\s+out)\s+by\b", re.I), 0.25),
    # a project record's own field lines, as a catalogue or a country's page of projects gives
    # them under each title ("Lead Division: DESA/DSDG", "Funding Source: ...", "Status: Ongoing")
    (_RECORD_FIELD, 0.35),
    # a record's label on a line of its own, its value below ("IMPLEMENTING AGENCY")
    (re.compile(r"^[^\S\n]*(?:Implementing|Executing|Lead)\s+(?:Agenc(?:y|ies)|Entit(?:y|ies)/?"
                r"(?:ies)?)[^\S\n]*$", re.I | re.M), 0.25),
    (re.compile(r"^[^\S\n]*(?:Project\s+)?Status\s*:\s*(?:Active|Ongoing|On-going|Completed|"
                r"Closed)\b", re.I | re.M), 0.15),
    (re.compile(r"Expected\s+accomplishments?|Indicators\s+of\s+achievement|Main\s+activities|"
                r"Implementation\s+status|Main\s+Expectations|Key\s+Accomplishments|"
                r"Effects\s+and\s+Impact", re.I), 0.2),
    (re.compile(r"(?:Total\s+|Proposed\s+)?Budget\b|US\$|\bUSD\b|\$\s?\d", re.I), 0.1),
    (re.compile(_CODE), 0.1),
    # a list of titles as the division's projects are named ("Strengthening national
    # capacities for ...", "Enhancing ..."): two or more such lines, each on its own
    (re.compile(r"(?:^[^\S\n]*(?:[•*\-][^\S\n]*)?(?:Strengthening|Enhancing|Supporting|Building|"
                r"Improving|Promoting|Developing|Integrating|Mainstreaming|Advancing|Accelerating)"
                r"[^\S\n]+[^\n.]{20,250}$[\s\S]*?){2}", re.M), 0.15),
    # a paragraph that opens with the project as its subject ("The proposed project aims to
    # ...", "This project aims to strengthen ...", "The project should result in ..."): the
    # description of a catalogue's project, its teaser, a page of its own (a news item opens
    # with its event, not with a project)
    (re.compile(r"^[^\S\n]*(?:The|This)\s+(?:proposed\s+|present\s+|new\s+)?project\s+(?:aims|"
                r"seeks|intends|is\s+designed|should\s+(?:result|lead)|will\s+(?:support|strengthen|"
                r"help|build|enhance|boost|make|improve|assist))\b", re.M), 0.25),
)
PROJECT_ANYWHERE += (
    # the project's outcomes or purpose told in prose ("The first outcome of this UN-OHRLLS
    # led project ...", "The main purpose of this activity is the coordination of ...")
    (re.compile(r"\b(?:outcomes?|outputs?)\s+of\s+(?:the|this)\s+(?:[\w-]+\s+){0,3}?project\b|"
                r"\b(?:main|overall|primary)\s+(?:purpose|aim|objective)\s+of\s+(?:the|this)\s+"
                r"(?:activity|project|programme)\s+is\b|"
                # ("The project’s objective was to ...", "the objective of the present proposal")
                r"\b(?:project|programme)[’']s\s+(?:\w+\s+)?(?:objective|purpose|aim)\s+(?:is|was|"
                r"will\s+be)\b|\bobjective\s+of\s+the\s+(?:present|current|proposed)\s+"
                r"(?:project|proposal)\b", re.I), 0.25),
)
PROJECT_ANYWHERE += (
    # a project or initiative told of in prose by what it is part of or who carries it out
    # ("is a joint initiative of", "an initiative implemented by UN/DESA", "is part of the
    # ... project", "under the project", "the pilot countries of the project")
    (re.compile(r"\b(?:is|was)\s+(?:a|an)\s+(?:joint\s+)?(?:project|initiative)\s+of\b|"
                r"\b(?:project|initiative)\s+(?:implemented|launched|led|run)\s+by\b|"
                r"\binitiative\s+(?:that|which)\s+aims\s+to\b|"
                r"\bpart\s+of\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,6}?project\b|"
                r"\bunder\s+the\s+(?:[\w-]+\s+){0,4}?project\b|"
                r"\bpilot\s+countries\s+of\s+the\s+project\b", re.I), 0.25),
)
PROJECT_ANYWHERE += (
    # a project told of in prose as other organisations' pages tell it: named in quotation
    # marks ("The project “Supporting women’s participation ...” was designed to"), its
    # document signed, its objectives ("Its objectives were to:"), the part it forms of a
    # wider plan, a body implementing or developing it ("Implemented by the UNDP and the
    # Ministry, a new initiative", "UNCTAD developed a project to", "are implementing a joint
    # programme"), its own record fields ("Programme Title:") and contact line
    (re.compile(r"\b(?:project|programme|initiative)\s+[“\"‘'][A-Z]|\bproject\s+document\b|"
                r"\bobjectives?\s+(?:were|was|are)\s+to\b|"
                r"\b(?:this|the)\s+project\s+(?:forms|formed|is|was)\s+(?:a\s+)?part\s+of\b|"
                r"(?:^|[.:]\s+)Implemented\s+by\s+the\b|"
                r"\b(?:is|are|were|was)\s+implementing\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
                r"(?:project|programme)\b|\b(?:developed|launched|designed|initiated)\s+(?:a|an)\s+"
                r"(?:new\s+)?(?:[\w-]+\s+){0,2}?project\s+(?:to|for|on|that|which)\b|"
                r"\b(?:Programme|Project)\s+(?:Title|Number|Duration)\s*:|"
                r"\bFor\s+more\s+information\s+(?:about|on)\s+(?:this|the)\s+(?:project|programme|"
                r"initiative)\b", re.I | re.M), 0.25),
)
PROJECT_ANYWHERE += (
    # a programme or initiative named by its capitals ("The Programme on Sustainable Public
    # Procurement will be led by", "the Regional Programme for the Strengthening of Economic
    # Statistics", "the Capacity Development Programme on Cooperation in Tax Matters"): what
    # a news item or a report tells of is the body's project by another word
    (re.compile(r"\b(?:Programme|Program|Initiative)\s+(?:on|for)\s+(?:the\s+)?[A-Z][a-z]"), 0.25),
)
PROJECT_AGAINST: tuple[_Sign, ...] = (
    (re.compile(r"Monthly\s+(?:Update|Bulletin|Briefing)", re.I), 0.5),
    (re.compile(r"Summary\s+of\s+Resolutions|CEPA\s+Bureau", re.I), 0.4),
)


def project_score(text: str) -> float:
    """A Development Account project: its page, its portal record, a listing of projects."""
    score = _score(text, PROJECT_TOP, PROJECT_ANYWHERE, PROJECT_AGAINST)
    # (a project sign where the top reports no event: a country page of news heads its
    # meetings the same way)
    if not _found(_EVENT, "first", text) and _country_heading(text):
        score = min(1.0, score + 0.25)
    if score and _found(_PROJECT_TWICE, "head", text):  # a page about a project
        score = min(1.0, score + 0.15)
    elif not score and _found(_PROJECT_THRICE, "first", text):
        score = 0.15  # a page about a project with none of the signs above: its subject
    return round(score, 3)


_PROJECT_TWICE = re.compile(r"\bproject\b[\s\S]*\bproject\b", re.I)
_PROJECT_THRICE = re.compile(r"(?:\b(?:project|programme)s?\b[\s\S]*){3}", re.I)


def _country_heading(text: str) -> bool:
    """A page of one country: its name alone on one of the top lines, as a catalogue's country
    page heads its items ("Kyrgyzstan")."""
    lines = [ln.strip() for ln in text[:_TOP].splitlines() if ln.strip()][:6]
    return any(ln in _COUNTRY_NAMES for ln in lines)


# -- all signs in one pass ---------------------------------------------------------------------

def _all_signs() -> tuple[re.Pattern[str], ...]:
    tables = (SESSION_TOP, SESSION_ANYWHERE, SESSION_AGAINST, UPDATE_TOP, UPDATE_ANYWHERE,
              UPDATE_AGAINST, PROJECT_TOP, PROJECT_ANYWHERE, PROJECT_AGAINST)
    singles = (_COMMITTEE, _SUMMARY, _EVENT, _DIVISION, _DAY, _MONTHLY, _PROJECT_TWICE,
               _PROJECT_THRICE,
               _ATTENDS_SESSION, _OURS, _ACCOUNT_ENTITIES)
    return tuple(dict.fromkeys([p for table in tables for p, _ in table] + list(singles)))


def _re2_syntax(pattern: re.Pattern[str]) -> str:
    flags = ("i" if pattern.flags & re.I else "") + ("m" if pattern.flags & re.M else "")
    return f"(?{flags}){pattern.pattern}" if flags else pattern.pattern


@lru_cache(maxsize=1)
def _sign_set() -> tuple[re2.Set, tuple[str, ...]]:
    patterns = _all_signs()
    found = re2.Set.SearchSet(re2.Options())
    for pattern in patterns:
        found.Add(_re2_syntax(pattern))
    found.Compile()
    return found, tuple(p.pattern for p in patterns)


#: Python's `\s` is any Unicode space, RE2's only ASCII ones: a page's other spaces (no-break
#: spaces of saved web pages, tabs, carriage returns) become plain ones before the search.
_OTHER_SPACE = re.compile(r"[^\S\n ]")


@lru_cache(maxsize=4)  # the three families score the same page one after the other
def signs_found(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The patterns (their source) found in the page's top and in its head."""
    found, patterns = _sign_set()
    head = _OTHER_SPACE.sub(" ", text[:_HEAD])
    first = head[:_TOP]
    return (frozenset(patterns[i] for i in found.Match(first) or ()),
            frozenset(patterns[i] for i in found.Match(head) or ()))
