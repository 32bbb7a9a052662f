"""Evaluate goal tracing against the hand labels of `tests/data/goal_labels/` (rule book:
its README.md): precision, recall and F1 per goal and per method, and the calibration table.

    python -m cepa_kg.loaders.goal_eval                     # every labelled item
    python -m cepa_kg.loaders.goal_eval --half test         # the half the vocabulary was not tuned on

Each item of `items.jsonl` is traced as the loaders trace it: its text, with its list lead-in
as context, its subtopic and theme as the headings it inherits from. Scored at goal level
(SDG 1-17 and MDG 1-8): the goals traced by `explicit` or `thematic` against the labels'
`sdg_goals` and `mdg_goals`; `inherited` links against the labelled goals and the labels'
`inherited_sdg_goals`. Targets are scored apart (precision and recall over all targets).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cepa_kg.loaders.goals import Alignment, align, goal_of, is_target, notation
from cepa_kg.loaders.spans import Span

DEFAULT_DIR = Path("tests/data/goal_labels")
DIRECT = ("explicit", "thematic")
#: Score bins of the calibration table.
BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    era: str | None
    text: str
    lead_in: str | None
    headings: tuple[str, ...]  # subtopic, review theme, theme: what it may inherit from
    goals: frozenset[str]  # "sdg-16", "mdg-8"
    targets: frozenset[str]  # "sdg-16-6", "mdg-8f"
    inherited: frozenset[str]
    explicit: frozenset[str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    items: int = 0
    goals: dict[str, Counts] = field(default_factory=dict)
    methods: dict[str, Counts] = field(default_factory=dict)  # tp / fp per method
    targets: Counts = field(default_factory=Counts)
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # (score, right)
    traced: dict[str, list[Alignment]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        scored = [c for c in self.goals.values() if c.tp + c.fn + c.fp]  # labelled or traced
        return sum(c.f1 for c in scored) / len(scored) if scored else 0.0

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.goals.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total


def _codes(field_value: str, framework: str) -> frozenset[str]:
    out = set()
    for n in field_value.split():
        if "." in n:
            goal, t = n.split(".")
            out.add(f"sdg-{goal}-{t}" if framework == "sdg" else f"mdg-{goal}{t.lower()}")
        else:
            out.add(f"{framework}-{n}")
    return frozenset(out)


def _explicit(field_value: str) -> frozenset[str]:
    out: set[str] = set()
    for part in field_value.split(";"):
        part = part.strip()
        if not part:
            continue
        fw, num = part.split()
        out |= _codes(num, fw.lower())
    return frozenset(out)


def read_items(folder: Path = DEFAULT_DIR) -> list[Item]:
    """The labelled items: `items.jsonl` joined with `labels.csv` by id."""
    raw = {d["id"]: d for d in (json.loads(line) for line in
                                (folder / "items.jsonl").read_text("utf-8").splitlines() if line)}
    with (folder / "labels.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    items = []
    for row in rows:
        d = raw[row["id"]]
        year = d.get("year")
        era = None if year is None else ("sdg" if year >= 2016 else "mdg")
        targets = _codes(row["sdg_targets"], "sdg") | _codes(row["mdg_targets"], "mdg")
        goals = _codes(row["sdg_goals"], "sdg") | _codes(row["mdg_goals"], "mdg")
        headings = tuple(h for h in (d.get("subtopic"), d.get("review_theme"), d.get("theme"))
                         if h)
        items.append(Item(row["id"], d["kind"], era, d["text"], d.get("lead_in"), headings,
                          goals | {goal_of(t) for t in targets}, targets,
                          _codes(row["inherited_sdg_goals"], "sdg"), _explicit(row["explicit"])))
    return items


def half_of(item_id: str) -> str:
    """"tune" or "test": a fixed half of the items by a digest of the id."""
    return "tune" if hashlib.sha1(item_id.encode()).digest()[0] % 2 == 0 else "test"


def trace_item(item: Item) -> list[Alignment]:
    """The item traced as a loader traces it: its headings first, then its lead-in and text."""
    parts: list[str] = []
    spans: list[Span] = []
    for heading in item.headings:
        at = sum(len(p) + 1 for p in parts)
        spans.append(Span(at, at + len(heading)))
        parts.append(heading)
    lead = (item.lead_in + " ") if item.lead_in else ""
    start = sum(len(p) + 1 for p in parts)
    doc = "\n".join([*parts, lead + item.text])
    rec = Span(start + len(lead), len(doc))
    context = Span(start, start + len(lead)) if lead else None
    subtopic = spans[0] if spans else None
    theme = spans[-1] if len(spans) > 1 else None
    return align(doc, rec, subtopic=subtopic, theme=theme, era=item.era, context=context,
                 project=item.kind == "project objective")


def evaluate(items: Iterable[Item]) -> Report:
    report = Report()
    for item in items:
        report.items += 1
        traced = trace_item(item)
        report.traced[item.id] = traced
        direct = {a.code for a in traced if a.method in DIRECT and not is_target(a.code)}
        for goal in direct | item.goals:
            c = report.goals.setdefault(goal, Counts())
            if goal in direct and goal in item.goals:
                c.tp += 1
            elif goal in direct:
                c.fp += 1
            else:
                c.fn += 1
        for a in traced:
            right = (goal_of(a.code) in item.goals | item.inherited if a.method == "inherited"
                     else (a.code in item.targets if is_target(a.code) else a.code in item.goals))
            m = report.methods.setdefault(a.method, Counts())
            if right:
                m.tp += 1
            else:
                m.fp += 1
            report.calibration.append((a.score, right))
        traced_targets = {a.code for a in traced if a.method in DIRECT and is_target(a.code)}
        report.targets.tp += len(traced_targets & item.targets)
        report.targets.fp += len(traced_targets - item.targets)
        report.targets.fn += len(item.targets - traced_targets)
    return report


def calibration_table(report: Report) -> list[tuple[str, int, float, float]]:
    """(bin, links, mean score, share right) per score bin."""
    out = []
    for lo, hi in BINS:
        inside = [(s, ok) for s, ok in report.calibration if lo <= s < hi]
        if inside:
            out.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(inside),
                        sum(s for s, _ in inside) / len(inside),
                        sum(ok for _, ok in inside) / len(inside)))
    return out


def render(report: Report) -> str:
    lines = [f"{report.items} items; macro F1 over the goals labelled or traced "
             f"{report.macro_f1:.3f}; "
             f"micro P {report.micro.precision:.3f} R {report.micro.recall:.3f} "
             f"F1 {report.micro.f1:.3f}; targets P {report.targets.precision:.3f} "
             f"R {report.targets.recall:.3f} F1 {report.targets.f1:.3f}", "",
             "| goal | labelled | traced | right | precision | recall | F1 |",
             "|---|---:|---:|---:|---:|---:|---:|"]

    def key(code: str) -> tuple[str, int]:
        return code.split("-")[0], int(code.split("-")[1])

    for goal in sorted(report.goals, key=key):
        c = report.goals[goal]
        lines.append(f"| {goal.upper().replace('-', ' ')} | {c.tp + c.fn} | {c.tp + c.fp} | "
                     f"{c.tp} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} |")
    lines += ["", "| method | links | right | precision |", "|---|---:|---:|---:|"]
    for method in ("explicit", "thematic", "inherited"):
        c = report.methods.get(method, Counts())
        lines.append(f"| {method} | {c.tp + c.fp} | {c.tp} | {c.precision:.2f} |")
    lines += ["", "| score | links | mean score | share right |", "|---|---:|---:|---:|"]
    for bin_, n, mean, share in calibration_table(report):
        lines.append(f"| {bin_} | {n} | {mean:.2f} | {share:.2f} |")
    return "\n".join(lines)


def misses(report: Report, items: list[Item]) -> str:
    """Per item, what tracing added and missed (goal level, direct methods)."""
    out = []
    for item in items:
        direct = {a.code for a in report.traced[item.id] if a.method in DIRECT
                  and not is_target(a.code)}
        extra, missing = direct - item.goals, item.goals - direct
        if extra or missing:
            ev = {a.code: a.evidence for a in report.traced[item.id]}
            out.append(f"{item.id}: +{sorted(f'{c} ({ev[c]!r})' for c in extra)} "
                       f"-{sorted(notation(c) + ' ' + c.split('-')[0] for c in missing)} | "
                       f"{item.text[:90]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--half", choices=("tune", "test"), help="only this half of the items")
    parser.add_argument("--misses", action="store_true", help="list each item's errors")
    args = parser.parse_args(argv)
    items = [i for i in read_items(args.folder) if args.half is None or half_of(i.id) == args.half]
    report = evaluate(items)
    print(render(report))
    if args.misses:
        print("\n" + misses(report, items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
