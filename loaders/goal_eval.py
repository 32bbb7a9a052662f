"""Evaluate the goal aligner against hand labels: per-goal precision, recall and F1.

`python -m cepa_kg.loaders.goal_eval [labels.csv]` prints the table. The labels file
(default `tests/data/goal_labels.csv`) has the columns `session,key,text_start,goals,reason`:
`key` is the first ~60 characters of the item's text (white space collapsed), `text_start` its
offset in the session document, `goals` the MDGs it serves ("8", "4;5;6" or "none").

Each labelled item is found in its session document (`cepa-session-NN-YYYY.txt` from
`cepa_kg.resources.corpus_dir()`) by its key, extended to the end of the item, and aligned with
the theme (the main theme, or the AMR theme inside the AMR table) and the subtopic of its table
row, as a session loader would pass them. Only goals (mdg-1 .. mdg-8) are scored, not targets.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cepa_kg.loaders.goals import align
from cepa_kg.loaders.spans import Span

DEFAULT_LABELS = Path("tests/data/goal_labels.csv")

#: Where an item ends: a bullet, a semicolon before the next verb of a list, a line break that
#: does not continue the cell (a continuation line starts with a space, or a tab and a space), or
#: a full stop before the next "X should / need(s) to" sentence.
_ITEM_END = re.compile(
    r"\s*•"
    r"|;(?=\s+(?!and\b|the\b|or\b)[a-z])"
    r"|\n(?![ \t]* \S)"
    r"|(?<=\.)\s+(?=[A-Z][^.;•\n]*?\b(?:should|needs?\s+to)\b)"
)
_MAIN_THEME = re.compile(r"^Main theme:[ \t]*(?P<t>[^\t\n]*?)[ \t]*$", re.M)
_AMR_THEME = re.compile(r"^Annual Ministerial Review theme[ \t]+(?P<t>(?!Major)[^\t\n]*?)[ \t]*\t",
                        re.M)
_RESOLUTION = re.compile(r"^Resolution[ \t]*$", re.M)
_HEADER = re.compile(r"^(?:Subtopics|Annual Ministerial Review theme|Resolution)\b")


@dataclass(frozen=True)
class Label:
    session: int
    key: str
    text_start: int | None
    goals: frozenset[int]
    reason: str


@dataclass(frozen=True)
class GoalScore:
    goal: int
    tp: int
    fp: int
    fn: int

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


@dataclass(frozen=True)
class Report:
    scores: list[GoalScore]  # goals that appear in labels or predictions
    items: list[tuple[Label, Span, frozenset[int]]]  # label, item span, predicted goals

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.scores) / len(self.scores) if self.scores else 0.0


def read_labels(path: Path) -> list[Label]:
    """The labels of a `session,key,text_start,goals,reason` CSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    labels = []
    for row in rows:
        goals = row["goals"].strip()
        nums = frozenset() if goals in ("", "none") else frozenset(int(g) for g in goals.split(";"))
        if not nums <= set(range(1, 9)):
            raise ValueError(f"bad goals {goals!r} for {row['key']!r}")
        start = row.get("text_start", "").strip()
        labels.append(Label(int(row["session"]), row["key"].strip(), int(start) if start else None,
                            nums, row["reason"].strip()))
    return labels


def find_item(text: str, key: str) -> Span:
    """The span of the item whose text starts with `key` (white space between words free).

    Raises:
        LookupError: the key is not in the text, or is in it more than once.

    >>> doc = "Member States should:\\n• act now; and\\n later. • wait"
    >>> find_item(doc, "act now; and later").of(doc)
    'act now; and\\n later.'
    """
    pattern = r"\s+".join(re.escape(w) for w in key.split())
    found = list(re.finditer(pattern, text))
    if len(found) != 1:
        raise LookupError(f"key found {len(found)} times: {key!r}")
    start = found[0].start()
    end_match = _ITEM_END.search(text, found[0].end())
    end = end_match.start() if end_match else len(text)
    # drop the list punctuation at the end, and the "; and" before a last bullet
    tail = re.search(r"[\s;:•-]*(?:;\s*and)?[\s;:•-]*$", text[start:end])
    if tail:
        end = start + tail.start()
    return Span(start, end).strip(text)


