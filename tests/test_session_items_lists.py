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


def test_what_the_committee_discussed_in_a_sentence_when_no_items_are_listed() -> None:
    page = ("During the week the experts discussed local public finance, climate institutions, "
            "digital identity and peacebuilding.")
    assert [i.text for i in agenda_items(page)] == [
        "local public finance", "climate institutions", "digital identity", "peacebuilding"]
    report = ("It reported to the Council, particularly focusing on the themes of civil service "
              "reform, open data, and local governance, among others.")
    assert [i.text for i in agenda_items(report)] == [
        "civil service reform", "open data", "local governance"]


def test_a_sentence_of_clauses_or_of_the_items_gives_no_bare_split() -> None:
    assert agenda_items("The Committee discussed how ministries, cities and donors could work "
                        "together, and noted progress.") == ()
    page = ("The matters discussed at the session were the reach of e-services, the cost of "
            "reform and the position of women and young people in the civil service.")
    assert [i.text for i in agenda_items(page)][-1] == (
        "the position of women and young people in the civil service")


def test_items_separated_by_commas_after_a_colon() -> None:
    page = ("Some of the sub-themes to be covered are: open budgets for citizens, skills for the "
            "public sector, trust in local government, as well as")
    assert [i.text for i in agenda_items(page)] == [
        "open budgets for citizens", "skills for the public sector", "trust in local government"]
