"""The faceted lists (`/lists/{recommendations,events,partnerships,projects}`): facets with
counts, chosen values as removable chips, sortable columns, pages, CSV and SPARQL JSON of the
same rows (one page or all), and the SPARQL that made them. What each list holds and the
queries are in facets.py; this module reads the request, runs the queries on the runner's
threads (downloads on the executor, serialized by pyoxigraph) and renders the page.

Parameters: a facet's name once per chosen value (`goal=sdg-16&goal=sdg-5`), `sort` (a
column's sort name, `-` in front for descending), `page`, `size` (1-500, 50 by default),
`more` (a facet to show in full), `format` (`csv` or `json`) with `rows` (`page` or `all`).
Anything else, or a value that no item has, is a 400 that says what is wrong.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from cepa_kg.server.conneg import represent
from cepa_kg.server.errors import HttpError
from cepa_kg.server.facets import (
    BY_CLASS,
    CEPA,
    FACET_ALL,
    FACET_CAP,
    FAMILY_NAMES,
    LISTS,
    MAX_VALUES,
    Facet,
    FacetValueError,
    ListSpec,
    Selection,
    count_query,
    facet_query,
    known_values_query,
    rows_query,
)
from cepa_kg.server.queries import select_rows
from cepa_kg.server.site import render, root_of
from cepa_kg.server.sparql import run_query
from cepa_kg.server.state import app_state
from fastapi import APIRouter, Request
from fastapi.responses import Response

router = APIRouter()
__all__ = ["BY_CLASS", "router"]

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 10**6
FORMATS = {"csv": ("text/csv", "csv"), "json": ("application/sparql-results+json", "json")}
_SINGLE = ("sort", "page", "size", "more", "format", "rows")


class ListRequest:
    """The parameters of one request, checked: the selection, the chosen values as given,
    and what to answer (the page, or a download)."""

    def __init__(self, spec: ListSpec, request: Request) -> None:
        self.spec = spec
        base = app_state(request).settings.base
        self.values: dict[str, list[str]] = {}
        single: dict[str, str] = {}
        for name, value in request.query_params.multi_items():
            if name == "lang":  # the language of goal labels (languages.py), not a filter
                continue
            if name in spec.facet_names:
                chosen = self.values.setdefault(name, [])
                if value and value not in chosen:
                    chosen.append(value)
                if len(chosen) > MAX_VALUES:
                    raise HttpError(400, f"choose at most {MAX_VALUES} values of {name!r}")
            elif name in _SINGLE:
                if name in single:
                    raise HttpError(400, f"give the parameter {name!r} at most once")
                single[name] = value
            else:
                known = ", ".join(spec.facet_names + _SINGLE)
                raise HttpError(400, f"unknown parameter {name!r} (parameters of this list: "
                                     f"{known})")
        self.values = {k: v for k, v in self.values.items() if v}
        terms: dict[str, tuple[str, ...]] = {}
        for name, chosen in self.values.items():
            try:
                terms[name] = tuple(spec.facet(name).term(v, base) for v in chosen)
            except FacetValueError as error:
                raise HttpError(400, str(error)) from None
        sorts = [s.name for s in spec.sorts]
        sort = single.get("sort") or ""
        descending = sort.startswith("-")
        if sort and sort.lstrip("-") not in sorts:
            raise HttpError(400, f"sort is one of {', '.join(sorts)} (a '-' in front for "
                                 f"descending), not {sort!r}")
        sort_name = sort.lstrip("-") or sorts[0]
        if not sort:
            descending = spec.sort(sort_name).descending_first
        self.page = _whole(single.get("page"), "page", 1, MAX_PAGE, 1)
        self.size = _whole(single.get("size"), "size", 1, MAX_PAGE_SIZE, PAGE_SIZE)
        self.more = single.get("more") or ""
        if self.more and self.more not in spec.facet_names:
            raise HttpError(400, f"more names a facet: {', '.join(spec.facet_names)}")
        self.format = single.get("format") or ""
        if self.format and self.format not in FORMATS:
            raise HttpError(400, f"format is csv or json, not {self.format!r}")
        self.rows = single.get("rows") or ("all" if self.format else "page")
        if self.rows not in ("page", "all"):
            raise HttpError(400, f"rows is page (this page) or all (every page), not {self.rows!r}")
        self.explicit_sort = sort
        self.selection = Selection(terms, sort_name, descending, self.page, self.size)

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        """This request's parameters with `changes` (a facet: its new list of values; None
        drops a parameter), in a stable order: the facets, then sort, size, page."""
        values = {k: list(v) for k, v in self.values.items()}
        single = {"sort": self.explicit_sort, "size": str(self.size) if self.size != PAGE_SIZE
                  else "", "page": str(self.page) if self.page != 1 else "", "more": self.more}
        for name, change in changes.items():
            if name in self.spec.facet_names:
                values[name] = list(change or [])
            else:
                single[name] = "" if change is None else str(change)
        pairs = [(f, v) for f in self.spec.facet_names for v in values.get(f, [])]
        pairs += [(k, single[k]) for k in ("sort", "size", "more", "page") if single.get(k)]
        for k in ("format", "rows"):
            if single.get(k):
                pairs.append((k, single[k]))
        return pairs

    def href(self, root: str, **changes: Any) -> str:
        query = urlencode(self.params(**changes))
        return f"{root}/lists/{self.spec.slug}" + (f"?{query}" if query else "")


def _whole(text: str | None, name: str, least: int, most: int, default: int) -> int:
    if not text:
        return default
    if not text.isdigit() or not least <= int(text) <= most:
        raise HttpError(400, f"{name} is a whole number from {least} to {most}, not {text!r}")
    return int(text)


def _value_text(facet: Facet, row: dict[str, Any], base: str) -> str:
    """How a facet value is written on the page: its label, the family's name, or itself."""
    if "valueLabel" in row:
        return str(row["valueLabel"]["value"])
    value = str(row["value"]["value"])
    if facet.name == "family":
        return FAMILY_NAMES.get(value, value)
    if facet.kind == "class":
        return value.removeprefix(CEPA)
    return value