def item_context(text: str, rec: Span) -> tuple[Span | None, Span | None]:
    """(subtopic, theme) spans for the item at `rec`, read from the session table layout."""
    theme = None
    main = _MAIN_THEME.search(text)
    if main:
        theme = Span(main.start("t"), main.end("t"))
    amr = _AMR_THEME.search(text)
    resolution = [m.start() for m in _RESOLUTION.finditer(text)]
    in_amr = amr is not None and amr.start() <= rec.start
    if amr and in_amr and not any(amr.start() < r <= rec.start for r in resolution):
        theme = Span(amr.start("t"), amr.end("t"))
    return _row_subtopic(text, rec.start), theme


def _row_subtopic(text: str, pos: int) -> Span | None:
    """The first cell of the item's table row: the nearest non-empty one at or above its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    while True:
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _HEADER.match(line) or line.startswith("Main theme") or _RESOLUTION.match(line):
            return None
        if "\t" in line and line.split("\t", 1)[0].strip():
            return Span(line_start, line_start + line.index("\t")).strip(text)
        if line_start == 0:
            return None
        line_start = text.rfind("\n", 0, line_start - 1) + 1


def session_document(session: int) -> str:
    """The text of the corpus document of session `session`."""
    from cepa_kg.resources import corpus_dir

    for f in corpus_dir().iterdir():
        if re.fullmatch(rf"cepa-session-{session:02d}-\d{{4}}\.txt", f.name):
            return f.read_text(encoding="utf-8")
    raise LookupError(f"no corpus document for session {session}")


def predicted_goals(text: str, rec: Span, *, context: bool = True) -> frozenset[int]:
    subtopic, theme = item_context(text, rec) if context else (None, None)
    codes = {a.code for a in align(text, rec, subtopic=subtopic, theme=theme)}
    return frozenset(int(c[4]) for c in codes if re.fullmatch(r"mdg-[1-8]", c))


def evaluate(
    labels: Iterable[Label], documents: Mapping[int, str] | None = None, *, context: bool = True
) -> Report:
    """Score the aligner's goals against `labels` (documents by session; default: the corpus)."""
    docs = dict(documents or {})
    items = []
    for label in labels:
        if label.session not in docs:
            docs[label.session] = session_document(label.session)
        text = docs[label.session]
        rec = find_item(text, label.key)
        items.append((label, rec, predicted_goals(text, rec, context=context)))
    goals = sorted(set().union(*(lab.goals | pred for lab, _, pred in items)))
    scores = [
        GoalScore(
            g,
            tp=sum(1 for lab, _, pred in items if g in lab.goals and g in pred),
            fp=sum(1 for lab, _, pred in items if g not in lab.goals and g in pred),
            fn=sum(1 for lab, _, pred in items if g in lab.goals and g not in pred),
        )
        for g in goals
    ]
    return Report(scores, items)


def format_table(report: Report) -> str:
    lines = [f"{'goal':<6} {'TP':>3} {'FP':>3} {'FN':>3} {'P':>6} {'R':>6} {'F1':>6}"]
    for s in report.scores:
        lines.append(f"MDG {s.goal:<2} {s.tp:>3} {s.fp:>3} {s.fn:>3} "
                     f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    lines.append(f"macro F1 over {len(report.scores)} goals: {report.macro_f1:.3f} "
                 f"({len(report.items)} items)")
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    out = []
    for lab, _, pred in report.items:
        if lab.goals != pred:
            want = ";".join(map(str, sorted(lab.goals))) or "none"
            got = ";".join(map(str, sorted(pred))) or "none"
            out.append(f"  s{lab.session} {lab.key[:50]!r}: labelled {want}, predicted {got}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cepa_kg.loaders.goal_eval",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("labels", nargs="?", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--no-context", action="store_true",
                        help="align the item text alone, without its subtopic and theme")
    parser.add_argument("--errors", action="store_true", help="list the items predicted wrong")
    args = parser.parse_args(argv)
    report = evaluate(read_labels(args.labels), context=not args.no_context)
    print(format_table(report))
    if args.errors:
        print(format_errors(report) or "  no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
