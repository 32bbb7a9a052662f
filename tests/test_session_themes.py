"""A session's main theme and its officers as pages write them (texts our own)."""

from __future__ import annotations

import pytest
from cepa_kg.loaders.session_fields import main_theme

_HELD = ("The Committee of Experts on Public Administration held its ninth session in New York "
         "from 14 to 18 April 2031.\n\n")


@pytest.mark.parametrize("sentence", [
    # in straight quotes (a web copy's), its closing quote before a comma
    "The session considered the theme 'Public institutions that answer to citizens', and "
    "heard the Bureau.",
    # the session's theme, then the quoted name after a comma
    "The session's theme, \"Public institutions that answer to citizens,\" set the tone.",
])
def test_a_quoted_theme_after_the_theme(sentence: str) -> None:
    theme = main_theme(_HELD + sentence)
    assert theme is not None
    assert theme.text == "Public institutions that answer to citizens"


def test_a_straight_quote_ends_at_the_quote_no_letter_follows() -> None:
    # (an apostrophe inside the name, a letter after it, does not close it)
    theme = main_theme(_HELD + "Its theme was 'What it's worth: trust in government'. It ended.")
    assert theme is not None
    assert theme.text == "What it's worth: trust in government"


def test_an_election_with_honorifics_gives_each_officer_role_and_country() -> None:
    # (the dot of "Ms." and "Mr." ends no sentence)
    from cepa_kg.loaders.session_fields import bureau
    people = bureau("The Committee elected Ms. Ana Lobo (Chile) as Chair and Mr. Tomas Berg "
                    "(Norway) as Vice-Chair.\n")
    assert [(p.name, p.role, p.country) for p in people] == [
        ("Ana Lobo", "Chair", "Chile"), ("Tomas Berg", "Vice-Chair", "Norway")]


def test_a_bureau_line_s_post_is_on_its_own_line() -> None:
    from cepa_kg.loaders.session_fields import bureau
    people = bureau("Bureau\nChair: Ana Lobo (Chile)\nVice-Chairs: Tomas Berg (Norway), Li Na "
                    "(China)\n")
    assert [(p.name, p.role, p.post) for p in people][0] == ("Ana Lobo", "Chair", "")
    assert {p.name for p in people} == {"Ana Lobo", "Tomas Berg", "Li Na"}
