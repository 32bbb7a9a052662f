"""Keywords in SPARQL text (SERVICE, LOAD, FROM, USING, WITH, WHERE) outside strings, comments
and IRIs (see `cepa_kg.sparql_tokens`), and the IRIs that follow them, resolved. It never
decides whether a query is valid: the store's parser does that."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from cepa_kg.sparql_tokens import Token, tokens


class Prologue:
    """BASE and PREFIX declarations seen so far, to resolve IRIs and prefixed names."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.prefixes: dict[str, str] = {}

    def resolve(self, token: Token) -> str | None:
        """The absolute IRI a token names, or None (a variable, an unknown prefix, ...)."""
        if token.kind == "iri":
            iri = token.text[1:-1]
            return urljoin(self.base, iri) if self.base else iri
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            namespace = self.prefixes.get(prefix)
            return None if namespace is None else namespace + local.replace("\\", "")
        return None


@dataclass(frozen=True)
class Mention:
    """A keyword and what follows it: the IRI it names (None: a variable or unknown)."""

    keyword: str
    iri: str | None
    target: str
    start: int


def _declare(prologue: Prologue, items: list[Token], i: int) -> bool:
    """Apply a BASE or PREFIX declaration starting at token `i`; whether there was one."""
    token = items[i]
    if token.is_word("BASE") and i + 1 < len(items) and items[i + 1].kind == "iri":
        prologue.base = prologue.resolve(items[i + 1])
        return True
    if (token.is_word("PREFIX") and i + 2 < len(items)
            and items[i + 1].kind == "pname" and items[i + 2].kind == "iri"):
        prologue.prefixes[items[i + 1].text.partition(":")[0]] = (
            prologue.resolve(items[i + 2]) or "")
        return True
    return False


def mentions(text: str, keywords: set[str], *, base: str | None = None) -> list[Mention]:
    """Every use of one of `keywords` (upper case) as a keyword, with the IRI that follows
    (skipping SILENT and NAMED), resolved against BASE and PREFIX declarations."""
    prologue = Prologue(base)
    found: list[Mention] = []
    items = list(tokens(text))
    for i, token in enumerate(items):
        if _declare(prologue, items, i):
            continue
        if token.kind == "name" and token.text.upper() in keywords:
            j = i + 1
            while j < len(items) and items[j].is_word("SILENT", "NAMED"):
                j += 1
            target = items[j] if j < len(items) else Token("other", "", len(text))
            found.append(Mention(token.text.upper(), prologue.resolve(target), target.text,
                                 token.start))
    return found


def has_relative_iri(text: str) -> bool:
    """Whether an IRI in the text is relative and no BASE is declared."""
    relative = False
    for token in tokens(text):
        if token.is_word("BASE"):
            return False
        if token.kind == "iri" and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", token.text[1:]):
            relative = True
    return relative


def dataset_clauses(text: str, *, base: str | None = None) -> tuple[list[str], list[str]]:
    """The IRIs of a query's FROM and FROM NAMED clauses."""
    if "from" not in text.lower():
        return [], []
    prologue = Prologue(base)
    defaults: list[str] = []
    named: list[str] = []
    items = list(tokens(text))
    for i, token in enumerate(items):
        if _declare(prologue, items, i):
            continue
        if token.is_word("FROM") and i + 1 < len(items):
            is_named = items[i + 1].is_word("NAMED")
            target = items[i + 2] if is_named and i + 2 < len(items) else items[i + 1]
            iri = prologue.resolve(target)
            if iri:
                (named if is_named else defaults).append(iri)
    return defaults, named


class DatasetConflictError(ValueError):
    """using-graph-uri / using-named-graph-uri given for an update with USING or WITH."""


def with_using(text: str, using: list[str], using_named: list[str]) -> str:
    """The update with `USING <g>` / `USING NAMED <g>` added before the WHERE of each
    DELETE/INSERT operation (SPARQL 1.1 Protocol 2.2.3). IRIs must be checked already."""
    if not using and not using_named:
        return text
    clause = "".join(f" USING <{g}>" for g in using) + "".join(
        f" USING NAMED <{g}>" for g in using_named) + " "
    inserts: list[int] = []
    depth = 0
    words: list[str] = []  # keywords of the current operation at depth 0
    for token in tokens(text):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.text == ";":
            words = []
        elif depth == 0 and token.kind == "name":
            word = token.text.upper()
            if word in ("USING", "WITH"):
                raise DatasetConflictError(
                    "using-graph-uri / using-named-graph-uri cannot be combined with an "
                    "update that has USING or WITH")
            if word == "WHERE" and words and words[-1] != "DELETE" and (
                    "INSERT" in words or "DELETE" in words):
                inserts.append(token.start)
            words.append(word)
    for position in reversed(inserts):
        text = text[:position] + clause + text[position:]
    return text
