"""The Committee's members, as pages about its membership name them.

A session page lists its bureau ("Chairperson: X (Canada)", `session_fields.bureau`); pages
about the Committee itself name its members otherwise: member cards ("Henrike Vogt (Germany)"
alone on a line, under "Current members"), elections and appointments told in prose ("Professor
X of Y University was elected ... as Vice Chairperson of the United Nations Committee ...",
"X, professor at Y, secured a seat on the 24-member Committee", "Z sat on the committee from
2006 to 2013"), who chairs it ("The UN Committee ... is chaired by former minister Dr X"), and
the same in French ("X fait désormais partie des 24 experts", "X a été nommée membre").
Each is read only in a sentence about the Committee; the role is the bureau post the sentence
names, else "Member".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from cepa_kg.loaders.screened import screened
from cepa_kg.loaders.session_fields import Person
from cepa_kg.loaders.spans import Span, clean

__all__ = ["members"]

_TOK = r"[A-ZÀ-Ý][\w’'-]*[a-zà-ÿ][\w’'-]*"
_PARTICLE = r"(?:de|da|del|van|von|der|bin|al|la|le|di|dos|das)"
_NAME = rf"{_TOK}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_TOK}){{1,3}}"
_HON = (r"(?:(?:former\s+)?(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador|Judge|H\.\s?E|Mme|Mlle|M|"
        r"Sra|Sr|Dra)\.?[ \u00a0]+)")
_ROLE = (r"(?P<role>Vice[- ]Chair(?:person|man|woman)?|Chair(?:person|man|woman)?|Rapporteur|"
         r"Vice[- ]President|President|VP|members?|membres?|miembros?|"
         r"one\s+of\s+(?:the\s+)?\d{1,2}\s+experts)")
#: The Committee, as the sentences about its members name it.
_COMMITTEE = re.compile(r"\bCommittee\b|\bCEPA\b|\bcommittee\b|expert\s+body|\b[Cc]omit[ée]\b|"
                        r"\b[Cc]omit[êe]\b|\b[Cc]omiss[ãa]o\b|\b[Cc]ommission\b|\b[Kk]omise\b|"
                        r"위원회|\b24\s+(?:experts|membres|miembros|peritos)\b")
#: "... was elected to a two-year term as Vice Chairperson of ...", "has been named a member
#: of ...", "a été nommée membre du Comité".
_CHOSEN = screened(re.compile(
    rf"\b(?:re-?)?(?:elected|named|appointed|nominated|chosen|sworn\s+in|élue?|"
    rf"nommée?|"
    rf"elegid[oa]|nombrad[oa])\b[^.\n]{{0,80}}?\b(?:as\s+(?:its\s+|the\s+)?|"
    rf"an?\s+|comme\s+|)(?:new\s+)?{_ROLE}\b", re.I))
#: "X ... secured a seat on the ... Committee", "X sat on the committee", "X fait désormais
#: partie des 24 experts".
_SEAT = screened(re.compile(
    r"\b(?:secured|won|took|holds?|obtained|gained)\s+a\s+seat\s+on\b|"
    r"\b(?:sat|served|serves)\s+on\s+the\s+(?:\w+\s+){0,3}?committee\b|"
    r"\bfait\s+(?:désormais\s+|dorénavant\s+)?(?:partie\s+)?des\s+\d{1,2}\s+(?:experts|"
    r"membres)\b|\bfigure\s+parmi\s+les\s+\d{1,2}\s+(?:experts|membres)\b", re.I))
#: "X, vice-presidente do Comitê de Especialistas em Administração Pública", "X, membre du
#: Comité d'experts": the post after the name, in the other languages.
_POST_OF_COMMITTEE = re.compile(
    r",[^\S\n]+(?P<role>vice-?presidente|vice-?présidente?|présidente?|presidente|membre|membro|"
    r"miembro|relatora?|rapporteu(?:r|se))[^\S\n]+(?:do|du|del|de[^\S\n]+la)[^\S\n]+"
    r"Comit[êée][^\S\n]+(?:de[^\S\n]+|d['’]|des[^\S\n]+)(?:Especialistas|Peritos|Expertos|"
    r"experts)\b", re.I)
#: Words before a name no part of it: an article, an honorific ("La Dre Samira Benkirane,").
_LEADING = re.compile(r"^(?:(?:La|Le|El|A|O|The|Dre?|Dra|Prof|Mme|Mlle|Mr|Ms|Mrs|Sra?|Pr)\.?"
                      r"[ \u00a0]+)+")
#: "X (UK), Independent Consultant, Chair of UN-CEPA (UN Committee of Experts ...)", "X:
#: president of Y and Member of the United Nations Committee ...": the post on the Committee
#: after the name (and the country in brackets), perhaps after another post.
_POST_OF_COMMITTEE_EN = re.compile(
    r"[,:][^\S\n]+(?:[^,\n()]{2,60},[^\S\n]+|[^,\n]{2,120}?[^\S\n]+and[^\S\n]+)?"
    r"(?:the[^\S\n]+)?(?:(?:present|current)[^\S\n]+)?"
    r"(?P<role>Vice[- ]Chair(?:person|man|woman)?|Chair(?:person|man|woman)?|Rapporteur|"
    r"[Mm]ember)[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:UN[- ]?CEPA\b|UNCEPA\b|CEPA\b|"
    r"(?:UN[^\S\n]+|United[^\S\n]+Nations[^\S\n]+)?Committee[^\S\n]+of[^\S\n]+Experts\b)")
#: The name (and its country in brackets) that such a post follows.
_NAME_COUNTRY_BEFORE = re.compile(rf"(?P<name>{_NAME})[^\S\n]*(?:\((?P<c>[^()\n]{{2,40}})\))?"
                                  r"[^\S\n]*$")
#: The same told in the other languages of the pages about the Committee: a cue of choice
#: ("élue", "foi escolhida", "nominována", "임명") and, in the same sentence, the seat or the
#: post ("vice-présidente", "membro", "perita", "členku", "위원").
_CHOSEN_OTHER = screened(re.compile(
    r"\b(?:élue?s?|nommée?s?|désignée?s?|retenue?s?|eleit[oa]|escolhid[oa]|nomead[oa]|elegid[oa]|nombrad[oa]|"
    r"nominován[ao]?|jmenován[ao]?|zvolen[ao]?|fazer\s+parte|faz\s+parte|fait\s+partie|"
    r"forma\s+parte|si[èe]ge(?:ra)?|é\s+desde|est\s+depuis|nomination\s+(?:[^.\n]{0,40}?\s)?de|"
    r"au\s+poste\s+de)\b|"
    r"선출|임명|위촉|지낸|역임", re.I))
_POST_OTHER = re.compile(
    r"\b(?P<role>vice-?pr[ée]sident[ea]?|pr[ée]sident[ea]?|rapporteu(?:r|se)|relator[a]?|"
    r"vicepresident[ea]|membres?|membros?|miembros?|perit[oa]s?|experte?s?|člen(?:ka|kou|em)?|"
    r"členku)\b|(?P<ko>부위원장|위원장|위원)", re.I)
#: A Korean name (two to four syllables) before the post or school it is known by.
_KO_NAME = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{3})\s+(?:[가-힣A-Za-z]+\s+){0,2}?"
                      r"(?:교수|장관|위원|원장|총장|대사|차관|박사|국장|단장|대표)")
#: Who spoke at the session: "Statement by Mr. X, Under-Secretary-General ... to the 7th
#: Session of the Committee".
_SPEAKER = screened(re.compile(
    rf"\b(?:Statement|Remarks|Address|Message|Speech|Keynote)\s+(?:delivered\s+)?"
    rf"(?:by|of)\s+{_HON}*(?P<name>{_NAME})"))
#: "X is member and at present vice chair of the United Nations Committee ...", "X is the
#: current Chair of UN-CEPA": a post held on the Committee, said of its holder.
_IS_ROLE = screened(re.compile(
    r"\b(?:is|was|has\s+been|serves\s+as|served\s+as)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:present|current|former)\s+)?(?:member\s+and\s+(?:at\s+present|currently|now|later)\s+"
    r"(?:the\s+|a\s+)?)?(?P<role>Vice[- ]Chair(?:person|man|woman)?|Chair(?:person|man|woman)?|"
    r"Rapporteur)\s+of\s+(?:the\s+)?(?:UN[- ]?CEPA|UNCEPA|CEPA|(?:UN\s+|United\s+Nations\s+)?"
    r"Committee\s+of\s+Experts)\b", re.I))
#: A statement's salutation of the chair, named in brackets: "Madame Chairperson (Ana Reis of
#: Portugal),".
_SALUTED = re.compile(rf"^[^\S\n]*(?:Madam|Madame|Mister|Mr\.?)[^\S\n]+"
                      rf"(?P<role>(?:Vice[- ])?Chair(?:person|man|woman)?)[^\S\n]*\("
                      rf"{_HON}?(?P<name>{_NAME})(?:[^\S\n]+(?:of|from)[^\S\n]+[^()\n]{{2,40}})?\)",
                      re.M)
#: "Committee member Ana Reis said", "CEPA member Dr. Ana Reis (Chile)": the member's post
#: written before the name as a title.
_TITLED_MEMBER = screened(re.compile(
    rf"\b(?:UN[- ]?CEPA|CEPA|Committee)[ \u00a0]+(?:[Mm]ember)[ \u00a0]+"
    rf"{_HON}?(?P<name>{_NAME})"))
#: "The Committee ... is chaired by former minister Dr X".
_CHAIRED_BY = screened(re.compile(r"\b(?:is|was|will\s+be)\s+chaired\s+by\s+", re.I))
#: "The session was chaired by X": on a session's page, the Committee's chair at it.
_SESSION_CHAIRED = re.compile(r"\b[Ss]ession\s+(?:is|was|will\s+be)\s+chaired\s+by\s")
#: The country after a name: "X of Germany", "X from the Czech Republic", "X (Ghana)".
_COUNTRY_AFTER = re.compile(r"[^\S\n]+(?:of|from)[^\S\n]+(?:the[^\S\n]+)?"
                            r"(?P<c>[A-Z][\w'-]*(?:[^\S\n]+[A-Z][\w'-]*){0,3})|"
                            r"[^\S\n]*\((?P<b>[^()\n]{2,40})\)")
#: A member's card or a line of a list of members: the name (after a glyph, an honorific),
#: the country in brackets, then perhaps the member's post ("Ms. Ana Reis (Portugal),
#: Professor of Public Law"). Family names may be written in capitals ("Rolf BECKER").
_UPPER_TOK = r"[A-ZÀ-Ý][A-ZÀ-Ý’'-]+"
_LIST_NAME = (rf"(?:{_TOK}|{_UPPER_TOK})"
              # ("Emmanuelle d'Achon": a particle glued to the surname)
              rf"(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?(?:[dD][’'])?(?:{_TOK}|{_UPPER_TOK}))"
              r"{1,3}")
_CARD = screened(re.compile(rf"^[^\S\n]*(?:[•·▪*\-–][^\S\n]*|\d{{1,2}}[.)][^\S\n]*)?{_HON}?"
                   rf"(?P<name>{_LIST_NAME})[^\S\n]*\((?P<country>[^()\n]{{2,40}})\)"
                   r"[^\S\n]*(?:[,;:–-][^\S\n]*(?P<post>[^\n]{0,200}))?$", re.M))
#: A row of a table of members as text: the name, a tab or a dash (or two spaces or more),
#: the country ("Ana Reis<TAB>Portugal"); read only where three or more such rows follow.
_ROW = screened(re.compile(rf"^[^\S\n]*(?:[•·▪*\-–][^\S\n]+)?{_HON}?(?P<name>{_LIST_NAME})"
                  r"(?:\t+|[^\S\n]{2,}|[^\S\n]+[–-][^\S\n]+)"
                  r"(?P<country>[A-Z][^\t\n]{2,40}?)[^\S\n]*$", re.M))
_MIN_ROWS = 3
#: A cheap test before the scan for cards: a bracket that ends a line (or comes before the
#: post).
_BRACKETED_LINE_END = re.compile(r"\)[^\S\n]*(?:$|[,;:–-])", re.M)
_NAME_RX = re.compile(_NAME)
_NAME_BEFORE_COMMA = re.compile(rf"(?P<name>{_NAME})$")
_HON_NAME = re.compile(rf"{_HON}+(?P<name>{_NAME})")
#: Words no person's name holds: bodies, places and the Committee's own words.
_NOT_A_NAME = re.compile(r"\b(?:Committee|Council|Nations|United|Experts?|Public|Administration|"
                         r"Session|Bureau|Department|Secretariat|Assembly|General|Members?|"
                         r"University|Institute|School|Ministry|Government|Headquarters|"
                         r"Academy|Centre|Center|Office|Association|Society|Foundation|Bank|"
                         r"Agenda|Goals?|Development|Affairs|Economic|Social|Republic|Kingdom|"
                         r"Graduate|College|Program(?:me)?|Professor|Doctor|Comité|Conseil|"
                         r"Objectifs?|Programme|"
                         # (the same words in the other languages of these pages)
                         r"Função|Pública|Público|Nações|Unidas|Unies|Ministério|Ministra|"
                         r"Ministro|Ministre|Governo|Gobierno|Gouvernement|República|République|"
                         r"Administração|Administración|Secretário|Secretaria|Conselho|Consejo|"
                         r"Comité|Comitê|Organização|Organización|Nations|Naciones|"
                         # (a date or a phrase that opens a sentence: "In May 2021 the ...")
                         r"January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)\b|^(?:In|On|At|The|A|An|For|By|From|"
                         r"After|Since|During|La|Le|Les|El|Los|Las|Em|Na|No|Dans|En|Au)\b")
#: A capitalised pair that qualifies the noun after it is no name ("A South Korean public
#: policy scholar has been named ..."): a name is followed by a comma, a bracket, a verb or "of".
_QUALIFIES = re.compile(r"[ \u00a0]+(?!(?:of|from|at|in|was|were|has|had|is|who|and|sat|served|"
                        r"serves|secured|won|took|holds|obtained|gained|fait|figure|a|est|ha|de|du|da|"
                        r"do|della|z|ze|je|byla?|foi|é|vai|tem)\b)"
                        r"[a-zà-ÿ]")
_GOES_ON = re.compile(r"[a-zà-ÿ,]\s*\Z")  # (a heading ends with a capital or a figure)
_LOWER_NEXT = re.compile(r"[^\S\n]*[a-zà-ÿ]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n")


def _sentences(text: str) -> list[Span]:
    """Sentences; a line break ends one only after a full stop, a blank line or a line of
    its own (a heading): hard-wrapped prose goes on over its line breaks."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0) == "\n" and not text.startswith("\n", m.end()) and (
                _GOES_ON.search(text, start, m.start()) or _LOWER_NEXT.match(text, m.end())):
            continue  # a line of hard-wrapped prose, which goes on over the break
        if m.start() > start:
            out.append(Span(start, m.start()))
        start = m.end()
    if start < len(text):
        out.append(Span(start, len(text)))
    return out


