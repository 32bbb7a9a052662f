"""The pages in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Open the home page, follow a session to one of its recommendations to a goal, search for a
word, run an example query on the query page; the journeys of issue 15 (goal → trace →
recommendation → reader; actor → network → partnership → reader; session → matrix cell → its
recommendations); no console errors. Screenshots of the walk go to tests/artifacts/
(git-ignored), those of every view to tests/artifacts/screens/, or to docs/screens/ (committed)
with CEPA_KG_SCREENS=docs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import playwright.sync_api as playwright_sync
import pytest
from cepa_kg.server.app import create_app
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from live_server import threaded_server

from tests.corpus_iris import paragraph_path, recommendation_path

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
    # public_url: the base's host, so that pages show no "IRIs and host differ" banner
    app = create_app(Settings(base=BASE, public_url=BASE.rstrip("/"),
                              store=tmp_path_factory.mktemp("unused")), store=corpus_store)
    with threaded_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright_sync.Browser]:
    """One Chromium for the journeys and the screenshots below."""
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _watched(browser: playwright_sync.Browser, problems: list[str], width: int = 1280,
             height: int = 900) -> playwright_sync.Page:
    """A new page whose console errors, page errors and failed requests go to `problems`."""
    page = browser.new_page(viewport={"width": width, "height": height},
                            is_mobile=width < 600)
    page.set_default_timeout(10_000)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    return page


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


_LABELS_APART = """svg => {
  const frame = svg.getBoundingClientRect();
  const boxes = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect());
  const out = boxes.filter(b => b.left < frame.left - 1 || b.right > frame.right + 1
                                || b.top < frame.top - 1 || b.bottom > frame.bottom + 1).length;
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) overlaps++;
  }
  return [boxes.length, out, overlaps];
}"""


def test_actor_to_network_to_a_partnership_to_its_sentence_in_the_reader(
        live: str, browser: playwright_sync.Browser) -> None:
    """Issue 15, second journey: from an actor's page to its partnership network (labels
    drawn whole, apart, with a key), to one partnership, to the sentence it was read from."""
    problems: list[str] = []
    page = _watched(browser, problems)
    page.goto(live + "/id/actor/unodc")
    page.locator("nav.views").get_by_role("link", name="Partnership network").click()
    page.wait_for_url("**/network?actor=id%2Factor%2Funodc")
    svg = page.locator("svg.network")
    labels, outside, overlapping = svg.evaluate(_LABELS_APART)
    assert labels >= 4 and outside == 0 and overlapping == 0, (labels, outside, overlapping)
    assert page.locator("#network-key").is_visible()
    dpadm = page.goto(live + "/network")  # the largest network: 28 labels
    assert dpadm is not None and dpadm.ok
    labels, outside, overlapping = page.locator("svg.network").evaluate(_LABELS_APART)
    assert labels > 20 and outside == 0 and overlapping == 0, (labels, outside, overlapping)
    page.go_back()
    page.wait_for_url("**/network?actor=id%2Factor%2Funodc")

    partnership = page.locator("ul.partnerships a").first
    name = partnership.inner_text()
    partnership.click()
    page.wait_for_url("**/id/partnership/*")
    assert page.locator("h1").inner_text() == name
    shown = " ".join(page.locator("main").inner_text().split())  # its quote
    page.get_by_role("link", name="read it in the document").first.click()
    page.wait_for_url(re.compile(r".*/id/document/[^/]+/read#evidence-\d+-\d+$"))
    target = page.locator("mark:target")
    assert target.count() == 1 and target.is_visible()
    sentence = " ".join(target.inner_text().split())
    assert len(sentence) > 20 and sentence in shown  # the sentence the page quotes
    page.close()
    assert not problems, problems


def test_session_to_a_matrix_cell_to_its_recommendations_for_that_goal(
        live: str, browser: playwright_sync.Browser) -> None:
    """Issue 15, third journey: a session's page, its column of the SDG matrix, one cell: that
    session's recommendations serving that goal, each opening its page."""
    problems: list[str] = []
    page = _watched(browser, problems)
    page.goto(live + "/id/session/8")
    page.get_by_role("link", name="Its goals: sessions × SDGs, this session").click()
    page.wait_for_url("**/matrix?goals=sdg&session=8")
    assert page.locator("nav.switch [aria-current=page]").inner_text() == "SDGs"
    cell = page.locator('td.cell a[title^="Session 8, SDG 3:"]')
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_url("**/matrix/cell?session=8&goal=id%2Fgoal%2Fsdg-3")
    assert page.locator("h1").inner_text() == "Session 8 × SDG 3"
    items = page.locator("ol.cell-list > li > a")
    assert items.count() == count >= 5
    first = items.first.inner_text().rstrip("…")
    items.first.click()
    page.wait_for_url("**/id/session/8/recommendation/*")
    assert page.locator("blockquote").first.inner_text().startswith(first[:40])
    goals = page.locator("section[aria-labelledby=goals]")
    assert goals.locator('a[href="/id/goal/sdg-3"], a[href^="/id/target/sdg-3-"]').count() > 0
    page.close()
    assert not problems, problems


