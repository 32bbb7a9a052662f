"""The TOML config file: where it is looked for, and reading it with errors that name the file
and the line. Its keys are the settings' names (`base`, `store`, `query_timeout_s`, ...: the
environment variables without `CEPA_KG_`, in lower case); `store` is taken relative to the
file's folder."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir
from pydantic_settings import BaseSettings, TomlConfigSettingsSource

__all__ = ["FILE_NAME", "ConfigFileError", "ConfigFileSource", "Found", "find_config",
           "search_path"]

#: The file's name, in the working folder and in the user config folder.
FILE_NAME = "cepa-kg.toml"


class ConfigFileError(ValueError):
    """The config file cannot be used: the message names it (and the line, where known)."""


@dataclass(frozen=True)
class Found:
    """The config file in use and how it was found ("--config", "working folder", "user
    config folder")."""

    path: Path
    how: str


def user_config_file() -> Path:
    """`cepa-kg.toml` in the user config folder (Linux: ~/.config/cepa-kg/, or under
    $XDG_CONFIG_HOME)."""
    return Path(user_config_dir("cepa-kg")) / FILE_NAME


def search_path(cwd: Path | None = None) -> list[Path]:
    """Where a file is looked for when `--config` is not given, first found first."""
    return [(cwd or Path.cwd()) / FILE_NAME, user_config_file()]


def find_config(explicit: Path | None, cwd: Path | None = None) -> Found | None:
    """The file to read: `explicit` (which must exist), else the first of `search_path`."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigFileError(f"--config {explicit}: no such file")
        return Found(explicit, "--config")
    for path, how in zip(search_path(cwd), ("working folder", "user config folder"),
                         strict=False):
        if path.is_file():
            return Found(path, how)
    return None


def _key_line(text: str, key: str) -> int | None:
    """The line (from 1) where `key = ...` stands at the top of the file."""
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("["):
            return None  # a table began: top-level keys stand before it
        if pattern.match(line):
            return number
    return None


def _suggest(key: str, names: set[str]) -> str:
    """"did you mean 'x'?", or the list of settings."""
    close = difflib.get_close_matches(key, sorted(names), n=1)
    return f"did you mean {close[0]!r}?" if close else f"one of {', '.join(sorted(names))}"


def _syntax_error(path: Path, text: str, error: tomllib.TOMLDecodeError) -> ConfigFileError:
    """tomllib's message with its place made `file:line:column: ...`."""
    message = str(error)
    at = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if at:
        return ConfigFileError(f"{path}:{at[1]}:{at[2]}: {message[:at.start()]}")
    end = message.endswith(" (at end of document)")
    line = max(len(text.splitlines()), 1)
    return ConfigFileError(f"{path}:{line}: {message.removesuffix(' (at end of document)')}"
                           + (" (at the end of the file)" if end else ""))


class ConfigFileSource(TomlConfigSettingsSource):
    """pydantic-settings' TOML source for one file, refusing what is not a setting, with the
    line of each key kept to name it in errors."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        self.path = path
        self.text = ""
        self._fields = set(settings_cls.model_fields)
        super().__init__(settings_cls, toml_file=path)

    def _read_file(self, file_path: Path | Traversable) -> dict[str, Any]:
        # (pydantic-settings 2.16 types the file as a Path or a Traversable; it is self.path)
        try:
            self.text = file_path.read_text(encoding="utf-8")
            data = tomllib.loads(self.text)
        except UnicodeDecodeError as error:
            raise ConfigFileError(f"{file_path}: not UTF-8 text ({error.reason})") from None
        except OSError as error:
            raise ConfigFileError(f"{file_path}: {error.strerror or error}") from None
        except tomllib.TOMLDecodeError as error:
            raise _syntax_error(self.path, self.text, error) from None
        for key, value in data.items():
            if key not in self._fields:
                raise ConfigFileError(f"{self.where(key)}: {key!r} is not a setting "
                                      f"({_suggest(key, self._fields)})")
            if key == "store" and isinstance(value, str):
                store = Path(value).expanduser()
                data[key] = store if store.is_absolute() else self.path.parent / store
        return data

    @property
    def keys(self) -> set[str]:
        """The settings the file gives."""
        return set(self.toml_data)

    def where(self, key: str) -> str:
        """`file:line` of `key` (the file alone where the line is not found)."""
        line = _key_line(self.text, key)
        return f"{self.path}:{line}" if line else str(self.path)