async def _known(request: Request, spec: ListSpec, lr: ListRequest) -> dict[tuple[str, str], str]:
    """How each chosen value is written (by facet and value as given); 400 for a chosen
    value that no item of the list has."""
    query = known_values_query(spec, lr.selection)
    if query is None:
        return {}
    _, rows = await select_rows(request, query)
    base = app_state(request).settings.base
    found = {(r["facet"]["value"], r["value"]["value"]): r for r in rows}
    texts = {}
    for name, values in lr.values.items():
        facet = spec.facet(name)
        for value in values:
            row = found.get((name, facet.lexical(value, base)))
            if row is None:
                raise HttpError(400, f"no {spec.heading.lower()} have {name} {value!r}: "
                                     "choose a value the list offers")
            texts[(name, value)] = _value_text(facet, row, base)
    return texts


def _query_links(root: str, text: str) -> dict[str, str]:
    return {"text": text, "page": f"{root}/query?" + urlencode({"query": text}),
            "sparql": f"{root}/sparql?" + urlencode({"query": text, "format": "csv"})}


@router.api_route("/lists/{slug}", methods=["GET", "HEAD"], include_in_schema=False)
async def faceted_list(request: Request, slug: str) -> Response:
    """A faceted list; `format=csv|json` answers its rows (all, or with `rows=page` this
    page's) as SPARQL CSV or JSON."""
    spec = LISTS.get(slug)
    if spec is None:
        raise HttpError(404, f"no list {slug!r}; lists: {', '.join(LISTS)}")
    lr = ListRequest(spec, request)
    chosen = await _known(request, spec, lr)
    if lr.format:
        return await _download(request, spec, lr)
    return await _page(request, spec, lr, chosen)


async def _download(request: Request, spec: ListSpec, lr: ListRequest) -> Response:
    media, suffix = FORMATS[lr.format]
    paged = lr.rows == "page"
    text = rows_query(spec, lr.selection, paged=paged)
    name = f"{spec.slug}-page-{lr.page}" if paged else spec.slug
    return await run_query(request, text, accept=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{suffix}"',
        "X-Rows": "page" if paged else "all"})


