"""The views of issue 15's second part: a matrix cell's recommendations (`/matrix/cell`), the
MDG/SDG switch of the matrix, the timeline (`/timeline`), the map of places (`/map`) on the
shipped world outline, and labels placed apart (label_layout) on the map and the network."""

from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import pytest
from cepa_kg.server import label_layout, time_place_pages, world_map
from cepa_kg.server.label_layout import place_labels, wrap
from cepa_kg.server.time_place_pages import date_range
from fastapi.testclient import TestClient

ROOT = Path(__file__).parent.parent


def test_doctests() -> None:
    for module in (label_layout, time_place_pages, world_map):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_matrix_offers_mdgs_and_sdgs_as_a_switch_with_codes_as_heads(client: TestClient) -> None:
    for framework, other, count in (("sdg", "mdg", 17), ("mdg", "sdg", 8)):
        page = client.get("/matrix", params={"goals": framework}).text
        switch = re.search(r'<nav class="switch".*?</nav>', page, re.DOTALL)
        assert switch, framework
        assert f'href="/matrix?goals={framework}" aria-current="page"' in switch.group(0)
        assert f'href="/matrix?goals={other}"' in switch.group(0)
        heads = re.findall(r'<th scope="col"><a [^>]*>([^<]+)</a></th>', page)
        assert heads[:2] == [f"{framework.upper()} 1", f"{framework.upper()} 2"]
        assert len(heads) == count


def test_every_matrix_cell_lists_as_many_recommendations_as_it_counts(client: TestClient) -> None:
    """A cell opens that session's recommendations for that goal: as many as the cell says,
    each linking to its page, all of that session."""
    checked = 0
    for framework in ("sdg", "mdg"):
        page = client.get("/matrix", params={"goals": framework}).text
        for href, count in re.findall(r'<a href="(/matrix/cell\?[^"]+)" title="[^"]*">(\d+)</a>', page):
            listed = client.get(html.unescape(href))
            assert listed.status_code == 200, href
            session = re.search(r"session=(\d+)", href).group(1)  # type: ignore[union-attr]
            items = re.findall(r'<li><a href="(/id/session/(\d+)/[^"]+)">', listed.text)
            assert len(items) == int(count), (href, len(items), count)
            assert {s for _, s in items} == {session}
            checked += 1
    assert checked >= 5


def test_a_cell_page_names_session_and_goal_and_refuses_bad_requests(client: TestClient) -> None:
    page = client.get("/matrix/cell", params={"session": "8", "goal": "id/goal/sdg-3"}).text
    assert "<title>Session 8 × SDG 3: recommendations · cepa-kg</title>" in page
    assert '<a href="/id/session/8">Session 8</a> × <a href="/id/goal/sdg-3">SDG 3</a>' in page
    assert 'href="/matrix?goals=sdg&amp;session=8"' in page  # back to the matrix
    assert 'href="/trace?goal=id%2Fgoal%2Fsdg-3"' in page  # the goal's whole trace
    assert "/read#evidence-" in page and 'id="legend"' in page
    none = client.get("/matrix/cell", params={"session": "5", "goal": "id/goal/sdg-3"}).text
    assert "No recommendation of session 5 is traced to SDG 3" in none
    explicit = client.get("/matrix/cell", params={"session": "8", "goal": "id/goal/sdg-3",
                                                  "method": "explicit"}).text
    assert "by the method <em>explicit</em>" in explicit
    for bad in [{"session": "8"}, {"goal": "id/goal/sdg-3"},
                {"session": "x", "goal": "id/goal/sdg-3"},
                {"session": "8", "goal": "id/goal/sdg-3", "method": "correspondence"},
                {"session": "8", "goal": "id/goal/sdg-3", "page": "2"}]:
        assert client.get("/matrix/cell", params=bad).status_code == 400, bad
    assert client.get("/matrix/cell", params={"session": "8",
                                              "goal": "id/actor/unodc"}).status_code == 404


def test_timeline_lists_sessions_and_events_by_year_with_anchors(client: TestClient) -> None:
    page = client.get("/timeline").text
    years = re.findall(r'<h2 id="year-(\d{4})">', page)
    assert years == ["2006", "2009", "2011"]
    items = re.findall(r'<li id="([^"]+)" class="kind-', page)
    assert items[:2] == ["session-5", "session-8"] and len(items) == len(set(items)) > 15
    assert '<time datetime="2006-03-27">27–31 March 2006</time>' in page
    assert '<time datetime="2009-03-30">30 March – 3 April 2009</time>' in page
    rabat = page.split('id="event-2011-10-20-seminar-on-challenges-and-opportunities-of"')[1]
    rabat = rabat.split("</li>")[0]
    assert "20–21 October 2011" in rabat and '<span class="tag">Seminar</span>' in rabat
    assert 'in <a href="/id/place/rabat">Rabat</a>' in rabat
    assert '<time datetime="2011-11">November 2011</time>' in page  # a month only
    assert client.get("/timeline", params={"year": "2011"}).status_code == 400
    home = client.get("/").text
    assert 'href="/timeline"' in home and 'href="/map"' in home


