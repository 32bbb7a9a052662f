"""Deterministic, readable IRIs for everything the loaders mint (DESIGN.md, "Identifiers")."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath
from urllib.parse import urlsplit

from anyascii import anyascii
from rdflib import URIRef

_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Where a romanised syllable begins inside a word ("JoHyeonSeog"): a word boundary.
_CAPITAL_INSIDE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def slugify(text: str, *, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by '-', cut at a word boundary near `max_length`.

    >>> slugify("Ministry of Culture, Sports and Tourism")
    'ministry-of-culture-sports-and-tourism'
    >>> slugify("Márquez")
    'marquez'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if not slug and text.strip():
        # a name in another script ("조현석", "王建国"): its romanisation, so that two people
        # or bodies so named are two resources ("jo-hyeon-seog"), not one "unnamed"
        slug = _NON_WORD.sub("-", _CAPITAL_INSIDE.sub("-", anyascii(text)).lower()).strip("-")
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length]
    return slug or "unnamed"


def document_slug(name: str) -> str:
    """The slug of a source document, from what names it: its file name without the suffix
    (`cepa-session-05-2006.txt` -> `cepa-session-05-2006`) or its address (host and path).
    A document is named after itself, never after what it describes: two documents about one
    session are two documents (DESIGN.md, "Named graphs")."""
    if name.startswith(("http://", "https://")):
        parts = urlsplit(name)
        where = parts.netloc.removeprefix("www.") + parts.path
        return slugify(where + ("-" + parts.query if parts.query else ""), max_length=100)
    return slugify(PurePath(name).stem, max_length=100)


_FILLER = frozenset("the a an of to and in on for with by its their that this which is are be "
                    "as at from".split())


def text_key(text: str, *, words: int = 5) -> str:
    """A readable, stable key for a passage: its first significant words and a short digest of
    the whole (white space and letter case aside). The same passage in two documents gets the
    same key (one resource, described by both); two passages that begin alike do not.

    >>> text_key("Member States need to strengthen the institutional capacities.")
    'member-states-need-strengthen-institutional-eed5e3'
    """
    kept = [w for w in slugify(text, max_length=400).split("-") if w not in _FILLER][:words]
    digest = hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:6]
    return "-".join(kept + [digest])


def symbol_slug(symbol: str) -> str:
    """Slug for a UN document symbol: 'A/Res/56/213' -> 'A-RES-56-213'."""
    return re.sub(r"[^A-Z0-9.]+", "-", symbol.upper()).strip("-")


class Iris:
    """Mints IRIs under `{base}id/`; one instance per base, passed to the RDF mappers."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.id = self.base + "id/"

    def path(self, path: str) -> URIRef:
        """Any IRI under `{base}id/`, e.g. `path("actor/unodc")`."""
        return URIRef(self.id + path)

    def session(self, number: int) -> URIRef:
        return self.path(f"session/{number}")

    def recommendation(self, within: URIRef, text: str) -> URIRef:
        """`{session}/recommendation/{key}` (see `text_key`): the same recommendation stated
        by two documents about one session is one resource."""
        return URIRef(f"{within}/recommendation/{text_key(text)}")

    def resolution(self, session: int) -> URIRef:
        return self.path(f"session/{session}/resolution")

    def resolution_paragraph(self, session: int, text: str) -> URIRef:
        return self.path(f"session/{session}/resolution/{text_key(text)}")

    def theme(self, label: str) -> URIRef:
        return self.path(f"theme/{slugify(label)}")

    def actor(self, slug: str) -> URIRef:
        return self.path(f"actor/{slug}")

    def person(self, name: str) -> URIRef:
        return self.path(f"person/{slugify(name)}")

    def country(self, alpha3: str) -> URIRef:
        return self.path(f"country/{alpha3.upper()}")

    def place(self, name: str) -> URIRef:
        return self.path(f"place/{slugify(name)}")

    def role(self, title: str) -> URIRef:
        return self.path(f"role/{slugify(title)}")

    def post(self, organization_path: str, title: str) -> URIRef:
        """A post (a position within an organization, whoever holds it): the organization's
        slug and the title's, `id/post/dpadm--director`."""
        return self.path(f"post/{organization_path.rsplit('/', 1)[-1]}--{slugify(title)}")

    def event(self, date_iso: str, title: str) -> URIRef:
        return self.path(f"event/{date_iso}-{slugify(title, max_length=50)}")

    def partnership(self, slug: str) -> URIRef:
        return self.path(f"partnership/{slug}")

    def project(self, title: str) -> URIRef:
        return self.path(f"project/{slugify(title)}")

    def document(self, slug: str) -> URIRef:
        return self.path(f"document/{slug}")

    def un_document(self, symbol: str) -> URIRef:
        return self.path(f"un-document/{symbol_slug(symbol)}")

    def goal(self, code: str) -> URIRef:
        """`goal("mdg-3")`, `goal("sdg-16")`."""
        return self.path(f"goal/{code}")

    def target(self, code: str) -> URIRef:
        """`target("mdg-8f")`."""
        return self.path(f"target/{code}")

    def scheme(self, name: str) -> URIRef:
        return self.path(f"scheme/{name}")

    def graph(self, name: str) -> URIRef:
        """Named graph of reference data or the ontology: `{base}graph/{name}`."""
        return URIRef(self.base + "graph/" + name)
