"""The named queries of `queries/`: each `.rq` file with its header (title, description,
parameters), and the safe binding of parameter values.

Header lines (before the first line that is not a comment)::

    # title: Partnerships of an actor
    # description: The partnerships an actor takes part in, ...
    # param: actor (iri) the actor, e.g. id/actor/unodc [default: id/actor/dpadm]

Parameter types: `iri` (absolute, or relative to the dataset's BASE: `id/actor/dpadm`),
`string`, `integer`. A parameter without a default that is not given stays unbound: the query
then answers for every value (its WHERE clause is written for that).

Values are bound as a `VALUES` block opened at the start of the WHERE clause, with each term
rendered (and so validated and escaped) by pyoxigraph, never pasted into the text: pyoxigraph's
own `substitutions` only accept variables that the SELECT projects, which aggregate queries do
not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

import pyoxigraph as ox
from cepa_kg.resources import data_files, queries_dir

TYPES = ("iri", "string", "integer")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
MAX_VALUE_LENGTH = 2000

_PARAM = re.compile(
    r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((\w+)\)\s*(.*?)\s*(?:\[default:\s*(.*?)\s*\])?\s*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)

Term = ox.NamedNode | ox.Literal


class ParameterError(ValueError):
    """A parameter value that is unknown, badly typed or not a valid term."""


class QueryDefinitionError(ValueError):
    """A `.rq` file whose header cannot be read."""


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a named query."""

    name: str
    type: str  # one of TYPES
    description: str
    default: str | None = None

    def term(self, value: str, *, base: str) -> Term:
        """The RDF term for `value`; ParameterError says why it is not one."""
        if len(value) > MAX_VALUE_LENGTH:
            raise ParameterError(f"parameter {self.name!r} is longer than {MAX_VALUE_LENGTH} "
                                 "characters")
        if self.type == "iri":
            iri = value if _SCHEME.match(value) else urljoin(base, value)
            try:
                return ox.NamedNode(iri)
            except ValueError as error:
                raise ParameterError(
                    f"parameter {self.name!r} is not an IRI ({error}): {value!r}") from error
        if self.type == "integer":
            if not _INTEGER.match(value.strip()):
                raise ParameterError(f"parameter {self.name!r} is not an integer: {value!r}")
            return ox.Literal(str(int(value)), datatype=XSD_INTEGER)
        try:
            return ox.Literal(value)
        except ValueError as error:  # e.g. a lone surrogate
            raise ParameterError(f"parameter {self.name!r} is not a valid string") from error


@dataclass(frozen=True)
class NamedQuery:
    """A `.rq` file: its name (the file name without `.rq`), header and text."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def bind(self, values: Mapping[str, str], *, base: str) -> dict[str, Term]:
        """Terms for the given values plus the defaults of the parameters not given.
        ParameterError names an unknown parameter or a bad value."""
        terms: dict[str, Term] = {}
        for name, value in values.items():
            parameter = self.parameter(name)
            if parameter is None:
                known = ", ".join(p.name for p in self.parameters) or "none"
                raise ParameterError(
                    f"query {self.name!r} has no parameter {name!r} (parameters: {known})")
            terms[name] = parameter.term(value, base=base)
        for parameter in self.parameters:
            if parameter.name not in terms and parameter.default is not None:
                terms[parameter.name] = parameter.term(parameter.default, base=base)
        return terms

    def prepare(self, values: Mapping[str, str], *, base: str) -> str:
        """The query text with the given values (and defaults) bound."""
        return with_values(self.text, self.bind(values, base=base))


def with_values(text: str, terms: Mapping[str, Term]) -> str:
    """`text` with `VALUES (?a ?b) { (<t1> "t2") }` as the first thing inside its WHERE.
    The terms are rendered by pyoxigraph (IRIs validated, strings escaped)."""
    if not terms:
        return text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    match = _WHERE.search(body)
    if match is None:
        raise QueryDefinitionError("a parameterised query needs an explicit WHERE { ... }")
    for name, term in terms.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ParameterError(f"not a parameter name: {name!r}")
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise ParameterError(f"parameter {name!r} must be an IRI or a literal")
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    block = f"\n  VALUES ({names}) {{ ({values}) }}\n"
    return body[: match.end()] + block + body[match.end():]


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read a query's header. QueryDefinitionError on an unknown parameter type or a
    duplicate parameter."""
    title, description = name, ""
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.lower().startswith("# param:"):
            m = _PARAM.match(line)
            if m is None:
                raise QueryDefinitionError(f"{name}: cannot read the parameter line {line!r}")
            if m.group(2) not in TYPES:
                raise QueryDefinitionError(
                    f"{name}: parameter {m.group(1)!r} has unknown type {m.group(2)!r} "
                    f"(one of {', '.join(TYPES)})")
            if any(p.name == m.group(1) for p in params):
                raise QueryDefinitionError(f"{name}: parameter {m.group(1)!r} is declared twice")
            params.append(Parameter(m.group(1), m.group(2), m.group(3), m.group(4)))
        elif line.lower().startswith("# title:"):
            title = line.split(":", 1)[1].strip()
        elif line.lower().startswith("# description:"):
            description = line.split(":", 1)[1].strip()
    return NamedQuery(name, title, description, tuple(params), text)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """The packaged named queries by name, sorted by name."""
    return {
        f.name.removesuffix(".rq"): parse_named_query(f.name.removesuffix(".rq"),
                                                      f.read_text("utf-8"))
        for f in data_files(queries_dir(), ".rq")
    }
