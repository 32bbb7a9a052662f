"""The lines of a page as the loaders read them: site wrapping marked, list glyphs and table
cells found, wrapped lines joined into paragraphs. Shared by every family; what differs
between sites (their menus, banners and footers) is data, in `CHROME` (see loaders/LAYOUTS.md).

Every piece keeps exact offsets into the text, so whatever is read from it can be quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cepa_kg.loaders.lines import split_lines
from cepa_kg.loaders.spans import Span

__all__ = ["CHROME", "PageLine", "Paragraph", "is_chrome", "page_lines", "paragraphs"]

#: Lines that are site wrapping, not content: menus, log-in links, banners, language bars,
#: download lists, share links, footers (seen on unpan.org, un.org, publicadministration
#: .un.org, esango, csonet, ecosoc.un.org, da.desa.un.org; see loaders/layouts/*.md).
CHROME = re.compile(
    r"""^(?:
        register\s*\|\s*login | log\s*in | sign\s*in | skip\s+(?:navigation|to\s+\w+\s+content)
      | sorry,\s+you\s+need\s+to\s+enable\s+javascript.* | menu | go | home | print
      | (?:site\s+)?(?:keyword\s+)?search\s*:?
      | share | bookmark\s+and\s+share | see\s+all\s+news | read\s+more | back | top
      | «.* | welcome\s+to\s+the\s+united\s+nations.* | copyright\b.* | ©.* | terms\s+of\s+use.*
      | privacy(?:\s+(?:notice|policy|statement))?.* | fraud\s+alert.* | contact\s+us
      | (?:arabic|chinese|english|french|russian|spanish|español|français|русский|中文|عربي
        |kiswahili|swahili|português|portuguese|deutsch|german|italiano|italian|한국어|日本語)
        (?:\s*[|/·]?\s*(?:arabic|chinese|english|french|russian|spanish|español|français
        |русский|中文|عربي|kiswahili|swahili|português|portuguese|deutsch|german|italiano
        |italian|한국어|日本語))+
      # a site's visit counters ("Total site visits: 12345", "Gestern 6058", "Online: 12")
      | (?:total\s+)?(?:site\s+|page\s+)?(?:visits|visitors|hits|views)\s*:?\s*[\d,.\s]*
      | (?:heute|gestern|today|yesterday|online|this\s+(?:week|month))\s*:?\s*[\d,.]+
      | (?:bitte\s+besuchen\s+sie\s*/\s*)?please\s+visit\s*:?
      | arabicchineseenglishfrenchrussianspanish
      | download(?:\s+publication)?\s*:.* | file\s+added\s+date\s*:.* | url\s*:\s*https?://.*
      | (?:facebook|twitter|linkedin|youtube|instagram|flickr|x)(?:\s*[|·]\s*\w+)*
      | united\s+nations\s+development\s+account\s*united\s+nations\s+headquarters.*
      | bookmark | tweet | email | rss
      | home\s*(?:>|»|›|/|\|)\s*.*
      # a document-sharing site's frame around a document's text (pdfslide, documents.pub,
      # fdocuments, vdocuments: "Share this document with a friend", "Embed Size (px)")
      | share\s+this\s+document(?:\s+with\s+a\s+friend)? | transcript | citation\s+preview
      | embed\s+size\s*\(px\) | \+\s*all\s+categories | report\s+this\s+document
      | date\s+post\s*:.* | category\s*:.{0,40} | upload\s*:?\s*\w* | view\s*:?\s*\d+\s+times?
      | download\s*:?\s*\d+\s+times?
      # a document site's page counter ("You are on page 1of 27", "Sie sind auf Seite 1von
      # 104", "Vous êtes sur la page 1 sur 12") and a cookie banner
      | (?:you\s+are\s+on\s+page|sie\s+sind\s+auf\s+seite|vous\s+[êe]tes\s+sur\s+la\s+page
        |est[áa]s?\s+en\s+la\s+p[áa]gina|voc[êe]\s+est[áa]\s+na\s+p[áa]gina)\s*\d+\s*
        (?:of|von|sur|de)\s*\d+
      | (?:by\s+continuing\s+to\s+(?:browse|use)|this\s+(?:site|website)\s+uses\s+cookies
        |we\s+use\s+cookies).*
    )\s*$""",
    re.I | re.X,
)
#: A glyph or number opening a list item: bullets, dashes, "1." "1)" "(a)" "a)" "(iv)" "iv.".
GLYPH = re.compile(
    r"""(?:[\u2022\u25e6\u25aa\u25cf\u25a0\u25ba\u25b8\u2023\u2043\uf0b7\u00b7*]|[-\u2013\u2014](?=\s))
      | \(\s*(?:\d{1,2}|[a-z]|[ivxl]{1,5})\s*\)
      | (?:\d{1,2}|[a-z]|[ivxl]{1,5})[.)](?=\s)""",
    re.X,
)
_SPACE = "\u00a0\u2007\u202f\ufeff"


@dataclass(frozen=True)
class PageLine:
    index: int
    span: Span  # the line's content, without indentation and trailing space
    text: str  # the content
    indent: int  # columns of indentation (a tab counts 4)
    glyph: str  # the list glyph or number as written ("", "•", "-", "2.", "(b)")
    body: Span  # the content after the glyph
    cells: tuple[Span, ...]  # table cells when the line is a row ("|" or tab separated)
    chrome: bool  # site wrapping

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def ends_sentence(self) -> bool:
        return self.text.rstrip("\"'”’)] ").endswith((".", "!", "?", ":", ";"))


def is_chrome(text: str) -> bool:
    return bool(CHROME.match(text.strip(_SPACE + " \t|")))


def _cells(text: str, start: int, line: str) -> tuple[Span, ...]:
    """Cells of a table row: "| a | b |" (trafilatura, pipe tables) or "a<TAB>b"."""
    if "|" in line and line.count("|") >= 2:
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^|]+", line)]
    elif "\t" in line.strip():
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^\t]+", line)]
    else:
        return ()
    spans = [Span(start + a, start + b).strip(text, " \t" + _SPACE) for a, b in parts]
    spans = [s for s in spans if len(s)]
    return tuple(spans) if len(spans) >= 2 or "|" in line else ()


@lru_cache(maxsize=16)
def page_lines(text: str) -> tuple[PageLine, ...]:
    """Every line of `text`, read (see the module's docstring)."""
    out = []
    for line in split_lines(text):
        raw = line.text
        stripped = raw.strip(" \t\r" + _SPACE)
        if not stripped.strip("|").strip(" \t" + _SPACE):  # "|": an empty table cell
            stripped = ""
        lead = len(raw) - len(raw.lstrip(" \t" + _SPACE))
        indent = len(raw[:lead].replace("\t", "    "))
        span = Span(line.start + lead, line.start + lead + len(stripped))
        glyph, body = "", span
        m = GLYPH.match(stripped)
        if m and len(stripped) > m.end():
            glyph = m.group(0)
            body = Span(span.start + m.end(), span.end).strip(text, " \t" + _SPACE)
        cells = _cells(text, line.start, raw) if stripped else ()
        out.append(PageLine(line.index, span, stripped, indent, glyph, body, cells,
                            bool(stripped) and is_chrome(stripped)))
    return tuple(out)


@dataclass(frozen=True)
class Paragraph:
    """Lines that belong together: a wrapped paragraph, or one list item with its wrapped
    continuation lines. `lines` are indices into `page_lines(text)`."""

    lines: tuple[int, ...]
    span: Span  # from the first line's body to the last line's end
    glyph: str  # the first line's glyph ("" for plain text)
    indent: int


def _continues(previous: PageLine, line: PageLine) -> bool:
    """A wrapped line: the previous line ends mid-sentence and this one goes on (a PDF, a
    hard-wrapped abstract), or the previous is a list item and this one is indented text."""
    if line.glyph or line.cells or previous.cells:
        return False
    if previous.ends_sentence:
        return False
    first = line.text[:1]
    return first.islower() or first.isdigit() or first in "(,;" or (
        len(previous.text) > 60 and first.isupper() and not line.text.endswith(":"))


def paragraphs(text: str, lines: tuple[PageLine, ...] | None = None) -> list[Paragraph]:
    """The page's paragraphs (chrome lines left out), in order."""
    lines = lines if lines is not None else page_lines(text)
    out: list[Paragraph] = []
    current: list[PageLine] = []

    def close() -> None:
        if current:
            first, last = current[0], current[-1]
            out.append(Paragraph(tuple(ln.index for ln in current),
                                 Span(first.body.start, last.span.end), first.glyph,
                                 first.indent))
            current.clear()

    for line in lines:
        if line.blank or line.chrome:
            close()
            continue
        if current and _continues(current[-1], line):
            current.append(line)
            continue
        close()
        current.append(line)
    close()
    return out
