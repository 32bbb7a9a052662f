"""Python regular expressions that skip, in one linear RE2 pass, the text where they cannot match.

Python's `re` tries every alternative of a pattern at every position of the text: a pattern of
thirty alternatives run over a 30,000-character page costs milliseconds, and the loaders run
hundreds of them. `screened(pattern)` pairs the pattern with its *screen*: the same pattern
written for RE2 (a DFA, linear time) with what RE2 cannot do left out (lookarounds, word
boundaries, `$`). Leaving a condition out only widens what the screen matches, so no position
where the pattern matches is skipped; the pattern itself then decides at each position the
screen leaves, so the matches are exactly Python's (same spans, groups and order). A pattern
the screen cannot express (a back-reference, a possibly empty match) runs unscreened.

The screen reads the text as Latin-1 bytes, one byte a character (so offsets need no
mapping), every character past Latin-1 written as `?`: each character class of the screen is
the set of bytes whose character the pattern's class matches (Python decides, once per class),
and `?` wherever the class could match a character past Latin-1 (or `?` itself)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as sc  # type: ignore[attr-defined]
from re import _parser as sp  # type: ignore[attr-defined]
from typing import Any, cast

import re2

#: The largest count RE2 accepts in `{m,n}`; a larger one becomes unbounded (a wider screen).
_RE2_MAX_COUNT = 1000
#: The byte every character past Latin-1 becomes (`str.encode("latin-1", "replace")`).
_OTHER = ord("?")
_CATEGORY_SOURCE = {
    sc.CATEGORY_DIGIT: r"\d", sc.CATEGORY_NOT_DIGIT: r"\D", sc.CATEGORY_SPACE: r"\s",
    sc.CATEGORY_NOT_SPACE: r"\S", sc.CATEGORY_WORD: r"\w", sc.CATEGORY_NOT_WORD: r"\W",
}


class _Unscreenable(Exception):
    """A construct the screen cannot widen into RE2 (a back-reference, a conditional)."""


def _class_source(items: list[tuple[Any, Any]]) -> tuple[str, bool]:
    """A parsed character class as Python source again, and whether it surely matches no
    character past Latin-1 (a positive class of Latin-1 characters and ranges only)."""
    negate, body, latin = False, [], True
    for op, av in items:
        if op is sc.NEGATE:
            negate, latin = True, False
        elif op is sc.LITERAL:
            body.append(f"\\U{av:08x}")
            latin &= av < 0x100
        elif op is sc.RANGE:
            body.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
            latin &= av[1] < 0x100
        elif op is sc.CATEGORY:
            body.append(_CATEGORY_SOURCE[av])
            latin = False
        else:
            raise _Unscreenable(str(op))
    return f"[{'^' if negate else ''}{''.join(body)}]", latin


#: The Latin-1 letters whose other case under Python's IGNORECASE lies past Latin-1 ("k" and
#: the Kelvin sign, "s" and the long s, "i" and the dotless i; tests/test_screened.py asks
#: Python again).
CASE_PAST_LATIN = frozenset("IKSiks\u00b5\u00c5\u00df\u00e5\u00ff")


def _cased(source: str, flags: int) -> bool:
    """Whether a class may match, under IGNORECASE, a letter's other case past Latin-1: it
    matches one of `CASE_PAST_LATIN`."""
    return bool(flags & re.I) and not CASE_PAST_LATIN.isdisjoint(_bytes_matched(source, flags))


@lru_cache(maxsize=4096)
def _bytes_matched(source: str, flags: int) -> tuple[str, ...]:
    """The Latin-1 characters a one-character pattern matches, asked of Python's engine."""
    return tuple(re.findall(source, _LATIN_1, flags & (re.I | re.A)))


_LATIN_1 = "".join(map(chr, range(256)))


@lru_cache(maxsize=4096)
def _byte_class(source: str, flags: int, latin: bool) -> str:
    """RE2 (Latin-1) class of the bytes a one-character pattern can match in the screen's
    text: the characters it matches, and `?` for those past Latin-1 unless it surely matches
    none of them."""
    chars = {ord(c) for c in _bytes_matched(source, flags)}
    if not latin or _cased(source, flags):
        chars.add(_OTHER)
    if not chars:
        return "[^\\x00-\\xff]"
    return "[" + "".join(f"\\x{b:02x}" for b in sorted(chars)) + "]"


