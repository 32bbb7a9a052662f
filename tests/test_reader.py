"""The reader (`/id/document/{id}/read`) and the evidence that links into it: every fact's span
marked and anchored in the document's text, the cue shown in its sentence on the pages that
show a goal alignment, every quote linked to its passage."""

from __future__ import annotations

import html
import re

from cepa_kg.server.codes import coded_label, goal_code
from cepa_kg.server.highlight import Span, highlight
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

from tests.corpus_iris import recommendation_path

BASE = "http://localhost:8000/"
SPANS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?start ?end ?exact WHERE {
  ?span oa:hasSource <http://localhost:8000/id/document/cepa-session-08-2009> ;
        oa:hasSelector ?p, ?q . ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }
"""


def _marked(page: str, anchor: str) -> str:
    """The text inside the mark with id `anchor`, its nested marks taken away."""
    start = page.index(f'<mark id="{anchor}"')
    depth, at = 0, start
    for tag in re.finditer(r"<(/?)mark\b[^>]*>", page[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            at = start + tag.end()
            break
    return html.unescape(re.sub(r"<[^>]+>", "", page[start:at]))


def test_every_span_of_a_document_is_marked_with_its_exact_quote(
        client: TestClient, corpus_store: OxigraphStore) -> None:
    r = client.get("/id/document/cepa-session-08-2009/read")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    spans = {(int(s["start"].value), int(s["end"].value)): s["exact"].value
             for s in corpus_store.select(SPANS)}
    assert len(spans) > 50
    for (start, end), exact in spans.items():
        assert _marked(r.text, f"evidence-{start}-{end}") == exact, (start, end)
    assert 'href="/id/document/cepa-session-08-2009/text"' in r.text  # the plain text too
    assert 'id="legend"' in r.text  # what the methods and the score mean


def test_reader_lists_each_fact_with_its_page(client: TestClient) -> None:
    page = client.get("/id/document/cepa-session-05-2006/read").text
    rec = "/id/" + recommendation_path(5, 1)
    assert f'<a href="{rec}">Recommendation: ' in page
    # a goal's cue: its code, method and score, linked to the alignment on the recommendation
    assert re.search(rf'<a href="{re.escape(rec)}#sdg-16">SDG 16: thematic, score 0\.\d+</a>', page)


def test_reader_of_an_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/id/document/no-such-thing/read").status_code == 404
    assert client.get("/id/document/a%3Eb/read").status_code == 404


def test_highlight_nests_cuts_and_escapes() -> None:
    text = "Say <b>hi</b> & go."
    out = str(highlight(text, [Span(0, 19, 'all "of" it'), Span(4, 13, "tag"), Span(10, 16, "x")]))
    assert "<b>" not in out and "</b>" not in out and "&amp;" in out
    assert 'title="all &#34;of&#34; it"' in out
    # the crossing span is cut at its parent's end: its first piece carries the anchor
    assert out.count('id="evidence-10-16"') == 1 and out.count('class="span level-1" title="x"') == 1
    assert re.sub(r"<[^>]+>", "", out) == html.escape(text, quote=False)
    assert str(highlight("abc", [Span(5, 9)])) == "abc"  # a span past the end marks nothing


def test_goal_codes() -> None:
    assert goal_code(BASE + "id/goal/mdg-6") == "MDG 6"
    assert goal_code(BASE + "id/target/mdg-8a") == "Target 8.A"
    assert goal_code(BASE + "id/target/sdg-16-5") == "SDG 16.5"
    assert goal_code(BASE + "id/target/sdg-16-a") == "SDG 16.a"
    assert goal_code(BASE + "id/actor/unodc") == ""
    assert coded_label(BASE + "id/target/sdg-16-5", "Target 16.5: Reduce corruption") == \
        "SDG 16.5: Reduce corruption"
    assert coded_label(BASE + "id/actor/unodc", "UNODC") == "UNODC"


def test_a_recommendation_shows_each_cue_in_its_sentence_linked_to_the_reader(
        client: TestClient) -> None:
    page = client.get("/id/" + recommendation_path(5, 1) + ".html").text
    row = re.search(r'<tr id="sdg-16"><td>(.*?)</tr>', page, re.DOTALL)
    assert row, "no row for SDG 16"
    cell = row.group(1)
    assert ">SDG 16: Peace, justice and strong institutions</a>" in cell
    assert 'pursue <mark class="cue" id="evidence-320-329">ethically</mark> sustainable' in cell
    assert 'href="/id/document/cepa-session-05-2006/read#evidence-320-329"' in cell
    assert '<a href="#legend">thematic</a>' in cell and 'id="legend"' in page
    # its own quote links to its passage
    assert 'href="/id/document/cepa-session-05-2006/read#evidence-313-616"' in page


def test_a_goal_shows_its_recommendations_evidence_in_context(client: TestClient) -> None:
    page = client.get("/id/goal/sdg-3.html").text
    assert "<h1>SDG 3: " in page and "<title>SDG 3: " in page
    cues = re.findall(r'(\w+) <mark class="cue">health</mark> (\w+)', page)
    assert cues, "the cue is shown in its sentence"
    assert page.count("/read#evidence-") >= 5


def test_an_inherited_cue_is_shown_in_its_heading(client: TestClient) -> None:
    page = client.get("/id/session/5/recommendation/undertake-review-literature-desk-country-71bf87"
                      ".html").text
    assert 'Searching for a <mark class="cue" id="evidence-2603-2612">bottom-up</mark> approach' \
        in page
