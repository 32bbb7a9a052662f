"""Signs of the division's work and of its projects in the languages its pages and its
partners' news are written in besides English: the UN's other official languages (Arabic,
Chinese, French, Russian, Spanish) and those of its frequent hosts' press (Portuguese, Italian,
Korean, and Bosnian, Croatian and Serbian in Latin letters).

`family_detection` reads English signs; a page in another language scores nothing there, and
was refused whatever it reported (a ministry's release on a Forum in Korean, a broadcaster's
news of an award in Spanish, a fund's record in French). Here a page is the division's work
when it names the United Nations or the department, a subject of the division (public
administration, public service, e-government, governance) and an event (a workshop, a forum,
an award, a survey's release) in one of these languages; a project page when it names the
United Nations or the department and speaks of a project more than of events.
"""

from __future__ import annotations

import re

__all__ = ["NOT_ENGLISH", "other_language_project_score", "other_language_update_score"]

_HEAD = 6000

#: The United Nations and the department, by name or acronym, in each language.
_UN = re.compile(
    r"\bNaciones\s+Unidas\b|\bNations?\s+[Uu]nies\b|\bNações\s+Unidas\b|\bNazioni\s+Unite\b|"
    r"\b(?:ONU|Onu)\b|\bDAES\b|\bUN\s*-?\s*DESA\b|\bUNDESA\b|\bDESA\b|\bUNPOG\b|\bUNPAN\b|"
    r"Departamento\s+de\s+Asuntos\s+Econ[óo]micos|D[ée]partement\s+des\s+affaires\s+"
    r"[ée]conomiques|Departamento\s+de\s+Assuntos\s+Econ[ôo]micos|"
    r"Организаци\w+\s+Объединенных\s+Наций|\bООН\b|\bДЭСВ\b|Департамент\w*\s+по\s+экономическим|"
    r"(?:ال|لل)أمم\s*المتحدة|الشؤون\s*الاقتصادية\s*والاجتماعية|"
    r"联合国|聯合國|经社部|經社部|经济和社会事务部|經濟和社會事務部|"
    r"유엔|국제연합|UN\s*경제사회국|"
    r"Ujedinjen\w+\s+[Nn]acij\w*|\bUN\s*[–-]\s*a\b|"
    # German: "Vereinte Nationen", "UNO", "UN-Bericht" (a compound: the UN's report)
    r"Vereinte[nr]?\s+Nationen|\bUNO\b|\bUN-(?=[A-ZÄÖÜ][a-zäöüß])|"
    # the regional commissions that carry out the Account's projects, in their languages:
    # "CEPAL", "Comisión Económica para América Latina", "Commission économique pour
    # l'Afrique", "Commission économique et sociale pour l'Asie occidentale"
    r"\bCEPAL\b|Comisi[óo]n\s+Econ[óo]mica\s+para\s+Am[ée]rica\s+Latina|"
    r"Commission\s+[ée]conomique\s+(?:et\s+sociale\s+)?pour\s+l[’']\s*(?:Afrique|Asie|Europe)")
#: The division's subjects.
_SUBJECT = re.compile(
    r"administraci[óo]n\s+p[úu]blica|servicios?\s+p[úu]blicos?|gobierno\s+(?:electr[óo]nico|"
    r"digital)|gobernanza|administration\s+publique|services?\s+publics?|gouvernement\s+"
    r"(?:[ée]lectronique|num[ée]rique)|administration\s+[ée]lectronique|gouvernance|"
    r"administração\s+pública|gestão\s+pública|serviço\s+público|governo\s+(?:eletr[ôo]nico|"
    r"digital)|governança|pubblica\s+amministrazione|amministrazion[ei]\s+pubblic[ah]e?|"
    # (the English word in the Italian press: "una governance trasparente e partecipativa")
    r"servizio\s+pubblico|\bgovernance\s+(?:trasparente|partecipativa|pubblica|democratica)|"
    r"государственно\w*\s+(?:управлени|служб)|электронно\w*\s+"
    r"правительств|публичн\w+\s+администрац|"
    r"الإدارة\s*العامة|الخدمة\s*العامة|الحكومة\s*(?:الإلكترونية|الرقمية)|"
    # (the Maghreb's words: "public" as العمومية, the civil service, governance)
    r"الإدارة\s*العمومية|الخدمة\s*العمومية|الوظيفة\s*العمومية|الحكامة|الحوكمة|"
    r"fonction\s+publique|funci[óo]n\s+p[úu]blica|fun[çc][ãa]o\s+p[úu]blica|"
    r"公共行政|电子政务|電子政務|公共服务|公共服務|"
    r"공공행정|전자정부|행정\s*혁신|공공\s*서비스|거버넌스|정부\s*혁신|행정[·ㆍ]\s*공공|"
    r"javn\w+\s+(?:služb|uprav)|državn\w+\s+(?:služb|uprav)|e-?uprav|"
    r"электронн\w+\s+(?:государственн\w+\s+)?(?:услуг|сервис)|"
    r"öffentliche\w*\s+Verwaltung|Verwaltungsdigitalisierung|digitale\w*\s+Verwaltung|"
    r"E-Government|digitale\w*\s+Infrastruktur\w*\s+für\s+(?:ihre\s+)?Bürger", re.I)
