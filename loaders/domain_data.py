"""Domain knowledge the loaders read from data files a researcher can edit, not from code:
country names beside pycountry's (`country_names.tsv`), names that are no actors
(`not_actors.tsv`) and the goal cues (`goal_vocabulary.toml`, read by `goals.py`).
`check_domain_data` is what `cepa-kg validate --data` runs: every problem named by file and
line."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pycountry

COUNTRY_NAMES = "country_names.tsv"
NOT_ACTORS_FILE = "not_actors.tsv"
COUNTRY_NAME_KINDS = ("un_name", "alias", "demonym", "historic")


class DomainDataError(ValueError):
    """A data file the loaders cannot read: the file, the line and what is wrong."""


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    fields: dict[str, str]


def data_text(name: str) -> str:
    return files("cepa_kg.loaders").joinpath(name).read_text("utf-8")


def read_table(name: str, text: str, columns: tuple[str, ...]) -> list[Row]:
    """The rows of a tab-separated table with a header naming `columns` (lines starting
    with `#` and blank lines skipped). Raises DomainDataError naming the file and line."""
    rows: list[Row] = []
    header: list[str] | None = None
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = next(csv.reader([line.rstrip("\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = fields
            if tuple(header) != columns:
                raise DomainDataError(f"{name}:{number}: the header must be "
                                      f"{' <tab> '.join(columns)}, not {' <tab> '.join(header)}")
            continue
        if len(fields) != len(columns) or any(not f.strip() for f in fields):
            raise DomainDataError(f"{name}:{number}: {len(columns)} non-empty columns "
                                  f"({', '.join(columns)}) separated by tabs expected, got "
                                  f"{fields!r}")
        rows.append(Row(name, number, dict(zip(columns, (f.strip() for f in fields)))))
    if header is None:
        raise DomainDataError(f"{name}:1: no header line ({' <tab> '.join(columns)})")
    return rows


@dataclass(frozen=True)
class CountryNames:
    un_names: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    demonyms: dict[str, tuple[str, ...]]
    historic: dict[str, tuple[str, ...]]


def parse_country_names(rows: list[Row]) -> CountryNames:
    """The table's rows by kind. Raises DomainDataError for an unknown kind or code, a
    second UN name for one country, or one name given to two countries."""
    un_names: dict[str, str] = {}
    by_kind: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    owner: dict[tuple[str, str], tuple[str, Row]] = {}
    for row in rows:
        code, kind, name = row.fields["code"], row.fields["kind"], row.fields["name"]
        where = f"{row.file}:{row.line}"
        if kind not in COUNTRY_NAME_KINDS:
            raise DomainDataError(f"{where}: kind {kind!r} is not one of "
                                  f"{', '.join(COUNTRY_NAME_KINDS)}")
        known = (pycountry.historic_countries.get(alpha_3=code) if kind == "historic"
                 else pycountry.countries.get(alpha_3=code))
        if known is None:
            raise DomainDataError(f"{where}: {code!r} is not an ISO 3166 alpha-3 code"
                                  + (" of a withdrawn country" if kind == "historic" else ""))
        group = "demonym" if kind == "demonym" else "name"
        key = (group, name.casefold())
        if key in owner and owner[key][0] != code:
            raise DomainDataError(f"{where}: {name!r} is given to {owner[key][0]} already "
                                  f"(line {owner[key][1].line})")
        owner[key] = (code, row)
        if kind == "un_name":
            if code in un_names:
                raise DomainDataError(f"{where}: a second UN name for {code}")
            un_names[code] = name
        else:
            by_kind[kind][code].append(name)

    def frozen(kind: str) -> dict[str, tuple[str, ...]]:
        return {code: tuple(names) for code, names in by_kind[kind].items()}

    return CountryNames(un_names, frozen("alias"), frozen("demonym"), frozen("historic"))


def parse_not_actors(rows: list[Row]) -> tuple[str, ...]:
    seen: dict[str, Row] = {}
    for row in rows:
        name = row.fields["name"]
        if name.casefold() in seen:
            raise DomainDataError(f"{row.file}:{row.line}: {name!r} is listed already (line "
                                  f"{seen[name.casefold()].line})")
        seen[name.casefold()] = row
    return tuple(row.fields["name"] for row in rows)


@cache
def country_names() -> CountryNames:
    return parse_country_names(read_table(COUNTRY_NAMES, data_text(COUNTRY_NAMES),
                                          ("code", "kind", "name")))


@cache
def not_actors() -> tuple[str, ...]:
    return parse_not_actors(read_table(NOT_ACTORS_FILE, data_text(NOT_ACTORS_FILE), ("name",)))


def check_domain_data(folder: Path | None = None) -> list[str]:
    """Every problem of the domain data files (those in `folder`, else the installed
    ones), each naming its file and line; empty when all read."""
    def text(name: str) -> str:
        return (folder / name).read_text("utf-8") if folder else data_text(name)

    problems = []
    for name, columns, parse in [(COUNTRY_NAMES, ("code", "kind", "name"), parse_country_names),
                                 (NOT_ACTORS_FILE, ("name",), parse_not_actors)]:
        try:
            parse(read_table(name, text(name), columns))  # type: ignore[operator]
        except (DomainDataError, OSError) as error:
            problems.append(str(error))
    try:
        from cepa_kg.loaders.goals import check_vocabulary

        check_vocabulary(text("goal_vocabulary.toml"))
    except (ValueError, OSError) as error:
        problems.append(f"goal_vocabulary.toml: {error}")
    return problems