def _translate(pattern: Any, flags: int) -> str:
    """RE2 syntax for a parsed Python pattern, every condition RE2 lacks left out."""
    out = []
    for op, av in pattern.data if hasattr(pattern, "data") else pattern:
        if op is sc.LITERAL:
            out.append(_byte_class(f"\\U{av:08x}", flags, av < 0x100 and av != _OTHER))
        elif op is sc.NOT_LITERAL:
            out.append(_byte_class(f"[^\\U{av:08x}]", flags, False))
        elif op is sc.ANY:
            out.append("(?s:.)" if flags & re.S else "[^\\n]")
        elif op is sc.IN:
            source, latin = _class_source(av)
            out.append(_byte_class(source, flags, latin))
        elif op is sc.BRANCH:
            out.append("(?:" + "|".join(_translate(p, flags) for p in av[1]) + ")")
        elif op is sc.SUBPATTERN:
            _, add, remove, inner = av
            out.append("(?:" + _translate(inner, (flags | add) & ~remove) + ")")
        elif op is sc.ATOMIC_GROUP:
            out.append("(?:" + _translate(av, flags) + ")")
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            low, high, inner = av
            low = min(low, _RE2_MAX_COUNT)
            body = "(?:" + _translate(inner, flags) + ")"
            if high is sc.MAXREPEAT or high > _RE2_MAX_COUNT:
                out.append(body + ("*" if low == 0 else "+" if low == 1 else f"{{{low},}}"))
            else:
                out.append(body + f"{{{low},{high}}}")
        elif op is sc.AT:
            if av is sc.AT_BEGINNING:
                out.append("(?m:^)" if flags & re.M else "\\A")
            elif av is sc.AT_BEGINNING_STRING:
                out.append("\\A")
            # ($, \Z, \b, \B: left out, which only widens the screen)
        elif op in (sc.ASSERT, sc.ASSERT_NOT):
            pass  # (lookarounds: left out)
        else:  # back-references, conditionals
            raise _Unscreenable(str(op))
    return "".join(out)


def screen_source(pattern: re.Pattern[str]) -> str | None:
    """The RE2 screen of `pattern` (Latin-1 syntax), or None when it cannot have one (bytes,
    a possibly empty match, a back-reference)."""
    if not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = sp.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] == 0:
            return None
        return _translate(parsed, parsed.state.flags)
    except _Unscreenable:
        return None


class _Latin:
    """The last texts read as the screen's bytes (a page's text is screened many times). The
    pairs are replaced in one assignment, so a thread never sees a text with another's bytes."""

    __slots__ = ("recent",)

    def __init__(self) -> None:
        self.recent: tuple[tuple[str, bytes], ...] = ()

    def of(self, text: str) -> bytes:
        recent = self.recent
        for known, data in recent:
            if known is text:
                return data
        data = text.encode("latin-1", "replace")
        self.recent = ((text, data), *recent[:3])
        return data


_latin = _Latin()


class Screened:
    """A compiled pattern that `finditer` and `search` run behind its RE2 screen; every other
    attribute is the pattern's own."""

    __slots__ = ("python", "_screen")

    def __init__(self, pattern: re.Pattern[str], screen: Any) -> None:
        self.python = pattern
        self._screen = screen

    def __getattr__(self, name: str) -> Any:
        return getattr(self.python, name)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.python.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        return self.python.fullmatch(text, pos, endpos)

    def __repr__(self) -> str:
        return f"screened({self.python!r})"

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        end = min(endpos, len(text))
        if end - pos < _SHORT:
            yield from self.python.finditer(text, pos, end)
            return
        match, screen, data = self.python.match, self._screen, _latin.of(text)
        at = max(0, pos)
        while at <= end:
            found = screen(_UNANCHORED, data, at, end)[0][0]
            if found < 0:
                return
            m = match(text, found, end)
            if m is None:
                at = found + 1
                continue
            yield m
            at = m.end()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


_UNANCHORED = re2._Anchor.UNANCHORED
#: Below this many characters a text is read by the pattern alone (the screen costs more).
_SHORT = 80


def screened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind its RE2 screen, or `pattern` itself when it cannot have one. (Typed as
    the pattern: a `Screened` answers every call a pattern does, with the same results.)"""
    source = screen_source(pattern)
    if source is None:
        return pattern
    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    options.max_mem = 64 << 20
    options.log_errors = False
    try:
        screen = re2.compile(source.encode("latin-1"), options)
    except re2.error:
        return pattern
    # (the compiled RE2 object's own `Match`: the Python wrapper's `search` costs more than
    # the scan)
    return cast("re.Pattern[str]", Screened(pattern, screen._regexp.Match))
