"""The project a news page tells of: a page read as the division's news (a launch, a workshop
"within the framework of the project", a donor's agreement) that also fits the project family
describes that project too, with its implementers, partners, countries and aims.

The project's own reader (`project.parse`) reads the page; a project is kept only when the
story names it: in quotation marks and called a project ('the project “E-Government for
Empowering Women”'), or by its Account code ("Development Account project 1819G", then its
label). A news page's headline is no project's title ("UNDESA workshop for public officers"),
and a project the story does not name is not told apart from the news: neither is kept.
"""

from __future__ import annotations

from dataclasses import replace

from cepa_kg.loaders.base import ParseError
from cepa_kg.loaders.family_detection import fits_family
from cepa_kg.loaders.project import detect as project_detect
from cepa_kg.loaders.project import named_title
from cepa_kg.loaders.project import parse as project_parse
from cepa_kg.loaders.project_model import ProjectRecord
from cepa_kg.loaders.spans import Span, clean


def projects_told(text: str, rival: float = 0.0) -> tuple[ProjectRecord, ...]:
    """The projects a news page names, each as its project reader reads it (titled by the
    name the story gives), when the page fits the project family too (`rival`: its score as
    news); else none."""
    if not fits_family(project_detect(text), text, project=True, rival=rival):
        return ()
    try:
        records = project_parse(text).projects
    except ParseError:
        return ()
    named = named_title(text, Span(0, len(text)))
    # (the name goes to the record that holds it, else to the first: one project, one name)
    holder = next((r for r in records if named is not None and r.span is not None
                   and r.span.start <= named.start < r.span.end), records[0])
    out = []
    for record in records:
        if named is not None and record is holder:
            out.append(replace(record, title=clean(named.of(text)), title_span=named))
        elif record.code is not None:  # named by its code alone, not by the headline
            out.append(replace(record, title=f"Development Account project {record.code}",
                               title_span=record.code_span or record.title_span))
    return tuple(out)
