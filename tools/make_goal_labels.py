"""Write ontology/goal-labels.ttl: the labels of the 17 SDGs and their 169 targets in the UN
languages other than English that the UN SDG Knowledge Organization System publishes
(../shared/reference/sdg-goals-targets.ttl: French and Spanish; it has no Arabic, Chinese or
Russian labels). Each goal gets the KOS's `skos:prefLabel` in that language (the goal as the
UN words it, which is also its `skos:definition`); each target gets "Cible 16.5 : ..." /
"Meta 16.5: ..." (the KOS's `skos:note` and `skos:prefLabel`, as the English label is
"Target 16.5: ...") and its wording as `skos:definition`. Run once when the source changes:

    python tools/make_goal_labels.py ../shared/reference/sdg-goals-targets.ttl
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
OUT = Path(__file__).resolve().parents[1] / "ontology" / "goal-labels.ttl"
#: The UN's six languages (English is in goals.ttl and sdg-targets.ttl).
LANGUAGES = ("ar", "zh", "fr", "ru", "es")
#: Between a target's note ("Cible 16.5") and its wording: French puts a space before a colon.
SEPARATOR = {"fr": " : "}


def _key(notation: str) -> tuple[int, int, str]:
    goal, _, target = notation.partition(".")
    return (int(goal), int(target) if target.isdigit() else (100 if target else -1), target)


def _literal(text: str, lang: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + f'"@{lang}'


def _by_language(kos: Graph, node: object, prop: object) -> dict[str, str]:
    return {o.language: str(o) for o in kos.objects(node, prop)
            if isinstance(o, Literal) and o.language in LANGUAGES}


def main(source: str) -> None:
    kos = Graph().parse(source, format="turtle")
    rows = []
    for cls in (SDGO.Goal, SDGO.Target):
        for node in kos.subjects(RDF.type, cls):
            notation = next(str(n) for n in kos.objects(node, SKOS.notation)
                            if str(getattr(n, "datatype", "")).endswith("SDGCodeCompact"))
            rows.append((notation, cls == SDGO.Goal, node))
    rows.sort(key=lambda r: _key(r[0]))
    lines = [
        "# The SDGs and their targets in the UN languages other than English that the UN SDG",
        "# Knowledge Organization System publishes (French, Spanish): reference data of cepa-kg",
        "# (graph {BASE}graph/goal-labels), written by tools/make_goal_labels.py from the SDG KOS",
        "# (http://metadata.un.org/sdg; LOD4Stats, commit 0ae578b, May 2020; Joshi et al., ESWC",
        "# 2021). The English labels are in goals.ttl and sdg-targets.ttl; the KOS has no Arabic,",
        "# Chinese or Russian labels, and no MDG is in it.",
        "#",
        "# IRIs are RELATIVE and there is no @base: the file is loaded with base_iri = BASE.",
        "",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
    ]
    languages: set[str] = set()
    for notation, is_goal, node in rows:
        labels = _by_language(kos, node, SKOS.prefLabel)
        notes = _by_language(kos, node, SKOS.note)
        if not labels:
            continue
        languages |= set(labels)
        iri = f"<id/goal/sdg-{notation}>" if is_goal else \
            f"<id/target/sdg-{notation.replace('.', '-')}>"
        facts = []
        for lang in sorted(labels):
            wording = labels[lang]
            pref = wording if is_goal or lang not in notes else \
                f"{notes[lang]}{SEPARATOR.get(lang, ': ')}{wording}"
            facts.append(f"skos:prefLabel {_literal(pref, lang)}")
            facts.append(f"skos:definition {_literal(wording, lang)}")
        lines.append(iri)
        lines += [f"    {fact} ;" for fact in facts[:-1]] + [f"    {facts[-1]} .", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{OUT}: {len(rows)} goals and targets, languages {', '.join(sorted(languages))}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/sdg-goals-targets.ttl")
