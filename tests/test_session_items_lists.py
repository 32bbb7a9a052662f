"""Agenda items written as a plain list in a sentence: a one-word item among three or more
("accountability, ethical leadership, ..."), and a last item cut at "and" before a gerund
("responsive service delivery and fostering innovation")."""

from __future__ import annotations

from cepa_kg.loaders.session_fields import agenda_items


def test_one_word_items_and_a_last_item_cut_before_a_gerund() -> None:
    page = ("The matters discussed at the session were integrity, open budgets, local service "
            "delivery; digital inclusion and reaching remote communities.")
    assert [i.text for i in agenda_items(page)] == [
        "integrity", "open budgets", "local service delivery", "digital inclusion",
        "reaching remote communities"]


def test_a_pair_joined_by_and_stays_one_item_and_a_lone_word_after_a_cue_is_none() -> None:
    page = ("The matters discussed at the session were citizen trust, procurement reform, "
            "monitoring and evaluation.")
    assert [i.text for i in agenda_items(page)][-1] == "monitoring and evaluation"
    assert agenda_items("The agenda items included: budgets.") == ()
