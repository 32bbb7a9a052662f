"""Machine-readable summaries for scripts: what `load --json` and `info --json` print, as plain
dicts that the JSON schemas in `core/schemas/` describe. Pure functions; the commands print."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from cepa_kg.conflicts import Conflict
from cepa_kg.pipeline import LoadOutcome
from cepa_kg.store import GraphStore
from cepa_kg.validation import ValidationReport, Violation

__all__ = ["SCHEMAS", "load_summary", "schema", "store_info", "validation_entry",
           "validation_summary"]

#: The schemas kept in the repository, by the command whose `--json` output they describe.
SCHEMAS = {"load": "load-summary.schema.json", "info": "info.schema.json",
           "validate": "validate.schema.json", "goals": "goals.schema.json",
           "config": "config.schema.json"}
_STATUSES = ("loaded", "unchanged", "failed", "refused")
_CEPA = "https://w3id.org/cepa-kg/def#"


def schema(command: str) -> dict[str, Any]:
    """The JSON schema of `command`'s `--json` output."""
    text = resources.files("cepa_kg").joinpath("schemas", SCHEMAS[command]).read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _reason(o: LoadOutcome) -> str | None:
    if o.status in ("loaded", "unchanged"):
        return None
    return o.error or ("violates the shapes" if o.report is not None else o.status)


def load_summary(outcomes: list[LoadOutcome], *, base: str) -> dict[str, Any]:
    """One entry per file (name, kind, status, IRI, resources, triples, the parts of its kind
    it states and lacks, why it was not loaded) and the totals by status."""
    documents = []
    for o in outcomes:
        entry: dict[str, Any] = {
            "name": o.name, "status": o.status, "kind": o.kind, "iri": o.iri,
            "resources": o.resources or 0, "triples": o.triples or 0,
            "warnings": o.warnings or 0,
            "coverage": {"found": list(o.found), "missing": list(o.missing)},
            "reason": _reason(o),
        }
        if o.report is not None:
            entry["violations"] = len(o.report.violations)
        documents.append(entry)
    counts: Counter[str] = Counter(o.status for o in outcomes)
    return {"command": "load", "base": base, "documents": documents,
            "totals": {s: counts[s] for s in _STATUSES}}


def _bytes_on_disk(folder: Path | None) -> int:
    if folder is None or not folder.exists():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def store_info(store: GraphStore, *, base: str) -> dict[str, Any]:
    """What a store holds: where, how big, documents by family, graphs, triples, the last load,
    and the base IRIs its documents were minted under (a store loaded under another base than
    this run's answers with IRIs that do not dereference here)."""
    kinds: Counter[str] = Counter()
    last: str | None = None
    bases: set[str] = set()
    rows = store.select(
        "SELECT ?doc ?kind ?at WHERE { GRAPH ?doc { ?doc a <" + _CEPA + "SourceDocument> ; <"
        + _CEPA + "documentKind> ?kind . OPTIONAL { ?doc "
        "<http://www.w3.org/ns/prov#generatedAtTime> ?at } } }")
    for row in rows:
        kinds[row["kind"].value] += 1  # type: ignore[union-attr]
        doc = row["doc"].value  # type: ignore[union-attr]
        if "/id/document/" in doc:
            bases.add(doc.split("/id/document/", 1)[0] + "/")
        at = row.get("at")
        if at is not None and (last is None or at.value > last):  # type: ignore[union-attr]
            last = at.value  # type: ignore[union-attr]
    graphs = len(store.graphs())
    [count] = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    triples = int(count["n"].value)  # type: ignore[union-attr]
    return {
        "command": "info",
        "store": str(store.path) if store.path else getattr(store, "location", ":memory:"),
        "bytes_on_disk": _bytes_on_disk(store.path), "documents": sum(kinds.values()),
        "documents_by_kind": dict(sorted(kinds.items())), "graphs": graphs, "triples": triples,
        "last_load": last, "loaded_bases": sorted(bases), "base": base,
        "base_matches": not bases or bases == {base},
    }


def info_text(info: dict[str, Any]) -> str:
    """The same for people, one fact a line."""
    kinds = ", ".join(f"{n} {k}" for k, n in info["documents_by_kind"].items()) or "none"
    lines = [
        f"store        {info['store']}" + (f" ({info['bytes_on_disk'] / 1e6:.1f} MB on disk)"
                                           if not info["store"].startswith("http") else ""),
        f"documents    {info['documents']} ({kinds})",
        f"graphs       {info['graphs']} (one per document and reference file)",
        f"triples      {info['triples']:,}",
        f"last load    {info['last_load'] or 'never'}",
        f"base IRI     {', '.join(info['loaded_bases']) or '-'}",
    ]
    if not info["base_matches"]:
        lines.append(f"warning: the documents were loaded under another base IRI than this "
                     f"run's ({info['base']}); load again with --base, or serve with that base")
    return "\n".join(lines)


def _result(v: Violation) -> dict[str, Any]:
    return {"severity": v.severity, "focus": v.focus, "path": v.path, "message": v.message,
            "shape": v.shape}


def validation_entry(document: str, report: ValidationReport | None = None, *,
                     error: str | None = None) -> dict[str, Any]:
    """One document's result against the shapes (or why it could not be read)."""
    entry: dict[str, Any] = {
        "document": document, "conforms": report is not None and report.conforms,
        "violations": [_result(v) for v in report.violations] if report else [],
        "warnings": [_result(v) for v in report.warnings] if report else [],
    }
    if error is not None:
        entry["error"] = error
    return entry


def validation_summary(entries: list[dict[str, Any]],
                       conflicts: Sequence[Conflict] = ()) -> dict[str, Any]:
    """What `validate --json` prints: the documents' results and the conflicts between them."""
    return {"command": "validate", "documents": entries,
            "conforming": sum(e["conforms"] for e in entries),
            "conflicts": [{"thing": c.thing, "property": c.property,
                           "values": [{"value": v, "documents": list(docs)}
                                      for v, docs in c.values]} for c in conflicts]}
