""""Cite this": the dataset's and an entity's citation, as text and as BibTeX, with the
package version and the date of the last load (the newest `prov:generatedAtTime` of a source
document's graph, as `cepa-kg info` reports it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cepa_kg import __version__

TITLE = "CEPA knowledge graph"

_LAST_LOAD = """
SELECT (MAX(?at) AS ?last) WHERE { GRAPH ?doc {
  ?doc a <https://w3id.org/cepa-kg/def#SourceDocument> ;
       <http://www.w3.org/ns/prov#generatedAtTime> ?at } }
"""
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


@dataclass(frozen=True)
class Citation:
    """One thing to cite: its text and its BibTeX entry."""

    text: str
    bibtex: str


def last_load(store: Any) -> str | None:
    """The time of the newest load of a source document (ISO 8601), None when nothing is
    loaded (the same as `store_info(...)["last_load"]`)."""
    rows = store.select(_LAST_LOAD)
    return rows[0]["last"].value if rows and "last" in rows[0] else None


def bibtex_escape(value: str) -> str:
    """`value` with BibTeX's and LaTeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m[1] == "\\" else "\\" + m[1],
                               value)


def _key(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:80] or "entity"


def _date(loaded: str | None) -> tuple[str, str]:
    day = (loaded or "")[:10]
    return day or "unknown date", day[:4] or "n.d."


def dataset_citation(url: str, loaded: str | None) -> Citation:
    """The dataset's citation; `url` is the site's home page."""
    day, year = _date(loaded)
    text = f"{TITLE} (cepa-kg {__version__}, data loaded {day}). {url}"
    bibtex = "\n".join([
        "@misc{cepa-kg,",
        f"  title = {{{TITLE}}},",
        f"  year = {{{year}}},",
        f"  version = {{{__version__}}},",
        f"  note = {{cepa-kg {__version__}, data loaded {day}}},",
        f"  howpublished = {{\\url{{{url}}}}}",
        "}"])
    return Citation(text, bibtex)


def entity_citation(label: str, iri: str, loaded: str | None) -> Citation:
    """An entity's citation, by its label and IRI, as part of the dataset."""
    day, year = _date(loaded)
    text = f"“{label}”. In: {TITLE} (cepa-kg {__version__}, data loaded {day}). {iri}"
    bibtex = "\n".join([
        f"@misc{{cepa-kg:{_key(iri.split('/id/', 1)[-1])},",
        f"  title = {{{bibtex_escape(label)}}},",
        f"  year = {{{year}}},",
        f"  version = {{{__version__}}},",
        f"  note = {{In: {TITLE}, cepa-kg {__version__}, data loaded {day}}},",
        f"  howpublished = {{\\url{{{iri}}}}}",
        "}"])
    return Citation(text, bibtex)
