"""The seventeenth study's rules: pages of the families that the detection refused (in other
languages, naming the division only by its offices or products, with few signs), from the
real pages in `tests/data/archive-seventeenth-study/` (read in each README); texts below are
our own."""

from __future__ import annotations

import pytest
from cepa_kg.loaders import registry
from cepa_kg.loaders.family_detection import names_our_work, update_score

SPANISH_AWARD = ("La ONU premia a Kenia por sus servicios públicos\n\nKenia obtuvo el primer "
                 "premio en la categoría de innovación en la administración pública, en la "
                 "ceremonia que las Naciones Unidas celebraron en el Foro del Servicio Público.\n")
KOREAN_FORUM = ("2016 유엔 공공행정포럼이 개회식과 함께 공식 일정을 시작했다. 각국 대표단이 워크숍에 "
                "참여해 전자정부 사례를 나눈다.\n")
FRENCH_RECORD = ("Renforcer les capacités des administrations locales\n\nRéférence du projet\n"
                 "PDF-SDG-2021-03\nEntité(s) responsable(s)\nDESA, commissions régionales de "
                 "l’ONU\nDurée du projet\nMars 2021 – février 2024\nLe projet proposé vise à "
                 "renforcer les capacités des administrations.\n")


#: The Maghreb's words for the public service (الخدمة العمومية) and the civil service (الوظيفة
#: العمومية), and the United Nations' name glued as an aggregator leaves it.
ARABIC_FORUM = ("افتتح امس بمراكش منتدى الأممالمتحدة للخدمة العمومية بمشاركة وزراء وخبراء من "
                "قارات عدة لبحث سبل تحديث الوظيفة العمومية.\n")
FRENCH_FORUM = ("Marrakech accueille le Forum des Nations unies sur la fonction publique, "
                "organisé par le ministère et le département des affaires économiques et "
                "sociales.\n")


#: The Survey's ranking told by the German and Russian press ("einem neuen UN-Bericht zufolge",
#: "возглавила рейтинг ООН"), and a Swiss news page naming the "UN E-Government Survey".
GERMAN_RANKING = ("New York. Die Regierungen von Dänemark und Finnland stellen einem neuen "
                  "UN-Bericht zufolge die beste digitale Infrastruktur für ihre Bürger bereit.\n")
RUSSIAN_RANKING = ("Казань возглавила рейтинг ООН по предоставлению электронных услуг "
                   "жителям.\n")
SWISS_SURVEY = ("UNO: Schweiz rückt im Vergleich vor\n\nDie Schweiz belegt Rang 14. Das geht "
                "aus dem Report 2018 UN E-Government Survey hervor.\n")


@pytest.mark.parametrize(("text", "kind"), [
    (SPANISH_AWARD, "dpadm-monthly-update"),
    (GERMAN_RANKING, "dpadm-monthly-update"),
    (RUSSIAN_RANKING, "dpadm-monthly-update"),
    (SWISS_SURVEY, "dpadm-monthly-update"),
    (ARABIC_FORUM, "dpadm-monthly-update"),
    (FRENCH_FORUM, "dpadm-monthly-update"),
    (KOREAN_FORUM, "dpadm-monthly-update"),
    (FRENCH_RECORD, "da-project"),
])
def test_pages_in_other_languages_are_known_by_their_words(text: str, kind: str) -> None:
    """The United Nations or the department named, a subject of the division and an event
    (or, for a project, the project spoken of more than any event), in the page's language."""
    assert registry.detect(text).kind == kind


def test_a_page_naming_the_division_s_work_needs_fewer_signs() -> None:
    """Naming UNPAN, the Development Account or the department is what makes a page one of
    ours: with that, some signs of a family suffice; the same signs on a page that names none
    of it do not."""
    ours = ("Regional workshop on digital government underway in Dakar\n\nDAKAR (News Agency) - "
            "A regional workshop of UNPAN partner institutions, organized by the Government, "
            "opened here on Monday.\n")
    theirs = ours.replace("UNPAN partner institutions", "regional partner institutions")
    assert names_our_work(ours) and not names_our_work(theirs)
    assert 0.25 <= update_score(ours) < 0.5
    assert registry.detect(ours).kind == "dpadm-monthly-update"
    with pytest.raises(registry.UnknownKindError, match="names the division's work"):
        registry.detect(theirs)


def test_the_release_of_the_e_government_survey_is_news_of_the_division() -> None:
    page = ("Friday, 12 May 2012\n\nUnited Nations releases 2012 e-Government Survey; Chile "
            "ranks first in the region\n\nThe United Nations has released its 2012 "
            "e-Government Survey, which ranks every Member State.\n")
    assert registry.detect(page).kind == "dpadm-monthly-update"


def test_korean_news_of_a_governance_centre_s_agreement_is_the_division_s_work() -> None:
    """Korean words of the division's subjects (거버넌스, governance) and of a signing
    (약정식, the ceremony of an agreement) make a Korean daily's news the division's."""
    page = ("유엔 거버넌스센터 설립 약정식 열려\n\n정부와 유엔은 서울에서 거버넌스센터 설립을 위한 "
            "약정식을 가졌다.\n")
    assert registry.detect(page).kind == "dpadm-monthly-update"


def test_an_event_word_in_a_name_or_in_site_chrome_is_no_event() -> None:
    """"Institute for Training and Research", "Permanent Mission", "visit this website": words
    of events that name none; a page whose only event words are such is no report of a
    meeting (a project's partners named, an agreement signed)."""
    from cepa_kg.loaders.family_detection import _only_false_events

    named = ("The United Nations Institute for Training and Research (UNITAR) and UN DESA "
             "signed an agreement in collaboration with ECA.\n")
    assert _only_false_events(named)
    assert update_score(named) < update_score(named.replace(
        "signed an agreement", "held a workshop and signed an agreement"))
    assert not _only_false_events("UN DESA held a workshop for training officials.\n")
    assert _only_false_events("Sorry, you need to enable JavaScript to visit this website.\n")


def test_the_day_s_explainer_and_a_bosnian_item_are_the_division_s_news() -> None:
    """A page headed by the division's yearly Day (an explainer, with no meeting told) and an
    item in Bosnian on the Day and its awards."""
    explainer = ("Every year on 23 June the world marks United Nations Public Service Day, to "
                 "thank public servants for their work.\n\nOn the Day, the UN also hands out "
                 "awards to institutions whose work stands out.\n")
    assert registry.detect(explainer).kind == "dpadm-monthly-update"
    bosnian = ("Generalna skupština UN – a je odredila 23. juni kao Dan javne službe. Nagrade "
               "za javnu službu Ujedinjenih Nacija su najuglednije priznanje u javnoj službi.\n")
    assert registry.detect(bosnian).kind == "dpadm-monthly-update"
