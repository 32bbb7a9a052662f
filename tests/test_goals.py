"""Goal tracing (`loaders/goals.py`, its vocabulary `loaders/goal_vocabulary.toml`): methods
that mean what they say, names and contexts respected, no default goal."""

from __future__ import annotations

import doctest
import re

import pytest

from cepa_kg.loaders import goals
from cepa_kg.loaders.goals import align, frameworks, goal_of, is_target, notation, vocabulary
from cepa_kg.loaders.spans import Span


def traced(text: str, **kw: object) -> dict[str, goals.Alignment]:
    return {a.code: a for a in align(text, Span(0, len(text)), **kw)}  # type: ignore[arg-type]


# --------------------------------------------------------------------------------- explicit


@pytest.mark.parametrize("text, codes", [
    ("Countries should pursue SDG 16 in all their reforms.", {"sdg-16"}),
    ("It contributes to SDGs 16 and 17.", {"sdg-16", "sdg-17"}),
    ("in line with Sustainable Development Goal 6 on water", {"sdg-6"}),
    ("work towards target 16.6 and 16.7 of the Goals", {"sdg-16-6", "sdg-16-7", "sdg-16"}),
    ("SDG target 16.a asks for strong national institutions", {"sdg-16-a", "sdg-16"}),
    ("progress on MDG 5 has been slowest", {"mdg-5"}),
    ("the Millennium Development Goal on maternal health", {"mdg-5"}),
    ("the health-related MDGs call for stronger systems", {"mdg-4", "mdg-5", "mdg-6"}),
    ("MDG target 8.F calls for the benefits of new technologies", {"mdg-8f", "mdg-8"}),
    ("Goals 16 and 17 of the 2030 Agenda", {"sdg-16", "sdg-17"}),
    ("progress on SDGs 13 (climate action), 14 (life below water) and 15 (life on land)",
     {"sdg-13", "sdg-14", "sdg-15"}),
])
def test_named_goals_and_targets_are_explicit(text: str, codes: set[str]) -> None:
    found = traced(text)
    explicit = {c for c, a in found.items() if a.method == "explicit"}
    assert codes <= explicit, found
    for code in codes:  # the evidence names it
        evidence = found[code].evidence
        assert notation(goal_of(code)) in evidence or re.search(
            r"maternal|health|related", evidence), (code, evidence)
        assert found[code].score == 1.0


def test_a_bare_goal_number_follows_the_text_then_the_era() -> None:
    assert "sdg-6" in traced("Goal 6 of the Sustainable Development Goals matters.")
    assert "mdg-6" in traced("Goal 6 of the MDGs matters.")
    assert "mdg-6" in traced("Progress on Goal 6 was reviewed.", era="mdg")
    assert "sdg-6" in traced("Progress on Goal 6 was reviewed.", era="sdg")
    assert "sdg-12" in traced("Goal 12 was reviewed.", era="mdg")  # no MDG 12
    assert traced("Progress on Goal 6 was reviewed.") == {}  # no era, no guess


@pytest.mark.parametrize("mention", [
    "the Millennium Development Goals", "the MDGs", "the 2030 Agenda for Sustainable Development",
    "the internationally agreed development goals", "the Sustainable Development Goals",
])
def test_a_framework_named_as_a_whole_names_no_goal(mention: str) -> None:
    text = f"Member States should review their institutions to achieve {mention}."
    found = traced(text)
    assert not any(a.method == "explicit" for a in found.values()), found
    assert frameworks(text, Span(0, len(text)))


# --------------------------------------------------------------------------------- thematic


@pytest.mark.parametrize("text, code", [
    ("strengthen primary health care and universal health coverage", "sdg-3-8"),
    ("reduce maternal mortality in rural districts", "mdg-5a"),
    ("fight corruption and bribery in procurement", "sdg-16-5"),
    ("guarantee public access to information held by ministries", "sdg-16-10"),
    ("promote women's participation in leadership positions", "sdg-5-5"),
    ("extend broadband and internet access to rural areas", "sdg-9-c"),
    ("mobilize domestic resources through fair taxation", "sdg-17-1"),
    ("improve access to safe drinking water and sanitation", "sdg-6"),
])
def test_a_subject_gives_its_goal_and_target_with_the_phrase(text: str, code: str) -> None:
    found = traced(text)
    assert code in found and found[code].method == "thematic", found
    assert goal_of(code) in found
    a = found[code]
    assert text[a.span.start:a.span.end] == a.evidence and 0 < a.score < 1


