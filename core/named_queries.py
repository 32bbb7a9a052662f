"""The named queries of `queries/`: each `.rq` file with its header (title, description,
parameters).

Parameters are bound as a `VALUES` block opened at the start of the WHERE clause, with each
term rendered (and so validated and escaped) by pyoxigraph: pyoxigraph's own `substitutions`
only accept variables that the SELECT projects, which aggregate queries do not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from cepa_kg.resources import data_files, queries_dir

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*\((\w+)\)\s*(.*)$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # "iri" | "string" | "integer"
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def prepare(self, values: dict[str, str]) -> str:
        """The query text with the given parameter values bound."""
        return with_values(self.text, self.bind(values))

    def bind(self, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Terms for the given parameter values; ValueError names a bad or unknown one."""
        known = {p.name: p for p in self.parameters}
        terms: dict[str, ox.NamedNode | ox.Literal] = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"query {self.name!r} has no parameter {name!r}")
            kind = known[name].type
            if kind == "iri":
                try:
                    terms[name] = ox.NamedNode(value)
                except ValueError as error:
                    raise ValueError(f"parameter {name!r} is not an IRI: {error}") from error
            elif kind == "integer":
                if not re.fullmatch(r"-?\d+", value):
                    raise ValueError(f"parameter {name!r} is not an integer: {value!r}")
                terms[name] = ox.Literal(value, datatype=ox.NamedNode(
                    "http://www.w3.org/2001/XMLSchema#integer"))
            else:
                terms[name] = ox.Literal(value)
        return terms


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """`text` with `VALUES (?a ?b) { (<t1> "t2") }` as the first thing inside its WHERE."""
    if not terms:
        return text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = _WHERE.search(body)
    if match is None:
        raise ValueError("a parameterised query needs an explicit WHERE { ... }")
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    return body[: match.end()] + block + body[match.end():]


def parse_named_query(name: str, text: str) -> NamedQuery:
    title, description, params = name, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            params.append(Parameter(m.group(1), m.group(2), m.group(3).strip()))
        elif line.lower().startswith("# title:"):
            title = line.split(":", 1)[1].strip()
        elif line.lower().startswith("# description:"):
            description = line.split(":", 1)[1].strip()
    return NamedQuery(name, title, description, tuple(params), text)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    return {
        f.name.removesuffix(".rq"): parse_named_query(f.name.removesuffix(".rq"), f.read_text("utf-8"))
        for f in data_files(queries_dir(), ".rq")
    }
