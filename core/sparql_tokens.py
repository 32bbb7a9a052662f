"""The SPARQL tokenizer every reader of query text shares: strings, comments and IRIs are
tokens of their own, so a keyword or a bracket inside them is never taken for syntax. It never
decides whether a text is valid: the store's parser does that."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# The token patterns, shared with the readers that scan without making tokens
# (`sparql_limits`).
IRI = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
STRING = (r'"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
          + r"""|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'""")
VAR = r"[?$]\w+"
PNAME = r"(?:[^\W\d_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*"
NAME = r"[^\W\d]\w*"
NUMBER = r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"
COMMENT = r"\#[^\n\r]*"

_TOKEN = re.compile(
    rf"""(?P<ws>\s+)|(?P<comment>{COMMENT})|(?P<iri>{IRI})|(?P<string>{STRING})|(?P<var>{VAR})
    |(?P<pname>{PNAME})|(?P<name>{NAME})|(?P<number>{NUMBER})|(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, var, pname, name, number, other
    text: str
    start: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "name" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The tokens of `text`, without whitespace and comments. One request reads its query
    three times (federation guard, dataset clauses, relative IRIs),
    so short texts are tokenized once and remembered; long ones (an update with data) are
    not kept."""
    return iter(_remembered(text) if len(text) <= _REMEMBER_UP_TO else _tokenize(text))


_REMEMBER_UP_TO = 8192


def _tokenize(text: str) -> tuple[Token, ...]:
    return tuple(Token(match.lastgroup or "other", match.group(), match.start())
                 for match in _TOKEN.finditer(text)
                 if match.lastgroup not in ("ws", "comment"))


_remembered = lru_cache(maxsize=256)(_tokenize)
