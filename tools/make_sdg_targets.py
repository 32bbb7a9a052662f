"""Write ontology/sdg-targets.ttl, the 169 SDG targets as cepa-kg reference data, from the UN SDG
Knowledge Organization System file (../shared/reference/sdg-goals-targets.ttl): English label
and notation kept as the SDG KOS gives them, `skos:exactMatch` to the UN's IRI, `skos:broader`
to the goal of goals.ttl. Run once when the source changes:

    python tools/make_sdg_targets.py ../shared/reference/sdg-goals-targets.ttl
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SKOS

SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
OUT = Path(__file__).resolve().parents[1] / "ontology" / "sdg-targets.ttl"


def _key(notation: str) -> tuple[int, int, str]:
    goal, target = notation.split(".")
    return (int(goal), int(target) if target.isdigit() else 100, target)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def main(source: str) -> None:
    kos = Graph().parse(source, format="turtle")
    rows = []
    for target in kos.subjects(RDF.type, SDGO.Target):
        notation = next(str(n) for n in kos.objects(target, SKOS.notation)
                        if str(getattr(n, "datatype", "")).endswith("SDGCodeCompact"))
        label = next(str(x) for x in kos.objects(target, SKOS.prefLabel) if x.language == "en")
        rows.append((notation, label, target))
    rows.sort(key=lambda r: _key(r[0]))
    lines = [
        "# The 169 targets of the Sustainable Development Goals: reference data of cepa-kg (graph",
        "# {BASE}graph/sdg-targets), written by tools/make_sdg_targets.py from the UN SDG Knowledge",
        "# Organization System (http://metadata.un.org/sdg; LOD4Stats, commit 0ae578b, May 2020;",
        "# Joshi et al., ESWC 2021): each target's English wording and notation as published there,",
        "# its UN IRI as skos:exactMatch, its goal of goals.ttl as skos:broader.",
        "#",
        "# IRIs are RELATIVE and there is no @base: the file is loaded with base_iri = BASE.",
        "",
        "@prefix cepa: <https://w3id.org/cepa-kg/def#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
    ]
    for notation, label, target in rows:
        goal = notation.split(".")[0]
        slug = notation.replace(".", "-")
        lines += [
            f"<id/target/sdg-{slug}>",
            "    a cepa:Target , skos:Concept ;",
            f"    rdfs:label {_literal(f'Target {notation}: {label}')} ;",
            f"    skos:prefLabel {_literal(f'Target {notation}: {label}')} ;",
            f"    skos:altLabel {_literal(f'SDG target {notation}')} ;",
            f'    skos:notation "{notation}" ;',
            f"    skos:definition {_literal(label)} ;",
            "    skos:inScheme <id/scheme/sdg> ;",
            f"    skos:broader <id/goal/sdg-{goal}> ;",
            f"    skos:exactMatch <{target}> .",
            "",
        ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{OUT}: {len(rows)} targets")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/sdg-goals-targets.ttl")
