"""The sixteenth study's rules (real pages in `tests/data/archive-sixteenth-study/`, the pages
read in each family's README; the rules' texts below are our own), and a ratchet on the facts
its pages give today."""

from __future__ import annotations

from pathlib import Path

from cepa_kg.loaders import registry
from cepa_kg.loaders.family_detection import project_score

STUDY = Path(__file__).parent / "data" / "archive-sixteenth-study"
BASE = "http://localhost:8000/"


def test_a_project_page_without_its_banner_is_known_by_the_project_s_objective() -> None:
    """A project page copied without the Account's banner: its title, a "To ..." line, the
    expected accomplishments and "The project’s objective was to ..." in its account of
    effects."""
    page = ("Better water statistics in the Andean countries\n\n\nThe Commission has long "
            "advised the region's statistical offices.\n\n\nTo build a network of water "
            "statisticians able to compile common accounts\n\nExpected accomplishments:\n\n"
            "  • Stronger skills of statisticians in water accounting;\n\nEffects and Impact:\n\n"
            "The project’s objective was to strengthen cooperation among statistical offices. "
            "The project reached it in part.\n")
    assert project_score(page) >= 0.5
    assert registry.detect(page).kind == "da-project"
