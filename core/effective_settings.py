"""The settings a command runs with and where each came from: a flag, the environment, the
config file or the default, in that order of precedence (`cepa-kg config` prints them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cepa_kg.config_file import ConfigFileSource, Found, find_config
from cepa_kg.settings import Settings, settings_from
from pydantic import SecretStr, ValidationError
from pydantic_settings import EnvSettingsSource, SettingsError

__all__ = ["MASK", "Effective", "Origin", "SettingsValueError", "effective_settings"]

#: What a secret (the update token) is shown as.
MASK = "********"
#: The command-line flags that set a setting.
FLAGS = {"store": "--store", "base": "--base", "access_log": "--access-log"}

Kind = Literal["flag", "env", "file", "default"]


class SettingsValueError(ValueError):
    """A setting's value is refused: one line naming where it came from."""


@dataclass(frozen=True)
class Origin:
    """Where a setting's value came from: `kind`, and which flag, variable or `file:line`."""

    kind: Kind
    detail: str = ""

    def where(self, name: str) -> str:
        """The place to name in an error about setting `name`."""
        return {"flag": self.detail, "env": self.detail, "file": f"{self.detail}: {name}",
                "default": name}[self.kind]


@dataclass(frozen=True)
class Effective:
    """The settings in use, the config file read (None: none), and each setting's origin."""

    settings: Settings
    file: Found | None
    origins: dict[str, Origin]

    def values(self) -> dict[str, Any]:
        """Each setting's value as JSON would hold it, secrets masked (None where unset)."""
        out: dict[str, Any] = {}
        for name in Settings.model_fields:
            value = getattr(self.settings, name)
            if isinstance(value, SecretStr):
                out[name] = MASK if value.get_secret_value() else None
            else:
                out[name] = str(value) if isinstance(value, Path) else value
        return out


def _origins(flags: dict[str, Any], env: dict[str, Any],
             file: ConfigFileSource | None) -> dict[str, Origin]:
    origins = {}
    for name in Settings.model_fields:
        if name in flags:
            origins[name] = Origin("flag", FLAGS.get(name, name))
        elif name in env:
            origins[name] = Origin("env", f"{Settings.model_config['env_prefix']}{name.upper()}")
        elif file is not None and name in file.keys:
            origins[name] = Origin("file", file.where(name))
        else:
            origins[name] = Origin("default")
    return origins


def _one_line(error: ValidationError, origins: dict[str, Origin]) -> str:
    """pydantic's errors, each after the place its value came from, on one line."""
    parts = []
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else ""
        message = item["msg"].removeprefix("Value error, ").removeprefix(f"{name}: ")
        origin = origins.get(name)
        parts.append(f"{origin.where(name) if origin else name}: {message}")
    return "; ".join(parts)


def _environment() -> dict[str, Any]:
    """The settings the environment gives (a list must be JSON: the error says which)."""
    try:
        return EnvSettingsSource(Settings)()
    except SettingsError as error:
        field = re.search(r'field "(\w+)"', str(error))
        name = f"{Settings.model_config['env_prefix']}{field[1].upper()}" if field else "?"
        raise SettingsValueError(f"{name}: not JSON ({error.__cause__ or error}); a list is "
                                 'written ["a", "b"]') from None


def effective_settings(flags: dict[str, Any], config: Path | None = None,
                       cwd: Path | None = None) -> Effective:
    """Settings from `flags` > environment > config file > defaults. The file is `config`,
    else `cepa-kg.toml` in `cwd` (the working folder), else in the user config folder.

    Raises ConfigFileError (a file that cannot be read or holds what is not a setting) or
    SettingsValueError (a value refused), each a ValueError of one line naming the place."""
    found = find_config(config, cwd)
    file = ConfigFileSource(Settings, found.path) if found else None
    env = _environment()
    origins = _origins(flags, env, file)
    try:
        settings = settings_from(file, **flags)
    except ValidationError as error:
        raise SettingsValueError(_one_line(error, origins)) from None
    return Effective(settings, found, origins)