#: A post written before a name as a title, no part of the name ("Minister Ana Reis").
_POSTS = (r"Minister|Senator|Judge|Mayor|Governor|Commissioner|Dean|Rector|Director|President|"
          r"Chancellor")
_POST_WORD = re.compile(rf"(?:{_POSTS})[ \u00a0]+(?=\S+[ \u00a0]\S)")
#: A post and a surname alone: "Minister Fraser-Moleketi".
_POST_SURNAME = re.compile(rf"(?:{_POSTS}|Ambassador|Professor)[ \u00a0]+(?P<w>\S+)")


def _country_after(text: str, end: int, gz: Any) -> str:
    """The country written right after a name, if the gazetteer knows it as one."""
    m = _COUNTRY_AFTER.match(text, end)
    if m is None:
        return ""
    words = (m.group("c") or m.group("b")).split()
    for n in range(len(words), 0, -1):  # ("of Germany, who ...": the longest known)
        hit = gz.resolve(" ".join(words[:n]))
        if hit is not None and hit.kind == "country":
            return " ".join(words[:n])
    return ""


def _is_place(name: str, gz: Any) -> bool:
    hit = gz.resolve(name)
    return hit is not None and hit.kind in ("country", "place")


def _subject(text: str, sentence: Span, before: int, gz: Any) -> Span | None:
    """The person a sentence's verb at `before` is about: the last name written with an
    honorific before it, else the first name there that is no body or place."""
    honoured = [m for m in _HON_NAME.finditer(text, sentence.start, before)
                if not _NOT_A_NAME.search(m.group("name"))]
    if honoured:
        m = honoured[-1]
        return Span(m.start("name"), m.end("name"))
    for m in _NAME_RX.finditer(text, sentence.start, before):
        name = m.group(0)
        if not _NOT_A_NAME.search(name) and not _is_place(name, gz) and \
                not _QUALIFIES.match(text, m.end()):
            post = _POST_WORD.match(name)  # ("Minister Ana Reis, who serves on ...")
            if post is None and (alone := _POST_SURNAME.fullmatch(name)) is not None:
                # "Minister Fraser-Moleketi was elected ...": the name the page gives in full
                # elsewhere ("Minister Geraldine Fraser-Moleketi"), else the surname
                full = [f for f in _NAME_RX.finditer(text)
                        if f.group(0).split()[-1] == alone.group("w") and f.start() != m.start()
                        and not _NOT_A_NAME.search(f.group(0))
                        and not _POST_SURNAME.fullmatch(f.group(0))]
                if full:
                    f = min(full, key=lambda f: abs(f.start() - m.start()))
                    lead = _POST_WORD.match(f.group(0))
                    return Span(f.start() + (lead.end() if lead else 0), f.end())
                return Span(m.start() + alone.start("w"), m.end())
            return Span(m.start() + (post.end() if post else 0), m.end())
    # "Nxumalo was sworn in ...": a surname alone, of a name the page gave in full before
    # ("Rosalind is the present Chair ...": or a given name alone, of one name only)
    alone = re.fullmatch(r"\s*(?P<w>[A-ZÀ-Ý][\w’'-]*[a-zà-ÿ][\w’'-]*)\s*"
                         r"(?:(?:was|is|has|had|were)\s+(?:been\s+)?)?",
                         text[sentence.start: before])
    if alone is not None:
        full = [m for m in _NAME_RX.finditer(text, 0, sentence.start)
                if m.group(0).split()[-1] == alone.group("w")]
        if full:
            return Span(full[-1].start(), full[-1].end())
        given = {m.group(0): m for m in _NAME_RX.finditer(text, 0, sentence.start)
                 if m.group(0).split()[0] == alone.group("w")
                 and not _NOT_A_NAME.search(m.group(0))}
        if len(given) == 1:
            m = next(iter(given.values()))
            return Span(m.start(), m.end())
    return None


