"""Hostile SPARQL texts: deep nesting, long chains, long literals, deep paths, many UNIONs
(helpers for the hostile-input tests and the crash probe; not a test module).

Each maker takes a size `n` and returns a query, or an update when `UPDATE` is in its name.
The sizes at which pyoxigraph 0.5.13 crashes an 8 MB thread are in `bench/RESULTS.md`."""

from __future__ import annotations

from collections.abc import Callable

P = "PREFIX : <http://example.org/> "


def _chain(separator: str, unit: str, n: int) -> str:
    return separator.join([unit] * n)


MAKERS: dict[str, Callable[[int], str]] = {
    # nesting
    "braces": lambda n: "SELECT * WHERE " + "{" * n + "}" * n,
    "parentheses": lambda n: "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
    "function calls": lambda n: "SELECT * WHERE { BIND(" + "STR(" * n + "1" + ")" * n + " AS ?x) }",
    "exists": lambda n: "ASK { FILTER(" + "EXISTS { FILTER(" * n + "true" + ") }" * n + ") }",
    "sub-selects": lambda n: "SELECT * WHERE " + "{ SELECT * WHERE " * n + "{}" + " }" * n,
    "blank nodes": lambda n: P + "SELECT * WHERE { ?s :p " + "[ :p " * n + "?o" + " ]" * n + " }",
    "collections": lambda n: P + "SELECT * WHERE { ?s :p " + "( " * n + "?o" + " )" * n + " }",
    "path groups": lambda n: P + "SELECT * WHERE { ?s " + "(" * n + ":p" + ")" * n + " ?o }",
    # chains
    "unions": lambda n: P + "SELECT * WHERE { " + _chain(" UNION ", "{ ?s :p ?o }", n) + " }",
    "minus": lambda n: P + "SELECT * WHERE { ?s ?p ?o " + _chain(" ", "MINUS { ?s :q ?o }", n) + " }",
    "binds": lambda n: "SELECT * WHERE { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(n)) + " }",
    "sums": lambda n: "SELECT * WHERE { FILTER(" + _chain("+", "1", n) + ") }",
    "disjunctions": lambda n: "SELECT * WHERE { FILTER(" + _chain(" || ", "true", n) + ") }",
    "negations": lambda n: "SELECT * WHERE { FILTER(" + "!" * n + "true) }",
    "path alternatives": lambda n: P + "SELECT * WHERE { ?s " + _chain("|", ":p", n) + " ?o }",
    "path sequences": lambda n: P + "SELECT * WHERE { ?s " + _chain("/", ":p", n) + " ?o }",
    # size
    "long literal": lambda n: 'SELECT * WHERE { BIND("' + "a" * n + '" AS ?x) }',
    # updates
    "UPDATE nested where": lambda n: (P + "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER("
                                      + "STR(" * n + "?o" + ")" * n + ") }"),
    "UPDATE nested data": lambda n: P + "INSERT DATA { :s :p " + "( " * n + "1" + " )" * n + " }",
    "UPDATE unions": lambda n: (P + "DELETE { ?s ?p ?o } WHERE { "
                                + _chain(" UNION ", "{ ?s :p ?o }", n) + " }"),
}

NESTING = ("braces", "parentheses", "function calls", "exists", "sub-selects", "blank nodes",
           "collections", "path groups", "UPDATE nested where", "UPDATE nested data")
#: Nesting that costs the parser time as well as stack (seconds at a few hundred levels).
SLOW_NESTING = ("blank nodes", "collections")


def is_update(name: str) -> bool:
    return name.startswith("UPDATE")


def worst_within_limits(max_depth: int, max_chain: int) -> str:
    """The text that uses most stack while passing the limits: the chain whose links cost
    most (MINUS, ~3 KB a link) around the nesting whose levels cost most (function calls,
    ~8.5 KB a level)."""
    calls = max_depth - 2  # the WHERE's brace and BIND's parenthesis
    links = max_chain - 2  # BIND and SELECT's `*`
    return ("SELECT * WHERE { " + " ".join(["MINUS { ?s ?p ?o }"] * links)
            + " BIND(" + "STR(" * calls + "1" + ")" * calls + " AS ?x) }")
