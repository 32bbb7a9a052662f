"""An event's name as a news item writes it: a title in title case goes on after "in" and
"for" (a place the gazetteer knows ends it), and a name in quotes may stand before its kind."""

from __future__ import annotations

from cepa_kg.namespaces import CEPA
from rdflib import RDF, RDFS, SKOS, URIRef

from tests.page_graph import graph_of

SCHEMA_MENTIONS = URIRef("https://schema.org/mentions")


def _names(page: str) -> list[str]:
    g = graph_of(page, "news.txt")
    return [str(n) for e in g.subjects(RDF.type, CEPA.Event)
            for n in (*g.objects(e, RDFS.label), *g.objects(e, SKOS.altLabel))]


def test_a_title_case_name_goes_on_after_in_and_for_but_not_into_a_known_place() -> None:
    page = ("DPADM news\n\nWorkshop on Engaging Youth in Budget Oversight for the Achievement of "
            "the Sustainable Development Goals will be held in Lisbon from 7-9 July 2011\n\nThe "
            "workshop is organized by DESA's Division for Public Administration and Development "
            "Management.\n")
    names = _names(page)
    assert ("Workshop on Engaging Youth in Budget Oversight for the Achievement of the "
            "Sustainable Development Goals") in names
    assert not any(n.endswith("in Lisbon") for n in names)


def test_a_quoted_name_before_the_events_kind() -> None:
    page = ("UN experts meet in Zambia\n\nThe ‘Digital Public Services for Rural Africa’ "
            "three-day workshop, which opened yesterday in Lusaka, is organised by UNECA in "
            "partnership with the UN Department of Economic and Social Affairs.\n")
    assert "Digital Public Services for Rural Africa" in _names(page)


def test_a_name_ends_before_its_verb_and_a_virtual_event_is_an_event() -> None:
    page = ("DPIDG News\n\nThe Regional Workshop on Open Data for Cities will take place in "
            "Nairobi on 4 May 2019. The Global Forum on Local Services 2019 and is co-organized "
            "by DPIDG.\n\nOn 23 June 2021, UN DESA will be hosting the Public Service Day virtual "
            "event online.\n")
    names = _names(page)
    assert "Regional Workshop on Open Data for Cities" in names
    assert not any(n.endswith(("will take place", " and")) for n in names)
    assert any("virtual event" in n for n in names)


def test_an_event_pages_own_fields_give_its_day_and_organiser() -> None:
    from cepa_kg.namespaces import SCHEMA

    page = ("Events\n\nRegional Launch of the UN E-Government Survey 2024\n\nDate: 17 September "
            "2024\nTime: 9:00 - 10:30\nLocation: Online\nOrganizer: UN DESA\n\nThe Department "
            "of Economic and Social Affairs will launch the 2024 edition of the Survey.\n")
    g = graph_of(page, "event.txt")
    [event] = list(g.subjects(RDF.type, CEPA.Event))
    assert [str(d) for d in g.objects(event, SCHEMA.startDate)] == ["2024-09-17"]
    assert [str(o).rsplit("/", 1)[-1] for o in g.objects(event, SCHEMA.organizer)] == ["desa"]
    assert list(g.objects(event, SCHEMA.location)) == []  # ("Online" is no place)


def test_bodies_named_outside_the_items_are_mentioned() -> None:
    from pathlib import Path

    from cepa_kg.loaders.actors import Gazetteer
    from cepa_kg.loaders.spans import Span
    from cepa_kg.loaders.update import _outside_items
    text = ("A joint event of UNU-EGOV and UN ECA.\n\n1. First part\n\nOrganized by UNDP.\n\n"
            "Sidebar: UNESCO\n")
    item = Span(text.index("1."), text.index("Sidebar"))
    found = {a.path for a in _outside_items(text, Gazetteer.bundled(), [item])}
    assert {"actor/unu-egov", "actor/eca"} <= found
    assert "actor/undp" not in found  # (inside the item: the item's own)
    page = Path(__file__).parent / "data" / "archive-twentythird-study" / "update" / \
        "pa-event-country-field-website-line-joint-event-numbered-components.txt"
    graph = graph_of(page.read_text(encoding="utf-8"))
    mentioned = {str(o) for o in graph.objects(None, SCHEMA_MENTIONS)}
    assert any(m.endswith("/actor/eca") for m in mentioned)
    assert any(m.endswith("/actor/unu-egov") for m in mentioned)


def test_a_year_after_a_name_in_title_case_is_the_names() -> None:
    from cepa_kg.loaders import update
    text = ("Recommendations of the forum\n\nOctober 13, 2015 At the Global e-Government Forum "
            "2015 held in Astana on October 8-9, experts drew up recommendations.\n")
    names = [e.name for e in update.parse(text).events]
    assert "Global e-Government Forum 2015" in names


