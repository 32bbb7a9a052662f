"""Which queries may run in the server's own threads: those whose evaluation is lazy and can
be stopped row by row (the fast path, see `executor`). A pure function of the query text.

A query is *bounded and streaming* when pyoxigraph produces its answer one row at a time with
little work per row, so that the chunk writer, which checks the time budget at every write,
stops it on time: it can never compute for long without writing. Accepted (after BASE and
PREFIX declarations, with optional FROM / FROM NAMED clauses):

- `SELECT * | SELECT ?v ...` and `ASK`, whose WHERE is one basic graph pattern (see below),
  with at most one LIMIT and one OFFSET (OFFSET at most `MAX_OFFSET`; none for ASK);
- `CONSTRUCT {template} WHERE {...}` / `CONSTRUCT WHERE {...}` likewise, when every pattern
  has the same constant subject or a LIMIT of at most `MAX_CONSTRUCT_LIMIT` (pyoxigraph keeps
  every triple a CONSTRUCT emitted, to drop repeats: the answer must be bounded);
- `DESCRIBE <iri> ...` of constant IRIs only, with no WHERE.

The basic graph pattern is either
- one triple pattern whose variables are all distinct (a repeated variable makes the store
  scan rows it does not return), or
- one triple pattern with a constant subject IRI (bounded by that subject's triples), or
- up to `MAX_PATTERNS` triple patterns that all share one constant subject IRI and all have
  constant predicates: the joins are bounded by that subject's triples. (Measured with
  pyoxigraph 0.5.13: `<s> <p> ?a ; <q> ?b ; ?x ?c` with 3,000 values for `p` and `q` computes
  for 7.6 s before its first row, so a variable predicate is refused in a join; with constant
  predicates, every order of up to 4 patterns with fan-outs of 2,000 and a pattern matching
  nothing gave its first row within 20 ms.)

Anything else is not fast-path: FILTER, OPTIONAL, UNION, MINUS, GRAPH, SERVICE, BIND, VALUES,
sub-queries, property paths, blank nodes, collections, triple terms, expressions in the
projection, DISTINCT/REDUCED, ORDER BY, GROUP BY, HAVING, aggregates, a syntax this reader does
not follow. The reader works on tokens (`sparql_text.tokens`: strings, comments and IRIs are
skipped whole), so a keyword inside a literal or a comment changes nothing. It never decides
validity: a text it accepts may still be refused by the store's parser, on either path.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache

from cepa_kg.server.sparql_text import Prologue
from cepa_kg.sparql_tokens import Token, tokens

MAX_PATTERNS = 4
MAX_OFFSET = 10_000
MAX_CONSTRUCT_LIMIT = 10_000
MAX_TEXT = 4096  # longer texts are not worth classifying: to the workers


class ShapeKind(enum.Enum):
    SELECT = "select"
    ASK = "ask"
    CONSTRUCT = "construct"
    DESCRIBE = "describe"


@dataclass(frozen=True)
class Shape:
    """A bounded, streaming query: its form and its triple patterns (resolved term texts)."""

    kind: ShapeKind
    patterns: tuple[tuple[str, str, str], ...] = ()
    limit: int | None = None
    offset: int | None = None


class _NotFast(Exception):
    """The text is not of a shape the fast path takes."""


_TERMINAL_PUNCTUATION = {".", ";", ",", "{", "}"}


class _Reader:
    def __init__(self, items: list[Token], prologue: Prologue) -> None:
        self.items, self.i, self.prologue = items, 0, prologue

    def peek(self, offset: int = 0) -> Token | None:
        j = self.i + offset
        return self.items[j] if j < len(self.items) else None

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            raise _NotFast("unexpected end")
        self.i += 1
        return token

    def at_word(self, *words: str) -> bool:
        token = self.peek()
        return token is not None and token.is_word(*words)

    def at(self, text: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "other" and token.text == text

    def expect(self, text: str) -> None:
        if not self.at(text):
            raise _NotFast(f"expected {text}")
        self.i += 1

    def done(self) -> bool:
        return self.i >= len(self.items)

    # -- terms ---------------------------------------------------------------------------

    def iri(self) -> str:
        """An IRI or a prefixed name, resolved; anything else is not fast."""
        token = self.next()
        if token.kind not in ("iri", "pname"):
            raise _NotFast("expected an IRI")
        resolved = self.prologue.resolve(token)
        if resolved is None:
            raise _NotFast("unknown prefix")
        return "<" + resolved + ">"

    def subject(self) -> str:
        token = self.peek()
        if token is not None and token.kind == "var":
            self.i += 1
            return "?" + token.text[1:]
        return self.iri()

    def verb(self) -> str:
        token = self.peek()
        if token is not None and token.kind == "name" and token.text == "a":
            self.i += 1
            return "a"
        return self.subject()

    def obj(self) -> str:
        token = self.peek()
        if token is None:
            raise _NotFast("unexpected end")
        if token.kind in ("var", "iri", "pname"):
            return self.subject()
        if token.kind == "string":
            self.i += 1
            text = token.text
            if self.at("@"):
                self.i += 1
                text += "@" + self._language()
            elif self.at("^") and self.peek(1) is not None and self.peek(1).text == "^":  # type: ignore[union-attr]
                self.i += 2
                text += "^^" + self.iri()
            return text
        if token.kind == "number":
            self.i += 1
            return token.text
        if token.kind == "other" and token.text in "+-" and (following := self.peek(1)) \
                and following.kind == "number":
            self.i += 2
            return token.text + following.text
        if token.kind == "name" and token.text in ("true", "false"):
            self.i += 1
            return token.text
        raise _NotFast(f"not a plain term: {token.text!r}")

    def _language(self) -> str:
        token = self.next()
        if token.kind != "name":
            raise _NotFast("bad language tag")
        tag = token.text
        while self.at("-") and (part := self.peek(1)) and part.kind in ("name", "number"):
            self.i += 2
            tag += "-" + part.text
        return tag

    def integer(self) -> int:
        token = self.next()
        if token.kind != "number" or not token.text.isdigit():
            raise _NotFast("expected an integer")
        return int(token.text)

    # -- structure -----------------------------------------------------------------------

    def prologue_declarations(self) -> None:
        while self.at_word("BASE", "PREFIX"):
            if self.at_word("BASE"):
                self.i += 1
                token = self.next()
                if token.kind != "iri":
                    raise _NotFast("bad BASE")
                self.prologue.base = self.prologue.resolve(token)
            else:
                self.i += 1
                name, target = self.next(), self.next()
                if name.kind != "pname" or not name.text.endswith(":") or target.kind != "iri":
                    raise _NotFast("bad PREFIX")
                self.prologue.prefixes[name.text[:-1]] = self.prologue.resolve(target) or ""

    def dataset_clauses(self) -> None:
        while self.at_word("FROM"):
            self.i += 1
            if self.at_word("NAMED"):
                self.i += 1
            self.iri()

    def triples_block(self, *, template: bool = False) -> list[tuple[str, str, str]]:
        """`{ s p o ; p o , o . s p o }`: the triples, in order. Only plain terms."""
        self.expect("{")
        triples: list[tuple[str, str, str]] = []
        while not self.at("}"):
            subject = self.subject()
            while True:
                verb = self.verb()
                while True:
                    triples.append((subject, verb, self.obj()))
                    if not self.at(","):
                        break
                    self.i += 1
                if not self.at(";"):
                    break
                while self.at(";"):  # `;;` and a trailing `;` are allowed
                    self.i += 1
                if self.at(".") or self.at("}"):
                    break
            if self.at("."):
                self.i += 1
            elif not self.at("}"):
                raise _NotFast("not a triple pattern")
            if len(triples) > MAX_PATTERNS and not template:
                raise _NotFast("too many patterns")
        self.i += 1
        return triples

    def modifiers(self) -> tuple[int | None, int | None]:
        limit = offset = None
        while self.at_word("LIMIT", "OFFSET"):
            word = self.next().text.upper()
            value = self.integer()
            if word == "LIMIT":
                if limit is not None:
                    raise _NotFast("LIMIT twice")
                limit = value
            else:
                if offset is not None:
                    raise _NotFast("OFFSET twice")
                offset = value
        return limit, offset


def _bounded(patterns: list[tuple[str, str, str]]) -> bool:
    """One pattern with distinct variables (or a constant subject), or a few patterns on one
    constant subject with constant predicates."""
    if not patterns:
        return True
    subjects = {s for s, _, _ in patterns}
    if len(patterns) == 1:
        variables = [t for t in patterns[0] if t.startswith("?")]
        return len(variables) == len(set(variables)) or not patterns[0][0].startswith("?")
    if len(subjects) != 1 or next(iter(subjects)).startswith("?"):
        return False
    return all(not p.startswith("?") for _, p, _ in patterns)


def _shape(text: str) -> Shape:
    reader = _Reader(list(tokens(text)), Prologue(None))
    reader.prologue_declarations()
    form = reader.next()
    if form.is_word("DESCRIBE"):
        described = [reader.iri()]
        while reader.peek() is not None and reader.peek().kind in ("iri", "pname"):  # type: ignore[union-attr]
            described.append(reader.iri())
        reader.dataset_clauses()
        if not reader.done():
            raise _NotFast("DESCRIBE with more than IRIs")
        return Shape(ShapeKind.DESCRIBE, tuple((iri, "", "") for iri in described))
    if form.is_word("SELECT"):
        kind = ShapeKind.SELECT
        if reader.at("*"):
            reader.i += 1
        else:
            count = 0
            while (token := reader.peek()) is not None and token.kind == "var":
                reader.i += 1
                count += 1
            if not count:
                raise _NotFast("projection with more than variables")
    elif form.is_word("ASK"):
        kind = ShapeKind.ASK
    elif form.is_word("CONSTRUCT"):
        kind = ShapeKind.CONSTRUCT
    else:
        raise _NotFast("not a query form the fast path takes")
    template_given = kind is ShapeKind.CONSTRUCT and reader.at("{")
    if template_given:
        reader.triples_block(template=True)
    reader.dataset_clauses()
    if reader.at_word("WHERE"):
        reader.i += 1
    elif kind is ShapeKind.CONSTRUCT and not template_given:
        raise _NotFast("CONSTRUCT without WHERE")
    patterns = reader.triples_block()
    limit, offset = reader.modifiers()
    if not reader.done():
        raise _NotFast("something after the pattern")
    if not _bounded(patterns):
        raise _NotFast("unbounded pattern")
    if kind is ShapeKind.ASK and (limit is not None or offset is not None):
        raise _NotFast("ASK with modifiers")
    if offset is not None and offset > MAX_OFFSET:
        raise _NotFast("large OFFSET")
    if kind is ShapeKind.CONSTRUCT:
        one_subject = (len({s for s, _, _ in patterns}) == 1
                       and not patterns[0][0].startswith("?"))
        if not one_subject and (limit is None or limit > MAX_CONSTRUCT_LIMIT):
            raise _NotFast("CONSTRUCT of unbounded size")
    return Shape(kind, tuple(patterns), limit, offset)


@lru_cache(maxsize=1024)
def classify(text: str) -> Shape | None:
    """The shape of a bounded, streaming query, or None when the query must go to a worker
    process (the conservative answer for anything this reader is unsure of)."""
    if len(text) > MAX_TEXT:
        return None
    try:
        return _shape(text)
    except _NotFast:
        return None


def is_fast(text: str) -> bool:
    """Whether `text` may run in the server's threads (see the module's docstring)."""
    return classify(text) is not None
