"""SDG alignments derived from MDG alignments through the editorial correspondence."""

from cepa_kg.loaders.goal_correspondence import sdg_alignments, sdg_links
from cepa_kg.loaders.goals import Alignment
from cepa_kg.loaders.spans import Span


def a(code: str, score: float = 0.8) -> Alignment:
    return Alignment(code, "thematic", score, "phrase", Span(0, 6))


def test_links_read_from_the_reference_file() -> None:
    links = sdg_links()
    assert links["mdg-8a"] == ("sdg-16", "sdg-17")
    assert links["mdg-4"] == ("sdg-3",)
    assert len(links) == 8 + 21


def test_targets_lead_to_their_sdgs_and_the_strongest_source_wins() -> None:
    got = {s.code: s for s in sdg_alignments([a("mdg-8", 0.9), a("mdg-8a", 0.9),
                                              a("mdg-8f", 0.5)])}
    assert set(got) == {"sdg-9", "sdg-16", "sdg-17"}  # not MDG 8's whole list (3, 10, ...)
    assert got["sdg-17"].via == "mdg-8a" and got["sdg-17"].score == 0.72
    assert got["sdg-9"].via == "mdg-8f"


def test_a_goal_alone_leads_to_its_sdgs_only_when_the_link_is_narrow() -> None:
    assert [s.code for s in sdg_alignments([a("mdg-4")])] == ["sdg-3"]
    assert [s.code for s in sdg_alignments([a("mdg-5")])] == ["sdg-3", "sdg-5"]
    assert sdg_alignments([a("mdg-8")]) == []  # five SDGs: too diffuse to claim