@pytest.mark.parametrize(("path", "anchor"), [
    ("/id/session/5", "session-5"),
    ("/id/event/2011-10-20-seminar-on-challenges-and-opportunities-of",
     "event-2011-10-20-seminar-on-challenges-and-opportunities-of")])
def test_sessions_and_events_link_their_place_on_the_timeline(client: TestClient, path: str,
                                                              anchor: str) -> None:
    page = client.get(path, headers={"Accept": "text/html"}).text
    assert f'href="/timeline#{anchor}"' in page
    assert f'id="{anchor}"' in client.get("/timeline").text


def test_map_draws_places_with_coordinates_on_the_outline_and_lists_them(client: TestClient) -> None:
    page = client.get("/map").text
    assert '<path class="land" fill-rule="evenodd" d="M' in page
    dots = dict(re.findall(r'<a href="/id/place/([a-z-]+)" aria-label="[^"]+"><circle '
                           r'cx="([\d.]+)"', page))
    assert {"rabat", "marrakesh", "vienna", "kigali", "poznan", "bali", "lilongwe"} <= set(dots)
    assert 170 < float(dots["rabat"]) < 176 and float(dots["bali"]) > 290  # west, east
    listed = re.findall(r'<li id="place-([a-z-]+)"', page)
    assert set(listed) == set(dots)  # the same places in words
    rabat = page.split('<li id="place-rabat"')[1].split("</ul>")[0]
    assert 'href="/id/event/2011-10-20-seminar-on-challenges-and-opportunities-of"' in rabat
    assert "http://" not in page.split("<main", 1)[1].split("</main>")[0].replace(
        "http://localhost:8000/", "")  # nothing from elsewhere
    geneva = client.get("/map", params={"place": "id/place/geneva"}).text
    assert '<li id="place-geneva" class="marked">' in geneva and 'class="marked"' in geneva
    assert "no event held here" in geneva
    for bad in [{"place": "a b"}, {"where": "x"}]:
        assert client.get("/map", params=bad).status_code == 400, bad


def test_places_carry_coordinates() -> None:
    """The gazetteers give each place its latitude and longitude (GeoNames'), for the map."""
    for name, least in (("places.ttl", 21), ("places-world.ttl", 200)):
        text = (ROOT / "ontology" / name).read_text(encoding="utf-8")
        assert text.count("schema:latitude ") >= least and text.count(
            "schema:longitude ") >= least, name
    assert "schema:latitude 34.0132 ;\n    schema:longitude -6.8326 ;" in (
        ROOT / "ontology" / "places.ttl").read_text(encoding="utf-8")  # Rabat


def test_the_world_outline_is_shipped_small() -> None:
    svg = ROOT / "server" / "static" / "world.svg"
    assert svg.stat().st_size < 80_000
    assert world_map.land_path().startswith("M") and world_map.land_path().count("M") > 50
    assert world_map.project(90, 180) == (360.0, 0.0)
    with pytest.raises(ValueError):
        world_map.project(91, 0)


def test_date_ranges() -> None:
    assert date_range("2011-11-21", "2011-11-25") == "21–25 November 2011"
    assert date_range("2011-12-30", "2012-01-02") == "30 December 2011 – 2 January 2012"
    assert date_range("2011-10-17", "2011-10-17") == "17 October 2011"
    assert date_range("") == ""


def test_labels_are_placed_inside_and_apart() -> None:
    points = [(150.0 + 30 * i, 100.0, f"Name number {i}") for i in range(4)]
    placed = place_labels(points, 400, 200, size=10, gap=6)
    boxes = [p.box for p in placed]
    assert all(b.outside(400, 200) == 0 for b in boxes)
    assert all(a.overlap(b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1:])
    edge = place_labels([(395.0, 100.0, "Near the right edge")], 400, 200, size=10, gap=6)
    assert edge[0].anchor == "end"  # written to the left, not cut
    assert wrap("A" * 100, 20, 2)[1].endswith("…")


def test_network_labels_lie_apart_inside_the_drawing_with_a_key(client: TestClient) -> None:
    page = client.get("/network").text  # DPADM: 27 partners
    assert re.search(r'<h2 id="network-key">Key</h2>', page)
    for words in ("the actor chosen", "at least one agreed partnership",
                  "only explored, proposed or requested", "the more partnerships"):
        assert words in page
    assert 'href="/id/partnership/' in page  # each edge's partnerships
