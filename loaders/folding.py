"""Case-blind word tests without a regex: a text folded to lower case the way
`re.IGNORECASE` compares letters, so that "is this word in the text?" on the folded text is a
necessary condition for a case-insensitive match. A substring test is much cheaper than a
case-blind search, and most searches in a page find nothing: testing first skips them."""

from __future__ import annotations

import re

__all__ = ["WORD", "fold", "required_literal", "whole_word"]

#: The non-ASCII letters `re.IGNORECASE` matches to an ASCII one ("ſ" is "s", the Kelvin sign
#: "k", the dotted and dotless i): mapped so no case-insensitive match is missed.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_TO_FOLD = re.compile("[\u0130\u0131\u017f\u212a]")
_META = set("\\()[]?*+{}|.^$")
_QUANTIFIERS = set("?*{")
_MIN_LITERAL = 3
#: Words too common in the division's texts to rule much out: another word of the phrase is
#: taken first where there is one.
_COMMON = frozenset("public government governments service services development national "
                    "management information institution institutions policy policies system "
                    "systems social local sector sectors state states open resources".split())


#: A word as the vocabulary's boundaries `(?<![\w-])`/`(?![\w-])` delimit it.
WORD = re.compile(r"[\w-]+")


def whole_word(phrase: str, literal: str) -> bool:
    """Whether `literal` (from `required_literal(phrase)`) stands as a whole word in every match
    of `phrase`, so that a set of the text's words can tell it is there; else it may be the start
    of a longer word ("undernourish\\w*") and only a substring test can."""
    return WORD.fullmatch(literal) is not None and any(
        token.lower() == literal for token in phrase.split(" "))


def fold(text: str) -> str:
    return (text.translate(_FOLD) if _TO_FOLD.search(text) else text).lower()


def required_literal(phrase: str) -> str | None:
    """A lower-case piece of text every match of `phrase` contains, or None when none is sure.
    `phrase` is a vocabulary phrase: words apart by spaces (any white space), in which "\\w*",
    "?" and groups "(?:...)" may stand. The longest plain word outside any group is taken (a
    word's letters before its first pattern sign, less one before a "?", "*" or "{"), a word
    of `_COMMON` only where no other is."""
    depth = 0
    words: list[str] = []
    token: list[str] = []
    for ch in phrase + " ":
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None  # alternatives at the top: no one word is sure
        if ch == " " and depth == 0:
            words.append(_literal_prefix("".join(token)))
            token = []
        elif depth == 0 and ch != ")":
            token.append(ch)
        else:
            token.append("\0")  # inside a group: ends the word's plain prefix
    sure = [w.lower() for w in words if len(w) >= _MIN_LITERAL]
    if not sure:
        return None
    return max(sure, key=lambda w: (w not in _COMMON, len(w)))


def _literal_prefix(token: str) -> str:
    for i, ch in enumerate(token):
        if ch in _META or ch == "\0":
            return token[: i - 1] if ch in _QUANTIFIERS and i else token[:i]
    return token