def test_what_a_name_carries_before_the_event_s_own_name_gives_an_alternative_label() -> None:
    from cepa_kg.loaders.update_events import name_variants

    assert name_variants("To The Conference on Digital Government in the Pacific") == (
        "Conference on Digital Government in the Pacific",)
    assert name_variants("Friday’s policy briefing for the 2025 UN Public Service Forum") == (
        "policy briefing for the 2025 UN Public Service Forum",)
    assert name_variants("hosts 12th Regional Public Administration Network workshop") == (
        "12th Regional Public Administration Network workshop",)
    assert name_variants("Workshop 3 - Building Trust in Local Services") == (
        "Building Trust in Local Services",)
    assert name_variants("Workshop 2: Open Data for Cities") == ("Open Data for Cities",)
    # a name that is the event's own is left as it is
    assert name_variants("Expert Group Meeting on Open Data") == ()
    assert name_variants("the first preparatory meeting") == ()
    page = ("DESA news\n\nTo The Conference on Digital Government in the Pacific\n\nThe "
            "conference opened in Suva on 3 June 2025, organized by DESA and ESCAP.\n")
    assert "Conference on Digital Government in the Pacific" in _names(page)


def test_a_launch_named_by_what_it_launches_is_an_event_of_its_own_at_the_forum() -> None:
    from cepa_kg.loaders import update

    page = ("DESA news\n\nKigali, 4 November 2025 – The Forum on Digital Public Services "
            "convened from 4 to 6 November 2025 in Kigali. The event featured the regional launch "
            "of the 2024 UN E-Government Survey.\n\nOn the second day, the Regional Forum on "
            "Digital Public Services, co-hosted by the African Union Commission and UNDESA, "
            "heard the ministers.\n\nFollowing the launch of the Network of Planners in 2019, "
            "DESA prepared a project.\n")
    events = update.parse(page).events
    assert [(e.kind, e.name) for e in events] == [
        ("forum", "Forum on Digital Public Services"),  # (its name ends before "convened")
        ("launch", "regional launch of the 2024 UN E-Government Survey")]
    # the sentence that names the forum again tells who hosted it, not the launch
    assert sorted(a.label for a in events[0].organizers) == [
        "African Union Commission", "United Nations Department of Economic and Social Affairs"]
    assert events[1].organizers == ()


def test_a_name_s_year_after_its_acronym_in_brackets_is_the_name_s() -> None:
    page = ("UN DESA News\n\nDESA at the Busan forum\n\nBusan, 4 June 2015 - The Division for "
            "Public Administration and Development Management of UN DESA took part in the "
            "Regional Digital Services Forum (RDSF) 2015 held in Busan on 4 June 2015, organized "
            "by the Ministry of the Interior.\n")
    assert "Regional Digital Services Forum (RDSF) 2015" in _names(page)


def test_an_event_keeps_the_name_an_announcing_sentence_gives_it() -> None:
    # (the sentence that announces it is still to come and undated: no event of its own, but
    # its name, numbered in words, is one of the event's names beside "7th")
    page = ("Open cities\n\n- 3,000 people expected at Global Forum on Open Cities in Lyon\n\n"
            "The Seventh Global Forum on Open Cities will open for a three-day run in Lyon on "
            "the first Monday of the month with mayors from around the world.\n\nThe theme of "
            "the 7th Global Forum on Open Cities, which UN DESA organizes, \"Cities That "
            "Answer\", suits the mayors' agenda.\n")
    names = _names(page)
    assert "Seventh Global Forum on Open Cities" in names
    assert "7th Global Forum on Open Cities" in names


def test_a_forum_its_year_and_its_awards_ceremony_are_one_event() -> None:
    page = ("DPIDG News\n\nThe United Nations Public Service Forum 2031 and Awards Ceremony will "
            "be held in Accra, Ghana from 23 to 25 June 2031.\n")
    g = graph_of(page, "news.txt")
    events = list(g.subjects(RDF.type, CEPA.Event))
    assert len(events) == 1
    assert any("Forum 2031 and Awards Ceremony" in n for n in _names(page))


def test_a_launch_told_with_its_verb_is_named_by_what_was_launched() -> None:
    """'X launched the 2030 edition of the Report at a virtual event': the launch's name is
    what was launched, not the body that launched it; a launch only called for is none."""
    page = ("DESA news\n\nNew report on public servants\n\n3 May 2030\n\nThe United Nations "
            "Department of Economic and Social Affairs (UN DESA) launched the 2030 edition of "
            "the World Public Sector Report at a virtual event on 3 May 2030.\n")
    g = graph_of(page, "news.txt")
    labels = [str(g.value(e, RDFS.label)) for e in g.subjects(RDF.type, CEPA.Event)]
    assert "2030 edition of the World Public Sector Report" in labels
    assert not any("Department" in n for n in labels)


def test_a_time_s_possessive_before_the_event_word_is_no_part_of_its_name() -> None:
    page = ("UN DESA news\n\n24 June 2013 - This year’s awards ceremony of the United Nations "
            "Public Service Awards, organized by UN DESA, was held in Manama, Bahrain on 23 June "
            "2013, with ministers from 40 countries.\n")
    names = _names(page)
    assert names and not any("year" in n.lower() for n in names), names
