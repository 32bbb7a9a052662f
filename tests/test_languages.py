"""Goal and target labels in the UN's languages (issue 15 part 5): the labels the SDG KOS
publishes are in the graph, and the pages show them in the language chosen by `?lang`, the
switch's cookie or `Accept-Language` (q-values), falling back to English; `Vary` and the
ETags follow the language. The real app over the bundled corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cepa_kg.reference import install_reference
from cepa_kg.server.app import create_app
from cepa_kg.server.languages import from_accept_language
from cepa_kg.settings import Settings
from cepa_kg.store import OxigraphStore
from fastapi.testclient import TestClient

BASE = "http://localhost:8000/"
HTML = {"Accept": "text/html"}
SDG16_EN = "Peace, justice and strong institutions"
SDG16_FR = "Promouvoir l’avènement de sociétés pacifiques et inclusives"
SDG16_ES = "Promover sociedades pacíficas e inclusivas"
PREFIXES = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" \
    "PREFIX cepa: <https://w3id.org/cepa-kg/def#>\n"


def _page(client: TestClient, path: str, **headers: str) -> str:
    answer = client.get(path, headers=HTML | headers)
    assert answer.status_code == 200, answer.text
    return answer.text


def _h1(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page, re.DOTALL)
    assert found
    return found.group(1)


def test_the_graph_has_the_sdg_labels_the_reference_data_has(corpus_store: OxigraphStore) -> None:
    rows = corpus_store.select(PREFIXES + """
        SELECT ?lang (COUNT(DISTINCT ?c) AS ?n) WHERE {
          VALUES ?class { cepa:Goal cepa:Target }
          ?c a ?class ; skos:inScheme ?scheme ; skos:prefLabel ?label .
          FILTER(STRENDS(STR(?scheme), "/scheme/sdg")) BIND(LANG(?label) AS ?lang)
        } GROUP BY ?lang""")
    counts = {r["lang"].value: int(r["n"].value) for r in rows}
    # English for the 17 goals and 169 targets; French and Spanish as the UN SDG KOS gives
    # them; no Arabic, Chinese or Russian label is in the reference data.
    assert counts == {"en": 186, "fr": 186, "es": 186}
    label = corpus_store.select(PREFIXES + """
        SELECT ?l WHERE { ?t skos:notation "16.5" ; skos:prefLabel ?l FILTER(LANG(?l) = "fr") }""")
    assert label[0]["l"].value.startswith("Cible 16.5 : Réduire nettement la corruption")


@pytest.mark.parametrize(("header", "lang"), [
    ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"),
    ("en;q=0.5, es;q=0.9", "es"),  # q-values, not order
    ("es;q=0, fr;q=0.2", "fr"),  # q=0 refuses
    ("zh-Hans-CN", "zh"), ("ar-EG", "ar"),
    ("de, *;q=0.1", "en"), ("de", "en"), ("", "en"), ("en-US,en;q=0.9,fr;q=0.8", "en"),
])
def test_accept_language_with_q_values(header: str, lang: str) -> None:
    assert from_accept_language(header) == lang


def test_pages_follow_accept_language(client: TestClient) -> None:
    english = _page(client, "/id/goal/sdg-16")
    assert _h1(english) == f"SDG 16: {SDG16_EN}"
    assert '<html lang="en">' in english
    french = _page(client, "/id/goal/sdg-16", **{"Accept-Language": "de;q=0.9, fr;q=0.8, en;q=0.1"})
    assert _h1(french).startswith(f'SDG 16: <span lang="fr">{SDG16_FR}')
    assert '<html lang="en">' in french  # the rest of the page stays English
    spanish = _page(client, "/", **{"Accept-Language": "en;q=0.5, es"})
    assert f'<span lang="es">{SDG16_ES}' in spanish
    assert "Millennium Development Goals" in spanish
    # the SDGs listed once each, as before the other languages came in
    home = _page(client, "/")
    assert spanish.count('href="/id/goal/sdg-16"') == home.count('href="/id/goal/sdg-16"') == 1
    # targets: their wording, and in lists their label with the KOS's notation
    target = _page(client, "/id/target/sdg-16-5", **{"Accept-Language": "fr"})
    assert _h1(target) == 'SDG 16.5: <span lang="fr">Réduire nettement la corruption et la ' \
        'pratique des pots-de-vin sous toutes leurs formes</span>'
    targets = _page(client, "/browse/Target?page=2", **{"Accept-Language": "fr"})
    assert re.search(r'<span lang="fr">Cible \d+\.\w+ : ', targets)


@pytest.mark.parametrize("path", [
    "/", "/matrix?goals=sdg", "/trace?goal=id/goal/sdg-16", "/browse/Target",
    "/lists/recommendations", "/matrix/cell?session=8&goal=id/goal/sdg-16",
])
def test_goal_labels_translated_on_the_views(client: TestClient, path: str) -> None:
    french = _page(client, path + ("&" if "?" in path else "?") + "lang=fr")
    assert re.search(r'<span lang="fr">[^<]*(Promouvoir|Éliminer|Cible|Permettre|Bâtir)', french) \
        or re.search(r'<option value="[^"]*" lang="fr"', french), path
    assert 'lang="fr">' not in _page(client, path).replace('hreflang="fr" lang="fr">', "")


def test_missing_labels_fall_back_to_english(client: TestClient) -> None:
    russian = _page(client, "/id/goal/sdg-16", **{"Accept-Language": "ru"})
    assert _h1(russian) == f"SDG 16: {SDG16_EN}"  # no Russian label in the reference data
    assert 'lang="ru" class="chosen" aria-current="true">Русский</a>' in russian
    mdg = _page(client, "/id/goal/mdg-8?lang=fr")  # the MDGs are English only
    assert "<span lang=" not in _h1(mdg)
    assert "global partnership" in _h1(mdg).lower()


def test_the_switch_shows_the_choice_and_sets_a_cookie(client: TestClient) -> None:
    page = _page(client, "/trace?goal=id/goal/sdg-16&session=8")
    switch = re.search(r'<nav class="languages"[^>]*title="([^"]*)".*?</nav>', page, re.DOTALL)
    assert switch and "the rest of the site is in English" in switch.group(1)
    names = re.findall(r'lang="(\w\w)"(?: dir="rtl")?(?: class="chosen" aria-current="true")?>'
                       r"([^<]+)</a>", switch.group(0))
    assert names == [("ar", "العربية"), ("zh", "中文"), ("en", "English"), ("fr", "Français"),
                     ("ru", "Русский"), ("es", "Español")]
    assert 'lang="en" class="chosen" aria-current="true">English' in switch.group(0)
    assert 'hreflang="ar" lang="ar" dir="rtl">العربية' in switch.group(0)  # Arabic runs rtl
    href = re.search(r'href="([^"]+)" hreflang="fr"', switch.group(0)).group(1)
    assert href == "/language?lang=fr"
    own = TestClient(client.app)  # its own cookie jar (the app already started)
    try:
        answer = own.get(href, follow_redirects=False, headers={
            "Referer": "http://testserver/trace?goal=id/goal/sdg-16&session=8"})
        assert answer.status_code == 303  # back to the page the switch was on
        assert answer.headers["location"] == "/trace?goal=id/goal/sdg-16&session=8"
        assert "lang=fr" in answer.headers["set-cookie"]
        french = own.get(answer.headers["location"], headers=HTML).text
        assert f'<span lang="fr">{SDG16_FR}' in french
        assert 'lang="fr" class="chosen" aria-current="true">Français' in french
        # `?lang` wins over the cookie, for this page only
        assert f'<span lang="es">{SDG16_ES}' in own.get("/id/goal/sdg-16?lang=es", headers=HTML).text
        assert f'<span lang="fr">{SDG16_FR}' in own.get("/id/goal/sdg-16", headers=HTML).text
        assert own.get("/language?lang=xx", follow_redirects=False).status_code == 400
        for elsewhere in ({"Referer": "https://evil.example/x"}, {}):
            away = own.get("/language?lang=fr", headers=elsewhere, follow_redirects=False)
            assert away.status_code == 303 and away.headers["location"] == "/"
        away = own.get("/language?lang=fr&next=//evil.example/", follow_redirects=False)
        assert away.headers["location"] == "/"
    finally:
        own.close()
    assert not client.cookies  # the shared client's requests stay English


def test_vary_and_etags_follow_the_language(client: TestClient) -> None:
    path = "/lists/recommendations?goal=sdg-16"
    french = client.get(path, headers=HTML | {"Accept-Language": "fr"})
    english = client.get(path, headers=HTML | {"Accept-Language": "en"})
    again = client.get(path, headers=HTML | {"Accept-Language": "fr"})
    for answer in (french, english, again):
        assert answer.status_code == 200
        assert "Accept-Language" in answer.headers["vary"] and "Cookie" in answer.headers["vary"]
    # the answer cache holds the English rows: each language renders its own labels from them
    assert f'<span lang="fr">{SDG16_FR}' in french.text and "<span lang=\"fr\">" not in english.text
    assert again.text == french.text and french.headers["etag"] == again.headers["etag"]
    assert french.headers["etag"] != english.headers["etag"]
    stale = client.get(path, headers=HTML | {"Accept-Language": "en",
                                             "If-None-Match": french.headers["etag"]})
    assert stale.status_code == 200 and f"{SDG16_EN}" in stale.text
    current = client.get(path, headers=HTML | {"Accept-Language": "fr",
                                               "If-None-Match": french.headers["etag"]})
    assert current.status_code == 304 and "Accept-Language" in current.headers["vary"]
    # machine formats do not depend on it
    turtle = client.get("/id/goal/sdg-16", headers={"Accept": "text/turtle"})
    assert "Accept-Language" not in turtle.headers.get("vary", "")
    assert '"Éliminer la pauvreté' in client.get("/id/goal/sdg-1.ttl").text


def test_an_arabic_label_is_shown_right_to_left(tmp_path: Path) -> None:
    """The reference data has no Arabic; a label added to the store is shown rtl."""
    store = OxigraphStore()
    install_reference(store, BASE)
    store.update(PREFIXES + f"""INSERT DATA {{ GRAPH <{BASE}graph/test> {{
        <{BASE}id/goal/sdg-16> skos:prefLabel "السلام والعدل والمؤسسات القوية"@ar }} }}""")
    app = create_app(Settings(base=BASE, store=tmp_path), store=store)
    with TestClient(app) as own:
        page = own.get("/id/goal/sdg-16", headers=HTML | {"Accept-Language": "ar, en;q=0.5"}).text
        assert _h1(page) == 'SDG 16: <span lang="ar" dir="rtl">السلام والعدل والمؤسسات القوية</span>'
        assert 'lang="ar" dir="rtl" class="chosen" aria-current="true">العربية' in page
        # a target without an Arabic label: English, no rtl
        target = own.get("/id/target/sdg-16-5", headers=HTML | {"Accept-Language": "ar"}).text
        assert _h1(target) == "SDG 16.5: Substantially reduce corruption and bribery in all " \
            "their forms"