def _role(written: str) -> str:
    """The role as the page writes it ("Vice-Présidente"), a seat of any name "Member"."""
    word = written.lower()
    if word.startswith(("member", "membre", "miembro", "membro", "perit", "expert", "člen")) \
            or word == "위원":
        return "Member"
    if word.startswith("one of"):
        return "Member"
    if word == "vp":
        return "VP"
    if word in ("위원장", "부위원장"):
        return {"위원장": "Chair", "부위원장": "Vice-Chair"}[word]
    role = re.sub(r"\s+", " ", written.strip()).title()
    return role.replace("Vice Chair", "Vice-Chair").replace("Vice-chair", "Vice-Chair")


#: Words one of which every way of naming a member holds: a page without any is not scanned.
_ANY_CUE = screened(re.compile(
    r"member|membre|membro|miembro|perit|expert|chair|vice|rapporteur|elect|"
    r"appoint|named|nominat|chosen|sworn|seat|\bsat\b|served|statement|remarks|"
    r"address|message|speech|keynote|élu|nomm|désign|retenu|eleit|escolhid|"
    r"nomead|elegid|nombrad|nominován|jmenován|zvolen|člen|parte|partie|siège|"
    r"desde|depuis|poste|위원|선출|임명|위촉|지낸|역임|\(", re.I))