#: Events, awards and a survey's release.
_EVENT = re.compile(
    r"\btaller(?:es)?\b|\bseminarios?\b|\bforo\b|\bconferencias?\b|\breuni[óo]n\b|\bcursos?\b|"
    r"\bpremios?\b|\bgalardon\w*|\batelier\b|\bs[ée]minaires?\b|\bforum\b|\bconf[ée]rences?\b|"
    r"\br[ée]union\b|\bformations?\b|\bprix\b|\boficinas?\b|\bsemin[áa]rios?\b|\bf[óo]rum\b|"
    r"\bconfer[êe]ncias?\b|\breuni[ãa]o\b|\bpr[êe]mios?\b|\bpremia\w*|\bconferenza\b|"
    r"\briunione\b|\bworkshop\b|семинар|форум|конференц|совещани|практикум|преми|"
    r"ورشة|ندوة|منتدى|مؤتمر|اجتماع|جائزة|"
    r"研讨会|研討會|论坛|論壇|会议|會議|讲习班|講習班|发布|發布|调查报告|調查報告|"
    r"워크숍|포럼|세미나|회의|시상|공공행정상|발표|약정식|서명|협약|양해각서|개원식|개소식|"
    r"\bnagrad\w*|\bkonferencij\w*|\bradionic\w*|\bsastan\w*|\bDan\s+javne\s+službe|"
    # a survey's report and ranking, as the German and Russian press tell its release
    r"UN-Bericht|Bericht\s+der\s+(?:UN|Vereinten)|Rangliste|рейтинг\w*\s+ООН|доклад\w*\s+ООН|"
    # (and the Spanish, French and Portuguese press: "la Encuesta ... de Gobierno Electrónico",
    # "l'enquête", "a Pesquisa ... de Governo Eletrônico", "el ranking", "le classement")
    r"\bencuesta\b|\benqu[êe]te\b|\bpesquisa\b|\br[áa]nking\b|\bclassement\b|"
    # the division's yearly Day: "День государственной службы", "Día del Servicio Público",
    # "Journée de la fonction publique", "Dia do Serviço Público", "يوم الخدمة العامة"
    r"Д(?:ень|ня|ню|нём|нем|не)\s+государственной\s+службы|"
    r"D[íi]a\s+(?:del\s+Servicio\s+P[úu]blico|de\s+la\s+(?:Administraci[óo]n|Funci[óo]n)\s+"
    r"P[úu]blica)|Journ[ée]e\s+(?:de\s+la\s+fonction\s+"
    r"publique|du\s+service\s+public)|Dia\s+do\s+Servi[çc]o\s+P[úu]blico|يوم\s*الخدمة\s*العامة|"
    r"公共服务日|공공\s*서비스의?\s*날",
    re.I)
#: A project, in each language, and a project record's labels.
_PROJECT = re.compile(
    r"\bproyectos?\b|\bprogramas?\b|\bprojets?\b|\bprojetos?\b|\bprogett[oi]\b|проект|программ|"
    r"مشروع|مشاريع|项目|項目|프로젝트", re.I)
#: Ruby annotations of Chinese characters ("國(guó)"), dropped before reading.
_RUBY = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")
#: Any letter of a script other than Latin, or a Latin accented letter: a page with none is
#: English (or all but), and is read by `family_detection`'s signs alone.
NOT_ENGLISH = re.compile(r"[À-ÿ\u0100-\u017f\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff"
                         r"\u4e00-\u9fff\uac00-\ud7af]")


def _head(text: str) -> str:
    head = text[:_HEAD]
    return _RUBY.sub("", head) if "(" in head else head


def other_language_update_score(text: str) -> float:
    """0.5 for a page in another language that reports the division's work (the United
    Nations or the department named, one of its subjects, an event); else 0."""
    head = _head(text)
    if not NOT_ENGLISH.search(head):
        return 0.0
    if not (_UN.search(head) and _SUBJECT.search(head)):
        return 0.0
    events = len(_EVENT.findall(head))
    return 0.5 if events and events >= len(_PROJECT.findall(head)) else 0.0


def other_language_project_score(text: str) -> float:
    """0.55 for a page in another language about a project: the United Nations or the
    department named, and a project spoken of twice or more, more often than any event."""
    head = _head(text)
    if not NOT_ENGLISH.search(head) or not _UN.search(head):
        return 0.0
    projects = len(_PROJECT.findall(head))
    return 0.55 if projects >= 2 and projects > len(_EVENT.findall(head)) else 0.0
