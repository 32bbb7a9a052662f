"""Goal tracing on demand: `cepa-kg goals` (a text, a file, JSON lines) and `POST /goals`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cepa_kg.cli import main

BASE = "http://localhost:8000/"
TEXT = "Member States should strengthen primary health care and fight corruption, as SDG 16 asks."


def _check(answer: dict, text: str) -> None:
    goals = {a["goal"] for a in answer["alignments"]}
    assert {BASE + "id/goal/sdg-3", BASE + "id/goal/sdg-16"} <= goals
    explicit = [a for a in answer["alignments"] if a["method"] == "explicit"]
    assert [a["evidence"]["text"] for a in explicit] == ["SDG 16"]
    for a in answer["alignments"]:
        ev = a["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"] and 0 < a["score"] <= 1
        assert a["target"] is None or a["target"].startswith(BASE + "id/target/")


def test_the_cli_traces_a_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goals", TEXT]) == 0
    _check(json.loads(capsys.readouterr().out), TEXT)


def test_the_cli_traces_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["goals", "--file", str(path)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["id"] == str(path)
    _check(answer, TEXT)


def test_the_cli_reads_json_lines(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    lines = [{"id": "a", "text": TEXT}, {"id": 2, "text": "Report to the Committee."},
             {"id": "b", "text": "Progress on Goal 5 was slow.", "era": "mdg"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    assert main(["goals", "--jsonl"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "b"]
    _check(out[0], TEXT)
    assert out[1]["alignments"] == []  # nothing goal-specific: no goal
    assert [a["goal"] for a in out[2]["alignments"]] == [BASE + "id/goal/mdg-5"]


def test_the_cli_names_a_bad_line(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": 1, "text": "health"}\n{"id": 2}\n'))
    assert main(["goals", "--jsonl"]) == 2
    assert "stdin line 2" in capsys.readouterr().err
    assert main(["goals"]) == 2  # nothing to trace


def test_post_goals_answers_one_item_or_a_list(client: TestClient) -> None:
    one = client.post("/goals", json={"id": "r1", "text": TEXT})
    assert one.status_code == 200 and one.headers["content-type"] == "application/json"
    assert one.json()["id"] == "r1"
    _check(one.json(), TEXT)
    many = client.post("/goals", json=[{"text": TEXT}, {"id": 7, "text": "no goal here"}])
    assert [a["id"] for a in many.json()] == [None, 7]
    assert many.json()[1]["alignments"] == []


@pytest.mark.parametrize("body, headers, status, words", [
    (b"{not json", {"Content-Type": "application/json"}, 400, "not JSON"),
    (b'{"id": 1}', {"Content-Type": "application/json"}, 400, "text"),
    (b'{"text": "x", "era": "modern"}', {"Content-Type": "application/json"}, 400, "era"),
    (b"text=health", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "json"),
    (json.dumps([{"text": "x"}] * 1001).encode(), {"Content-Type": "application/json"}, 400,
     "at most 1,000"),
    (json.dumps({"text": "x" * 100_001}).encode(), {"Content-Type": "application/json"}, 400,
     "100,000"),
])
def test_post_goals_refuses_bad_bodies_clearly(client: TestClient, body: bytes,
                                               headers: dict, status: int, words: str) -> None:
    r = client.post("/goals", content=body, headers=headers)
    assert r.status_code == status and words in r.text, r.text
