"""The views about an entity, as links on its page (pure: no I/O): a goal's trace and its
column of the matrix, a session's goals and themes, an actor's network, partnerships and the
recommendations addressed to it, the events at a place and the place on the map, a session's
or an event's entry on the timeline, a document's reader."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from cepa_kg.namespaces import PREFIXES
from cepa_kg.server.codes import goal_code

CEPA = PREFIXES["cepa"]


@dataclass(frozen=True)
class ViewLink:
    text: str
    href: str


def parameter(iri: str, base: str) -> str:
    """An IRI as a view's parameter: relative to the dataset's base where it can be
    (`id/actor/unodc`), the views resolve both forms."""
    return iri.removeprefix(base)


def anchor_of(iri: str, base: str) -> str:
    """The id of an entity's entry on the timeline or the map: its path under the base with
    dashes (`session-5`, `event-2011-10-20-seminar-…`, `place-rabat`); another IRI by a
    digest."""
    path = iri.removeprefix(base + "id/")
    if path == iri or not re.fullmatch(r"[A-Za-z0-9._~%/-]+", path):
        return "iri-" + hashlib.sha256(iri.encode()).hexdigest()[:12]
    return path.replace("/", "-")


def _goal_of(iri: str) -> tuple[str, str] | None:
    """(framework, goal slug) of a goal or target IRI: ("sdg", "sdg-16") for .../sdg-16-5."""
    match = re.search(r"/id/(?:goal|target)/((mdg|sdg)-\d+)", iri)
    return (match.group(2), match.group(1)) if match else None


def connected_views(iri: str, types: set[str], base: str, root: str,
                    session_number: str = "") -> list[ViewLink]:
    """The links from the page of `iri` (whose cepa classes are `types`, local names) to the
    views about it."""
    def url(path: str, **params: str) -> str:
        return f"{root}{path}?{urlencode(params)}"

    rel = parameter(iri, base)
    links: list[ViewLink] = []
    if types & {"Goal", "Target"} and (goal := _goal_of(iri)):
        framework, slug = goal
        code = goal_code(iri) or "it"
        links.append(ViewLink(f"Trace: the recommendations serving {code}",
                              url("/trace", goal=rel)))
        links.append(ViewLink(f"Its column of the sessions × {framework.upper()}s matrix",
                              url("/matrix", goals=framework) + f"#{slug}"))
    if "Session" in types and session_number:
        links.append(ViewLink("Its goals: sessions × SDGs, this session",
                              url("/matrix", goals="sdg", session=session_number)))
        links.append(ViewLink("Its goals: sessions × MDGs, this session",
                              url("/matrix", goals="mdg", session=session_number)))
        links.append(ViewLink("Its goals with counts",
                              url("/queries/session-goals", session=session_number)))
        links.append(ViewLink("Its themes and subtopics",
                              url("/queries/themes-across-sessions", sessionNumber=session_number)))
    if "Actor" in types or types & {"Organization", "ActorGroup", "Person", "Country"}:
        links.append(ViewLink("Partnership network", url("/network", actor=rel)))
        links.append(ViewLink("Partnerships", url("/queries/partnerships-by-actor", actor=rel)))
        links.append(ViewLink("Recommendations addressed to it",
                              url("/queries/recommendations-to-actor", actor=rel)))
    if "Session" in types or "Event" in types:
        links.append(ViewLink("On the timeline", f"{root}/timeline#{anchor_of(iri, base)}"))
    if "Place" in types:
        links.append(ViewLink("Events here", url("/queries/timeline", at=rel)))
        links.append(ViewLink("On the map of places",
                              url("/map", place=rel) + f"#{anchor_of(iri, base)}"))
    if "SourceDocument" in types and iri.startswith(base + "id/document/"):
        links.append(ViewLink("Read it, with the facts read from it marked",
                              f"{root}/{iri[len(base):]}/read"))
    if "Recommendation" in types:
        links.append(ViewLink("Trace it to its goals, targets and SDGs",
                              url("/queries/trace-recommendation", recommendation=rel)))
    return links