def members(text: str, gz: Any) -> tuple[Person, ...]:
    """The Committee's members the page names, first mention each (see the module)."""
    out: dict[str, Person] = {}
    if not _ANY_CUE.search(text):
        return ()

    def add(span: Span, role: str, country: str = "", post: str = "") -> None:
        name = clean(span.of(text))
        known = out.get(name)
        if known is None or (known.role == "Member" and role != "Member"):
            out[name] = Person(name, span, role, "", country or (known.country if known else ""),
                               post)

    for m in (_CARD.finditer(text) if _BRACKETED_LINE_END.search(text) else ()):
        country = gz.resolve(clean(m.group("country")))
        if country is not None and country.kind == "country" and \
                not _NOT_A_NAME.search(m.group("name")):
            add(Span(m.start("name"), m.end("name")), "Member", clean(m.group("country")),
                clean(m.group("post") or ""))
    rows = [m for m in (_ROW.finditer(text) if "\t" in text or "  " in text or " – " in text
                        or " - " in text else ())
            if (c := gz.resolve(clean(m.group("country")))) is not None and c.kind == "country"
            and not _NOT_A_NAME.search(m.group("name"))]
    if len(rows) >= _MIN_ROWS:
        for m in rows:
            add(Span(m.start("name"), m.end("name")), "Member", clean(m.group("country")))
    for m in (_POST_OF_COMMITTEE.finditer(text) if "Comit" in text else ()):
        before = _NAME_BEFORE_COMMA.search(text, max(0, m.start() - 80), m.start())
        if before is None:
            continue
        lead = _LEADING.match(before.group("name"))
        start = before.start("name") + (lead.end() if lead else 0)
        if len(text[start: before.end("name")].split()) >= 2 and \
                not _NOT_A_NAME.search(text[start: before.end("name")]):
            add(Span(start, before.end("name")), _role(m.group("role")))
    for m in (_POST_OF_COMMITTEE_EN.finditer(text) if " of " in text else ()):
        before = _NAME_COUNTRY_BEFORE.search(text, max(0, m.start() - 100), m.start())
        if before is not None and not _NOT_A_NAME.search(before.group("name")):
            country = gz.resolve(clean(before.group("c") or ""))
            add(Span(before.start("name"), before.end("name")), _role(m.group("role")),
                clean(before.group("c")) if country is not None and country.kind == "country"
                else "")
    for m in (_SALUTED.finditer(text) if "Chair" in text else ()):
        add(Span(m.start("name"), m.end("name")), _role(m.group("role")),
            _country_after(text, m.end("name"), gz))
    for m in (_TITLED_MEMBER.finditer(text) if "ember" in text else ()):
        if not _NOT_A_NAME.search(m.group("name")):
            add(Span(m.start("name"), m.end("name")), "Member",
                _country_after(text, m.end("name"), gz))
    for m in _SPEAKER.finditer(text):
        if not _NOT_A_NAME.search(m.group("name")):
            add(Span(m.start("name"), m.end("name")), "")
    # (the cues found once over the page: only the sentences that hold one are read)
    cues = sorted(m.start() for rx in (_CHOSEN_OTHER, _CHOSEN, _SEAT, _CHAIRED_BY, _IS_ROLE)
                  for m in rx.finditer(text))
    for sentence in (_sentences(text) if cues else ()):
        at = bisect_left(cues, sentence.start)
        if at == len(cues) or cues[at] >= sentence.end or \
                not (_COMMITTEE.search(text, sentence.start, sentence.end)
                     or _SESSION_CHAIRED.search(text, sentence.start, sentence.end)):
            continue
        for m in _CHOSEN_OTHER.finditer(text, sentence.start, sentence.end):
            post = _POST_OTHER.search(text, sentence.start, sentence.end)
            if post is None:
                continue
            named = list(_KO_NAME.finditer(text, sentence.start, sentence.end))
            korean = min(named, key=lambda k: abs(k.start() - m.start()), default=None)
            who = Span(korean.start("name"), korean.end("name")) if korean is not None \
                else _subject(text, sentence, m.start(), gz) or _subject(
                    text, sentence, sentence.end, gz)
            if who is not None:
                add(who, _role(post.group("role") or post.group("ko")))
        for m in _CHOSEN.finditer(text, sentence.start, sentence.end):
            who = _subject(text, sentence, m.start(), gz)
            if who is not None:
                add(who, _role(m.group("role")))
        for m in _IS_ROLE.finditer(text, sentence.start, sentence.end):
            who = _subject(text, sentence, m.start(), gz)
            if who is not None:
                add(who, _role(m.group("role")))
        for m in _SEAT.finditer(text, sentence.start, sentence.end):
            who = _subject(text, sentence, m.start(), gz)
            if who is not None:
                add(who, "Member")
        for m in _CHAIRED_BY.finditer(text, sentence.start, sentence.end):
            rest = Span(m.end(), sentence.end)
            hon = _HON_NAME.search(text, rest.start, rest.end)
            plain = _NAME_RX.search(text, rest.start, rest.end)
            found = hon if hon is not None and hon.start() - rest.start < 80 else None
            if found is not None:
                add(Span(found.start("name"), found.end("name")), "Chair",
                    _country_after(text, found.end("name"), gz))
            elif plain is not None and plain.start() - rest.start < 80 and \
                    not _NOT_A_NAME.search(plain.group(0)):
                add(Span(plain.start(), plain.end()), "Chair",
                    _country_after(text, plain.end(), gz))
    return tuple(sorted(out.values(), key=lambda p: p.span.start))