async def _page(request: Request, spec: ListSpec, lr: ListRequest,
                chosen_texts: dict[tuple[str, str], str]) -> Response:
    base, root = app_state(request).settings.base, root_of(request)
    selection = lr.selection
    count_text = count_query(spec, selection)
    rows_text = rows_query(spec, selection)
    facet_texts = {f.name: facet_query(spec, selection, f, (
        FACET_ALL if lr.more == f.name else FACET_CAP) + 1) for f in spec.facets}
    answers = await asyncio.gather(
        select_rows(request, count_text), select_rows(request, rows_text),
        *(select_rows(request, t) for t in facet_texts.values()))
    total = int(answers[0][1][0]["n"]["value"])
    pages = max(1, -(-total // lr.size))
    if lr.page > pages:
        raise HttpError(400, f"page {lr.page} is past the last page ({pages}) of these "
                             f"{total} {spec.heading.lower()}")
    variables, rows = answers[1]
    items = [{"href": r["item"].get("href"), "iri": r["item"]["value"],
              "cells": {k: v["value"] for k, v in r.items()}} for r in rows]
    facets = []
    for facet, (_, values) in zip(spec.facets, answers[2:], strict=True):
        cap = FACET_ALL if lr.more == facet.name else FACET_CAP
        chosen = lr.values.get(facet.name, [])
        shown = []
        for row in values[:cap]:
            value = facet.parameter(_term(row["value"]), base)
            on = value in chosen
            shown.append({
                "value": value, "iri": row["value"]["value"],
                "text": _value_text(facet, row, base),
                "note": row.get("valueNote", {}).get("value", ""),
                "count": int(row["n"]["value"]), "chosen": on,
                "href": lr.href(root, page=None, **{facet.name: (
                    [v for v in chosen if v != value] if on else chosen + [value])})})
        if not shown and not chosen:
            continue  # no item of the list has a value of it
        facets.append({"facet": facet, "options": shown, "more": len(values) > cap,
                       "more_href": lr.href(root, more=facet.name),
                       "less_href": lr.href(root, more=None) if lr.more == facet.name else "",
                       "query": _query_links(root, facet_texts[facet.name])})
    chips = [{"facet": spec.facet(name), "value": value, "text": chosen_texts[(name, value)],
              "href": lr.href(root, page=None, **{name: [v for v in chosen if v != value]})}
             for name, chosen in lr.values.items() for value in chosen]
    columns = []
    for column in spec.columns:
        sort_href = ""
        state = ""
        if column.sort:
            current = selection.sort == column.sort
            if current:
                state = "descending" if selection.descending else "ascending"
            flip = "" if current and selection.descending else "-"
            if not current:
                flip = "-" if spec.sort(column.sort).descending_first else ""
            sort_href = lr.href(root, page=None, sort=flip + column.sort)
        columns.append({"var": column.var, "heading": column.heading, "sort_href": sort_href,
                        "state": state})
    first = (lr.page - 1) * lr.size + 1
    downloads = [{"text": f"{fmt.upper()}, {'this page' if rows == 'page' else 'every page'}"
                          f" (rows: {len(items) if rows == 'page' else total})",
                  "href": lr.href(root, format=fmt, rows=rows,
                                  **({"page": None} if rows == "all" else {}))}
                 for fmt in ("csv", "json") for rows in ("page", "all")]
    body = render(request, "browse_list.html", {
        "spec": spec, "items": items, "variables": variables, "total": total,
        "page": lr.page, "pages": pages, "size": lr.size, "first": first,
        "last": first + len(items) - 1, "facets": facets, "chips": chips, "columns": columns,
        "sorts": spec.sorts, "sort": selection.sort, "descending": selection.descending,
        "hidden": [(k, v) for k, v in lr.params(sort=None, size=None, page=None)],
        "clear_href": f"{root}/lists/{spec.slug}", "downloads": downloads,
        "prev_href": lr.href(root, page=lr.page - 1) if lr.page > 1 else "",
        "next_href": lr.href(root, page=lr.page + 1) if lr.page < pages else "",
        "rows_query": _query_links(root, rows_text), "count_query": _query_links(root, count_text),
        "max_size": MAX_PAGE_SIZE, "default_size": PAGE_SIZE,
        "class_href": f"{root}/browse/{spec.cls}"})
    return represent(request, body, "text/html")


def _term(cell: dict[str, Any]) -> ox.NamedNode | ox.Literal:
    if cell["type"] == "uri":
        return ox.NamedNode(cell["value"])
    return ox.Literal(cell["value"])
