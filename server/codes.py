"""The codes people know goals and targets by ("MDG 6", "Target 8.A", "SDG 16.5"), read from
the IRIs the loaders mint (`id/goal/mdg-6`, `id/target/mdg-8a`, `id/target/sdg-16-5`): every
page can write them without another query."""

from __future__ import annotations

import re

_GOAL = re.compile(r"/id/(goal|target)/(mdg|sdg)-(\d+)(?:-?([0-9a-z]+))?$")
_LABEL_CODE = re.compile(r"^Target \d+\.[0-9A-Za-z]+:\s*")


def goal_code(iri: str) -> str:
    """"MDG 6", "SDG 16", "Target 8.A" (an MDG target), "SDG 16.5" / "SDG 16.a" (an SDG
    target); "" for any other IRI."""
    match = _GOAL.search(iri)
    if not match:
        return ""
    kind, framework, goal, target = match.groups()
    if kind == "goal" and target is None:
        return f"{framework.upper()} {goal}"
    if kind == "target" and target:
        if framework == "mdg":
            return f"Target {goal}.{target.upper()}"
        return f"SDG {goal}.{target}"
    return ""


def coded_label(iri: str, label: str) -> str:
    """The label with its code in front ("SDG 16.5: Substantially reduce corruption ..."),
    without the "Target 16.5:" the reference data writes into target labels; the label alone
    for anything that is not a goal or target."""
    code = goal_code(iri)
    if not code:
        return label
    rest = _LABEL_CODE.sub("", label).strip()
    return f"{code}: {rest}" if rest and rest != code else code
