"""The goal tracer on expert-labelled text it was not written against: the SDG Classification
Benchmark (1,251 snippets, each judged for or against one SDG; the `sdgclassification-benchmark`
package of the test extra). The vocabulary's second tier was studied on aggregate errors of the
`dev` half only; the `test` half's average accuracy is the figure that tells, and its bar is the
issue's goal: 85%, ahead of every published keyword and query system (70-81%)."""

from __future__ import annotations

import pytest

from cepa_kg.loaders.goal_benchmark import evaluate, half, metrics, predicted_sdgs, rows


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[int, bool, bool]]]:
    return evaluate(rows())


def test_the_benchmark_is_whole_and_split_in_two() -> None:
    data = rows()
    assert len(data) == 1251
    halves = {half(r["id"]) for r in data}
    assert halves == {"dev", "test"}
    assert {int(r["sdg"]) for r in data} == set(range(1, 18))


def test_unseen_half_average_accuracy_is_at_least_85(results) -> None:
    figures = metrics(results["test"])
    assert figures["accuracy"] >= 85.0, figures


def test_every_sdg_is_read_on_the_unseen_half(results) -> None:
    """No goal left to chance: each SDG's own accuracy on the test half at least 70%."""
    for sdg in range(1, 18):
        mine = [r for r in results["test"] if r[0] == sdg]
        assert metrics(mine)["accuracy"] >= 70.0, (sdg, metrics(mine))


def test_a_generic_mention_of_the_framework_names_no_goal() -> None:
    assert predicted_sdgs("The 2030 Agenda and the Sustainable Development Goals guide us.") == set()
    assert predicted_sdgs("Groundwater abstraction in the river basin exceeds recharge.") == {6}
