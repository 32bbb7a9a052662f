"""Colours of the site's stylesheets, and their WCAG 2.2 contrast ratios (helpers for
test_contrast.py; not a test module).

A small parser of its own: the stylesheets write colours only as `#rgb`, `#rrggbb`,
`rgb()`/`rgba()`, a few names and `var(--x)` set in `:root`, and no CSS library is a dependency
of the project (tinycss2 would parse the rules, not resolve variables or pair colours).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

RGBA = tuple[float, float, float, float]
NAMED: dict[str, RGBA] = {"white": (255, 255, 255, 1), "black": (0, 0, 0, 1),
                          "transparent": (0, 0, 0, 0)}
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_FUNCTION = re.compile(r"rgba?\(\s*([^)]*)\)")


@dataclass(frozen=True)
class Rule:
    """One rule: its selector list and its declarations (property -> value), in file order."""

    selector: str
    declarations: dict[str, str]
    source: str


def rules_of(css: str, source: str) -> list[Rule]:
    """The rules of a stylesheet, those inside `@media` blocks too (comments dropped)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"@media[^{]*\{", "", css)  # its rules stand as they are; its '}' is dropped
    found = []
    for match in _RULE.finditer(css):
        declarations = {}
        for part in match[2].split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                declarations[name.strip().lower()] = value.strip()
        found.append(Rule(" ".join(match[1].split()), declarations, source))
    return found


def variables(rules: list[Rule]) -> dict[str, str]:
    """The custom properties set in `:root`."""
    return {k: v for r in rules if r.selector == ":root" for k, v in r.declarations.items()
            if k.startswith("--")}


def parse_colour(value: str, names: dict[str, str]) -> RGBA | None:
    """A colour value as (r, g, b, alpha), `var(--x)` resolved; None when it is no colour
    (`inherit`, a gradient, a length)."""
    value = value.strip().lower()
    var = re.fullmatch(r"var\(\s*(--[\w-]+)\s*\)", value)
    if var:
        return parse_colour(names[var[1]], names) if var[1] in names else None
    if value in NAMED:
        return NAMED[value]
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return (*(int(c * 2, 16) for c in value[1:]), 1.0)  # type: ignore[return-value]
    if re.fullmatch(r"#[0-9a-f]{6}", value):
        return (*(int(value[i:i + 2], 16) for i in (1, 3, 5)), 1.0)  # type: ignore[return-value]
    function = _FUNCTION.fullmatch(value)
    if function:
        parts = [p.strip() for p in re.split(r"[,\s/]+", function[1]) if p.strip()]
        r, g, b = (float(p) for p in parts[:3])
        alpha = float(parts[3]) if len(parts) > 3 else 1.0
        return (r, g, b, alpha)
    return None


def background_of(rule: Rule, names: dict[str, str]) -> RGBA | None:
    """The rule's background colour (`background-color`, or a colour in `background`)."""
    if "background-color" in rule.declarations:
        return parse_colour(rule.declarations["background-color"], names)
    value = rule.declarations.get("background", "")
    for token in re.findall(r"var\([^)]*\)|rgba?\([^)]*\)|#[0-9a-fA-F]+|[a-z]+", value):
        colour = parse_colour(token, names)
        if colour is not None:
            return colour
    return None


def over(top: RGBA, below: RGBA) -> RGBA:
    """`top` composited over an opaque `below`."""
    a = top[3]
    return (*(top[i] * a + below[i] * (1 - a) for i in range(3)), 1.0)  # type: ignore[return-value]


def luminance(colour: RGBA) -> float:
    """WCAG 2.2 relative luminance of an opaque sRGB colour."""
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGBA, b: RGBA) -> float:
    """WCAG 2.2 contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def stylesheets(folder: Path) -> list[Rule]:
    """Every rule of every stylesheet in `folder`."""
    return [rule for path in sorted(folder.glob("*.css"))
            for rule in rules_of(path.read_text(encoding="utf-8"), path.name)]