#: The views in docs/screens/ (name, path), each at 1280 and 390 pixels wide.
SCREENS = [
    ("home", "/"), ("session", "/id/session/8"),
    ("recommendation", "/id/" + recommendation_path(8, 1)),
    ("goal", "/id/goal/sdg-16"), ("trace", "/trace?goal=id/goal/sdg-3"),
    ("matrix-mdg", "/matrix?goals=mdg"), ("matrix-sdg", "/matrix?goals=sdg"),
    ("matrix-cell", "/matrix/cell?session=8&goal=id/goal/sdg-3"),
    ("network", "/network"),
    ("reader", "/id/document/cepa-session-08-2009/read"),
    ("timeline", "/timeline"), ("map", "/map"),
    ("query", "/query?example=sessions"), ("browse", "/browse"),
]
#: Where they go: tests/artifacts/screens/ (git-ignored) on every run, so that a test run leaves
#: the checkout as it was; docs/screens/ (committed) when asked to refresh them:
#: `CEPA_KG_SCREENS=docs python -m pytest tests/test_browser.py -k screenshots`.
SCREENS_DIR = (Path(__file__).parent.parent / "docs" / "screens"
               if os.environ.get("CEPA_KG_SCREENS") == "docs" else ARTIFACTS / "screens")


def test_screenshots_of_every_view_at_desktop_and_phone_widths(
        live: str, browser: playwright_sync.Browser) -> None:
    """{SCREENS_DIR}/{view}-{width}.png: what each view shows in its first screen (viewport,
    not the full page; reduced to 64 colours, so the folder stays small). On a phone no new
    view scrolls sideways."""
    from PIL import Image  # Pillow: with the test extra (fpdf2's)

    for language in ("zh", "ar", "ru"):  # the goal labels' six languages, in the header
        fonts = subprocess.run(["fc-list", f":lang={language}", "family"], capture_output=True,
                               text=True, check=False).stdout
        assert fonts.strip(), f"no font draws {language!r}: the screenshots would show boxes " \
                              "(the README's test command installs fonts-wqy-microhei)"
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for width, height in ((1280, 800), (390, 844)):
        page = _watched(browser, problems, width, height)
        for name, path in SCREENS:
            response = page.goto(live + path)
            assert response is not None and response.ok, path
            if width < 600 and name in ("timeline", "map", "matrix-cell", "network"):
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= width, f"{path} scrolls sideways on a phone ({wide}px)"
            shot = SCREENS_DIR / f"{name}-{width}.png"
            page.screenshot(path=str(shot))
            with Image.open(shot) as image:
                small = image.convert("RGB").quantize(64, dither=Image.Dither.NONE)
            small.save(shot, optimize=True)
        page.close()
    total = sum(f.stat().st_size for f in SCREENS_DIR.glob("*.png"))
    assert total < 3_000_000, f"{SCREENS_DIR} holds {total} bytes"
    assert not problems, problems


#: What Tab must reach on a page: every link, button, field and disclosure a mouse can use.
_KEY = ("e => e.tagName + '|' + (e.getAttribute('href') || e.id || e.name"
        " || e.textContent.trim().slice(0, 30))")
_FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
  .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                 return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                        && !e.closest('details:not([open]) > :not(summary)'); })
  .map(""" + _KEY + ")"
_ACTIVE = """() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  return [(""" + _KEY + """)(e), s.outlineStyle, s.outlineWidth, s.boxShadow] }"""


@pytest.mark.parametrize("name,path", SCREENS + [("lists", "/lists/recommendations")])
def test_tab_walks_every_view_with_a_visible_focus_and_no_trap(
        live: str, browser: playwright_sync.Browser, name: str, path: str) -> None:
    """Keyboard paths through each view (issue 15 part 6): from the top, Tab moves focus
    forward through the page's links and controls without a trap (it never stays put) and
    reaches the end of them (focus leaves the page or comes round again), and every element
    it reaches is drawn with a focus ring (:focus-visible's outline, or a shadow)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        assert page.goto(live + path).ok
        focusable = set(page.evaluate(_FOCUSABLE))
        count = len(focusable)
        assert count > 0, f"{path}: nothing to focus"
        seen: list[str] = []
        unringed: list[str] = []
        for _ in range(len(page.evaluate(_FOCUSABLE)) + 5):
            page.keyboard.press("Tab")
            active = page.evaluate(_ACTIVE)
            if active is None:  # focus left the page's content: the walk is over
                break
            key, style, width, shadow = active
            if seen and key == seen[-1] and seen.count(key) > 2:
                raise AssertionError(f"{path}: focus stuck on {key}")
            if (style == "none" or width == "0px") and shadow == "none":
                unringed.append(key)
            if key in seen[:1] and len(seen) > 1:
                break  # came round to the first again
            seen.append(key)
        missed = focusable - set(seen)
        assert len(missed) <= count // 10, f"{path}: Tab never reached {sorted(missed)[:5]}"
        assert not unringed, f"{path}: no visible focus on {unringed[:5]}"
    finally:
        page.close()
