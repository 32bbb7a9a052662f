"""An evaluation report's cover as document sites transcribe it (texts our own)."""

from __future__ import annotations

from cepa_kg.loaders import project


def _titles(text: str) -> list[str]:
    return [r.title for r in project.parse(text).projects]


def test_a_sites_lower_case_heading_over_a_page_count_is_not_the_cover() -> None:
    # (the heading repeats the cover's first line; the cover below runs on into one line, its
    # title after "Project Account-" up to the footnote mark and "Prepared by")
    text = ("external evaluation of unctad project account\n\n48\nExternal Evaluation of UNCTAD "
            "Project Account- Building Trade Skills of Sahel Customs Officers for the Goals of "
            "the Decade* Prepared by Nordlys Evaluation Group March 2016 *This report was "
            "commissioned by UNCTAD.\n")
    assert _titles(text) == [
        "Building Trade Skills of Sahel Customs Officers for the Goals of the Decade"]


def test_a_run_on_cover_s_title_after_its_code_and_a_dash() -> None:
    text = ("1 External Evaluation of Development Account Project 1011AB - Safer Roads for "
            "Landlocked Countries through Shared Transit Rules* Prepared by Anna Berg October "
            "2017 *This report was commissioned by UNCTAD.\n")
    assert _titles(text) == ["Safer Roads for Landlocked Countries through Shared Transit Rules"]


def test_a_cover_s_code_line_alone_has_the_title_in_the_paragraph_below() -> None:
    from cepa_kg.loaders import project

    # (the document site splits the cover's first words over blank lines)
    cover = ("You are on page 1 of 88\n\nPreparing Water\n\nPlans in\n\nSmall Islands\n\n- WORKING "
             "DRAFT -\n\nDevelopment Account "
             "Project (ROA 214)\n\n\nStrengthening National Capacity to Plan\nWater Services in "
             "Small Island Developing States\n\nUnited Nations Department of Economic and "
             "Social Affairs\n")
    [rec] = project.parse(cover).projects
    assert rec.title == ("Strengthening National Capacity to Plan Water Services in Small Island "
                         "Developing States")


def test_a_title_with_a_subtitle_after_its_colon_and_a_link_s_words_that_are_no_title() -> None:
    page = ("Skip to main content\n\n\nClean water for inclusive towns: service benchmarks in "
            "secondary cities of Central Asia\n16th Tranche of the Development Account\n\nThe "
            "project aims to help towns measure their water services.\n\nDownload the project "
            "brief\n")
    assert _titles(page) == ["Clean water for inclusive towns: service benchmarks in secondary "
                             "cities of Central Asia"]
    # (a labelled field of a few words is still no title)
    assert _titles("Status: Ongoing\nDownload the project brief\nWater benchmarks for "
                   "secondary towns of Asia\n") == ["Water benchmarks for secondary towns of Asia"]
