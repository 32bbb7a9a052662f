"""The language of goal and target labels on the HTML pages: one of the UN's six languages,
chosen by `?lang=xx`, else the `lang` cookie (set by the switch, `/language`), else the
request's `Accept-Language` (q-values and wildcards, parsed by Werkzeug), else English.

Only the labels of goals and targets are translated, where the store has them
(`skos:prefLabel`/`skos:definition` in that language: French and Spanish for the SDGs, from
the UN SDG KOS, `ontology/goal-labels.ttl`); everything else, and any label missing in that
language, stays English. A translated label is marked with its language (`lang`, and
`dir="rtl"` for Arabic) where it is shown; the page itself is English (`<html lang="en">`).

The queries behind the pages read English labels only (their answers, remembered in the
answer cache, are the same in every language); the labels are swapped when the page is
rendered, so the page's bytes, and the ETag made from them, differ by language. Every page
rendered through `render` says so in `Vary: Accept-Language, Cookie` (`VaryOnLanguage`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cepa_kg.server.site import root_of
from cepa_kg.server.state import app_state
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup, escape
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

#: The UN's six languages, in the UN's order: code -> (name in that language, right to left).
LANGUAGES: dict[str, tuple[str, bool]] = {
    "ar": ("العربية", True), "zh": ("中文", False), "en": ("English", False),
    "fr": ("Français", False), "ru": ("Русский", False), "es": ("Español", False),
}
DEFAULT = "en"
COOKIE = "lang"
VARY = "Accept-Language, Cookie"
#: Offered to Accept-Language with English first: a tie or a wildcard (`*`) gives English.
_OFFERS = [DEFAULT, *(code for code in LANGUAGES if code != DEFAULT)]
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_CONCEPT_PATHS = ("id/goal/", "id/target/")

router = APIRouter()


def from_accept_language(header: str | None) -> str:
    """The UN language the header prefers most (`fr-CH, en;q=0.8` -> `fr`), else English."""
    if not header:
        return DEFAULT
    return parse_accept_header(header, LanguageAccept).best_match(_OFFERS) or DEFAULT


def choose(request: Request) -> str:
    """The language of this request's goal and target labels (see the module's docstring)."""
    for asked in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if asked in LANGUAGES:
            return str(asked)
    return from_accept_language(request.headers.get("accept-language"))


def concept_key(ref: object) -> str | None:
    """`id/goal/sdg-16` from a goal's or target's IRI or local href, else None."""
    if not isinstance(ref, str):
        return None
    for path in _CONCEPT_PATHS:
        at = ref.find(path)
        if at == 0 or (at > 0 and ref[at - 1] == "/"):
            key = ref[at:].split("#", 1)[0].split("?", 1)[0]
            return key.removesuffix(".html")
    return None


@dataclass(frozen=True)
class Shown:
    """A text about a goal or target, with the English label in it put in the chosen
    language: `text` is the whole, `label` the translated part (marked up in HTML)."""

    before: str
    label: str
    after: str
    lang: str = ""  # the label's language when translated, "" when English as given

    @property
    def text(self) -> str:
        return self.before + self.label + self.after

    @property
    def rtl(self) -> bool:
        return LANGUAGES.get(self.lang, ("", False))[1]

    def attrs(self) -> Markup:
        """` lang="fr"` (and ` dir="rtl"`) for the element that holds the whole text."""
        if not self.lang:
            return Markup("")
        return Markup(' lang="{}"{}').format(self.lang, Markup(' dir="rtl"') if self.rtl else "")

    def __html__(self) -> Markup:
        if not self.lang:
            return escape(self.text)
        return escape(self.before) + Markup("<span{}>{}</span>").format(
            self.attrs(), self.label) + escape(self.after)

    def __str__(self) -> str:
        return self.text


class GoalLabels:
    """Each goal's and target's labels by language: (English text, its translation) pairs,
    read from the store once per data version."""

    _QUERY = f"""
    SELECT ?c ?p ?en ?other WHERE {{
      VALUES ?class {{ <https://w3id.org/cepa-kg/def#Goal> <https://w3id.org/cepa-kg/def#Target> }}
      VALUES ?p {{ <{_SKOS}prefLabel> <{_SKOS}definition> }}
      ?c a ?class ; ?p ?en , ?other .
      FILTER(LANGMATCHES(LANG(?en), "en") && !LANGMATCHES(LANG(?other), "en"))
    }}"""

    def __init__(self) -> None:
        self.version: int | None = None
        self.pairs: dict[str, dict[str, list[tuple[str, str]]]] = {}

    def of(self, store: Any) -> dict[str, dict[str, list[tuple[str, str]]]]:
        """{concept key: {language: [(English text, translation), longest first]}}."""
        version = store.version
        if version != self.version:
            pairs: dict[str, dict[str, list[tuple[str, str]]]] = {}
            for row in store.select(self._QUERY):
                key = concept_key(row["c"].value)
                lang = (row["other"].language or "").lower().split("-")[0]
                if key and lang in LANGUAGES:
                    pairs.setdefault(key, {}).setdefault(lang, []).append(
                        (row["en"].value, row["other"].value))
            for by_lang in pairs.values():
                for found in by_lang.values():
                    found.sort(key=lambda pair: -len(pair[0]))
            self.pairs, self.version = pairs, version
        return self.pairs


def shown(pairs: dict[str, dict[str, list[tuple[str, str]]]], lang: str, ref: object,
          text: object) -> Shown:
    """`text` (about the goal or target `ref`, an IRI or href) with its English label put in
    `lang`; unchanged where that language has no label for it."""
    text = "" if text is None else str(text)
    key = concept_key(ref)
    if lang != DEFAULT and key is not None:
        for english, other in pairs.get(key, {}).get(lang, []):
            at = text.find(english)
            if english and at >= 0:
                return Shown(text[:at], other, text[at + len(english):], lang)
    return Shown("", text, "")


def context(request: Request) -> dict[str, Any]:
    """What a page's template needs: the chosen language, the switch, and `goal_text(ref,
    text)` (the text in that language, marked up) and `link(href, text)` translating a goal's
    or target's link text. Marks the request: its answer varies by language."""
    from cepa_kg.server.views import link

    lang = choose(request)
    request.state.varies_by_language = True
    state = app_state(request)
    table = getattr(state, "goal_labels", None)
    if table is None:
        table = state.goal_labels = GoalLabels()
    pairs = table.of(state.store) if lang != DEFAULT else {}

    def goal_text(ref: object, text: object) -> Shown:
        return shown(pairs, lang, ref, text)

    def translated_link(href: object, text: object) -> Markup:
        if lang != DEFAULT and concept_key(href) is not None and not isinstance(text, Markup):
            return link(href, goal_text(href, text))
        return link(href, text)

    # The same links on every page (a page's bytes do not depend on its URL: `/id/x` and
    # `/id/x.html` stay equal): the switch goes back to the page it was followed from.
    root = root_of(request)
    switch = [{"code": code, "name": name, "rtl": rtl, "chosen": code == lang,
               "href": f"{root}/language?lang={code}"}
              for code, (name, rtl) in LANGUAGES.items()]
    return {"lang": lang, "languages": switch, "goal_text": goal_text,
            "link": translated_link}


class VaryOnLanguage:
    """ASGI middleware: `Vary: Accept-Language, Cookie` on the answers whose page read the
    language (`context` marks the request), 304s included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_varied(message: Message) -> None:
            state = scope.get("state") or {}
            if message["type"] == "http.response.start" and state.get("varies_by_language"):
                headers = list(message.get("headers", []))
                vary = [v.decode("latin-1") for k, v in headers if k.lower() == b"vary"]
                headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
                merged = ", ".join([*vary, VARY]) if vary else VARY
                headers.append((b"vary", merged.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_varied)


def _back(request: Request, target: str | None) -> str:
    """Where the switch goes back to: `next` if given, else the page it was followed from
    (`Referer`, sent within the site by our Referrer-Policy), else the home page; only a
    path of this site, never another host."""
    root = root_of(request)
    if target is None:
        referer = urlsplit(request.headers.get("referer") or "")
        if referer.netloc == request.url.netloc and referer.path:
            target = referer.path + (f"?{referer.query}" if referer.query else "")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return root + "/"
    return target


@router.get("/language", summary="Choose the language of goal and target labels",
            include_in_schema=False)
async def choose_language(request: Request,
                          lang: str = Query(..., description="ar, zh, en, fr, ru or es"),
                          back: str | None = Query(None, alias="next",
                                                   description="the page to go back to")
                          ) -> RedirectResponse:
    """The switch: remembers the language in a cookie for a year and goes back to the page."""
    from cepa_kg.server.errors import HttpError

    if lang not in LANGUAGES:
        raise HttpError(400, f"lang is one of {', '.join(LANGUAGES)}, not {lang!r}")
    response = RedirectResponse(_back(request, back), status_code=303)
    response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax",
                        path=(root_of(request) or "") + "/")
    return response
