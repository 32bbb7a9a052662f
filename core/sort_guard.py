"""ORDER BY keys that pyoxigraph can sort without aborting the process.

pyoxigraph 0.5.13 sorts ORDER BY with the SPARQL `<` operator, which is not a total order over
terms of different kinds: strings and numbers, say, do not compare. Rust's sort checks the
order it is given and panics when it finds it inconsistent; the panic cannot unwind through
the binding and aborts the whole process (SIGABRT: `SELECT ?o WHERE { VALUES ?o { "2" 4 "b"
... } } ORDER BY ?o` with some 40 values of mixed types, tests/test_sort_guard.py). A
server answering in its own threads dies with it.

Every order condition is therefore preceded by a key that puts its values into classes
within which `<` is total, in the order SPARQL gives them (unbound, blank nodes, IRIs,
literals): numbers together (compared as numbers, as before), then literals by datatype,
then dates, months and years together by their ISO form (a timeline's order). A
query whose values are all of one class sorts exactly as written; one that mixed classes,
whose order SPARQL leaves to the implementation, now sorts class by class instead of crashing.
The rewrite works on tokens (`sparql_tokens`), so ORDER BY inside a string, an IRI or a comment
is left alone; text that does not parse the way it expects is returned unchanged for the
store's parser to judge.
"""

from __future__ import annotations

from cepa_kg.sparql_tokens import Token, tokens

__all__ = ["with_total_order"]

#: Where an ORDER BY clause ends: a solution modifier after it, a trailing VALUES block, the
#: end of a sub-query.
_CLAUSE_END = ("LIMIT", "OFFSET", "VALUES")


#: Dates of any precision sort together, by their ISO form ("2011-11" between "2011-10-20"
#: and "2011-11-01"): SPARQL does not compare a date with a month, timelines need to.
_TEMPORAL = ", ".join(f"<http://www.w3.org/2001/XMLSchema#{t}>"
                      for t in ("date", "dateTime", "gYearMonth", "gYear"))


def _key(expression: str) -> str:
    """The class of a value: "0b" blank node, "0i" IRI, "1" number, "2<datatype>" other
    literal, "3<ISO form>" a date, month or year; unbound (an error) when the value is."""
    e = f"({expression})"
    return (f'IF(isLiteral({e}), IF(isNumeric({e}), "1", IF(DATATYPE({e}) IN ({_TEMPORAL}), '
            f'CONCAT("3", STR({e})), CONCAT("2", STR(DATATYPE({e}))))), '
            f'IF(isIRI({e}), "0i", "0b"))')


def _balanced(items: list[Token], i: int) -> int:
    """The index after the `)` that closes the `(` at `i`, or -1."""
    depth = 0
    for j in range(i, len(items)):
        if items[j].text == "(":
            depth += 1
        elif items[j].text == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


#: An order condition: its direction, its tokens [first, end) and its expression's tokens.
_Condition = tuple[str, int, int, int, int]


def _conditions(items: list[Token], i: int) -> tuple[list[_Condition], int] | None:
    """The order conditions from token `i`, and the token index where the clause ends; None
    if they are not as expected."""
    out: list[_Condition] = []
    while i < len(items):
        token = items[i]
        if token.text == "}" or token.is_word(*_CLAUSE_END):
            break
        if token.kind == "var":
            out.append(("ASC", i, i + 1, i, i + 1))
            i += 1
        elif token.is_word("ASC", "DESC") and i + 1 < len(items) and items[i + 1].text == "(":
            end = _balanced(items, i + 1)
            if end < 0 or end - 1 <= i + 2:
                return None
            out.append((token.text.upper(), i, end, i + 2, end - 1))
            i = end
        elif token.text == "(" or (token.kind in ("name", "pname", "iri")
                                   and i + 1 < len(items) and items[i + 1].text == "("):
            end = _balanced(items, i if token.text == "(" else i + 1)
            if end < 0:
                return None
            out.append(("ASC", i, end, i, end))
            i = end
        else:
            return None
    return (out, i) if out else None


def _offsets(items: list[Token], first: int, end: int) -> tuple[int, int]:
    """The text offsets of tokens [first, end)."""
    return items[first].start, items[end - 1].start + len(items[end - 1].text)


def with_total_order(sparql: str) -> str:
    """`sparql` with a class key before each ORDER BY condition (see the module's docstring);
    unchanged when it has no ORDER BY."""
    if "order" not in sparql.lower():
        return sparql
    items = list(tokens(sparql))
    edits: list[tuple[int, int, str]] = []  # (start offset, end offset, new text)
    i = 0
    while i + 1 < len(items):
        if items[i].is_word("ORDER") and items[i + 1].is_word("BY"):
            found = _conditions(items, i + 2)
            if found is None:
                return sparql
            conditions, i = found
            for direction, first, end, e_first, e_end in conditions:
                start, stop = _offsets(items, first, end)
                e_start, e_stop = _offsets(items, e_first, e_end)
                expression = sparql[e_start:e_stop]
                edits.append((start, stop, f"{direction}({_key(expression)}) "
                                           f"{direction}({expression})"))
            continue
        i += 1
    for start, stop, text in reversed(edits):
        sparql = sparql[:start] + text + sparql[stop:]
    return sparql
