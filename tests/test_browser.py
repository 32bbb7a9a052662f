"""The pages in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Open the home page, follow a session to one of its recommendations to a goal, search for a
word, run an example query on the query page; no console errors. Screenshots go to
tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import re

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from live_server import threaded_server

import playwright.sync_api as playwright_sync  # noqa: E402 - from the test extra
from tests.corpus_iris import paragraph_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
BASE = "http://localhost:8000/"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]



def test_chromium_is_installed() -> None:
    """The browser test is part of the suite, never skipped: README's test command (and so
    .ci/run) installs Debian's Chromium first."""
    assert Path(CHROMIUM).exists(), "install Chromium: apt-get install -y chromium chromium-driver"


@pytest.fixture(scope="module")
def live(corpus_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(Settings(base=BASE, store=tmp_path_factory.mktemp("unused")),
                     store=corpus_store)
    with threaded_server(app) as url:
        yield url


def test_a_reader_walks_the_site(live: str, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(10_000)
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                    if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))

            page.goto(live + "/")
            assert page.locator("h1").inner_text() == "CEPA knowledge graph"
            page.screenshot(path=str(ARTIFACTS / "1-home.png"), full_page=True)

            page.get_by_role("link", name="Session 5", exact=True).click()
            page.wait_for_url("**/id/session/5")
            assert "session 5" in page.locator("h1").inner_text().lower()
            page.screenshot(path=str(ARTIFACTS / "2-session.png"), full_page=True)

            page.locator("section[aria-labelledby=recs] ol a").filter(
                has_text="participatory").first.click()  # a recommendation that serves a goal
            page.wait_for_url("**/id/session/5/recommendation/*")
            assert "recommendation" in page.locator("h1").inner_text().lower()
            assert page.locator("blockquote").count() == 1  # the quoted source text
            page.screenshot(path=str(ARTIFACTS / "3-recommendation.png"), full_page=True)

            goal = page.locator("section[aria-labelledby=goals] tbody a").first
            goal_name = goal.inner_text()
            goal.click()
            page.wait_for_url(re.compile(r".*/id/(?:goal|target)/(?:sdg|mdg)-.*"))
            assert page.locator("h1").inner_text() == goal_name
            assert page.locator("section[aria-labelledby=aligned] tbody tr").count() > 0
            page.screenshot(path=str(ARTIFACTS / "4-goal.png"), full_page=True)

            page.get_by_role("searchbox").first.fill("health")
            page.keyboard.press("Enter")
            page.wait_for_url("**/search?q=health")
            hits = page.locator("ol.hits > li")
            assert hits.count() > 0
            assert page.locator("mark").first.inner_text().lower() == "health"
            page.screenshot(path=str(ARTIFACTS / "5-search.png"), full_page=True)

            page.get_by_role("link", name="Query", exact=True).click()
            page.wait_for_url("**/query")
            page.locator("nav.examples a").first.click()
            page.wait_for_url("**/query?example=*")
            assert "SELECT" in page.locator("textarea#query").input_value().upper()
            page.locator("#run").click()
            page.wait_for_url("**/query?query=*")
            assert page.locator("table.results tbody tr").count() > 0
            page.screenshot(path=str(ARTIFACTS / "6-query.png"))
            page.locator("#answer").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "6-query-results.png"))

            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
            phone.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
            lost = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
            lost.goto(live + "/id/session/8/resolution/1")  # no such paragraph: its 404 page
            width = lost.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the 404 page scrolls sideways on a phone ({width}px)"
            phone.goto(live + "/id/" + paragraph_path(8, 1))
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
            phone.screenshot(path=str(ARTIFACTS / "7-phone-recommendation.png"), full_page=True)
            phone.goto(live + "/")
            phone.screenshot(path=str(ARTIFACTS / "8-phone-home.png"), full_page=True)
        finally:
            browser.close()
    assert not problems, problems


def test_goal_to_trace_to_recommendation_to_its_sentence_in_the_reader(live: str) -> None:
    """The researcher's first journey (issue 15): from a goal to the sentence that serves it."""
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(10_000)
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                    if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

            page.goto(live + "/id/goal/sdg-3")
            assert page.locator("h1").inner_text().startswith("SDG 3: ")
            page.get_by_role("link", name="Trace: the recommendations serving SDG 3").click()
            page.wait_for_url("**/trace?goal=id%2Fgoal%2Fsdg-3")
            assert page.locator("#pick-goal option:checked").inner_text().startswith("SDG 3: ")
            assert "SDG 3" in page.title() and "http" not in page.title()
            page.screenshot(path=str(ARTIFACTS / "j1-1-trace.png"), full_page=True)

            rec = page.locator("ol.trace > li > a").first
            rec.click()
            page.wait_for_url("**/id/session/8/recommendation/*")
            row = page.locator("section[aria-labelledby=goals] tbody tr").filter(
                has=page.locator('a[href="/id/goal/sdg-3"]'))
            cue = row.locator("mark.cue").inner_text()
            assert cue and row.locator("td").last.inner_text().index(cue) > 0  # in its sentence
            row.get_by_role("link", name="in the document").click()
            page.wait_for_url(re.compile(r".*/id/document/cepa-session-08-2009/read#evidence-\d+-\d+$"))

            target = page.locator("mark:target")
            assert target.count() == 1 and target.inner_text() == cue
            assert target.is_visible() and target.evaluate(
                "e => { const r = e.getBoundingClientRect();"
                " return r.top >= 0 && r.bottom <= window.innerHeight }"), "scrolled into view"
            outline = target.evaluate("e => getComputedStyle(e).outlineStyle")
            assert outline == "solid", "the passage reached is set apart"
            sentence = page.locator("mark.span:has(mark:target)").first.inner_text()
            assert cue in sentence and len(sentence) > len(cue) + 20  # the whole sentence, marked
            page.screenshot(path=str(ARTIFACTS / "j1-2-reader.png"))
        finally:
            browser.close()
    assert not problems, problems


def test_tab_reaches_the_trace_pickers_and_button_with_a_visible_focus(live: str) -> None:
    """Keyboard path (issue 15 part 6): from the top of the trace page, Tab reaches the goal,
    session and method pickers and the Trace button, each drawn with its focus ring."""
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(live + "/trace?goal=id/goal/sdg-3")
            wanted = {"pick-goal", "pick-session", "pick-method", "trace-button"}
            reached: dict[str, str] = {}
            for _ in range(60):
                page.keyboard.press("Tab")
                focused = page.evaluate(
                    "() => { const e = document.activeElement;"
                    " const key = e.id || (e.type === 'submit' && e.closest('form.pickers')"
                    " ? 'trace-button' : '');"
                    " return [key, getComputedStyle(e).outlineStyle] }")
                if focused[0] in wanted:
                    reached[focused[0]] = focused[1]
                if wanted <= reached.keys():
                    break
            assert reached.keys() == wanted, f"Tab reached only {sorted(reached)}"
            assert set(reached.values()) == {"solid"}, reached  # :focus-visible's ring
        finally:
            browser.close()