@pytest.mark.parametrize("text, not_code", [
    ("DPADM took part in the Internet Governance Forum in Baku.", "sdg-16"),
    ("The winners of the United Nations Public Service Awards were announced.", "sdg-16"),
    ("Schools of public administration should train civil servants.", "sdg-4"),
    ("Governments should create an enabling environment for innovation.", "mdg-7"),
    ("UN Women and DPADM organized the forum.", "sdg-5"),
    ("Civil servants need fair pay and careers.", "sdg-8"),
    ("The Committee met in Mexico City.", "sdg-11"),
    ("Officials should declare conflicts of interest.", "sdg-16-1"),
])
def test_names_and_contexts_empty_a_word(text: str, not_code: str) -> None:
    assert not_code not in traced(text)


def test_nothing_goal_specific_has_no_goal() -> None:
    for text in ("The Secretariat should report to the Committee at its next session.",
                 "Requests the Secretariat to prepare a note for the twelfth session.",
                 "The Committee adopted its agenda."):
        assert traced(text) == {}, text


def test_a_phrase_broken_over_lines_keeps_its_exact_evidence() -> None:
    text = "Countries should extend universal health\n   coverage to all."
    a = traced(text)["sdg-3-8"]
    assert a.evidence == "universal health\n   coverage" == text[a.span.start:a.span.end]


def test_more_phrases_of_one_goal_raise_its_score() -> None:
    one = traced("Fight corruption.")["sdg-16-5"].score
    two = traced("Fight corruption and bribery.")["sdg-16-5"].score
    assert two > one


# --------------------------------------------------------------------------------- inherited


def test_the_heading_gives_only_what_the_text_does_not() -> None:
    text = "Public health systems\nMember States should train more nurses.\nFight corruption."
    rec = Span(text.index("Member"), text.index("Fight") - 1)
    heading = Span(0, len("Public health systems"))
    found = {a.code: a for a in align(text, rec, subtopic=heading)}
    assert found["sdg-3"].method == "thematic"  # "nurses": the text's own
    corruption = Span(text.index("Fight"), len(text))
    inherited = {a.code: a for a in align(text, corruption, subtopic=heading)}
    assert inherited["sdg-3"].method == "inherited"
    assert inherited["sdg-3"].score < traced("health systems")["sdg-3"].score
    assert inherited["sdg-16-5"].method == "thematic"


def test_span_outside_the_text_is_an_error() -> None:
    with pytest.raises(ValueError):
        align("short", Span(0, 50))


# --------------------------------------------------------------------------------- codes, data


def test_codes() -> None:
    assert [goal_of(c) for c in ("sdg-16-6", "sdg-16-a", "mdg-8f", "sdg-3")] == [
        "sdg-16", "sdg-16", "mdg-8", "sdg-3"]
    assert is_target("sdg-16-6") and not is_target("sdg-16")
    assert [notation(c) for c in ("sdg-16-6", "mdg-8f", "sdg-16-a")] == ["16.6", "8.F", "16.a"]
    with pytest.raises(ValueError):
        goal_of("sdg-18x")


def test_the_vocabulary_names_real_goals_and_targets() -> None:
    cues = vocabulary()
    assert len(cues) >= 50
    codes = {c for cue in cues for c in cue.codes}
    assert {goal_of(c) for c in codes if c.startswith("sdg")} == {f"sdg-{n}" for n in range(1, 18)}
    assert {goal_of(c) for c in codes if c.startswith("mdg")} == {f"mdg-{n}" for n in range(1, 9)}
    for cue in cues:
        assert 0 < cue.weight < 1


def test_doctests() -> None:
    assert doctest.testmod(goals).failed == 0


@pytest.mark.parametrize(("text", "goal", "served"), [
    ("Governments should bring climate, energy and biodiversity responsibilities under "
     "common planning.", "sdg-7", False),  # the areas a coordination spans (rule 4)
    ("Governments should expand access to renewable energy in rural areas.", "sdg-7", True),
    ("Member States should promote transparency, accountability and participation in the "
     "public sector.", "sdg-16", True),  # principles in a list are still the subject
])
def test_a_sector_named_in_a_list_of_areas_is_no_goal_of_its_own(
        text: str, goal: str, served: bool) -> None:
    codes = {a.code for a in align(text, Span(0, len(text)))}
    assert (goal in codes) is served, codes
