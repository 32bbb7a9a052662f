"""What `cepa-kg config` prints: the settings in effect, each with where it came from, as a
dict that core/schemas/config.schema.json describes, or as a table. Secrets are masked."""

from __future__ import annotations

import json
from typing import Any

from cepa_kg.config_file import search_path
from cepa_kg.effective_settings import Effective

__all__ = ["PRECEDENCE", "config_summary", "config_text"]

PRECEDENCE = "flag > environment (CEPA_KG_*) > config file > default"


def config_summary(effective: Effective) -> dict[str, Any]:
    """The config file (or null and where one was looked for), the precedence, and each
    setting's value, source and place (the flag, variable or `file:line`)."""
    values = effective.values()
    found = effective.file
    return {
        "command": "config",
        "file": str(found.path) if found else None,
        "found_by": found.how if found else None,
        "searched": [str(p) for p in search_path()],
        "precedence": PRECEDENCE,
        "settings": {name: {"value": values[name], "source": origin.kind,
                            "from": origin.detail or None}
                     for name, origin in effective.origins.items()},
    }


def _shown(value: Any) -> str:
    """A value as it would be written in the config file (TOML), "-" where unset."""
    return "-" if value is None else json.dumps(value, ensure_ascii=False)


def config_text(summary: dict[str, Any]) -> str:
    """The summary as lines: the file, the precedence, then one row per setting."""
    if summary["file"]:
        how = summary["found_by"]
        head = f"config file: {summary['file']} (" + (
            "given with --config)" if how == "--config" else f"found in the {how})")
    else:
        head = f"config file: none (looked for {', '.join(summary['searched'])})"
    rows = [("setting", "value", "from")] + [
        (name, _shown(s["value"]), s["source"] + (f" {s['from']}" if s["from"] else ""))
        for name, s in summary["settings"].items()]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{r[0].ljust(widths[0])}  {r[1].ljust(widths[1])}  {r[2]}" for r in rows]
    return "\n".join([head, f"precedence: {summary['precedence']}", "", *lines])
