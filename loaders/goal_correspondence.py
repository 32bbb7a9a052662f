"""The SDGs a recommendation serves, derived from its MDG alignments through the editorial
MDG→SDG correspondence (ontology/mdg-sdg.ttl).

Target-level links are used for every aligned MDG target. A goal-level link is used only for an
aligned goal none of whose targets is aligned, and only when it names at most two SDGs: MDG 8
(or 1, 7) as a whole relates to five SDGs, too diffuse to claim for one recommendation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SKOS

from cepa_kg.loaders.goals import Alignment
from cepa_kg.resources import ontology_dir

_BASE = "http://cepa-kg.invalid/"  # any base: only the relative paths matter
MAX_GOAL_LEVEL_SDGS = 2
SCORE_FACTOR = 0.8  # an editorial correspondence weakens the evidence


@dataclass(frozen=True)
class SdgAlignment:
    code: str  # "sdg-16"
    via: str  # the MDG code it follows from: "mdg-8a"
    score: float
    source: Alignment  # the MDG alignment whose evidence it carries


@lru_cache(maxsize=1)
def sdg_links() -> dict[str, tuple[str, ...]]:
    """MDG code ("mdg-8a", "mdg-4") -> the SDG goal codes it relates to ("sdg-16", ...)."""
    graph = Graph().parse(data=ontology_dir().joinpath("mdg-sdg.ttl").read_bytes(),
                          format="turtle", publicID=_BASE)
    links: dict[str, set[str]] = {}
    for mdg, sdg in graph.subject_objects(SKOS.relatedMatch):
        source, target = str(mdg), str(sdg)
        if source.startswith(_BASE) and target.startswith(_BASE + "id/goal/sdg-"):
            links.setdefault(source.rsplit("/", 1)[-1], set()).add(target.rsplit("/", 1)[-1])
    return {k: tuple(sorted(v, key=lambda c: int(c.split("-")[1]))) for k, v in links.items()}


def sdg_alignments(alignments: list[Alignment]) -> list[SdgAlignment]:
    """One SdgAlignment per SDG, from the strongest MDG alignment that leads to it."""
    links = sdg_links()
    aligned = {a.code for a in alignments}
    best: dict[str, SdgAlignment] = {}
    for a in alignments:
        if not a.code.startswith("mdg-"):
            continue  # SDGs read from the text need no correspondence
        is_target = a.code[-1].isalpha()
        if is_target:
            sdgs = links.get(a.code, ())
        elif any(code.startswith(a.code) and code != a.code for code in aligned):
            continue  # the goal's aligned targets say more precisely where it leads
        else:
            sdgs = links.get(a.code, ())
            if len(sdgs) > MAX_GOAL_LEVEL_SDGS:
                continue
        for sdg in sdgs:
            candidate = SdgAlignment(sdg, a.code, round(a.score * SCORE_FACTOR, 3), a)
            if sdg not in best or candidate.score > best[sdg].score:
                best[sdg] = candidate
    return sorted(best.values(), key=lambda s: int(s.code.split("-")[1]))
