"""Goal tracing against the hand labels of `tests/data/goal_labels/` (written from the texts by
the rule book in its README.md, without the tracer's output in view): every explicit link names
its goal, no goal takes over a session the labels do not give it, the scores are calibrated,
and the F1 figures do not fall back."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cepa_kg.loaders import goal_eval
from cepa_kg.loaders.goals import goal_of, notation

LABELS = Path(__file__).parent / "data" / "goal_labels"
#: What the tracer reaches today (python -m cepa_kg.loaders.goal_eval): floors, so that
#: nothing falls back. The goal of the goal-tracing issue is a macro F1 of 0.85.
FLOORS = {"micro_f1": 0.80, "macro_f1": 0.85, "targets_f1": 0.65}


@pytest.fixture(scope="module")
def items() -> list[goal_eval.Item]:
    return goal_eval.read_items(LABELS)


@pytest.fixture(scope="module")
def report(items: list[goal_eval.Item]) -> goal_eval.Report:
    return goal_eval.evaluate(items)


def test_the_labels_cover_every_item_once() -> None:
    ids = [json.loads(line)["id"] for line in (LABELS / "items.jsonl").read_text("utf-8")
           .splitlines() if line]
    with (LABELS / "labels.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(ids) >= 150 and sorted(r["id"] for r in rows) == sorted(ids)
    assert (LABELS / "README.md").read_text("utf-8").startswith("# Hand labels")
    eras = Counter("sdg" if (json.loads(line).get("year") or 0) >= 2016 else "mdg"
                   for line in (LABELS / "items.jsonl").read_text("utf-8").splitlines() if line)
    assert eras["sdg"] >= 15 and eras["mdg"] >= 100  # both eras


def test_every_explicit_link_names_its_goal_or_target(report: goal_eval.Report) -> None:
    explicit = [a for links in report.traced.values() for a in links if a.method == "explicit"]
    assert explicit
    topics = r"health|maternal|child|HIV|malaria|disease|poverty|hunger|education|gender|women|" \
             r"environment|water|partnership"
    for a in explicit:
        number = notation(goal_of(a.code))
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", a.evidence) or re.search(
            topics, a.evidence, re.I), (a.code, a.evidence)
    assert report.methods["explicit"].precision == 1.0


def test_no_goal_takes_over_a_session_the_labels_do_not_give_it(
        items: list[goal_eval.Item], report: goal_eval.Report) -> None:
    """More than half of a seed session's recommendations on one goal or target only where
    the labels put more than half there too (the old tracer put MDG 8.A on 41 of 46)."""
    for document in ("corpus/cepa-session-05-2006.txt", "corpus/cepa-session-08-2009.txt"):
        mine = [i for i in items if i.id.startswith(Path(document).stem + "#")]
        assert len(mine) >= 20
        traced, labelled = Counter(), Counter()
        for item in mine:
            traced.update({a.code for a in report.traced[item.id]})
            labelled.update(item.goals | item.targets)
        for code, n in traced.items():
            if n > len(mine) / 2:
                assert labelled[code] > len(mine) / 2, (document, code, n, labelled[code])


def test_scores_are_calibrated(report: goal_eval.Report) -> None:
    """In every score bin with 20 links or more, the share of right links is within 0.15 of
    the bin's mean score."""
    table = goal_eval.calibration_table(report)
    assert len(table) >= 3
    for bin_, n, mean, share in table:
        if n >= 20:
            assert abs(share - mean) <= 0.15, (bin_, n, mean, share)


def test_f1_does_not_fall_back(report: goal_eval.Report) -> None:
    assert report.micro.f1 >= FLOORS["micro_f1"]
    assert report.macro_f1 >= FLOORS["macro_f1"]
    assert report.targets.f1 >= FLOORS["targets_f1"]


def test_the_report_prints_its_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert goal_eval.main([str(LABELS), "--half", "test"]) == 0
    out = capsys.readouterr().out
    assert "| goal | labelled |" in out and "| method | links |" in out and "| score |" in out
