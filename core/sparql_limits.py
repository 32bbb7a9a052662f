"""Limits on SPARQL text, checked before any parser sees it.

pyoxigraph's parser and planner recurse once per level of nesting and once per link of a
chain (`a UNION b UNION c ...`, `1 + 1 + ...`, `BIND ... BIND ...`), on the thread's own stack,
and overflowing that stack is a segmentation fault that kills the whole process, not an
exception. Measured with pyoxigraph 0.5.13 in a thread with the default 8 MB stack
(`bench/sparql_crash_probe.py`): nested function calls crash at about 940 levels (~8.5 KB a
level), nested braces at about 2,150, a chain of MINUS or BIND at about 2,600 links (~3 KB a
link), of UNION at 6,300, of `+` at 6,600. A text within these limits needs at most
`64 x 8.5 KB + 1,000 x 3.1 KB`, about 3.7 MB of stack, however its parts combine; the server's
store threads have 32 MB (`cepa_kg.server.runner`).

What counts (outside strings, comments and IRIs, see `sparql_tokens`):
- **depth**: open brackets, braces and parentheses (and `<<` triple terms) at one point;
- **chain**: pattern keywords that combine groups (UNION, OPTIONAL, MINUS, BIND, FILTER) and
  operator signs (`|| && = != < > <= >= + - * / | ^ !`, each once; `^^` after a literal
  is its datatype, not a sign), except inside
  data blocks (`INSERT DATA {...}`, `DELETE DATA {...}`, `VALUES ... {...}`), which hold only
  terms: a bulk insert of negative numbers is not a chain;
- **slashes**: `/` signs outside data blocks (property path steps, divisions);
- **length**: characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cepa_kg.sparql_tokens import COMMENT, IRI, NAME, NUMBER, PNAME, STRING, VAR

MAX_DEPTH = 64
MAX_CHAIN = 1000
#: `/` signs (path steps and divisions): the planner's time grows with the cube of a path
#: sequence's length (128 steps: 0.1 s; 250: 1.1 s; 1,000: 48 s).
MAX_SLASHES = 128
MAX_LENGTH = 1024 * 1024

_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_OPERATORS = frozenset("|&=!<>+-*/^")
_CHAIN_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER"})
_DATA_WORDS = frozenset({"DATA", "VALUES"})


class SparqlLimitError(ValueError):
    """The text is beyond what this service parses (too deep, too long a chain, too long):
    the client's fault, answered 400."""

    client_error = True


@dataclass(frozen=True)
class Complexity:
    """What `check` measures of a text."""

    depth: int
    chain: int
    length: int
    slashes: int = 0


def _surely_within(text: str) -> bool:
    """A cheap bound (C-speed counts, no tokens): even if every bracket nested and every
    operator sign chained, the text would be within the limits. Most queries stop here."""
    brackets = text.count("(") + text.count("[") + text.count("{")
    if brackets > MAX_DEPTH:
        return False
    if text.count("/") > MAX_SLASHES:
        return False
    signs = sum(text.count(c) for c in _OPERATORS)
    if signs > MAX_CHAIN:
        return False
    upper = text.upper()
    return signs + sum(upper.count(w) for w in _CHAIN_WORDS) <= MAX_CHAIN


#: One match per run of what never counts (whitespace, comments, IRIs, literals with their
#: datatype or language, variables, prefixed names, numbers, punctuation, other words), so
#: that a megabyte of data is a few hundred matches; then one per sign that may count.
_BORING_WORD = rf"(?!(?:{'|'.join(_CHAIN_WORDS | _DATA_WORDS)})\b){NAME}"
_SCAN = re.compile(
    rf"""(?P<boring>(?:\s+|{COMMENT}|{IRI}|(?:{STRING})(?:\^\^(?:{IRI}|{PNAME})|@[A-Za-z0-9-]+)?
        |{VAR}|{PNAME}|{NUMBER}|[.;,@]|{_BORING_WORD})+)
    |(?P<open><<|[(\[{{])|(?P<close>>>|[)\]}}])
    |(?P<sign>\|\||&&|!=|<=|>=|[|&=!<>+\-*/^])|(?P<word>{NAME})|(?P<other>.)""",
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


def measure(text: str, *, stop: bool = False) -> Complexity:
    """Depth, chain and slashes of a SPARQL query or update (see the module's docstring).
    With `stop`, the count ends as soon as a limit is passed (a hostile text costs no more
    than the first part of it that is over a limit)."""
    depth = deepest = chain = slashes = 0
    data_at: int | None = None  # the depth of the data block we are in
    data_next = False  # DATA or VALUES seen: the next `{` opens a data block
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        if kind == "boring":
            continue
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            if data_next and match.group() == "{":
                data_at, data_next = depth, False
        elif kind == "close":
            if data_at == depth and match.group() == "}":
                data_at = None
            depth = max(depth - 1, 0)
        elif data_at is not None:
            continue
        elif kind == "sign":
            chain += 1
            slashes += match.group() == "/"
        elif kind == "word":
            if match.group().upper() in _DATA_WORDS:
                data_next = True
            else:
                chain += 1
        if stop and (deepest > MAX_DEPTH or chain > MAX_CHAIN or slashes > MAX_SLASHES):
            break
    return Complexity(deepest, chain, len(text), slashes)


def check(text: str, *, what: str = "query") -> None:
    """Raise SparqlLimitError, saying which limit and by how much, if `text` is beyond one."""
    if len(text) > MAX_LENGTH:
        raise SparqlLimitError(f"the {what} is {len(text):,} characters long; this service "
                               f"parses at most {MAX_LENGTH:,}")
    if _surely_within(text):
        return
    found = measure(text, stop=True)
    if found.depth > MAX_DEPTH:
        raise SparqlLimitError(
            f"the {what} nests more than {MAX_DEPTH} levels deep (brackets, braces and "
            f"parentheses inside one another); this service parses at most {MAX_DEPTH}")
    if found.chain > MAX_CHAIN:
        raise SparqlLimitError(
            f"the {what} chains more than {MAX_CHAIN:,} operators and group keywords (UNION, "
            f"OPTIONAL, MINUS, BIND, FILTER, ||, &&, +, /, ...); this service parses at most "
            f"{MAX_CHAIN:,}: split it, or use VALUES or IN for long lists of alternatives")
    if found.slashes > MAX_SLASHES:
        raise SparqlLimitError(
            f"the {what} has more than {MAX_SLASHES} property path steps and divisions (`/`); "
            f"this service plans at most {MAX_SLASHES}")
