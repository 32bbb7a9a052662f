"""Attendance lists in minutes: "Present:" then, line by line, the bodies present (a short label
line: "DPADM/UNDESA[1]", "CEPA Observers") and the people who came for them ("Mr. X, Chief,
...", "Ms. Y"); a person under no body's label ("Other") comes for their own organisation.

Pure functions over the document's text (`loaders/layouts/update.md`, the minutes' layout)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cepa_kg.loaders.iris import slugify
from cepa_kg.loaders.organisations_in_text import find_actors
from cepa_kg.loaders.page_lines import page_lines
from cepa_kg.loaders.spans import Span
from cepa_kg.loaders.update_model import ActorMention

__all__ = ["Attendance", "attendance"]

#: The label that opens the list.
_PRESENT = re.compile(r"^[^\S\n]*(?:Present|Participants|Attendance|In\s+attendance|Attendees|"
                      r"Attending)[^\S\n]*:[^\S\n]*$", re.M | re.I)
#: A line that names someone: an honorific before a capitalised word.
_SOMEONE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\b\.?[ \u00a0]+[A-Z]")
_FOOTNOTE = re.compile(r"\[\d{1,2}\]")
_ACRONYM = re.compile(r"[A-Z][A-Z-]{1,9}")
_LABEL_WORDS = 4


@dataclass(frozen=True)
class Attendance:
    """Who the list says was present: bodies, and each listed line under a body's label."""

    bodies: tuple[ActorMention, ...]  # the bodies labelled, in order
    under: tuple[tuple[Span, ActorMention], ...]  # a line of people, and the body it is under
    span: Span  # the list, after its label


def attendance(text: str, body: Span, gz: Any) -> Attendance | None:
    """The attendance list in `body`, or None where there is no "Present:" label."""
    label = _PRESENT.search(text, body.start, body.end)
    if label is None:
        return None
    bodies: list[ActorMention] = []
    under: list[tuple[Span, ActorMention]] = []
    current: ActorMention | None = None
    end = body.end
    for line in page_lines(text):
        if line.span.start < label.end() or line.blank:
            continue
        if line.span.start >= body.end or line.text.rstrip().endswith(":"):
            end = min(body.end, line.span.start)
            break  # the next label ("Follow-up actions:"): the list has ended
        if _SOMEONE.search(line.text):
            if current is not None:
                under.append((line.span, current))
            continue
        if len(_FOOTNOTE.sub(" ", line.text).split()) <= _LABEL_WORDS:
            current = _labelled(text, line.span, gz)
            if current is not None and current.path not in {b.path for b in bodies}:
                bodies.append(current)
    return Attendance(tuple(bodies), tuple(under), Span(label.end(), end))


def _labelled(text: str, span: Span, gz: Any) -> ActorMention | None:
    """The body a label line names ("DPADM/UNDESA[1]": DPADM; "DSD/UNDESA[2]": DSD, known by
    its acronym only; "CEPA Observers": CEPA), None for "Other"."""
    slash = text.find("/", span.start, span.end)
    first = Span(span.start, slash) if slash >= 0 else span  # (after a slash: its parent)
    found = [a for a in find_actors(text, first, gz) if a.kind == "organization"]
    if found:
        return min(found, key=lambda a: a.span)
    words = _FOOTNOTE.sub(" ", span.of(text)).split("/")[0].split()
    if words and _ACRONYM.fullmatch(words[0]):
        at = text.find(words[0], span.start, span.end)
        return ActorMention(f"actor/{slugify(words[0])}", "organization", words[0],
                            Span(at, at + len(words[0])), False, words[0])
    return None
